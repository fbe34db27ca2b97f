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
import { createHash, randomBytes } from 'node:crypto';
import { is, Param, Placeholder, sql, type SQLWrapper } from 'drizzle-orm';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Executor } from './database.ts';

interface Built {
  readonly name: string;
  readonly text: string;
  readonly slots: readonly Slot[];
}

interface RawClient {
  query(config: unknown, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * Where one parameter's value comes from: a placeholder, mapped by its column's encoder (if any);
 * `sqlType` is the column's type (for a batch value substituted into it), null without a column.
 */
interface Slot {
  readonly name: string;
  readonly encode: ((value: unknown) => unknown) | null;
  readonly sqlType: string | null;
}

function slotsOf(statement: string, params: readonly unknown[]): Slot[] {
  return params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name, encode: null, sqlType: null };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder;
      const sqlType =
        encoder && typeof (encoder as { getSQLType?: unknown }).getSQLType === 'function'
          ? (encoder as unknown as { getSQLType(): string }).getSQLType()
          : null;
      return { name: p.value.name, encode: (v: unknown) => encoder.mapToDriverValue(v), sqlType };
    }
    throw new Error(`prepared statement ${statement}: every value must be a placeholder`);
  });
}

/**
 * The driver values of one execution. Like Drizzle's fillPlaceholders, with its insert/update rules:
 * null stays SQL NULL (not JSON null), and a missing value is an error, never a silent default.
 */
function fill(slots: readonly Slot[], values: Record<string, unknown>): unknown[] {
  return fillFrom(slots, (name) => values[name]);
}

function fillFrom(slots: readonly Slot[], valueOf: (name: string, index: number) => unknown): unknown[] {
  const args = new Array<unknown>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const { name, encode } = slots[i] as Slot;
    const value = valueOf(name, i);
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
  if (singleStatementExecutors.has(ex))
    throw new Error(`statement ${s.name}: a single-statement unit only queues writes (prepared.ts)`);
  return send(ex, s, args);
}

async function send(
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

/** A value computed by the batch's statement itself, referred to by a marker until it is sent. */
export interface BatchValue {
  /** Stands for the value in the batch's other writes (inside strings and JSON): replaced in SQL. */
  readonly marker: string;
  /** The value, once the batch has been sent. */
  readonly value: string;
}

interface QueuedValue {
  readonly built: Built;
  readonly args: unknown[];
  readonly marker: string;
  result: string | undefined;
}

interface Batch {
  readonly writes: QueuedWrite[];
  readonly values: QueuedValue[];
}

const batches = new WeakMap<Executor, Batch>();
const combined = new Map<string, { name: string; text: string }>();
/** Executors of `singleStatement` units: nothing is sent on them but their one batch. */
const singleStatementExecutors = new WeakSet<Executor>();

/** Unguessable per process, so no applicant's text can pose as a marker. */
const MARKER_PREFIX = `motcua-batch-value-${randomBytes(16).toString('hex')}-`;

const PARAM = /\$(\d+)/g;

/** `$n` → `$(n + offset)` in a statement built by Drizzle (no `$` in its literals). */
const shiftParams = (text: string, offset: number): string =>
  offset === 0 ? text : text.replaceAll(PARAM, (_m, n: string) => `$${Number(n) + offset}`);

/**
 * `$n` → `$(n + offset)`, and the parameters in `substituted` (1-based, with the index of the value
 * they carry) wrapped so that the batch value's marker is replaced by the value, in SQL.
 */
function rewriteParams(
  text: string,
  offset: number,
  slots: readonly Slot[],
  substituted: ReadonlyMap<number, readonly number[]>,
  values: readonly QueuedValue[],
): string {
  if (substituted.size === 0) return shiftParams(text, offset);
  return text.replaceAll(PARAM, (_m, n: string) => {
    const param = `$${Number(n) + offset}`;
    const which = substituted.get(Number(n));
    if (!which) return param;
    let expression = `${param}::text`;
    for (const v of which)
      expression = `replace(${expression}, '${(values[v] as QueuedValue).marker}', (select value from v${v}))`;
    const type = (slots[Number(n) - 1] as Slot).sqlType;
    return type ? `(${expression})::${type}` : `(${expression})`;
  });
}

/** Which values' markers each argument carries (1-based parameter → value indexes). */
function markersIn(args: readonly unknown[], values: readonly QueuedValue[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  args.forEach((arg, i) => {
    const text =
      typeof arg === 'string'
        ? arg
        : arg !== null && typeof arg === 'object' && !(arg instanceof Date)
          ? JSON.stringify(arg)
          : undefined;
    if (text === undefined || !text.includes(MARKER_PREFIX)) return;
    if (typeof arg !== 'string')
      throw new Error('a batch value can only be substituted into text or JSON parameters');
    const which = values.flatMap((v, k) => (text.includes(v.marker) ? [k] : []));
    if (which.length > 0) found.set(i + 1, which);
  });
  return found;
}

const NO_SUBSTITUTIONS: ReadonlyMap<number, readonly number[]> = new Map();

/** Sends the queued writes of `ex` (none: nothing) as one statement. */
async function flush(ex: Executor): Promise<void> {
  const batch = batches.get(ex);
  if (!batch || (batch.writes.length === 0 && batch.values.length === 0)) return;
  const writes = batch.writes.splice(0);
  const values = batch.values.splice(0);
  if (values.length === 0 && writes.length === 1) {
    const [only] = writes as [QueuedWrite];
    await send(ex, only.built, only.args);
    return;
  }
  // The statement's key: the values' and writes' names, with where each value's marker is carried.
  // Without batch values no marker can be carried (their prefix is unguessable): nothing to look for.
  let key = '';
  for (const v of values) key += `v:${v.built.name}|`;
  const substitutions: ReadonlyMap<number, readonly number[]>[] = [];
  for (const w of writes) {
    const found = values.length === 0 ? NO_SUBSTITUTIONS : markersIn(w.args, values);
    substitutions.push(found);
    key += w.built.name;
    for (const [p, vs] of found) key += `@${p}=${vs.join('.')}`;
    key += '|';
  }
  let statement = combined.get(key);
  if (!statement) {
    let offset = 0;
    const valueParts = values.map((v, k) => {
      const text = shiftParams(v.built.text, offset);
      offset += v.built.slots.length;
      return `v${k} as (${text})`;
    });
    const parts = writes.map((w, i) => {
      const text = rewriteParams(
        w.built.text,
        offset,
        w.built.slots,
        substitutions[i] as ReadonlyMap<number, readonly number[]>,
        values,
      );
      offset += w.built.slots.length;
      return text;
    });
    let text: string;
    if (values.length === 0) {
      const last = parts.pop() as string;
      text = `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${last}`;
    } else {
      const ctes = [...valueParts, ...parts.map((p, i) => `w${i} as (${p})`)];
      text = `with ${ctes.join(', ')} select ${values.map((_, k) => `(select value from v${k}) as v${k}`).join(', ')}`;
    }
    const name = `batch_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    statement = { name, text };
    combined.set(key, statement);
  }
  const args: unknown[] = [];
  for (const v of values) for (const a of v.args) args.push(a);
  for (const w of writes) for (const a of w.args) args.push(a);
  const rows = await send(ex, statement, args);
  const [row] = rows;
  values.forEach((v, k) => {
    const value = row?.[`v${k}`];
    if (typeof value !== 'string') throw new Error(`batch value ${v.built.name} returned no text`);
    v.result = value;
  });
}

/**
 * Runs `fn` with the writes on `tx` batched (see the file comment), then sends them. Only prepared
 * writes are queued: run no other query on `tx` inside `fn` that must see them.
 */
export async function withWriteBatch<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  if (batches.has(tx)) return fn();
  batches.set(tx, { writes: [], values: [] });
  try {
    const result = await fn();
    await flush(tx);
    return result;
  } finally {
    batches.delete(tx);
  }
}

/**
 * Runs `fn`, whose writes are one write batch (`withWriteBatch` inside `fn`, with any batch values),
 * as that one statement. On the PostgreSQL server the statement is its own transaction: no BEGIN
 * and COMMIT round trips, all or nothing all the same. On PGlite, one session shared by every
 * caller, it runs inside a transaction so that no other caller's statement interleaves. Nothing may
 * be sent on the executor but the batch: prepared statements refuse any other (on the server).
 */
export async function singleStatement<T>(
  database: Pick<Database, 'db' | 'engine' | 'transaction'>,
  fn: (ex: Executor) => Promise<T>,
): Promise<T> {
  if (database.engine !== 'pg') return database.transaction((tx) => fn(tx));
  const ex = Object.create(database.db) as Executor; // the pool's Db, as a key of its own
  singleStatementExecutors.add(ex);
  return fn(ex);
}

/**
 * Queues `statement` (one row, one text column `value`) at the head of the current write batch and
 * returns its marker: the batch's other writes may carry the marker inside text and JSON values, and
 * the batch replaces it with the value in SQL. Read `.value` after the batch has been sent.
 * (The intake's dossier code: its sequence number is allocated by the same statement that writes
 * the dossier; docs/decisions/0005-intake-one-statement.md.)
 */
export function batchValue<V extends Record<string, unknown>>(
  ex: Executor,
  statement: PreparedStatement<V>,
  values: V,
): BatchValue {
  const batch = batches.get(ex);
  if (!batch) throw new Error(`batch value ${statement.name}: not inside a write batch`);
  const { built, args } = statement.bind(ex, values);
  const queued: QueuedValue = {
    built,
    args,
    // Unique within the batch, and the same for the same position in every batch: one statement text.
    marker: `${MARKER_PREFIX}${batch.values.length}-`,
    result: undefined,
  };
  batch.values.push(queued);
  return {
    marker: queued.marker,
    get value(): string {
      if (queued.result === undefined) throw new Error(`batch value ${statement.name}: not sent yet`);
      return queued.result;
    },
  };
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
  /** The statement and its driver values (for batch values). */
  bind(ex: Executor, values: V): { built: Built; args: unknown[] };
  /** The statement as built (its placeholders in order). */
  describe(ex: Executor): { built: Built };
  /** As `write`, the value of each parameter given by `valueOf(placeholder name, position)`. */
  writeFrom(ex: Executor, valueOf: (name: string, index: number) => unknown): Promise<void>;
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
      await queueOrExecute(ex, b, fill(b.slots, values));
    },
    describe: (ex) => ({ built: ensure(ex) }),
    async writeFrom(ex, valueOf) {
      const b = ensure(ex);
      await queueOrExecute(ex, b, fillFrom(b.slots, valueOf));
    },
    bind(ex, values) {
      const b = ensure(ex);
      return { built: b, args: fill(b.slots, values) };
    },
  };
}

async function queueOrExecute(ex: Executor, built: Built, args: unknown[]): Promise<void> {
  const batch = batches.get(ex);
  if (batch) batch.writes.push({ built, args });
  else await execute(ex, built, args);
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
  /**
   * Per row count, the shapes met so far (their column lists) with the statement and, once built,
   * where each parameter's value is (row i, column k). Found by comparing the column names, not by a
   * joined key: the intake's hot path inserts rows of some forty columns.
   */
  const byCount = new Map<
    number,
    {
      keys: readonly string[];
      statement: PreparedStatement<Record<string, unknown>>;
      sources?: readonly (readonly [number, string])[];
    }[]
  >();
  let statements = 0;
  const sameKeys = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((k, j) => k === b[j]);
  return {
    /** Inserts the rows now, or queues the insert when `ex` is in a write batch. */
    async write(ex: Executor, rows: readonly Record<string, unknown>[]): Promise<void> {
      if (rows.length === 0) return;
      const keys = Object.keys(rows[0] as object);
      for (let r = 1; r < rows.length; r++)
        if (!sameKeys(Object.keys(rows[r] as object), keys))
          throw new Error(`prepared insert ${name}: rows differ in their columns`);
      let shapes = byCount.get(rows.length);
      if (!shapes) byCount.set(rows.length, (shapes = []));
      let entry = shapes.find((shape) => sameKeys(shape.keys, keys));
      if (!entry) {
        entry = {
          keys,
          statement: preparedStatement<Record<string, unknown>>(
            `${name}_${rows.length}_${statements++}`,
            (e) =>
              build(
                e,
                rows.map((_, i) => Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${k}_${i}`)]))),
              ),
          ),
        };
        shapes.push(entry);
      }
      // Placeholder `k_i` is column k of row i (Drizzle orders them by the table's columns).
      const sources = (entry.sources ??= entry.statement.describe(ex).built.slots.map(({ name: slot }) => {
        const cut = slot.lastIndexOf('_');
        return [Number(slot.slice(cut + 1)), slot.slice(0, cut)] as const;
      }));
      await entry.statement.writeFrom(ex, (_slot, i) => {
        const [row, key] = sources[i] as readonly [number, string];
        return (rows[row] as Record<string, unknown>)[key];
      });
    },
  };
}
