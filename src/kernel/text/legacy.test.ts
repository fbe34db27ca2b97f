import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeLegacyEncoding, convertLegacy, decodeWindows1252, detectLegacyEncoding } from './legacy.ts';
import { encodeTcvn3, encodeVni, legacyBytes } from './legacy-encoder.testkit.ts';

const PHRASES = [
  'Đăng ký khai sinh',
  'Cấp giấy phép xây dựng',
  'Thủ tục đăng ký kết hôn',
  'Cấp phiếu lý lịch tư pháp cho công dân',
  'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
  'Đổi giấy phép lái xe do ngành giao thông vận tải cấp',
  'Trợ cấp xã hội hằng tháng đối với người cao tuổi',
];

describe('known legacy samples', () => {
  it('reads the TCVN3 sample from an old .VnTime spreadsheet', () => {
    expect(detectLegacyEncoding('§¨ng ký khai sinh')).toBe('tcvn3');
    expect(convertLegacy('§¨ng ký khai sinh', 'tcvn3')).toBe('Đăng ký khai sinh');
  });
  it('reads the VNI-Windows sample', () => {
    expect(detectLegacyEncoding('ñaêng kyù')).toBe('vni');
    expect(convertLegacy('ñaêng kyù', 'vni')).toBe('đăng ký');
  });
  it('reads hand-written fixtures from public conversion tables', () => {
    // TCVN3 bytes: B ả(0xB6) o / Th ắ(0xBE) ng / M ư(0xAD) ờ(0xEA) ng
    expect(convertLegacy('B\u00b6o Th\u00beng', 'tcvn3')).toBe('Bảo Thắng');
    expect(convertLegacy('M\u00ad\u00eang Kh\u00ad\u00acng', 'tcvn3')).toBe('Mường Khương');
    // VNI: "Xin chào các bạn"
    expect(convertLegacy('Xin chaøo caùc baïn', 'vni')).toBe('Xin chào các bạn');
    expect(convertLegacy('ÑAÊNG KYÙ KHAI SINH', 'vni')).toBe('ĐĂNG KÝ KHAI SINH');
  });
  it('converts VN1 capitals and combining tones in TCVN', () => {
    // 0xC4 = Ấ (VN1 capital); "a" + 0xB3 (combining acute) = á
    expect(convertLegacy('C\u00c4P a\u00b3', 'tcvn3')).toBe('CẤP á');
  });
});

describe('round trip through the test encoders', () => {
  it.each(PHRASES)('TCVN3: %s', (phrase) => {
    const legacy = encodeTcvn3(phrase);
    expect(legacy).not.toBe(phrase);
    // As a file would be read: bytes decoded as Windows-1252.
    const read = decodeWindows1252(legacyBytes(legacy));
    expect(detectLegacyEncoding(read)).toBe('tcvn3');
    expect(convertLegacy(read, 'tcvn3')).toBe(phrase);
  });
  it.each(PHRASES)('VNI: %s', (phrase) => {
    const legacy = encodeVni(phrase);
    const read = decodeWindows1252(legacyBytes(legacy));
    expect(detectLegacyEncoding(read)).toBe('vni');
    expect(convertLegacy(read, 'vni')).toBe(phrase);
  });
  it('VNI round-trips capitals too', () => {
    const phrase = 'ỦY BAN NHÂN DÂN XÃ IA TÔ, HUYỆN IA GRAI';
    expect(convertLegacy(encodeVni(phrase), 'vni')).toBe(phrase);
  });
  it('every lowercase Vietnamese letter survives both encoders', () => {
    const letters = 'àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ';
    for (const ch of letters) {
      expect(convertLegacy(encodeTcvn3(ch), 'tcvn3')).toBe(ch);
      expect(convertLegacy(encodeVni(ch), 'vni')).toBe(ch);
      expect(convertLegacy(encodeVni(ch.toUpperCase()), 'vni')).toBe(ch.toUpperCase());
    }
  });
});

describe('detection leaves real text alone', () => {
  it.each([...PHRASES, 'Công ty TNHH', 'Café São Paulo', 'Hé', 'ASCII only 1.004946', ''])('%s', (text) => {
    expect(detectLegacyEncoding(text)).toBeNull();
  });
  it('keeps Windows-1252 punctuation', () => {
    expect(convertLegacy('“trich” – 5€', 'tcvn3')).toBe('“trich” – 5€');
    expect(convertLegacy('“trich” – 5€', 'vni')).toBe('“trich” – 5€');
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x41, 0x94, 0x80]))).toBe('“A”€');
  });
  it('never flags NFC Unicode Vietnamese as legacy', () => {
    const syll = fc.constantFrom(
      'đăng',
      'ký',
      'khai',
      'sinh',
      'giấy',
      'phép',
      'xây',
      'dựng',
      'công',
      'ty',
      'hé',
      'lý',
      'lịch',
      'tư',
      'pháp',
      'Trợ',
      'cấp',
      'người',
      'cao',
      'tuổi',
      'đổi',
      'lái',
      'xe',
      'chứng',
      'thực',
      'bản',
      'sao',
    );
    fc.assert(
      fc.property(fc.array(syll, { minLength: 1, maxLength: 12 }), (words) => {
        expect(detectLegacyEncoding(words.join(' '))).toBeNull();
      }),
    );
  });
  it('reports ambiguity rather than guessing', () => {
    const a = analyzeLegacyEncoding('plain');
    expect(a).toMatchObject({ encoding: null, ambiguous: false, candidates: 0 });
  });
});
