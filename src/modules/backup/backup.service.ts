/**
 * Portable logical backups of a MotCua database, the same on both engines (PGlite ⇄ PostgreSQL
 * server). Format (docs/operations.md):
 *
 *   line 1      header: format, migration level, tables (columns, row counts), sequences, and the
 *               SHA-256 and size of everything after this line
 *   then, per table in foreign-key-safe order:
 *               {"table": name, "rows": N}   followed by N lines, one JSON object per row
 *
 * A row object holds the non-NULL columns only (an absent key is SQL NULL; a JSON `null` is a jsonb
 * null). Types survive the trip: bytea as base64, bigint and numeric as strings, timestamptz as
 * UTC ISO 8601 with microseconds, dates as YYYY-MM-DD, jsonb as JSON, arrays as JSON arrays.
 *
 * Backup reads one consistent snapshot (REPEATABLE READ, read only). Restore goes into an EMPTY
 * database at the same migration level, in ONE transaction, as plain INSERTs: no trigger is
 * disabled (the audit trail's append-only trigger only refuses UPDATE and DELETE), the audit
 * chain and its head row are copied as they are, and every sequence is set to its saved state.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Executor } from '../../adapters/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  BACKUP_SCHEMA,
  countRows,
  dumpExpression,
  ident,
  literal,
  readMigrationLevel,
  readSequences,
  readTables,
  restoreExpression,
  SEEDED_BY_MIGRATIONS,
  type ColumnInfo,
  type MigrationLevel,
  type SequenceState,
} from './backup.schema.ts';

export const BACKUP_FORMAT = 'motcua-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTableEntry {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ColumnInfo[];
}

/** The first line of a backup file. */
export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly createdAt: string;
  readonly engine: Database['engine'];
  readonly schema: string;
  readonly migrations: MigrationLevel;
  readonly tables: readonly BackupTableEntry[];
  readonly sequences: readonly SequenceState[];
  /** SHA-256 (hex) of every byte after the header line. */
  readonly contentSha256: string;
  readonly contentBytes: number;
}

export interface BackupSummary {
  readonly file: string;
  readonly header: BackupHeader;
}

/** Rows fetched per round trip when reading a table. */
const FETCH_ROWS = 2_000;
/** A restore batch ends at this many rows or this many bytes of JSON, whichever comes first. */
const BATCH_ROWS = 1_000;
const BATCH_BYTES = 4 * 1024 * 1024;

/** Session settings that make text forms of dates and numbers exact and independent of the server's defaults. */
async function portableSession(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`SET LOCAL datestyle = 'ISO, YMD'`));
  await tx.execute(sql.raw(`SET LOCAL intervalstyle = 'iso_8601'`));
  await tx.execute(sql.raw(`SET LOCAL timezone = 'UTC'`));
  await tx.execute(sql.raw(`SET LOCAL extra_float_digits = 3`));
}

/**
 * Writes a backup of `database` to `file` (replaced atomically: the file appears only when complete).
 * On PGlite the data folder is locked by a running MotCua: stop it first (the CLI opens the folder).
 */
export async function writeBackup(
  database: Database,
  file: string,
  options: { now: Date },
): Promise<BackupSummary> {
  const bodyPath = `${file}.body-${process.pid}`;
  const partialPath = `${file}.partial-${process.pid}`;
  const body = createWriteStream(bodyPath);
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (line: string): Promise<void> => {
    const buf = Buffer.from(`${line}\n`, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    if (!body.write(buf)) await once(body, 'drain');
  };
  try {
    const snapshot = await database.db.transaction(
      async (tx) => {
        await portableSession(tx);
        const migrations = await readMigrationLevel(tx);
        const tables = await readTables(tx);
        const counts = await countRows(
          tx,
          tables.map((t) => t.name),
        );
        const entries: BackupTableEntry[] = [];
        for (const table of tables) {
          const rows = counts[table.name] ?? 0;
          entries.push({ name: table.name, rows, columns: table.columns });
          await write(JSON.stringify({ table: table.name, rows }));
          if (rows === 0) continue;
          const values = table.columns.map((c) => `(${literal(c.name)}, ${dumpExpression(c)})`).join(', ');
          const order = table.primaryKey.length > 0 ? table.primaryKey.map(ident).join(', ') : '1';
          await tx.execute(
            sql.raw(`DECLARE motcua_backup NO SCROLL CURSOR FOR
              SELECT (SELECT jsonb_object_agg(x.k, x.v) FROM (VALUES ${values}) AS x(k, v) WHERE x.v IS NOT NULL)::text AS line
              FROM ${ident(BACKUP_SCHEMA)}.${ident(table.name)} AS t ORDER BY ${order}`),
          );
          let written = 0;
          for (;;) {
            const batch = rowsOf<{ line: string | null }>(
              await tx.execute(sql.raw(`FETCH FORWARD ${FETCH_ROWS} FROM motcua_backup`)),
            );
            for (const row of batch) await write(row.line ?? '{}');
            written += batch.length;
            if (batch.length < FETCH_ROWS) break;
          }
          await tx.execute(sql.raw('CLOSE motcua_backup'));
          if (written !== rows)
            throw new Error(`table ${table.name}: counted ${rows} rows but read ${written}`);
        }
        // Sequences last: they are not transactional, so reading them after the rows guarantees they
        // are at least as far as every id written above.
        const sequences = await readSequences(tx);
        return { migrations, entries, sequences };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    body.end();
    await once(body, 'finish');

    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      engine: database.engine,
      schema: BACKUP_SCHEMA,
      migrations: snapshot.migrations,
      tables: snapshot.entries,
      sequences: snapshot.sequences,
      contentSha256: hash.digest('hex'),
      contentBytes: bytes,
    };
    const out = createWriteStream(partialPath);
    out.write(`${JSON.stringify(header)}\n`);
    await pipeline(createReadStream(bodyPath), out);
    renameSync(partialPath, file);
    return { file, header };
  } finally {
    if (!body.closed) body.destroy();
    rmSync(bodyPath, { force: true });
    rmSync(partialPath, { force: true });
  }
}

function invalid(detail: string): AppError {
  return new AppError('BACKUP_INVALID', { detail });
}

function parseHeader(line: string): BackupHeader {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw invalid('The first line is not JSON: this is not a MotCua backup.');
  }
  const h = header as Partial<BackupHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT)
    throw invalid('The first line is not a MotCua backup header.');
  if (h.formatVersion !== BACKUP_FORMAT_VERSION)
    throw invalid(
      `Backup format version ${String(h.formatVersion)} is not supported (this MotCua reads ${BACKUP_FORMAT_VERSION}).`,
    );
  if (
    typeof h.contentSha256 !== 'string' ||
    typeof h.contentBytes !== 'number' ||
    !Array.isArray(h.tables) ||
    !Array.isArray(h.sequences) ||
    !h.migrations
  )
    throw invalid('The backup header is incomplete.');
  return h as BackupHeader;
}

/** Reads and checks the header, then the SHA-256 and size of the content. Throws BACKUP_INVALID. */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw invalid(`Cannot read ${file}.`);
  }
  if (size === 0) throw invalid('The file is empty.');
  const hash = createHash('sha256');
  let headerBytes: Buffer[] = [];
  let headerLine: string | undefined;
  let contentBytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (headerLine !== undefined) {
      hash.update(chunk);
      contentBytes += chunk.length;
      continue;
    }
    const nl = chunk.indexOf(0x0a);
    if (nl < 0) {
      headerBytes.push(chunk);
      if (headerBytes.reduce((n, b) => n + b.length, 0) > 64 * 1024 * 1024) throw invalid('No header line.');
      continue;
    }
    headerBytes.push(chunk.subarray(0, nl));
    headerLine = Buffer.concat(headerBytes).toString('utf8');
    headerBytes = [];
    const rest = chunk.subarray(nl + 1);
    hash.update(rest);
    contentBytes += rest.length;
  }
  if (headerLine === undefined) throw invalid('No header line.');
  const header = parseHeader(headerLine);
  if (contentBytes !== header.contentBytes || hash.digest('hex') !== header.contentSha256)
    throw invalid('The content does not match the SHA-256 in the header: the file is damaged or was edited.');
  return header;
}

export interface RestoreSummary {
  readonly header: BackupHeader;
  readonly rows: number;
}

function sameColumns(a: readonly ColumnInfo[], b: readonly ColumnInfo[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]?.name && c.type === b[i]?.type);
}

/** Checks that `db` is at the backup's migration level and has the same tables and columns. */
async function checkCompatible(db: Executor, header: BackupHeader) {
  const level = await readMigrationLevel(db);
  if (level.count !== header.migrations.count || level.lastHash !== header.migrations.lastHash)
    throw new AppError('BACKUP_INCOMPATIBLE', {
      details: { backupMigrations: header.migrations.count, databaseMigrations: level.count },
    });
  const tables = await readTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const differ = [
    ...header.tables.filter(
      (t) => !byName.has(t.name) || !sameColumns(byName.get(t.name)?.columns ?? [], t.columns),
    ),
    ...tables.filter((t) => !header.tables.some((h) => h.name === t.name)),
  ].map((t) => t.name);
  if (differ.length > 0) throw new AppError('BACKUP_INCOMPATIBLE', { details: { tables: differ } });
  return byName;
}

/**
 * Restores `file` into `database`, which must be migrated to the backup's level and empty (only the
 * rows migrations insert). All or nothing: one transaction. Throws BACKUP_INVALID,
 * BACKUP_INCOMPATIBLE or BACKUP_TARGET_NOT_EMPTY before writing anything.
 */
export async function restoreBackup(database: Database, file: string): Promise<RestoreSummary> {
  const header = await verifyBackup(file);
  return database.transaction(async (tx) => {
    await portableSession(tx);
    const tables = await checkCompatible(tx, header);
    const counts = await countRows(tx, [...tables.keys()]);
    const notEmpty = Object.entries(counts)
      .filter(([name, n]) => n > 0 && !SEEDED_BY_MIGRATIONS.includes(name))
      .map(([name]) => name);
    if (notEmpty.length > 0) throw new AppError('BACKUP_TARGET_NOT_EMPTY', { details: { tables: notEmpty } });
    // Rows that migrations inserted are replaced by the saved ones (e.g. the audit chain's head).
    for (const name of SEEDED_BY_MIGRATIONS) {
      if (tables.has(name)) await tx.execute(sql.raw(`DELETE FROM ${ident(BACKUP_SCHEMA)}.${ident(name)}`));
    }

    let total = 0;
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    let first = true;
    let current:
      { name: string; expected: number; seen: number; insert: (json: string) => Promise<void> } | undefined;
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!current || batch.length === 0) return;
      await current.insert(`[${batch.join(',')}]`);
      batch = [];
      batchBytes = 0;
    };
    for await (const line of lines) {
      if (first) {
        first = false; // the header, already checked
        continue;
      }
      if (current && current.seen < current.expected) {
        batch.push(line);
        batchBytes += line.length;
        current.seen += 1;
        total += 1;
        if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
        continue;
      }
      await flush();
      if (line === '') continue;
      const section = JSON.parse(line) as { table?: unknown; rows?: unknown };
      const info = typeof section.table === 'string' ? tables.get(section.table) : undefined;
      if (!info || typeof section.rows !== 'number')
        throw invalid(`Unexpected line in the backup: ${line.slice(0, 80)}`);
      const target = `${ident(BACKUP_SCHEMA)}.${ident(info.name)}`;
      const columns = info.columns.map((c) => ident(c.name)).join(', ');
      const exprs = info.columns.map(restoreExpression).join(', ');
      current = {
        name: info.name,
        expected: section.rows,
        seen: 0,
        insert: async (json) => {
          await tx.execute(
            sql`${sql.raw(`INSERT INTO ${target} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${exprs} FROM jsonb_array_elements(`)}${json}${sql.raw('::jsonb) AS r(v)')}`,
          );
        },
      };
    }
    await flush();
    if (current && current.seen < current.expected) throw invalid(`Table ${current.name} is cut short.`);

    for (const s of header.sequences) {
      await tx.execute(
        sql`SELECT setval(${`${ident(BACKUP_SCHEMA)}.${ident(s.name)}`}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`,
      );
    }
    const after = await countRows(tx, [...tables.keys()]);
    for (const t of header.tables) {
      if ((after[t.name] ?? 0) !== t.rows)
        throw invalid(`Table ${t.name}: ${after[t.name] ?? 0} rows restored, ${t.rows} in the backup.`);
    }
    return { header, rows: total };
  });
}

/** Row counts of the database, for reports (`motcua backup` prints them). */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  return countRows(database.db);
}

export { SEEDED_BY_MIGRATIONS };
