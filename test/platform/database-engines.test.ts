import { sql } from 'drizzle-orm';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { adminUnits, auditEvents, users } from '../../src/adapters/db/schema.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('one dialect, two engines: the same JavaScript types', () => {
  const engines: ('pglite' | 'pg')[] = [
    'pglite',
    ...(process.env.MOTCUA_TEST_ENGINE === 'pg' ? (['pg'] as const) : []),
  ];
  for (const engine of engines) {
    describe(engine, () => {
      let t: TestDatabase;
      beforeAll(async () => {
        t = await createTestDatabase(engine);
      });
      afterAll(async () => t.destroy());

      it('returns counts as numbers, dates as strings, instants as Date, json as objects', async () => {
        const db = t.database.db;
        await db.insert(adminUnits).values({
          code: '99',
          name: 'Thử',
          fullName: 'Tỉnh Thử',
          kind: 'tỉnh',
          level: 'province',
          validFrom: '2020-01-01',
          source: 'test',
        });
        await db.insert(users).values({
          username: 'types',
          passwordHash: 'x',
          fullName: 'T',
          createdAt: new Date('2026-01-02T03:04:05.678Z'),
        });
        const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(adminUnits);
        const [unit] = await db.select().from(adminUnits);
        const [user] = await db.select().from(users);
        const [head] = await db
          .execute(sql`select 1`)
          .then(() => db.select({ seq: auditEvents.seq }).from(auditEvents).limit(1));
        expect(count?.n).toBe(1);
        expect(typeof count?.n).toBe('number');
        expect(unit?.validFrom).toBe('2020-01-01');
        expect(unit?.validTo).toBeNull();
        expect(user?.createdAt).toBeInstanceOf(Date);
        expect(user?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
        expect(head).toBeUndefined();
      });

      it('applies the same migrations (audit trigger and head row present)', async () => {
        const rows = await t.database.db.execute(sql`select last_seq::int as seq, last_hash from audit_head`);
        expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
          { seq: 0, last_hash: '0'.repeat(64) },
        ]);
      });
    });
  }
});

describe('PGlite data folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-lock-'));
  const dataDir = join(dir, 'nested', 'db'); // the parent folder does not exist yet

  it('creates the parent folder, and refuses a second open of the same folder with DB_LOCKED', async () => {
    const first = await openDatabase({ dataDir });
    try {
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
      await expect(openDatabase({ dataDir })).rejects.toSatisfy(
        (e: unknown) => e instanceof AppError && e.code === 'DB_LOCKED',
      );
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses a folder locked by another live process, with a clear message', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${dataDir}.lock`, String(child.pid));
      await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by MotCua process \d+/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that died (kill -9) and keeps the data', async () => {
    writeFileSync(`${dataDir}.lock`, '999999'); // no such process
    const db = await openDatabase({ dataDir });
    try {
      await db.db
        .insert(users)
        .values({ username: 'survivor', passwordHash: 'x', fullName: 'S', createdAt: new Date() });
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dataDir });
    try {
      const rows = await again.db.select().from(users);
      expect(rows.map((r) => r.username)).toEqual(['survivor']);
    } finally {
      await again.close();
    }
  });
});
