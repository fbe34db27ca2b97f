/**
 * Legacy 8-bit Vietnamese encodings: detection and conversion to Unicode.
 *
 * Before Unicode, Vietnamese offices typed with fonts that re-draw Latin-1 byte positions as
 * Vietnamese letters: TCVN3/ABC (".VnTime", one byte per letter) and VNI-Windows ("VNI-Times",
 * a base letter followed by a byte for the accent). Spreadsheets and CSV files saved from those
 * machines still circulate. Read as Windows-1252 or Latin-1 they look like "§¨ng ký khai sinh"
 * (TCVN3) or "ñaêng kyù" (VNI); this module turns them back into NFC Unicode.
 *
 * Tables were written from the TCVN 5712:1993 byte table (as used by GNU libiconv's TCVN
 * converter) and the VNI-Windows key table, and cross-checked against two independent public
 * converters. The TCVN3 table covers 0xA0–0xFF, which is the whole of VN3 (.VnTime) plus the
 * VN1 capitals that share the range. Bytes 0x80–0x9F are left alone: VN3 and VNI do not use them,
 * and in Windows-1252 they are punctuation (curly quotes, dashes) that must survive.
 *
 * Detection re-reads the text both ways and keeps the reading that yields the most well-formed
 * Vietnamese syllables (see `isVietnameseSyllable`). It only answers when a legacy reading is
 * strictly better than the text as it stands, so genuine Unicode text is never "converted".
 */

import { isVietnameseSyllable } from './syllable.ts';

/** The legacy encodings MotCua recognises. */
export type LegacyEncoding = 'tcvn3' | 'vni';

// ---------------------------------------------------------------------------------------------
// Windows-1252 (the code page Excel and most Windows tools used in Vietnam for non-Unicode text)

/** Windows-1252 code points for bytes 0x80–0x9F. Undefined bytes map to the C1 control point. */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

const CP1252_REVERSE = new Map<number, number>(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/**
 * Decode bytes as Windows-1252 (the WHATWG mapping, which browsers also use for "latin1").
 * Implemented here rather than through TextDecoder so the result does not depend on the ICU
 * build of the Node runtime.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? b) : b);
  }
  return out;
}

/** The byte a character came from when the text was decoded as Windows-1252 or Latin-1, or -1. */
function byteOf(cp: number): number {
  if (cp <= 0xff) return cp;
  return CP1252_REVERSE.get(cp) ?? -1;
}

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993, VN3 subset used by the ABC ".Vn" fonts)

/** Unicode code points for TCVN bytes 0xA0–0xFF, row by row. 0x03xx entries are combining tones. */
const TCVN3_A0_FF: readonly number[] = [
  // 0xA0  NBSP Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ Ằ
  0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1,
  0x01b0, 0x0111, 0x1eb0,
  // 0xB0  (grave hook tilde acute dot-below) à ả ã á ạ Ẳ ằ ẳ ẵ ắ Ẵ
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3,
  0x1eb5, 0x1eaf, 0x1eb4,
  // 0xC0  Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ ẩ ẫ ấ ậ è Ể ẻ ẽ
  0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8,
  0x1ec2, 0x1ebb, 0x1ebd,
  // 0xD0  é ẹ ề ể ễ ế ệ ì ỉ Ễ Ế Ồ ĩ í ị ò
  0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129,
  0x00ed, 0x1ecb, 0x00f2,
  // 0xE0  Ổ ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ù
  0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1,
  0x1edb, 0x1ee3, 0x00f9,
  // 0xF0  Ỗ ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ Ố
  0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9,
  0x00fd, 0x1ef5, 0x1ed0,
];

function tcvn3Char(byte: number): string | undefined {
  if (byte < 0xa0) return undefined;
  const cp = TCVN3_A0_FF[byte - 0xa0];
  return cp === undefined ? undefined : String.fromCharCode(cp);
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: base letter + accent byte; a few letters are single bytes.

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const TILDE = '\u0303';
const HOOK = '\u0309';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/** Accent bytes as [lowercase-font byte, capital-font byte] and the marks they add. */
const VNI_ACCENTS: ReadonlyArray<{ readonly bytes: readonly [number, number]; readonly marks: string }> = [
  { bytes: [0xf8, 0xd8], marks: GRAVE },
  { bytes: [0xf9, 0xd9], marks: ACUTE },
  { bytes: [0xfb, 0xdb], marks: HOOK },
  { bytes: [0xf5, 0xd5], marks: TILDE },
  { bytes: [0xef, 0xcf], marks: DOT },
  { bytes: [0xe2, 0xc2], marks: CIRCUMFLEX },
  { bytes: [0xe0, 0xc0], marks: CIRCUMFLEX + GRAVE },
  { bytes: [0xe1, 0xc1], marks: CIRCUMFLEX + ACUTE },
  { bytes: [0xe5, 0xc5], marks: CIRCUMFLEX + HOOK },
  { bytes: [0xe3, 0xc3], marks: CIRCUMFLEX + TILDE },
  { bytes: [0xe4, 0xc4], marks: CIRCUMFLEX + DOT },
  { bytes: [0xea, 0xca], marks: BREVE },
  { bytes: [0xe8, 0xc8], marks: BREVE + GRAVE },
  { bytes: [0xe9, 0xc9], marks: BREVE + ACUTE },
  { bytes: [0xfa, 0xda], marks: BREVE + HOOK },
  { bytes: [0xfc, 0xdc], marks: BREVE + TILDE },
  { bytes: [0xeb, 0xcb], marks: BREVE + DOT },
];

/** Letters that VNI writes as one byte: [lowercase byte, capital byte, lowercase letter]. */
const VNI_SINGLES: ReadonlyArray<readonly [number, number, string]> = [
  [0xf1, 0xd1, 'đ'],
  [0xf4, 0xd4, 'ơ'],
  [0xf6, 0xd6, 'ư'],
  [0xec, 0xcc, 'ì'],
  [0xed, 0xcd, 'í'],
  [0xe6, 0xc6, 'ỉ'],
  [0xf3, 0xd3, 'ĩ'],
  [0xf2, 0xd2, 'ị'],
  [0xee, 0xce, 'ỵ'],
];

interface VniTables {
  /** byte → letter, for single-byte letters. */
  readonly singles: ReadonlyMap<number, string>;
  /** `${baseChar}${accentByte}` → letter, for base + accent pairs. */
  readonly pairs: ReadonlyMap<string, string>;
}

function buildVniTables(): VniTables {
  const singles = new Map<number, string>();
  for (const [lower, upper, letter] of VNI_SINGLES) {
    singles.set(lower, letter);
    singles.set(upper, letter.toUpperCase());
  }
  const pairs = new Map<string, string>();
  const toneOnly = new Set([GRAVE, ACUTE, HOOK, TILDE, DOT]);
  // Bases that take accents: plain vowels, and ơ/ư which VNI writes as single bytes.
  const bases: ReadonlyArray<{ readonly key: string; readonly letter: string }> = [
    ...['a', 'e', 'o', 'u', 'y'].map((v) => ({ key: v, letter: v })),
    { key: 'ô', letter: 'ơ' },
    { key: 'ö', letter: 'ư' },
  ];
  for (const { key, letter } of bases) {
    for (const { bytes, marks } of VNI_ACCENTS) {
      const needsCircumflex = marks.startsWith(CIRCUMFLEX);
      const needsBreve = marks.startsWith(BREVE);
      if (needsCircumflex && !['a', 'e', 'o'].includes(letter)) continue;
      if (needsBreve && letter !== 'a') continue;
      if (!needsCircumflex && !needsBreve && !toneOnly.has(marks)) continue;
      const lower = (letter + marks).normalize('NFC');
      const upper = lower.toUpperCase();
      // Both accent bytes are accepted after either case of base: files mix the two fonts.
      for (const byte of bytes) {
        const accent = String.fromCharCode(byte);
        pairs.set(key + accent, lower);
        pairs.set(key.toUpperCase() + accent, upper);
      }
    }
  }
  return { singles, pairs };
}

const VNI = buildVniTables();

// ---------------------------------------------------------------------------------------------
// Conversion

/**
 * Convert text written in a legacy encoding (and read as Windows-1252 or Latin-1) to NFC
 * Unicode. Characters that are not part of the encoding — ASCII, genuine Unicode letters — pass
 * through unchanged, so converting a partly-legacy string is safe.
 */
export function convertLegacy(text: string, encoding: LegacyEncoding): string {
  return (encoding === 'tcvn3' ? convertTcvn3(text) : convertVni(text)).normalize('NFC');
}

function convertTcvn3(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = tcvn3Char(byteOf(ch.codePointAt(0) ?? 0));
    out += mapped ?? ch;
  }
  return out;
}

function convertVni(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    if (next !== undefined) {
      const nextByte = byteOf(next.codePointAt(0) ?? 0);
      const base = baseKey(ch);
      if (nextByte >= 0 && base !== undefined) {
        const pair = VNI.pairs.get(base + String.fromCharCode(nextByte));
        if (pair !== undefined) {
          out += pair;
          i++;
          continue;
        }
      }
    }
    const single = VNI.singles.get(byteOf(ch.codePointAt(0) ?? 0));
    out += single ?? ch;
  }
  return out;
}

/** The key a character has as a VNI base letter ('ô'/'ö' stand for ơ/ư), if it can be one. */
function baseKey(ch: string): string | undefined {
  return /^[aeouyAEOUYôöÔÖ]$/.test(ch) ? ch : undefined;
}

// ---------------------------------------------------------------------------------------------
// Detection

/** How each reading of a text scored; `candidates` counts words with bytes ≥ 0x80. */
export interface LegacyAnalysis {
  /** The encoding to convert from, or null when the text should be kept as it is. */
  readonly encoding: LegacyEncoding | null;
  /** True when TCVN3 and VNI explain the text equally well and better than leaving it. */
  readonly ambiguous: boolean;
  readonly candidates: number;
  readonly validAsIs: number;
  readonly validTcvn3: number;
  readonly validVni: number;
}

const NO_LEGACY: LegacyAnalysis = {
  encoding: null,
  ambiguous: false,
  candidates: 0,
  validAsIs: 0,
  validTcvn3: 0,
  validVni: 0,
};

const WORD_SPLIT = /[\s!-/:-@[-`{-~]+/u;

/** True if the text has a character that could be a legacy byte ≥ 0x80. */
function hasHighBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0x80 && byteOf(cp) >= 0) return true;
  }
  return false;
}

function isWordOfLetters(word: string): boolean {
  return /^\p{L}+$/u.test(word);
}

function scoreWord(word: string): number {
  return isWordOfLetters(word) && isVietnameseSyllable(word) ? 1 : 0;
}

/** The three readings' scores of one word (as is, TCVN3, VNI), or null for a word with genuine Unicode. */
type WordScore = readonly [asIs: number, tcvn3: number, vni: number] | null;

// Words repeat a lot across a catalog file (a few thousand syllables), so their scores are
// remembered: a deterministic cache, bounded so a huge file of random text cannot grow it forever.
const WORD_SCORES = new Map<string, WordScore>();
const WORD_SCORES_MAX = 50_000;

function wordScores(word: string): WordScore {
  const cached = WORD_SCORES.get(word);
  if (cached !== undefined) return cached;
  let score: WordScore = null;
  let foreign = false;
  for (const ch of word) {
    if (byteOf(ch.codePointAt(0) ?? 0) < 0) foreign = true;
  }
  if (!foreign) {
    score = [
      scoreWord(word.normalize('NFC')),
      scoreWord(convertLegacy(word, 'tcvn3')),
      scoreWord(convertLegacy(word, 'vni')),
    ];
  }
  if (WORD_SCORES.size >= WORD_SCORES_MAX) WORD_SCORES.clear();
  WORD_SCORES.set(word, score);
  return score;
}

/**
 * Score the three readings of a text (as is, TCVN3, VNI) by counting well-formed Vietnamese
 * syllables among the words that contain legacy-range characters. Words that contain genuine
 * Unicode Vietnamese (code points no legacy byte decodes to) are skipped: they prove nothing.
 */
export function analyzeLegacyEncoding(text: string): LegacyAnalysis {
  if (!hasHighBytes(text)) return NO_LEGACY;
  let candidates = 0;
  let validAsIs = 0;
  let validTcvn3 = 0;
  let validVni = 0;
  for (const word of text.split(WORD_SPLIT)) {
    if (word.length === 0 || !hasHighBytes(word)) continue;
    const score = wordScores(word);
    if (score === null) continue;
    candidates++;
    validAsIs += score[0];
    validTcvn3 += score[1];
    validVni += score[2];
  }
  const best = Math.max(validTcvn3, validVni);
  const decisive = candidates > 0 && best > validAsIs && best * 2 >= candidates;
  const ambiguous = decisive && validTcvn3 === validVni;
  let encoding: LegacyEncoding | null = null;
  if (decisive && !ambiguous) encoding = validTcvn3 > validVni ? 'tcvn3' : 'vni';
  return { encoding, ambiguous, candidates, validAsIs, validTcvn3, validVni };
}

/**
 * Which legacy encoding the text is written in, or null if it reads best as it is (plain ASCII,
 * genuine Unicode, or too little evidence). Ambiguous texts also give null; use
 * {@link analyzeLegacyEncoding} to tell the two apart.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  return analyzeLegacyEncoding(text).encoding;
}
