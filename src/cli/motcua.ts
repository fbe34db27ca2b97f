/**
 * The MotCua command line: `npx motcua <command>`. Each command opens the same database as
 * `npm start` (DATABASE_URL, else the PGlite folder MOTCUA_DATA_DIR).
 */
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../adapters/db/database.ts';
import { isAppError } from '../kernel/errors.ts';
import { verifyAuditChain } from '../modules/audit/audit.repository.ts';
import { catalogCommands } from '../modules/catalog/catalog.cli.ts';
import { backupCommands } from '../modules/backup/backup.cli.ts';
import { calendarCommands } from '../modules/calendar/calendar.cli.ts';

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const commands: CliCommand[] = [
  {
    name: 'audit verify',
    summary: 'Verify the hash chain of the audit trail; exits 1 when a row was altered or deleted',
    run: async () =>
      withDatabase(async (database) => {
        const result = await verifyAuditChain(database.db);
        if (result.ok) {
          process.stdout.write(`audit chain OK: ${result.events} events verified\n`);
          return 0;
        }
        process.stdout.write(
          `audit chain BROKEN: ${result.problems.length} problem(s) in ${result.events} events\n`,
        );
        for (const p of result.problems.slice(0, 50)) process.stdout.write(`  seq ${p.seq}: ${p.problem}\n`);
        return 1;
      }),
  },
  ...calendarCommands(),
  ...backupCommands(withDatabase),
  ...catalogCommands(withDatabase),
];

/** Other modules add their commands here (kept in one list so `help` shows them all). */
export function registerCommand(command: CliCommand): void {
  commands.push(command);
}

async function main(argv: string[]): Promise<number> {
  for (const command of [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return command.run(argv.slice(words.length));
  }
  process.stdout.write(
    `Usage: npx motcua <command>\n\n${commands.map((c) => `  ${c.name.padEnd(24)} ${c.summary}`).join('\n')}\n`,
  );
  return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(
      isAppError(error)
        ? `[${error.code}] ${error.message}\n`
        : `${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
