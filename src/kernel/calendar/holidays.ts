/**
 * Days off per year (ngày nghỉ lễ, Tết) as data, plus the Labour Code defaults for years without an
 * official decision.
 *
 * Law: Bộ luật Lao động 2019, art. 112(1) gives 11 paid holidays: Tết Dương lịch (1/1), Tết Âm lịch
 * (5 days, the Prime Minister picks them), Giỗ Tổ Hùng Vương (10/3 lunar), Ngày Chiến thắng (30/4),
 * Quốc tế Lao động (1/5) and Quốc khánh (2/9 plus one adjacent day). Art. 111(3): a holiday on the
 * weekly day off gives a compensatory day (nghỉ bù) on the next working day. Each year the
 * government also announces the exact Tết and National Day days and may swap a weekday off for a
 * make-up Saturday (hoán đổi ngày làm việc, làm bù) for the public sector.
 *
 * A year's data is therefore either `official` (from the year's notices, shipped as JSON under
 * data/calendar/) or `estimated` (built here by rule). An official year file is the complete list
 * for that year: when it is present the defaults are not used for that year at all.
 */
import type { Result } from '../errors.ts';
import { err, ok } from '../errors.ts';
import type { CalendarError } from './calendar-error.ts';
import { calendarError } from './calendar-error.ts';
import type { LocalDate } from './local-time.ts';
import {
  civilFromDayNumber,
  dayNumberFromCivil,
  formatDayNumber,
  tryParseLocalDate,
  weekdayOf,
} from './local-time.ts';
import { lunarToSolar, solarToLunar, tetDayNumber } from './lunar.ts';

/**
 * Why a day is off: a statutory `holiday`, a `tet` day, a `compensatory` day (nghỉ bù, a holiday
 * fell on a weekend), or a `swapped` weekday (nghỉ hoán đổi, worked on a make-up Saturday instead).
 */
export type DayOffKind = 'holiday' | 'tet' | 'compensatory' | 'swapped';

/** One day off. Weekend days may be listed too (e.g. mùng 1 Tết on a Saturday): it names the day. */
export interface DayOff {
  readonly date: LocalDate;
  readonly name: string;
  readonly kind: DayOffKind;
}

/** A make-up working day (ngày làm bù): a Saturday or Sunday that is a working day. */
export interface MakeUpWorkingDay {
  readonly date: LocalDate;
  readonly name: string;
}

/** Where a year's data comes from: the notice's title (with its number) and a public URL. */
export interface SourceRef {
  readonly title: string;
  readonly url: string;
}

/** Whether a year's days off come from official decisions or from the Labour Code rules. */
export type YearStatus = 'official' | 'estimated';

/** The days off and make-up working days of one solar year. */
export interface YearCalendar {
  readonly year: number;
  readonly status: YearStatus;
  readonly source: readonly SourceRef[];
  readonly note?: string;
  readonly daysOff: readonly DayOff[];
  readonly workingDays: readonly MakeUpWorkingDay[];
}

/** First year the engine supports (the lunar calendar's validity range). */
export const MIN_YEAR = 1900;
/** Last year the engine supports. */
export const MAX_YEAR = 2199;

const KINDS: readonly DayOffKind[] = ['holiday', 'tet', 'compensatory', 'swapped'];

const LUNAR_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4', 'mùng 5'];

const LABOUR_CODE_SOURCE: SourceRef = Object.freeze({
  title: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3 và Điều 112 khoản 1',
  url: 'https://vbpl.vn/TW/Pages/vbpq-van-ban-goc.aspx?ItemID=139264',
});

/**
 * Which day next to 2/9 is the second National Day holiday when no decision exists, by weekday of
 * 2/9 (0 = Sunday). It reproduces the decisions of 2021–2026: the adjacent day that makes the
 * longest bridge with a weekend.
 */
const NATIONAL_DAY_ADJACENT: readonly number[] = [+1, +1, -1, -1, +1, -1, -1];

function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

function ddmm(dayNumber: number): string {
  const { month, day } = civilFromDayNumber(dayNumber);
  return `${day}/${month}`;
}

/**
 * The estimated days off of `year` (1900–2199) under the Labour Code 2019 rules:
 * Tết = the last day of the lunar year and mùng 1–4 of the new one; 2/9 plus the adjacent day by
 * the rule above; every holiday on a Saturday or Sunday gives a compensatory day on the next
 * weekday that is not itself a day off. No swaps or make-up days (those exist only by decision).
 *
 * The rules are today's; for past years (before 2021) the result is not the historical calendar.
 */
export function buildDefaultYear(year: number): YearCalendar {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`buildDefaultYear supports ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
  const holidays: { day: number; name: string; kind: DayOffKind }[] = [];
  const add = (day: number, name: string, kind: DayOffKind): void => {
    holidays.push({ day, name, kind });
  };

  add(dayNumberFromCivil(year, 1, 1), 'Tết Dương lịch', 'holiday');

  const tet = tetDayNumber(year);
  const eve = solarToLunar(tet - 1);
  add(tet - 1, `Tết Âm lịch (${eve.day} tháng Chạp)`, 'tet');
  for (let i = 0; i < 4; i++) add(tet + i, `Tết Âm lịch (${LUNAR_DAY_NAMES[i] ?? ''} tháng Giêng)`, 'tet');

  const gioTo = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (gioTo.ok) {
    const d = tryParseLocalDate(gioTo.value);
    if (d !== undefined) add(d, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'holiday');
  }

  add(dayNumberFromCivil(year, 4, 30), 'Ngày Chiến thắng (30/4)', 'holiday');
  add(dayNumberFromCivil(year, 5, 1), 'Ngày Quốc tế Lao động (1/5)', 'holiday');
  const sep2 = dayNumberFromCivil(year, 9, 2);
  add(sep2, 'Quốc khánh (2/9)', 'holiday');
  const adjacent = sep2 + (NATIONAL_DAY_ADJACENT[weekdayOf(sep2)] ?? 1);
  add(adjacent, `Quốc khánh (ngày liền kề, ${ddmm(adjacent)})`, 'holiday');

  holidays.sort((a, b) => a.day - b.day);
  // Two holidays on one date (only 1947 in range: Giỗ Tổ on 30/4) make one day off; the law does
  // not say whether that earns an extra day, so the estimate does not invent one.
  for (let i = holidays.length - 1; i > 0; i--) {
    const cur = holidays[i];
    const prev = holidays[i - 1];
    if (cur && prev && cur.day === prev.day) {
      prev.name = `${prev.name}; ${cur.name}`;
      holidays.splice(i, 1);
    }
  }
  const taken = new Set(holidays.map((h) => h.day));
  const compensatory: { day: number; name: string; kind: DayOffKind }[] = [];
  for (const h of holidays) {
    if (!isWeekend(h.day)) continue;
    let d = h.day + 1;
    while (isWeekend(d) || taken.has(d)) d++;
    taken.add(d);
    compensatory.push({ day: d, name: `Nghỉ bù ${h.name}`, kind: 'compensatory' });
  }
  const all = [...holidays, ...compensatory].sort((a, b) => a.day - b.day);
  return Object.freeze({
    year,
    status: 'estimated',
    source: Object.freeze([LABOUR_CODE_SOURCE]),
    note: 'Estimated from the Labour Code 2019 rules; no official decision was supplied for this year.',
    daysOff: Object.freeze(
      all.map((h) => Object.freeze({ date: formatDayNumber(h.day), name: h.name, kind: h.kind })),
    ),
    workingDays: Object.freeze([]),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(detail: string, details?: Record<string, unknown>): Result<never, CalendarError> {
  return err(calendarError('CALENDAR_YEAR_DATA_INVALID', detail, details));
}

/**
 * Validates untrusted year data (a parsed JSON file or an admin form) into a frozen YearCalendar.
 * Checks the shape, that every date is real and within the year (±1 month, so a swap can reach the
 * neighbouring December or January), that no date is listed twice, and that make-up working days
 * fall on a Saturday or Sunday.
 */
export function parseYearCalendar(value: unknown): Result<YearCalendar, CalendarError> {
  if (!isRecord(value)) return invalid('Year data must be an object');
  const { year, status, source, note, daysOff, workingDays } = value;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return invalid(`year must be an integer ${MIN_YEAR}–${MAX_YEAR}`);
  }
  if (status !== 'official' && status !== 'estimated') return invalid('status must be official or estimated');
  if (note !== undefined && typeof note !== 'string') return invalid('note must be a string');
  if (!Array.isArray(source)) return invalid('source must be an array');
  const sources: SourceRef[] = [];
  for (const s of source) {
    if (!isRecord(s) || typeof s.title !== 'string' || typeof s.url !== 'string') {
      return invalid('each source needs a title and a url');
    }
    sources.push(Object.freeze({ title: s.title, url: s.url }));
  }
  if (!Array.isArray(daysOff) || !Array.isArray(workingDays)) {
    return invalid('daysOff and workingDays must be arrays');
  }
  const lo = dayNumberFromCivil(year - 1, 12, 1);
  const hi = dayNumberFromCivil(year + 1, 1, 31);
  const seen = new Set<number>();
  const checkDate = (date: unknown): Result<number, CalendarError> => {
    const d = typeof date === 'string' ? tryParseLocalDate(date) : undefined;
    if (d === undefined) return invalid(`not a date: ${String(date)}`);
    if (d < lo || d > hi) return invalid(`date ${String(date)} is not in or next to ${year}`);
    if (seen.has(d)) return invalid(`date ${String(date)} is listed twice`);
    seen.add(d);
    return ok(d);
  };
  const offs: DayOff[] = [];
  for (const entry of daysOff) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || !KINDS.includes(entry.kind as DayOffKind)) {
      return invalid('each day off needs a date, a name and a kind', {
        entry: String(JSON.stringify(entry)),
      });
    }
    const d = checkDate(entry.date);
    if (!d.ok) return d;
    offs.push(
      Object.freeze({ date: formatDayNumber(d.value), name: entry.name, kind: entry.kind as DayOffKind }),
    );
  }
  const works: MakeUpWorkingDay[] = [];
  for (const entry of workingDays) {
    if (!isRecord(entry) || typeof entry.name !== 'string')
      return invalid('each working day needs a date and a name');
    const d = checkDate(entry.date);
    if (!d.ok) return d;
    if (!isWeekend(d.value)) return invalid(`make-up working day ${String(entry.date)} is not a weekend day`);
    works.push(Object.freeze({ date: formatDayNumber(d.value), name: entry.name }));
  }
  offs.sort((a, b) => (a.date < b.date ? -1 : 1));
  works.sort((a, b) => (a.date < b.date ? -1 : 1));
  return ok(
    Object.freeze({
      year,
      status,
      source: Object.freeze(sources),
      ...(note === undefined ? {} : { note }),
      daysOff: Object.freeze(offs),
      workingDays: Object.freeze(works),
    }),
  );
}

/** What a calendar date is, as far as days off are concerned. */
export type DayMark =
  | { readonly type: 'off'; readonly entry: DayOff }
  | { readonly type: 'make_up'; readonly entry: MakeUpWorkingDay };

/**
 * The marks (days off and make-up days) that apply to dates of `year`: the official file for the
 * year when supplied, otherwise the Labour Code defaults, then any entries of the neighbouring
 * years' files whose date falls in `year` (a swap can cross New Year). Later entries win.
 */
export function resolveYearMarks(
  year: number,
  supplied: ReadonlyMap<number, YearCalendar>,
): { readonly calendar: YearCalendar; readonly marks: ReadonlyMap<number, DayMark> } {
  const calendar = supplied.get(year) ?? buildDefaultYear(year);
  const marks = new Map<number, DayMark>();
  const put = (cal: YearCalendar): void => {
    for (const entry of cal.daysOff) {
      const d = tryParseLocalDate(entry.date);
      if (d !== undefined && civilFromDayNumber(d).year === year) marks.set(d, { type: 'off', entry });
    }
    for (const entry of cal.workingDays) {
      const d = tryParseLocalDate(entry.date);
      if (d !== undefined && civilFromDayNumber(d).year === year) marks.set(d, { type: 'make_up', entry });
    }
  };
  put(calendar);
  for (const neighbour of [year - 1, year + 1]) {
    const cal = supplied.get(neighbour);
    if (cal) put(cal);
  }
  return { calendar, marks };
}
