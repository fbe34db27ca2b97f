/**
 * Test databases on both engines. `MOTCUA_TEST_ENGINE=pg` runs the suite on a PostgreSQL server
 * (`MOTCUA_TEST_DATABASE_URL`, default the local server), one fresh database per test file;
 * otherwise an in-memory PGlite per test file.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/adapters/db/database.ts';

export const TEST_ENGINE: 'pg' | 'pglite' = process.env.MOTCUA_TEST_ENGINE === 'pg' ? 'pg' : 'pglite';
export const PG_ADMIN_URL =
  process.env.MOTCUA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly database: Database;
  readonly url: string | undefined;
  destroy(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty PostgreSQL database on the test server and returns its URL. */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(PG_ADMIN_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestDatabase(engine: 'pg' | 'pglite' = TEST_ENGINE): Promise<TestDatabase> {
  if (engine === 'pg') {
    const server = await createServerDatabase();
    const database = await openDatabase({ databaseUrl: server.url, poolSize: 20 });
    return {
      database,
      url: server.url,
      destroy: async () => {
        await database.close();
        await server.drop();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  return { database, url: undefined, destroy: () => database.close() };
}
