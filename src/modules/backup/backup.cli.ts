/**
 * `npx motcua backup FILE` and `npx motcua restore FILE` (docs/operations.md). Both open the
 * database the way `npm start` does (DATABASE_URL, else the PGlite folder MOTCUA_DATA_DIR); on
 * PGlite MotCua must be stopped first, since the folder is locked while it runs.
 */
import { resolve } from 'node:path';
import type { Database } from '../../adapters/db/database.ts';
import { verifyAuditChain } from '../audit/audit.repository.ts';
import { restoreBackup, writeBackup } from './backup.service.ts';

/** The shape of a CLI command (src/cli/motcua.ts). */
export interface BackupCliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

function fileArgument(args: string[], command: string): string | undefined {
  const file = args[0];
  if (!file || args.length !== 1) {
    process.stderr.write(`Usage: npx motcua ${command} FILE\n`);
    return undefined;
  }
  return resolve(file);
}

/** The two commands, given the CLI's way of opening the configured database. */
export function backupCommands(withDatabase: WithDatabase): BackupCliCommand[] {
  return [
    {
      name: 'backup',
      summary: 'Write a portable backup (JSON lines, SHA-256 checked) of the database to FILE',
      run: async (args) => {
        const file = fileArgument(args, 'backup');
        if (!file) return 2;
        return withDatabase(async (database) => {
          const started = Date.now();
          const { header } = await writeBackup(database, file, { now: new Date() });
          const rows = header.tables.reduce((n, t) => n + t.rows, 0);
          process.stdout.write(
            `backup written: ${file}\n  ${header.tables.length} tables, ${rows} rows, ${header.contentBytes} bytes, ` +
              `migration level ${header.migrations.count}, sha256 ${header.contentSha256} ` +
              `(${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
          );
          return 0;
        });
      },
    },
    {
      name: 'restore',
      summary: 'Restore FILE (from `motcua backup`) into an empty database, then verify the audit chain',
      run: async (args) => {
        const file = fileArgument(args, 'restore');
        if (!file) return 2;
        return withDatabase(async (database) => {
          const started = Date.now();
          const { header, rows } = await restoreBackup(database, file);
          process.stdout.write(
            `restored ${rows} rows into ${header.tables.length} tables from ${file} ` +
              `(made ${header.createdAt} on ${header.engine}; ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
          );
          const audit = await verifyAuditChain(database.db);
          if (!audit.ok) {
            process.stdout.write(`audit chain BROKEN after restore: ${audit.problems.length} problem(s)\n`);
            return 1;
          }
          process.stdout.write(`audit chain OK: ${audit.events} events verified\n`);
          return 0;
        });
      },
    },
  ];
}
