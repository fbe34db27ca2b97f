/**
 * Import and export of the procedure catalog as XLSX or CSV.
 *
 * `parseCatalogFile` reads a whole file, validates every row in one pass and returns the good rows
 * with every error (row, column, code, reason in Vietnamese and English), so an officer can fix
 * the whole spreadsheet at once. `exportCatalog` writes the same layout; exporting and importing
 * again gives back the same versions (a property test holds this).
 *
 * Column layout: columns.ts and docs/catalog.md.
 */

import type { ProcedureVersion, ProcedureVersionInput } from '../domain/procedure.ts';
import { parseCsv, writeCsv, type CsvDelimiter } from './csv.ts';
import { decodeTextFile } from './decode.ts';
import { parseTable, type CatalogImportWarning, type CatalogParseResult, type TableRow } from './table.ts';
import { headerRow, versionRow } from './write.ts';
import { readXlsxTable, writeXlsxTable } from './xlsx.ts';

export type CatalogFileFormat = 'xlsx' | 'csv';

export { COLUMNS, type ColumnDoc, type ColumnKey } from './columns.ts';
export type {
  CatalogImportError,
  CatalogImportErrorCode,
  CatalogImportWarning,
  CatalogImportWarningCode,
  CatalogParseResult,
} from './table.ts';
export { parseCsv, writeCsv, detectCsvDelimiter, type CsvDelimiter, type CsvParseResult } from './csv.ts';

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * Parse CSV bytes. Handles UTF-8 (with or without BOM), UTF-16 with BOM, and files that are not
 * valid UTF-8 (decoded as Windows-1252, then legacy TCVN3/VNI text is repaired cell by cell).
 */
export function parseCatalogCsv(bytes: Uint8Array): CatalogParseResult {
  const decoded = decodeTextFile(bytes);
  const warnings: CatalogImportWarning[] = [];
  if (decoded.encoding === 'windows-1252') {
    warnings.push({
      row: 1,
      column: '',
      code: 'FILE_DECODED_AS_WINDOWS_1252',
      reason_vi:
        'Tệp không phải UTF-8; đã đọc theo Windows-1252 và dò bảng mã TCVN3/VNI. Nên lưu lại bằng "CSV UTF-8".',
      reason_en:
        'The file is not UTF-8; it was read as Windows-1252 and checked for TCVN3/VNI. Save it as "CSV UTF-8".',
    });
  }
  const csv = parseCsv(decoded.text);
  const rows: TableRow[] = csv.records.map((r) => ({ row: r.record, cells: r.fields }));
  const result = parseTable(rows, warnings);
  if (csv.malformed.length === 0) return result;
  const malformed = csv.malformed.map((row) => ({
    row,
    column: '',
    code: 'CSV_MALFORMED' as const,
    reason_vi: 'Dấu ngoặc kép (") không được đóng đúng; dòng này và các dòng sau có thể bị lệch cột.',
    reason_en: 'A quoted field is not closed properly; this and later rows may be shifted.',
  }));
  return { ...result, errors: [...malformed, ...result.errors].sort((a, b) => a.row - b.row) };
}

/** Parse XLSX bytes (the "Thủ tục" sheet, or the first sheet). */
export async function parseCatalogXlsx(bytes: Uint8Array): Promise<CatalogParseResult> {
  let rows: TableRow[];
  try {
    rows = await readXlsxTable(bytes);
  } catch {
    return {
      rows: [],
      rowNumbers: [],
      warnings: [],
      errors: [
        {
          row: 1,
          column: '',
          code: 'FILE_UNREADABLE',
          reason_vi: 'Không đọc được tệp Excel (.xlsx). Tệp .xls cũ cần được lưu lại thành .xlsx.',
          reason_en: 'The Excel file (.xlsx) could not be read. Save old .xls files as .xlsx first.',
        },
      ],
    };
  }
  return parseTable(rows);
}

/** Parse a catalog file of either format. */
export async function parseCatalogFile(
  bytes: Uint8Array,
  format: CatalogFileFormat,
): Promise<CatalogParseResult> {
  return format === 'csv' ? parseCatalogCsv(bytes) : parseCatalogXlsx(bytes);
}

/** Export as CSV: UTF-8 with BOM (so Excel shows Vietnamese correctly), CRLF, ',' by default. */
export function exportCatalogCsv(
  versions: readonly (ProcedureVersion | ProcedureVersionInput)[],
  delimiter: CsvDelimiter = ',',
): Buffer {
  const text = writeCsv([headerRow(), ...versions.map(versionRow)], delimiter);
  return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
}

/** Export in either format. */
export async function exportCatalog(
  versions: readonly (ProcedureVersion | ProcedureVersionInput)[],
  format: CatalogFileFormat,
): Promise<Buffer> {
  if (format === 'csv') return exportCatalogCsv(versions);
  return writeXlsxTable(headerRow(), versions.map(versionRow));
}
