/**
 * Hot-path statements, prepared: the SQL text is built by Drizzle once per process (every value a
 * placeholder) and then only executed, inside whatever transaction the caller holds. On the
 * PostgreSQL server it is a named statement, parsed once per connection; on PGlite it is the same
 * text with parameters. See docs/decisions/0004-intake-hot-path.md.
 *
 * Writes whose result nobody reads can be **batched**: inside `withWriteBatch(tx, fn)` they are
 * queued and sent, when `fn` returns, as one statement — each write a data-modifying WITH query of
 * the last one. One round trip instead of one per write; same transaction, same rows. A statement
 * that returns something (`run`) sends the queued writes first, so the order is kept.
 *
 * Drizzle's own `prepare()` binds a statement to the session it was built on, so it cannot be reused
 * across transactions; this keeps Drizzle's query building and column encoders and nothing else.
 */
import { createHash } from 'node:crypto';
import { is, Param, Placeholder, sql, type SQLWrapper } from 'drizzle-orm';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './database.ts';

interface Built {
  readonly name: string;
  readonly text: string;
  readonly slots: readonly Slot[];
}

interface RawClient {
  query(config: unknown, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const dialect = new PgDialect({ casing: 'snake_case' });

/** Where one parameter's value comes from: a placeholder, mapped by its column's encoder (if any). */
interface Slot {
  readonly name: string;
  readonly encode: ((value: unknown) => unknown) | null;
}

function slotsOf(statement: string, params: readonly unknown[]): Slot[] {
  return params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name, encode: null };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder;
      return { name: p.value.name, encode: (v: unknown) => encoder.mapToDriverValue(v) };
    }
    throw new Error(`prepared statement ${statement}: every value must be a placeholder`);
  });
}

/**
 * The driver values of one execution. Like Drizzle's fillPlaceholders, with its insert/update rules:
 * null stays SQL NULL (not JSON null), and a missing value is an error, never a silent default.
 */
function fill(slots: readonly Slot[], values: Record<string, unknown>): unknown[] {
  const args = new Array<unknown>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const { name, encode } = slots[i] as Slot;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for placeholder "${name}"`);
    args[i] = value === null || encode === null ? value : encode(value);
  }
  return args;
}

/** Whether a Drizzle session talks to the PostgreSQL server (else PGlite); by session class, cached. */
const serverSessionClasses = new WeakMap<object, boolean>();
function isServerSession(session: object): boolean {
  const cls = session.constructor;
  let server = serverSessionClasses.get(cls);
  if (server === undefined) {
    server = is(session, NodePgSession);
    serverSessionClasses.set(cls, server);
  }
  return server;
}

async function execute(
  ex: Executor,
  s: { name: string; text: string },
  args: unknown[],
): Promise<Record<string, unknown>[]> {
  const session = (ex as unknown as { session: { client: RawClient } }).session;
  const client = session.client;
  const result = isServerSession(session)
    ? await client.query({ name: s.name, text: s.text, values: args })
    : await client.query(s.text, args);
  return result.rows;
}

// ---------------------------------------------------------------- write batches

interface QueuedWrite {
  readonly built: Built;
  readonly args: unknown[];
}

const batches = new WeakMap<Executor, QueuedWrite[]>();
const combined = new Map<string, { name: string; text: string }>();

/** `$n` → `$(n + offset)` in a statement built by Drizzle (no `$` in its literals). */
const shiftParams = (text: string, offset: number): string =>
  offset === 0 ? text : text.replaceAll(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`);

/** Sends the queued writes of `ex` (none: nothing) as one statement. */
async function flush(ex: Executor): Promise<void> {
  const queue = batches.get(ex);
  if (!queue || queue.length === 0) return;
  const writes = queue.splice(0);
  if (writes.length === 1) {
    const [only] = writes as [QueuedWrite];
    await execute(ex, only.built, only.args);
    return;
  }
  const key = writes.map((w) => w.built.name).join('|');
  let statement = combined.get(key);
  if (!statement) {
    let offset = 0;
    const parts = writes.map((w) => {
      const text = shiftParams(w.built.text, offset);
      offset += w.built.slots.length;
      return text;
    });
    const last = parts.pop() as string;
    const text = `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${last}`;
    const name = `batch_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    statement = { name, text };
    combined.set(key, statement);
  }
  await execute(
    ex,
    statement,
    writes.flatMap((w) => w.args),
  );
}

/**
 * Runs `fn` with the writes on `tx` batched (see the file comment), then sends them. Only prepared
 * writes are queued: run no other query on `tx` inside `fn` that must see them.
 */
export async function withWriteBatch<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  if (batches.has(tx)) return fn();
  batches.set(tx, []);
  try {
    const result = await fn();
    await flush(tx);
    return result;
  } finally {
    batches.delete(tx);
  }
}

// ---------------------------------------------------------------- statements

/** A statement built once: `run` fills the placeholders and executes it on the caller's executor. */
export interface PreparedStatement<V extends Record<string, unknown>> {
  readonly name: string;
  /** The SQL text (for benchmarks and tests). */
  text(ex: Executor): string;
  /** Executes now (after any queued writes) and returns the rows, keyed by column name. */
  run(ex: Executor, values: V): Promise<Record<string, unknown>[]>;
  /** Executes now, or queues it when `ex` is in a write batch. */
  write(ex: Executor, values: V): Promise<void>;
}

/**
 * Declares a prepared statement. `build` returns a Drizzle query builder or `sql` whose every value
 * is `sql.placeholder(name)`; it is called once, on first use. A literal value would be frozen
 * into every later execution, so it is refused (write constants as `sql\`1\``).
 */
export function preparedStatement<V extends Record<string, unknown>>(
  name: string,
  build: (ex: Executor) => SQLWrapper | { toSQL(): { sql: string; params: unknown[] } },
): PreparedStatement<V> {
  let built: Built | undefined;
  const ensure = (ex: Executor): Built => {
    if (built) return built;
    const query = build(ex);
    const { sql: text, params } =
      'toSQL' in query && typeof query.toSQL === 'function'
        ? query.toSQL()
        : dialect.sqlToQuery((query as SQLWrapper).getSQL());
    built = { name, text, slots: slotsOf(name, params) };
    return built;
  };
  return {
    name,
    text: (ex) => ensure(ex).text,
    async run(ex, values) {
      const b = ensure(ex);
      const args = fill(b.slots, values);
      await flush(ex);
      return execute(ex, b, args);
    },
    async write(ex, values) {
      const b = ensure(ex);
      const args = fill(b.slots, values);
      const queue = batches.get(ex);
      if (queue) queue.push({ built: b, args });
      else await execute(ex, b, args);
    },
  };
}

type InsertBuild = (
  ex: Executor,
  rows: Record<string, Placeholder>[],
) => { toSQL(): { sql: string; params: unknown[] } };

/**
 * A multi-row INSERT as prepared statements, one per row count and column set. Every row must have
 * the same keys; `build` receives rows of placeholders with those keys.
 */
export function preparedInsert(name: string, build: InsertBuild) {
  const byShape = new Map<string, PreparedStatement<Record<string, unknown>>>();
  return {
    /** Inserts the rows now, or queues the insert when `ex` is in a write batch. */
    async write(ex: Executor, rows: readonly Record<string, unknown>[]): Promise<void> {
      if (rows.length === 0) return;
      const keys = Object.keys(rows[0] as object);
      const shape = `${rows.length}:${keys.join(',')}`;
      const values: Record<string, unknown> = {};
      rows.forEach((row, i) => {
        const rowKeys = Object.keys(row);
        if (rowKeys.length !== keys.length || rowKeys.some((k, j) => k !== keys[j]))
          throw new Error(`prepared insert ${name}: rows differ in their columns`);
        for (const k of keys) values[`${k}_${i}`] = row[k];
      });
      let statement = byShape.get(shape);
      if (!statement) {
        statement = preparedStatement(`${name}_${rows.length}_${byShape.size}`, (e) =>
          build(
            e,
            rows.map((_, i) => Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${k}_${i}`)]))),
          ),
        );
        byShape.set(shape, statement);
      }
      await statement.write(ex, values);
    },
  };
}
