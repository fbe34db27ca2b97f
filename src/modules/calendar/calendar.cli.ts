/**
 * Calendar commands of `npx motcua`:
 *
 *   due <start> <duration> [--service-point CODE] [--cutoff HH:MM] [--shipped]
 *   lunar <YYYY-MM-DD>
 *   solar <YYYY-MM-DD lunar> [--leap]
 *
 * Which data `due` uses (it never needs the server):
 * - `DATABASE_URL` set → that PostgreSQL database (years in force, schedules);
 * - else the PGlite folder (`MOTCUA_DATA_DIR`, default ./data/db) when it exists;
 * - else, or with `--shipped`, or when the folder is locked by a running server, the official
 *   years shipped in data/calendar/ with the default schedule (revision 1, as a fresh database
 *   would hold them). The output says which.
 *
 * `<start>` is ISO 8601; without an offset it is read as Vietnam local time. `<duration>` is the
 * engine's shorthand: 3wd, 0.5wd, 4h, 15d, 2m.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../../cli/motcua.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Database } from '../../adapters/db/database.ts';
import {
  formatDuration,
  lunarToSolar,
  parseDuration,
  SHIPPED_YEARS,
  type Duration,
} from '../../kernel/calendar/index.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { isLocalDate } from '../../kernel/local-date.ts';
import { calendarInfoFromYears, CalendarService, orThrow } from './calendar.service.ts';
import { computeDue, type CalendarInfo, type DueOutcome } from './domain/calendar-info.ts';
import { formatDateLong, formatInstantVi, parseInstant } from './domain/instants.ts';
import { lunarSentence } from './views/calendar.views.ts';

const UNIT_NAMES: Record<Duration['unit'], string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

const REASONS: Record<string, string> = {
  weekend: 'nghỉ cuối tuần',
  holiday: 'ngày lễ',
  tet: 'Tết Âm lịch',
  compensatory: 'nghỉ bù',
  swapped: 'nghỉ hoán đổi',
  no_schedule: 'không có lịch làm việc',
};

interface Flags {
  readonly positional: string[];
  readonly values: Map<string, string>;
  readonly switches: Set<string>;
}

function parseFlags(args: readonly string[], withValue: readonly string[]): Flags {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (withValue.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new AppError('VALIDATION_FAILED', { detail: `--${name} needs a value` });
      values.set(name, value);
    } else switches.add(name);
  }
  return { positional, values, switches };
}

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

interface Source {
  readonly info: CalendarInfo;
  readonly description: string;
  close(): Promise<void>;
}

/** Opens the calendar data the `due` command uses (see the module comment). */
async function openSource(servicePoint: string | undefined, shipped: boolean): Promise<Source> {
  const fromFiles = (why: string): Source => ({
    info: calendarInfoFromYears(SHIPPED_YEARS),
    description: `dữ liệu kèm theo phần mềm (data/calendar/*.json, lịch làm việc mặc định)${why}`,
    close: async () => undefined,
  });
  if (shipped) return fromFiles('');
  const config = loadConfig();
  if (!config.databaseUrl && !existsSync(resolve(config.dataDir))) {
    return fromFiles(` — chưa có thư mục dữ liệu ${config.dataDir}`);
  }
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (isAppError(error) && error.code === 'DB_LOCKED') {
      return fromFiles(
        ` — thư mục dữ liệu đang được máy chủ MotCua sử dụng; dùng API POST /api/v1/calendar/due để tính theo dữ liệu đã sửa`,
      );
    }
    throw error;
  }
  try {
    const info = await new CalendarService(database).calendarFor(servicePoint);
    const where = config.databaseUrl
      ? 'cơ sở dữ liệu PostgreSQL (DATABASE_URL)'
      : `cơ sở dữ liệu ${config.dataDir}`;
    return { info, description: where, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function printDue(outcome: DueOutcome, duration: Duration, cutoff: string | undefined, source: Source): void {
  const due = outcome.due ?? outcome.effectiveStart;
  write(`Tiếp nhận:        ${formatInstantVi(outcome.receivedAt)}`);
  write(
    `Bắt đầu tính:     ${formatInstantVi(outcome.effectiveStart)}${cutoff ? `  (giờ chốt ${cutoff})` : ''}`,
  );
  write(`Thời hạn:         ${duration.value} ${UNIT_NAMES[duration.unit]} (${formatDuration(duration)})`);
  write(`Hạn trả kết quả:  ${formatInstantVi(due)}`);
  const hours = Math.round((outcome.workingMinutes / 60) * 100) / 100;
  write(`Thời gian tính:   ${outcome.workingMinutes} phút làm việc (${hours} giờ)`);
  if (outcome.skippedDays.length === 0) {
    write('Không có ngày nghỉ nào trong khoảng này.');
  } else {
    write(`Các ngày không tính (${outcome.skippedDays.length}):`);
    for (const d of outcome.skippedDays) {
      const reason = REASONS[d.kind] ?? d.kind;
      const label =
        d.kind === 'weekend' ? reason : `${d.name} [${reason}${d.weekend ? ', trùng cuối tuần' : ''}]`;
      write(`  ${formatDateLong(d.date).padEnd(20)} ${label}`);
    }
  }
  if (outcome.estimatedYears.length > 0) {
    write(
      `Lưu ý: năm ${outcome.estimatedYears.join(', ')} chưa có thông báo nghỉ lễ chính thức; ngày nghỉ được ước tính theo Bộ luật Lao động.`,
    );
  }
  write(`Dữ liệu lịch:     ${outcome.ruleVersion} — ${source.description}`);
}

const dueCommand: CliCommand = {
  name: 'due',
  summary: 'Due instant: due <start> <3wd|4h|15d|2m> [--service-point CODE] [--cutoff 15:00] [--shipped]',
  async run(args) {
    const flags = parseFlags(args, ['service-point', 'cutoff']);
    const [startText, durationText] = flags.positional;
    if (!startText || !durationText) {
      write(
        'Usage: npx motcua due 2026-02-13T10:00+07:00 3wd [--service-point CODE] [--cutoff 15:00] [--shipped]',
      );
      return 2;
    }
    const start = parseInstant(startText, { assumeLocal: true });
    if (start === undefined) {
      throw new AppError('VALIDATION_FAILED', {
        detail: `Not a date-time: ${startText} (use e.g. 2026-02-13T10:00+07:00)`,
      });
    }
    const duration = orThrow(parseDuration(durationText));
    const cutoff = flags.values.get('cutoff');
    const servicePoint = flags.values.get('service-point');
    const source = await openSource(servicePoint, flags.switches.has('shipped'));
    try {
      const outcome = orThrow(computeDue(source.info, { start, duration, cutoff }));
      if (servicePoint && source.info.scheduleId === 'default') {
        write(`(Bộ phận ${servicePoint} không có lịch làm việc riêng: dùng lịch làm việc mặc định.)`);
      }
      printDue(outcome, duration, cutoff, source);
      return 0;
    } finally {
      await source.close();
    }
  },
};

const lunarCommand: CliCommand = {
  name: 'lunar',
  summary: 'Lunar date of a solar date: lunar 2026-02-17',
  async run(args) {
    const [date] = args;
    if (!date || !isLocalDate(date)) {
      write('Usage: npx motcua lunar 2026-02-17');
      return 2;
    }
    if (date < '1900-01-01' || date > '2199-12-31') throw new AppError('CALENDAR_OUT_OF_RANGE');
    write(lunarSentence(date));
    return 0;
  },
};

const solarCommand: CliCommand = {
  name: 'solar',
  summary: 'Solar date of a lunar date: solar 2026-01-01 [--leap] (lunar year-month-day)',
  async run(args) {
    const flags = parseFlags(args, []);
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(flags.positional[0] ?? '');
    if (!m) {
      write('Usage: npx motcua solar 2026-01-01 [--leap]   (lunar year-month-day)');
      return 2;
    }
    const date = orThrow(
      lunarToSolar({
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        leap: flags.switches.has('leap'),
      }),
    );
    write(`${formatDateLong(date)} (${date})`);
    return 0;
  },
};

/** The calendar commands, for the CLI's command list. */
export function calendarCommands(): CliCommand[] {
  return [dueCommand, lunarCommand, solarCommand];
}
