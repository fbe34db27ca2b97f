/**
 * The lean XLSX reader (codec/xlsx-read.ts) reads what exceljs reads: the same rows, numbers, cell
 * values, dates and booleans, on exported catalogs and on workbooks typed in other ways.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportCatalog } from '../../src/modules/catalog/codec/index.ts';
import { readXlsxRowsFast } from '../../src/modules/catalog/codec/xlsx-read.ts';
import { readXlsxTable, readXlsxTableWithExcelJs } from '../../src/modules/catalog/codec/xlsx.ts';
import { generateCatalog } from '../../src/modules/catalog/domain/generate.ts';
import { sampleVersion } from '../../src/modules/catalog/domain/testkit.ts';

async function bytesOf(
  workbook: ExcelJS.Workbook,
  options?: Partial<ExcelJS.XlsxWriteOptions>,
): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer(options)) as ArrayBuffer);
}

async function expectSameAsExcelJs(bytes: Buffer): Promise<void> {
  const fast = readXlsxRowsFast(bytes, 'Thủ tục');
  expect(fast).toEqual(await readXlsxTableWithExcelJs(bytes));
  expect(await readXlsxTable(bytes)).toEqual(fast);
}

describe('the lean XLSX reader', () => {
  it('reads exported catalogs like exceljs, tricky text included', async () => {
    const tricky = sampleVersion({
      code: '2.999201',
      name: '  Tên có "ngoặc kép", <thẻ> & dấu | và\nxuống dòng  ',
      legalBasis: ['Luật A', 'Nghị định B; điều 5'],
      steps: [],
    });
    await expectSameAsExcelJs(
      await exportCatalog([...generateCatalog({ count: 40, seed: 3 }), tricky], 'xlsx'),
    );
  });

  it('reads numbers, dates, booleans, formulas, rich text, links, errors and gaps like exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    const other = workbook.addWorksheet('Ghi chú');
    other.addRow(['not this sheet']);
    const sheet = workbook.addWorksheet('Thủ tục');
    sheet.addRow(['Danh mục thủ tục (tiêu đề)']);
    sheet.addRow([]);
    sheet.addRow(['Mã thủ tục', 'Tên thủ tục', 'Hiệu lực từ', 'Số', 'Có?']);
    sheet.addRow([1.00095, 'Thôi làm hòa giải viên', new Date(Date.UTC(2025, 6, 1)), 5, true]);
    const row = sheet.addRow([]);
    row.getCell(1).value = { formula: '1+1', result: 2 };
    row.getCell(2).value = { richText: [{ text: 'Đăng ký ' }, { font: { bold: true }, text: 'khai sinh' }] };
    row.getCell(3).value = { text: 'Cổng DVC', hyperlink: 'https://dichvucong.gov.vn' };
    row.getCell(4).value = { error: '#N/A' };
    row.getCell(7).value = false;
    const dated = sheet.addRow([45_000.25, 45_123]);
    dated.getCell(1).numFmt = 'dd/mm/yyyy hh:mm';
    dated.getCell(2).numFmt = '[$-42A]d mmmm yyyy';
    sheet.addRow([{ formula: 'TODAY()', result: 'chuỗi' }, 0.5, -3, 'x&y<z>']);
    await expectSameAsExcelJs(await bytesOf(workbook));
    await expectSameAsExcelJs(await bytesOf(workbook, { useSharedStrings: false }));
    const fast = readXlsxRowsFast(await bytesOf(workbook), 'Thủ tục');
    expect(fast.map((r) => r.row)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(fast[2]?.cells).toEqual([
      1.00095,
      'Thôi làm hòa giải viên',
      new Date(Date.UTC(2025, 6, 1)),
      5,
      true,
    ]);
  });

  it('reads dates of the 1904 date system like exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet('Sheet1').addRow(['Hiệu lực từ', new Date(Date.UTC(2024, 0, 15))]);
    const bytes = await bytesOf(workbook);
    await expectSameAsExcelJs(bytes);
    expect(readXlsxRowsFast(bytes, 'Thủ tục')[0]?.cells[1]).toEqual(new Date(Date.UTC(2024, 0, 15)));
  });

  it('throws on what it does not read, and readXlsxTable falls back to exceljs', async () => {
    expect(() => readXlsxRowsFast(Buffer.from('not a zip file at all, just text'), 'Thủ tục')).toThrow();
    await expect(readXlsxTable(Buffer.from('not a zip'))).rejects.toThrow();
  });
});
