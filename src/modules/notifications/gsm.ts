/**
 * SMS text in the GSM 03.38 7-bit alphabet. Vietnamese letters are not in it: a message with one
 * "ế" is sent as UCS-2 with 70 characters per part instead of 160. Like most Vietnamese service SMS,
 * MotCua sends SMS without diacritics ("tiếng Việt không dấu"), so a part holds 160 characters.
 * Pure functions, no I/O.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** Septets in a single-part SMS. */
export const SMS_SINGLE_PART = 160;
/** Septets per part of a concatenated SMS (the user data header takes 7). */
export const SMS_MULTI_PART = 153;
/** MotCua's SMS are at most two concatenated parts (306 septets). */
export const SMS_MAX_SEPTETS = 2 * SMS_MULTI_PART;

/** Septets the text needs in GSM 7-bit, or null when it has a character outside the alphabet. */
export function gsmSeptets(text: string): number | null {
  let n = 0;
  for (const c of text) {
    if (BASIC.has(c)) n += 1;
    else if (EXTENDED.has(c)) n += 2;
    else return null;
  }
  return n;
}

/** Number of SMS parts for a GSM 7-bit text (null when the text is not GSM 7-bit). */
export function smsParts(text: string): number | null {
  const n = gsmSeptets(text);
  if (n === null) return null;
  if (n <= SMS_SINGLE_PART) return 1;
  return Math.ceil(n / SMS_MULTI_PART);
}

const PUNCTUATION: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2022': '-',
};

/**
 * Vietnamese text as GSM 7-bit: diacritics removed (đ → d, Đ → D), typographic punctuation made
 * plain, whitespace collapsed, anything else outside the alphabet replaced by `?`.
 */
export function toGsmText(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u2022]/g, (c) => PUNCTUATION[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
  let out = '';
  for (const c of plain) out += BASIC.has(c) || EXTENDED.has(c) ? c : '?';
  return out;
}

/**
 * Builds an SMS that fits `maxSeptets`: `build(part)` renders the message around a shrinkable
 * part (a list of documents, a place name); when too long, that part is cut and ends with `...`.
 * The fixed text (code, date, link) is never cut.
 */
export function fitSms(
  build: (shrinkable: string) => string,
  shrinkable: string,
  maxSeptets = SMS_MAX_SEPTETS,
): string {
  const full = toGsmText(build(toGsmText(shrinkable)));
  if ((gsmSeptets(full) ?? Infinity) <= maxSeptets) return full;
  const part = toGsmText(shrinkable);
  let lo = 0;
  let hi = part.length;
  let best = toGsmText(build(''));
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = toGsmText(build(mid === 0 ? '' : `${part.slice(0, mid).trimEnd()}...`));
    if ((gsmSeptets(candidate) ?? Infinity) <= maxSeptets) {
      best = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
