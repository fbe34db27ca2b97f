/**
 * A working calendar = one service point's schedule + the days-off data of the years supplied.
 * Years without data fall back to the Labour Code defaults (status `estimated`).
 *
 * The calendar object is immutable. Derived data (resolved day marks, the working-time index) is
 * computed lazily per year and memoised against the calendar object in a WeakMap, so a calendar
 * that is no longer referenced frees its caches.
 */
import type { DayMark, DayOff, MakeUpWorkingDay, YearCalendar, YearStatus } from './holidays.ts';
import { MAX_YEAR, MIN_YEAR, resolveYearMarks } from './holidays.ts';
import type { LocalDate, Weekday } from './local-time.ts';
import { dayNumberFromCivil, formatDayNumber, parseLocalDate, weekdayOf } from './local-time.ts';
import type { WorkingPeriod, WorkingSchedule } from './working-schedule.ts';
import { DEFAULT_SCHEDULE, versionOn } from './working-schedule.ts';

/** An immutable working calendar. Create it with `createCalendar`. */
export interface WorkingCalendar {
  readonly schedule: WorkingSchedule;
  /** The year data supplied (official or hand-made); other years use the defaults. */
  readonly years: ReadonlyMap<number, YearCalendar>;
}

/** Options of `createCalendar`. */
export interface CalendarOptions {
  readonly schedule?: WorkingSchedule;
  /** Year data, e.g. the parsed files of data/calendar/. A later entry for the same year wins. */
  readonly years?: readonly YearCalendar[];
}

/** Why a day is not a working day. */
export type NonWorkingReason = 'weekend' | 'day_off' | 'no_schedule';

/** Everything the engine knows about one local date. */
export interface DayInfo {
  readonly date: LocalDate;
  readonly dayNumber: number;
  readonly weekday: Weekday;
  readonly working: boolean;
  /** Working periods of the day (empty when not working). */
  readonly periods: readonly WorkingPeriod[];
  readonly reason: NonWorkingReason | null;
  readonly dayOff: DayOff | null;
  readonly makeUp: MakeUpWorkingDay | null;
  /** Whether the day's year comes from official decisions or from the defaults. */
  readonly yearStatus: YearStatus;
}

/** First supported day (1900-01-01) as a day number. */
export const MIN_DAY = dayNumberFromCivil(MIN_YEAR, 1, 1);
/** First unsupported day after the range (2200-01-01) as a day number. */
export const END_DAY = dayNumberFromCivil(MAX_YEAR + 1, 1, 1);

/** Thrown by the low-level functions for dates outside 1900–2199; `computeDeadline` returns it as a Result. */
export class CalendarRangeError extends RangeError {
  readonly code = 'CALENDAR_OUT_OF_RANGE' as const;
  constructor(what: string) {
    super(`${what} is outside the supported range 1900-01-01..2199-12-31`);
    this.name = 'CalendarRangeError';
  }
}

const YEAR_START: readonly number[] = Object.freeze(
  Array.from({ length: MAX_YEAR - MIN_YEAR + 2 }, (_, i) => dayNumberFromCivil(MIN_YEAR + i, 1, 1)),
);

/** The year of a day number inside the supported range (fast path used by the index). */
export function yearOfDayNumber(dayNumber: number): number {
  if (dayNumber < MIN_DAY || dayNumber >= END_DAY)
    throw new CalendarRangeError(`Day ${formatDayNumber(dayNumber)}`);
  let i = Math.floor((dayNumber - MIN_DAY) / 365.2425);
  while ((YEAR_START[i] as number) > dayNumber) i--;
  while ((YEAR_START[i + 1] as number) <= dayNumber) i++;
  return MIN_YEAR + i;
}

/** The first day number of a year. */
export function yearStartDay(year: number): number {
  return YEAR_START[year - MIN_YEAR] ?? dayNumberFromCivil(year, 1, 1);
}

/** Creates an immutable calendar. Year data is assumed validated (see `parseYearCalendar`). */
export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const years = new Map<number, YearCalendar>();
  for (const y of options.years ?? []) years.set(y.year, y);
  return Object.freeze({ schedule: options.schedule ?? DEFAULT_SCHEDULE, years });
}

interface ResolvedYear {
  readonly calendar: YearCalendar;
  readonly marks: ReadonlyMap<number, DayMark>;
}

const marksCache = new WeakMap<WorkingCalendar, Map<number, ResolvedYear>>();

/** The resolved days-off data of `year` for a calendar (memoised). */
export function resolvedYear(cal: WorkingCalendar, year: number): ResolvedYear {
  let perYear = marksCache.get(cal);
  if (!perYear) {
    perYear = new Map();
    marksCache.set(cal, perYear);
  }
  let resolved = perYear.get(year);
  if (!resolved) {
    resolved = resolveYearMarks(year, cal.years);
    perYear.set(year, resolved);
  }
  return resolved;
}

/** The data of one year as the calendar uses it (official file or estimated defaults). */
export function yearCalendarOf(cal: WorkingCalendar, year: number): YearCalendar {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new CalendarRangeError(`Year ${year}`);
  return resolvedYear(cal, year).calendar;
}

const NO_PERIODS: readonly WorkingPeriod[] = Object.freeze([]);

/**
 * What the calendar says about a date: working or not, why not, and its periods.
 * Rules: a listed day off is never working; otherwise a make-up day is working; otherwise the
 * schedule version's working weekdays decide (Monday–Friday by default).
 */
export function dayInfo(cal: WorkingCalendar, date: LocalDate | number): DayInfo {
  const dayNumber = typeof date === 'number' ? date : parseLocalDate(date);
  const year = yearOfDayNumber(dayNumber);
  const { calendar, marks } = resolvedYear(cal, year);
  const mark = marks.get(dayNumber);
  const weekday = weekdayOf(dayNumber);
  const version = versionOn(cal.schedule, dayNumber);
  const dayOff = mark?.type === 'off' ? mark.entry : null;
  const makeUp = mark?.type === 'make_up' ? mark.entry : null;
  let reason: NonWorkingReason | null = null;
  if (dayOff) reason = 'day_off';
  else if (!version || version.periods.length === 0) reason = 'no_schedule';
  else if (!makeUp && !version.workingWeekdays[weekday]) reason = 'weekend';
  return Object.freeze({
    date: formatDayNumber(dayNumber),
    dayNumber,
    weekday,
    working: reason === null,
    periods: reason === null && version ? version.periods : NO_PERIODS,
    reason,
    dayOff,
    makeUp,
    yearStatus: calendar.status,
  });
}
