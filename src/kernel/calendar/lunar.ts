/**
 * The Vietnamese lunar calendar (âm lịch), computed with Hồ Ngọc Đức's published rules
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html) at time zone UTC+7:
 *
 * - a lunar month starts on the local day of a new moon (Meeus' series);
 * - month 11 is the month containing the winter solstice (sun longitude 270°);
 * - a "sui" (solstice year) from one month 11 to the next has 12 or 13 months; with 13 months the
 *   leap month (tháng nhuận) is the first month after month 11 that contains no major solar term
 *   (trung khí), and it takes the number of the month before it.
 *
 * Why UTC+7 matters: North Vietnam adopted a UTC+7 calendar in 1967, so Vietnamese Tết differs from
 * Chinese New Year (UTC+8) in 1968, 1969, 1985, 2007, 2030 and 2053. Holidays (Tết, Giỗ Tổ) depend
 * on it, so the deadline engine needs it. Valid 1900–2199 (the astronomical series lose accuracy
 * far outside that range).
 *
 * Results are memoised per sui in a module-level cache: the functions stay pure (same input, same
 * output) and a full 1900–2199 round trip runs in well under a second.
 */
import type { Result } from '../errors.ts';
import { err, ok } from '../errors.ts';
import type { CalendarError } from './calendar-error.ts';
import { calendarError } from './calendar-error.ts';
import type { LocalDate } from './local-time.ts';
import { civilFromDayNumber, dayNumberFromCivil, formatDayNumber, parseLocalDate } from './local-time.ts';

/** A lunar date. `year` is the lunar year numbered like the solar year in which its Tết falls. */
export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly leap: boolean;
}

/** One lunar month: its number, leap flag, lunar year, first day (day number) and length (29/30). */
export interface LunarMonth {
  readonly month: number;
  readonly leap: boolean;
  readonly year: number;
  readonly startDay: number;
  readonly length: number;
}

/** First solar date the lunar functions accept. */
export const LUNAR_MIN_DATE: LocalDate = '1900-01-01';
/** Last solar date the lunar functions accept. */
export const LUNAR_MAX_DATE: LocalDate = '2199-12-31';

const TIME_ZONE = 7;
const JD_UNIX_EPOCH = 2440588; // Julian day number of 1970-01-01
const MIN_DAY = dayNumberFromCivil(1900, 1, 1);
const MAX_DAY = dayNumberFromCivil(2199, 12, 31);
const SYNODIC_MONTH = 29.530588853;
const K_BASE_JD = 2415021.076998695;

/** The Julian day number (local date) of the new moon number k after 1900-01-01 (Meeus, ch. 49 simplified). */
function newMoonDay(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  const jdNew = jd1 + c1 - deltaT;
  return Math.floor(jdNew + 0.5 + TIME_ZONE / 24);
}

/** The sun-longitude sector (0–11, 30° each) at local midnight starting Julian day number `jdn`. */
function sunLongitudeSector(jdn: number): number {
  const T = (jdn - 2451545.5 - TIME_ZONE / 24) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return Math.floor((L / Math.PI) * 6);
}

/** Julian day number of the first day of the lunar month 11 that contains the winter solstice of `year`. */
function month11Start(year: number): number {
  const off = dayNumberFromCivil(year, 12, 31) + JD_UNIX_EPOCH - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunLongitudeSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** The months of one sui: from month 11 of solar year `endYear - 1` up to (excluding) month 11 of `endYear`. */
interface Sui {
  readonly startDay: number;
  readonly endDay: number;
  readonly months: readonly LunarMonth[];
}

const suiCache = new Map<number, Sui>();

function sui(endYear: number): Sui {
  const cached = suiCache.get(endYear);
  if (cached) return cached;
  const a11 = month11Start(endYear - 1);
  const b11 = month11Start(endYear);
  const k = Math.floor((a11 - K_BASE_JD) / SYNODIC_MONTH + 0.5);
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const s = newMoonDay(k + i);
    starts.push(s);
    if (s >= b11) break;
  }
  const count = starts.length - 1; // 12 or 13
  let leapOffset = -1;
  if (count === 13) {
    // The first month whose start and next start share a sun-longitude sector has no major term.
    let last = sunLongitudeSector(newMoonDay(k + 1));
    for (let i = 2; i <= 14; i++) {
      const arc = sunLongitudeSector(newMoonDay(k + i));
      if (arc === last) {
        leapOffset = i - 1;
        break;
      }
      last = arc;
    }
  }
  const months: LunarMonth[] = [];
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const next = starts[i + 1] as number;
    let month: number;
    let leap = false;
    if (leapOffset < 0 || i < leapOffset) month = ((10 + i) % 12) + 1;
    else if (i === leapOffset) {
      month = ((9 + i) % 12) + 1;
      leap = true;
    } else month = ((9 + i) % 12) + 1;
    months.push(
      Object.freeze({
        month,
        leap,
        year: month >= 11 ? endYear - 1 : endYear,
        startDay: start - JD_UNIX_EPOCH,
        length: next - start,
      }),
    );
  }
  const result: Sui = Object.freeze({
    startDay: a11 - JD_UNIX_EPOCH,
    endDay: b11 - JD_UNIX_EPOCH,
    months: Object.freeze(months),
  });
  suiCache.set(endYear, result);
  return result;
}

function suiContaining(dayNumber: number): Sui {
  // The sui ending in the date's solar year starts in the previous December or November.
  let year = civilFromDayNumber(dayNumber).year;
  let s = sui(year);
  while (dayNumber < s.startDay) s = sui(--year);
  while (dayNumber >= s.endDay) s = sui(++year);
  return s;
}

function toDayNumber(date: LocalDate | number): number {
  return typeof date === 'number' ? date : parseLocalDate(date);
}

function assertInRange(dayNumber: number): void {
  if (dayNumber < MIN_DAY || dayNumber > MAX_DAY) {
    throw new RangeError(`Lunar conversion supports ${LUNAR_MIN_DATE}..${LUNAR_MAX_DATE} only`);
  }
}

/**
 * The lunar date of a solar date (a `YYYY-MM-DD` string or a day number).
 * Throws a RangeError outside 1900-01-01..2199-12-31 or for a malformed date (programming errors).
 */
export function solarToLunar(date: LocalDate | number): LunarDate {
  const dayNumber = toDayNumber(date);
  assertInRange(dayNumber);
  const s = suiContaining(dayNumber);
  for (const m of s.months) {
    if (dayNumber < m.startDay + m.length) {
      return Object.freeze({ day: dayNumber - m.startDay + 1, month: m.month, year: m.year, leap: m.leap });
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable: day not inside its sui');
}

/** The sui whose months include lunar month `month` of lunar year `year`. */
function suiForLunarMonth(year: number, month: number): Sui {
  return month >= 11 ? sui(year + 1) : sui(year);
}

/** The lunar month record for (year, month, leap), or undefined when no such month exists. */
export function lunarMonthInfo(year: number, month: number, leap: boolean): LunarMonth | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (year < 1899 || year > 2199) return undefined;
  return suiForLunarMonth(year, month).months.find(
    (m) => m.month === month && m.leap === leap && m.year === year,
  );
}

/**
 * The solar date of a lunar date. Returns `CALENDAR_LUNAR_DATE_INVALID` for a date that does not
 * exist (a leap flag on a month that is not leap that year, day 30 of a 29-day month, month 13…) and
 * `CALENDAR_OUT_OF_RANGE` when the solar date would fall outside 1900–2199.
 */
export function lunarToSolar(lunar: LunarDate): Result<LocalDate, CalendarError> {
  const { day, month, year, leap } = lunar;
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    return err(calendarError('CALENDAR_LUNAR_DATE_INVALID', `No lunar day ${day}`, { ...lunar }));
  }
  if (!Number.isInteger(year) || year < 1899 || year > 2199) {
    return err(
      calendarError('CALENDAR_OUT_OF_RANGE', `Lunar year ${year} is outside 1899–2199`, { ...lunar }),
    );
  }
  const info = lunarMonthInfo(year, month, leap);
  if (!info) {
    return err(
      calendarError(
        'CALENDAR_LUNAR_DATE_INVALID',
        leap ? `Lunar year ${year} has no leap month ${month}` : `No lunar month ${month}`,
        { ...lunar },
      ),
    );
  }
  if (day > info.length) {
    return err(
      calendarError(
        'CALENDAR_LUNAR_DATE_INVALID',
        `Lunar month ${month}/${year} has only ${info.length} days`,
        {
          ...lunar,
        },
      ),
    );
  }
  const dayNumber = info.startDay + day - 1;
  if (dayNumber < MIN_DAY || dayNumber > MAX_DAY) {
    return err(calendarError('CALENDAR_OUT_OF_RANGE', 'The solar date is outside 1900–2199', { ...lunar }));
  }
  return ok(formatDayNumber(dayNumber));
}

/** The leap month number of a lunar year (1–12), or 0 when the year has none. */
export function leapMonthOf(year: number): number {
  for (const s of [sui(year), sui(year + 1)]) {
    const m = s.months.find((x) => x.leap && x.year === year);
    if (m) return m.month;
  }
  return 0;
}

/** The day number of Tết (mùng 1 tháng Giêng) of lunar year `year` (1900–2199). */
export function tetDayNumber(year: number): number {
  const first = sui(year).months.find((m) => m.month === 1 && !m.leap);
  /* c8 ignore next */
  if (!first) throw new Error(`no month 1 in lunar year ${year}`);
  return first.startDay;
}

/** The solar date of Tết (mùng 1 tháng Giêng) of lunar year `year` (1900–2199). */
export function tetDate(year: number): LocalDate {
  return formatDayNumber(tetDayNumber(year));
}
