/**
 * Prepared hot-path statements and write batches (src/adapters/db/prepared.ts), on the suite's engine:
 * a batch reaches the database as one statement, keeps the order of a later read, rolls back as a
 * whole, and writes SQL NULL (not JSON null) for a null JSON value. A batch value (the intake's
 * dossier code) is computed by the batch's own statement and substituted into text and JSON; a
 * single-statement unit sends nothing but its batch.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/adapters/db/database.ts';
import {
  batchValue,
  preparedInsert,
  preparedStatement,
  singleStatement,
  withWriteBatch,
} from '../../src/adapters/db/prepared.ts';
import { dossierCodeSequences, outbox } from '../../src/adapters/db/schema.ts';
import { queueDossierCode } from '../../src/modules/dossiers/dossiers.repository.ts';
import { formatDossierCode } from '../../src/modules/dossiers/domain/dossier-code.ts';
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

  it('insert rows of different column sets with the same row count, each into its own columns', async () => {
    await insertOutbox.write(t.database.db, [message('shape.a', { n: 1 })]);
    await insertOutbox.write(t.database.db, [{ ...message('shape.b', { n: 2 }), lastError: 'was here' }]);
    // The same columns in another order: the values still land in their own columns.
    const { topic, payload, createdAt, availableAt } = message('shape.c', { n: 3 });
    await insertOutbox.write(t.database.db, [{ availableAt, payload, topic, createdAt }]);
    await insertOutbox.write(t.database.db, [message('shape.a', { n: 4 })]);
    const rows = await t.database.db
      .select()
      .from(outbox)
      .where(sql`topic like 'shape.%'`);
    expect(
      rows
        .map((r) => [r.topic, (r.payload as { n: number }).n, r.lastError])
        .sort((a, b) => (a[1] as number) - (b[1] as number)),
    ).toEqual([
      ['shape.a', 1, null],
      ['shape.b', 2, 'was here'],
      ['shape.c', 3, null],
      ['shape.a', 4, null],
    ]);
  });

  it('refuse rows that differ in their columns', async () => {
    await expect(
      insertOutbox.write(t.database.db, [
        message('differ.a', {}),
        { ...message('differ.a', {}), lastError: 'extra' },
      ]),
    ).rejects.toThrow(/rows differ in their columns/);
    await expect(
      insertOutbox.write(t.database.db, [
        { ...message('differ.b', {}), lastError: 'x' },
        { ...message('differ.b', {}), attempts: 1 },
      ]),
    ).rejects.toThrow(/rows differ in their columns/);
  });

  it('refuse a statement with a literal value (it would be frozen into every execution)', async () => {
    const frozen = preparedStatement<Record<string, never>>('test_frozen', (ex) =>
      ex.select().from(outbox).where(eq(outbox.topic, 'literal')),
    );
    await expect(frozen.run(t.database.db, {})).rejects.toThrow(/every value must be a placeholder/);
  });
});

describe('batch values', () => {
  const label = preparedStatement<{ prefix: string }>(
    'test_batch_label',
    () => sql`select ${sql.placeholder('prefix')}::text || 'X' || 'Y' as value`,
  );

  it('are computed by the batch statement and replace their marker in text and JSON, in one call', async () => {
    let value: { marker: string; value: string } | undefined;
    const calls = await t.database.transaction(async (tx) =>
      countQueries(tx, () =>
        withWriteBatch(tx, async () => {
          value = batchValue(tx, label, { prefix: 'L-' });
          const m = value.marker;
          // The marker in a text column (topic), inside JSON (payload), twice, and next to other text.
          await insertOutbox.write(tx, [message(`value.${m}`, { code: m, text: `a ${m} b ${m}` })]);
          await insertOutbox.write(tx, [message('value.plain', { untouched: 'no marker' })]);
        }),
      ),
    );
    expect(calls).toBe(1);
    expect(value?.value).toBe('L-XY');
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.topic, 'value.L-XY'));
    expect(row?.payload).toEqual({ code: 'L-XY', text: 'a L-XY b L-XY' });
    const [plain] = await t.database.db.select().from(outbox).where(eq(outbox.topic, 'value.plain'));
    expect(plain?.payload).toEqual({ untouched: 'no marker' });
  });

  it('cannot be read before the batch is sent, nor queued outside a batch', async () => {
    await t.database.transaction(async (tx) => {
      await withWriteBatch(tx, async () => {
        const v = batchValue(tx, label, { prefix: 'early' });
        expect(() => v.value).toThrow(/not sent yet/);
      });
      expect(() => batchValue(tx, label, { prefix: 'outside' })).toThrow(/not inside a write batch/);
    });
  });

  it('number dossier codes as formatDossierCode does, and the 10,000th fails the whole statement', async () => {
    const sp = 'TEST.SEQ';
    const day = '2026-05-04';
    await t.database.db
      .insert(dossierCodeSequences)
      .values({ servicePointCode: sp, localDate: day, lastNumber: 41 });
    const next = () =>
      singleStatement(t.database, async (ex) => {
        let code: { value: string } | undefined;
        await withWriteBatch(ex, async () => {
          const c = queueDossierCode(ex, sp, day);
          code = c;
          await insertOutbox.write(ex, [message('code.seq', { code: c.marker })]);
        });
        return code?.value;
      });
    expect(await next()).toBe(formatDossierCode(sp, day, 42));
    await t.database.db
      .update(dossierCodeSequences)
      .set({ lastNumber: 9_998 })
      .where(eq(dossierCodeSequences.servicePointCode, sp));
    expect(await next()).toBe(formatDossierCode(sp, day, 9_999));
    await expect(next()).rejects.toMatchObject({ code: '23514' });
    const [seq] = await t.database.db
      .select()
      .from(dossierCodeSequences)
      .where(eq(dossierCodeSequences.servicePointCode, sp));
    expect(seq?.lastNumber).toBe(9_999);
    const payloads = (await t.database.db.select().from(outbox).where(eq(outbox.topic, 'code.seq'))).map(
      (r) => (r.payload as { code: string }).code,
    );
    expect(payloads.sort()).toEqual([formatDossierCode(sp, day, 42), formatDossierCode(sp, day, 9_999)]);
  });
});

describe('single-statement units', () => {
  it('send their batch as one call and nothing else', async () => {
    const calls = await countQueries(t.database.db, () =>
      singleStatement(t.database, async (ex) => {
        await withWriteBatch(ex, async () => {
          await insertOutbox.write(ex, [message('single.a', {})]);
          await insertOutbox.write(ex, [message('single.a', {})]);
        });
      }),
    );
    // On the server the pool runs the one statement (no BEGIN, no COMMIT); on PGlite it runs in a
    // transaction of its own client, which this count does not see.
    if (t.database.engine === 'pg') expect(calls).toBe(1);
    const [row] = await countTopic.run(t.database.db, { topic: 'single.a' });
    expect(row?.n).toBe(2);
  });

  it('write nothing when the statement fails', async () => {
    await expect(
      singleStatement(t.database, (ex) =>
        withWriteBatch(ex, async () => {
          await insertOutbox.write(ex, [message('single.b', {})]);
          await insertOutbox.write(ex, [message(null as unknown as string, {})]);
        }),
      ),
    ).rejects.toThrow();
    const [row] = await countTopic.run(t.database.db, { topic: 'single.b' });
    expect(row?.n).toBe(0);
  });

  it.runIf(process.env.MOTCUA_TEST_ENGINE === 'pg')(
    'refuse a statement outside the batch (it would run outside the unit) on the server',
    async () => {
      await expect(
        singleStatement(t.database, (ex) => countTopic.run(ex, { topic: 'single.c' })),
      ).rejects.toThrow(/single-statement unit only queues writes/);
      await expect(
        singleStatement(t.database, (ex) => insertOutbox.write(ex, [message('single.c', {})])),
      ).rejects.toThrow(/single-statement unit only queues writes/);
    },
  );
});
