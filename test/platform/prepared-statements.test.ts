/**
 * Prepared hot-path statements and write batches (src/adapters/db/prepared.ts), on the suite's engine:
 * a batch reaches the database as one statement, keeps the order of a later read, rolls back as a
 * whole, and writes SQL NULL (not JSON null) for a null JSON value.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/adapters/db/database.ts';
import { preparedInsert, preparedStatement, withWriteBatch } from '../../src/adapters/db/prepared.ts';
import { outbox } from '../../src/adapters/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.destroy());

const insertOutbox = preparedInsert('test_outbox_insert', (ex, rows) =>
  ex.insert(outbox).values(rows as never),
);
const countTopic = preparedStatement<{ topic: string }>('test_outbox_count', (ex) =>
  ex
    .select({ n: sql<number>`count(*)::int`.as('n') })
    .from(outbox)
    .where(eq(outbox.topic, sql.placeholder('topic'))),
);
const at = new Date('2026-05-04T03:02:01Z');
const message = (topic: string, payload: unknown) => ({ topic, payload, createdAt: at, availableAt: at });

/** Counts the queries the executor's driver client is asked to run while `fn` runs. */
async function countQueries(ex: Executor, fn: () => Promise<void>): Promise<number> {
  const client = (ex as unknown as { session: { client: { query: (...a: unknown[]) => unknown } } }).session
    .client;
  const original = client.query;
  let calls = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    calls += 1;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = original;
  }
  return calls;
}

describe('write batches', () => {
  it('send every queued write as one statement, and the rows are all there', async () => {
    const calls = await t.database.transaction(async (tx) =>
      countQueries(tx, () =>
        withWriteBatch(tx, async () => {
          await insertOutbox.write(tx, [message('batch.a', { n: 1 })]);
          await insertOutbox.write(tx, [message('batch.a', { n: 2 }), message('batch.a', { n: 3 })]);
          await insertOutbox.write(tx, [message('batch.b', { n: 4 })]);
        }),
      ),
    );
    expect(calls).toBe(1);
    const rows = await t.database.db
      .select()
      .from(outbox)
      .where(sql`topic like 'batch.%'`);
    expect(
      rows.map((r) => r.payload).sort((a, b) => (a as { n: number }).n - (b as { n: number }).n),
    ).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('send the queued writes before a statement that returns rows, so it sees them', async () => {
    const seen = await t.database.transaction((tx) =>
      withWriteBatch(tx, async () => {
        await insertOutbox.write(tx, [message('order.a', {}), message('order.a', {})]);
        const [row] = await countTopic.run(tx, { topic: 'order.a' });
        return row?.n;
      }),
    );
    expect(seen).toBe(2);
  });

  it('roll back as a whole when one write of the batch fails', async () => {
    await expect(
      t.database.transaction((tx) =>
        withWriteBatch(tx, async () => {
          await insertOutbox.write(tx, [message('rollback.a', {})]);
          // topic is NOT NULL: the combined statement fails when the batch is sent.
          await insertOutbox.write(tx, [message(null as unknown as string, {})]);
        }),
      ),
    ).rejects.toThrow();
    const [row] = await countTopic.run(t.database.db, { topic: 'rollback.a' });
    expect(row?.n).toBe(0);
  });

  it('write SQL NULL for a null value, and refuse a missing one', async () => {
    await insertOutbox.write(t.database.db, [{ ...message('null.a', {}), lastError: null }]);
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.topic, 'null.a'));
    expect(row?.lastError).toBeNull();
    await expect(
      insertOutbox.write(t.database.db, [{ ...message('null.b', {}), lastError: undefined }]),
    ).rejects.toThrow(/no value for placeholder/);
  });

  it('refuse a statement with a literal value (it would be frozen into every execution)', async () => {
    const frozen = preparedStatement<Record<string, never>>('test_frozen', (ex) =>
      ex.select().from(outbox).where(eq(outbox.topic, 'literal')),
    );
    await expect(frozen.run(t.database.db, {})).rejects.toThrow(/every value must be a placeholder/);
  });
});
