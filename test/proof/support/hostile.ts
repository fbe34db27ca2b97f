/**
 * Hostile input for the proof tests: strings a clerk's keyboard, a legacy Vietnamese font, a copy
 * from a PDF or an attacker may send. Every value is plain data (no `eval`): the tests only check
 * that MotCua answers with a documented problem and never runs, echoes raw or half-stores them.
 */
import fc from 'fast-check';
import { encodeTcvn3, encodeVni } from '../../../src/kernel/text/legacy-encoder.testkit.ts';

const NAME = 'Nguyễn Thị Ánh Tuyết';

/** Payloads that would run script if a page ever inserted them unescaped. Each sets `window.__xss`. */
export const XSS_PAYLOADS: readonly string[] = [
  `<script>window.__xss=1</script>`,
  `"><img src=x onerror="window.__xss=2">`,
  `'><svg onload=window.__xss=3>`,
  `</title><script>window.__xss=4</script>`,
  `<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>`,
  `javascript:window.__xss=6`,
  `<a href="javascript:window.__xss=7">x</a>`,
  `<details open ontoggle=window.__xss=8>`,
  `{{constructor.constructor('window.__xss=9')()}}`,
  `</textarea><script>window.__xss=10</script>`,
  `<style>*{}</style><body onload=window.__xss=11>`,
  `<math><mi xlink:href="javascript:window.__xss=12">x</mi></math>`,
];

/** Classic SQL injection strings (parameterised queries must store them verbatim). */
export const SQL_PAYLOADS: readonly string[] = [
  `' OR '1'='1`,
  `'; DROP TABLE app_user; --`,
  `" OR ""="`,
  `1; SELECT pg_sleep(5)--`,
  `') UNION SELECT token_hash, csrf_token FROM session--`,
  `\\'; TRUNCATE audit_event; --`,
  `$$; DELETE FROM dossier; $$`,
  `%' AND 1=1 AND '%'='`,
];

/** Vietnamese in every shape it arrives in. */
export const VIETNAMESE_VARIANTS: readonly string[] = [
  NAME,
  NAME.normalize('NFD'),
  encodeTcvn3('nguyễn thị ánh tuyết'),
  encodeVni(NAME),
  `${NAME.slice(0, 6)}${NAME.normalize('NFD').slice(6)}`, // mixed NFC/NFD
  'Đặng Văn Ðức', // Đ (U+0110) and Ð (U+00D0, Icelandic eth) look the same
  'Rơ Châm H’Bia', // right single quotation mark in a Jrai name
  'Nguyá»…n Thá»‹', // UTF-8 read as Windows-1252 (mojibake)
  'Ng\u200Buyễn\u00A0Văn\u2028An', // zero-width space, NBSP, line separator
];

/** Strings that break naive parsers, paths and logs. */
export const CONTROL_AND_EDGE: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\nSet-Cookie: motcua_session=evil',
  '\u001b[31mred\u001b[0m',
  '\uFEFFbom',
  '\uD800', // lone surrogate
  '💥🇻🇳',
  'x'.repeat(201),
  'x'.repeat(5_000),
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%E1%BB%85',
  '%ZZ',
  'a/b/c',
  '\\\\server\\share',
  '0',
  '-1',
  '1e309',
  '-1e309',
  'Infinity',
  '-Infinity',
  '0x10',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

/** Dates that are wrong in every way a form can get them wrong. */
export const BAD_DATES: readonly string[] = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '1899-12-31',
  '2200-01-01',
  '99999-01-01',
  '2026-1-1',
  '02/03/2026',
  '2026-03-02T25:00:00Z',
  '2026-03-02T02:00:00+25:00',
  '-001-01-01',
  'yesterday',
];

/** Codes that look right and are not (units, service points, dossiers, procedures). */
export const UNKNOWN_CODES: readonly string[] = [
  '99',
  'H99.999',
  'H21.52.99999',
  'H21.52-260302-0001',
  'H21.52-260302-9999',
  'H21.52-999999-0001',
  '1.999999',
  'ZZ-AGENCY',
];

/** Everything above in one list. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...XSS_PAYLOADS,
  ...SQL_PAYLOADS,
  ...VIETNAMESE_VARIANTS,
  ...CONTROL_AND_EDGE,
  ...BAD_DATES,
  ...UNKNOWN_CODES,
];

/** A hostile string: from the corpus, random Unicode, random bytes as Latin-1, or corpus fragments glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 40 })
      .map((bytes) => Array.from(bytes, (b) => String.fromCharCode(b)).join('')),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...HOSTILE_STRINGS), { minLength: 2, maxLength: 4 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.nat({ max: 300_000 }).map((n) => 'ư'.repeat(n)) },
);

/** A hostile path segment: also slashes, encoded slashes and traversal. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.filter((s) => s.length < 3_000) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%2F',
      '..%2F..',
      '%2e%2e%2f',
      'a%2Fb',
      "1'%20OR%20'1'='1",
      '%27%3B%20DROP%20TABLE%20dossier%3B--',
      '%C0%AF',
      '%ff%fe',
      '%',
      '%%',
      ';',
      '?x=1',
      '#frag',
      '64/../../',
    ),
  },
);

/** Encodes a hostile segment for a URL path the way a sloppy client would: sometimes raw, sometimes encoded. */
export function pathSegment(raw: string, encode: boolean): string {
  if (!encode) return raw.replaceAll(/[\s#?]/gu, (c) => encodeURIComponent(c));
  try {
    return encodeURIComponent(raw);
  } catch {
    return encodeURIComponent(raw.replaceAll(/[\uD800-\uDFFF]/gu, '\uFFFD'));
  }
}
