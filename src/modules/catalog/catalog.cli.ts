/**
 * `npx motcua catalog import FILE`, `catalog export FILE` and `catalog generate --count N [--seed N]`.
 * Each opens the database the way `npm start` does (DATABASE_URL, else the PGlite folder
 * MOTCUA_DATA_DIR). The PGlite folder is locked while MotCua runs: stop it first, or the command
 * ends with DB_LOCKED. A running server keeps its own cache of the catalog; restart it to see
 * changes made here (docs/catalog.md, "Command line").
 */
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname, resolve } from 'node:path';
import type { Database } from '../../adapters/db/database.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import { CatalogService } from './catalog.service.ts';
import type { CatalogFileFormat, CatalogImportError, CatalogImportWarning } from './codec/index.ts';
import { generateCatalog } from './domain/generate.ts';

/** The shape of a CLI command (src/cli/motcua.ts). */
export interface CatalogCliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

/** Where the commands write; tests pass their own. */
export interface CliOutput {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
}

function cliActor(): AuditActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user name in some containers
  }
  return { id: null, label: `cli:${user}` };
}

function formatOf(file: string): CatalogFileFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : undefined;
}

/** A text progress bar on stderr, redrawn in place on a terminal (one final line otherwise). */
export function progressBar(err: CliOutput['err'], label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    const percent = Math.floor(share * 100);
    if (percent === last) return;
    last = percent;
    const width = 30;
    const filled = Math.round(share * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`;
    if (err.isTTY) err.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (done >= total) err.write(`${line}\n`);
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The errors (or warnings) of an import as a plain-text table. */
export function messageTable(
  messages: readonly (CatalogImportError | CatalogImportWarning)[],
  lang: 'vi' | 'en',
): string {
  const head = lang === 'vi' ? ['Dòng', 'Cột', 'Mã', 'Lý do'] : ['Row', 'Column', 'Code', 'Reason'];
  const rows = messages.map((m) => [
    String(m.row),
    m.column,
    m.code,
    lang === 'vi' ? m.reason_vi : m.reason_en,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(head[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 3 ? pad(c, Math.min(widths[i] ?? 0, 40)) : c)).join('  ');
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(Math.min(w, 40))).concat('-----')),
    ...rows.map(line),
  ].join('\n');
}

/** Options: `--en` prints reasons in English. */
function splitFlags(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      const next = args[i + 1];
      if (inline !== undefined) flags.set(key ?? '', inline);
      else if (next !== undefined && !next.startsWith('--') && (key === 'count' || key === 'seed')) {
        flags.set(key, next);
        i += 1;
      } else flags.set(key ?? '', true);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** The catalog commands, given the CLI's way of opening the configured database. */
export function catalogCommands(
  withDatabase: WithDatabase,
  io: CliOutput = { out: process.stdout, err: process.stderr },
): CatalogCliCommand[] {
  const { out, err } = io;
  return [
    {
      name: 'catalog import',
      summary: 'Import a catalog file (.xlsx or .csv); all or nothing, errors listed, exit 1 on errors',
      run: async (args) => {
        const { positional, flags } = splitFlags(args);
        const lang = flags.has('en') ? 'en' : 'vi';
        const file = positional[0];
        const format = file ? formatOf(file) : undefined;
        if (!file || positional.length !== 1 || !format) {
          err.write('Usage: npx motcua catalog import FILE.xlsx|FILE.csv [--en]\n');
          return 2;
        }
        const bytes = await readFile(resolve(file));
        return withDatabase(async (database) => {
          const catalog = new CatalogService(database);
          const started = Date.now();
          const before = (await catalog.counts()).versions;
          err.write(`${lang === 'vi' ? 'Đang đọc và kiểm tra' : 'Reading and checking'} ${file} …\n`);
          const bar = progressBar(err, lang === 'vi' ? 'Ghi' : 'Writing');
          const report = await catalog.importFile(cliActor(), bytes, format, new Date(), bar);
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          if (report.warnings.length > 0) {
            out.write(`${lang === 'vi' ? 'Cảnh báo' : 'Warnings'} (${report.warnings.length}):\n`);
            out.write(`${messageTable(report.warnings.slice(0, 50), lang)}\n`);
            if (report.warnings.length > 50) out.write(`… (+${report.warnings.length - 50})\n`);
          }
          if (report.errors.length > 0) {
            out.write(
              lang === 'vi'
                ? `Tệp có ${report.errors.length} lỗi; KHÔNG ghi dữ liệu nào (${before} phiên bản vẫn như cũ).\n`
                : `The file has ${report.errors.length} error(s); NOTHING was written (still ${before} versions).\n`,
            );
            out.write(`${messageTable(report.errors, lang)}\n`);
            return 1;
          }
          out.write(
            lang === 'vi'
              ? `Đã nhập ${report.imported} phiên bản, bỏ qua ${report.skipped} phiên bản đã có (${seconds} s).\n`
              : `Imported ${report.imported} versions, skipped ${report.skipped} already stored (${seconds} s).\n`,
          );
          return 0;
        });
      },
    },
    {
      name: 'catalog export',
      summary: 'Write every stored procedure version to FILE (.xlsx or .csv)',
      run: async (args) => {
        const { positional } = splitFlags(args);
        const file = positional[0];
        const format = file ? formatOf(file) : undefined;
        if (!file || positional.length !== 1 || !format) {
          err.write('Usage: npx motcua catalog export FILE.xlsx|FILE.csv\n');
          return 2;
        }
        return withDatabase(async (database) => {
          const catalog = new CatalogService(database);
          const { versions } = await catalog.counts();
          const bytes = await catalog.exportFile(format);
          await writeFile(resolve(file), bytes);
          out.write(`Exported ${versions} versions to ${resolve(file)} (${bytes.length} bytes)\n`);
          return 0;
        });
      },
    },
    {
      name: 'catalog generate',
      summary: 'Load a synthetic catalog (--count 1958 [--seed N]), marked generated, published',
      run: async (args) => {
        const { flags, positional } = splitFlags(args);
        const count = Number(flags.get('count') ?? 1958);
        const seed = Number(flags.get('seed') ?? 1);
        if (
          positional.length > 0 ||
          !Number.isSafeInteger(count) ||
          count < 1 ||
          count > 999_999 ||
          !Number.isSafeInteger(seed)
        ) {
          err.write('Usage: npx motcua catalog generate [--count 1958] [--seed N]\n');
          return 2;
        }
        return withDatabase(async (database) => {
          const catalog = new CatalogService(database);
          const { generated } = await catalog.counts();
          if (generated > 0) {
            err.write(
              `The catalog already holds ${generated} generated versions; nothing written. Use a fresh database to generate again.\n`,
            );
            return 1;
          }
          const started = Date.now();
          const versions = generateCatalog({ count, seed });
          await catalog.loadVersions(cliActor(), versions, new Date(), true, progressBar(err, 'Writing'));
          out.write(
            `Generated ${versions.length} published procedures (seed ${seed}, codes 9.NNNNNN.GEN) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
          );
          return 0;
        });
      },
    },
  ];
}
