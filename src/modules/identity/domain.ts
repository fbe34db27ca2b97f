/**
 * Citizen identification, the pure part: recipients of one-time codes, the decision on a code
 * entered, the local return path after identification, and the citizen as the portal sees them.
 * No I/O, no clock, no randomness: codes, ids and instants are passed in.
 */
import { isEmailAddress, maskEmail, maskPhone, toE164 } from '../notifications/domain.ts';

export const OTP_CHANNELS = ['email', 'sms'] as const;
export type OtpChannel = (typeof OTP_CHANNELS)[number];

/** How a citizen session was opened. */
export type IdentificationMethod = OtpChannel | 'oidc';

/** The signed-in citizen (request.citizen). Personal data: never logged. */
export interface Citizen {
  /** Hash of the session token (drafts are keyed to it). */
  readonly sessionHash: string;
  readonly csrfToken: string;
  readonly method: IdentificationMethod;
  readonly email: string | null;
  readonly phone: string | null;
  readonly citizenId: string | null;
  readonly fullName: string | null;
  readonly expiresAt: Date;
}

/**
 * The channel and normalised recipient of what the citizen typed: an e-mail address (lower case)
 * or a Vietnamese phone number (E.164). Undefined when it is neither.
 */
export function parseRecipient(input: string): { channel: OtpChannel; recipient: string } | undefined {
  const value = input.normalize('NFC').trim();
  if (value.includes('@'))
    return isEmailAddress(value) ? { channel: 'email', recipient: value.toLowerCase() } : undefined;
  const phone = toE164(value);
  return phone ? { channel: 'sms', recipient: phone } : undefined;
}

/** `n***@gmail.com` / `09******12`: what the verification page may show. */
export function maskedRecipient(channel: OtpChannel, recipient: string): string {
  return channel === 'email' ? maskEmail(recipient) : maskPhone(recipient);
}

/** The national form of an E.164 phone (`+84912345678` → `0912345678`), as applicants write it. */
export function nationalPhone(e164: string): string {
  return e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
}

/** A stored challenge as the decision needs it. */
export interface ChallengeState {
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly expiresAt: Date;
  readonly consumedAt: Date | null;
}

export type OtpDecision =
  | { readonly kind: 'accept' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'wrong'; readonly attemptsLeft: number };

/**
 * What a code entered means. `attempts` already counts this attempt (it is recorded before the
 * comparison, so concurrent guesses cannot exceed the maximum). A used or expired challenge is
 * `expired`; more attempts than allowed is `locked`, even with the right code.
 */
export function decideOtp(c: ChallengeState, matches: boolean, now: Date): OtpDecision {
  if (c.consumedAt !== null || now.getTime() >= c.expiresAt.getTime()) return { kind: 'expired' };
  if (c.attempts > c.maxAttempts) return { kind: 'locked' };
  if (matches) return { kind: 'accept' };
  const attemptsLeft = c.maxAttempts - c.attempts;
  return attemptsLeft <= 0 ? { kind: 'locked' } : { kind: 'wrong', attemptsLeft };
}

/** A 6-digit code from a random integer in [0, 1 000 000). */
export function formatOtp(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`not a 6-digit draw: ${n}`);
  return String(n).padStart(6, '0');
}

/**
 * A safe local path to go back to after identification: starts with one `/`, no scheme, no
 * backslash, no `//` (which a browser reads as another host). Anything else becomes `/`.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  return value;
}

/** The one-time code message (GSM 7-bit SMS without diacritics; e-mail vi/en). */
export function otpMessage(
  code: string,
  ttlMinutes: number,
  lang: 'vi' | 'en',
): { subject: string; text: string; sms: string } {
  if (lang === 'en')
    return {
      subject: 'Your MotCua verification code',
      text: `Your verification code is ${code}. It is valid for ${ttlMinutes} minutes.\n\nDo not share this code with anyone: MotCua staff will never ask for it. If you did not ask for it, ignore this message.\n`,
      sms: `MotCua: your verification code is ${code}, valid ${ttlMinutes} minutes. Do not share it.`,
    };
  return {
    subject: 'Mã xác minh MotCua',
    text: `Mã xác minh của Ông/Bà là ${code}. Mã có hiệu lực trong ${ttlMinutes} phút.\n\nKhông cung cấp mã này cho bất kỳ ai: cán bộ MotCua không bao giờ hỏi mã. Nếu Ông/Bà không yêu cầu mã, vui lòng bỏ qua thư này.\n`,
    sms: `MotCua: Ma xac minh cua Ong/Ba la ${code}, hieu luc ${ttlMinutes} phut. Khong cung cap ma cho nguoi khac.`,
  };
}
