/**
 * In-memory search over the procedure catalog, built for the counter: an officer or a citizen
 * types "dang ki ket hon" or "khai sihn" on a keyboard without Vietnamese input, and the right
 * procedure must come first.
 *
 * How it works:
 * - Every name, field and agency is folded to a search key (no diacritics, đ→d, i/y variants
 *   folded; see kernel/text). Tokens get integer ids in a vocabulary with posting lists.
 * - Each query token is expanded against the vocabulary: the exact token (cost 0), tokens within
 *   edit distance 1 (query token ≥ 4 chars) or 2 (≥ 8 chars) at cost 1 per edit, and for the last
 *   token, vocabulary words it is a prefix of (cost 0.5, for typing-as-you-go). The vocabulary of
 *   Vietnamese syllables is small (a few thousand), so a length-bucketed scan is faster than a
 *   trigram index would be, and exact.
 * - Candidates (the union of posting lists) are ranked by tier — exact phrase in the name, all
 *   tokens in the name in order, all tokens anywhere, partial — then by IDF-weighted matched
 *   tokens, edit cost, how much of the name the query covers, and position.
 * - A query shaped like a procedure code (`1.004946`, `2.000635`, `1.000948.H38`) is a code
 *   lookup: exact match, or codes starting with it.
 *
 * The index is immutable: rebuild it (a few milliseconds for 2,000 procedures) when the catalog
 * changes.
 */

import { boundedEditDistance } from '../../../kernel/text/distance.ts';
import { searchKey, searchTokens } from '../../../kernel/text/normalize.ts';
import type { AgencyRef, OnlineLevel, PostalOptions, ProcedureContent, ProcedureLevel } from './procedure.ts';

/** What the index needs to know about a procedure (the version in force, typically). */
export interface ProcedureSummary {
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly agency: AgencyRef;
  readonly levels: readonly ProcedureLevel[];
  readonly onlineLevel: OnlineLevel;
  readonly postal: PostalOptions;
  readonly oneStop: boolean;
}

/** The summary of a procedure version. */
export function toSummary(p: ProcedureContent): ProcedureSummary {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    agency: p.agency,
    levels: p.levels,
    onlineLevel: p.onlineLevel,
    postal: p.postal,
    oneStop: p.oneStop,
  };
}

export interface CatalogSearchFilters {
  readonly level?: ProcedureLevel;
  /** Field name (lĩnh vực); compared diacritics- and case-insensitively. */
  readonly field?: string;
  /** Agency code. */
  readonly agency?: string;
  readonly online?: OnlineLevel | readonly OnlineLevel[];
  /** Only procedures that accept the dossier by post (true) or do not (false). */
  readonly postalSend?: boolean;
  /** Only procedures that return the result by post (true) or do not (false). */
  readonly postalReceive?: boolean;
  readonly oneStop?: boolean;
}

export interface CatalogSearchQuery {
  readonly text?: string;
  readonly filters?: CatalogSearchFilters;
  /** 1-based page number; default 1. */
  readonly page?: number;
  /** Items per page; default 20, at most 200. */
  readonly pageSize?: number;
}

/** How a hit matched, best first. */
export type MatchTier = 'code' | 'phrase' | 'ordered' | 'all' | 'partial' | 'none';

export interface CatalogSearchHit {
  readonly procedure: ProcedureSummary;
  readonly tier: MatchTier;
  /** Higher is better; comparable only within one result list. */
  readonly score: number;
}

export interface CatalogSearchResult {
  readonly items: readonly CatalogSearchHit[];
  /** Number of hits across all pages. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

interface IndexedDoc {
  readonly summary: ProcedureSummary;
  readonly codeKey: string;
  /** Token ids of the name, in order. */
  readonly name: Int32Array;
  /** Token ids of field and agency name. */
  readonly other: Int32Array;
  readonly fieldKey: string;
  /** Rank in alphabetical order of folded name, for queries without text. */
  alphaRank: number;
}

interface IndexData {
  readonly docs: readonly IndexedDoc[];
  readonly vocab: ReadonlyMap<string, number>;
  readonly words: readonly string[];
  /** token id → docs containing it (name or other), ascending, no duplicates. */
  readonly postings: readonly Int32Array[];
  /** token id → inverse document frequency weight. */
  readonly idf: Float64Array;
  /** word length → token ids of that length. */
  readonly byLength: ReadonlyMap<number, readonly number[]>;
  /** doc ids in alphabetical order of folded name. */
  readonly alphabetical: Int32Array;
  /** Longest name in tokens (size of the scoring scratch buffer). */
  readonly maxNameLength: number;
}

/**
 * An immutable search index; build with {@link buildSearchIndex}, query with
 * {@link searchCatalog}. Its internals are private so the ranking can change without callers
 * noticing.
 */
export class CatalogSearchIndex {
  readonly #data: IndexData;

  /** @internal use {@link buildSearchIndex}. */
  constructor(data: IndexData) {
    this.#data = data;
  }

  /** Number of indexed procedures. */
  get size(): number {
    return this.#data.docs.length;
  }

  /** @internal */
  static data(index: CatalogSearchIndex): IndexData {
    return index.#data;
  }
}

const CODE_QUERY = /^\d(?:\.\d{0,6}(?:\.[a-z0-9]{0,10})?)?$/i;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;

/** Query words that describe the request rather than the procedure ("thủ tục …", "TTHC …"). */
const QUERY_NOISE = new Set(['thu tuc', 'tthc']);

/** Build the index over `procedures`. Later entries with a duplicate code are kept as well. */
export function buildSearchIndex(procedures: readonly ProcedureSummary[]): CatalogSearchIndex {
  const vocab = new Map<string, number>();
  const words: string[] = [];
  const postingLists: number[][] = [];
  const idOf = (word: string): number => {
    let id = vocab.get(word);
    if (id === undefined) {
      id = words.length;
      vocab.set(word, id);
      words.push(word);
      postingLists.push([]);
    }
    return id;
  };

  // Fields and agencies repeat across thousands of procedures: fold each distinct one once.
  const otherMemo = new Map<string, { readonly ids: Int32Array; readonly fieldKey: string }>();
  const sortKeys: string[] = [];
  const docs: IndexedDoc[] = procedures.map((summary, docId) => {
    const nameTokens = searchTokens(summary.name);
    sortKeys.push(nameTokens.join(' '));
    const name = Int32Array.from(nameTokens, idOf);
    const memoKey = `${summary.field}\u0000${summary.agency.name}`;
    let other = otherMemo.get(memoKey);
    if (other === undefined) {
      other = {
        ids: Int32Array.from([...searchTokens(summary.field), ...searchTokens(summary.agency.name)], idOf),
        fieldKey: searchKey(summary.field),
      };
      otherMemo.set(memoKey, other);
    }
    const lastDoc = new Set<number>();
    for (const id of name) lastDoc.add(id);
    for (const id of other.ids) lastDoc.add(id);
    for (const id of lastDoc) postingLists[id]?.push(docId);
    return {
      summary,
      codeKey: summary.code.toLowerCase(),
      name,
      other: other.ids,
      fieldKey: other.fieldKey,
      alphaRank: 0,
    };
  });

  const n = Math.max(docs.length, 1);
  const idf = Float64Array.from(postingLists, (list) => Math.log(1 + n / Math.max(list.length, 1)));
  const byLength = new Map<number, number[]>();
  words.forEach((w, id) => {
    const bucket = byLength.get(w.length);
    if (bucket === undefined) byLength.set(w.length, [id]);
    else bucket.push(id);
  });

  const alphabetical = Int32Array.from(docs.keys()).sort((a, b) => {
    const ka = sortKeys[a] ?? '';
    const kb = sortKeys[b] ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  alphabetical.forEach((docId, rank) => {
    const doc = docs[docId];
    if (doc !== undefined) doc.alphaRank = rank;
  });

  return new CatalogSearchIndex({
    docs,
    vocab,
    words,
    postings: postingLists.map((l) => Int32Array.from(l)),
    idf,
    byLength,
    alphabetical,
    maxNameLength: docs.reduce((m, d) => Math.max(m, d.name.length), 0),
  });
}

function maxEditsFor(token: string): number {
  if (token.length >= 8) return 2;
  if (token.length >= 4) return 1;
  return 0;
}

/**
 * A query token expanded over the vocabulary: `cost[id]` is the match cost of vocabulary word
 * `id` (0 exact, 0.5 prefix, 1–2 edits) or NO_MATCH. Dense arrays keep scoring allocation-free.
 */
interface Expansion {
  readonly cost: Float32Array;
  readonly ids: readonly number[];
  readonly weight: number;
  /** IDF of the token itself when it is a known word, else `weight`. */
  readonly ownWeight: number;
}

const NO_MATCH = -1;

/** A word in more than this share of procedures is "common" (see searchCatalog). */
const COMMON_SHARE = 0.25;

function expandToken(index: IndexData, token: string, isLast: boolean): Expansion {
  const cost = new Float32Array(index.words.length).fill(NO_MATCH);
  const ids: number[] = [];
  const add = (id: number, c: number): void => {
    if (cost[id] === NO_MATCH) ids.push(id);
    cost[id] = c;
  };
  const exact = index.vocab.get(token);
  if (exact !== undefined) add(exact, 0);
  const maxEdits = maxEditsFor(token);
  if (maxEdits > 0) {
    for (let len = token.length - maxEdits; len <= token.length + maxEdits; len++) {
      for (const id of index.byLength.get(len) ?? []) {
        if (id === exact) continue;
        const d = boundedEditDistance(token, index.words[id] ?? '', maxEdits);
        if (d <= maxEdits) add(id, d);
      }
    }
  }
  if (isLast && token.length >= 3) {
    for (const [len, bucket] of index.byLength) {
      if (len <= token.length) continue;
      for (const id of bucket) {
        if (cost[id] === NO_MATCH && (index.words[id] ?? '').startsWith(token)) add(id, 0.5);
      }
    }
  }
  // Weight: the rarest matching word's IDF, so a typo of a rare word still counts as rare.
  let weight = 0;
  for (const id of ids) weight = Math.max(weight, index.idf[id] ?? 0);
  const w = weight === 0 ? 1 : weight;
  return { cost, ids, weight: w, ownWeight: exact === undefined ? w : (index.idf[exact] ?? w) };
}

function passesFilters(
  doc: IndexedDoc,
  f: CatalogSearchFilters | undefined,
  fieldKey: string | null,
): boolean {
  if (f === undefined) return true;
  const s = doc.summary;
  if (f.level !== undefined && !s.levels.includes(f.level)) return false;
  if (fieldKey !== null && doc.fieldKey !== fieldKey) return false;
  if (f.agency !== undefined && s.agency.code !== f.agency) return false;
  if (f.online !== undefined) {
    const allowed: readonly OnlineLevel[] = typeof f.online === 'string' ? [f.online] : f.online;
    if (!allowed.includes(s.onlineLevel)) return false;
  }
  if (f.postalSend !== undefined && s.postal.sendDossier !== f.postalSend) return false;
  if (f.postalReceive !== undefined && s.postal.receiveResult !== f.postalReceive) return false;
  if (f.oneStop !== undefined && s.oneStop !== f.oneStop) return false;
  return true;
}

const TIER_RANK: Record<MatchTier, number> = { code: 6, phrase: 5, ordered: 4, all: 3, partial: 2, none: 1 };

interface Scored {
  readonly docId: number;
  readonly tier: MatchTier;
  /** Composite rank key, higher first (see scoreDoc). */
  readonly key: number;
  readonly alphaRank: number;
}

/**
 * Score one document. The composite key orders by, in turn: tier; IDF-weighted share of the
 * query matched; lower edit cost; earlier first match in the name ("Cấp giấy phép…" before
 * "Gia hạn giấy phép…"); larger share of the name covered by the query (the plain procedure
 * before its variants). Each component is quantised into its own decimal band so one float compares them all.
 */
function scoreDoc(
  doc: IndexedDoc,
  docId: number,
  exps: readonly Expansion[],
  covered: Uint8Array,
): Scored | null {
  const name = doc.name;
  const n = name.length;
  covered.fill(0, 0, n);
  let matchedWeight = 0;
  let totalWeight = 0;
  let cost = 0;
  let allMatched = true;
  let allInName = true;
  let firstPos = n;

  for (const e of exps) {
    totalWeight += e.weight;
    let best = Infinity;
    let bestPos = -1;
    const costs = e.cost;
    for (let p = 0; p < n; p++) {
      const c = costs[name[p] ?? 0] ?? NO_MATCH;
      if (c !== NO_MATCH) {
        covered[p] = 1;
        if (c < best) {
          best = c;
          bestPos = p;
        }
      }
    }
    if (best === Infinity) {
      allInName = false;
      for (const id of doc.other) {
        const c = costs[id] ?? NO_MATCH;
        if (c !== NO_MATCH && c < best) best = c;
      }
    } else if (bestPos < firstPos) {
      firstPos = bestPos;
    }
    if (best === Infinity) allMatched = false;
    else {
      matchedWeight += e.weight;
      cost += best;
    }
  }
  if (matchedWeight === 0) return null;

  let tier: MatchTier = allMatched ? 'all' : 'partial';
  if (allInName) {
    if (isExactPhrase(name, exps)) tier = 'phrase';
    else if (isOrdered(name, exps)) tier = 'ordered';
  }
  let coveredCount = 0;
  for (let p = 0; p < n; p++) coveredCount += covered[p] ?? 0;
  const coverage = n === 0 ? 0 : coveredCount / n;
  const key =
    TIER_RANK[tier] * 1e9 +
    Math.round((matchedWeight / totalWeight) * 999) * 1e6 +
    (999 - Math.min(999, Math.round(cost * 10))) * 1e3 +
    (9 - Math.min(9, firstPos)) * 100 +
    Math.round(coverage * 99);
  return { docId, tier, key, alphaRank: doc.alphaRank };
}

function isExactPhrase(name: Int32Array, exps: readonly Expansion[]): boolean {
  outer: for (let start = 0; start + exps.length <= name.length; start++) {
    for (let i = 0; i < exps.length; i++) {
      if (exps[i]?.cost[name[start + i] ?? 0] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

function isOrdered(name: Int32Array, exps: readonly Expansion[]): boolean {
  let pos = -1;
  for (const e of exps) {
    let found = -1;
    for (let p = pos + 1; p < name.length; p++) {
      if ((e.cost[name[p] ?? 0] ?? NO_MATCH) !== NO_MATCH) {
        found = p;
        break;
      }
    }
    if (found < 0) return false;
    pos = found;
  }
  return true;
}

function paginate<T>(all: readonly T[], page: number, pageSize: number): T[] {
  const start = (page - 1) * pageSize;
  return all.slice(start, start + pageSize);
}

/**
 * Search the index. Filters apply first; then text ranks what is left (without text, every
 * filtered procedure is returned in alphabetical order). Never throws on odd input: an empty or
 * punctuation-only query behaves as no text.
 */
export function searchCatalog(
  searchIndex: CatalogSearchIndex,
  query: CatalogSearchQuery = {},
): CatalogSearchResult {
  const index = CatalogSearchIndex.data(searchIndex);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
  const filters = query.filters;
  const fieldKey = filters?.field !== undefined ? searchKey(filters.field) : null;
  const text = (query.text ?? '').trim();

  if (CODE_QUERY.test(text) && text.includes('.')) {
    const key = text.toLowerCase();
    const exact: number[] = [];
    const prefixed: number[] = [];
    index.docs.forEach((doc, docId) => {
      if (!passesFilters(doc, filters, fieldKey)) return;
      if (doc.codeKey === key) exact.push(docId);
      else if (doc.codeKey.startsWith(key)) prefixed.push(docId);
    });
    const ids =
      exact.length > 0 ? exact : prefixed.sort((a, b) => cmp(index.docs[a]?.codeKey, index.docs[b]?.codeKey));
    const hits: CatalogSearchHit[] = [];
    for (const docId of ids) {
      const doc = index.docs[docId];
      if (doc !== undefined) hits.push({ procedure: doc.summary, tier: 'code', score: 6000 });
    }
    return { items: paginate(hits, page, pageSize), total: hits.length, page, pageSize };
  }

  let key = searchKey(text);
  for (const noise of QUERY_NOISE) {
    if (key.startsWith(`${noise} `)) key = key.slice(noise.length + 1);
  }
  const tokens = key.length === 0 ? [] : key.split(' ');

  if (tokens.length === 0) {
    const hits: CatalogSearchHit[] = [];
    for (const docId of index.alphabetical) {
      const doc = index.docs[docId];
      if (doc !== undefined && passesFilters(doc, filters, fieldKey)) {
        hits.push({ procedure: doc.summary, tier: 'none', score: 0 });
      }
    }
    return { items: paginate(hits, page, pageSize), total: hits.length, page, pageSize };
  }

  const exps = tokens.map((t, i) => expandToken(index, t, i === tokens.length - 1));
  // Words found in a large share of names ("cấp", "giấy") say little on their own: when the query
  // has a rarer word, only the rarer words propose candidates (the common ones still score).
  // This keeps "cấp giấy phép xây dựng" from scoring the whole catalog.
  const commonWeight = Math.log(1 + 1 / COMMON_SHARE);
  const selective = exps.filter((e) => e.ownWeight > commonWeight);
  const proposers = selective.length > 0 ? selective : exps;
  const seen = new Uint8Array(index.docs.length);
  const covered = new Uint8Array(Math.max(1, index.maxNameLength));
  const scored: Scored[] = [];
  for (const e of proposers) {
    for (const tokenId of e.ids) {
      for (const docId of index.postings[tokenId] ?? []) {
        if (seen[docId] === 1) continue;
        seen[docId] = 1;
        const doc = index.docs[docId];
        if (doc === undefined || !passesFilters(doc, filters, fieldKey)) continue;
        const s = scoreDoc(doc, docId, exps, covered);
        if (s !== null) scored.push(s);
      }
    }
  }
  scored.sort((a, b) => b.key - a.key || a.alphaRank - b.alphaRank);
  const pageItems: CatalogSearchHit[] = [];
  for (const s of paginate(scored, page, pageSize)) {
    const doc = index.docs[s.docId];
    if (doc !== undefined) {
      pageItems.push({ procedure: doc.summary, tier: s.tier, score: s.key });
    }
  }
  return { items: pageItems, total: scored.length, page, pageSize };
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
