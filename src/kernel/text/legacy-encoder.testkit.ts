/**
 * TEST-ONLY Unicode → legacy encoders, used to produce TCVN3/VNI fixtures for round-trip tests
 * (text → legacy bytes → read as Windows-1252 → detect → convert → same text).
 *
 * Written independently of the decoder tables in legacy.ts (the TCVN3 side from a letter list,
 * the VNI side from the keyboard rules) so a mistake in one shows up as a failing round trip.
 * Not exported from the kernel's index and not for production use: TCVN3 cannot represent capital
 * toned vowels at all, so `encodeTcvn3` throws on them.
 */

const TCVN3_LETTERS = 'ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ';
const TCVN3_BYTES = [
  0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xb5, 0xb6, 0xb7, 0xb8,
  0xb9, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3,
  0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xdc, 0xdd, 0xde, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,
  0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc,
  0xfd, 0xfe,
];

/** Encode NFC Vietnamese as TCVN3 and return it the way Windows-1252 software would show it. */
export function encodeTcvn3(text: string): string {
  const letters = Array.from(TCVN3_LETTERS);
  if (letters.length !== TCVN3_BYTES.length) throw new Error('TCVN3 test table is misaligned');
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out += ch;
      continue;
    }
    const i = letters.indexOf(ch);
    const byte = TCVN3_BYTES[i];
    if (i < 0 || byte === undefined) throw new Error(`TCVN3 cannot encode ${JSON.stringify(ch)}`);
    out += String.fromCharCode(byte);
  }
  return out;
}

// VNI keyboard rules: accent bytes, lowercase font; the capital font uses byte − 0x20.
const TONE_BYTE: Record<string, number> = {
  '\u0300': 0xf8, // huyền
  '\u0301': 0xf9, // sắc
  '\u0309': 0xfb, // hỏi
  '\u0303': 0xf5, // ngã
  '\u0323': 0xef, // nặng
};
const CIRCUMFLEX_TONE_BYTE: Record<string, number> = {
  '': 0xe2,
  '\u0300': 0xe0,
  '\u0301': 0xe1,
  '\u0309': 0xe5,
  '\u0303': 0xe3,
  '\u0323': 0xe4,
};
const BREVE_TONE_BYTE: Record<string, number> = {
  '': 0xea,
  '\u0300': 0xe8,
  '\u0301': 0xe9,
  '\u0309': 0xfa,
  '\u0303': 0xfc,
  '\u0323': 0xeb,
};
const I_BYTES: Record<string, number> = {
  '\u0300': 0xec,
  '\u0301': 0xed,
  '\u0309': 0xe6,
  '\u0303': 0xf3,
  '\u0323': 0xf2,
};

/** Encode NFC Vietnamese as VNI-Windows and return it the way Windows-1252 software would show it. */
export function encodeVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if ((ch.codePointAt(0) ?? 0) < 0x80) {
      out += ch;
      continue;
    }
    const upper = ch !== ch.toLowerCase();
    const shift = upper ? 0x20 : 0;
    const lower = ch.toLowerCase();
    if (lower === 'đ') {
      out += String.fromCharCode(0xf1 - shift);
      continue;
    }
    const parts = Array.from(lower.normalize('NFD'));
    const base = parts[0] ?? '';
    const marks = parts.slice(1);
    const horn = marks.includes('\u031b');
    const circumflex = marks.includes('\u0302');
    const breve = marks.includes('\u0306');
    const tone = marks.find((m) => m in TONE_BYTE) ?? '';
    const baseOut = upper ? base.toUpperCase() : base;
    if (horn) {
      // ơ and ư are single bytes; a tone follows as an accent byte.
      out += String.fromCharCode((base === 'o' ? 0xf4 : 0xf6) - shift);
      if (tone !== '') out += String.fromCharCode((TONE_BYTE[tone] ?? 0) - shift);
    } else if (base === 'i') {
      out += String.fromCharCode((I_BYTES[tone] ?? 0) - shift);
    } else if (base === 'y' && tone === '\u0323') {
      out += String.fromCharCode(0xee - shift);
    } else if (circumflex) {
      out += baseOut + String.fromCharCode((CIRCUMFLEX_TONE_BYTE[tone] ?? 0) - shift);
    } else if (breve) {
      out += baseOut + String.fromCharCode((BREVE_TONE_BYTE[tone] ?? 0) - shift);
    } else if (tone !== '') {
      out += baseOut + String.fromCharCode((TONE_BYTE[tone] ?? 0) - shift);
    } else {
      throw new Error(`VNI cannot encode ${JSON.stringify(ch)}`);
    }
  }
  return out;
}

/** The bytes of a legacy-encoded string produced above (one byte per character). */
export function legacyBytes(encoded: string): Uint8Array {
  return Uint8Array.from(Array.from(encoded, (c) => c.charCodeAt(0)));
}
