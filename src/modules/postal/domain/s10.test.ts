/**
 * UPU S10 tracking numbers: the check digit against the standard's worked example and an
 * independent formula, and typo rejection (property tests with fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatS10,
  isTypoSafeSerial,
  isValidS10,
  looksLikeS10,
  parseS10,
  s10CheckDigit,
  serialText,
} from './s10.ts';

/** The standard's rule written out independently: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11), 10 → 0, 11 → 5. */
function referenceCheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  const c = 11 - (sum % 11);
  if (c === 10) return 0;
  if (c === 11) return 5;
  return c;
}

const serials = fc.integer({ min: 0, max: 99_999_999 });
/** A different digit at a position of the 9 digits (8 serial + check). */
const typo = fc.record({ position: fc.integer({ min: 0, max: 8 }), shift: fc.integer({ min: 1, max: 9 }) });

function withTypo(tn: string, position: number, shift: number): string {
  const i = 2 + position;
  const digit = (Number(tn[i]) + shift) % 10;
  return `${tn.slice(0, i)}${digit}${tn.slice(i + 1)}`;
}

describe('S10 check digit', () => {
  it('matches the worked example EE123456785VN', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(formatS10(12_345_678)).toBe('EE123456785VN');
    expect(isValidS10('EE123456785VN')).toBe(true);
  });

  it('maps 10 to 0 and 11 to 5', () => {
    // 00000001: sum 7, 11 − 7 = 4; find serials for the two special cases by search.
    const ten = [...Array(100).keys()]
      .map(serialText)
      .find((s) => 11 - (referenceSum(s) % 11) === 10) as string;
    const eleven = [...Array(100).keys()].map(serialText).find((s) => referenceSum(s) % 11 === 0) as string;
    expect(s10CheckDigit(ten)).toBe(0);
    expect(s10CheckDigit(eleven)).toBe(5);
  });

  it('equals the reference formula for every serial (property)', () => {
    fc.assert(
      fc.property(serials, (n) => s10CheckDigit(serialText(n)) === referenceCheckDigit(serialText(n))),
    );
  });

  it('formats numbers that parse back to themselves (property)', () => {
    fc.assert(
      fc.property(serials, (n) => {
        const tn = formatS10(n);
        const parsed = parseS10(tn);
        return parsed.ok && parsed.value.text === tn && Number(parsed.value.serial) === n;
      }),
    );
  });

  it('accepts lower case, spaces and dashes as typed or scanned', () => {
    expect(parseS10(' ee 1234 5678 5-vn ')).toEqual({
      ok: true,
      value: expect.objectContaining({ text: 'EE123456785VN' }),
    });
  });

  it('rejects a wrong shape or another country', () => {
    expect(parseS10('EE12345678VN')).toEqual({ ok: false, error: 'format' });
    expect(parseS10('E1234567855VN')).toEqual({ ok: false, error: 'format' });
    expect(parseS10('EE123456785US')).toEqual({ ok: false, error: 'country' });
    expect(looksLikeS10('H21.52-260302-0001')).toBe(false);
    expect(looksLikeS10('EE123456780VN')).toBe(true);
  });
});

function referenceSum(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  return [...serial].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
}

describe('typo rejection', () => {
  it('rejects any single wrong digit (serial or check digit) of a number MotCua issues (property)', () => {
    fc.assert(
      fc.property(
        serials.filter((n) => isTypoSafeSerial(serialText(n))),
        typo,
        (n, { position, shift }) => {
          const tn = formatS10(n);
          const typed = withTypo(tn, position, shift);
          expect(typed).not.toBe(tn);
          const parsed = parseS10(typed);
          return !parsed.ok && parsed.error === 'check_digit';
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('rejects any wrong check digit, whatever the serial (property)', () => {
    fc.assert(
      fc.property(
        serials,
        fc.integer({ min: 1, max: 9 }),
        (n, shift) => !isValidS10(withTypo(formatS10(n), 8, shift)),
      ),
    );
  });

  it('shows why issuance skips remainders 0 and 6: both give check digit 5, so some typos would pass', () => {
    // 00000000 has remainder 0 (check 5); changing its first digit to 9 moves the remainder to 72 mod 11 = 6 (check 5 again).
    expect(isTypoSafeSerial('00000000')).toBe(false);
    expect(formatS10(0)).toBe('EE000000005VN');
    expect(isValidS10('EE900000005VN')).toBe(true);
    // The mirror image: every issued serial has a check digit other than 5.
    fc.assert(
      fc.property(
        serials.filter((n) => isTypoSafeSerial(serialText(n))),
        (n) => s10CheckDigit(serialText(n)) !== 5,
      ),
    );
  });

  it('leaves most of the serial space issuable (9 of 11 remainders)', () => {
    let safe = 0;
    for (let n = 0; n < 11_000; n++) if (isTypoSafeSerial(serialText(n))) safe += 1;
    expect(safe / 11_000).toBeGreaterThan(0.8);
  });
});
