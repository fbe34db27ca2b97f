/**
 * Queries of the notifications module; every function takes an Executor (Db or Tx).
 * Claims use FOR UPDATE SKIP LOCKED so several processes on one PostgreSQL server never take the
 * same row; on PGlite transactions are serialised anyway.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { outbox } from '../../adapters/db/schema.ts';
import { notificationMessages } from './notifications.tables.ts';
import type { NotificationChannel, NotificationStatus } from './domain.ts';

/** A stored notification message. */
export type NotificationRow = typeof notificationMessages.$inferSelect;
/** A message to insert. */
export type NewNotificationRow = typeof notificationMessages.$inferInsert;

/**
 * Inserts messages; a message already made from the same outbox event for the same channel,
 * recipient and template is skipped (making messages from an event is idempotent).
 */
export async function insertMessages(tx: Executor, rows: readonly NewNotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(notificationMessages)
    .values([...rows])
    .onConflictDoNothing({
      target: [
        notificationMessages.outboxId,
        notificationMessages.channel,
        notificationMessages.recipient,
        notificationMessages.template,
      ],
    })
    .returning({ id: notificationMessages.id });
  return inserted.length;
}

/** Claims up to `limit` queued messages due at `now` on the given channels (FOR UPDATE SKIP LOCKED). */
export async function claimDueMessages(
  tx: Executor,
  now: Date,
  channels: readonly NotificationChannel[],
  limit: number,
): Promise<NotificationRow[]> {
  if (channels.length === 0) return [];
  return tx
    .select()
    .from(notificationMessages)
    .where(
      and(
        eq(notificationMessages.status, 'queued'),
        lte(notificationMessages.nextAttemptAt, now),
        inArray(notificationMessages.channel, [...channels]),
      ),
    )
    .orderBy(asc(notificationMessages.nextAttemptAt), asc(notificationMessages.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * Records that attempt `attempts + 1` starts now, before anything is sent: the attempt counts even if
 * the process dies mid-send, and `leaseUntil` keeps other dispatchers off the message meanwhile.
 */
export async function startAttempt(tx: Executor, id: number, now: Date, leaseUntil: Date): Promise<void> {
  await tx
    .update(notificationMessages)
    .set({
      attempts: sql`${notificationMessages.attempts} + 1`,
      lastAttemptAt: now,
      nextAttemptAt: leaseUntil,
      updatedAt: now,
    })
    .where(eq(notificationMessages.id, id));
}

/** The provider accepted attempt `attempt`; a later attempt (or a staff requeue) is not overwritten. */
export async function markSent(
  tx: Executor,
  id: number,
  attempt: number,
  now: Date,
  providerMessageId: string | null,
): Promise<void> {
  await tx
    .update(notificationMessages)
    .set({ status: 'sent', sentAt: now, providerMessageId, lastError: null, updatedAt: now })
    .where(and(eq(notificationMessages.id, id), eq(notificationMessages.attempts, attempt)));
}

/** Attempt `attempt` failed: stays `queued` until `nextAttemptAt`, or ends `failed` / `gave_up`. */
export async function markAttemptFailed(
  tx: Executor,
  id: number,
  attempt: number,
  now: Date,
  outcome: { status: 'queued' | 'failed' | 'gave_up'; nextAttemptAt: Date; error: string },
): Promise<void> {
  await tx
    .update(notificationMessages)
    .set({
      status: outcome.status,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: outcome.error,
      updatedAt: now,
    })
    .where(
      and(
        eq(notificationMessages.id, id),
        eq(notificationMessages.attempts, attempt),
        eq(notificationMessages.status, 'queued'),
      ),
    );
}

/** Ends a queued message whose attempts are used up (its last attempt was interrupted). */
export async function giveUp(tx: Executor, id: number, now: Date, error: string): Promise<void> {
  await tx
    .update(notificationMessages)
    .set({ status: 'gave_up', lastError: error, updatedAt: now })
    .where(and(eq(notificationMessages.id, id), eq(notificationMessages.status, 'queued')));
}

/** Filter of the staff list. `servicePoints` undefined: every message; otherwise only theirs. */
export interface MessageFilter {
  readonly status?: NotificationStatus | undefined;
  readonly servicePoints?: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

function scopeCondition(servicePoints: readonly string[] | undefined): SQL | undefined {
  if (servicePoints === undefined) return undefined;
  if (servicePoints.length === 0) return sql`false`;
  return inArray(notificationMessages.servicePointCode, [...servicePoints]);
}

/** One page of messages, newest first, and the total matching the filter. */
export async function listMessages(
  db: Executor,
  filter: MessageFilter,
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = and(
    filter.status ? eq(notificationMessages.status, filter.status) : undefined,
    scopeCondition(filter.servicePoints),
  );
  const rows = await db
    .select()
    .from(notificationMessages)
    .where(where)
    .orderBy(desc(notificationMessages.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await db
    .select({ n: count().mapWith(Number) })
    .from(notificationMessages)
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Messages per status (within scope). */
export async function countByStatus(
  db: Executor,
  servicePoints: readonly string[] | undefined,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: notificationMessages.status, n: count().mapWith(Number) })
    .from(notificationMessages)
    .where(scopeCondition(servicePoints))
    .groupBy(notificationMessages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Queued messages per channel (to show which channel is waiting for a transport). */
export async function countQueuedByChannel(
  db: Executor,
  servicePoints: readonly string[] | undefined,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ channel: notificationMessages.channel, n: count().mapWith(Number) })
    .from(notificationMessages)
    .where(and(eq(notificationMessages.status, 'queued'), scopeCondition(servicePoints)))
    .groupBy(notificationMessages.channel);
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
}

/** The service points that have messages (for scope filtering). */
export async function distinctServicePoints(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: notificationMessages.servicePointCode })
    .from(notificationMessages)
    .where(isNotNull(notificationMessages.servicePointCode));
  return rows.map((r) => r.code).filter((c): c is string => c !== null);
}

/** A message by id. */
export async function findMessage(db: Executor, id: number): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notificationMessages).where(eq(notificationMessages.id, id));
  return row;
}

/** A message by id, locked for a change. */
export async function findMessageForUpdate(tx: Executor, id: number): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .select()
    .from(notificationMessages)
    .where(eq(notificationMessages.id, id))
    .for('update');
  return row;
}

/** Puts a `failed` / `gave_up` message back in the queue with a fresh set of attempts (last_error kept). */
export async function requeue(tx: Executor, id: number, now: Date): Promise<void> {
  await tx
    .update(notificationMessages)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now })
    .where(eq(notificationMessages.id, id));
}

/**
 * Outbox events that could not be turned into messages yet (attempted, not delivered): their payload
 * was unusable or the database failed. Shown to staff; the topic and error only, never the payload.
 */
export async function listStuckOutbox(db: Executor, limit: number) {
  return db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      createdAt: outbox.createdAt,
      attempts: outbox.attempts,
      availableAt: outbox.availableAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(and(isNull(outbox.deliveredAt), gt(outbox.attempts, 0), isNotNull(outbox.lastError)))
    .orderBy(asc(outbox.id))
    .limit(limit);
}
