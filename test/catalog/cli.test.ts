/**
 * `npx motcua catalog import | export | generate`: the commands in-process on the test database
 * (both engines), then the real command line in a child process: exit 1 with the error table and
 * nothing written, and DB_LOCKED while another process holds the PGlite folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/database.ts';
import { catalogCommands, type CatalogCliCommand } from '../../src/modules/catalog/catalog.cli.ts';
import { countVersions } from '../../src/modules/catalog/catalog.repository.ts';
import { COLUMNS, exportCatalogCsv, parseCsv, writeCsv } from '../../src/modules/catalog/codec/index.ts';
import { sampleVersion } from '../../src/modules/catalog/domain/testkit.ts';
import {
  createServerDatabase,
  createTestDatabase,
  TEST_ENGINE,
  type TestDatabase,
} from '../helpers/test-db.ts';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'motcua-catalog-cli-'));
});
afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  err.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return { io: { out, err }, text: () => ({ stdout, stderr }) };
}

async function run(name: string, args: string[]) {
  const c = capture();
  const withDatabase = <T>(fn: (database: Database) => Promise<T>) => fn(db.database);
  const command = catalogCommands(withDatabase, c.io).find((x: CatalogCliCommand) => x.name === name);
  if (!command) throw new Error(`no command ${name}`);
  const code = await command.run(args);
  return { code, ...c.text() };
}

/** A CSV with two bad cells: the code on row 2, the time unit on row 3. */
function badCsv(): string {
  const csv = exportCatalogCsv([
    sampleVersion({ code: '2.999101', steps: [] }),
    sampleVersion({ code: '2.999102', steps: [] }),
  ])
    .subarray(3)
    .toString('utf8');
  const table = parseCsv(csv).records.map((r) => [...r.fields]);
  table[1]![COLUMNS.findIndex((c) => c.header === 'Mã thủ tục')] = '12345';
  table[2]![COLUMNS.findIndex((c) => c.header === 'Đơn vị thời hạn')] = 'tuần';
  const file = join(dir, 'bad.csv');
  writeFileSync(file, writeCsv(table));
  return file;
}

describe('catalog commands (in-process)', () => {
  it('generate loads a marked synthetic catalog once', async () => {
    const first = await run('catalog generate', ['--count', '120', '--seed', '3']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Generated 120 published procedures (seed 3');
    expect(first.stderr).toContain('100% 120/120');
    expect(await countVersions(db.database.db)).toBe(120);
    const again = await run('catalog generate', ['--count=120']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds 120 generated versions');
    expect(await countVersions(db.database.db)).toBe(120);
    expect((await run('catalog generate', ['--count', 'many'])).code).toBe(2);
  });

  it('export writes the file; import of that file skips every row', async () => {
    const file = join(dir, 'catalog.xlsx');
    const exported = await run('catalog export', [file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const imported = await run('catalog import', [file]);
    expect(imported.code, imported.stdout).toBe(0);
    expect(imported.stdout).toContain('Đã nhập 0 phiên bản, bỏ qua 120 phiên bản đã có');
    expect((await run('catalog export', [join(dir, 'catalog.txt')])).code).toBe(2);
  });

  it('import prints every error as a table, exits 1 and writes nothing', async () => {
    const before = await countVersions(db.database.db);
    const result = await run('catalog import', [badCsv()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Tệp có 2 lỗi; KHÔNG ghi dữ liệu nào');
    expect(result.stdout).toMatch(/Dòng\s+Cột\s+Mã\s+Lý do/);
    expect(result.stdout).toMatch(/\n2\s+Mã thủ tục\s+INVALID_PROCEDURE_CODE\s+Mã thủ tục không đúng dạng/);
    expect(result.stdout).toMatch(/\n3\s+Đơn vị thời hạn\s+INVALID_VALUE/);
    expect(await countVersions(db.database.db)).toBe(before);
    const english = await run('catalog import', [badCsv(), '--en']);
    expect(english.stdout).toContain('NOTHING was written');
    expect(english.stdout).toMatch(/Row\s+Column\s+Code\s+Reason/);
  });

  it('import of a good CSV writes it, with a progress bar on stderr', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(file, exportCatalogCsv([sampleVersion({ code: '2.999103', steps: [] })]));
    const result = await run('catalog import', [file]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('Đã nhập 1 phiên bản');
    expect(result.stderr).toMatch(/Ghi \[#+\] 100% 1\/1/);
  });
});

describe('the command line', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/motcua.ts', ...args],
        { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('`catalog import` exits 1 with the error table and writes nothing', async () => {
    const server = TEST_ENGINE === 'pg' ? await createServerDatabase() : undefined;
    const env: Record<string, string> = server
      ? { DATABASE_URL: server.url }
      : { MOTCUA_DATA_DIR: join(dir, 'pgdata'), DATABASE_URL: '' };
    try {
      const result = await cli(['catalog', 'import', badCsv()], env);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain('KHÔNG ghi dữ liệu nào (0 phiên bản vẫn như cũ)');
      expect(result.stdout).toContain('INVALID_PROCEDURE_CODE');
      const exported = await cli(['catalog', 'export', join(dir, 'after.csv')], env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('Exported 0 versions');
    } finally {
      await server?.drop();
    }
  }, 180_000);

  it.runIf(TEST_ENGINE === 'pglite')(
    'answers DB_LOCKED while another process holds the PGlite folder',
    async () => {
      const folder = join(dir, 'locked');
      const holder = await openDatabase({ dataDir: folder });
      try {
        const result = await cli(['catalog', 'export', join(dir, 'x.csv')], {
          MOTCUA_DATA_DIR: folder,
          DATABASE_URL: '',
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('[DB_LOCKED]');
      } finally {
        await holder.close();
      }
    },
    180_000,
  );
});
