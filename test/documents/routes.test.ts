/**
 * The documents API on a real app (both engines): the forms of a dossier as PDF in the set of its
 * receipt date, the guidance and refusal forms of an intake, the register as XLSX and PDF, and who
 * may read them (scope as for the dossier; every read of personal data is audited).
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/adapters/db/schema.ts';
import { REGISTER_HEADER_ROW, REGISTER_SHEET } from '../../src/modules/documents/register-xlsx.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  act,
  get,
  intakeBody,
  LONG_SESSIONS,
  ORGANISATION,
  PERSON,
  post,
  procedureVersion,
  receiveAtCounter as receiveWith,
} from '../dossiers/builders.ts';
import { pdfText } from './pdf-support.ts';
import { provideProcedure } from './procedure-fixture.ts';

let t: TestApp;
/** The builders' procedure (Sở Tư pháp, 5 working days) under a code of this test's own. */
const PROCEDURE = '1.001193.DOC';
/** The same, in force since 2024: a dossier received before 1 July 2025 uses the 2018 form set. */
const OLD_PROCEDURE = '1.001193.OLD';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS }); // Monday 09:00 in Vietnam
  await provideProcedure(t, procedureVersion({ code: PROCEDURE }));
  await provideProcedure(t, procedureVersion({ code: OLD_PROCEDURE, validFrom: '2024-01-01' }));
});

const receiveAtCounter = (app: TestApp, overrides: Record<string, unknown> = {}) =>
  receiveWith(app, { procedureCode: PROCEDURE, ...overrides });
afterAll(async () => t?.close());

const formUrl = (code: string, no: string) => `/api/v1/dossiers/${code}/forms/${no}.pdf`;

describe('forms of a dossier', () => {
  let code: string;
  beforeAll(async () => {
    code = await receiveAtCounter(t);
  });

  it('prints Mẫu 01 with the code and the appointment (5 working days: Monday 09/03 09:00)', async () => {
    const res = await get(t, 'demo.clerk', formUrl(code, '01'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${code}-mau-01.pdf"`);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(code);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('09 giờ 00 phút, ngày 09/03/2026'); // the appointment
    expect(text).toContain('09 giờ 00 phút, ngày 02/03/2026'); // received
    expect(text).toContain(PERSON.fullName);
  });

  it('audits the read of personal data, with the form as purpose', async () => {
    const rows = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), eq(auditEvents.action, 'personal-data.read')));
    expect(rows.map((r) => (r.change as { purpose?: string }).purpose)).toContain('form:01');
  });

  it('answers 404 DOSSIER_FORM_NOT_AVAILABLE for a form the dossier has not reached', async () => {
    for (const no of ['02', '03', '04', '05']) {
      const res = await get(t, 'demo.clerk', formUrl(code, no));
      expect(res.statusCode, `${no}: ${res.body}`).toBe(404);
      expect(res.json()).toMatchObject({ code: 'DOSSIER_FORM_NOT_AVAILABLE' });
    }
  });

  it('prints 02 after a supplement request, 04 after an apology and 06 (control slip of 2025) with the hand-overs', async () => {
    const other = await receiveAtCounter(t);
    await act(t, 'demo.clerk', other, { action: 'forward' });
    await act(t, 'demo.officer', other, {
      action: 'request-supplement',
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu'],
    });
    const supplement = await get(t, 'demo.officer', formUrl(other, '02'));
    expect(supplement.statusCode, supplement.body).toBe(200);
    expect(await pdfText(supplement.rawPayload)).toContain('Bản sao sổ hộ khẩu');
    await act(t, 'demo.clerk', other, { action: 'supplement' });
    await act(t, 'demo.officer', other, {
      action: 'apologize',
      reason: 'Cần xác minh thêm',
      newDueAt: '2026-03-20T17:00:00+07:00',
    });
    const apology = await get(t, 'demo.clerk', formUrl(other, '04'));
    expect(apology.statusCode, apology.body).toBe(200);
    const apologyText = await pdfText(apology.rawPayload);
    expect(apologyText).toContain('Cần xác minh thêm');
    expect(apologyText).toContain('17 giờ 00 phút, ngày 20/03/2026');
    const slip = await get(t, 'demo.manager', formUrl(other, '06'));
    expect(slip.statusCode, slip.body).toBe(200);
    expect(await pdfText(slip.rawPayload)).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
  });

  it('rejects a form number outside 01–07 and an unknown dossier', async () => {
    const bad = await get(t, 'demo.clerk', formUrl(code, '08'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missing = await get(t, 'demo.clerk', formUrl('H21.52-260302-9999', '01'));
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
  });

  it('answers a clerk of another service point 404 as for an unknown code, and lets the agency’s officer and a manager read', async () => {
    const other = await get(t, 'demo.clerk.iakrai', formUrl(code, '01'));
    expect(other.statusCode).toBe(404); // no existence oracle (docs/security.md, "403 or 404")
    expect(other.json()).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
    expect((await get(t, 'demo.officer', formUrl(code, '01'))).statusCode).toBe(200);
    expect((await get(t, 'demo.manager', formUrl(code, '01'))).statusCode).toBe(200);
    const anonymous = await t.app.inject({ url: formUrl(code, '01') });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('a dossier received before 1 July 2025 keeps the TT 01/2018 forms', () => {
  let code: string;
  beforeAll(async () => {
    // H21.64 is the provincial centre of the old Gia Lai (until 30/06/2025); its clerk is made for this test.
    const admin = await t.tokenFor('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        username: 'clerk.h2164',
        password: 'long-enough-password',
        fullName: 'Rơ Châm Thị Hà',
        roles: [{ role: 'clerk', scope: { servicePoint: 'H21.64' } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.tokenFor('clerk.h2164', 'long-enough-password');
    t.clock.set('2025-06-02T02:00:00Z'); // Monday 09:00
    try {
      const res = await post(
        t,
        'clerk.h2164',
        '/api/v1/dossiers',
        intakeBody({ procedureCode: OLD_PROCEDURE, servicePointCode: 'H21.64' }),
      );
      expect(res.statusCode, res.body).toBe(201);
      code = (res.json() as { code: string }).code;
    } finally {
      t.clock.set('2026-03-02T02:00:00Z');
    }
  });

  it('prints 01 with the circular reference, 05 as the control slip, and has no 07', async () => {
    const receipt = await pdfText((await get(t, 'clerk.h2164', formUrl(code, '01'))).rawPayload);
    expect(receipt).toContain('TT 01/2018/TT-VPCP');
    expect(receipt).toContain('09 giờ 00 phút, ngày 09/06/2025');
    const slip = await get(t, 'demo.manager', formUrl(code, '05'));
    expect(slip.statusCode, slip.body).toBe(200);
    expect(await pdfText(slip.rawPayload)).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    const none = await get(t, 'demo.manager', formUrl(code, '07'));
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'DOSSIER_FORM_NOT_AVAILABLE' });
  });
});

describe('forms of an intake that made no dossier', () => {
  it('prints Mẫu 02 of a guidance with what is missing', async () => {
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ procedureCode: PROCEDURE, documents: [{ index: 1, form: 'original', count: 1 }] }),
    );
    expect(res.statusCode, res.body).toBe(422);
    const id = (res.json() as { details: { guidanceId: string } }).details.guidanceId;
    const pdf = await get(t, 'demo.clerk', `/api/v1/intake-records/${id}/form.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Căn cước công dân');
    expect((await get(t, 'demo.clerk.iakrai', `/api/v1/intake-records/${id}/form.pdf`)).statusCode).toBe(404);
  });

  it('prints Mẫu 03 of a refusal with its reason', async () => {
    const {
      documents: _d,
      returnMethod: _r,
      ...base
    } = intakeBody({ procedureCode: PROCEDURE, applicant: ORGANISATION });
    const res = await post(t, 'demo.clerk', '/api/v1/intake-refusals', {
      ...base,
      reason: 'Thủ tục không thuộc thẩm quyền',
    });
    expect(res.statusCode, res.body).toBe(201);
    const pdf = await get(
      t,
      'demo.clerk',
      `/api/v1/intake-records/${(res.json() as { id: string }).id}/form.pdf`,
    );
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Thủ tục không thuộc thẩm quyền');
  });
});

describe('the register of a service point', () => {
  const day = '2026-03-03';
  const codes: string[] = [];
  beforeAll(async () => {
    t.clock.set('2026-03-03T01:00:00Z'); // Tuesday 08:00
    codes.push(await receiveAtCounter(t));
    t.clock.advance(15 * 60_000);
    codes.push(await receiveAtCounter(t, { applicant: ORGANISATION }));
    t.clock.advance(15 * 60_000);
    codes.push(await receiveAtCounter(t, { applicant: { ...PERSON, fullName: 'Siu H’Mai' } }));
    t.clock.set('2026-03-03T09:00:00Z');
  });

  const url = (format: string, sp = 'H21.52') =>
    `/api/v1/registers?servicePoint=${sp}&from=${day}&to=${day}&format=${format}`;

  it('exports XLSX whose rows are exactly the dossiers received that day', async () => {
    const res = await get(t, 'demo.clerk', url('xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="so-theo-doi-H21.52-${day}-${day}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(REGISTER_SHEET);
    if (!sheet) throw new Error('register sheet missing');
    const rows: { stt: unknown; code: unknown; applicant: unknown }[] = [];
    for (let r = REGISTER_HEADER_ROW + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(2).value === null) continue;
      rows.push({ stt: row.getCell(1).value, code: row.getCell(2).value, applicant: row.getCell(5).value });
    }
    // The same dossiers as the API lists for that day at that service point.
    const listed = await get(
      t,
      'demo.clerk',
      `/api/v1/dossiers?servicePoint=H21.52&from=${day}&to=${day}&pageSize=100`,
    );
    const listedCodes = (listed.json() as { items: { code: string }[] }).items.map((i) => i.code).sort();
    expect(rows.map((r) => r.code)).toEqual(codes);
    expect([...codes].sort()).toEqual(listedCodes);
    expect(rows.map((r) => r.stt)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.applicant)).toEqual([PERSON.fullName, ORGANISATION.fullName, 'Siu H’Mai']);
  });

  it('prints the register as PDF (Mẫu 07 of the 2025 set)', async () => {
    const res = await get(t, 'demo.manager', url('pdf'));
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    for (const c of codes) expect(text).toContain(c);
  });

  it('is scoped: another service point’s clerk and the agency officer get 403; a manager 200', async () => {
    const other = await get(t, 'demo.clerk.iakrai', url('xlsx'));
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(t, 'demo.officer', url('xlsx'))).statusCode).toBe(403);
    expect((await get(t, 'demo.manager', url('xlsx'))).statusCode).toBe(200);
    expect((await get(t, 'demo.clerk.iakrai', url('xlsx', 'H21.52.23776'))).statusCode).toBe(200);
  });

  it('validates the query: both dates, from ≤ to, a known format', async () => {
    expect((await get(t, 'demo.clerk', `/api/v1/registers?servicePoint=H21.52&from=${day}`)).statusCode).toBe(
      400,
    );
    const reversed = await get(
      t,
      'demo.clerk',
      `/api/v1/registers?servicePoint=H21.52&from=2026-03-05&to=2026-03-01`,
    );
    expect(reversed.statusCode).toBe(400);
    expect((await get(t, 'demo.clerk', url('docx'))).statusCode).toBe(400);
  });
});
