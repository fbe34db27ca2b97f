/**
 * Vietnamese text normalisation for storage and search.
 *
 * Vietnamese can be written in Unicode two ways: precomposed (NFC, "ế" = U+1EBF) and decomposed
 * (NFD, "e" + U+0302 + U+0301). Both look identical on screen but compare unequal, so text that
 * comes from forms, spreadsheets or other systems must be normalised to NFC before it is stored
 * or compared. Search additionally folds away diacritics, đ/d and the i/y spelling variants so
 * that "dang ki ket hon" finds "Đăng ký kết hôn".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE_RUN = /\s+/g;

/** NFC-normalise. Every piece of text MotCua stores goes through this first. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * NFC-normalise, trim, and collapse internal runs of whitespace (including non-breaking spaces
 * copied from web pages) into one space. Use for single-line values such as names.
 */
export function cleanLine(text: string): string {
  return nfc(text).replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Strip every diacritic, map đ/Đ to d, lowercase, and collapse whitespace.
 *
 * "  Đăng   ký KHAI SINH " → "dang ky khai sinh". The result is ASCII for Vietnamese input (other
 * scripts pass through lowercased). Used as the comparison key for search and for matching
 * spreadsheet headers and enumerated labels regardless of how they were typed.
 */
export function foldVietnamese(text: string): string {
  // Short values (labels, yes/no cells, words) repeat a lot in imports and search: remember them.
  if (text.length > FOLD_CACHE_MAX_LENGTH) return foldUncached(text);
  const cached = FOLD_CACHE.get(text);
  if (cached !== undefined) return cached;
  const folded = foldUncached(text);
  if (FOLD_CACHE.size >= FOLD_CACHE_MAX_ENTRIES) FOLD_CACHE.clear();
  FOLD_CACHE.set(text, folded);
  return folded;
}

// A deterministic cache, bounded so that no input can grow it without limit.
const FOLD_CACHE = new Map<string, string>();
const FOLD_CACHE_MAX_LENGTH = 64;
const FOLD_CACHE_MAX_ENTRIES = 20_000;

function foldUncached(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * Onsets after which a lone final "y" is interchangeable with "i" in everyday Vietnamese spelling
 * (kí/ký, lí/lý, mĩ/mỹ, hi/hy, si/sỹ, ti/tỷ, qui/quy, kì/kỳ). "qu" counts as an onset here because
 * "quy"/"qui" is the classic pair. Syllables where y is part of a diphthong (uy, ay, ây, yê…) are
 * left alone because they have no i-spelling.
 */
const I_Y_SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])y$/;

/**
 * Fold the i/y spelling variants of an already-folded (ASCII, lowercase) text so that both
 * spellings produce the same key: "ky" → "ki", "quy" → "qui", "ly" → "li". Applied token by token.
 */
export function foldSpellingVariants(folded: string): string {
  return folded
    .split(' ')
    .map((token) => (I_Y_SYLLABLE.test(token) ? `${token.slice(0, -1)}i` : token))
    .join(' ');
}

/** Split folded text into word tokens (letters and digits); punctuation separates tokens. */
export function tokenize(folded: string): string[] {
  return folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/**
 * The full search key of a text: diacritics and case folded, spelling variants folded, punctuation
 * turned into single spaces. Both the indexed text and the query go through this.
 */
export function searchKey(text: string): string {
  return foldSpellingVariants(tokenize(foldVietnamese(text)).join(' '));
}

/** Search tokens of a text (see {@link searchKey}). */
export function searchTokens(text: string): string[] {
  const key = searchKey(text);
  return key.length === 0 ? [] : key.split(' ');
}
