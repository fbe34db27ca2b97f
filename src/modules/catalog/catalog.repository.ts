/**
 * Storage of procedure versions. Rows carry the full version document plus the columns used to
 * filter and list; `toRow` keeps the two in step.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { procedureVersions } from './catalog.tables.ts';
import type { ProcedureVersion } from './domain/procedure.ts';

export type ProcedureVersionRow = typeof procedureVersions.$inferSelect;

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

export async function findById(db: Executor, id: number) {
  const [row] = await db.select().from(procedureVersions).where(eq(procedureVersions.id, id));
  return row;
}

export async function insertVersion(tx: Executor, row: ReturnType<typeof toRow>) {
  const [inserted] = await tx.insert(procedureVersions).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

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

export function allVersions(db: Executor) {
  return db
    .select()
    .from(procedureVersions)
    .orderBy(asc(procedureVersions.code), asc(procedureVersions.version));
}

export async function countVersions(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(procedureVersions);
  return row?.n ?? 0;
}

export async function maxVersion(tx: Executor, code: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${procedureVersions.version}), 0)::int` })
    .from(procedureVersions)
    .where(eq(procedureVersions.code, code));
  return row?.n ?? 0;
}
