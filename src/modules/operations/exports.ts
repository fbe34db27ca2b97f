/**
 * Report tables as files: XLSX (exceljs: Vietnamese headers, numbers as numbers with number formats,
 * frozen and filterable header, A4 landscape) and PDF (the documents module's PdfRenderer, DejaVu Sans).
 * One generic table model serves the coverage report, the clerk figures and the transparency page.
 * Deterministic: the creation date is the business time passed in, never the clock.
 */
import ExcelJS from 'exceljs';
import { formatPlaceDate, PdfRenderer, type TableColumn } from '../../adapters/pdf/pdf-renderer.ts';

export type Cell = string | number | null;

export interface ReportColumn {
  readonly header: string;
  readonly width: number;
  /** `percent` values are 0–100 numbers (e.g. 97.5), shown with one decimal and a % sign in the PDF. */
  readonly kind: 'text' | 'integer' | 'decimal' | 'percent';
}

export interface ReportSheet {
  /** Worksheet name (at most 31 characters). */
  readonly name: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** A note printed under the table (e.g. "no satisfaction data yet"). */
  readonly note?: string;
}

export interface ReportFile {
  readonly title: string;
  readonly sheets: readonly ReportSheet[];
  readonly generatedAt: Date;
  /** Local date of the report, for the place-and-date line of the PDF. */
  readonly day: string;
}

/** Row of the column headers on each sheet; data starts on the next row. */
export const HEADER_ROW = 3;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const NUM_FMT: Record<ReportColumn['kind'], string | undefined> = {
  text: undefined,
  integer: '#,##0',
  decimal: '#,##0.0',
  percent: '0.0"%"',
};

export async function renderReportXlsx(file: ReportFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  workbook.created = file.generatedAt;
  workbook.modified = file.generatedAt;
  workbook.title = file.title;
  for (const spec of file.sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      },
    });
    sheet.columns = spec.columns.map((c) => ({ width: c.width }));
    const n = spec.columns.length;
    sheet.mergeCells(1, 1, 1, n);
    sheet.getCell(1, 1).value = spec.title;
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    if (spec.subtitle !== undefined) {
      sheet.mergeCells(2, 1, 2, n);
      sheet.getCell(2, 1).value = spec.subtitle;
    }
    const header = sheet.getRow(HEADER_ROW);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    });
    spec.rows.forEach((values, r) => {
      const row = sheet.getRow(HEADER_ROW + 1 + r);
      spec.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const v = values[i] ?? null;
        cell.value = v;
        cell.border = THIN;
        const fmt = NUM_FMT[c.kind];
        if (fmt !== undefined && typeof v === 'number') cell.numFmt = fmt;
        if (c.kind !== 'text') cell.alignment = { horizontal: 'right' };
      });
    });
    sheet.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + Math.max(spec.rows.length, 1), column: n },
    };
    if (spec.note !== undefined) sheet.getCell(HEADER_ROW + spec.rows.length + 2, 1).value = spec.note;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const vnNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** How a cell prints in the PDF (Vietnamese number format, "—" for no value). */
export function pdfCell(kind: ReportColumn['kind'], v: Cell): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (kind === 'percent') return `${vnNumber.format(v)} %`;
  return vnNumber.format(v);
}

export async function renderReportPdf(file: ReportFile): Promise<Buffer> {
  const pdf = PdfRenderer.create({
    size: 'A4',
    orientation: 'landscape',
    title: file.title,
    creationDate: file.generatedAt,
  });
  pdf.header({
    parentAgency: 'TỔNG CÔNG TY BƯU ĐIỆN VIỆT NAM',
    unit: 'BƯU ĐIỆN TỈNH GIA LAI',
    placeDate: formatPlaceDate('Gia Lai', file.day),
  });
  for (const [i, spec] of file.sheets.entries()) {
    if (i > 0) pdf.addPage();
    pdf.title(spec.title, spec.subtitle);
    const columns: TableColumn[] = spec.columns.map((c) => ({
      header: c.header,
      width: c.width,
      align: c.kind === 'text' ? 'left' : 'right',
    }));
    pdf.table(
      columns,
      spec.rows.map((r) => spec.columns.map((c, j) => pdfCell(c.kind, r[j] ?? null))),
    );
    if (spec.note !== undefined) pdf.text(spec.note, { gapAfter: 6 });
  }
  return pdf.finish();
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** Renders the file in the requested format, with its content type and a download name. */
export async function renderReport(
  file: ReportFile,
  format: 'xlsx' | 'pdf',
  baseName: string,
): Promise<{ body: Buffer; type: string; disposition: string }> {
  const body = format === 'xlsx' ? await renderReportXlsx(file) : await renderReportPdf(file);
  return {
    body,
    type: format === 'xlsx' ? XLSX_TYPE : PDF_TYPE,
    disposition: `attachment; filename="${baseName}.${format}"`,
  };
}
