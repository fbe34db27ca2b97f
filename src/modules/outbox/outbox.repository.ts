/**
 * The transactional outbox: rows written in the same transaction as the change, delivered after
 * commit by a dispatcher with retries and backoff (notifications, postal work).
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { preparedInsert } from '../../adapters/db/prepared.ts';
import { outbox } from '../../adapters/db/schema.ts';

export interface OutboxMessage {
  readonly topic: string;
  readonly payload: unknown;
}

const insertOutbox = preparedInsert('outbox_insert', (ex, rows) => ex.insert(outbox).values(rows as never));

export async function enqueueOutbox(
  tx: Executor,
  at: Date,
  messages: readonly OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  await insertOutbox.write(
    tx,
    messages.map((m) => ({ topic: m.topic, payload: m.payload, createdAt: at, availableAt: at })),
  );
}

/** Claims up to `limit` due messages (FOR UPDATE SKIP LOCKED), for a dispatcher running in a transaction. */
export async function claimDueOutbox(tx: Executor, now: Date, limit: number) {
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.deliveredAt), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markOutboxDelivered(tx: Executor, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({ deliveredAt: at, lastError: null })
    .where(inArray(outbox.id, [...ids]));
}

/** Records a failed attempt and schedules the next one with exponential backoff (capped at one hour). */
export async function markOutboxFailed(
  tx: Executor,
  id: number,
  attempts: number,
  at: Date,
  error: string,
): Promise<void> {
  const delayMs = Math.min(3_600_000, 1_000 * 2 ** Math.min(attempts, 12));
  await tx
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      lastError: error.slice(0, 500),
      availableAt: new Date(at.getTime() + delayMs),
    })
    .where(eq(outbox.id, id));
}
