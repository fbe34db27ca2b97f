/**
 * Instants on the wire and on screen.
 *
 * - Input: ISO 8601 date-time with an offset (`Z`, `+07:00`, `+0700`), seconds and fractions
 *   optional, `T` or a space between date and time. The CLI also accepts a time without an offset
 *   and reads it as Vietnam local time (UTC+7).
 * - Output (API): always Vietnam local time with an explicit `+07:00` offset,
 *   `2026-02-25T10:00:00+07:00` (milliseconds only when not zero). Any ISO 8601 parser reads it,
 *   and a person reads the local wall-clock time directly.
 * - Screen: `10:00 Thứ Tư 25/02/2026`.
 *
 * Pure: integer arithmetic on epoch milliseconds; never the process time zone.
 */
import type { LocalDate, Weekday } from '../../../kernel/calendar/index.ts';
import { VN_OFFSET_MS } from '../../../kernel/local-date.ts';

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Vietnamese weekday names, indexed like `Date#getUTCDay()` (0 = Chủ nhật). */
export const WEEKDAY_NAMES_VI: readonly string[] = Object.freeze([
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
]);

/** English weekday names, indexed like `Date#getUTCDay()`. */
export const WEEKDAY_NAMES_EN: readonly string[] = Object.freeze([
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
]);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of an ISO 8601 date-time, or `undefined` when it is not one.
 * Without an offset the text is rejected, unless `assumeLocal` is set (then it is Vietnam time).
 */
export function parseInstant(text: string, options: { assumeLocal?: boolean } = {}): number | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMs: number;
  if (zone === undefined) {
    if (!options.assumeLocal) return undefined;
    offsetMs = VN_OFFSET_MS;
  } else if (zone === 'Z' || zone === 'z') {
    offsetMs = 0;
  } else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMs = sign * (oh * 60 + om) * 60_000;
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0–99 to 1900–1999; the calendar works in 1900–2199 anyway.
  return year < 100 ? undefined : utc - offsetMs;
}

function shifted(ms: number): Date {
  return new Date(ms + VN_OFFSET_MS);
}

/** `2026-02-25T10:00:00+07:00` (Vietnam local time; milliseconds only when not zero). */
export function formatInstant(ms: number): string {
  const iso = shifted(ms).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, in local wall-clock terms
  const millis = iso.slice(19, 23);
  return `${iso.slice(0, 19)}${millis === '.000' ? '' : millis}+07:00`;
}

/** The local weekday (0 = Sunday) of a `YYYY-MM-DD` date. */
export function weekdayOfDate(date: LocalDate): Weekday {
  return new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday;
}

/** `25/02/2026` from `2026-02-25`. */
export function formatDateVi(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `Thứ Tư 25/02/2026` (or `Wednesday 25/02/2026`). */
export function formatDateLong(date: LocalDate, lang: 'vi' | 'en' = 'vi'): string {
  const names = lang === 'vi' ? WEEKDAY_NAMES_VI : WEEKDAY_NAMES_EN;
  return `${names[weekdayOfDate(date)] ?? ''} ${formatDateVi(date)}`;
}

/** `10:00 Thứ Tư 25/02/2026`: an instant as Vietnamese local time, as printed on a receipt. */
export function formatInstantVi(ms: number, lang: 'vi' | 'en' = 'vi'): string {
  const iso = shifted(ms).toISOString();
  return `${iso.slice(11, 16)} ${formatDateLong(iso.slice(0, 10), lang)}`;
}

/** The local year (Vietnam) of an instant. */
export function localYearOf(ms: number): number {
  return shifted(ms).getUTCFullYear();
}
