/**
 * A year's days-off data as typed by an administrator (API body or form), checked completely:
 * every problem is reported at once, with a JSON-pointer-like name (`daysOff/2/date`), so the form
 * can show them all in its error summary. The engine's `parseYearCalendar` is then the final word.
 *
 * Rules beyond the engine's: every date must lie in the year being edited (an entry of a swap that
 * crosses New Year goes into the other year's data), names are required, and an official year
 * cites at least one source. Pure.
 */
import type {
  DayOffKind,
  LocalDate,
  YearCalendar,
  YearStatus,
} from '../../../kernel/calendar/index.ts';
import { parseYearCalendar } from '../../../kernel/calendar/index.ts';
import { isLocalDate } from '../../../kernel/local-date.ts';
import { err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import { weekdayOfDate } from './instants.ts';

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

/**
 * Checks year data for `year`; returns the validated, frozen YearCalendar or every problem found.
 * Reasons are English (API); the form maps names to its fields and shows its own messages.
 */
export function validateYearInput(year: number, input: YearInput): Result<YearCalendar, InvalidParam[]> {
  const problems: InvalidParam[] = [];
  const problem = (name: string, reason: string, code?: string): void => {
    problems.push(code === undefined ? { name, reason } : { name, reason, code });
  };
  if (input.year !== undefined && input.year !== year) {
    problem('year', `the body is for ${input.year} but the address is for ${year}`);
  }
  if (input.status !== 'official' && input.status !== 'estimated') {
    problem('status', 'must be official or estimated');
  }
  const sources = input.source.map((s) => ({ title: clean(s.title), url: clean(s.url) }));
  sources.forEach((s, i) => {
    if (!s.title) problem(`source/${i}/title`, 'enter the title of the decision or notice');
    else if (s.title.length > 1000) problem(`source/${i}/title`, 'is longer than 1000 characters');
    if (!isHttpUrl(s.url)) problem(`source/${i}/url`, 'must be an http(s) address');
  });
  if (input.status === 'official' && sources.length === 0) {
    problem('source', 'an official year needs at least one source (the decision or notice)');
  }
  const note = input.note == null ? undefined : clean(input.note);
  if (note !== undefined && note.length > MAX_NOTE_LENGTH) {
    problem('note', `is longer than ${MAX_NOTE_LENGTH} characters`);
  }

  const seen = new Map<LocalDate, string>();
  const checkDate = (name: string, date: string): boolean => {
    if (!isLocalDate(date)) {
      problem(name, 'must be a real date YYYY-MM-DD');
      return false;
    }
    if (Number(date.slice(0, 4)) !== year) {
      problem(name, `${date} is not in ${year}`);
      return false;
    }
    const first = seen.get(date);
    if (first !== undefined) {
      problem(name, `${date} is already listed (${first})`);
      return false;
    }
    seen.set(date, name);
    return true;
  };
  const checkName = (name: string, value: string): void => {
    if (!value) problem(name, 'enter the name of the day');
    else if (value.length > MAX_NAME_LENGTH) problem(name, `is longer than ${MAX_NAME_LENGTH} characters`);
  };

  const daysOff = input.daysOff.map((d) => ({ date: clean(d.date), name: clean(d.name), kind: d.kind }));
  daysOff.forEach((d, i) => {
    checkDate(`daysOff/${i}/date`, d.date);
    checkName(`daysOff/${i}/name`, d.name);
    if (!DAY_OFF_KINDS.includes(d.kind as DayOffKind)) {
      problem(`daysOff/${i}/kind`, `must be one of ${DAY_OFF_KINDS.join(', ')}`);
    }
  });
  const workingDays = input.workingDays.map((d) => ({ date: clean(d.date), name: clean(d.name) }));
  workingDays.forEach((d, i) => {
    if (checkDate(`workingDays/${i}/date`, d.date)) {
      const w = weekdayOfDate(d.date);
      if (w !== 0 && w !== 6) problem(`workingDays/${i}/date`, `${d.date} is not a Saturday or Sunday`);
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
  if (!parsed.ok) return err([{ name: '', reason: parsed.error.detail, code: parsed.error.code }]);
  return ok(parsed.value);
}
