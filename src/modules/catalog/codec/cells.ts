/**
 * Cell notations of the catalog spreadsheet: how one procedure field is written in one cell, and
 * read back. Each reader returns a value or a list of problems; nothing here throws on bad input.
 *
 * Lists are written one item per line. Items with several parts (fees, documents, steps) use a
 * compact "part | part | part" notation that officers can type by hand. When a value cannot be
 * written that way without ambiguity (it contains '|' or a line break), the whole cell is written
 * as a JSON array instead; readers accept either form in every list cell.
 */

import { foldVietnamese, nfc } from '../../../kernel/text/normalize.ts';
import { isLocalDate, type LocalDate } from '../domain/local-date.ts';
import type {
  DocumentForm,
  FeeItem,
  OnlineLevel,
  ProcedureLevel,
  ProcedureStatus,
  ProcessingStep,
  RequiredDocument,
  ResultKind,
  TimeUnit,
} from '../domain/procedure.ts';

/** Why a cell could not be read. */
export type CellProblemCode =
  'REQUIRED' | 'INVALID_VALUE' | 'INVALID_NUMBER' | 'INVALID_DATE' | 'INVALID_JSON' | 'INVALID_ITEM';

export interface CellProblem {
  readonly code: CellProblemCode;
  readonly vi: string;
  readonly en: string;
}

export type CellResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: CellProblem };

const good = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (code: CellProblemCode, vi: string, en: string): CellResult<never> => ({
  ok: false,
  problem: { code, vi, en },
});

/** Clean a text value: NFC and trimmed (inner line breaks are kept). */
export function cleanText(value: string): string {
  return nfc(value).trim();
}

// ---------------------------------------------------------------------------------------------
// Enumerations: written as Vietnamese labels, read from labels, English codes or common synonyms.

interface EnumSpec<T extends string> {
  readonly labels: Readonly<Record<T, string>>;
  readonly synonyms: Readonly<Record<string, T>>;
}

function readEnum<T extends string>(spec: EnumSpec<T>, raw: string, what: string): CellResult<T> {
  const key = foldVietnamese(raw)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const [value, label] of Object.entries(spec.labels) as [T, string][]) {
    if (key === foldVietnamese(label) || key === value.replace(/_/g, ' ')) return good(value);
  }
  const syn = spec.synonyms[key];
  if (syn !== undefined) return good(syn);
  const allowed = Object.values<string>(spec.labels).join(', ');
  return bad(
    'INVALID_VALUE',
    `${what} không hợp lệ: "${raw}". Chấp nhận: ${allowed}.`,
    `Invalid ${what}: "${raw}". Allowed: ${allowed}.`,
  );
}

/** Labels written on export and synonyms accepted on import. */
export const LEVEL_SPEC: EnumSpec<ProcedureLevel> = {
  labels: { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' },
  synonyms: {
    tinh: 'province',
    huyen: 'district',
    xa: 'commune',
    'cap phuong': 'commune',
    phuong: 'commune',
  },
};
/** Labels written on export and synonyms accepted on import. */
export const TIME_UNIT_SPEC: EnumSpec<TimeUnit> = {
  labels: {
    working_days: 'Ngày làm việc',
    working_hours: 'Giờ làm việc',
    calendar_days: 'Ngày',
    months: 'Tháng',
  },
  synonyms: {
    gio: 'working_hours',
    'ngay lich': 'calendar_days',
    'ngay lam viec ke tu ngay nhan du ho so': 'working_days',
  },
};
/** Labels written on export and synonyms accepted on import. */
export const RESULT_KIND_SPEC: EnumSpec<ResultKind> = {
  labels: { paper: 'Bản giấy', electronic: 'Bản điện tử', both: 'Bản giấy và bản điện tử' },
  synonyms: { giay: 'paper', 'dien tu': 'electronic', 'ca hai': 'both', 'giay va dien tu': 'both' },
};
/** Labels written on export and synonyms accepted on import. */
export const ONLINE_SPEC: EnumSpec<OnlineLevel> = {
  labels: { full: 'Toàn trình', partial: 'Một phần', none: 'Không' },
  synonyms: {
    'dvc toan trinh': 'full',
    'dvc mot phan': 'partial',
    'muc do 4': 'full',
    'muc do 3': 'partial',
    'muc do 2': 'none',
  },
};
/** Labels written on export and synonyms accepted on import. */
export const STATUS_SPEC: EnumSpec<ProcedureStatus> = {
  labels: { draft: 'Dự thảo', published: 'Đang áp dụng', retired: 'Đã bãi bỏ' },
  synonyms: {
    'da cong bo': 'published',
    'cong bo': 'published',
    'bai bo': 'retired',
    'het hieu luc': 'retired',
  },
};
/** Labels written on export and synonyms accepted on import. */
export const FORM_SPEC: EnumSpec<DocumentForm> = {
  labels: { original: 'Bản chính', certified_copy: 'Bản sao chứng thực', copy: 'Bản sao' },
  synonyms: {
    'ban sao co chung thuc': 'certified_copy',
    'ban sao duoc chung thuc': 'certified_copy',
    'ban chup': 'copy',
    'ban photo': 'copy',
  },
};

/** Readers for single enumerated cells (labels, codes or synonyms). */
export const readLevel = (raw: string): CellResult<ProcedureLevel> =>
  readEnum(LEVEL_SPEC, raw, 'Cấp thực hiện');
export const readTimeUnit = (raw: string): CellResult<TimeUnit> =>
  readEnum(TIME_UNIT_SPEC, raw, 'Đơn vị thời hạn');
export const readResultKind = (raw: string): CellResult<ResultKind> =>
  readEnum(RESULT_KIND_SPEC, raw, 'Loại kết quả');
export const readOnlineLevel = (raw: string): CellResult<OnlineLevel> =>
  readEnum(ONLINE_SPEC, raw, 'Mức độ DVC');
export const readStatus = (raw: string): CellResult<ProcedureStatus> =>
  readEnum(STATUS_SPEC, raw, 'Trạng thái');
export const readForm = (raw: string): CellResult<DocumentForm> =>
  readEnum(FORM_SPEC, raw, 'Hình thức giấy tờ');

const TRUE_WORDS = new Set(['co', 'x', '1', 'true', 'yes', 'y', 'bat buoc', 'dung']);
const FALSE_WORDS = new Set(['khong', '0', 'false', 'no', 'n', 'khong bat buoc', 'sai']);

/** Yes/no cell: 'Có'/'Không' (also x, 1/0, true/false, yes/no). Blank gives `blank`. */
export function readBoolean(raw: string, blank: boolean): CellResult<boolean> {
  const key = foldVietnamese(raw);
  if (key === '') return good(blank);
  if (TRUE_WORDS.has(key)) return good(true);
  if (FALSE_WORDS.has(key)) return good(false);
  return bad(
    'INVALID_VALUE',
    `Chỉ chấp nhận "Có" hoặc "Không", không phải "${raw}".`,
    `Use "Có" or "Không", not "${raw}".`,
  );
}

/** Yes/no as written on export. */
export const writeBoolean = (b: boolean): string => (b ? 'Có' : 'Không');

// ---------------------------------------------------------------------------------------------
// Numbers and dates

/** A decimal number with '.' or ',' as the decimal mark ("0,5" and "0.5" are both 0.5). */
export function readDecimal(raw: string): CellResult<number> {
  const s = raw.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(s))
    return bad('INVALID_NUMBER', `"${raw}" không phải là số.`, `"${raw}" is not a number.`);
  return good(Number(s));
}

/** A whole number. */
export function readInteger(raw: string): CellResult<number> {
  const s = raw.trim();
  if (!/^\d+$/.test(s))
    return bad('INVALID_NUMBER', `"${raw}" không phải là số nguyên.`, `"${raw}" is not a whole number.`);
  return good(Number(s));
}

/**
 * An amount in đồng: digits, optionally grouped with '.', ',' or spaces, optionally followed by
 * "đ", "đồng" or "VND". "50.000 đồng" → 50000.
 */
export function readVnd(raw: string): CellResult<number> {
  const s = foldVietnamese(raw)
    .replace(/\s*(dong|d|vnd)\.?$/, '')
    .trim();
  if (/^\d+$/.test(s)) return good(Number(s));
  if (/^\d{1,3}(?:[., ]\d{3})+$/.test(s)) return good(Number(s.replace(/[., ]/g, '')));
  return bad('INVALID_NUMBER', `Số tiền không hợp lệ: "${raw}".`, `Invalid amount: "${raw}".`);
}

/**
 * A date: 'YYYY-MM-DD', or Vietnamese 'DD/MM/YYYY' (also with '-' or '.', one-digit day or month).
 * Slashed dates are always read day-first, as Vietnamese documents write them.
 */
export function readDate(raw: string): CellResult<LocalDate> {
  const s = raw.trim();
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m !== null) iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  if (iso === null || !isLocalDate(iso)) {
    return bad(
      'INVALID_DATE',
      `Ngày không hợp lệ: "${raw}" (dùng DD/MM/YYYY).`,
      `Invalid date: "${raw}" (use DD/MM/YYYY).`,
    );
  }
  return good(iso);
}

/** Dates are written the Vietnamese way, DD/MM/YYYY. */
export function writeDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

// ---------------------------------------------------------------------------------------------
// Lists

/** Split a list cell into non-blank lines. */
function lines(raw: string): string[] {
  return raw
    .split(/\r\n|\r|\n/)
    .map((l) => cleanText(l))
    .filter((l) => l.length > 0);
}

function needsJson(values: readonly string[]): boolean {
  return values.some((v) => /[|\r\n]/.test(v) || v !== v.trim()) || (values[0]?.startsWith('[') ?? false);
}

function isJsonCell(raw: string): boolean {
  return raw.trimStart().startsWith('[');
}

function parseJsonArray(raw: string): CellResult<unknown[]> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed))
      return bad('INVALID_JSON', 'JSON phải là một mảng.', 'The JSON must be an array.');
    return good(parsed);
  } catch {
    return bad('INVALID_JSON', 'Ô chứa JSON không hợp lệ.', 'The cell holds malformed JSON.');
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const itemProblem = (index: number, vi: string, en: string): CellResult<never> =>
  bad('INVALID_ITEM', `Dòng ${index + 1}: ${vi}`, `Line ${index + 1}: ${en}`);

/** A plain list (one item per line, or a JSON array of strings). */
export function readTextList(raw: string): CellResult<string[]> {
  if (isJsonCell(raw)) {
    const arr = parseJsonArray(raw);
    if (!arr.ok) return arr;
    const out: string[] = [];
    for (const [i, v] of arr.value.entries()) {
      if (typeof v !== 'string') return itemProblem(i, 'phải là chuỗi ký tự.', 'must be a string.');
      const t = cleanText(v);
      if (t.length > 0) out.push(t);
    }
    return good(out);
  }
  return good(lines(raw));
}

/** One item per line, or JSON when an item would be ambiguous. */
export function writeTextList(values: readonly string[]): string {
  return needsJson(values) ? JSON.stringify(values) : values.join('\n');
}

/** Service point codes: separated by ';', ',' or line breaks. */
export function readCodeList(raw: string): CellResult<string[]> {
  return good(
    raw
      .split(/[;,\r\n]+/)
      .map((s) => cleanText(s))
      .filter((s) => s.length > 0),
  );
}

/** Codes joined with '; '. */
export const writeCodeList = (codes: readonly string[]): string => codes.join('; ');

/** Levels: 'Cấp tỉnh; Cấp xã' (also ',' or line breaks). */
export function readLevels(raw: string): CellResult<ProcedureLevel[]> {
  const out: ProcedureLevel[] = [];
  for (const part of raw
    .split(/[;,\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)) {
    const r = readLevel(part);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return good(out);
}

/** Level labels joined with '; '. */
export const writeLevels = (levels: readonly ProcedureLevel[]): string =>
  levels.map((l) => LEVEL_SPEC.labels[l]).join('; ');

function splitParts(line: string): string[] {
  return line.split('|').map((p) => cleanText(p));
}

// Fees: "Tên | số tiền | áp dụng khi"

/** Fees in compact notation or JSON. */
export function readFees(raw: string): CellResult<FeeItem[]> {
  if (isJsonCell(raw)) {
    const arr = parseJsonArray(raw);
    if (!arr.ok) return arr;
    const out: FeeItem[] = [];
    for (const [i, v] of arr.value.entries()) {
      if (!isRecord(v) || typeof v['name'] !== 'string' || typeof v['amountVnd'] !== 'number') {
        return itemProblem(i, 'cần {"name", "amountVnd"}.', 'needs {"name", "amountVnd"}.');
      }
      const when = v['appliesWhen'];
      if (when !== undefined && typeof when !== 'string') {
        return itemProblem(i, '"appliesWhen" phải là chuỗi.', '"appliesWhen" must be a string.');
      }
      out.push({
        name: cleanText(v['name']),
        amountVnd: v['amountVnd'],
        ...(when !== undefined ? { appliesWhen: cleanText(when) } : {}),
      });
    }
    return good(out);
  }
  const out: FeeItem[] = [];
  for (const [i, line] of lines(raw).entries()) {
    const [name = '', amount = '', when, ...rest] = splitParts(line);
    if (rest.length > 0 || amount === '') {
      return itemProblem(
        i,
        'viết "Tên | Số tiền | Điều kiện (nếu có)".',
        'write "Name | Amount | Condition (optional)".',
      );
    }
    const vnd = readVnd(amount);
    if (!vnd.ok) return itemProblem(i, vnd.problem.vi, vnd.problem.en);
    out.push({
      name,
      amountVnd: vnd.value,
      ...(when !== undefined && when !== '' ? { appliesWhen: when } : {}),
    });
  }
  return good(out);
}

/** Fees in compact notation, or JSON when a text would be ambiguous. */
export function writeFees(fees: readonly FeeItem[]): string {
  const texts = fees.flatMap((f) => [f.name, f.appliesWhen ?? '']);
  if (needsJson(texts)) return JSON.stringify(fees);
  return fees
    .map((f) =>
      [f.name, String(f.amountVnd), ...(f.appliesWhen !== undefined ? [f.appliesWhen] : [])].join(' | '),
    )
    .join('\n');
}

// Documents: "Tên | Hình thức | Số lượng | Bắt buộc (Có/Không) | Lấy từ kho dữ liệu (Có/Không) | Tệp mẫu"

/** Documents in compact notation or JSON. */
export function readDocuments(raw: string): CellResult<RequiredDocument[]> {
  if (isJsonCell(raw)) {
    const arr = parseJsonArray(raw);
    if (!arr.ok) return arr;
    const out: RequiredDocument[] = [];
    for (const [i, v] of arr.value.entries()) {
      if (!isRecord(v) || typeof v['name'] !== 'string')
        return itemProblem(i, 'cần "name".', 'needs "name".');
      const form = readForm(typeof v['form'] === 'string' ? v['form'] : 'original');
      if (!form.ok) return itemProblem(i, form.problem.vi, form.problem.en);
      const count = v['count'] ?? 1;
      if (typeof count !== 'number')
        return itemProblem(i, '"count" phải là số.', '"count" must be a number.');
      const file = v['blankFormFile'];
      out.push({
        name: cleanText(v['name']),
        form: form.value,
        count,
        mandatory: v['mandatory'] !== false,
        reusableFromDataStore: v['reusableFromDataStore'] === true,
        ...(typeof file === 'string' ? { blankFormFile: cleanText(file) } : {}),
      });
    }
    return good(out);
  }
  const out: RequiredDocument[] = [];
  for (const [i, line] of lines(raw).entries()) {
    const [name = '', formRaw = '', countRaw = '', mandatoryRaw = '', reuseRaw = '', file = '', ...rest] =
      splitParts(line);
    if (rest.length > 0) {
      return itemProblem(i, 'có quá 6 phần ngăn bởi "|".', 'has more than 6 parts separated by "|".');
    }
    const form = formRaw === '' ? good<DocumentForm>('original') : readForm(formRaw);
    if (!form.ok) return itemProblem(i, form.problem.vi, form.problem.en);
    const count = countRaw === '' ? good(1) : readInteger(countRaw);
    if (!count.ok) return itemProblem(i, count.problem.vi, count.problem.en);
    const mandatory = readBoolean(mandatoryRaw, true);
    if (!mandatory.ok) return itemProblem(i, mandatory.problem.vi, mandatory.problem.en);
    const reuse = readBoolean(reuseRaw, false);
    if (!reuse.ok) return itemProblem(i, reuse.problem.vi, reuse.problem.en);
    out.push({
      name,
      form: form.value,
      count: count.value,
      mandatory: mandatory.value,
      reusableFromDataStore: reuse.value,
      ...(file !== '' ? { blankFormFile: file } : {}),
    });
  }
  return good(out);
}

/** Documents in compact notation, or JSON when a text would be ambiguous. */
export function writeDocuments(docs: readonly RequiredDocument[]): string {
  const texts = docs.flatMap((d) => [d.name, d.blankFormFile ?? '']);
  if (needsJson(texts)) return JSON.stringify(docs);
  return docs
    .map((d) =>
      [
        d.name,
        FORM_SPEC.labels[d.form],
        String(d.count),
        writeBoolean(d.mandatory),
        writeBoolean(d.reusableFromDataStore),
        ...(d.blankFormFile !== undefined ? [d.blankFormFile] : []),
      ].join(' | '),
    )
    .join('\n');
}

// Steps: "Tên bước | Cơ quan (có thể để trống) | Tỷ lệ %"

/** Processing steps in compact notation or JSON. */
export function readSteps(raw: string): CellResult<ProcessingStep[]> {
  if (isJsonCell(raw)) {
    const arr = parseJsonArray(raw);
    if (!arr.ok) return arr;
    const out: ProcessingStep[] = [];
    for (const [i, v] of arr.value.entries()) {
      if (!isRecord(v) || typeof v['name'] !== 'string' || typeof v['sharePercent'] !== 'number') {
        return itemProblem(i, 'cần {"name", "sharePercent"}.', 'needs {"name", "sharePercent"}.');
      }
      const agency = v['agency'];
      out.push({
        name: cleanText(v['name']),
        sharePercent: v['sharePercent'],
        ...(typeof agency === 'string' ? { agency: cleanText(agency) } : {}),
      });
    }
    return good(out);
  }
  const out: ProcessingStep[] = [];
  for (const [i, line] of lines(raw).entries()) {
    const parts = splitParts(line);
    if (parts.length < 2 || parts.length > 3) {
      return itemProblem(i, 'viết "Tên bước | Cơ quan | Tỷ lệ %".', 'write "Step | Agency | Share %".');
    }
    const name = parts[0] ?? '';
    const agency = parts.length === 3 ? (parts[1] ?? '') : '';
    const share = readDecimal((parts[parts.length - 1] ?? '').replace(/%$/, ''));
    if (!share.ok) return itemProblem(i, share.problem.vi, share.problem.en);
    out.push({ name, sharePercent: share.value, ...(agency !== '' ? { agency } : {}) });
  }
  return good(out);
}

/** Processing steps in compact notation, or JSON when a text would be ambiguous. */
export function writeSteps(steps: readonly ProcessingStep[]): string {
  const texts = steps.flatMap((s) => [s.name, s.agency ?? '']);
  if (needsJson(texts)) return JSON.stringify(steps);
  return steps.map((s) => [s.name, s.agency ?? '', String(s.sharePercent)].join(' | ')).join('\n');
}
