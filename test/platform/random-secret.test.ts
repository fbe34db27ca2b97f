/** Random secrets (randomSecret, src/adapters/crypto/password.ts): never repeated, full length, fresh pages. */
import { describe, expect, it } from 'vitest';
import { randomSecret } from '../../src/adapters/crypto/password.ts';

describe('randomSecret', () => {
  it('gives 24 base64url characters for 18 bytes, all different across many pages', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const t = randomSecret(18);
      expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(20_000);
  });

  it('never hands out zeros (bytes are wiped only after use)', () => {
    // 16 zero bytes in a row would be a wiped slice handed out again: AAAA… in base64url.
    for (let i = 0; i < 5_000; i++) expect(randomSecret(16)).not.toMatch(/^A{21}/);
  });

  it('uses every bit: each of the 144 bits of an 18-byte token is set in some token and clear in another', () => {
    const ones = new Array<number>(144).fill(0);
    const n = 2_000;
    for (let i = 0; i < n; i++) {
      const bytes = Buffer.from(randomSecret(18), 'base64url');
      for (let b = 0; b < 144; b++) ones[b]! += (bytes[b >> 3]! >> (7 - (b & 7))) & 1;
    }
    for (const count of ones) {
      expect(count).toBeGreaterThan(n * 0.4);
      expect(count).toBeLessThan(n * 0.6);
    }
  });

  it('refuses a size it cannot give', () => {
    expect(() => randomSecret(0)).toThrow(RangeError);
    expect(() => randomSecret(257)).toThrow(RangeError);
    expect(() => randomSecret(1.5)).toThrow(RangeError);
  });
});
