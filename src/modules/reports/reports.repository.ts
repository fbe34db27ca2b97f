/**
 * Queries of the reports module; every function takes an Executor (Db or Tx).
 *
 * The fact cube `report_fact` and the month checkpoints `report_checkpoint` (docs/reports.md §2):
 * flows of a period = its whole ten-day buckets (level `p10` or `d10`) plus its edge days (level `p`
 * or `d`); stocks at the cut-off of day X = the checkpoint of a month B ≤ X plus the
 * stock rows of the days [B, X]. Unit roll-up and grouping happen here, at read time, on the cube's
 * columns.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { formatDayNumber, parseLocalDate } from '../../kernel/calendar/index.ts';
import { rowsOf, type Executor } from '../../adapters/db/database.ts';
import { preparedStatement } from '../../adapters/db/prepared.ts';
import { reportCheckpoints, reportFacts, reportSettings } from './reports.tables.ts';
import {
  FLOW_MEASURES,
  STOCK_MEASURES,
  levelOf,
  splitByDekads,
  type FactDelta,
  type GroupDim,
} from './domain/contributions.ts';

const KEY = 'level, measure, sp, unit, scopes, field, agency, channel';
const RECORD =
  'x(level text, day date, measure text, sp text, unit text, scopes text, field text, agency text, channel text, n bigint)';
const REST = sql.raw('measure, sp, unit, scopes, field, agency, channel');
const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(', '));
const STOCKS = list(STOCK_MEASURES);
const FLOWS = list(FLOW_MEASURES);

/**
 * Adds the deltas to the cube (upsert n = n + delta, in key order: one lock order for concurrent
 * changes), then to the checkpoints of the months after each stock delta's day (normally none:
 * deltas are dated today or later).
 */
const DELTAS = sql`jsonb_to_recordset(${sql.placeholder('deltas')}::jsonb) as ${sql.raw(RECORD)}`;
const addToFacts = preparedStatement<{ deltas: string }>(
  'report_fact_add',
  () => sql`
    insert into report_fact (level, day, ${REST}, n)
    select level, day, ${REST}, sum(n)
    from ${DELTAS}
    group by level, day, ${REST}
    having sum(n) <> 0
    order by level, day, ${REST}
    on conflict (level, day, ${REST})
    do update set n = report_fact.n + excluded.n`,
);
const addToCheckpoints = preparedStatement<{ deltas: string }>(
  'report_checkpoint_add',
  () => sql`
    insert into report_checkpoint (month, ${sql.raw(KEY)}, n)
    select m.month, ${sql.raw(KEY)}, sum(x.n)
    from ${DELTAS}
    join report_checkpoint_month m on m.month > x.day
    where x.measure in (${STOCKS}) and x.level in ('p', 'd')
    group by m.month, ${sql.raw(KEY)}
    having sum(x.n) <> 0
    order by m.month, ${sql.raw(KEY)}
    on conflict (month, ${sql.raw(KEY)})
    do update set n = report_checkpoint.n + excluded.n`,
);

/**
 * Adds the deltas to the cube (upsert n = n + delta, in key order: one lock order for concurrent
 * changes), then to the checkpoints of the months after each stock delta's day (normally none:
 * deltas are dated today or later). Both are writes: in a write batch they go with the others.
 */
export async function applyFactDeltas(ex: Executor, deltas: readonly FactDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const json = JSON.stringify(deltas);
  await addToFacts.write(ex, { deltas: json });
  if (deltas.some((d) => (STOCK_MEASURES as readonly string[]).includes(d.measure)))
    await addToCheckpoints.write(ex, { deltas: json });
}

/** The SQL texts of `applyFactDeltas` ($1: the deltas; the intake benchmark runs them in pgbench). */
export const applyFactDeltasTexts = (ex: Executor): string[] => [
  addToFacts.text(ex),
  addToCheckpoints.text(ex),
];

/** The checkpoint months, ascending. */
export async function checkpointMonths(ex: Executor): Promise<string[]> {
  const rows = rowsOf<{ month: string }>(
    await ex.execute(sql`select month::text as month from report_checkpoint_month order by month`),
  );
  return rows.map((r) => r.month);
}

/**
 * Creates the checkpoint of `month` (first day) unless it exists: the nearest earlier checkpoint
 * plus the stock rows in between. Run in a transaction: it first takes a SHARE ROW EXCLUSIVE lock
 * on the cube (one creator at a time), so that no change is in flight while the sum is taken (a
 * change waits, then sees the new month).
 */
export async function createCheckpoint(tx: Executor, month: string): Promise<void> {
  await tx.execute(sql`lock table report_fact in share row exclusive mode`);
  const months = await checkpointMonths(tx);
  if (months.includes(month)) return;
  const base = months.filter((m) => m < month).at(-1);
  const fromBase = base
    ? sql`select ${sql.raw(KEY)}, n from report_checkpoint where month = ${base}
          union all
          select ${sql.raw(KEY)}, n from report_fact
          where measure in (${STOCKS}) and level in ('p', 'd') and day >= ${base} and day < ${month}`
    : sql`select ${sql.raw(KEY)}, n from report_fact where measure in (${STOCKS}) and level in ('p', 'd') and day < ${month}`;
  await tx.execute(sql`
    insert into report_checkpoint (month, ${sql.raw(KEY)}, n)
    select ${month}::date, ${sql.raw(KEY)}, sum(n) from (${fromBase}) s
    group by ${sql.raw(KEY)}
    having sum(n) <> 0`);
  await tx.execute(sql`insert into report_checkpoint_month (month) values (${month})`);
}

/** Empties the cube and the checkpoints (the months stay listed; `rebuildCheckpoints` refills them). */
export async function clearFacts(tx: Executor): Promise<void> {
  await tx.execute(sql`delete from report_fact`);
  await tx.execute(sql`delete from report_checkpoint`);
}

/** Recomputes every listed checkpoint from the cube, from scratch (full recomputation). */
export async function rebuildCheckpoints(tx: Executor): Promise<void> {
  await tx.execute(sql`delete from report_checkpoint`);
  await tx.execute(sql`
    insert into report_checkpoint (month, ${sql.raw(KEY)}, n)
    select m.month, ${sql.raw(KEY)}, sum(f.n)
    from report_checkpoint_month m join report_fact f on f.day < m.month
    where f.measure in (${STOCKS}) and f.level in ('p', 'd')
    group by m.month, ${sql.raw(KEY)}
    having sum(f.n) <> 0`);
}

export interface SumRow {
  readonly value: string;
  readonly measure: string;
  readonly n: number;
}

const VALUE: Record<GroupDim, string> = {
  all: `'*'`,
  service_point: 'sp',
  unit: 'unit',
  field: 'field',
  agency: 'agency',
  channel: 'channel',
};
const inScope = (scope: string): SQL =>
  scope === '*' ? sql`true` : sql`position(${`|${scope}|`} in scopes) > 0`;

/**
 * The cube rows of the local days [from, to] (from null: every day up to `to`) at the level of the
 * grouping (`p` or `d`): whole ten-day buckets from level `p10`/`d10` and the edge days by day.
 */
function daysFilter(dim: GroupDim, from: string | null, to: string): SQL {
  const level = levelOf(dim);
  if (from === null) return sql`level = ${level} and day <= ${to}`;
  const { days, dekads } = splitByDekads(parseLocalDate(from), parseLocalDate(to));
  const ranges = (level: string, xs: [number, number][]) =>
    xs.map(
      ([a, b]) => sql`(level = ${level} and day >= ${formatDayNumber(a)} and day <= ${formatDayNumber(b)})`,
    );
  const parts = [...ranges(level, days), ...ranges(`${level}10`, dekads)];
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** Flow sums over the local days [first, last], per group value and measure. */
export async function flowSums(
  ex: Executor,
  q: { scope: string; dim: GroupDim; first: string; last: string },
): Promise<SumRow[]> {
  return rowsOf<SumRow>(
    await ex.execute(sql`
      select ${sql.raw(VALUE[q.dim])} as value, measure, sum(n)::int as n
      from report_fact
      where ${daysFilter(q.dim, q.first, q.last)} and measure in (${FLOWS}) and ${inScope(q.scope)}
      group by 1, 2`),
  );
}

/**
 * Stocks at the cut-off of local day `day` (sum of the deltas on days ≤ day): the checkpoint of
 * month `base` (≤ day; null: none) plus the stock rows of the days [base, day].
 */
export async function stockSums(
  ex: Executor,
  q: { scope: string; dim: GroupDim; day: string; base: string | null },
): Promise<SumRow[]> {
  const level = levelOf(q.dim);
  const value = sql.raw(VALUE[q.dim]);
  const facts = sql`select ${value} as value, measure, n from report_fact
    where ${daysFilter(q.dim, q.base, q.day)} and measure in (${STOCKS}) and ${inScope(q.scope)}`;
  const source = q.base
    ? sql`select ${value} as value, measure, n from report_checkpoint
          where month = ${q.base} and level = ${level} and measure in (${STOCKS}) and ${inScope(q.scope)}
          union all ${facts}`
    : facts;
  return rowsOf<SumRow>(
    await ex.execute(sql`select value, measure, sum(n)::int as n from (${source}) s group by 1, 2`),
  );
}

/** Every cube and checkpoint row with n ≠ 0 (tests compare it with a full recomputation). */
export async function allFacts(ex: Executor): Promise<string[]> {
  const facts = await ex.select().from(reportFacts);
  const checkpoints = await ex.select().from(reportCheckpoints);
  const key = (r: typeof reportCheckpoints.$inferSelect | typeof reportFacts.$inferSelect) =>
    `${r.level}|${r.measure}|${r.sp}|${r.unit}|${r.scopes}|${r.field}|${r.agency}|${r.channel}=${r.n}`;
  return [
    ...facts.filter((r) => r.n !== 0).map((r) => `fact|${r.day}|${key(r)}`),
    ...checkpoints.filter((r) => r.n !== 0).map((r) => `checkpoint|${r.month}|${key(r)}`),
  ];
}

export async function getSetting(ex: Executor, key: string): Promise<unknown> {
  const rows = await ex.select().from(reportSettings).where(eq(reportSettings.key, key));
  return rows[0]?.value;
}

export async function putSetting(
  ex: Executor,
  key: string,
  value: unknown,
  at: Date,
  by: string,
): Promise<void> {
  await ex
    .insert(reportSettings)
    .values({ key, value, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: reportSettings.key, set: { value, updatedAt: at, updatedBy: by } });
}
