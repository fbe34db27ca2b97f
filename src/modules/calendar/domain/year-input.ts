/**
 * A year's days-off data as typed by an administrator (API body or form), checked completely:
 * every problem is reported at once, with a JSON-pointer-like name (`daysOff/2/date`), so the form
 * can show them all in its error summary. The engine's `parseYearCalendar` is then the final word.
 *
 * Rules beyond the engine's: every date must lie in the year being edited (an entry of a swap that
 * crosses New Year goes into the other year's data), names are required, and an official year
 * cites at least one source. Pure.
 */
import type { DayOffKind, LocalDate, YearCalendar, YearStatus } from '../../../kernel/calendar/index.ts';
import { parseYearCalendar } from '../../../kernel/calendar/index.ts';
import { isLocalDate } from '../../../kernel/local-date.ts';
import { err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import { formatDateVi, weekdayOfDate } from './instants.ts';

/** The kinds of day off, in the order forms list them. */
export const DAY_OFF_KINDS: readonly DayOffKind[] = Object.freeze([
  'holiday',
  'tet',
  'compensatory',
  'swapped',
]);

/** Untrusted year data: the body of `PUT /api/v1/calendar/years/{year}` or a parsed form. */
export interface YearInput {
  readonly year?: number | undefined;
  readonly status: string;
  readonly source: readonly { readonly title: string; readonly url: string }[];
  readonly note?: string | null | undefined;
  readonly daysOff: readonly { readonly date: string; readonly name: string; readonly kind: string }[];
  readonly workingDays: readonly { readonly date: string; readonly name: string }[];
}

/** Longest accepted name of a day. */
export const MAX_NAME_LENGTH = 200;
/** Longest accepted note. */
export const MAX_NOTE_LENGTH = 4000;

const clean = (s: string): string => s.normalize('NFC').trim();

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);
}

/** What is wrong with one field. */
export type YearProblemKey =
  | 'year_mismatch'
  | 'status_invalid'
  | 'source_required'
  | 'source_title_required'
  | 'source_title_too_long'
  | 'source_url_invalid'
  | 'note_too_long'
  | 'date_invalid'
  | 'date_not_in_year'
  | 'date_duplicate'
  | 'date_not_weekend'
  | 'name_required'
  | 'name_too_long'
  | 'kind_invalid'
  | 'engine';

/** One problem: the field (`daysOff/2/date`), what is wrong, and the values the message needs. */
export interface YearProblem {
  readonly name: string;
  readonly key: YearProblemKey;
  readonly value?: string | undefined;
  readonly year: number;
}

/** The message of a problem, in Vietnamese (forms) or English (API `invalidParams`). */
export function describeProblem(p: YearProblem, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const raw = p.value ?? '';
  // Vietnamese messages show dates as people write them (24/11/2026).
  const v = vi && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? formatDateVi(raw) : raw;
  switch (p.key) {
    case 'year_mismatch':
      return vi
        ? `Dữ liệu là của năm ${v}, không phải năm ${p.year}`
        : `the body is for ${v} but the address is for ${p.year}`;
    case 'status_invalid':
      return vi ? 'Chọn trạng thái: chính thức hoặc ước tính' : 'must be official or estimated';
    case 'source_required':
      return vi
        ? 'Lịch chính thức cần ít nhất một nguồn (văn bản, thông báo)'
        : 'an official year needs at least one source (the decision or notice)';
    case 'source_title_required':
      return vi ? 'Nhập tên văn bản nguồn' : 'enter the title of the decision or notice';
    case 'source_title_too_long':
      return vi ? 'Tên văn bản nguồn dài quá 1000 ký tự' : 'is longer than 1000 characters';
    case 'source_url_invalid':
      return vi ? 'Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://' : 'must be an http(s) address';
    case 'note_too_long':
      return vi ? `Ghi chú dài quá ${MAX_NOTE_LENGTH} ký tự` : `is longer than ${MAX_NOTE_LENGTH} characters`;
    case 'date_invalid':
      return vi ? 'Nhập ngày hợp lệ (ngày/tháng/năm)' : 'must be a real date YYYY-MM-DD';
    case 'date_not_in_year':
      return vi ? `Ngày ${v} không thuộc năm ${p.year}` : `${v} is not in ${p.year}`;
    case 'date_duplicate':
      return vi ? `Ngày ${v} đã có trong danh sách` : `${v} is already listed`;
    case 'date_not_weekend':
      return vi ? `Ngày làm bù ${v} phải là Thứ Bảy hoặc Chủ nhật` : `${v} is not a Saturday or Sunday`;
    case 'name_required':
      return vi ? 'Nhập tên ngày' : 'enter the name of the day';
    case 'name_too_long':
      return vi
        ? `Tên ngày dài quá ${MAX_NAME_LENGTH} ký tự`
        : `is longer than ${MAX_NAME_LENGTH} characters`;
    case 'kind_invalid':
      return vi ? 'Chọn loại ngày nghỉ' : `must be one of ${DAY_OFF_KINDS.join(', ')}`;
    case 'engine':
      return v;
  }
}

/** Problems as RFC 7807 `invalidParams` (English reasons). */
export function problemsAsParams(problems: readonly YearProblem[]): InvalidParam[] {
  return problems.map((p) => ({ name: p.name, reason: describeProblem(p, 'en') }));
}

/**
 * Checks year data for `year`; returns the validated, frozen YearCalendar or every problem found.
 */
export function validateYearInput(year: number, input: YearInput): Result<YearCalendar, YearProblem[]> {
  const problems: YearProblem[] = [];
  const problem = (name: string, key: YearProblemKey, value?: string): void => {
    problems.push({ name, key, value, year });
  };
  if (input.year !== undefined && input.year !== year) problem('year', 'year_mismatch', String(input.year));
  if (input.status !== 'official' && input.status !== 'estimated') problem('status', 'status_invalid');
  const sources = input.source.map((s) => ({ title: clean(s.title), url: clean(s.url) }));
  sources.forEach((s, i) => {
    if (!s.title) problem(`source/${i}/title`, 'source_title_required');
    else if (s.title.length > 1000) problem(`source/${i}/title`, 'source_title_too_long');
    if (!isHttpUrl(s.url)) problem(`source/${i}/url`, 'source_url_invalid');
  });
  if (input.status === 'official' && sources.length === 0) problem('source', 'source_required');
  const note = input.note == null ? undefined : clean(input.note);
  if (note !== undefined && note.length > MAX_NOTE_LENGTH) problem('note', 'note_too_long');

  const seen = new Set<LocalDate>();
  const checkDate = (name: string, date: string): boolean => {
    if (!isLocalDate(date)) {
      problem(name, 'date_invalid', date);
      return false;
    }
    if (Number(date.slice(0, 4)) !== year) {
      problem(name, 'date_not_in_year', date);
      return false;
    }
    if (seen.has(date)) {
      problem(name, 'date_duplicate', date);
      return false;
    }
    seen.add(date);
    return true;
  };
  const checkName = (name: string, value: string): void => {
    if (!value) problem(name, 'name_required');
    else if (value.length > MAX_NAME_LENGTH) problem(name, 'name_too_long');
  };

  const daysOff = input.daysOff.map((d) => ({ date: clean(d.date), name: clean(d.name), kind: d.kind }));
  daysOff.forEach((d, i) => {
    checkDate(`daysOff/${i}/date`, d.date);
    checkName(`daysOff/${i}/name`, d.name);
    if (!DAY_OFF_KINDS.includes(d.kind as DayOffKind)) problem(`daysOff/${i}/kind`, 'kind_invalid');
  });
  const workingDays = input.workingDays.map((d) => ({ date: clean(d.date), name: clean(d.name) }));
  workingDays.forEach((d, i) => {
    if (checkDate(`workingDays/${i}/date`, d.date)) {
      const w = weekdayOfDate(d.date);
      if (w !== 0 && w !== 6) problem(`workingDays/${i}/date`, 'date_not_weekend', d.date);
    }
    checkName(`workingDays/${i}/name`, d.name);
  });
  if (problems.length > 0) return err(problems);

  const parsed = parseYearCalendar({
    year,
    status: input.status as YearStatus,
    source: sources,
    ...(note ? { note } : {}),
    daysOff,
    workingDays,
  });
  if (!parsed.ok) return err([{ name: '', key: 'engine', value: parsed.error.detail, year }]);
  return ok(parsed.value);
}
