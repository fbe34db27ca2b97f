/**
 * Text formats the forms print. Pure and independent of the process time zone: Vietnam is a fixed
 * UTC+7 (kernel/local-date.ts), so an instant is shifted by the offset and read in UTC.
 */
import { VN_OFFSET_MS } from '../../../kernel/local-date.ts';
import type { LocalDateTime } from './view-models.ts';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "08 giờ 30 phút, ngày 14/09/2022": the appointment wording of Mẫu 01 for an instant. */
export function vnDateTimeText(instant: Date): string {
  const local = new Date(instant.getTime() + VN_OFFSET_MS);
  return (
    `${pad2(local.getUTCHours())} giờ ${pad2(local.getUTCMinutes())} phút, ` +
    `ngày ${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`
  );
}

/** The Vietnam wall-clock value `YYYY-MM-DDTHH:mm` of an instant (for register rows). */
export function localDateTimeOf(instant: Date): LocalDateTime {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

export interface ParsedLocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Undefined for a date without a time. */
  readonly hour: number | undefined;
  readonly minute: number | undefined;
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`; throws RangeError on anything else (a caller bug). */
export function parseLocalDateTime(value: LocalDateTime): ParsedLocalDateTime {
  const m = LOCAL_DATE_TIME.exec(value);
  if (m === null) throw new RangeError(`not a local date-time: ${value}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? undefined : Number(m[4]);
  const minute = m[5] === undefined ? undefined : Number(m[5]);
  const probe = new Date(Date.UTC(year, month - 1, day, hour ?? 0, minute ?? 0));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    (hour !== undefined && (hour > 23 || (minute ?? 0) > 59))
  ) {
    throw new RangeError(`not a local date-time: ${value}`);
  }
  return { year, month, day, hour, minute };
}

/**
 * A Date whose UTC fields are the wall-clock fields: what spreadsheet libraries (exceljs) turn into
 * the serial date Excel shows, with no time-zone shift.
 */
export function wallClockDate(value: LocalDateTime): Date {
  const p = parseLocalDateTime(value);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour ?? 0, p.minute ?? 0));
}

/** "14/09/2022 08:30" or "14/09/2022". */
export function localDateTimeText(value: LocalDateTime): string {
  const p = parseLocalDateTime(value);
  const date = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
  return p.hour === undefined ? date : `${date} ${pad2(p.hour)}:${pad2(p.minute ?? 0)}`;
}

/** True when the value carries a time of day. */
export function hasTime(value: LocalDateTime): boolean {
  return parseLocalDateTime(value).hour !== undefined;
}

/** "1.250.000 đồng": Vietnamese digit grouping with dots, independent of ICU data. */
export function vnd(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount in đồng: ${amount}`);
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}
