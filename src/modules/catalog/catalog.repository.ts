/**
 * Storage of procedure versions. Rows carry the full version document plus the columns used to
 * filter and list; `toRow` keeps the two in step.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { procedureVersions } from './catalog.tables.ts';
import type { ProcedureVersion } from './domain/procedure.ts';

/** A stored row. */
export type ProcedureVersionRow = typeof procedureVersions.$inferSelect;

/** The columns of a version (the document plus the denormalised filter columns). */
export function toRow(
  v: ProcedureVersion,
  meta: { createdAt: Date; createdBy: string; generated?: boolean },
) {
  return {
    code: v.code,
    version: v.version,
    status: v.status,
    validFrom: v.validFrom,
    validTo: v.validTo,
    name: v.name,
    field: v.field,
    agencyCode: v.agency.code,
    levels: [...v.levels],
    onlineLevel: v.onlineLevel,
    postalSend: v.postal.sendDossier,
    postalReceive: v.postal.receiveResult,
    oneStop: v.oneStop,
    generated: meta.generated ?? false,
    document: v,
    createdAt: meta.createdAt,
    createdBy: meta.createdBy,
  };
}

/** Every version of one code, oldest first. */
export function historyOf(db: Executor, code: string) {
  return db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.code, code))
    .orderBy(asc(procedureVersions.version));
}

/** Locks every version row of a code for the rest of the transaction (publishing is per code). */
export async function lockHistory(tx: Executor, code: string) {
  return tx
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.code, code))
    .orderBy(asc(procedureVersions.version))
    .for('update');
}

/** One version by its storage id. */
export async function findById(db: Executor, id: number) {
  const [row] = await db.select().from(procedureVersions).where(eq(procedureVersions.id, id));
  return row;
}

/** A row ready to insert. */
export type NewProcedureVersionRow = ReturnType<typeof toRow>;

/**
 * Inserts many rows, 1,000 per statement. Each statement sends its rows as one JSON parameter read
 * by `jsonb_to_recordset`: about four times faster than a multi-row VALUES list with 17 bind
 * parameters per row (2,000 rows: 0.5 s instead of 2 s on PGlite), on both engines.
 */
export async function insertVersions(
  tx: Executor,
  rows: readonly NewProcedureVersionRow[],
  onChunk?: (done: number, total: number) => void,
): Promise<void> {
  const CHUNK = 1000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    await tx.execute(sql`
      insert into procedure_version (code, version, status, valid_from, valid_to, name, field, agency_code, levels,
        online_level, postal_send, postal_receive, one_stop, generated, document, created_at, created_by)
      select code, version, status, "validFrom"::date, "validTo"::date, name, field, "agencyCode", levels,
        "onlineLevel", "postalSend", "postalReceive", "oneStop", generated, document, "createdAt"::timestamptz,
        "createdBy"
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(code text, version int, status text,
        "validFrom" text, "validTo" text, name text, field text, "agencyCode" text, levels jsonb,
        "onlineLevel" text, "postalSend" boolean, "postalReceive" boolean, "oneStop" boolean,
        generated boolean, document jsonb, "createdAt" text, "createdBy" text)`);
    onChunk?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
}

/** Inserts one row and returns it. */
export async function insertVersion(tx: Executor, row: NewProcedureVersionRow) {
  const [inserted] = await tx.insert(procedureVersions).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

/** Rewrites a stored version (content and state); `publish` also stamps who published it and when. */
export async function updateVersion(
  tx: Executor,
  code: string,
  version: number,
  v: ProcedureVersion,
  publish?: { at: Date; by: string },
) {
  const base = toRow(v, { createdAt: new Date(0), createdBy: '' });
  const { createdAt: _c, createdBy: _b, generated: _g, ...changes } = base;
  await tx
    .update(procedureVersions)
    .set({ ...changes, ...(publish ? { publishedAt: publish.at, publishedBy: publish.by } : {}) })
    .where(and(eq(procedureVersions.code, code), eq(procedureVersions.version, version)));
}

/** Versions with a validity window (published or retired): the candidates for "in force". */
export function versionsWithWindow(db: Executor) {
  return db
    .select()
    .from(procedureVersions)
    .where(
      sql`${procedureVersions.status} in ('published', 'retired') and ${procedureVersions.validFrom} is not null`,
    )
    .orderBy(asc(procedureVersions.code), desc(procedureVersions.version));
}

/** Every stored version, by code then version. */
export function allVersions(db: Executor) {
  return db
    .select()
    .from(procedureVersions)
    .orderBy(asc(procedureVersions.code), asc(procedureVersions.version));
}

/** Number of stored versions (all codes, all states). */
export async function countVersions(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(procedureVersions);
  return row?.n ?? 0;
}

/** The highest version number of a code (0 when the code is new). */
export async function maxVersion(tx: Executor, code: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${procedureVersions.version}), 0)::int` })
    .from(procedureVersions)
    .where(eq(procedureVersions.code, code));
  return row?.n ?? 0;
}
