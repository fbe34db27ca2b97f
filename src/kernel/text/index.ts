/**
 * Vietnamese text kernel: normalisation, search folding, typo distance, and legacy-encoding
 * repair. Pure functions only; safe to use from any layer.
 */
export {
  nfc,
  cleanLine,
  foldVietnamese,
  foldSpellingVariants,
  tokenize,
  searchKey,
  searchTokens,
} from './normalize.ts';
export { boundedEditDistance } from './distance.ts';
export { isVietnameseSyllable } from './syllable.ts';
export {
  analyzeLegacyEncoding,
  convertLegacy,
  decodeWindows1252,
  detectLegacyEncoding,
  type LegacyAnalysis,
  type LegacyEncoding,
} from './legacy.ts';
