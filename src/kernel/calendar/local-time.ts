/**
 * Local-time arithmetic for Asia/Ho_Chi_Minh as a fixed UTC+7 offset (Vietnam has had no DST since
 * 1975, and the engine's range is treated as UTC+7 throughout, as the lunar calendar is).
 *
 * Why not `Intl` or `Date#getHours()`: both depend on the process time zone and ICU data, so a test
 * run with TZ=America/New_York would compute other days. Everything here is integer arithmetic on
 * epoch milliseconds and "day numbers" (days since 1970-01-01 in local time).
 */
import { VN_OFFSET_MS } from '../local-date.ts';

/** A local calendar date written `YYYY-MM-DD`. */
export type LocalDate = string;

/** An instant: epoch milliseconds (UTC) or a Date. */
export type Instant = number | Date;

/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;
/** Milliseconds in a (local, DST-free) day. */
export const MS_PER_DAY = 86_400_000;
/** Minutes in a day; `24:00` is accepted as a period end. */
export const MINUTES_PER_DAY = 1440;

/** The offset of Vietnam local time from UTC, in milliseconds (re-exported for callers of this module). */
export const LOCAL_OFFSET_MS = VN_OFFSET_MS;

/** Weekday numbers as in `Date#getUTCDay()`: 0 = Sunday (Chủ nhật) … 6 = Saturday (Thứ Bảy). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Epoch milliseconds of an instant given as a number or a Date. */
export function toEpochMs(t: Instant): number {
  return typeof t === 'number' ? t : t.getTime();
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
 * Pure integer arithmetic, so it is exact for every year the engine supports.
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (Hinnant's `civil_from_days`). */
export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a Gregorian month (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD` into a day number, or `undefined` when it is not a real date. */
export function tryParseLocalDate(value: string): number | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberFromCivil(year, month, day);
}

/** Parses `YYYY-MM-DD` into a day number; throws a RangeError for anything else (a programming error). */
export function parseLocalDate(value: string): number {
  const n = tryParseLocalDate(value);
  if (n === undefined) throw new RangeError(`Not a local date (YYYY-MM-DD): ${value}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The local day number of an instant. */
export function localDayNumberOf(t: number): number {
  return Math.floor((t + LOCAL_OFFSET_MS) / MS_PER_DAY);
}

/** The local date (`YYYY-MM-DD`) of an instant. */
export function localDateOfInstant(t: Instant): LocalDate {
  return formatDayNumber(localDayNumberOf(toEpochMs(t)));
}

/** Milliseconds since local midnight of an instant. */
export function localMsOfDay(t: number): number {
  return t + LOCAL_OFFSET_MS - localDayNumberOf(t) * MS_PER_DAY;
}

/** The instant of local midnight starting a day number. */
export function startOfLocalDay(dayNumber: number): number {
  return dayNumber * MS_PER_DAY - LOCAL_OFFSET_MS;
}

/** The instant at `minuteOfDay` (0–1440) local time on a day number. */
export function instantAtLocalMinute(dayNumber: number, minuteOfDay: number): number {
  return startOfLocalDay(dayNumber) + minuteOfDay * MS_PER_MINUTE;
}

/**
 * Builds an instant from local wall-clock parts, e.g. `localInstant('2026-02-13', '10:00')`.
 * Throws a RangeError for malformed input (this is a test and CLI convenience).
 */
export function localInstant(date: LocalDate, time: string): number {
  return instantAtLocalMinute(parseLocalDate(date), parseTimeOfDay(time));
}

/** The weekday of a day number (0 = Sunday). 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

/** Parses `HH:MM` (00:00–24:00) into minutes since midnight, or `undefined`. */
export function tryParseTimeOfDay(value: string): number | undefined {
  const m = TIME_RE.exec(value);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : undefined;
}

/** Parses `HH:MM`; throws a RangeError for malformed input. */
export function parseTimeOfDay(value: string): number {
  const m = tryParseTimeOfDay(value);
  if (m === undefined) throw new RangeError(`Not a time of day (HH:MM): ${value}`);
  return m;
}

/** Formats minutes since midnight as `HH:MM`. */
export function formatTimeOfDay(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Formats an instant as local `YYYY-MM-DD HH:MM` (seconds dropped), for explanations and tests. */
export function formatLocalDateTime(t: Instant): string {
  const ms = toEpochMs(t);
  const day = localDayNumberOf(ms);
  const minute = Math.floor(localMsOfDay(ms) / MS_PER_MINUTE);
  return `${formatDayNumber(day)} ${formatTimeOfDay(minute)}`;
}

/** Adds calendar months to a civil date, clamping the day to the target month's length (BLDS art. 147–148). */
export function addMonthsClamped(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayNumberFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}
