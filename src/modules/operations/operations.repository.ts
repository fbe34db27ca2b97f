/**
 * Queries of the operations module. Every function takes an Executor (Db or Tx). Reads of the
 * dossier tables (clerk figures, transparency) are aggregate-only: no personal data leaves them.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import {
  agencies,
  counterSessions,
  dossierEvents,
  dossierRatings,
  dossiers,
  inspectionActions,
  inspections,
  servicePoints,
  staffAssignments,
  staffMembers,
  trainingRecords,
} from '../../adapters/db/schema.ts';

export type StaffRow = typeof staffMembers.$inferSelect;
export type AssignmentRow = typeof staffAssignments.$inferSelect;
export type TrainingRow = typeof trainingRecords.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;
export type ActionRow = typeof inspectionActions.$inferSelect;

const assignmentValidAt = (at: string): SQL =>
  and(
    lte(staffAssignments.validFrom, at),
    or(isNull(staffAssignments.validTo), gte(staffAssignments.validTo, at)),
  ) as SQL;

// ---------------------------------------------------------------- staff

export async function insertStaff(db: Executor, row: typeof staffMembers.$inferInsert): Promise<StaffRow> {
  const [inserted] = await db.insert(staffMembers).values(row).returning();
  return inserted!;
}

export async function findStaff(db: Executor, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, id));
  return row;
}

export function listStaff(db: Executor) {
  return db.select().from(staffMembers).orderBy(asc(staffMembers.fullName), asc(staffMembers.id));
}

export async function insertAssignment(
  db: Executor,
  row: typeof staffAssignments.$inferInsert,
): Promise<AssignmentRow> {
  const [inserted] = await db.insert(staffAssignments).values(row).returning();
  return inserted!;
}

export function assignmentsOf(db: Executor, staffId: string) {
  return db
    .select()
    .from(staffAssignments)
    .where(eq(staffAssignments.staffId, staffId))
    .orderBy(asc(staffAssignments.validFrom));
}

/** Who is assigned where on `at`, with the person (optionally one service point). */
export function assignmentsAt(db: Executor, at: string, servicePointCode?: string) {
  const conditions: SQL[] = [assignmentValidAt(at)];
  if (servicePointCode) conditions.push(eq(staffAssignments.servicePointCode, servicePointCode));
  return db
    .select({
      assignmentId: staffAssignments.id,
      staffId: staffMembers.id,
      fullName: staffMembers.fullName,
      username: staffMembers.username,
      employer: staffMembers.employer,
      agencyCode: staffMembers.agencyCode,
      servicePointCode: staffAssignments.servicePointCode,
      counterNo: staffAssignments.counterNo,
      validFrom: staffAssignments.validFrom,
      validTo: staffAssignments.validTo,
    })
    .from(staffAssignments)
    .innerJoin(staffMembers, eq(staffMembers.id, staffAssignments.staffId))
    .where(and(...conditions))
    .orderBy(
      asc(staffAssignments.servicePointCode),
      asc(staffAssignments.counterNo),
      asc(staffMembers.fullName),
    );
}

/** Named staff assigned on `at`, counted per service point, employer and agency. */
export function assignedCountsAt(db: Executor, at: string) {
  return db
    .select({
      servicePointCode: staffAssignments.servicePointCode,
      employer: staffMembers.employer,
      agencyCode: staffMembers.agencyCode,
      n: sql<number>`count(*)::int`,
    })
    .from(staffAssignments)
    .innerJoin(staffMembers, eq(staffMembers.id, staffAssignments.staffId))
    .where(assignmentValidAt(at))
    .groupBy(staffAssignments.servicePointCode, staffMembers.employer, staffMembers.agencyCode);
}

// ---------------------------------------------------------------- training

export async function insertTraining(
  db: Executor,
  row: typeof trainingRecords.$inferInsert,
): Promise<TrainingRow> {
  const [inserted] = await db.insert(trainingRecords).values(row).returning();
  return inserted!;
}

export function listTraining(
  db: Executor,
  filter: { staffId?: string | undefined; field?: string | undefined },
) {
  const conditions: SQL[] = [];
  if (filter.staffId) conditions.push(eq(trainingRecords.staffId, filter.staffId));
  if (filter.field) conditions.push(sql`${filter.field} = any(${trainingRecords.fields})`);
  return db
    .select({
      id: trainingRecords.id,
      staffId: trainingRecords.staffId,
      fullName: staffMembers.fullName,
      username: staffMembers.username,
      course: trainingRecords.course,
      organiser: trainingRecords.organiser,
      hours: trainingRecords.hours,
      completedOn: trainingRecords.completedOn,
      certificateNo: trainingRecords.certificateNo,
      fields: trainingRecords.fields,
    })
    .from(trainingRecords)
    .innerJoin(staffMembers, eq(staffMembers.id, trainingRecords.staffId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(trainingRecords.completedOn), asc(staffMembers.fullName), asc(trainingRecords.id));
}

/** Dossiers received per clerk (username) and procedure field in [start, end). */
export function receivedByClerkAndField(db: Executor, start: Date, end: Date) {
  return db
    .select({
      username: dossierEvents.actorLabel,
      field: dossiers.field,
      dossiers: sql<number>`count(*)::int`,
    })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .where(
      and(
        eq(dossierEvents.type, 'dossier.received'),
        gte(dossierEvents.at, start),
        lt(dossierEvents.at, end),
      ),
    )
    .groupBy(dossierEvents.actorLabel, dossiers.field);
}

// ---------------------------------------------------------------- inspections

export async function insertInspection(
  db: Executor,
  row: typeof inspections.$inferInsert,
): Promise<InspectionRow> {
  const [inserted] = await db.insert(inspections).values(row).returning();
  return inserted!;
}

export async function findInspection(db: Executor, id: string): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
  return row;
}

export function listInspections(db: Executor, servicePointCode?: string) {
  return db
    .select()
    .from(inspections)
    .where(servicePointCode ? eq(inspections.servicePointCode, servicePointCode) : undefined)
    .orderBy(desc(inspections.inspectedOn), asc(inspections.id));
}

export function actionsOf(db: Executor, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return Promise.resolve([] as ActionRow[]);
  return db
    .select()
    .from(inspectionActions)
    .where(inArray(inspectionActions.inspectionId, [...inspectionIds]))
    .orderBy(asc(inspectionActions.dueOn), asc(inspectionActions.createdAt), asc(inspectionActions.id));
}

export async function findAction(db: Executor, id: string): Promise<ActionRow | undefined> {
  const [row] = await db.select().from(inspectionActions).where(eq(inspectionActions.id, id));
  return row;
}

export async function insertAction(
  db: Executor,
  row: typeof inspectionActions.$inferInsert,
): Promise<ActionRow> {
  const [inserted] = await db.insert(inspectionActions).values(row).returning();
  return inserted!;
}

export async function closeAction(
  db: Executor,
  id: string,
  version: number,
  values: { status: string; closedOn: string; closureNote: string },
): Promise<ActionRow | undefined> {
  const [row] = await db
    .update(inspectionActions)
    .set({ ...values, version: version + 1 })
    .where(and(eq(inspectionActions.id, id), eq(inspectionActions.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- counter sessions and clerk figures

export async function insertCounterSession(db: Executor, row: typeof counterSessions.$inferInsert) {
  const [inserted] = await db.insert(counterSessions).values(row).returning();
  return inserted!;
}

export async function hasCounterSession(db: Executor, clerkId: string, startedAt: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: counterSessions.id })
    .from(counterSessions)
    .where(and(eq(counterSessions.clerkId, clerkId), eq(counterSessions.startedAt, startedAt)))
    .limit(1);
  return row !== undefined;
}

/** Counter sessions that started in [start, end), with their length in seconds. */
export function counterSessionSeconds(db: Executor, start: Date, end: Date) {
  return db
    .select({
      clerkId: counterSessions.clerkId,
      username: counterSessions.clerkUsername,
      seconds: sql<number>`extract(epoch from (${counterSessions.endedAt} - ${counterSessions.startedAt}))::int`,
    })
    .from(counterSessions)
    .where(and(gte(counterSessions.startedAt, start), lt(counterSessions.startedAt, end)));
}

/** Dossiers received and returned per acting clerk in [start, end), from the dossier events. */
export function clerkEventCounts(db: Executor, start: Date, end: Date) {
  return db
    .select({
      actorId: dossierEvents.actorId,
      username: dossierEvents.actorLabel,
      name: sql<string>`max(${dossierEvents.actorName})`,
      type: dossierEvents.type,
      n: sql<number>`count(*)::int`,
    })
    .from(dossierEvents)
    .where(
      and(
        inArray(dossierEvents.type, ['dossier.received', 'dossier.returned']),
        gte(dossierEvents.at, start),
        lt(dossierEvents.at, end),
      ),
    )
    .groupBy(dossierEvents.actorId, dossierEvents.actorLabel, dossierEvents.type);
}

// ---------------------------------------------------------------- transparency

/**
 * Dossiers whose processing ended in [start, end), per service point or per agency, and how many of
 * them ended on or before their due (and had at most one supplement request — DOMAIN.md §1.5).
 */
export function resolvedBy(db: Executor, by: 'servicePoint' | 'agency', start: Date, end: Date) {
  const key = by === 'servicePoint' ? dossiers.servicePointCode : dossiers.agencyCode;
  return db
    .select({
      code: key,
      resolved: sql<number>`count(*)::int`,
      onTime: sql<number>`(count(*) filter (where ${dossiers.dueAt} is not null and ${dossiers.processingEndedAt} <= ${dossiers.dueAt} and ${dossiers.supplementCount} <= 1))::int`,
    })
    .from(dossiers)
    .where(and(gte(dossiers.processingEndedAt, start), lt(dossiers.processingEndedAt, end)))
    .groupBy(key)
    .orderBy(asc(key));
}

export function servicePointNames(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select({ code: servicePoints.code, name: servicePoints.name, level: servicePoints.level })
    .from(servicePoints)
    .where(inArray(servicePoints.code, [...codes]));
}

export function agencyNames(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select({ code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.code, [...codes]));
}

/**
 * Citizen ratings given in [start, end) (portal module's dossier_rating), per service point or per the
 * rated dossier's agency: how many, and how many "very satisfied" or "satisfied".
 */
export function ratingsBy(db: Executor, by: 'servicePoint' | 'agency', start: Date, end: Date) {
  const inPeriod = and(gte(dossierRatings.ratedAt, start), lt(dossierRatings.ratedAt, end));
  const counts = {
    rated: sql<number>`count(*)::int`,
    satisfied: sql<number>`(count(*) filter (where ${dossierRatings.rating} in ('very_satisfied', 'satisfied')))::int`,
  };
  if (by === 'servicePoint')
    return db
      .select({ code: dossierRatings.servicePointCode, ...counts })
      .from(dossierRatings)
      .where(inPeriod)
      .groupBy(dossierRatings.servicePointCode);
  return db
    .select({ code: dossiers.agencyCode, ...counts })
    .from(dossierRatings)
    .innerJoin(dossiers, eq(dossiers.id, dossierRatings.dossierId))
    .where(inPeriod)
    .groupBy(dossiers.agencyCode);
}
