/**
 * XLSX reading and writing for the catalog, on exceljs. Only this file touches exceljs, so the
 * rest of the codec works on plain tables.
 */

import ExcelJS from 'exceljs';
import { COLUMNS } from './columns.ts';
import type { RawCell, TableRow } from './table.ts';
import { readXlsxRowsFast } from './xlsx-read.ts';

/** Name of the data sheet in exported workbooks; imports read it, or else the first sheet. */
export const DATA_SHEET = 'Thủ tục';
const GUIDE_SHEET = 'Hướng dẫn';

function rawOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || (typeof result === 'object' && !(result instanceof Date))
        ? null
        : result;
    }
    if ('hyperlink' in value) return value.text;
    if ('error' in value) return null;
  }
  return null;
}

/**
 * Read the data sheet of a workbook into raw rows (row numbers as in Excel): with the lean reader of
 * xlsx-read.ts (ten times faster), or with exceljs when the workbook uses something it does not read.
 */
export async function readXlsxTable(bytes: Uint8Array): Promise<TableRow[]> {
  try {
    return readXlsxRowsFast(bytes, DATA_SHEET);
  } catch {
    return readXlsxTableWithExcelJs(bytes);
  }
}

/** The same with exceljs only (the fallback, and the reference the lean reader is tested against). */
export async function readXlsxTableWithExcelJs(bytes: Uint8Array): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's declared Buffer type predates Node's generic Buffer; the bytes are what it reads.
  await workbook.xlsx.load(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
  );
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (sheet === undefined) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = rawOf(cell.value);
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Write a workbook with the data sheet (all cells as text) and a guide sheet describing the columns. */
export async function writeXlsxTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, width: Math.min(60, Math.max(14, h.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow([...r]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  // Text format everywhere: stops Excel from turning codes into numbers and dates into serials.
  sheet.columns.forEach((c) => {
    c.numFmt = '@';
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: 'Cột', width: 28 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Ý nghĩa', width: 50 },
    { header: 'Định dạng', width: 60 },
    { header: 'Ví dụ', width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of COLUMNS) guide.addRow([c.header, c.required ? 'Có' : '', c.meaning, c.format, c.example]);

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
