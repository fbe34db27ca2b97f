/**
 * The register (Sổ theo dõi hồ sơ) as an Excel workbook, for the unit's own reporting.
 *
 * Why typed cells matter here: registers are filtered, summed and pivoted by the people who receive
 * them. Dates are written as real Excel dates (with a dd/mm/yyyy format), counts as numbers, so
 * "sum of Số lượng hồ sơ" and "filter by Ngày nhận" work without re-typing. Dates are Vietnam
 * wall-clock values, written with no time-zone shift (format.ts `wallClockDate`).
 *
 * Layout: a title block (rows 1–3), the header on row 4 (frozen, filterable, repeated on printed
 * pages), then one row per dossier. A4 landscape, fitted to the page width.
 */
import ExcelJS from 'exceljs';
import { hasTime, wallClockDate } from './forms/format.ts';
import { addressAndPhone } from './forms/register.ts';
import type { LocalDateTime, RegisterRowView } from './forms/view-models.ts';

export interface RegisterXlsxMeta {
  /** Issuing unit, e.g. "Bộ phận Tiếp nhận và Trả kết quả huyện Đắk Đoa". */
  readonly unit: string;
  readonly parentAgency?: string;
  /** Defaults to "SỔ THEO DÕI HỒ SƠ". */
  readonly title?: string;
  readonly bookNo?: string;
  /** E.g. "Từ ngày 01/09/2022 đến ngày 30/09/2022". */
  readonly period?: string;
  /** ISO instant, stored as the workbook's created/modified date (not the clock). */
  readonly generatedAt: string;
}

/** Name of the worksheet (Excel limits names to 31 characters). */
export const REGISTER_SHEET = 'Sổ theo dõi hồ sơ';
/** Row of the column headers; data starts on the next row. */
export const REGISTER_HEADER_ROW = 4;

interface XlsxColumn {
  readonly header: string;
  readonly width: number;
  readonly kind: 'number' | 'text' | 'date';
  readonly value: (row: RegisterRowView) => string | number | LocalDateTime | undefined;
}

/** The fourteen columns of the register, in order (same as the PDF, dates ungrouped). */
export const REGISTER_XLSX_COLUMNS: readonly XlsxColumn[] = [
  { header: 'STT', width: 6, kind: 'number', value: (r) => r.sequence },
  { header: 'Mã hồ sơ', width: 24, kind: 'text', value: (r) => r.dossierCode },
  { header: 'Tên TTHC', width: 40, kind: 'text', value: (r) => r.procedureName },
  { header: 'Số lượng hồ sơ (bộ)', width: 10, kind: 'number', value: (r) => r.setCount },
  { header: 'Tên cá nhân, tổ chức', width: 26, kind: 'text', value: (r) => r.applicantName },
  { header: 'Địa chỉ, số điện thoại', width: 34, kind: 'text', value: (r) => addressAndPhone(r) },
  { header: 'Cơ quan chủ trì giải quyết', width: 28, kind: 'text', value: (r) => r.leadAgency },
  { header: 'Ngày nhận hồ sơ', width: 17, kind: 'date', value: (r) => r.receivedAt },
  { header: 'Hẹn trả kết quả', width: 17, kind: 'date', value: (r) => r.dueAt },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 17, kind: 'date', value: (r) => r.forwardedAt },
  { header: 'Có kết quả giải quyết', width: 17, kind: 'date', value: (r) => r.resultAt },
  { header: 'Trả kết quả', width: 17, kind: 'date', value: (r) => r.returnedAt },
  { header: 'Ký nhận', width: 16, kind: 'text', value: (r) => r.signedBy },
  { header: 'Ghi chú', width: 28, kind: 'text', value: (r) => r.note },
];

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Renders the register rows to an .xlsx file. */
export async function renderRegisterXlsx(
  rows: readonly RegisterRowView[],
  meta: RegisterXlsxMeta,
): Promise<Buffer> {
  const generated = new Date(meta.generatedAt);
  if (Number.isNaN(generated.getTime()))
    throw new RangeError(`generatedAt is not an instant: ${meta.generatedAt}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  workbook.created = generated;
  workbook.modified = generated;
  workbook.title = meta.title ?? 'SỔ THEO DÕI HỒ SƠ';

  const columnCount = REGISTER_XLSX_COLUMNS.length;
  const sheet = workbook.addWorksheet(REGISTER_SHEET, {
    views: [
      { state: 'frozen', xSplit: 0, ySplit: REGISTER_HEADER_ROW, topLeftCell: `A${REGISTER_HEADER_ROW + 1}` },
    ],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${REGISTER_HEADER_ROW}:${REGISTER_HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = REGISTER_XLSX_COLUMNS.map((c) => ({ width: c.width }));

  // Title block
  const unitLine = [meta.parentAgency, meta.unit]
    .filter((v): v is string => v !== undefined && v !== '')
    .join(' – ');
  sheet.getCell('A1').value = unitLine;
  sheet.getCell('A1').font = { bold: true };
  sheet.mergeCells(2, 1, 2, columnCount);
  const title = sheet.getCell(2, 1);
  title.value = meta.title ?? 'SỔ THEO DÕI HỒ SƠ';
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const subtitle = [meta.bookNo === undefined ? undefined : `Quyển số: ${meta.bookNo}`, meta.period].filter(
    (v): v is string => v !== undefined,
  );
  if (subtitle.length > 0) {
    sheet.mergeCells(3, 1, 3, columnCount);
    const cell = sheet.getCell(3, 1);
    cell.value = subtitle.join(' — ');
    cell.alignment = { horizontal: 'center' };
  }

  // Header
  const header = sheet.getRow(REGISTER_HEADER_ROW);
  REGISTER_XLSX_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  header.height = 45;
  sheet.autoFilter = {
    from: { row: REGISTER_HEADER_ROW, column: 1 },
    to: { row: REGISTER_HEADER_ROW, column: columnCount },
  };

  // Data
  rows.forEach((row, r) => {
    const excelRow = sheet.getRow(REGISTER_HEADER_ROW + 1 + r);
    REGISTER_XLSX_COLUMNS.forEach((c, i) => {
      const cell = excelRow.getCell(i + 1);
      const value = c.value(row);
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text' };
      if (value === undefined || value === '') return;
      if (c.kind === 'number') {
        cell.value = Number(value);
        cell.numFmt = '0';
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      } else if (c.kind === 'date') {
        const text = String(value);
        cell.value = wallClockDate(text);
        cell.numFmt = hasTime(text) ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy';
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      } else {
        cell.value = String(value);
      }
    });
  });

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
