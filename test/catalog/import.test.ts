/**
 * Catalog import and export through the API: a 2,000-procedure workbook in under 5 s, every planted
 * error reported with nothing written, TCVN3 and VNI files converted (and an ambiguous cell refused),
 * and export → import into a fresh database → export giving the same CSV bytes.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTcvn3, encodeVni, legacyBytes } from '../../src/kernel/text/legacy-encoder.testkit.ts';
import {
  COLUMNS,
  exportCatalog,
  exportCatalogCsv,
  parseCsv,
  writeCsv,
} from '../../src/modules/catalog/codec/index.ts';
import { generateCatalog } from '../../src/modules/catalog/domain/generate.ts';
import type { ProcedureVersion } from '../../src/modules/catalog/domain/procedure.ts';
import { sampleVersion } from '../../src/modules/catalog/domain/testkit.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { admin, importThroughApi, loadGenerated, storedVersions, type ImportProblem } from './support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(async () => t?.close());

const column = (header: string): number => {
  const i = COLUMNS.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
};

describe('importing a 2,000-procedure workbook through the API', () => {
  it('imports every row in under 5 s and skips them all on a second import', async () => {
    const versions = generateCatalog({ count: 2000, seed: 7 });
    const xlsx = await exportCatalog(versions, 'xlsx');
    await admin(t); // sign in outside the measured call
    const before = await storedVersions(t);

    const started = performance.now();
    const res = await importThroughApi(t, xlsx, 'xlsx');
    const ms = performance.now() - started;
    console.info(
      `catalog import: 2,000-row XLSX (${xlsx.length} bytes) through the API in ${Math.round(ms)} ms`,
    );

    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2000, skipped: 0, warnings: [] });
    expect(ms).toBeLessThan(5000);
    expect(await storedVersions(t)).toBe(before + 2000);

    const again = await importThroughApi(t, xlsx, 'xlsx');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ imported: 0, skipped: 2000 });
    expect(await storedVersions(t)).toBe(before + 2000);

    // The generated procedures are now searchable and in force.
    const found = await t.app.inject({
      url: `/api/v1/procedures?q=${encodeURIComponent(versions[41]!.name)}`,
    });
    expect(found.json().items[0].code).toBe(versions[41]!.code);
  });
});

describe('a file with errors', () => {
  it('reports all 10 planted errors with row and column, and writes nothing', async () => {
    const versions = generateCatalog({ count: 300, seed: 99 }).map((v) => ({
      ...v,
      code: v.code.replace('.GEN', '.ERR'),
    }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportCatalog(versions, 'xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Thủ tục');
    if (!sheet) throw new Error('no data sheet');
    // [spreadsheet row, column header, value]: row 1 is the header, so data row n is version n − 2.
    const planted: [number, string, string][] = [
      [3, 'Mã thủ tục', '1.23'],
      [5, 'Tên thủ tục', ''],
      [8, 'Cấp thực hiện', 'Cấp thôn'],
      [13, 'Thời hạn giải quyết', 'năm ngày'],
      [21, 'Đơn vị thời hạn', 'tuần'],
      [34, 'Giờ cắt', '25:00'],
      [55, 'Phí, lệ phí', 'Lệ phí | nhiều tiền'],
      [89, 'Mức độ DVC trực tuyến', 'Mức 9'],
      [144, 'BCCI gửi hồ sơ', 'có lẽ'],
      [233, 'Hiệu lực từ', '31/02/2024'],
    ];
    for (const [row, header, value] of planted) sheet.getRow(row).getCell(column(header) + 1).value = value;
    const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

    const before = await storedVersions(t);
    const res = await importThroughApi(t, bytes, 'xlsx');
    expect(res.statusCode, res.body).toBe(422);
    const problem = res.json() as ImportProblem;
    expect(problem).toMatchObject({ code: 'CATALOG_IMPORT_INVALID', status: 422 });
    expect(problem.errors.map((e) => [e.row, e.column]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      planted.map(([row, header]) => [row, header]),
    );
    for (const e of problem.errors) {
      expect(e.reason_vi.length).toBeGreaterThan(5);
      expect(e.reason_en.length).toBeGreaterThan(5);
    }
    expect(problem.errors.find((e) => e.row === 3)?.code).toBe('INVALID_PROCEDURE_CODE');
    expect(problem.errors.find((e) => e.row === 5)?.code).toBe('REQUIRED');
    expect(problem.errors.find((e) => e.row === 233)?.code).toBe('INVALID_DATE');
    expect(await storedVersions(t)).toBe(before);
    const search = await t.app.inject({
      url: `/api/v1/procedures?q=${encodeURIComponent(versions[10]!.code)}`,
    });
    expect(search.json().total).toBe(0);
  });

  it('refuses a stored version with other content and an overlapping window, writing nothing', async () => {
    const base = sampleVersion({ code: '2.999010', validFrom: '2024-01-01', steps: [] });
    const first = await importThroughApi(t, exportCatalogCsv([base]), 'csv');
    expect(first.statusCode, first.body).toBe(200);
    const before = await storedVersions(t);
    const changed = { ...base, name: 'Tên khác' };
    const overlapping: ProcedureVersion = { ...base, version: 2, validFrom: '2025-01-01' };
    const res = await importThroughApi(
      t,
      exportCatalogCsv([changed, overlapping, sampleVersion({ code: '2.999011', steps: [] })]),
      'csv',
    );
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as ImportProblem).errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Phiên bản', 'DUPLICATE_VERSION'],
      [3, 'Hiệu lực từ', 'VALIDITY_OVERLAP'],
    ]);
    expect(await storedVersions(t)).toBe(before);
  });

  it('answers 415 for an empty body and reads the format from the content type', async () => {
    const headers = await admin(t);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(415);
    const sniffed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: await exportCatalog([sampleVersion({ code: '2.999012', steps: [] })], 'xlsx'),
    });
    expect(sniffed.statusCode, sniffed.body).toBe(200);
    expect(sniffed.json().imported).toBe(1);
  });
});

describe('legacy Vietnamese encodings', () => {
  const original = (code: string): ProcedureVersion =>
    sampleVersion({
      code,
      name: 'Đăng ký lại việc nuôi con nuôi trong nước',
      agency: { code: 'UBND-XA', name: 'UBND cấp xã nơi cư trú' },
      steps: [],
      fees: [{ name: 'Lệ phí đăng ký', amountVnd: 400000, appliesWhen: 'Khi đăng ký lại' }],
    });
  /** The CSV export of `v`, re-encoded byte for byte as an old Excel would have saved it. */
  const legacyCsv = (v: ProcedureVersion, encode: (s: string) => string) =>
    legacyBytes(encode(exportCatalogCsv([v]).subarray(3).toString('utf8')));

  for (const [name, encode, code, label] of [
    ['TCVN3', encodeTcvn3, '2.999020', 'TCVN3'],
    ['VNI-Windows', encodeVni, '2.999021', 'VNI'],
  ] as const) {
    it(`converts a ${name} CSV to Unicode and says so`, async () => {
      const v = original(code);
      const bytes = legacyCsv(v, encode);
      expect(Buffer.from(bytes).includes(Buffer.from('Đăng ký', 'utf8'))).toBe(false);
      const res = await importThroughApi(t, bytes, 'csv');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        imported: number;
        warnings: { code: string; column: string; reason_en: string }[];
      };
      expect(body.imported).toBe(1);
      expect(body.warnings[0]?.code).toBe('FILE_DECODED_AS_WINDOWS_1252');
      const converted = body.warnings.find(
        (w) => w.code === 'LEGACY_ENCODING_CONVERTED' && w.column === 'Tên thủ tục',
      );
      expect(converted?.reason_en).toContain(label);
      const stored = await t.app.inject({ url: `/api/v1/procedures/${code}` });
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toMatchObject({
        name: 'Đăng ký lại việc nuôi con nuôi trong nước',
        agency: { name: 'UBND cấp xã nơi cư trú' },
        fees: [{ name: 'Lệ phí đăng ký', amountVnd: 400000, appliesWhen: 'Khi đăng ký lại' }],
      });
    });
  }

  it('refuses a cell that could be either encoding, with a clear message, and writes nothing', async () => {
    const table = parseCsv(
      exportCatalogCsv([
        sampleVersion({ code: '2.999022', name: 'Procedure one', field: 'Field', steps: [] }),
      ])
        .subarray(3)
        .toString('utf8'),
    ).records.map((r) => [...r.fields]);
    table[1]![column('Lĩnh vực')] = 'tæ';
    const before = await storedVersions(t);
    const res = await importThroughApi(t, new TextEncoder().encode(writeCsv(table)), 'csv');
    expect(res.statusCode, res.body).toBe(422);
    const [error, ...rest] = (res.json() as ImportProblem).errors;
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ row: 2, column: 'Lĩnh vực', code: 'LEGACY_ENCODING_AMBIGUOUS' });
    expect(error?.reason_vi).toContain('TCVN3 hoặc VNI');
    expect(error?.reason_en).toContain('Unicode');
    expect(await storedVersions(t)).toBe(before);
  });
});

describe('export → import into a fresh database → export', () => {
  it('gives the same CSV bytes (drafts, published, retired and closed windows included)', async () => {
    const source = await createTestApp({ demo: true });
    const fresh = await createTestApp({ demo: false });
    try {
      await loadGenerated(source, 150, 5);
      const headers = await admin(source);
      // A second version of a real procedure (closing the first) and a draft, so the file has every state.
      const current = (
        await source.app.inject({ url: '/api/v1/procedures/1.001193' })
      ).json() as ProcedureVersion;
      const draft = await source.app.inject({
        method: 'POST',
        url: '/api/v1/procedures',
        headers,
        payload: { ...current, processingTime: { value: 1, unit: 'working_days' } },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const published = await source.app.inject({
        method: 'POST',
        url: '/api/v1/procedures/1.001193/versions/2/publish',
        headers,
        payload: { validFrom: '2026-01-01', decision: { number: '12/QĐ-UBND', date: '2025-12-20' } },
      });
      expect(published.statusCode, published.body).toBe(200);
      const retired = await source.app.inject({
        method: 'POST',
        url: '/api/v1/procedures/1.000894/versions/1/retire',
        headers,
        payload: { lastDay: '2025-12-31' },
      });
      expect(retired.statusCode, retired.body).toBe(200);
      const pending = await source.app.inject({
        method: 'POST',
        url: '/api/v1/procedures',
        headers,
        payload: { ...current, name: `${current.name} (dự thảo)` },
      });
      expect(pending.statusCode, pending.body).toBe(201);

      const exportCsv = async (app: TestApp) => {
        const res = await app.app.inject({
          url: '/api/v1/catalog/export?format=csv',
          headers: await admin(app),
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toMatch(
          /attachment; filename="danh-muc-thu-tuc-\d{4}-\d{2}-\d{2}\.csv"/,
        );
        return res.rawPayload;
      };
      const first = await exportCsv(source);
      expect(first.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

      const imported = await importThroughApi(fresh, first, 'csv');
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json().imported).toBe(await storedVersions(source));
      const second = await exportCsv(fresh);
      expect(second.equals(first)).toBe(true);

      // The XLSX export reads back to the same catalog too.
      const xlsx = await source.app.inject({ url: '/api/v1/catalog/export?format=xlsx', headers });
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const again = await importThroughApi(fresh, xlsx.rawPayload, 'xlsx');
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ imported: 0, skipped: await storedVersions(source) });

      // And the fresh database answers as the source does.
      for (const at of ['2025-12-31', '2026-01-01']) {
        const a = (await source.app.inject({ url: `/api/v1/procedures/1.001193?at=${at}` })).json();
        const b = (await fresh.app.inject({ url: `/api/v1/procedures/1.001193?at=${at}` })).json();
        expect(b).toEqual(a);
      }
      expect((await fresh.app.inject({ url: '/api/v1/procedures/1.000894?at=2026-01-01' })).statusCode).toBe(
        404,
      );
    } finally {
      await source.close();
      await fresh.close();
    }
  });
});
