/**
 * `npx motcua due|lunar|solar` as a subprocess (`npx tsx src/cli/motcua.ts …`): with the shipped
 * data files when there is no database folder, with a database (the revision in force), and with
 * the files again when the PGlite folder is locked by a running process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/database.ts';
import { initialiseDatabase } from '../../src/demo/seed.ts';
import { CalendarService } from '../../src/modules/calendar/calendar.service.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../helpers/test-db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function motcua(args: string[], env: Record<string, string | undefined> = {}) {
  const base: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    MOTCUA_DATA_DIR: join(scratch, 'none'),
  };
  const merged = Object.fromEntries(
    Object.entries({ ...base, ...env }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli/motcua.ts', ...args], {
      cwd: ROOT,
      env: merged,
      timeout: 60_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function addDayOff(database: Database, date: string, name: string) {
  const service = new CalendarService(database);
  const current = await service.year(2026);
  await service.putYear(
    undefined,
    2026,
    {
      status: current.status,
      source: current.source,
      note: current.note,
      daysOff: [...current.daysOff, { date, name, kind: 'holiday' }],
      workingDays: current.workingDays,
    },
    new Date('2026-03-02T03:00:00Z'),
  );
}

describe('npx motcua due', { timeout: 120_000 }, () => {
  it('prints the due of the Tết example and the skipped Tết days, from the shipped files', async () => {
    const { code, stdout } = await motcua(['due', '2026-02-13T10:00+07:00', '3wd'], {
      TZ: 'America/New_York',
    });
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('Bắt đầu tính:     10:00 Thứ Sáu 13/02/2026');
    expect(stdout).toContain('Hạn trả kết quả:  10:00 Thứ Tư 25/02/2026');
    expect(stdout).toContain('Các ngày không tính (9):');
    expect(stdout).toMatch(/Thứ Ba 17\/02\/2026\s+Tết Âm lịch \(mùng 1 tháng Giêng\) \[Tết Âm lịch\]/);
    expect(stdout).toMatch(/Thứ Hai 16\/02\/2026\s+Tết Âm lịch \(29 tháng Chạp\)/);
    expect(stdout).toMatch(/Thứ Bảy 14\/02\/2026\s+nghỉ cuối tuần/);
    expect(stdout).toContain('cal:2026r1,sched:default');
    expect(stdout).toContain('dữ liệu kèm theo phần mềm');
  });

  it('applies a cut-off and reads a start without an offset as Vietnam time', async () => {
    const { code, stdout } = await motcua(['due', '2026-02-13T10:00', '3wd', '--cutoff', '09:00']);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('Bắt đầu tính:     07:00 Thứ Hai 23/02/2026  (giờ chốt 09:00)');
    expect(stdout).toContain('Hạn trả kết quả:  17:00 Thứ Tư 25/02/2026');
  });

  it('exits non-zero with a message for a bad duration', async () => {
    const { code, stdout } = await motcua(['due', '2026-02-13T10:00+07:00', '3 weeks']);
    expect(code).toBe(1);
    expect(stdout).toContain('CALENDAR_DURATION_INVALID');
  });

  it('uses the revision in force in the database, and the files when the folder is locked', async () => {
    if (TEST_ENGINE === 'pg') {
      const db: TestDatabase = await createTestDatabase('pg');
      try {
        await initialiseDatabase(db.database, {
          demo: false,
          adminPassword: 'admin-password-for-tests',
          now: new Date('2026-03-01T00:00:00Z'),
        });
        await addDayOff(db.database, '2026-02-24', 'Nghỉ thêm (CLI)');
        const { code, stdout } = await motcua(['due', '2026-02-13T10:00+07:00', '3wd'], {
          DATABASE_URL: db.url,
        });
        expect(code, stdout).toBe(0);
        expect(stdout).toContain('Hạn trả kết quả:  10:00 Thứ Năm 26/02/2026');
        expect(stdout).toContain('Nghỉ thêm (CLI) [ngày lễ]');
        expect(stdout).toContain('cal:2026r2,sched:default — cơ sở dữ liệu PostgreSQL');
      } finally {
        await db.destroy();
      }
      return;
    }
    const dataDir = join(scratch, 'db');
    const database = await openDatabase({ dataDir });
    let closed = false;
    try {
      await initialiseDatabase(database, {
        demo: false,
        adminPassword: 'admin-password-for-tests',
        now: new Date('2026-03-01T00:00:00Z'),
      });
      await addDayOff(database, '2026-02-24', 'Nghỉ thêm (CLI)');
      // Open in this process: the CLI cannot take the folder and says it uses the shipped files.
      const locked = await motcua(['due', '2026-02-13T10:00+07:00', '3wd'], { MOTCUA_DATA_DIR: dataDir });
      expect(locked.code, locked.stdout).toBe(0);
      expect(locked.stdout).toContain('Hạn trả kết quả:  10:00 Thứ Tư 25/02/2026');
      expect(locked.stdout).toContain('đang được máy chủ MotCua sử dụng');
      await database.close();
      closed = true;
      const { code, stdout } = await motcua(['due', '2026-02-13T10:00+07:00', '3wd'], {
        MOTCUA_DATA_DIR: dataDir,
      });
      expect(code, stdout).toBe(0);
      expect(stdout).toContain('Hạn trả kết quả:  10:00 Thứ Năm 26/02/2026');
      expect(stdout).toContain('Nghỉ thêm (CLI) [ngày lễ]');
      expect(stdout).toContain(`cal:2026r2,sched:default — cơ sở dữ liệu ${dataDir}`);
      // --shipped ignores the database.
      const shipped = await motcua(['due', '2026-02-13T10:00+07:00', '3wd', '--shipped'], {
        MOTCUA_DATA_DIR: dataDir,
      });
      expect(shipped.stdout).toContain('Hạn trả kết quả:  10:00 Thứ Tư 25/02/2026');
    } finally {
      if (!closed) await database.close();
    }
  }, 180_000);
});

describe('npx motcua lunar / solar', () => {
  it('converts 17/2/2026 to mùng 1 Tết Bính Ngọ and back', async () => {
    const [lunar, solar, invalid] = await Promise.all([
      motcua(['lunar', '2026-02-17']),
      motcua(['solar', '2026-01-01']),
      motcua(['solar', '2026-06-01', '--leap']),
    ]);
    expect(lunar.stdout.trim()).toBe('Thứ Ba 17/02/2026 là mùng 1 tháng Giêng năm Bính Ngọ (âm lịch)');
    expect(solar.stdout.trim()).toBe('Thứ Ba 17/02/2026 (2026-02-17)');
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('CALENDAR_LUNAR_DATE_INVALID');
  }, 120_000);
});
