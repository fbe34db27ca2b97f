/**
 * From a table of cells (read from XLSX or CSV) to procedure versions, validating every row in
 * one pass and reporting every problem with its spreadsheet row and column header.
 *
 * Legacy Vietnamese encodings are repaired cell by cell: a cell that reads clearly as TCVN3 or
 * VNI is converted (with a warning naming the row and column); a cell that could be either is
 * converted with the file's overall encoding when the file is clear, and rejected otherwise.
 */

import { analyzeLegacyEncoding, convertLegacy, type LegacyEncoding } from '../../../kernel/text/legacy.ts';
import {
  validateProcedureVersion,
  type AnnouncingDecision,
  type CatalogProblemCode,
  type FeeItem,
  type OnlineLevel,
  type ProcedureLevel,
  type ProcedureStatus,
  type ProcedureVersionInput,
  type ProcessingStep,
  type RequiredDocument,
  type ResultKind,
  type TimeUnit,
} from '../domain/procedure.ts';
import {
  cleanText,
  readBoolean,
  readCodeList,
  readDate,
  readDecimal,
  readDocuments,
  readFees,
  readInteger,
  readLevels,
  readOnlineLevel,
  readResultKind,
  readStatus,
  readSteps,
  readTextList,
  readTimeUnit,
  type CellProblemCode,
  type CellResult,
} from './cells.ts';
import {
  COLUMNS,
  columnForHeader,
  columnForPath,
  headerOf,
  type ColumnDoc,
  type ColumnKey,
} from './columns.ts';

/** Codes of file- and row-level import problems (besides the domain's CatalogProblemCode). */
export type CatalogImportErrorCode =
  | CellProblemCode
  | CatalogProblemCode
  | 'FILE_UNREADABLE'
  | 'CSV_MALFORMED'
  | 'HEADER_NOT_FOUND'
  | 'HEADER_MISSING'
  | 'HEADER_DUPLICATE'
  | 'LEGACY_ENCODING_AMBIGUOUS'
  | 'DUPLICATE_VERSION'
  /** Set by the catalog service: a version in force would overlap another version of its code. */
  | 'VALIDITY_OVERLAP';

export type CatalogImportWarningCode =
  'LEGACY_ENCODING_CONVERTED' | 'FILE_DECODED_AS_WINDOWS_1252' | 'UNKNOWN_COLUMN';

/** One problem in an imported file. `row` is the spreadsheet row (header = its own row number). */
export interface CatalogImportError {
  readonly row: number;
  /** Column header as in the file's template ('' for file-level problems). */
  readonly column: string;
  readonly code: CatalogImportErrorCode;
  readonly reason_vi: string;
  readonly reason_en: string;
}

export interface CatalogImportWarning {
  readonly row: number;
  readonly column: string;
  readonly code: CatalogImportWarningCode;
  readonly reason_vi: string;
  readonly reason_en: string;
}

export interface CatalogParseResult {
  /** The rows that have no error, in file order. */
  readonly rows: readonly ProcedureVersionInput[];
  /** Spreadsheet row number of each entry in `rows`. */
  readonly rowNumbers: readonly number[];
  /** Every error found, ordered by row then column. An empty list means the file is clean. */
  readonly errors: readonly CatalogImportError[];
  readonly warnings: readonly CatalogImportWarning[];
}

/** A cell as read from the file before interpretation. */
export type RawCell = string | number | boolean | Date | null | undefined;

export interface TableRow {
  /** 1-based row number in the file. */
  readonly row: number;
  readonly cells: readonly RawCell[];
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Text of a raw cell, interpreted for its column (numbers in code and date columns need care). */
function cellText(raw: RawCell, key: ColumnKey | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean') return raw ? 'Có' : 'Không';
  const isDateColumn = key === 'decisionDate' || key === 'validFrom' || key === 'validTo';
  if (raw instanceof Date) return isoOf(raw);
  if (key === 'code') return raw.toFixed(6); // 1.000950 typed into a number cell reads 1.00095
  if (isDateColumn && Number.isInteger(raw) && raw > 0)
    return isoOf(new Date(EXCEL_EPOCH_UTC + raw * 86_400_000));
  return String(raw);
}

class RowErrors {
  readonly errors: CatalogImportError[] = [];
  readonly warnings: CatalogImportWarning[] = [];
  readonly failedColumns = new Set<ColumnKey>();

  constructor(readonly row: number) {}

  error(key: ColumnKey | '', code: CatalogImportErrorCode, vi: string, en: string): void {
    if (key !== '') this.failedColumns.add(key);
    this.errors.push({
      row: this.row,
      column: key === '' ? '' : headerOf(key),
      code,
      reason_vi: vi,
      reason_en: en,
    });
  }
}

interface LegacyContext {
  readonly fileEncoding: LegacyEncoding | null;
}

/** Repair a cell written in a legacy encoding; returns the text, or null when ambiguous (error recorded). */
function repairLegacy(text: string, key: ColumnKey, ctx: LegacyContext, errs: RowErrors): string | null {
  const a = analyzeLegacyEncoding(text);
  if (a.candidates === 0) return text;
  let encoding: LegacyEncoding | null = a.encoding;
  if (encoding === null && ctx.fileEncoding !== null) {
    const validInFile = ctx.fileEncoding === 'tcvn3' ? a.validTcvn3 : a.validVni;
    // The file is known to be legacy: convert unless the cell reads better as it stands. This
    // also catches abbreviations with no vowel to judge by, such as "QĐ" in "1096/QĐ-UBND".
    if (a.ambiguous || validInFile >= a.validAsIs) encoding = ctx.fileEncoding;
  }
  if (encoding === null) {
    if (a.ambiguous) {
      errs.error(
        key,
        'LEGACY_ENCODING_AMBIGUOUS',
        'Ô này có vẻ được gõ bằng bảng mã cũ (TCVN3 hoặc VNI) nhưng không xác định được là bảng mã nào. Hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại.',
        'This cell looks like legacy Vietnamese (TCVN3 or VNI) but the encoding cannot be told apart. Convert it to Unicode (e.g. with Unikey) and import again.',
      );
      return null;
    }
    return text;
  }
  const name = encoding === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI-Windows';
  errs.warnings.push({
    row: errs.row,
    column: headerOf(key),
    code: 'LEGACY_ENCODING_CONVERTED',
    reason_vi: `Đã chuyển ô từ bảng mã ${name} sang Unicode; hãy kiểm tra lại nội dung.`,
    reason_en: `Converted the cell from ${name} to Unicode; please check the text.`,
  });
  return convertLegacy(text, encoding);
}

interface ParsedCells {
  get(key: ColumnKey): string | undefined;
}

/** Read a cell with `reader`; on failure record the error and return undefined. */
function take<T>(
  cells: ParsedCells,
  key: ColumnKey,
  errs: RowErrors,
  reader: (raw: string) => CellResult<T>,
): T | undefined {
  const raw = cells.get(key);
  if (raw === undefined || raw === '') return undefined;
  const r = reader(raw);
  if (r.ok) return r.value;
  errs.error(key, r.problem.code, r.problem.vi, r.problem.en);
  return undefined;
}

function required(cells: ParsedCells, key: ColumnKey, errs: RowErrors): string {
  const raw = cells.get(key) ?? '';
  if (raw === '' && !errs.failedColumns.has(key)) {
    errs.error(key, 'REQUIRED', 'Bắt buộc phải nhập.', 'This value is required.');
  }
  return raw;
}

/** Build one version from the cells of a row; records every cell problem in `errs`. */
function buildRow(cells: ParsedCells, errs: RowErrors): ProcedureVersionInput {
  const code = required(cells, 'code', errs).toUpperCase();
  const name = required(cells, 'name', errs);
  const levelsRaw = required(cells, 'levels', errs);
  const levels: ProcedureLevel[] = levelsRaw === '' ? [] : (take(cells, 'levels', errs, readLevels) ?? []);
  const field = required(cells, 'field', errs);
  const agencyCode = required(cells, 'agencyCode', errs);
  const agencyName = required(cells, 'agencyName', errs);

  // Time limit: "5" + "Ngày làm việc", or "5 ngày làm việc" in the value column alone.
  let timeValue = 0;
  let timeUnit: TimeUnit = 'working_days';
  const timeRaw = required(cells, 'timeValue', errs);
  const unitRaw = cells.get('timeUnit') ?? '';
  const combined = /^(\d+(?:[.,]\d+)?)\s+(\S.*)$/.exec(timeRaw);
  if (combined !== null && unitRaw === '') {
    const v = readDecimal(combined[1] ?? '');
    const u = readTimeUnit(combined[2] ?? '');
    if (v.ok && u.ok) {
      timeValue = v.value;
      timeUnit = u.value;
    } else {
      const p = v.ok ? (u.ok ? null : u.problem) : v.problem;
      if (p !== null) errs.error('timeValue', p.code, p.vi, p.en);
    }
  } else {
    if (timeRaw !== '') timeValue = take(cells, 'timeValue', errs, readDecimal) ?? 0;
    if (unitRaw === '') errs.error('timeUnit', 'REQUIRED', 'Bắt buộc phải nhập.', 'This value is required.');
    else timeUnit = take(cells, 'timeUnit', errs, readTimeUnit) ?? 'working_days';
  }

  const cutoff = cells.get('cutoff') ?? '';
  const fees: FeeItem[] = take(cells, 'fees', errs, readFees) ?? [];
  const documents: RequiredDocument[] = take(cells, 'documents', errs, readDocuments) ?? [];
  const resultName = required(cells, 'resultName', errs);
  const resultKind: ResultKind = take(cells, 'resultKind', errs, readResultKind) ?? 'paper';
  const onlineLevel: OnlineLevel = take(cells, 'online', errs, readOnlineLevel) ?? 'none';
  const bool = (key: ColumnKey, blank: boolean): boolean =>
    take(cells, key, errs, (raw) => readBoolean(raw, blank)) ?? blank;
  const postal = { sendDossier: bool('postalSend', false), receiveResult: bool('postalReceive', false) };
  const oneStop = bool('oneStop', true);
  const feesBlockReturn = bool('feesBlockReturn', false);
  const legalBasis = take(cells, 'legalBasis', errs, readTextList) ?? [];
  const steps: ProcessingStep[] = take(cells, 'steps', errs, readSteps) ?? [];
  const servicePointCodes = take(cells, 'servicePoints', errs, readCodeList) ?? [];

  const version = take(cells, 'version', errs, readInteger);
  const status: ProcedureStatus = take(cells, 'status', errs, readStatus) ?? 'draft';
  const decisionNumber = cells.get('decisionNumber') ?? '';
  const decisionDate = take(cells, 'decisionDate', errs, readDate);
  let decision: AnnouncingDecision | null = null;
  if (decisionNumber !== '' || (cells.get('decisionDate') ?? '') !== '') {
    if (decisionNumber === '')
      errs.error(
        'decisionNumber',
        'REQUIRED',
        'Cần số quyết định công bố.',
        'The decision number is required.',
      );
    if ((cells.get('decisionDate') ?? '') === '') {
      errs.error('decisionDate', 'REQUIRED', 'Cần ngày công bố.', 'The decision date is required.');
    }
    if (decisionNumber !== '' && decisionDate !== undefined)
      decision = { number: decisionNumber, date: decisionDate };
  }
  const validFrom = take(cells, 'validFrom', errs, readDate) ?? null;
  const validTo = take(cells, 'validTo', errs, readDate) ?? null;

  return {
    code,
    name,
    levels,
    field,
    agency: { code: agencyCode, name: agencyName },
    servicePointCodes,
    processingTime: { value: timeValue, unit: timeUnit },
    ...(cutoff !== '' ? { cutoffTime: cutoff } : {}),
    fees,
    documents,
    result: { name: resultName, kind: resultKind },
    onlineLevel,
    postal,
    oneStop,
    legalBasis,
    feesBlockReturn,
    steps,
    ...(version !== undefined ? { version } : {}),
    status,
    validFrom,
    validTo,
    decision,
  };
}

const HEADER_SCAN_ROWS = 10;

/**
 * The column a header cell names. Headers form a closed set, so a header typed in a legacy
 * encoding is recognised by trying both conversions (a whole legacy file arrives this way).
 */
function headerColumn(text: string): ColumnDoc | undefined {
  return (
    columnForHeader(text) ??
    columnForHeader(convertLegacy(text, 'tcvn3')) ??
    columnForHeader(convertLegacy(text, 'vni'))
  );
}

/**
 * Parse a whole table. `rows` must include the header row (it may be preceded by title rows, as
 * in national-database exports). `fileWarnings` are prepended (e.g. the CSV decoding warning).
 */
export function parseTable(
  rows: readonly TableRow[],
  fileWarnings: readonly CatalogImportWarning[] = [],
): CatalogParseResult {
  const errors: CatalogImportError[] = [];
  const warnings: CatalogImportWarning[] = [...fileWarnings];

  const headerIndex = rows
    .slice(0, HEADER_SCAN_ROWS)
    .findIndex(
      (r) => r.cells.filter((c) => typeof c === 'string' && headerColumn(c) !== undefined).length >= 3,
    );
  const headerRow = rows[headerIndex];
  if (headerIndex < 0 || headerRow === undefined) {
    errors.push({
      row: 1,
      column: '',
      code: 'HEADER_NOT_FOUND',
      reason_vi: 'Không tìm thấy dòng tiêu đề cột (ví dụ "Mã thủ tục", "Tên thủ tục").',
      reason_en: 'No header row found (e.g. "Mã thủ tục", "Tên thủ tục").',
    });
    return { rows: [], rowNumbers: [], errors, warnings };
  }

  const columnAt = new Map<number, ColumnDoc>();
  const seen = new Set<ColumnKey>();
  headerRow.cells.forEach((cell, i) => {
    const text = cellText(cell, undefined).trim();
    if (text === '') return;
    const col = headerColumn(text);
    if (col === undefined) {
      warnings.push({
        row: headerRow.row,
        column: text,
        code: 'UNKNOWN_COLUMN',
        reason_vi: `Bỏ qua cột không dùng đến: "${text}".`,
        reason_en: `Ignored unknown column "${text}".`,
      });
      return;
    }
    if (seen.has(col.key)) {
      errors.push({
        row: headerRow.row,
        column: col.header,
        code: 'HEADER_DUPLICATE',
        reason_vi: `Cột "${col.header}" xuất hiện hai lần.`,
        reason_en: `Column "${col.header}" appears twice.`,
      });
      return;
    }
    seen.add(col.key);
    columnAt.set(i, col);
  });
  for (const col of COLUMNS) {
    if (col.required && !seen.has(col.key)) {
      errors.push({
        row: headerRow.row,
        column: col.header,
        code: 'HEADER_MISSING',
        reason_vi: `Thiếu cột bắt buộc "${col.header}".`,
        reason_en: `Required column "${col.header}" is missing.`,
      });
    }
  }
  if (errors.length > 0) return { rows: [], rowNumbers: [], errors, warnings };

  const dataRows = rows.slice(headerIndex + 1);
  // The file's overall legacy encoding, used to settle cells too short to decide on their own.
  const allText = dataRows
    .flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string'))
    .join('\n');
  const fileAnalysis = analyzeLegacyEncoding(allText);
  // A file counts as legacy only on broad evidence: a legacy reading must make at least a quarter
  // of the candidate words more valid than the text as it stands. One odd cell in a Unicode file
  // must not tip every other cell into conversion.
  const margin = Math.max(fileAnalysis.validTcvn3, fileAnalysis.validVni) - fileAnalysis.validAsIs;
  const ctx: LegacyContext = {
    fileEncoding: margin >= Math.max(1, fileAnalysis.candidates / 4) ? fileAnalysis.encoding : null,
  };

  const parsed: ProcedureVersionInput[] = [];
  const rowNumbers: number[] = [];
  const firstRowOf = new Map<string, number>();

  for (const r of dataRows) {
    const texts = new Map<ColumnKey, string>();
    const errs = new RowErrors(r.row);
    for (const [i, col] of columnAt) {
      const raw = cellText(r.cells[i], col.key);
      const repaired = repairLegacy(raw, col.key, ctx, errs);
      texts.set(col.key, repaired === null ? '' : cleanText(repaired));
    }
    if ([...texts.values()].every((t) => t === '') && errs.errors.length === 0) continue;

    const version = buildRow({ get: (k) => texts.get(k) }, errs);
    for (const p of validateProcedureVersion(version)) {
      const key = columnForPath(p.path);
      if (errs.failedColumns.has(key)) continue;
      errs.error(key, p.code, p.vi, p.en);
    }

    const identity = `${version.code}#${version.version ?? '-'}`;
    const first = firstRowOf.get(identity);
    if (first !== undefined && version.code !== '') {
      errs.error(
        'code',
        'DUPLICATE_VERSION',
        `Trùng mã thủ tục và phiên bản với dòng ${first}.`,
        `Same procedure code and version as row ${first}.`,
      );
    } else if (version.code !== '') {
      firstRowOf.set(identity, r.row);
    }

    const order = new Map(COLUMNS.map((c, i) => [c.header, i]));
    errs.errors.sort((a, b) => (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
    errors.push(...errs.errors);
    warnings.push(...errs.warnings);
    if (errs.errors.length === 0) {
      parsed.push(version);
      rowNumbers.push(r.row);
    }
  }
  return { rows: parsed, rowNumbers, errors, warnings };
}
