import { describe, expect, it } from 'vitest';
import { requestHash, sha256Hex, stableJson } from './request-hash.ts';

describe('request hash', () => {
  it('does not depend on key order, at any depth, and leaves undefined members out', () => {
    const a = { b: 1, a: { y: [1, { q: 'x', p: null }], x: 'é' }, u: undefined };
    const b = { a: { x: 'é', y: [1, { p: null, q: 'x' }] }, b: 1 };
    expect(stableJson(a)).toBe('{"a":{"x":"é","y":[1,{"p":null,"q":"x"}]},"b":1}');
    expect(requestHash(a)).toBe(requestHash(b));
  });

  it('tells different bodies apart, including array order and types', () => {
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: '1' }));
  });

  it('is SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256Hex('abc'));
  });
});
