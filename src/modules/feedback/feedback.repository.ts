/**
 * Feedback queries. Every function takes an Executor (the Db, or the Tx of the caller's transaction).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import {
  dossiers,
  feedbackDayCounters,
  feedbackDeadlineRules,
  feedbackItems,
  feedbackRatings,
} from '../../adapters/db/schema.ts';

export type FeedbackRow = typeof feedbackItems.$inferSelect;
export type NewFeedbackRow = typeof feedbackItems.$inferInsert;

/** The next number of the day (1, 2, …), atomically. */
export async function nextDayNumber(tx: Executor, day: string): Promise<number> {
  const [row] = await tx
    .insert(feedbackDayCounters)
    .values({ day, lastNo: 1 })
    .onConflictDoUpdate({
      target: feedbackDayCounters.day,
      set: { lastNo: sql`${feedbackDayCounters.lastNo} + 1` },
    })
    .returning({ lastNo: feedbackDayCounters.lastNo });
  if (!row) throw new Error('feedback_day_counter: no row returned');
  return row.lastNo;
}

export async function insertFeedback(tx: Executor, row: NewFeedbackRow): Promise<FeedbackRow> {
  const [created] = await tx.insert(feedbackItems).values(row).returning();
  if (!created) throw new Error('feedback_item: no row returned');
  return created;
}

export async function findFeedback(db: Executor, reference: string): Promise<FeedbackRow | undefined> {
  const [row] = await db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
  return row;
}

/** Updates when the stored version is `version`; returns false when someone else changed it first. */
export async function updateFeedback(
  tx: Executor,
  id: string,
  version: number,
  changes: Partial<NewFeedbackRow>,
): Promise<boolean> {
  const rows = await tx
    .update(feedbackItems)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(feedbackItems.id, id), eq(feedbackItems.version, version)))
    .returning({ id: feedbackItems.id });
  return rows.length === 1;
}

export interface FeedbackFilter {
  readonly statuses?: readonly string[] | undefined;
  readonly servicePointCodes?: readonly string[] | undefined;
  readonly agencyCode?: string | undefined;
  readonly limit: number;
}

/** Staff queue, oldest receipt first (the most urgent on top). */
export function listFeedback(db: Executor, f: FeedbackFilter) {
  const where: SQL[] = [];
  if (f.statuses && f.statuses.length > 0) where.push(inArray(feedbackItems.status, [...f.statuses]));
  if (f.servicePointCodes) where.push(inArray(feedbackItems.servicePointCode, [...f.servicePointCodes]));
  if (f.agencyCode) where.push(eq(feedbackItems.assignedAgencyCode, f.agencyCode));
  return db
    .select()
    .from(feedbackItems)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(feedbackItems.receivedAt), asc(feedbackItems.reference))
    .limit(f.limit);
}

/** Published answers of a service point, newest first: public columns only (no contact, no staff names). */
export async function listPublished(db: Executor, servicePointCode: string, offset: number, limit: number) {
  const where = and(
    eq(feedbackItems.status, 'published'),
    eq(feedbackItems.servicePointCode, servicePointCode),
  );
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedbackItems)
    .where(where);
  const items = await db
    .select({
      id: feedbackItems.id,
      reference: feedbackItems.reference,
      kind: feedbackItems.kind,
      subject: feedbackItems.subject,
      content: feedbackItems.content,
      servicePointCode: feedbackItems.servicePointCode,
      receivedAt: feedbackItems.receivedAt,
      answer: feedbackItems.answer,
      answeredAt: feedbackItems.answeredAt,
      publishedAt: feedbackItems.publishedAt,
    })
    .from(feedbackItems)
    .where(where)
    .orderBy(desc(feedbackItems.publishedAt), desc(feedbackItems.reference))
    .limit(limit)
    .offset(offset);
  return { total: total?.n ?? 0, items };
}

/** Rating counts per item. */
export async function ratingCounts(db: Executor, feedbackIds: readonly string[]) {
  if (feedbackIds.length === 0) return [];
  return db
    .select({
      feedbackId: feedbackRatings.feedbackId,
      rating: feedbackRatings.rating,
      n: sql<number>`count(*)::int`,
    })
    .from(feedbackRatings)
    .where(inArray(feedbackRatings.feedbackId, [...feedbackIds]))
    .groupBy(feedbackRatings.feedbackId, feedbackRatings.rating);
}

/** One rating per rater: a second rating replaces the first. Returns true when it replaced one. */
export async function upsertRating(
  tx: Executor,
  feedbackId: string,
  raterHash: string,
  rating: string,
  at: Date,
): Promise<boolean> {
  const [before] = await tx
    .select({ id: feedbackRatings.id })
    .from(feedbackRatings)
    .where(and(eq(feedbackRatings.feedbackId, feedbackId), eq(feedbackRatings.raterHash, raterHash)));
  await tx
    .insert(feedbackRatings)
    .values({ feedbackId, raterHash, rating, ratedAt: at })
    .onConflictDoUpdate({
      target: [feedbackRatings.feedbackId, feedbackRatings.raterHash],
      set: { rating, ratedAt: at },
    });
  return before !== undefined;
}

export function deadlineRuleRows(db: Executor) {
  return db
    .select({
      step: feedbackDeadlineRules.step,
      value: feedbackDeadlineRules.value,
      unit: feedbackDeadlineRules.unit,
      validFrom: feedbackDeadlineRules.validFrom,
      source: feedbackDeadlineRules.source,
      verified: feedbackDeadlineRules.verified,
    })
    .from(feedbackDeadlineRules)
    .orderBy(asc(feedbackDeadlineRules.step), asc(feedbackDeadlineRules.validFrom));
}

/** The dossier a feedback links to: its service point and competent agency only. */
export async function findDossierLink(db: Executor, code: string) {
  const [row] = await db
    .select({
      code: dossiers.code,
      servicePointCode: dossiers.servicePointCode,
      agencyCode: dossiers.agencyCode,
    })
    .from(dossiers)
    .where(eq(dossiers.code, code));
  return row;
}
