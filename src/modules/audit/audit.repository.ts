/**
 * Writes audit events inside the caller's transaction and verifies the chain.
 * The seal trigger (migration 0013) locks the single `audit_head` row at commit, so the chain stays linear under concurrent transactions.
 */
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../adapters/db/database.ts';
import { preparedInsert } from '../../adapters/db/prepared.ts';
import { auditEvents, auditHead, auditPending } from '../../adapters/db/schema.ts';
import { auditBodyPrefix, GENESIS_HASH, verifyChainSegment, type ChainProblem } from './audit-chain.ts';

export interface AuditActor {
  readonly id: string | null;
  readonly label: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, label: 'system' };

export interface AuditEntry {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly change: unknown;
}

const insertPending = preparedInsert('audit_pending_insert', (ex, rows) =>
  ex.insert(auditPending).values(rows as never),
);

/**
 * Appends events to the chain; call inside the transaction that makes the change. The events wait in
 * `audit_pending` and are sealed into `audit_event` (seq, previous hash, hash) when the transaction
 * commits (migration 0013), so they are not visible in `audit_event` before then.
 */
export async function appendAudit(
  tx: Executor,
  actor: AuditActor,
  at: Date,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => {
    const content = {
      at,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      // Store exactly what was hashed: a JSON round trip drops undefined and turns Dates into strings.
      change: JSON.parse(JSON.stringify(entry.change ?? null)) as unknown,
    };
    return { ...content, bodyPrefix: auditBodyPrefix(content) };
  });
  await insertPending.write(tx, rows);
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly events: number;
  readonly problems: readonly ChainProblem[];
}

/** Walks the whole chain in pages and checks it against the head row. */
export async function verifyAuditChain(db: Db, pageSize = 5_000): Promise<VerifyResult> {
  let state = { seq: 0, hash: GENESIS_HASH };
  const problems: ChainProblem[] = [];
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, state.seq))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    const result = verifyChainSegment(page, state);
    problems.push(...result.problems);
    state = result.end;
    count += page.length;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.lastSeq !== state.seq || head.lastHash !== state.hash) {
    problems.push({ seq: head?.lastSeq ?? -1, problem: 'head_mismatch' });
  }
  return { ok: problems.length === 0, events: count, problems };
}

export async function auditEventsFor(db: Db, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${entityType} and ${auditEvents.entityId} = ${entityId}`)
    .orderBy(asc(auditEvents.seq));
}
