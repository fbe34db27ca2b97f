/**
 * Report files: XLSX (exceljs; Vietnamese headers in two rows — group, then column —, numbers as
 * numbers, percent columns with two decimals, frozen header, A4 landscape) and PDF (the shared
 * PdfRenderer: administrative header, title, the table). Both render the same ReportTable as the
 * HTML page (views/tables.ts).
 */
import ExcelJS from 'exceljs';
import { PdfRenderer, formatPlaceDate } from '../../adapters/pdf/pdf-renderer.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import type { ReportTable } from './views/tables.ts';

/** Row of the column headers (group row above it); data starts on the next row. */
export const XLSX_HEADER_ROW = 5;
export const XLSX_SHEET = 'Báo cáo';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function renderXlsx(table: ReportTable, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  wb.created = generatedAt;
  wb.modified = generatedAt;
  wb.title = table.title.vi;
  const n = table.columns.length + 1;
  const sheet = wb.addWorksheet(XLSX_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: XLSX_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 42 }, ...table.columns.map((c) => ({ width: c.vi.length > 14 ? 18 : 12 }))];
  sheet.mergeCells(1, 1, 1, n);
  sheet.getCell(1, 1).value = table.title.vi;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, n);
  sheet.getCell(2, 1).value = table.subtitle.vi;
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  // Group row (4) and header row (5).
  const groupRow = sheet.getRow(XLSX_HEADER_ROW - 1);
  const header = sheet.getRow(XLSX_HEADER_ROW);
  const style = (cell: ExcelJS.Cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  };
  header.getCell(1).value = table.labelHeader.vi;
  sheet.mergeCells(XLSX_HEADER_ROW - 1, 1, XLSX_HEADER_ROW, 1);
  style(header.getCell(1));
  let i = 0;
  while (i < table.columns.length) {
    const g = table.columns[i]!.group;
    let j = i;
    while (j + 1 < table.columns.length && g && table.columns[j + 1]!.group?.vi === g.vi) j++;
    if (g) {
      if (j > i) sheet.mergeCells(XLSX_HEADER_ROW - 1, i + 2, XLSX_HEADER_ROW - 1, j + 2);
      groupRow.getCell(i + 2).value = g.vi;
      style(groupRow.getCell(i + 2));
    }
    i = j + 1;
  }
  table.columns.forEach((c, k) => {
    header.getCell(k + 2).value = c.vi;
    style(header.getCell(k + 2));
    if (!c.group) sheet.mergeCells(XLSX_HEADER_ROW - 1, k + 2, XLSX_HEADER_ROW, k + 2);
  });
  header.height = 45;
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  rows.forEach((row, r) => {
    const excelRow = sheet.getRow(XLSX_HEADER_ROW + 1 + r);
    excelRow.getCell(1).value = row.label;
    excelRow.getCell(1).border = THIN;
    row.cells.forEach((v, k) => {
      const cell = excelRow.getCell(k + 2);
      cell.value = v === null ? null : v;
      cell.border = THIN;
      if (typeof v === 'number') cell.numFmt = table.columns[k]?.percent ? '0.00' : '#,##0';
      else cell.alignment = { wrapText: true, vertical: 'top' };
    });
    if (row === table.total) excelRow.font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pdfCell = (v: number | string | null, percent: boolean | undefined): string =>
  v === null ? '—' : typeof v === 'number' ? (percent ? v.toFixed(2) : v.toLocaleString('vi-VN')) : v;

export async function renderPdf(table: ReportTable, generatedAt: Date): Promise<Buffer> {
  const pdf = PdfRenderer.create({
    size: 'A4',
    orientation: 'landscape',
    title: table.title.vi,
    creationDate: generatedAt,
    fontSize: 8,
  });
  pdf.header({
    parentAgency: 'UBND TỈNH GIA LAI',
    unit: 'BƯU ĐIỆN TỈNH GIA LAI',
    placeDate: formatPlaceDate('Gia Lai', localDateOf(generatedAt)),
  });
  pdf.title(table.title.vi, table.subtitle.vi);
  const weights = table.columns.map((c) => (c.vi === 'Công thức' || c.vi === 'Ghi chú, nguồn' ? 4 : 1.2));
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  pdf.table(
    [
      { header: table.labelHeader.vi, width: 4, align: 'left' },
      ...table.columns.map((c, k) => ({
        header: c.vi,
        width: weights[k] ?? 1,
        align: 'right' as const,
        ...(c.group ? { group: c.group.vi } : {}),
      })),
    ],
    rows.map((r) => [r.label, ...r.cells.map((v, k) => pdfCell(v, table.columns[k]?.percent))]),
    { fontSize: 7 },
  );
  return pdf.finish();
}
