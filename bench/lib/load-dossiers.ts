/**
 * Fills a PostgreSQL database with copies of one dossier the app took in (so the rows are the app's
 * own), in batches: codes `LKP-0000001` …, public lookup tokens `tok-<n, 16 digits>` (their SHA-256 stored, as
 * the app stores them).
 */
import type pg from 'pg';
import type { LoadRequest } from './http-load.ts';

/** Copies the template dossier `count` times in batches (codes LKP-<n>, tokens `lookupToken(n)`). */
export const lookupToken = (n: number): string => `tok-${String(n).padStart(16, '0')}`;

/** The public lookup of copied dossier `n` on `route` (a path with `:code`). */
export const lookupPath = (route: string, n: number): string =>
  `${route.replace(':code', `LKP-${String(n).padStart(7, '0')}`)}?token=${lookupToken(n)}`;

/** Request factory for the generator's own process (generator-process.ts): random copied dossiers. */
export function lookupRequests(args: { route: string; dossiers: number }): (i: number) => LoadRequest {
  const headers = { accept: 'application/json' };
  return () => ({
    method: 'GET',
    path: lookupPath(args.route, 1 + Math.floor(Math.random() * args.dossiers)),
    headers,
  });
}

export async function copyDossiers(client: pg.Client, templateCode: string, count: number): Promise<void> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'dossier' and is_generated = 'NEVER' order by ordinal_position`,
  );
  const cols = rows.map((r) => r.column_name);
  const expr = (c: string) =>
    c === 'id'
      ? 'gen_random_uuid()'
      : c === 'code'
        ? `'LKP-' || lpad(g::text, 7, '0')`
        : c === 'lookup_token_hash'
          ? `encode(sha256(convert_to('tok-' || lpad(g::text, 16, '0'), 'UTF8')), 'hex')`
          : `d."${c}"`;
  const batch = 50_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await client.query(
      `insert into dossier (${cols.map((c) => `"${c}"`).join(', ')}) select ${cols.map(expr).join(', ')} from dossier d, generate_series($1::int, $2::int) g where d.code = $3`,
      [from, to, templateCode],
    );
  }
  await client.query('analyze dossier');
}
