/**
 * Post-office operations over HTTP, on a real database with the demo data: the 2022 coverage with
 * staffing (and its XLSX read back with exceljs), staff and effective-dated assignments, training,
 * inspections with the open → closed corrective actions, clerk figures with the median counter time,
 * and the public transparency figures. Every change leaves its audit event.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { auditEventsFor } from '../../src/modules/audit/audit.repository.ts';
import { dossierRatings, dossiers } from '../../src/adapters/db/schema.ts';
import {
  act,
  dossierIn,
  LONG_SESSIONS,
  post,
  receiveAtCounter,
  registerProcedure,
} from '../dossiers/builders.ts';
import { HEADER_ROW } from '../../src/modules/operations/exports.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
});
afterAll(async () => t.close());

const as = async (user: string) => bearer(await t.tokenFor(user));
async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > HEADER_ROW) out.push((row.values as unknown[]).slice(1));
  });
  return out;
};

type Coverage = {
  at: string;
  province: { post: number; total: number };
  district: { post: number; total: number };
  commune: { post: number; total: number };
  staffing: { postStaff: number; agencyStaff: number; byAgency: Record<string, number> };
  servicePoints: {
    code: string;
    operator: string;
    postStaff: number;
    agencyStaff: number;
    byAgency: Record<string, number>;
    assignedPost: number;
    assignedAgency: number;
  }[];
};

describe('coverage with staffing (the 2022 scenario)', () => {
  it('reports 1/1, 17/17, 14/220 with staffing per service point that adds up to the totals', async () => {
    const res = await t.app.inject({
      url: '/api/v1/reports/coverage?at=2022-09-14',
      headers: await as('demo.manager'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Coverage;
    expect([c.province, c.district, c.commune]).toEqual([
      { post: 1, total: 1 },
      { post: 17, total: 17 },
      { post: 14, total: 220 },
    ]);
    // Demo headcounts: 20 post staff at the centre, 4 per district, 1 per post-run commune; BHXH and
    // Công an keep 3 each at the centre and 1 each per district.
    expect(c.staffing).toEqual({
      postStaff: 20 + 17 * 4 + 14,
      agencyStaff: 6 + 17 * 2,
      byAgency: { 'BHXH-TINH': 3 + 17, 'CONG-AN-TINH': 3 + 17 },
    });
    expect(c.servicePoints).toHaveLength(1 + 17 + 220);
    const sum = (f: (p: Coverage['servicePoints'][number]) => number) =>
      c.servicePoints.reduce((s, p) => s + f(p), 0);
    expect(sum((p) => p.postStaff)).toBe(c.staffing.postStaff);
    expect(sum((p) => p.agencyStaff)).toBe(c.staffing.agencyStaff);
    expect(sum((p) => p.byAgency['BHXH-TINH'] ?? 0)).toBe(c.staffing.byAgency['BHXH-TINH']);
    const centre = c.servicePoints.find((p) => p.code === 'H21.64')!;
    expect(centre).toMatchObject({
      operator: 'post',
      postStaff: 20,
      agencyStaff: 6,
      byAgency: { 'BHXH-TINH': 3, 'CONG-AN-TINH': 3 },
      assignedPost: 1, // demo: Nguyễn Thị Tiếp Nhận, counter 3
      assignedAgency: 2, // one BHXH, one Công an person
    });
    expect(c.servicePoints.find((p) => p.code === 'H21.23779')).toMatchObject({
      postStaff: 1,
      agencyStaff: 0,
    });
  });

  it('moves the named staff to the new centre on 1 July 2025', async () => {
    const c = (
      await t.app.inject({ url: '/api/v1/reports/coverage?at=2025-07-01', headers: await as('demo.manager') })
    ).json() as Coverage;
    expect(c.servicePoints.find((p) => p.code === 'H21.64')).toBeUndefined();
    expect(c.servicePoints.find((p) => p.code === 'H21.52')).toMatchObject({
      assignedPost: 1,
      assignedAgency: 2,
    });
  });

  it('exports the same numbers to XLSX (numbers as numbers, Vietnamese headers) and to PDF', async () => {
    const headers = await as('demo.manager');
    const json = (
      await t.app.inject({ url: '/api/v1/reports/coverage?at=2022-09-14', headers })
    ).json() as Coverage;
    const res = await t.app.inject({ url: '/api/v1/reports/coverage?at=2022-09-14&format=xlsx', headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readXlsx(res.rawPayload);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(HEADER_ROW).getCell(2).value).toBe('Do Bưu điện đảm nhận');
    expect(rowsOf(summary)).toEqual([
      ['Tỉnh', json.province.post, json.province.total],
      ['Huyện', json.district.post, json.district.total],
      ['Xã', json.commune.post, json.commune.total],
    ]);
    expect(rowsOf(wb.getWorksheet('Nhân sự tổng hợp')!)).toEqual([
      ['Nhân viên Bưu điện', json.staffing.postStaff],
      ['Cán bộ cơ quan (giữ nhân sự riêng)', json.staffing.agencyStaff],
      ['Trong đó BHXH-TINH', json.staffing.byAgency['BHXH-TINH']],
      ['Trong đó CONG-AN-TINH', json.staffing.byAgency['CONG-AN-TINH']],
    ]);
    const points = wb.getWorksheet('Nhân sự theo bộ phận')!;
    const header = (points.getRow(HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Mã',
      'Bộ phận một cửa',
      'Cấp',
      'Đơn vị vận hành',
      'Nhân viên Bưu điện',
      'Cán bộ cơ quan',
      'Trong đó BHXH-TINH',
      'Trong đó CONG-AN-TINH',
      'Nhân viên Bưu điện đã phân công',
      'Cán bộ cơ quan đã phân công',
    ]);
    const rows = rowsOf(points);
    expect(rows).toHaveLength(1 + 17 + 14); // the post-run points (government-run communes have no staff)
    for (const row of rows) {
      const p = json.servicePoints.find((s) => s.code === row[0])!;
      expect(row.slice(4)).toEqual([
        p.postStaff,
        p.agencyStaff,
        p.byAgency['BHXH-TINH'] ?? 0,
        p.byAgency['CONG-AN-TINH'] ?? 0,
        p.assignedPost,
        p.assignedAgency,
      ]);
    }
    expect(rows.reduce((s, r) => s + (r[4] as number), 0)).toBe(json.staffing.postStaff);
    const pdf = await t.app.inject({ url: '/api/v1/reports/coverage?at=2022-09-14&format=pdf', headers });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('staff and effective-dated assignments', () => {
  let staffId = '';

  it('adds a staff member and assigns them from a date; the audit trail has both', async () => {
    const headers = await as('demo.manager');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/staff',
      headers,
      payload: { fullName: 'Ksor H’Nhi', employer: 'agency', agencyCode: 'BHXH-TINH' },
    });
    expect(created.statusCode, created.body).toBe(201);
    staffId = (created.json() as { id: string }).id;
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/staff/${staffId}/assignments`,
      headers,
      payload: { servicePointCode: 'H21.52', counterNo: 13, validFrom: '2026-03-01' },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const on = async (at: string) =>
      (
        (
          await t.app.inject({ url: `/api/v1/operations/assignments?at=${at}&servicePoint=H21.52`, headers })
        ).json() as { items: { staffId: string }[] }
      ).items.map((i) => i.staffId);
    expect(await on('2026-02-28')).not.toContain(staffId);
    expect(await on('2026-03-01')).toContain(staffId);
    const coverage = (
      await t.app.inject({ url: '/api/v1/reports/coverage?at=2026-03-01', headers })
    ).json() as Coverage;
    expect(coverage.servicePoints.find((p) => p.code === 'H21.52')?.assignedAgency).toBe(3);
    const audit = await auditEventsFor(t.db.database.db, 'staff_member', staffId);
    expect(audit.map((a) => a.action)).toEqual(['operations.staff.created', 'operations.staff.assigned']);
  });

  it('refuses bad input with every problem and writes nothing', async () => {
    const headers = await as('demo.manager');
    const before = (await t.app.inject({ url: '/api/v1/operations/staff', headers })).json() as {
      items: unknown[];
    };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/staff',
      headers,
      payload: { fullName: '  ', employer: 'agency' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const names = (bad.json() as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['fullName', 'agencyCode']));
    const unknownSp = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/staff/${staffId}/assignments`,
      headers,
      payload: { servicePointCode: 'H21.NOPE', validFrom: '2026-03-01' },
    });
    expect(unknownSp.json()).toMatchObject({ code: 'SERVICE_POINT_NOT_FOUND' });
    const closedSp = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/staff/${staffId}/assignments`,
      headers,
      payload: { servicePointCode: 'H21.64', validFrom: '2026-03-01' },
    });
    expect(closedSp.statusCode).toBe(400);
    const after = (await t.app.inject({ url: '/api/v1/operations/staff', headers })).json() as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('lets the auditor read but not write, and keeps clerks out', async () => {
    expect(
      (await t.app.inject({ url: '/api/v1/operations/staff', headers: await as('demo.auditor') })).statusCode,
    ).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/staff',
      headers: await as('demo.auditor'),
      payload: { fullName: 'X', employer: 'post' },
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/operations/staff', headers: await as('demo.clerk') })).statusCode,
    ).toBe(403);
  });
});

describe('scoped managers', () => {
  it('see and edit only the service points of their unit, and not the province-wide registers', async () => {
    const admin = await as('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'manager.iakrai',
        password: 'long-enough-password',
        fullName: 'Quản lý Ia Krái',
        roles: [{ role: 'manager', scope: { servicePoint: 'H21.52.23776' } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const headers = bearer(await t.tokenFor('manager.iakrai', 'long-enough-password'));
    const list = await t.app.inject({ url: '/api/v1/operations/inspections?at=2026-03-02', headers });
    expect(list.statusCode).toBe(200);
    const codes = (list.json() as { items: { servicePointCode: string }[] }).items.map(
      (i) => i.servicePointCode,
    );
    expect(codes).not.toContain('H21.52'); // the demo inspection of the provincial centre
    expect(
      (await t.app.inject({ url: '/api/v1/operations/inspections?servicePoint=H21.52', headers })).statusCode,
    ).toBe(403);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/inspections',
      headers,
      payload: { inspectedOn: '2026-03-02', inspector: 'X', servicePointCode: 'H21.52', findings: 'Y' },
    });
    expect(other.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/inspections',
      headers,
      payload: { inspectedOn: '2026-03-02', inspector: 'X', servicePointCode: 'H21.52.23776', findings: 'Y' },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((await t.app.inject({ url: '/api/v1/operations/staff', headers })).statusCode).toBe(403);
  });
});

describe('training records', () => {
  it('records training per staff member and lists it per staff member and per field', async () => {
    const headers = await as('demo.admin');
    const staff = (await t.app.inject({ url: '/api/v1/operations/staff', headers })).json() as {
      items: { id: string; username: string | null }[];
    };
    const clerk = staff.items.find((s) => s.username === 'demo.clerk')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/training',
      headers,
      payload: {
        staffId: clerk.id,
        course: 'Nghiệp vụ bảo trợ xã hội',
        organiser: 'Sở Lao động – Thương binh và Xã hội',
        hours: 8,
        completedOn: '2026-02-20',
        certificateNo: 'LĐ-26-01',
        fields: ['Bảo trợ xã hội'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const byStaff = (
      await t.app.inject({ url: `/api/v1/operations/training?staff=${clerk.id}`, headers })
    ).json() as { items: { course: string }[] };
    expect(byStaff.items.map((i) => i.course)).toEqual([
      'Nghiệp vụ bảo trợ xã hội',
      'Bồi dưỡng kỹ năng tiếp nhận và trả kết quả theo cơ chế một cửa',
    ]);
    const byField = (
      await t.app.inject({
        url: `/api/v1/operations/training?field=${encodeURIComponent('Hộ tịch')}`,
        headers,
      })
    ).json() as { items: { fullName: string }[] };
    expect(byField.items.map((i) => i.fullName).sort()).toEqual(['Nguyễn Thị Tiếp Nhận', 'Rơ Châm H’Bia']);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/training',
      headers,
      payload: {
        staffId: '00000000-0000-4000-8000-000000000999',
        course: 'X',
        organiser: 'Y',
        hours: 1,
        completedOn: '2026-02-20',
        fields: ['Hộ tịch'],
      },
    });
    expect(missing.json()).toMatchObject({ code: 'OPERATIONS_STAFF_NOT_FOUND' });
  });
});

describe('inspections and corrective actions', () => {
  it('opens actions with deadlines, flags them overdue on a later date, closes them once', async () => {
    const headers = await as('demo.manager');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/inspections',
      headers,
      payload: {
        inspectedOn: '2026-03-02',
        inspector: 'Bưu điện tỉnh Gia Lai',
        servicePointCode: 'H21.52.23776',
        findings: 'Chưa niêm yết số điện thoại đường dây nóng.',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const inspection = created.json() as { id: string };
    const action = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/inspections/${inspection.id}/actions`,
      headers,
      payload: {
        description: 'Niêm yết số đường dây nóng',
        responsible: 'Rơ Châm H’Bia',
        dueOn: '2026-03-06',
      },
    });
    expect(action.statusCode, action.body).toBe(201);
    const { id: actionId } = action.json() as { id: string };
    const on = async (at: string) =>
      (
        await t.app.inject({ url: `/api/v1/operations/inspections/${inspection.id}?at=${at}`, headers })
      ).json() as {
        actions: { status: string; overdue: boolean }[];
        overdueActions: number;
      };
    expect((await on('2026-03-06')).actions[0]).toMatchObject({ status: 'open', overdue: false });
    expect(await on('2026-03-07')).toMatchObject({ overdueActions: 1, actions: [{ overdue: true }] });
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/actions/${actionId}/close`,
      headers,
      payload: { closedOn: '2026-03-01', note: 'x' },
    });
    expect(early.statusCode).toBe(400); // before the inspection
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/actions/${actionId}/close`,
      headers,
      payload: { closedOn: '2026-03-09', note: 'Đã niêm yết.' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2026-03-09', overdue: false });
    expect((await on('2026-04-01')).actions[0]).toMatchObject({ status: 'closed', overdue: false });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/actions/${actionId}/close`,
      headers,
      payload: { closedOn: '2026-03-10', note: 'again' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'OPERATIONS_ACTION_TRANSITION_INVALID' });
    const audit = await auditEventsFor(t.db.database.db, 'inspection', inspection.id);
    expect(audit.map((a) => a.action)).toEqual([
      'operations.inspection.recorded',
      'operations.action.opened',
      'operations.action.closed',
    ]);
  });

  it('lists the demo inspection with its overdue action', async () => {
    const res = await t.app.inject({
      url: '/api/v1/operations/inspections?servicePoint=H21.52&at=2026-03-02',
      headers: await as('demo.auditor'),
    });
    expect(res.json()).toMatchObject({ items: [{ openActions: 1, overdueActions: 1 }] });
  });
});

describe('clerk figures and public transparency', () => {
  let onTimeCode = '';
  beforeAll(async () => {
    await registerProcedure(t);
    onTimeCode = await dossierIn(t, 'returned'); // received and returned by demo.clerk, on time
    const late = await receiveAtCounter(t);
    await act(t, 'demo.clerk', late, { action: 'forward' });
    t.clock.advance(20 * 86_400_000); // far past the 5 working days
    await act(t, 'demo.officer', late, { action: 'complete', result: { kind: 'paper', number: 'LLTP-002' } });
    const [d] = await t.db.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(sql`${dossiers.code} = ${onTimeCode}`);
    await t.db.database.db.insert(dossierRatings).values({
      dossierId: d!.id,
      servicePointCode: 'H21.52',
      rating: 'satisfied',
      channel: 'counter',
      ratedAt: t.clock.now(),
    });
  });

  it('counts received and returned dossiers per clerk and the median counter time', async () => {
    const start = new Date('2026-03-02T02:00:00Z').getTime();
    for (const seconds of [300, 60, 120]) {
      const res = await post(t, 'demo.clerk', '/api/v1/operations/counter-sessions', {
        servicePointCode: 'H21.52',
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + seconds * 1000).toISOString(),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const other = await post(t, 'demo.clerk', '/api/v1/operations/counter-sessions', {
      servicePointCode: 'H21.52.23776',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 1000).toISOString(),
    });
    expect(other.statusCode).toBe(403); // not the clerk's counter
    const res = await t.app.inject({
      url: '/api/v1/operations/clerk-figures?from=2026-03-01&to=2026-03-31',
      headers: await as('demo.manager'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const clerk = (res.json() as { items: { username: string }[] }).items.find(
      (i) => i.username === 'demo.clerk',
    );
    expect(clerk).toEqual({
      username: 'demo.clerk',
      name: 'Nguyễn Thị Tiếp Nhận',
      received: 2,
      returned: 1,
      counterSessions: 3,
      medianCounterSeconds: 120,
    });
    const xlsx = await t.app.inject({
      url: '/api/v1/operations/clerk-figures?from=2026-03-01&to=2026-03-31&format=xlsx',
      headers: await as('demo.manager'),
    });
    const row = rowsOf((await readXlsx(xlsx.rawPayload)).worksheets[0]!).find((r) => r[0] === 'demo.clerk');
    expect(row).toEqual(['demo.clerk', 'Nguyễn Thị Tiếp Nhận', 2, 1, 3, 2]);
  });

  it('publishes per service point and agency: resolved, on-time rate and satisfaction, without login', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/transparency?from=2026-03-01&to=2026-03-31' });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as {
      servicePoints: {
        code: string;
        resolved: number;
        onTime: number;
        onTimeRate: number;
        satisfactionRate: number | null;
      }[];
      agencies: { code: string; resolved: number; onTimeRate: number; satisfactionRate: number | null }[];
    };
    expect(v.servicePoints).toEqual([
      {
        code: 'H21.52',
        name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
        resolved: 2,
        onTime: 1,
        onTimeRate: 50,
        satisfactionRate: 100,
      },
    ]);
    expect(v.agencies).toEqual([
      expect.objectContaining({
        code: 'SO-TU-PHAP',
        resolved: 2,
        onTime: 1,
        onTimeRate: 50,
        satisfactionRate: 100,
      }),
    ]);
    const xlsx = await t.app.inject({
      url: '/api/v1/public/transparency?from=2026-03-01&to=2026-03-31&format=xlsx',
    });
    const wb = await readXlsx(xlsx.rawPayload);
    expect(rowsOf(wb.getWorksheet('Theo bộ phận một cửa')!)[0]).toEqual([
      'H21.52',
      'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
      2,
      1,
      50,
      100,
    ]);
    const empty = (
      await t.app.inject({ url: '/api/v1/public/transparency?from=2026-01-01&to=2026-01-31' })
    ).json() as { servicePoints: unknown[] };
    expect(empty.servicePoints).toEqual([]);
    const bad = await t.app.inject({ url: '/api/v1/public/transparency?from=2026-03-31&to=2026-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name: 'to' }] });
  });

  it('lists clerks who received dossiers of a field they have no training for, until they are trained', async () => {
    const headers = await as('demo.manager');
    const needs = async () =>
      (
        (
          await t.app.inject({
            url: '/api/v1/operations/training-needs?from=2026-03-01&to=2026-03-31',
            headers,
          })
        ).json() as { items: unknown[] }
      ).items;
    expect(await needs()).toEqual([{ username: 'demo.clerk', field: 'Lý lịch tư pháp', dossiers: 2 }]);
    const staff = (await t.app.inject({ url: '/api/v1/operations/staff', headers })).json() as {
      items: { id: string; username: string | null }[];
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/training',
      headers,
      payload: {
        staffId: staff.items.find((s) => s.username === 'demo.clerk')!.id,
        course: 'Nghiệp vụ lý lịch tư pháp',
        organiser: 'Sở Tư pháp tỉnh Gia Lai',
        hours: 8,
        completedOn: '2026-03-20',
        fields: ['Lý lịch tư pháp'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await needs()).toEqual([]);
  });
});
