/**
 * Versioning over HTTP: create a draft, edit it, publish it from a date (the previous version closes
 * the day before), read the version in force before and after that date, refuse overlapping windows
 * and edits of published versions, retire; drafts stay hidden from the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureVersion } from '../../src/modules/catalog/domain/procedure.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { admin, storedVersions } from './support.ts';

let t: TestApp;
let headers: { authorization: string };
const CODE = '1.000656'; // Đăng ký khai tử (real, in force from the demo horizon 2020-01-01)

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPublicPerMinute: 10_000 } });
  headers = await admin(t);
});
afterAll(async () => t?.close());

/** The content of a version, for a new draft (without the window and decision of the version it copies). */
const content = (v: ProcedureVersion) => {
  const { validFrom: _f, validTo: _t, decision: _d, version: _v, status: _s, ...rest } = v;
  return rest;
};

const get = async (url: string, h: Record<string, string> = {}) => t.app.inject({ url, headers: h });
const send = async (method: 'POST' | 'PUT', url: string, payload: object) =>
  t.app.inject({ method, url, headers, payload });

describe('draft → publish → the version in force by date', () => {
  let v1: ProcedureVersion;

  it('creates a draft (version 2) from the version in force and edits it', async () => {
    const res = await get(`/api/v1/procedures/${CODE}`);
    expect(res.statusCode, res.body).toBe(200);
    v1 = res.json() as ProcedureVersion;
    expect(v1).toMatchObject({
      code: CODE,
      version: 1,
      status: 'published',
      validFrom: '2020-01-01',
      validTo: null,
    });

    const created = await send('POST', '/api/v1/procedures', {
      ...content(v1),
      processingTime: { value: 2, unit: 'working_days' },
      fees: [{ name: 'Lệ phí đăng ký khai tử', amountVnd: 8000, appliesWhen: 'Đăng ký quá hạn' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, status: 'draft', validFrom: null, validTo: null });

    const edited = await send('PUT', `/api/v1/procedures/${CODE}/versions/2`, {
      ...content(v1),
      validFrom: '2026-04-01',
      processingTime: { value: 1, unit: 'working_days' },
      fees: [{ name: 'Lệ phí đăng ký khai tử', amountVnd: 8000, appliesWhen: 'Đăng ký quá hạn' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      status: 'draft',
      validFrom: '2026-04-01', // the intended start, used when publishing without a date
      processingTime: { value: 1 },
    });
  });

  it('hides the draft from the public but not from catalog.manage', async () => {
    const anonymous = await get(`/api/v1/procedures/${CODE}/versions`);
    expect(anonymous.json().items.map((v: ProcedureVersion) => v.version)).toEqual([1]);
    const clerk = await get(`/api/v1/procedures/${CODE}/versions`, bearer(await t.tokenFor('demo.clerk')));
    expect(clerk.json().items.map((v: ProcedureVersion) => v.version)).toEqual([1]);
    const staff = await get(`/api/v1/procedures/${CODE}/versions`, headers);
    expect(staff.json().items.map((v: ProcedureVersion) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect(staff.json().items[1]).toMatchObject({ createdBy: 'admin', publishedBy: null });

    expect((await get(`/api/v1/procedures/${CODE}/versions/1/diff/2`)).statusCode).toBe(404);
    const diff = await get(`/api/v1/procedures/${CODE}/versions/1/diff/2`, headers);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().changes).toContainEqual(
      expect.objectContaining({
        path: 'processingTime',
        labelVi: 'Thời hạn giải quyết',
        before: '0 ngày làm việc',
        after: '1 ngày làm việc',
      }),
    );
    expect(diff.json().changes).toContainEqual(
      expect.objectContaining({ path: 'fees[Lệ phí đăng ký khai tử]', after: '8.000 đ (Đăng ký quá hạn)' }),
    );
  });

  it('publishes from validFrom and closes version 1 the day before', async () => {
    const published = await send('POST', `/api/v1/procedures/${CODE}/versions/2/publish`, {
      decision: { number: '245/QĐ-UBND', date: '2026-03-20' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      version: 2,
      status: 'published',
      validFrom: '2026-04-01',
      validTo: null,
      decision: { number: '245/QĐ-UBND', date: '2026-03-20' },
    });
    const history = (await get(`/api/v1/procedures/${CODE}/versions`)).json().items as (ProcedureVersion & {
      publishedBy: string | null;
    })[];
    expect(history.map((v) => [v.version, v.status, v.validFrom, v.validTo])).toEqual([
      [1, 'published', '2020-01-01', '2026-03-31'],
      [2, 'published', '2026-04-01', null],
    ]);
    expect(history[1]?.publishedBy).toBe('admin');
  });

  it('answers the right version before and after the date', async () => {
    const at = async (date?: string) =>
      (await get(`/api/v1/procedures/${CODE}${date ? `?at=${date}` : ''}`)).json() as ProcedureVersion;
    expect((await at()).version).toBe(1); // today is 2026-03-02
    expect((await at('2026-03-31')).version).toBe(1);
    expect(await at('2026-04-01')).toMatchObject({ version: 2, processingTime: { value: 1 } });
    expect((await at('2030-01-01')).version).toBe(2);
    const before = await get(`/api/v1/procedures/${CODE}?at=2019-12-31`);
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('PROCEDURE_NOT_IN_FORCE');

    // Search and the dossiers' procedure source follow the dates too.
    const hit = (await get('/api/v1/procedures?q=dang+ky+khai+tu&at=2026-04-01')).json().items[0];
    expect(hit).toMatchObject({ code: CODE, version: 2, processingTime: { value: 1 } });
    const sourced = await t.app.services.procedures.versionInForce(CODE, '2026-04-02');
    expect(sourced?.version.version).toBe(2);
    expect((await t.app.services.procedures.versionById(sourced?.id ?? ''))?.version).toMatchObject({
      code: CODE,
      version: 2,
    });
    expect((await t.app.services.procedures.versionInForce(CODE, '2026-03-31'))?.version.version).toBe(1);
  });

  it('refuses a window that overlaps another version (409 CATALOG_VERSION_OVERLAP), changing nothing', async () => {
    const draft = await send('POST', '/api/v1/procedures', { ...content(v1), name: `${v1.name} (sửa đổi)` });
    expect(draft.json().version).toBe(3);
    const rows = await storedVersions(t);
    // Back-dated before version 2 starts: version 1 would close, but the open window would cover version 2's.
    const overlap = await send('POST', `/api/v1/procedures/${CODE}/versions/3/publish`, {
      validFrom: '2026-02-01',
    });
    expect(overlap.statusCode, overlap.body).toBe(409);
    expect(overlap.json()).toMatchObject({
      code: 'CATALOG_VERSION_OVERLAP',
      details: { rule: 'VALIDITY_OVERLAP', conflictingVersion: 2 },
    });
    const history = (await get(`/api/v1/procedures/${CODE}/versions`, headers)).json()
      .items as ProcedureVersion[];
    expect(history.map((v) => [v.version, v.status, v.validTo])).toEqual([
      [1, 'published', '2026-03-31'],
      [2, 'published', null],
      [3, 'draft', null],
    ]);
    expect(await storedVersions(t)).toBe(rows);
    const missingDate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/procedures/${CODE}/versions/3/publish`,
      headers, // no body at all: the draft's own start, which it does not have
    });
    expect(missingDate.statusCode).toBe(422);
    expect(missingDate.json().code).toBe('CATALOG_VALID_FROM_REQUIRED');
  });

  it('refuses to edit or publish a published version (409)', async () => {
    const edit = await send('PUT', `/api/v1/procedures/${CODE}/versions/2`, { ...v1, name: 'Tên mới' });
    expect(edit.statusCode, edit.body).toBe(409);
    expect(edit.json().code).toBe('CATALOG_VERSION_NOT_DRAFT');
    const again = await send('POST', `/api/v1/procedures/${CODE}/versions/1/publish`, {
      validFrom: '2027-01-01',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CATALOG_VERSION_NOT_DRAFT');
    const unknown = await send('PUT', `/api/v1/procedures/${CODE}/versions/9`, v1);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CATALOG_VERSION_NOT_FOUND');
    const otherCode = await send('PUT', `/api/v1/procedures/${CODE}/versions/3`, { ...v1, code: '1.001193' });
    expect(otherCode.statusCode).toBe(400);
  });

  it('retires a version after its last day; a date inside its window still resolves to it', async () => {
    const outside = await send('POST', `/api/v1/procedures/${CODE}/versions/2/retire`, {
      lastDay: '2026-03-01',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('CATALOG_RETIRE_DATE_INVALID');
    const retired = await send('POST', `/api/v1/procedures/${CODE}/versions/2/retire`, {
      lastDay: '2026-12-31',
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({
      status: 'retired',
      validFrom: '2026-04-01',
      validTo: '2026-12-31',
    });
    expect((await get(`/api/v1/procedures/${CODE}?at=2026-06-01`)).json()).toMatchObject({
      version: 2,
      status: 'retired',
    });
    const after = await get(`/api/v1/procedures/${CODE}?at=2027-01-01`);
    expect(after.statusCode).toBe(404);
    expect(after.json().code).toBe('PROCEDURE_NOT_IN_FORCE');
    const twice = await send('POST', `/api/v1/procedures/${CODE}/versions/2/retire`, {
      lastDay: '2026-12-30',
    });
    expect(twice.json().code).toBe('CATALOG_VERSION_NOT_PUBLISHED');
  });

  it('recorded every change in the audit chain', async () => {
    const verified = await verifyAuditChain(t.db.database.db);
    expect(verified.ok).toBe(true);
    const audit = await get('/api/v1/audit/verify', headers);
    expect(audit.json().ok).toBe(true);
  });
});

describe('a new procedure code', () => {
  const draft = {
    code: '1.999001',
    name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
    levels: ['commune'],
    field: 'Hộ tịch',
    agency: { code: 'UBND-XA', name: 'Ủy ban nhân dân cấp xã' },
    processingTime: { value: 3, unit: 'working_days' },
    result: { name: 'Giấy xác nhận', kind: 'paper' },
    onlineLevel: 'partial',
    postal: { sendDossier: true, receiveResult: false },
  };

  it('starts at version 1 as a draft that nobody outside the catalog staff can see', async () => {
    const created = await send('POST', '/api/v1/procedures', draft);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      version: 1,
      status: 'draft',
      fees: [],
      documents: [],
      oneStop: true,
    });
    const page = await get('/api/v1/procedures/1.999001');
    expect(page.statusCode).toBe(404);
    expect(page.json().code).toBe('PROCEDURE_NOT_FOUND');
    expect((await get('/api/v1/procedures/1.999001/versions')).statusCode).toBe(404);
    expect((await get('/api/v1/procedures?q=1.999001')).json().total).toBe(0);
    const published = await send('POST', '/api/v1/procedures/1.999001/versions/1/publish', {
      validFrom: '2026-03-02',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect((await get('/api/v1/procedures?q=thu+nghiem+cap+giay+xac+nhan')).json().items[0].code).toBe(
      '1.999001',
    );
  });

  it('reports every problem of an invalid version (422 CATALOG_VERSION_INVALID)', async () => {
    const res = await send('POST', '/api/v1/procedures', {
      ...draft,
      code: '1.99',
      name: ' ',
      cutoffTime: '25:00',
      fees: [{ name: 'Lệ phí', amountVnd: -5 }],
      steps: [
        { name: 'Tiếp nhận', sharePercent: 10 },
        { name: 'Giải quyết', sharePercent: 20 },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('CATALOG_VERSION_INVALID');
    expect(res.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code])).toEqual(
      expect.arrayContaining([
        ['code', 'INVALID_PROCEDURE_CODE'],
        ['name', 'REQUIRED'],
        ['cutoffTime', 'INVALID_TIME'],
        ['fees[0].amountVnd', 'OUT_OF_RANGE'],
        ['steps', 'STEP_SHARES_NOT_100'],
      ]),
    );
    const shape = await send('POST', '/api/v1/procedures', { ...draft, levels: ['hamlet'], extra: 1 });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().code).toBe('VALIDATION_FAILED');
  });
});
