import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import {
  COLUMNS,
  exportCatalog,
  exportCatalogCsv,
  parseCatalogCsv,
  parseCatalogFile,
  writeCsv,
} from './index.ts';
import { generateCatalog } from '../domain/generate.ts';
import { sampleVersion } from '../domain/testkit.ts';
import type { ProcedureVersion } from '../domain/procedure.ts';
import { encodeTcvn3, encodeVni, legacyBytes } from '../../../kernel/text/legacy-encoder.testkit.ts';

const enc = new TextEncoder();

/** Decode an exported CSV (UTF-8 with BOM) back into rows of cells. */
function csvTable(buf: Buffer): string[][] {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = buf.subarray(3).toString('utf8');
  const rows: string[][] = [];
  // Reuse the codec's own reader through a tiny round trip: parse via parseCatalogCsv is overkill here.
  let field = '';
  let row: string[] = [];
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

const tricky = fc
  .array(
    fc.constantFrom(
      'Đăng',
      'ký',
      '"trích"',
      'a,b',
      'x;y',
      'Ủy ban',
      'ngày',
      '|',
      '[',
      '(1)',
      'Giấy',
      'phép',
      'ỹ',
      '%',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((words) => words.join(' '));
const multiline = fc.array(tricky, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));

/** Generated versions with tricky text planted in every free-text field. */
const versions = fc
  .tuple(
    fc.integer({ min: 1, max: 1000 }),
    fc.array(fc.tuple(tricky, tricky, multiline), { minLength: 1, maxLength: 6 }),
  )
  .map(([seed, texts]) =>
    generateCatalog({ count: texts.length, seed }).map((v, i): ProcedureVersion => {
      const [a, b, c] = texts[i] ?? ['x', 'y', 'z'];
      return {
        ...v,
        name: `${v.name} ${a}`,
        field: b,
        fees: [{ name: a, amountVnd: 12000, appliesWhen: c }, ...v.fees],
        documents: v.documents.map((d, j) => (j === 0 ? { ...d, name: b } : d)),
        legalBasis: [c, 'Luật Hộ tịch số 60/2014/QH13'],
        steps: v.steps.map((s, j) => (j === 1 ? { ...s, name: a, agency: b } : s)),
        result: { ...v.result, name: `${v.result.name} — ${b}` },
        servicePointCodes: i % 2 === 0 ? ['BC-IA-GRAI', 'TTPVHCC'] : [],
      };
    }),
  );

describe('export → parse is the identity', () => {
  it('for CSV, over generated data with tricky text', async () => {
    await fc.assert(
      fc.asyncProperty(versions, async (vs) => {
        const parsed = await parseCatalogFile(await exportCatalog(vs, 'csv'), 'csv');
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(vs);
      }),
      { numRuns: 40 },
    );
  });
  it('for XLSX, over generated data with tricky text', async () => {
    await fc.assert(
      fc.asyncProperty(versions, async (vs) => {
        const parsed = await parseCatalogFile(await exportCatalog(vs, 'xlsx'), 'xlsx');
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(vs);
      }),
      { numRuns: 8 },
    );
  });
  it('writes a UTF-8 BOM and the documented header', () => {
    const table = csvTable(exportCatalogCsv([sampleVersion()]));
    expect(table[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(table[1]?.[0]).toBe('1.001193');
  });
});

describe('validation of a whole file in one pass', () => {
  it('reports all 10 planted errors with their row and column', async () => {
    const good = generateCatalog({ count: 12, seed: 9 });
    const table = csvTable(exportCatalogCsv(good));
    const col = (header: string): number => COLUMNS.findIndex((c) => c.header === header);
    const plant = (row: number, header: string, value: string): void => {
      const r = table[row - 1];
      if (r === undefined) throw new Error('no such row');
      r[col(header)] = value;
    };
    plant(2, 'Mã thủ tục', '1.00');
    plant(3, 'Tên thủ tục', '');
    plant(4, 'Cấp thực hiện', 'Cấp thôn');
    plant(5, 'Thời hạn giải quyết', 'năm');
    plant(6, 'Giờ cắt', '25:00');
    plant(7, 'Phí, lệ phí', 'Lệ phí | mười nghìn');
    plant(8, 'Thành phần hồ sơ', 'Tờ khai | Bản gốc');
    plant(9, 'Các bước xử lý', 'Tiếp nhận | | 40\nGiải quyết | | 50');
    plant(10, 'Hiệu lực từ', '31/02/2025');
    plant(12, 'Một cửa', 'Có lẽ');
    const bytes = enc.encode(writeCsv(table));
    const result = parseCatalogCsv(bytes);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Mã thủ tục', 'INVALID_PROCEDURE_CODE'],
      [3, 'Tên thủ tục', 'REQUIRED'],
      [4, 'Cấp thực hiện', 'INVALID_VALUE'],
      [5, 'Thời hạn giải quyết', 'INVALID_NUMBER'],
      [6, 'Giờ cắt', 'INVALID_TIME'],
      [7, 'Phí, lệ phí', 'INVALID_ITEM'],
      [8, 'Thành phần hồ sơ', 'INVALID_ITEM'],
      [9, 'Các bước xử lý', 'STEP_SHARES_NOT_100'],
      [10, 'Hiệu lực từ', 'INVALID_DATE'],
      [12, 'Một cửa', 'INVALID_VALUE'],
    ]);
    for (const e of result.errors) {
      expect(e.reason_vi.length).toBeGreaterThan(0);
      expect(e.reason_en.length).toBeGreaterThan(0);
    }
    // Only rows 11 and 13 are clean (and keep their row numbers).
    expect(result.rowNumbers).toEqual([11, 13]);
    expect(result.rows.map((r) => r.code)).toEqual([good[9]?.code, good[11]?.code]);
  });

  it('reports missing and duplicated columns, and duplicate versions', () => {
    const noName = parseCatalogCsv(
      enc.encode('Mã thủ tục,Cấp thực hiện,Lĩnh vực\r\n1.001193,Cấp xã,Hộ tịch\r\n'),
    );
    expect(noName.errors.map((e) => [e.code, e.column])).toContainEqual(['HEADER_MISSING', 'Tên thủ tục']);
    expect(parseCatalogCsv(enc.encode('x,y\r\n1,2\r\n')).errors[0]?.code).toBe('HEADER_NOT_FOUND');

    const table = csvTable(exportCatalogCsv([sampleVersion(), sampleVersion()]));
    const dup = parseCatalogCsv(enc.encode(writeCsv(table)));
    expect(dup.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'Mã thủ tục', 'DUPLICATE_VERSION'],
    ]);
  });

  it('reads national-database style files: title rows, unaccented headers, ";" and combined time cells', () => {
    const csv = [
      'DANH MỤC THỦ TỤC HÀNH CHÍNH;;;;;;;',
      ';;;;;;;',
      'Ma TTHC;Ten thu tuc;Cap thuc hien;Linh vuc;Ma co quan thuc hien;Co quan thuc hien;Thoi han giai quyet;Ket qua;Cot la',
      '1.001193;Đăng ký khai sinh;Cấp xã;Hộ tịch;UBND-XA;Ủy ban nhân dân cấp xã;0 ngày làm việc;Giấy khai sinh;x',
    ].join('\r\n');
    const r = parseCatalogCsv(enc.encode(csv));
    expect(r.errors).toEqual([]);
    expect(r.rowNumbers).toEqual([4]);
    expect(r.rows[0]).toMatchObject({
      code: '1.001193',
      processingTime: { value: 0, unit: 'working_days' },
      status: 'draft',
      oneStop: true,
      onlineLevel: 'none',
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['UNKNOWN_COLUMN']);
  });

  // The time it takes is measured in bench/ (catalog import); here only that it is complete and clean.
  it('parses a 2,000-row XLSX completely', async () => {
    const big = generateCatalog({ count: 2000, seed: 11 });
    const bytes = await exportCatalog(big, 'xlsx');
    const r = await parseCatalogFile(bytes, 'xlsx');
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(2000);
  });

  it('reads codes typed as numbers and dates typed as dates in Excel', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([
      'Mã thủ tục',
      'Tên thủ tục',
      'Cấp thực hiện',
      'Lĩnh vực',
      'Mã cơ quan thực hiện',
      'Cơ quan thực hiện',
      'Thời hạn giải quyết',
      'Đơn vị thời hạn',
      'Kết quả',
      'Hiệu lực từ',
    ]);
    ws.addRow([
      1.00095,
      'Thôi làm hòa giải viên',
      'Cấp xã',
      'Phổ biến, giáo dục pháp luật',
      'UBND-XA',
      'UBND cấp xã',
      5,
      'Ngày làm việc',
      'Quyết định',
      new Date(Date.UTC(2025, 6, 1)),
    ]);
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const r = await parseCatalogFile(bytes, 'xlsx');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      code: '1.000950',
      validFrom: '2025-07-01',
      processingTime: { value: 5 },
    });
    expect((await parseCatalogFile(Buffer.from('not a zip'), 'xlsx')).errors[0]?.code).toBe(
      'FILE_UNREADABLE',
    );
  });
});

describe('legacy Vietnamese encodings', () => {
  const original: ProcedureVersion = sampleVersion({
    agency: { code: 'UBND-XA', name: 'UBND cấp xã nơi cư trú' },
    steps: [],
    fees: [{ name: 'Lệ phí đăng ký', amountVnd: 8000, appliesWhen: 'Khi đăng ký không đúng hạn' }],
  });

  /** The export of `original`, re-encoded byte for byte as an old Excel would have saved it. */
  function legacyCsv(encode: (s: string) => string): Uint8Array {
    const text = exportCatalogCsv([original]).subarray(3).toString('utf8');
    return legacyBytes(encode(text));
  }

  it('converts a TCVN3 (.VnTime) CSV and warns per cell', () => {
    const r = parseCatalogCsv(legacyCsv(encodeTcvn3));
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toEqual(original);
    expect(r.warnings[0]?.code).toBe('FILE_DECODED_AS_WINDOWS_1252');
    expect(r.warnings.filter((w) => w.code === 'LEGACY_ENCODING_CONVERTED').map((w) => w.column)).toContain(
      'Tên thủ tục',
    );
    expect(r.warnings.find((w) => w.column === 'Tên thủ tục')?.reason_en).toContain('TCVN3');
  });

  it('converts a VNI-Windows CSV', () => {
    const r = parseCatalogCsv(legacyCsv(encodeVni));
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toEqual(original);
    expect(r.warnings.find((w) => w.column === 'Tên thủ tục')?.reason_en).toContain('VNI');
  });

  it('rejects a cell that could be either encoding when the file does not say which', () => {
    const table = csvTable(exportCatalogCsv([sampleVersion({ name: 'Procedure one', field: 'Field' })]));
    const row = table[1];
    if (row === undefined) throw new Error('no row');
    row[COLUMNS.findIndex((c) => c.header === 'Lĩnh vực')] = 'tæ';
    const r = parseCatalogCsv(enc.encode(writeCsv(table)));
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Lĩnh vực', 'LEGACY_ENCODING_AMBIGUOUS'],
    ]);
  });

  it('leaves Unicode files alone', () => {
    const r = parseCatalogCsv(exportCatalogCsv([original]));
    expect(r.warnings).toEqual([]);
    expect(r.rows[0]).toEqual(original);
  });

  it('reads UTF-16 LE files with a BOM (Excel "Unicode text")', () => {
    const text = '\ufeff' + writeCsv(csvTable(exportCatalogCsv([original])), '\t');
    const bytes = Buffer.from(text, 'utf16le');
    expect(parseCatalogCsv(bytes).rows[0]).toEqual(original);
  });
});

describe('docs/catalog.md', () => {
  it('documents every column', () => {
    const md = readFileSync(new URL('../../../../docs/catalog.md', import.meta.url), 'utf8');
    for (const c of COLUMNS) expect(md, c.header).toContain(`| ${c.header} |`);
  });
});
