/**
 * The audit trail's hash chain. Each event's hash covers its content and the previous event's hash,
 * so altering, inserting or deleting any row breaks every hash after it, and deleting the tail is
 * caught against the head row.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly change: unknown;
}

/** Canonical JSON: object keys sorted at every depth, so the hash does not depend on key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed text of an event: its canonical JSON ("seq" sorts last of its keys). */
function auditBody(event: AuditContent): string {
  return canonicalJson({
    seq: event.seq,
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    change: event.change,
  });
}

export function auditHash(prevHash: string, event: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(auditBody(event)).digest('hex');
}

/**
 * The hashed text of an event whose seq is not known yet, up to and including `"seq":`. The database
 * seals it at commit (migration 0013): hash = sha256(prevHash + "\n" + prefix + seq + "}"), which is
 * `auditHash` because "seq" is the last key of the canonical JSON.
 */
export function auditBodyPrefix(event: Omit<AuditContent, 'seq'>): string {
  const probe = auditBody({ ...event, seq: 0 });
  if (!probe.endsWith('"seq":0}')) throw new Error('"seq" must be the last key of the audit body');
  return probe.slice(0, -2);
}

export interface ChainProblem {
  readonly seq: number;
  readonly problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'head_mismatch';
}

export interface StoredAuditEvent extends AuditContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** Verifies a run of events starting after (`startSeq`, `startHash`). Returns the problems found and the end state. */
export function verifyChainSegment(
  events: readonly StoredAuditEvent[],
  start: { seq: number; hash: string },
): { problems: ChainProblem[]; end: { seq: number; hash: string } } {
  const problems: ChainProblem[] = [];
  let { seq, hash } = start;
  for (const e of events) {
    if (e.seq !== seq + 1) problems.push({ seq: e.seq, problem: 'gap' });
    if (e.prevHash !== hash) problems.push({ seq: e.seq, problem: 'prev_hash_mismatch' });
    if (auditHash(e.prevHash, e) !== e.hash) problems.push({ seq: e.seq, problem: 'hash_mismatch' });
    seq = e.seq;
    hash = e.hash;
  }
  return { problems, end: { seq, hash } };
}
