/**
 * A structural check of Vietnamese syllables, used to decide which reading of a text is
 * Vietnamese: the text as it is, or the text re-read as a legacy 8-bit encoding.
 *
 * A syllable is (onset)(vowel nucleus)(coda) with at most one tone mark. The lists below are the
 * standard orthography; the check is deliberately structural (it accepts a few combinations that
 * no real word uses) because it only has to tell Vietnamese from mojibake, not spell-check.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

const ONSETS = 'ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x';
const NUCLEI = [
  // three vowels
  'iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu',
  // two vowels
  'ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê',
  // one vowel
  'a|ă|â|e|ê|i|o|ô|ơ|u|ư|y',
].join('|');
const CODAS = 'ch|ng|nh|c|m|n|p|t';

const SYLLABLE = new RegExp(`^(?:${ONSETS})?(?:${NUCLEI})(?:${CODAS})?$`);

/**
 * True when `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable: known onset,
 * vowel nucleus and coda, and no more than one tone mark.
 */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (tones !== null && tones.length > 1) return false;
  const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE.test(base);
}
