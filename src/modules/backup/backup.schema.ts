/**
 * What a backup covers, read from the database itself (PostgreSQL catalogs, the same on both
 * engines): every base table of the `public` schema with its columns and primary key, the foreign
 * keys between them (for an insert order that satisfies them), the sequences behind serial
 * columns, and the migration level recorded by Drizzle's migrator.
 *
 * Reading the catalogs rather than the Drizzle schema means a table a module adds in a migration is
 * in the next backup without anyone touching this module.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../adapters/db/database.ts';

/** The schema MotCua's tables live in. */
export const BACKUP_SCHEMA = 'public';

/**
 * Tables that migrations fill (a fresh, empty database already has these rows). Restore replaces
 * their rows; every other table must be empty. `test/proof/backup-restore.test.ts` fails when a
 * migration starts seeding a table that is not listed here.
 */
export const SEEDED_BY_MIGRATIONS: readonly string[] = ['audit_head', 'feedback_deadline_rule'];

/** How a column's values are written to and read back from the JSON lines. */
export type ColumnCodec =
  'plain' | 'json' | 'jsonb' | 'bytea' | 'array' | 'timestamptz' | 'timestamp' | 'exact' | 'text';

export interface ColumnInfo {
  readonly name: string;
  /** `format_type()`: the SQL type with its modifiers, e.g. `timestamp with time zone`, `text[]`. */
  readonly type: string;
  readonly codec: ColumnCodec;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
}

export interface SequenceState {
  readonly name: string;
  /** A string: sequences are bigint. */
  readonly lastValue: string;
  readonly isCalled: boolean;
}

export interface MigrationLevel {
  /** Number of migrations applied. */
  readonly count: number;
  /** The `created_at` (journal `when`) of the last migration applied. */
  readonly lastCreatedAt: string | null;
  /** Drizzle's hash of the last migration's SQL. */
  readonly lastHash: string | null;
}

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function codecOf(typname: string, category: string): ColumnCodec {
  if (category === 'A') return 'array';
  switch (typname) {
    case 'json':
      return 'json';
    case 'jsonb':
      return 'jsonb';
    case 'bytea':
      return 'bytea';
    case 'timestamptz':
      return 'timestamptz';
    case 'timestamp':
      return 'timestamp';
    case 'int8':
    case 'numeric':
    case 'money':
      return 'exact';
    case 'int2':
    case 'int4':
    case 'bool':
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'uuid':
      return 'plain';
    default:
      return 'text';
  }
}

/** The tables of the schema in an order where every table comes after the tables it references. */
export async function readTables(db: Executor): Promise<TableInfo[]> {
  const schemaLit = literal(BACKUP_SCHEMA);
  const tableRows = rowsOf<{ name: string }>(
    await db.execute(
      sql.raw(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schemaLit} AND c.relkind IN ('r', 'p') ORDER BY c.relname`),
    ),
  );
  const columnRows = rowsOf<{ table: string; name: string; type: string; typname: string; category: string }>(
    await db.execute(
      sql.raw(`SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
          t.typname AS typname, t.typcategory AS category
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = ${schemaLit} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attgenerated = ''
        ORDER BY c.relname, a.attnum`),
    ),
  );
  const pkRows = rowsOf<{ table: string; name: string }>(
    await db.execute(
      sql.raw(`SELECT c.relname AS table, a.attname AS name
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE n.nspname = ${schemaLit} AND i.indisprimary
        ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`),
    ),
  );
  const fkRows = rowsOf<{ child: string; parent: string }>(
    await db.execute(
      sql.raw(`SELECT c.relname AS child, p.relname AS parent
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_class p ON p.oid = k.confrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = ${schemaLit}`),
    ),
  );

  const tables = new Map<string, TableInfo>();
  for (const { name } of tableRows) {
    tables.set(name, {
      name,
      columns: columnRows
        .filter((c) => c.table === name)
        .map((c) => ({ name: c.name, type: c.type, codec: codecOf(c.typname, c.category) })),
      primaryKey: pkRows.filter((k) => k.table === name).map((k) => k.name),
    });
  }

  // Topological order (Kahn), alphabetical among peers so the file is deterministic.
  const parents = new Map<string, Set<string>>([...tables.keys()].map((t) => [t, new Set<string>()]));
  for (const { child, parent } of fkRows) {
    if (child !== parent && tables.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < tables.size) {
    const ready = [...tables.keys()]
      .filter((t) => !done.has(t) && [...(parents.get(t) ?? [])].every((p) => done.has(p)))
      .sort();
    if (ready.length === 0) {
      const left = [...tables.keys()].filter((t) => !done.has(t));
      throw new Error(`foreign keys form a cycle between ${left.join(', ')}: no insert order exists`);
    }
    for (const t of ready) {
      done.add(t);
      ordered.push(tables.get(t) as TableInfo);
    }
  }
  return ordered;
}

/** Every sequence of the schema with its current state. */
export async function readSequences(db: Executor): Promise<SequenceState[]> {
  const names = rowsOf<{ name: string }>(
    await db.execute(
      sql.raw(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${literal(BACKUP_SCHEMA)} AND c.relkind = 'S' ORDER BY c.relname`),
    ),
  );
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const [row] = rowsOf<{ last_value: string; is_called: boolean }>(
      await db.execute(
        sql.raw(
          `SELECT last_value::text AS last_value, is_called FROM ${ident(BACKUP_SCHEMA)}.${ident(name)}`,
        ),
      ),
    );
    if (row) states.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return states;
}

/** The migrations Drizzle's migrator has applied (`drizzle.__drizzle_migrations`). */
export async function readMigrationLevel(db: Executor): Promise<MigrationLevel> {
  const [exists] = rowsOf<{ present: boolean }>(
    await db.execute(sql.raw(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`)),
  );
  if (!exists?.present) return { count: 0, lastCreatedAt: null, lastHash: null };
  const [row] = rowsOf<{ count: number; last_created_at: string | null; last_hash: string | null }>(
    await db.execute(
      sql.raw(`SELECT (SELECT count(*)::int FROM drizzle.__drizzle_migrations) AS count,
          last.created_at::text AS last_created_at, last.hash AS last_hash
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT created_at, hash FROM drizzle.__drizzle_migrations
          ORDER BY created_at DESC, id DESC LIMIT 1) AS last ON true`),
    ),
  );
  return {
    count: row?.count ?? 0,
    lastCreatedAt: row?.last_created_at ?? null,
    lastHash: row?.last_hash ?? null,
  };
}

/** Row counts of every table of the schema (for "is it empty?", and for tests comparing before/after). */
export async function countRows(db: Executor, tables?: readonly string[]): Promise<Record<string, number>> {
  const names = tables ?? (await readTables(db)).map((t) => t.name);
  if (names.length === 0) return {};
  const query = names
    .map((t) => `SELECT ${literal(t)} AS name, count(*)::int AS n FROM ${ident(BACKUP_SCHEMA)}.${ident(t)}`)
    .join(' UNION ALL ');
  const counts: Record<string, number> = {};
  for (const row of rowsOf<{ name: string; n: number }>(await db.execute(sql.raw(query))))
    counts[row.name] = row.n;
  return counts;
}

/** The SELECT expression that writes column `c` of row alias `t` as a JSON value (SQL NULL stays NULL). */
export function dumpExpression(column: ColumnInfo): string {
  const c = `t.${ident(column.name)}`;
  switch (column.codec) {
    case 'bytea':
      return `to_jsonb(translate(encode(${c}, 'base64'), E'\\n', ''))`;
    case 'timestamptz':
      return `to_jsonb(to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))`;
    case 'timestamp':
      return `to_jsonb(to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US'))`;
    case 'exact':
    case 'text':
      return `to_jsonb(${c}::text)`;
    case 'plain':
    case 'json':
    case 'jsonb':
    case 'array':
      return `to_jsonb(${c})`;
  }
}

/** The expression that reads column `column` back from the row object `r.v` (an absent key is NULL). */
export function restoreExpression(column: ColumnInfo): string {
  const key = literal(column.name);
  switch (column.codec) {
    case 'jsonb':
      return `(r.v -> ${key})`;
    case 'json':
      return `(r.v -> ${key})::${column.type}`;
    case 'bytea':
      return `decode(r.v ->> ${key}, 'base64')`;
    case 'array':
      return `CASE WHEN r.v ? ${key} THEN ARRAY(SELECT e.x FROM jsonb_array_elements_text(r.v -> ${key}) WITH ORDINALITY AS e(x, i) ORDER BY e.i)::${column.type} END`;
    default:
      return `(r.v ->> ${key})::${column.type}`;
  }
}
