/**
 * A small RFC 4180 CSV reader and writer.
 *
 * Written here rather than taken from a library because the catalog import needs three things
 * general parsers make awkward: the record number of every row (for error messages that match
 * what the officer sees in Excel), the delimiter Vietnamese Excel actually uses (';', because the
 * vi-VN locale uses ',' as the decimal separator), and a precise report of malformed quoting
 * instead of a silently shifted table.
 *
 * Reading accepts CRLF, LF or CR line ends, quoted fields with doubled quotes, embedded line
 * breaks, and a missing final line end. Writing quotes only when needed and ends lines with CRLF
 * as the RFC says; the caller adds the UTF-8 BOM that Excel needs to recognise UTF-8.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based record number (the header is record 1); equals the spreadsheet row number. */
  readonly record: number;
  readonly fields: readonly string[];
}

export interface CsvParseResult {
  readonly records: readonly CsvRecord[];
  /** Records where a quoted field was not closed properly (1-based record numbers). */
  readonly malformed: readonly number[];
}

/**
 * Guess the delimiter from the first record: the candidate that occurs most often outside
 * quotes wins; ties and no candidates give ','.
 */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Parse CSV text (without BOM) into records. */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectCsvDelimiter(text)): CsvParseResult {
  const records: CsvRecord[] = [];
  const malformed: number[] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let recordNo = 1;
  let recordHasContent = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push({ record: recordNo, fields });
    recordNo++;
    fields = [];
    recordHasContent = false;
  };

  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field.length === 0) {
      // Quoted field.
      recordHasContent = true;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (!closed) {
        malformed.push(recordNo);
        break;
      }
      // Anything between the closing quote and the next delimiter is kept but flagged.
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        if (!malformed.includes(recordNo)) malformed.push(recordNo);
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          field += text[i];
          i++;
        }
      }
      continue;
    }
    if (ch === delimiter) {
      recordHasContent = true;
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    recordHasContent = true;
    field += ch;
    i++;
  }
  if (recordHasContent || field.length > 0 || fields.length > 0) endRecord();
  return { records, malformed };
}

function quoteIfNeeded(value: string, delimiter: CsvDelimiter): string {
  const needs =
    value.includes('"') ||
    value.includes(delimiter) ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialise rows as CSV with CRLF line ends (and a final CRLF). */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return rows.map((row) => row.map((v) => quoteIfNeeded(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
