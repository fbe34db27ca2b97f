/**
 * Legal time limits (thời hạn giải quyết) as values: a number and a unit.
 *
 * Units mirror the DVCQG field `DonViTinh` (Giờ, Ngày, Ngày làm việc, Tháng):
 * - `working_days`  (ngày làm việc): N × the schedule's standard day (480 working minutes);
 * - `working_hours` (giờ làm việc): H × 60 working minutes;
 * - `calendar_days` (ngày): BLDS art. 147–148, counted from the next day, ends at the end of a working day;
 * - `months`        (tháng): same day N months later (clamped), then as calendar days.
 *
 * CLI shorthand (`parseDuration`): `3wd` or `0.5wd` working days, `4h` or `4wh` working hours,
 * `15d` or `15cd` calendar days, `2m` months. Fractions are allowed for working units only.
 */
import type { Result } from '../errors.ts';
import { err, ok } from '../errors.ts';
import type { CalendarError } from './calendar-error.ts';
import { calendarError } from './calendar-error.ts';

/** The unit of a time limit. */
export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'months';

/** A time limit: `{ value: 3, unit: 'working_days' }`. */
export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

const SUFFIX: Readonly<Record<string, DurationUnit>> = {
  wd: 'working_days',
  h: 'working_hours',
  wh: 'working_hours',
  d: 'calendar_days',
  cd: 'calendar_days',
  m: 'months',
};

const SHORT: Readonly<Record<DurationUnit, string>> = {
  working_days: 'wd',
  working_hours: 'wh',
  calendar_days: 'cd',
  months: 'm',
};

const RE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i;

/** True for the units counted in working time (fractions allowed, suspension in working minutes). */
export function isWorkingUnit(unit: DurationUnit): boolean {
  return unit === 'working_days' || unit === 'working_hours';
}

/** Checks a Duration value: finite, ≥ 0, an integer for calendar units. */
export function validateDuration(d: Duration): Result<Duration, CalendarError> {
  if (!Object.hasOwn(SHORT, d.unit)) {
    return err(calendarError('CALENDAR_DURATION_INVALID', `Unknown unit ${String(d.unit)}`));
  }
  if (!Number.isFinite(d.value) || d.value < 0) {
    return err(calendarError('CALENDAR_DURATION_INVALID', `The value must be ≥ 0, got ${d.value}`));
  }
  if (!isWorkingUnit(d.unit) && !Number.isInteger(d.value)) {
    return err(calendarError('CALENDAR_DURATION_INVALID', `Calendar days and months must be whole numbers`));
  }
  return ok(d);
}

/** Parses CLI shorthand like `3wd`, `0.5wd`, `4h`, `4wh`, `15d`, `15cd`, `2m`. */
export function parseDuration(text: string): Result<Duration, CalendarError> {
  const m = RE.exec(text);
  const unit = m ? SUFFIX[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || !unit) {
    return err(
      calendarError('CALENDAR_DURATION_INVALID', `Cannot read "${text}"; use e.g. 3wd, 0.5wd, 4h, 15d, 2m`, {
        input: text,
      }),
    );
  }
  return validateDuration(Object.freeze({ value: Number(m[1]), unit }));
}

/** Formats a Duration in the canonical shorthand (`3wd`, `4wh`, `15cd`, `2m`). */
export function formatDuration(d: Duration): string {
  return `${d.value}${SHORT[d.unit]}`;
}

/** Working minutes of a working-unit Duration (N × standard day, or H × 60). */
export function workingMinutesOf(d: Duration, standardDayMinutes: number): number {
  if (d.unit === 'working_days') return d.value * standardDayMinutes;
  if (d.unit === 'working_hours') return d.value * 60;
  throw new RangeError(`${d.unit} is not a working unit`);
}
