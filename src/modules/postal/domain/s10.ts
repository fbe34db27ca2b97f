/**
 * UPU S10 item identifiers (mã bưu gửi), e.g. `EE123456785VN`: two letters (service indicator),
 * an eight-digit serial number, one check digit, and the ISO 3166-1 alpha-2 code of the issuing
 * country (`VN`).
 *
 * Check digit (UPU standard S10): multiply the eight serial digits by 8 6 4 2 3 5 9 7, add, take
 * the remainder modulo 11; the check digit is 11 − remainder, except 10 → 0 and 11 → 5.
 *
 * A known weakness of that mapping: remainders 0 and 6 both give check digit 5, so a typo that
 * moves the sum from one of those remainders to the other is not caught. MotCua therefore never
 * issues a serial whose remainder is 0 or 6 (`isTypoSafeSerial`): for every number it issues, any
 * single wrong digit — in the serial or in the check digit — gives an invalid number. Numbers with
 * check digit 5 issued elsewhere (by VNPost's own systems) are still accepted as valid S10.
 *
 * Pure: no I/O, no clock.
 */
import { err, ok, type Result } from '../../../kernel/errors.ts';

export const S10_WEIGHTS: readonly number[] = [8, 6, 4, 2, 3, 5, 9, 7];
export const S10_COUNTRY = 'VN';
/** Service indicator MotCua uses for the items it issues (E…: EMS range of the S10 standard). */
export const SERVICE_INDICATOR = 'EE';
export const MAX_SERIAL = 99_999_999;

const S10_RE = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/** The weighted sum of the serial digits modulo 11. */
export function s10Remainder(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError(`an S10 serial has 8 digits, got "${serial}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] as number);
  return sum % 11;
}

/** The S10 check digit of an eight-digit serial. */
export function s10CheckDigit(serial: string): number {
  const c = 11 - s10Remainder(serial);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** True when no single-digit typo of the serial's number can give another valid number (remainder not 0 or 6). */
export function isTypoSafeSerial(serial: string): boolean {
  const r = s10Remainder(serial);
  return r !== 0 && r !== 6;
}

/** Eight digits with leading zeros. */
export function serialText(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL)
    throw new RangeError(`an S10 serial is 0..${MAX_SERIAL}, got ${serial}`);
  return String(serial).padStart(8, '0');
}

/** Formats a tracking number from a numeric serial (`12345678` → `EE123456785VN`). */
export function formatS10(
  serial: number,
  indicator: string = SERVICE_INDICATOR,
  country: string = S10_COUNTRY,
): string {
  if (!/^[A-Z]{2}$/.test(indicator) || !/^[A-Z]{2}$/.test(country))
    throw new RangeError('service indicator and country are two capital letters');
  const s = serialText(serial);
  return `${indicator}${s}${s10CheckDigit(s)}${country}`;
}

/** Why a typed or scanned text is not a tracking number. */
export type S10Problem = 'format' | 'check_digit' | 'country';

export interface S10Number {
  readonly indicator: string;
  readonly serial: string;
  readonly checkDigit: number;
  readonly country: string;
  /** Canonical form: upper case, no spaces. */
  readonly text: string;
}

/** Canonical text of a typed or scanned number: upper case, spaces and dashes removed. */
export function normalizeS10(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Parses and validates a typed or scanned tracking number. Only `VN` numbers are accepted: MotCua
 * tracks the items of the Vietnamese public postal service.
 */
export function parseS10(input: string): Result<S10Number, S10Problem> {
  const text = normalizeS10(input);
  const m = S10_RE.exec(text);
  if (!m) return err('format');
  const [, indicator, serial, check, country] = m as unknown as [string, string, string, string, string];
  if (country !== S10_COUNTRY) return err('country');
  if (s10CheckDigit(serial) !== Number(check)) return err('check_digit');
  return ok({ indicator, serial, checkDigit: Number(check), country, text });
}

export function isValidS10(input: string): boolean {
  return parseS10(input).ok;
}

/** True when the text has the shape of an S10 number (valid or not), to tell it from a dossier code. */
export function looksLikeS10(input: string): boolean {
  return /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(normalizeS10(input));
}
