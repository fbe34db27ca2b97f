/**
 * Backup and restore (`npx motcua backup FILE` / `npx motcua restore FILE`, src/modules/backup):
 * a database seeded with the demo data and written to through the API (staff, sign-ins, dossiers
 * with fees, hand-overs and a scan, the outbox, idempotency keys) is backed up and restored into a
 * fresh database — and, on the PostgreSQL test run, across engines (server → PGlite → server). Every
 * table is compared row by row, the audit chain verifies, and the sequences carry on where they were.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { openDatabase, type Database } from '../../src/adapters/db/database.ts';
import * as schema from '../../src/adapters/db/schema.ts';
import { FakeClock } from '../../src/kernel/clock.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { countRows, readTables, SEEDED_BY_MIGRATIONS } from '../../src/modules/backup/backup.schema.ts';
import { restoreBackup, verifyBackup, writeBackup } from '../../src/modules/backup/backup.service.ts';
import { initialiseDatabase } from '../../src/demo/seed.ts';
import { bearer, createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../helpers/test-db.ts';
import { intakeBody, LONG_SESSIONS, PERSON, registerProcedure } from '../dossiers/builders.ts';
import { REPO_ROOT } from './support/child-server.ts';

let t: TestApp;
let dir = '';
const cleanup: TestDatabase[] = [];
const dossierCodes: string[] = [];

/** Every Drizzle table of the schema, with its primary-key columns for a stable order. */
const TABLES = Object.values(schema as Record<string, unknown>)
  .filter((v): v is PgTable => is(v, PgTable))
  .map((table) => {
    const config = getTableConfig(table);
    const pk = [...config.columns.filter((c) => c.primary), ...config.primaryKeys.flatMap((k) => k.columns)];
    return { table, name: getTableName(table), pk };
  });

/** All rows of every table, typed by Drizzle (Dates, Buffers, numbers, JSON), in primary-key order. */
async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { table, name, pk } of TABLES) {
    out[name] = await database.db
      .select()
      .from(table)
      .orderBy(...pk.map((c) => asc(c)));
  }
  return out;
}

async function expectSameRows(a: Database, b: Database): Promise<void> {
  const [left, right] = [await snapshot(a), await snapshot(b)];
  for (const { name } of TABLES) expect(right[name], `table ${name}`).toEqual(left[name]);
}

async function fresh(engine: 'pglite' | 'pg' = TEST_ENGINE): Promise<Database> {
  const db = await createTestDatabase(engine);
  cleanup.push(db);
  return db.database;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-backup-'));
  t = await createTestApp({ config: LONG_SESSIONS });
  const admin = await t.tokenFor('admin');
  // Staff with names in every Unicode shape, a failed and a successful sign-in, a sign-out.
  for (const [i, fullName] of [
    'Nguyễn Văn Ánh',
    'Nguyễn Văn Ánh'.normalize('NFD'),
    'Siu H’Mai 🌾',
    'O\'Brien "Đặng" <b>',
  ].entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: `backup.${i}`,
        password: 'long-enough-password',
        fullName,
        roles: [{ role: 'clerk', scope: { servicePoint: 'H21.52' } }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'backup.0', password: 'wrong' },
  });
  const session = await t.tokenFor('backup.1', 'long-enough-password');
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(session) });
  // Dossiers through their lifecycle: received, forwarded, a scan (bytea), a fee paid (bigint), retries (idempotency).
  await registerProcedure(t);
  const clerk = await t.tokenFor('demo.clerk');
  for (let i = 0; i < 3; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...bearer(clerk), 'idempotency-key': `backup-${i}` },
      payload: intakeBody({ applicant: { ...PERSON, fullName: `Người nộp ${i} — Ánh` } }),
    });
    expect(res.statusCode, res.body).toBe(201);
    dossierCodes.push((res.json() as { code: string }).code);
  }
  const first = encodeURIComponent(dossierCodes[0] as string);
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${first}/actions`,
    headers: bearer(clerk),
    payload: { action: 'forward', version: 1 },
  });
  const scan = Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from('\n%%EOF\n'),
  ]);
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${first}/files?document=1&name=scan.pdf`,
    headers: { ...bearer(clerk), 'content-type': 'application/pdf' },
    payload: scan,
  });
  expect(upload.statusCode, upload.body).toBe(201);
  t.clock.advance(3_600_000);
}, 180_000);

afterAll(async () => {
  await t?.close();
  for (const db of cleanup) await db.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${TEST_ENGINE})`, () => {
  /** An empty, migrated database (the refusal test reuses it: refusals write nothing). */
  let empty: Database;

  it('a freshly migrated database has rows only in the tables migrations seed', async () => {
    empty = await fresh();
    const counts = await countRows(empty.db);
    const seeded = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([name]) => name);
    expect(seeded.sort()).toEqual([...SEEDED_BY_MIGRATIONS].sort());
    // The Drizzle schema and the database agree on the tables (the backup reads the database).
    expect(TABLES.map((x) => x.name).sort()).toEqual((await readTables(empty.db)).map((x) => x.name).sort());
  });

  it('restores into a fresh database: every table equal row by row, audit chain valid, sequences carry on', async () => {
    const file = join(dir, 'same-engine.motcua-backup');
    const { header } = await writeBackup(t.db.database, file, { now: t.clock.now() });
    expect(header.tables.find((x) => x.name === 'dossier')?.rows).toBe(dossierCodes.length);
    expect(header.tables.find((x) => x.name === 'stored_file')?.rows).toBeGreaterThan(0);
    const target = await fresh();
    const { rows } = await restoreBackup(target, file);
    expect(rows).toBe(header.tables.reduce((n, x) => n + x.rows, 0));
    await expectSameRows(t.db.database, target);
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, problems: [] });

    // A backup of the copy has exactly the same content.
    const again = await writeBackup(target, join(dir, 'copy.motcua-backup'), { now: t.clock.now() });
    expect(again.header.contentSha256).toBe(header.contentSha256);

    // MotCua runs on the copy: new rows get fresh ids, the next dossier code follows the last one.
    const clock = new FakeClock(t.clock.now());
    const app = await buildApp({ database: target, clock, config: t.config, logger: false });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'demo.clerk', password: DEMO_PASSWORD },
      });
      const clerk = (login.json() as { token: string }).token;
      const next = await app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: bearer(clerk),
        payload: intakeBody(),
      });
      expect(next.statusCode, next.body).toBe(201);
      const last = Number((dossierCodes.at(-1) as string).slice(-4));
      expect((next.json() as { code: string }).code.slice(-4)).toBe(String(last + 1).padStart(4, '0'));
      const retry = await app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { ...bearer(clerk), 'idempotency-key': 'backup-0' },
        payload: intakeBody({ applicant: { ...PERSON, fullName: 'Người nộp 0 — Ánh' } }),
      });
      expect((retry.json() as { code: string }).code).toBe(dossierCodes[0]); // idempotency keys came along
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
  }, 120_000);

  it.runIf(TEST_ENGINE === 'pg')(
    'moves between engines: PostgreSQL server → PGlite → PostgreSQL server',
    async () => {
      const toPglite = join(dir, 'from-server.motcua-backup');
      await writeBackup(t.db.database, toPglite, { now: t.clock.now() });
      const lite = await fresh('pglite');
      await restoreBackup(lite, toPglite);
      await expectSameRows(t.db.database, lite);
      expect((await verifyAuditChain(lite.db)).ok).toBe(true);
      const back = join(dir, 'from-pglite.motcua-backup');
      await writeBackup(lite, back, { now: t.clock.now() });
      const server = await fresh('pg');
      await restoreBackup(server, back);
      await expectSameRows(t.db.database, server);
      expect((await verifyAuditChain(server.db)).ok).toBe(true);
    },
    120_000,
  );

  it('refuses a database that is not empty, a damaged file and a file from another migration level — writing nothing', async () => {
    const file = join(dir, 'refusals.motcua-backup');
    await writeBackup(t.db.database, file, { now: t.clock.now() });
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'restored',
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );

    const before = await countRows(t.db.database.db);
    expect(await code(restoreBackup(t.db.database, file))).toBe('BACKUP_TARGET_NOT_EMPTY');
    expect(await countRows(t.db.database.db)).toEqual(before);

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const damaged = join(dir, 'damaged.motcua-backup');
    writeFileSync(
      damaged,
      [lines[0], ...lines.slice(1).map((l) => l.replace('Nguyễn', 'Nguyen'))].join('\n'),
    );
    const target = empty ?? (await fresh());
    const emptyCounts = await countRows(target.db);
    expect(await code(verifyBackup(damaged))).toBe('BACKUP_INVALID');
    expect(await code(restoreBackup(target, damaged))).toBe('BACKUP_INVALID');
    writeFileSync(damaged, text.slice(0, text.length - 200));
    expect(await code(restoreBackup(target, damaged))).toBe('BACKUP_INVALID');
    writeFileSync(damaged, 'not a backup\n');
    expect(await code(restoreBackup(target, damaged))).toBe('BACKUP_INVALID');

    const header = JSON.parse(lines[0] as string) as { migrations: { count: number } };
    header.migrations.count -= 1;
    writeFileSync(damaged, [JSON.stringify(header), ...lines.slice(1)].join('\n'));
    expect(await code(restoreBackup(target, damaged))).toBe('BACKUP_INCOMPATIBLE');
    expect(await countRows(target.db)).toEqual(emptyCounts);
  }, 120_000);

  it('`npx motcua backup` and `npx motcua restore` between PGlite data folders (refusals: see above)', async () => {
    const source = join(dir, 'cli-source');
    const copy = join(dir, 'cli-copy');
    const db = await openDatabase({ dataDir: source });
    await initialiseDatabase(db, {
      demo: false,
      adminPassword: 'cli-admin-password',
      now: new Date('2026-03-02T02:00:00Z'),
    });
    await db.close();
    const file = join(dir, 'cli.motcua-backup');
    const cli = (dataDir: string, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/motcua.js', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', MOTCUA_DATA_DIR: dataDir },
      });
    const backup = cli(source, 'backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written: [\s\S]* \d+ tables, \d+ rows/);
    const restore = cli(copy, 'restore', file);
    expect(restore.status, restore.stderr + restore.stdout).toBe(0);
    expect(restore.stdout).toMatch(/audit chain OK: \d+ events verified/);
    const [a, b] = [await openDatabase({ dataDir: source }), await openDatabase({ dataDir: copy })];
    try {
      await expectSameRows(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});
