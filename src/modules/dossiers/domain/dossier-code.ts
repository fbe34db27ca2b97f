/**
 * Dossier codes (mã số hồ sơ, TT 01/2018/TT-VPCP art. 19): `{servicePointCode}-{YYMMDD}-{NNNN}`,
 * where YYMMDD is the local date (UTC+7) the code was issued and NNNN a per-service-point,
 * per-local-day sequence from 0001. The format has four digits, so a service point can issue at
 * most 9,999 codes a day; the 10,000th is refused (DOSSIER_CODE_SEQUENCE_EXHAUSTED) rather than
 * widening the number, which would break every system that parses the code.
 *
 * The sequence itself is allocated in the database inside the receiving transaction (see
 * dossiers.repository.ts `allocateSequence`); this file only formats and parses.
 */
import { localDateOf } from '../../../kernel/local-date.ts';

/** The format's ceiling: four digits. */
export const MAX_DAILY_SEQUENCE = 9_999;

const CODE_RE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

/** `2026-03-02` → `260302`. */
export function yymmdd(localDate: string): string {
  return `${localDate.slice(2, 4)}${localDate.slice(5, 7)}${localDate.slice(8, 10)}`;
}

/** The local date (Asia/Ho_Chi_Minh) a code issued at `at` carries. */
export function codeDateOf(at: Date): string {
  return localDateOf(at);
}

/** `{servicePointCode}-{YYMMDD}-`: the code without its number. */
export function dossierCodePrefix(servicePointCode: string, localDate: string): string {
  return `${servicePointCode}-${yymmdd(localDate)}-`;
}

/**
 * Formats a code; throws a RangeError outside 1..9999 (callers check the ceiling first). The intake's
 * statement formats it in SQL the same way: `prefix || lpad(n, 4, '0')` (dossiers.repository.ts).
 */
export function formatDossierCode(servicePointCode: string, localDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new RangeError(`dossier sequence ${sequence} is outside 1..${MAX_DAILY_SEQUENCE}`);
  }
  return `${dossierCodePrefix(servicePointCode, localDate)}${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  readonly servicePointCode: string;
  /** YYMMDD as printed (the century is not in the code). */
  readonly yymmdd: string;
  readonly sequence: number;
}

/** Parses a code; undefined when it does not have the shape `X-YYMMDD-NNNN`. */
export function parseDossierCode(code: string): ParsedDossierCode | undefined {
  const m = CODE_RE.exec(code);
  if (!m) return undefined;
  const [, sp, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(seq) === 0) return undefined;
  return { servicePointCode: sp, yymmdd: `${yy}${mm}${dd}`, sequence: Number(seq) };
}
