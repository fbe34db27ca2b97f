import { describe, expect, it } from 'vitest';
import {
  decideOtp,
  formatOtp,
  nationalPhone,
  parseRecipient,
  safeReturnPath,
} from '../../src/modules/identity/domain.ts';

const NOW = new Date('2026-03-02T02:00:00Z');
const LATER = new Date('2026-03-02T02:10:00Z');

describe('recipients of one-time codes', () => {
  it('e-mails addresses (lower case) and texts Vietnamese phone numbers (E.164)', () => {
    expect(parseRecipient(' Hoa@Example.VN ')).toEqual({ channel: 'email', recipient: 'hoa@example.vn' });
    expect(parseRecipient('0912 345 678')).toEqual({ channel: 'sms', recipient: '+84912345678' });
    expect(parseRecipient('+84 912.345.678')).toEqual({ channel: 'sms', recipient: '+84912345678' });
    expect(parseRecipient('hoa@')).toBeUndefined();
    expect(parseRecipient('12345')).toBeUndefined();
    expect(nationalPhone('+84912345678')).toBe('0912345678');
  });
});

describe('deciding on a code', () => {
  const live = { attempts: 1, maxAttempts: 5, expiresAt: LATER, consumedAt: null };
  it('accepts the right code in time', () => {
    expect(decideOtp(live, true, NOW)).toEqual({ kind: 'accept' });
  });
  it('counts down wrong codes and locks at the maximum, even for the right code after it', () => {
    expect(decideOtp(live, false, NOW)).toEqual({ kind: 'wrong', attemptsLeft: 4 });
    expect(decideOtp({ ...live, attempts: 5 }, false, NOW)).toEqual({ kind: 'locked' });
    expect(decideOtp({ ...live, attempts: 5 }, true, NOW)).toEqual({ kind: 'accept' });
    expect(decideOtp({ ...live, attempts: 6 }, true, NOW)).toEqual({ kind: 'locked' });
  });
  it('refuses an expired or used code', () => {
    expect(decideOtp(live, true, LATER)).toEqual({ kind: 'expired' });
    expect(decideOtp({ ...live, consumedAt: NOW }, true, NOW)).toEqual({ kind: 'expired' });
  });
  it('formats 6 digits', () => {
    expect(formatOtp(42)).toBe('000042');
    expect(() => formatOtp(1_000_000)).toThrow(RangeError);
  });
});

describe('return path after identification', () => {
  it('keeps local paths and drops anything that could leave the site', () => {
    expect(safeReturnPath('/nop-truc-tuyen/1.900001.MC')).toBe('/nop-truc-tuyen/1.900001.MC');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'javascript:x', '/a\nb', 42])
      expect(safeReturnPath(bad)).toBe('/');
  });
});
