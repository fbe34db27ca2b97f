/**
 * Working periods of a service point (bộ phận một cửa), effective-dated.
 *
 * Office hours are set by each province (e.g. 07:00–11:30 and 13:30–17:00, sometimes with a
 * summer/winter switch), so a schedule is a list of versions, each valid for a date range. A
 * dossier computed today keeps giving the same answer tomorrow because past versions stay.
 *
 * Saturday-morning receiving (some counters receive dossiers on Saturday mornings) is a property
 * of *receiving* only: a dossier handed in on a Saturday morning is accepted, but its clock starts
 * at the next working period, as for any receipt outside working time. It is never working time.
 */
import type { Result } from '../errors.ts';
import { err, ok } from '../errors.ts';
import type { CalendarError } from './calendar-error.ts';
import { calendarError } from './calendar-error.ts';
import type { LocalDate, Weekday } from './local-time.ts';
import { formatTimeOfDay, tryParseLocalDate, tryParseTimeOfDay } from './local-time.ts';

/** A working period of a day, in minutes since local midnight: [startMinute, endMinute). */
export interface WorkingPeriod {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** A period as typed by people: `{ start: '07:00', end: '11:30' }`. */
export interface PeriodInput {
  readonly start: string;
  readonly end: string;
}

/** One effective-dated version of a schedule, as input. `validTo` is inclusive; omit it for open-ended. */
export interface ScheduleVersionInput {
  readonly validFrom: LocalDate;
  readonly validTo?: LocalDate | null;
  readonly periods: readonly PeriodInput[];
  /** Weekdays that are working days (0 = Sunday … 6 = Saturday). Default Monday–Friday. */
  readonly workingWeekdays?: readonly Weekday[];
}

/** A service point's schedule, as input. */
export interface WorkingScheduleInput {
  readonly id: string;
  readonly versions: readonly ScheduleVersionInput[];
  /** Working minutes in one "working day" of a time limit. Default 480 (8 hours). */
  readonly standardDayMinutes?: number;
  /** Receive dossiers on Saturday mornings (`true` = 07:00–11:30). Affects receiving only. */
  readonly saturdayMorningReceiving?: boolean | PeriodInput;
}

/** A validated schedule version. */
export interface ScheduleVersion {
  readonly validFrom: LocalDate;
  readonly validTo: LocalDate | null;
  readonly validFromDay: number;
  /** Inclusive last day number, `Infinity` when open-ended. */
  readonly validToDay: number;
  readonly periods: readonly WorkingPeriod[];
  /** Indexed by weekday (0 = Sunday). */
  readonly workingWeekdays: readonly boolean[];
}

/** A validated, immutable schedule. */
export interface WorkingSchedule {
  readonly id: string;
  readonly versions: readonly ScheduleVersion[];
  readonly standardDayMinutes: number;
  readonly saturdayReceiving: WorkingPeriod | null;
}

/** The default working periods: 07:00–11:30 and 13:30–17:00 (480 minutes). */
export const DEFAULT_PERIODS: readonly PeriodInput[] = Object.freeze([
  Object.freeze({ start: '07:00', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:00' }),
]);

/** Standard working minutes per working day (8 hours, QĐ 188/1999/QĐ-TTg 40-hour week). */
export const DEFAULT_STANDARD_DAY_MINUTES = 480;

const DEFAULT_SATURDAY_RECEIVING: PeriodInput = Object.freeze({ start: '07:00', end: '11:30' });

function invalid(detail: string): Result<never, CalendarError> {
  return err(calendarError('CALENDAR_SCHEDULE_INVALID', detail));
}

function parsePeriods(periods: readonly PeriodInput[]): Result<readonly WorkingPeriod[], CalendarError> {
  const out: WorkingPeriod[] = [];
  for (const p of periods) {
    const startMinute = tryParseTimeOfDay(p.start);
    const endMinute = tryParseTimeOfDay(p.end);
    if (startMinute === undefined || endMinute === undefined) {
      return invalid(`period ${p.start}–${p.end} is not HH:MM–HH:MM`);
    }
    if (endMinute <= startMinute) return invalid(`period ${p.start}–${p.end} ends before it starts`);
    out.push(Object.freeze({ startMinute, endMinute }));
  }
  out.sort((a, b) => a.startMinute - b.startMinute);
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1] as WorkingPeriod;
    const cur = out[i] as WorkingPeriod;
    if (cur.startMinute < prev.endMinute) {
      return invalid(`periods overlap at ${formatTimeOfDay(cur.startMinute)}`);
    }
  }
  return ok(Object.freeze(out));
}

/**
 * Validates a schedule: periods are HH:MM, ordered, non-overlapping (adjacent is allowed), versions
 * do not overlap, and the standard day is positive. Returns a frozen WorkingSchedule.
 */
export function defineSchedule(input: WorkingScheduleInput): Result<WorkingSchedule, CalendarError> {
  if (input.versions.length === 0) return invalid('a schedule needs at least one version');
  const standardDayMinutes = input.standardDayMinutes ?? DEFAULT_STANDARD_DAY_MINUTES;
  if (!Number.isFinite(standardDayMinutes) || standardDayMinutes <= 0) {
    return invalid('standardDayMinutes must be positive');
  }
  const versions: ScheduleVersion[] = [];
  for (const v of input.versions) {
    const fromDay = tryParseLocalDate(v.validFrom);
    const toDay = v.validTo == null ? Infinity : tryParseLocalDate(v.validTo);
    if (fromDay === undefined || toDay === undefined) return invalid('validFrom/validTo must be YYYY-MM-DD');
    if (toDay < fromDay) return invalid(`version ${v.validFrom} ends before it starts`);
    const periods = parsePeriods(v.periods);
    if (!periods.ok) return periods;
    const weekdays = v.workingWeekdays ?? [1, 2, 3, 4, 5];
    const flags = [false, false, false, false, false, false, false];
    for (const w of weekdays) {
      if (!Number.isInteger(w) || w < 0 || w > 6) return invalid(`weekday ${w} is not 0–6`);
      flags[w] = true;
    }
    versions.push(
      Object.freeze({
        validFrom: v.validFrom,
        validTo: v.validTo ?? null,
        validFromDay: fromDay,
        validToDay: toDay,
        periods: periods.value,
        workingWeekdays: Object.freeze(flags),
      }),
    );
  }
  versions.sort((a, b) => a.validFromDay - b.validFromDay);
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1] as ScheduleVersion;
    const cur = versions[i] as ScheduleVersion;
    if (cur.validFromDay <= prev.validToDay) return invalid(`versions overlap from ${cur.validFrom}`);
  }
  let saturdayReceiving: WorkingPeriod | null = null;
  if (input.saturdayMorningReceiving) {
    const p =
      input.saturdayMorningReceiving === true ? DEFAULT_SATURDAY_RECEIVING : input.saturdayMorningReceiving;
    const parsed = parsePeriods([p]);
    if (!parsed.ok) return parsed;
    saturdayReceiving = parsed.value[0] ?? null;
  }
  return ok(
    Object.freeze({ id: input.id, versions: Object.freeze(versions), standardDayMinutes, saturdayReceiving }),
  );
}

/** Like defineSchedule but throws on invalid input: for constants and tests. */
export function scheduleOrThrow(input: WorkingScheduleInput): WorkingSchedule {
  const r = defineSchedule(input);
  if (!r.ok) throw new RangeError(r.error.detail);
  return r.value;
}

/** The default schedule: Monday–Friday 07:00–11:30 and 13:30–17:00 for the whole supported range. */
export const DEFAULT_SCHEDULE: WorkingSchedule = scheduleOrThrow({
  id: 'default',
  versions: [{ validFrom: '1900-01-01', periods: DEFAULT_PERIODS }],
});

/** The version in force on a day number, or undefined when none covers it. */
export function versionOn(schedule: WorkingSchedule, dayNumber: number): ScheduleVersion | undefined {
  for (const v of schedule.versions) {
    if (dayNumber >= v.validFromDay && dayNumber <= v.validToDay) return v;
  }
  return undefined;
}
