/**
 * A MotCua app on a fresh test database with the demo data and a fake clock; `app.inject()` only.
 */
import { buildApp, type MotCuaApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { FakeClock } from '../../src/kernel/clock.ts';
import { DEMO_PASSWORD, initialiseDatabase } from '../../src/demo/seed.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export { DEMO_PASSWORD };

export interface TestApp {
  readonly app: MotCuaApp;
  readonly clock: FakeClock;
  readonly db: TestDatabase;
  readonly config: Config;
  /** Bearer token of a user (logs in through the API). */
  tokenFor(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { demo?: boolean; now?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new FakeClock(options.now ?? '2026-03-02T02:00:00Z');
  const config: Config = {
    ...loadConfig({}),
    demo: options.demo ?? true,
    adminPassword: ADMIN_PASSWORD,
    ...options.config,
  };
  await initialiseDatabase(db.database, {
    demo: config.demo,
    adminPassword: ADMIN_PASSWORD,
    now: clock.now(),
  });
  const app = await buildApp({ database: db.database, clock, config, logger: false });
  const tokens = new Map<string, string>();
  return {
    app,
    clock,
    db,
    config,
    async tokenFor(username, password) {
      const cached = tokens.get(username);
      if (cached && !password) return cached;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
