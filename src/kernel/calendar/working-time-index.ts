/**
 * The precomputed working-time index: for each year, the working periods as sorted arrays of start
 * and end instants with cumulative working time, so that "where is t", "working time between a and
 * b" and "t plus N working minutes" are binary searches. A due computation is O(log n) whatever the
 * duration: 60 working days cost the same as 1 (only crossing a New Year adds one constant step).
 *
 * Indexes are built lazily per (calendar, year) on first use, memoised in a WeakMap keyed by the
 * calendar object, and frozen: once built they never change.
 *
 * Periods are half-open [start, end): 11:30 is not working time, 07:00 is. Internally everything is
 * in epoch milliseconds; the minute-based wrappers are in deadline.ts.
 */
import { MAX_YEAR, MIN_YEAR } from './holidays.ts';
import { localDayNumberOf, MS_PER_DAY, MS_PER_MINUTE, startOfLocalDay } from './local-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { CalendarRangeError, dayInfo, yearOfDayNumber, yearStartDay } from './working-calendar.ts';

/** The frozen working periods of one year with cumulative working milliseconds. */
export interface YearIndex {
  readonly year: number;
  /** Period start instants, ascending. */
  readonly starts: readonly number[];
  /** Period end instants (exclusive). */
  readonly ends: readonly number[];
  /** Working ms from the year's start up to the end of period i. */
  readonly cumEnd: readonly number[];
  /** Working ms in the whole year. */
  readonly total: number;
}

const indexCache = new WeakMap<WorkingCalendar, (YearIndex | undefined)[]>();

function buildYearIndex(cal: WorkingCalendar, year: number): YearIndex {
  const starts: number[] = [];
  const ends: number[] = [];
  const cumEnd: number[] = [];
  let total = 0;
  const first = yearStartDay(year);
  const last = yearStartDay(year + 1);
  for (let d = first; d < last; d++) {
    const info = dayInfo(cal, d);
    if (!info.working) continue;
    const midnight = startOfLocalDay(d);
    for (const p of info.periods) {
      const s = midnight + p.startMinute * MS_PER_MINUTE;
      const e = midnight + p.endMinute * MS_PER_MINUTE;
      // Merge with the previous period when adjacent (e.g. a period ending at 24:00 and one at 00:00).
      const n = ends.length;
      if (n > 0 && ends[n - 1] === s) {
        ends[n - 1] = e;
        total += e - s;
        cumEnd[n - 1] = total;
        continue;
      }
      starts.push(s);
      ends.push(e);
      total += e - s;
      cumEnd.push(total);
    }
  }
  return Object.freeze({
    year,
    starts: Object.freeze(starts),
    ends: Object.freeze(ends),
    cumEnd: Object.freeze(cumEnd),
    total,
  });
}

/** The index of one year of a calendar, built on first use. */
export function yearIndex(cal: WorkingCalendar, year: number): YearIndex {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new CalendarRangeError(`Year ${year}`);
  let perCal = indexCache.get(cal);
  if (!perCal) {
    perCal = [];
    indexCache.set(cal, perCal);
  }
  const slot = year - MIN_YEAR;
  let idx = perCal[slot];
  if (!idx) {
    idx = buildYearIndex(cal, year);
    perCal[slot] = idx;
  }
  return idx;
}

/** Index of the last element ≤ x in an ascending array, or -1. */
function lastAtOrBefore(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first element ≥ x in an ascending array (a.length when none). */
function firstAtOrAfter(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function yearOfInstant(t: number): number {
  if (!Number.isFinite(t)) throw new CalendarRangeError(`Instant ${t}`);
  return yearOfDayNumber(localDayNumberOf(t));
}

/** True when `t` lies inside a working period (start inclusive, end exclusive). */
export function isWorkingMs(cal: WorkingCalendar, t: number): boolean {
  const idx = yearIndex(cal, yearOfInstant(t));
  const i = lastAtOrBefore(idx.starts, t);
  return i >= 0 && t < (idx.ends[i] as number);
}

/** `t` itself when it is working time, otherwise the start of the next working period. */
export function nextWorkingStartMs(cal: WorkingCalendar, t: number): number {
  let year = yearOfInstant(t);
  let idx = yearIndex(cal, year);
  const i = lastAtOrBefore(idx.starts, t);
  if (i >= 0 && t < (idx.ends[i] as number)) return t;
  if (i + 1 < idx.starts.length) return idx.starts[i + 1] as number;
  for (;;) {
    year++;
    if (year > MAX_YEAR) throw new CalendarRangeError('The next working period');
    idx = yearIndex(cal, year);
    if (idx.starts.length > 0) return idx.starts[0] as number;
  }
}

/** Working ms from the start of t's year up to t. */
function elapsedInYear(idx: YearIndex, t: number): number {
  const i = lastAtOrBefore(idx.starts, t);
  if (i < 0) return 0;
  const end = idx.ends[i] as number;
  const cum = idx.cumEnd[i] as number;
  return t < end ? cum - (end - t) : cum;
}

/** Working milliseconds elapsed between two instants (0 when `to` ≤ `from`). */
export function workingMsBetween(cal: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const ya = yearOfInstant(from);
  const yb = yearOfInstant(to);
  let sum = elapsedInYear(yearIndex(cal, yb), to) - elapsedInYear(yearIndex(cal, ya), from);
  for (let y = ya; y < yb; y++) sum += yearIndex(cal, y).total;
  return sum;
}

/**
 * The first instant at which `ms` working milliseconds have elapsed since `t` (counting from `t` if
 * it is working time, else from the next period start). A result at a period's end stays there
 * (17:00, not 07:00 next morning). `ms` = 0 gives the next working start. Negative `ms` is a
 * programming error (RangeError).
 */
export function addWorkingMs(cal: WorkingCalendar, t: number, ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Working time must be ≥ 0, got ${ms}`);
  if (ms === 0) return nextWorkingStartMs(cal, t);
  let year = yearOfInstant(t);
  let idx = yearIndex(cal, year);
  let target = elapsedInYear(idx, t) + ms;
  while (target > idx.total) {
    target -= idx.total;
    year++;
    if (year > MAX_YEAR) throw new CalendarRangeError('The due instant');
    idx = yearIndex(cal, year);
  }
  const j = firstAtOrAfter(idx.cumEnd, target);
  return (idx.ends[j] as number) - ((idx.cumEnd[j] as number) - target);
}

/**
 * The end of the working day on `dayNumber`, or on the next working day when that day is not
 * working (BLDS art. 148): the end of that day's last working period.
 */
export function endOfWorkingDayOnOrAfter(cal: WorkingCalendar, dayNumber: number): number {
  let year = yearOfDayNumber(dayNumber);
  let idx = yearIndex(cal, year);
  let i = firstAtOrAfter(idx.starts, startOfLocalDay(dayNumber));
  while (i >= idx.starts.length) {
    year++;
    if (year > MAX_YEAR) throw new CalendarRangeError('The end of the working day');
    idx = yearIndex(cal, year);
    i = 0;
  }
  const day = localDayNumberOf(idx.starts[i] as number);
  const nextMidnight = startOfLocalDay(day + 1);
  while (i + 1 < idx.starts.length && (idx.starts[i + 1] as number) < nextMidnight) i++;
  return idx.ends[i] as number;
}

/** True when the local day contains at least one working period (fast check used by the cut-off rule). */
export function isWorkingDayNumber(cal: WorkingCalendar, dayNumber: number): boolean {
  const idx = yearIndex(cal, yearOfDayNumber(dayNumber));
  const midnight = startOfLocalDay(dayNumber);
  const i = firstAtOrAfter(idx.starts, midnight);
  return i < idx.starts.length && (idx.starts[i] as number) < midnight + MS_PER_DAY;
}
