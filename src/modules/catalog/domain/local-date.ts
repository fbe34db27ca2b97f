/**
 * Calendar dates without a time zone ('YYYY-MM-DD'), as printed on decisions and validity
 * windows. Procedures take effect on a date in Vietnam, not at an instant, so the catalog stores
 * local dates and never converts them through a clock or a zone.
 */

/** A calendar date 'YYYY-MM-DD'. Lexicographic order equals chronological order. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2025-02-30, 2025-13-01, …). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` shifted by `days` calendar days (negative to go back). Pure arithmetic in UTC. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const m = LOCAL_DATE.exec(date);
  if (m === null) throw new RangeError(`Not a local date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return new Date(t).toISOString().slice(0, 10);
}

/** 'DD/MM/YYYY', the way Vietnamese documents print dates. */
export function formatLocalDateVi(date: LocalDate): string {
  const m = LOCAL_DATE.exec(date);
  return m === null ? date : `${m[3]}/${m[2]}/${m[1]}`;
}
