/**
 * TEST-ONLY: a deliberately naive, minute-by-minute reference implementation of the working-time
 * rules, written independently of the index (no binary search, no cumulative sums, its own day
 * classification by linear scans and `Date.UTC` for weekdays). The property tests check that the
 * indexed engine gives exactly the same answers. Instants must be whole minutes.
 *
 * Do not use in production code: it is O(minutes) per call.
 */
import { buildDefaultYear } from './holidays.ts';
import type { YearCalendar } from './holidays.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import type { WorkingPeriod } from './working-schedule.ts';

const OFFSET_MINUTES = 7 * 60;
const MAX_STEPS = 60 * 24 * 366 * 3;

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

const defaultYears = new Map<number, YearCalendar>();

function yearData(cal: WorkingCalendar, year: number): YearCalendar {
  const supplied = cal.years.get(year);
  if (supplied) return supplied;
  let y = defaultYears.get(year);
  if (!y) {
    y = buildDefaultYear(year);
    defaultYears.set(year, y);
  }
  return y;
}

/** The working periods of a local day, by the plain rules (empty when not a working day). */
export function naiveDayPeriods(cal: WorkingCalendar, dayNumber: number): readonly WorkingPeriod[] {
  const date = isoDate(dayNumber);
  const year = Number(date.slice(0, 4));
  let off = false;
  let makeUp = false;
  // Own year's data first (file or defaults), then supplied neighbouring files override.
  const sources: YearCalendar[] = [yearData(cal, year)];
  for (const y of [year - 1, year + 1]) {
    const c = cal.years.get(y);
    if (c) sources.push(c);
  }
  for (const c of sources) {
    for (const d of c.daysOff) {
      if (d.date === date) {
        off = true;
        makeUp = false;
      }
    }
    for (const w of c.workingDays) {
      if (w.date === date) {
        makeUp = true;
        off = false;
      }
    }
  }
  if (off) return [];
  const version = cal.schedule.versions.find(
    (v) => v.validFrom <= date && (v.validTo === null || date <= v.validTo),
  );
  if (!version) return [];
  const weekday = new Date(
    Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  ).getUTCDay();
  if (!makeUp && !version.workingWeekdays[weekday]) return [];
  return version.periods;
}

/** A minute-grid view of a calendar with a one-day cache. */
class MinuteWalker {
  private dayStart = Number.NaN; // first minute (since the epoch) of the cached local day
  private dayEnd = Number.NaN;
  private ranges: number[] = []; // [start, end) pairs in minutes since the epoch
  constructor(private readonly cal: WorkingCalendar) {}

  private load(m: number): void {
    const day = Math.floor((m + OFFSET_MINUTES) / 1440);
    this.dayStart = day * 1440 - OFFSET_MINUTES;
    this.dayEnd = this.dayStart + 1440;
    this.ranges = [];
    for (const p of naiveDayPeriods(this.cal, day)) {
      this.ranges.push(this.dayStart + p.startMinute, this.dayStart + p.endMinute);
    }
  }

  /** Is the minute [m, m+1) (m = minutes since the epoch, UTC) working time? */
  working(m: number): boolean {
    if (!(m >= this.dayStart && m < this.dayEnd)) this.load(m);
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) if (m >= (r[i] as number) && m < (r[i + 1] as number)) return true;
    return false;
  }

  /**
   * After `working(m)` returned false: the minute to continue from. A day without periods is
   * skipped whole (a speed-up only: every minute of it is non-working); otherwise the next minute.
   */
  next(m: number): number {
    return this.ranges.length > 0 ? m + 1 : this.dayEnd;
  }

  dayHasWork(m: number): boolean {
    this.working(m);
    return this.ranges.length > 0;
  }
}

function toMinute(t: number): number {
  if (t % 60_000 !== 0) throw new RangeError('naive reference needs whole-minute instants');
  return t / 60_000;
}

/** Naive effective start (epoch ms): the first working minute at or after t, with the cut-off rule. */
export function naiveEffectiveStart(cal: WorkingCalendar, t: number, cutoffMinute?: number): number {
  const walker = new MinuteWalker(cal);
  let m = toMinute(t);
  if (cutoffMinute !== undefined) {
    const local = m + OFFSET_MINUTES;
    const minuteOfDay = local - Math.floor(local / 1440) * 1440;
    if (minuteOfDay >= cutoffMinute && walker.dayHasWork(m))
      m = (Math.floor(local / 1440) + 1) * 1440 - OFFSET_MINUTES;
  }
  for (let i = 0; i < MAX_STEPS; i++) {
    if (walker.working(m)) return m * 60_000;
    m = walker.next(m);
  }
  throw new RangeError('no working minute found');
}

/** A suspension on the minute grid: [from, to) with to = null for still open. */
export interface NaiveSuspension {
  readonly from: number;
  readonly to: number | null;
}

/**
 * Naive due (epoch ms): walk minute by minute from the effective start, counting working minutes
 * that are not inside a suspension; the due is the end of the minute that reaches `minutes`.
 * Returns null when an open suspension stops the clock first.
 */
export function naiveDue(
  cal: WorkingCalendar,
  receivedAt: number,
  minutes: number,
  options: { cutoffMinute?: number; suspensions?: readonly NaiveSuspension[] } = {},
): number | null {
  const start = naiveEffectiveStart(cal, receivedAt, options.cutoffMinute);
  if (minutes === 0) return start;
  const walker = new MinuteWalker(cal);
  const suspensions = options.suspensions ?? [];
  let count = 0;
  let m = toMinute(start);
  for (let i = 0; i < MAX_STEPS; i++) {
    if (!walker.working(m)) {
      m = walker.next(m);
      continue;
    }
    const t = m * 60_000;
    m++;
    let suspended = false;
    for (const s of suspensions) {
      if (s.from <= t && (s.to === null || t < s.to)) {
        if (s.to === null) return null;
        suspended = true;
      }
    }
    if (suspended) continue;
    count++;
    if (count === minutes) return m * 60_000;
  }
  throw new RangeError('due not reached');
}

/** Naive working minutes in [from, to) on the minute grid. */
export function naiveWorkingMinutesBetween(cal: WorkingCalendar, from: number, to: number): number {
  const walker = new MinuteWalker(cal);
  let count = 0;
  const end = toMinute(to);
  for (let m = toMinute(from); m < end;) {
    if (walker.working(m)) {
      count++;
      m++;
    } else m = walker.next(m);
  }
  return count;
}
