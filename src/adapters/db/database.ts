/**
 * One SQL dialect, two engines: embedded PGlite (a data folder, the default) or a PostgreSQL server
 * through `pg` with a pool. Same Drizzle schema, same migrations, same queries, same JS types.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type * as schema from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every repository function takes one (or the Db for plain reads). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly engine: 'pglite' | 'pg';
  /** Runs `fn` in one transaction. PGlite is a single session: its own mutex serialises transactions. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined with inMemory) for a throw-away database. */
  readonly dataDir?: string | undefined;
  readonly poolSize?: number | undefined;
  /** Apply pending migrations (Drizzle's migrate()) before returning. Default true. */
  readonly migrate?: boolean | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrations = { migrationsFolder: MIGRATIONS_FOLDER };
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A server restart kills idle clients; without a listener the pool's 'error' event crashes the process.
    pool.on('error', () => undefined);
    // So does a checked-out client whose connection dies between two queries (pg_terminate_backend,
    // a restart mid-transaction): its query fails, the pool drops it on release, the process lives on.
    pool.on('connect', (client) => client.on('error', () => undefined));
    // No relational schema: nothing uses db.query.*, and Drizzle would rebuild its builders for every transaction.
    const db = drizzlePg(pool, { casing: 'snake_case' }) as unknown as Db;
    if (options.migrate !== false) await migratePg(drizzlePg(pool, { casing: 'snake_case' }), migrations);
    return {
      db,
      engine: 'pg',
      transaction: (fn) => db.transaction(fn),
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await pool.end();
      },
    };
  }

  const dataDir = options.dataDir ?? 'memory://';
  let lock: DataDirLock | undefined;
  if (!dataDir.startsWith('memory://')) {
    const absolute = resolve(dataDir);
    mkdirSync(dirname(absolute), { recursive: true });
    lock = acquireDataDirLock(absolute);
  }
  let client: PGlite;
  try {
    client = new PGlite(dataDir.startsWith('memory://') ? undefined : resolve(dataDir));
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { casing: 'snake_case' }) as unknown as Db;
  try {
    if (options.migrate !== false)
      await migratePglite(drizzlePglite(client, { casing: 'snake_case' }), migrations);
  } catch (error) {
    await client.close();
    lock?.release();
    throw error;
  }
  return {
    db,
    engine: 'pglite',
    transaction: (fn) => db.transaction(fn),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Rows of a raw `execute()` on either engine. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
