import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanLine,
  foldSpellingVariants,
  foldVietnamese,
  nfc,
  searchKey,
  searchTokens,
} from './normalize.ts';
import { boundedEditDistance } from './distance.ts';
import { isVietnameseSyllable } from './syllable.ts';

describe('nfc / cleanLine', () => {
  it('composes decomposed Vietnamese', () => {
    const decomposed = 'Đăng ký'.normalize('NFD');
    expect(decomposed).not.toBe('Đăng ký');
    expect(nfc(decomposed)).toBe('Đăng ký');
  });
  it('collapses whitespace including NBSP and trims', () => {
    expect(cleanLine('  Cấp\u00a0giấy \t phép\n ')).toBe('Cấp giấy phép');
  });
});

describe('foldVietnamese', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['  CẤP   GIẤY PHÉP XÂY DỰNG ', 'cap giay phep xay dung'],
    ['Lý lịch tư pháp', 'ly lich tu phap'],
    ['Thủ tục đăng ký kết hôn'.normalize('NFD'), 'thu tuc dang ky ket hon'],
    ['Ưu đãi, ơn', 'uu dai, on'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
  it('is idempotent and ASCII for any Vietnamese input', () => {
    const viet = fc.string({
      unit: fc.constantFrom(...'aăâeêioôơuưyđĐÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬ bcdghklmnpqrstvx'.split('')),
    });
    fc.assert(
      fc.property(viet, (s) => {
        const f = foldVietnamese(s);
        expect(foldVietnamese(f)).toBe(f);
        expect(/^[\x20-\x7e]*$/.test(f)).toBe(true);
      }),
    );
  });
});

describe('spelling variants', () => {
  it.each([
    ['kí', 'ký'],
    ['lí', 'lý'],
    ['qui', 'quy'],
    ['mĩ', 'mỹ'],
    ['kì', 'kỳ'],
    ['hi sinh', 'hy sinh'],
  ])('%s matches %s', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });
  it('leaves diphthongs alone', () => {
    expect(foldSpellingVariants('huy tay uy')).toBe('huy tay uy');
    expect(searchKey('đăng kí kết hôn')).toBe(searchKey('Đăng ký kết hôn'));
  });
  it('turns punctuation into token breaks', () => {
    expect(searchTokens('Cấp, đổi giấy phép (lái xe)')).toEqual(['cap', 'doi', 'giay', 'phep', 'lai', 'xe']);
    expect(searchTokens('  ')).toEqual([]);
  });
});

describe('boundedEditDistance', () => {
  it.each([
    ['sinh', 'sinh', 0],
    ['sihn', 'sinh', 1],
    ['khai', 'kha', 1],
    ['hon', 'hom', 1],
    ['giay', 'giya', 1],
    ['xaydung', 'xaydnug', 1],
    ['abc', 'xyz', 3],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(boundedEditDistance(a, b, 5)).toBe(d);
  });
  it('stops at max + 1', () => {
    expect(boundedEditDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(boundedEditDistance('a', 'abcd', 1)).toBe(2);
  });
  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = boundedEditDistance(a, b, 10);
        expect(boundedEditDistance(b, a, 10)).toBe(d);
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});

describe('isVietnameseSyllable', () => {
  it.each(['đăng', 'ký', 'khai', 'sinh', 'nghiêng', 'người', 'quyết', 'giấy', 'xã', 'Ủy', 'trường', 'khuya'])(
    'accepts %s',
    (w) => {
      expect(isVietnameseSyllable(w)).toBe(true);
    },
  );
  it.each(['ñaêng', 'kyù', 'café', '§¨ng', 'ủaờng', 'zoo', 'ááá', 'street'])('rejects %s', (w) => {
    expect(isVietnameseSyllable(w)).toBe(false);
  });
});
