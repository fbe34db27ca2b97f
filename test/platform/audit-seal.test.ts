/**
 * The audit chain is sealed by the database at COMMIT (migration 0013): concurrent transactions give
 * one gap-free chain that the application verifies, a rollback leaves neither an event nor a gap,
 * and pending events are not in the trail before their transaction commits.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/db/database.ts';
import { auditEvents, auditPending } from '../../src/adapters/db/schema.ts';
import { appendAudit, verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.destroy());

const actor = { id: null, label: 'test' };
const entry = (entityId: string, n: number) => ({
  action: 'test.sealed',
  entityType: 'test',
  entityId,
  change: { n, name: 'Nguyễn Thị Ánh', nested: { b: [1, 2.5, null], a: 'x' } },
});
const eventsOf = (entityId: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'test'), eq(auditEvents.entityId, entityId)));

describe('audit chain sealed at commit', () => {
  it('gives one gap-free, verifiable chain under concurrent transactions', async () => {
    const at = new Date('2026-06-01T01:02:03.456Z');
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.database.transaction(async (tx) => {
          await appendAudit(tx, actor, at, [entry(`c${i}`, 1), entry(`c${i}`, 2)]);
          // Keep the transactions open together before they commit.
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    const rows = rowsOf<{ n: number; min: number; max: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n, min(seq)::int as min, max(seq)::int as max from audit_event`,
      ),
    );
    const { n, min, max } = rows[0]!;
    expect(max - min + 1).toBe(n);
    for (let i = 0; i < 16; i++) {
      const events = await eventsOf(`c${i}`);
      expect(events.map((e) => (e.change as { n: number }).n).sort()).toEqual([1, 2]);
      // The two events of one transaction are sealed in the order they were written.
      const [first, second] = [...events].sort((a, b) => a.seq - b.seq);
      expect((first!.change as { n: number }).n).toBe(1);
      // …and next to each other: the head stays locked from the first seal to the end of COMMIT.
      expect(second!.seq).toBe(first!.seq + 1);
      expect(second!.prevHash).toBe(first!.hash);
    }
    const verified = await verifyAuditChain(t.database.db);
    expect(verified.problems).toEqual([]);
    expect(await t.database.db.select().from(auditPending)).toEqual([]);
  });

  it('keeps pending events out of the trail until COMMIT, and a rollback leaves no trace or gap', async () => {
    const before = await verifyAuditChain(t.database.db);
    let inside = -1;
    await t.database.transaction(async (tx) => {
      await appendAudit(tx, actor, new Date(), [entry('visible-later', 1)]);
      inside = (await tx.select().from(auditEvents).where(eq(auditEvents.entityId, 'visible-later'))).length;
    });
    expect(inside).toBe(0);
    expect(await eventsOf('visible-later')).toHaveLength(1);

    await expect(
      t.database.transaction(async (tx) => {
        await appendAudit(tx, actor, new Date(), [entry('rolled-back', 1)]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await eventsOf('rolled-back')).toHaveLength(0);
    expect(await t.database.db.select().from(auditPending)).toEqual([]);

    await t.database.transaction((tx) => appendAudit(tx, actor, new Date(), [entry('after', 1)]));
    const after = await verifyAuditChain(t.database.db);
    expect(after.problems).toEqual([]);
    expect(after.events).toBe(before.events + 2);
  });
});
