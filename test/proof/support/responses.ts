/**
 * What every MotCua HTTP answer must look like, whatever was sent: no 5xx, no stack trace or SQL or
 * driver text, and every API error an RFC 7807 problem whose `code` is in the catalog and in
 * docs/errors.md.
 */
import { readFileSync } from 'node:fs';
import { ERROR_CATALOG, type ErrorCode } from '../../../src/kernel/errors.ts';

/** Codes documented in docs/errors.md (the generated table). */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(
  [
    ...readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8').matchAll(
      /^\| `([A-Z0-9_]+)` \|/gm,
    ),
  ].map((m) => m[1] as string),
);

/** Text only a server-side failure produces (our hostile inputs never contain these). */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at [^\n]+:\d+:\d+/, // a stack frame
  /\bat (?:async )?[\w.<>]+ \([^)]*:\d+:\d+\)/,
  /node_modules\//,
  /\/work\/|\/src\/(?:modules|adapters|kernel)\//,
  /syntax error at or near/i,
  /relation "[^"]+" does not exist/i,
  /column "[^"]+" (?:of relation "[^"]+" )?does not exist/i,
  /violates (?:unique|foreign key|check|not-null) constraint/i,
  /duplicate key value/i,
  /invalid input syntax for type/i,
  /invalid byte sequence for encoding/i,
  /Failed query:/,
  /DrizzleQueryError|PGlite|node-postgres|pg-protocol/,
  /\b(?:select|insert into|update|delete from) [\w".]+ (?:from|values|set|where)\b/i,
  /TypeError|ReferenceError|RangeError: |Cannot read propert/,
];

export interface ResponseLike {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly code: ErrorCode;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly invalidParams?: unknown[];
}

/** Returns what is wrong with `res` (empty when it is fine). `url` decides whether an error must be problem+json. */
export function responseProblems(
  url: string,
  res: ResponseLike,
  sentStrings: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  // Our own input may legitimately be echoed (e.g. an unknown scope code); judge the rest of the body.
  let body = res.body;
  for (const s of sentStrings) if (s.length >= 4) body = body.split(s).join('');
  for (const pattern of LEAK_PATTERNS)
    if (pattern.test(body)) problems.push(`body leaks ${pattern}: ${body.slice(0, 300)}`);
  if (res.statusCode >= 400 && url.startsWith('/api/')) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) problems.push(`error content-type ${type}`);
    let parsed: Partial<ProblemBody> | undefined;
    try {
      parsed = JSON.parse(res.body) as Partial<ProblemBody>;
    } catch {
      problems.push('error body is not JSON');
    }
    if (parsed) {
      if (!parsed.code || !(parsed.code in ERROR_CATALOG))
        problems.push(`code ${String(parsed.code)} is not in ERROR_CATALOG`);
      else if (!DOCUMENTED_CODES.has(parsed.code))
        problems.push(`code ${parsed.code} is not in docs/errors.md`);
      if (parsed.status !== res.statusCode)
        problems.push(`problem status ${String(parsed.status)} ≠ HTTP ${res.statusCode}`);
      if (parsed.code && parsed.code in ERROR_CATALOG && ERROR_CATALOG[parsed.code].status !== res.statusCode)
        problems.push(`HTTP ${res.statusCode} ≠ catalog status of ${parsed.code}`);
      if (typeof parsed.title !== 'string' || parsed.title === '') problems.push('problem without title');
    }
  }
  return problems;
}

/** The problem's code, or undefined when the body is not a problem. */
export function problemCode(res: { readonly body: string }): string | undefined {
  try {
    const parsed = JSON.parse(res.body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}
