/**
 * Legal dates in Vietnam are local dates in Asia/Ho_Chi_Minh: a fixed UTC+7 offset with no DST.
 * These helpers use the fixed offset, never the process time zone.
 */
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date (YYYY-MM-DD) of an instant in Vietnam. */
export function localDateOf(instant: Date | number): string {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `true` when the effective-dated row [validFrom, validTo] (inclusive, validTo null = open) covers `at`. */
export function coversDate(validFrom: string, validTo: string | null, at: string): boolean {
  return validFrom <= at && (validTo === null || at <= validTo);
}

/** Formats an instant as Vietnamese local time `HH:mm dd/MM/yyyy`. */
export function formatLocalDateTime(instant: Date): string {
  const iso = new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Formats a local date YYYY-MM-DD as dd/MM/yyyy. */
export function formatLocalDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
