/**
 * Reports at scale (issue #8 §7): the monthly TTHC report and the QĐ 766 index for the whole
 * province, answered by ReportsService from the fact cube `report_fact` and its month checkpoints,
 * against the naive scan of every dossier, in the same run, on the PostgreSQL server; the two must
 * give equal figures.
 *
 *   npx tsx bench/reports.bench.ts [--dossiers=N]   (or BENCH_REPORTS_DOSSIERS; MOTCUA_BENCH_FULL=1 → 10,000,000)
 *
 * Default size 50,000 so that `npm run bench` stays within its 10-minute budget on 2 cores
 * (results in results/reports.json); sizes from a million write results/reports-<N>m.json.
 * Everything is set-based SQL in a throw-away database (created, then dropped):
 *
 * 1. `bench_dossier` (unlogged): N dossiers over five years (1/7/2021 – 30/6/2026) at 250 service
 *    points (each in its own commune, 17 districts, province 52), 20 fields (each owned by one of 12
 *    agencies), channels online 75 % / counter 20 % / postal 5 %, time limits of 3–12 days, and
 *    histories: resolved early / on time / late, rejected, stopped, withdrawn, waiting for a
 *    supplement (recent ones; older ones stopped after 30 days), still open (recent ones), result
 *    collected or not, electronic result, digitised, re-used, fee, paid online. This table holds the
 *    instants the report definitions need, not the app's full dossier row (which would not fit the
 *    time budget); the due is the final one (bench histories have no supplement that resumes).
 * 2. Contributions per dossier, the same definitions as src/modules/reports/domain/contributions.ts
 *    (flows on their local day; stocks as +1/−1 on the day after), summed with GROUP BY into the
 *    cube's levels (detail, per service point, and both per ten-day bucket), then the month checkpoints
 *    (running sums of the stock deltas per cell) — set-based, keys dropped during the load.
 *    The "nearly due" stock needs the working calendar and is not generated (dashboard only).
 * 3. p95 of ReportsService.monthly / index766 (whole province, 40 runs over random months; also
 *    grouped by service point, and the dashboard) vs the naive scan (one SQL pass over all dossiers
 *    per report; a few runs), and equality of the figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { benchServerUrl } from './lib/server-url.ts';
import { openDatabase } from '../src/adapters/db/database.ts';
import { DefaultCalendarSource } from '../src/modules/dossiers/calendar-source.ts';
import { OrgService } from '../src/modules/org/org.service.ts';
import { ReportsService } from '../src/modules/reports/reports.service.ts';
import { monthlyFigures, periodOf, type MonthlyFigures } from '../src/modules/reports/domain/report.ts';
import { zeroFlows, zeroStocks } from '../src/modules/reports/domain/naive.ts';
import type { Actor } from '../src/modules/access/domain.ts';

const FULL = process.env.MOTCUA_BENCH_FULL === '1';
const flag = process.argv.find((a) => a.startsWith('--dossiers='))?.slice('--dossiers='.length);
const N = Number(flag ?? process.env.BENCH_REPORTS_DOSSIERS ?? (FULL ? 10_000_000 : 50_000));
const ADMIN_URL = benchServerUrl();
const RUNS = 40;
const NAIVE_RUNS = Number(process.env.BENCH_REPORTS_NAIVE_RUNS ?? 3);
// The default size writes reports.json; large runs their own file (reports-10m.json, reports-2m.json …).
const out = new URL(
  N >= 1_000_000 ? `./results/reports-${Math.round(N / 100_000) / 10}m.json` : './results/reports.json',
  import.meta.url,
);

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? 0) * 10) / 10;
};
const p50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] ?? 0) * 10) / 10;
};
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
};
const day = (col: string) => `((${col}) at time zone 'Asia/Ho_Chi_Minh')::date`;

const GENERATE = `
create unlogged table bench_dossier as
with b as (
  select g,
         abs(hashint4(g)) as h1, abs(hashint4(g + 1000000007)) as h2, abs(hashint4(-g)) as h3
  from generate_series(1, $1::int) g
), c as (
  select g, h1 % 250 as sp, (h1 / 250) % 20 as field, h2 % 100 as ch, (h2 / 100) % 1000 as u,
         h3 % 100 as f1, (h3 / 100) % 100 as f2, 3 + (h1 / 5000) % 10 as dur,
         timestamptz '2021-07-01 08:00:00+07' + ((g - 1)::float8 * 1825 / $1::int) * interval '1 day'
           + ((h3 / 10000) % 480) * interval '1 minute' as recv
  from b
), d as (
  select c.*, recv + dur * interval '1 day' as due,
         case when ch < 75 then 'online' when ch < 95 then 'counter' else 'postal' end as channel,
         case
           when u < 850 then 'resolved'
           when u < 870 then 'rejected'
           when u < 880 then 'stopped'
           when u < 890 then 'withdrawn'
           when u < 920 then 'paused'
           else 'open'
         end as kind
  from c
), e as (
  select d.*,
    case kind
      when 'resolved' then recv + (dur * (u % 130) / 100.0) * interval '1 day' + interval '1 hour'
      when 'rejected' then recv + interval '2 days'
      when 'stopped' then recv + interval '3 days'
      when 'withdrawn' then recv + interval '1 day'
      when 'paused' then case when recv < timestamptz '2026-05-01 00:00+07' then recv + interval '31 days' end
      else case when recv < timestamptz '2026-05-15 00:00+07' then due + interval '5 days' end
    end as ended0,
    case when kind = 'paused' then recv + interval '1 day' end as p_from
  from d
)
select g as id,
       'SP' || lpad(sp::text, 3, '0') as sp,
       'F' || lpad(field::text, 2, '0') as field,
       channel, recv, due, p_from,
       case when ended0 < timestamptz '2026-07-01 00:00+07' then ended0 end as ended,
       case
         when ended0 is null or ended0 >= timestamptz '2026-07-01 00:00+07' then 'open'
         when kind in ('resolved', 'open') then 'resolved'
         when kind = 'paused' then 'stopped'
         else kind
       end as status,
       case when kind in ('resolved', 'open') and ended0 + interval '2 days' < timestamptz '2026-07-01 00:00+07' and f1 % 4 <> 0
            then ended0 + interval '2 days' end as returned,
       f1 < 60 as e_result, f1 < 40 as digitised, f2 < 45 as reused, f2 % 10 < 4 as fee,
       f2 % 10 < 4 and f1 % 3 = 0 as paid_online
from e`;

/** Contributions (same definitions as contributions.ts) summed into a cube per day × measure × key. */
const CUBE = `
create unlogged table bench_cube as
select x.day, x.measure, d.sp, d.channel, d.field, sum(x.n)::bigint as n
from bench_dossier d
cross join lateral (
  select ${day('d.recv')} as rd, ${day('d.due')} as dd, ${day('d.ended')} as ed, ${day('d.p_from')} as pd,
         ${day('d.returned')} as td,
         case when d.status = 'resolved' then
           case when d.ended > d.due then 'late' when ${day('d.ended')} < ${day('d.due')} then 'early' else 'on_time' end
         end as result
) k
cross join lateral (
  values
    (k.rd, 'received_' || d.channel, 1),
    (k.rd + 1, 'open', 1),
    (k.ed + 1, 'open', -1),
    (k.ed, case when d.status = 'resolved' then 'resolved_' || k.result when d.status <> 'open' then d.status end, 1),
    (case when d.status = 'resolved' and d.channel = 'online' then k.ed end, 'res_online', 1),
    (case when d.status = 'resolved' and d.channel = 'online' and d.e_result then k.ed end, 'res_online_eresult', 1),
    (case when d.status = 'resolved' and d.e_result then k.ed end, 'res_eresult', 1),
    (case when d.status = 'resolved' and d.e_result and d.digitised then k.ed end, 'res_digitised', 1),
    (case when d.status = 'resolved' and d.reused then k.ed end, 'res_reused', 1),
    (case when d.status = 'resolved' and d.fee then k.ed end, 'res_fee', 1),
    (case when d.status = 'resolved' and d.paid_online then k.ed end, 'res_paid_online', 1),
    (k.pd + 1, 'paused', 1),
    (case when k.pd is not null then k.ed + 1 end, 'paused', -1),
    (case when coalesce(k.pd, k.ed) is null or greatest(k.rd, k.dd) + 1 <= coalesce(k.pd, k.ed)
          then greatest(k.rd, k.dd) + 1 end, 'overdue', 1),
    (case when greatest(k.rd, k.dd) + 1 <= coalesce(k.pd, k.ed) then coalesce(k.pd, k.ed) + 1 end, 'overdue', -1),
    (case when d.status = 'resolved' then k.ed + 1 end, 'uncollected', 1),
    (case when d.status = 'resolved' then k.td + 1 end, 'uncollected', -1)
) as x(day, measure, n)
where x.day is not null and x.measure is not null
group by 1, 2, 3, 4, 5
having sum(x.n) <> 0`;

/** The cube at both levels (contributions.ts `factKeysOf`): detail, then per service point. */
const FACTS_DETAIL = `
insert into report_fact (level, day, measure, sp, unit, scopes, field, agency, channel, n)
select 'd', c.day, c.measure, c.sp, p.unit, '|' || p.unit || '|' || p.district || '|52|', c.field,
       'AG' || lpad((substr(c.field, 2)::int % 12)::text, 2, '0'), c.channel, c.n
from bench_cube c join bench_sp p on p.sp = c.sp`;

const FACTS_POINT = `
insert into report_fact (level, day, measure, sp, unit, scopes, field, agency, channel, n)
select 'p', c.day, c.measure, c.sp, p.unit, '|' || p.unit || '|' || p.district || '|52|', '*', '*', '*', sum(c.n)
from bench_cube c join bench_sp p on p.sp = c.sp
group by c.day, c.measure, c.sp, p.unit, p.district
having sum(c.n) <> 0`;

/** Ten-day buckets (days 1–10, 11–20, 21–end) of both levels. */
const FACTS_DEKAD = `
insert into report_fact (level, day, measure, sp, unit, scopes, field, agency, channel, n)
select level || '10', date_trunc('month', day)::date + case when extract(day from day) <= 10 then 0
         when extract(day from day) <= 20 then 10 else 20 end,
       measure, sp, unit, scopes, field, agency, channel, sum(n)
from report_fact where level in ('p', 'd')
group by 1, 2, 3, 4, 5, 6, 7, 8, 9
having sum(n) <> 0`;

/**
 * Month checkpoints for every month of the data: per cell, the running sum of the monthly stock
 * deltas, carried to every checkpoint month up to the cell's next month with deltas.
 */
const CHECKPOINT_MONTHS = `
insert into report_checkpoint_month (month)
select generate_series(date '2021-07-01', date '2026-07-01', interval '1 month')::date`;
const CHECKPOINTS = `
insert into report_checkpoint (month, level, measure, sp, unit, scopes, field, agency, channel, n)
with m as (
  select date_trunc('month', day)::date as mon, level, measure, sp, unit, scopes, field, agency, channel, sum(n) as n
  from report_fact where measure in ('open', 'paused', 'overdue', 'nearly', 'uncollected') and level in ('p', 'd')
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9
), c as (
  select *, sum(n) over w as cum, lead(mon) over w as next_mon from m
  window w as (partition by level, measure, sp, unit, scopes, field, agency, channel order by mon)
)
select k.month, level, measure, sp, unit, scopes, field, agency, channel, cum
from c join report_checkpoint_month k on k.month > c.mon and (c.next_mon is null or k.month <= c.next_mon)
where cum <> 0`;

/** The naive scan: one pass over every dossier for one period (instants at local midnight). */
const NAIVE = `
select
  count(*) filter (where recv < $1 and (ended is null or ended >= $1))::int as carried,
  count(*) filter (where recv >= $1 and recv < $2 and channel = 'online')::int as received_online,
  count(*) filter (where recv >= $1 and recv < $2 and channel = 'counter')::int as received_counter,
  count(*) filter (where recv >= $1 and recv < $2 and channel = 'postal')::int as received_postal,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and ended > due)::int as resolved_late,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and ended <= due
                   and ${day('ended')} < ${day('due')})::int as resolved_early,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and ended <= due
                   and ${day('ended')} >= ${day('due')})::int as resolved_on_time,
  count(*) filter (where status = 'rejected' and ended >= $1 and ended < $2)::int as rejected,
  count(*) filter (where status = 'stopped' and ended >= $1 and ended < $2)::int as stopped,
  count(*) filter (where status = 'withdrawn' and ended >= $1 and ended < $2)::int as withdrawn,
  count(*) filter (where recv < $2 and (ended is null or ended >= $2))::int as open,
  count(*) filter (where recv < $2 and (ended is null or ended >= $2) and p_from < $2)::int as paused,
  count(*) filter (where recv < $2 and (ended is null or ended >= $2) and not coalesce(p_from < $2, false)
                   and due < $2)::int as overdue,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and channel = 'online' and e_result)::int as res_online_eresult,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and e_result)::int as res_eresult,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and e_result and digitised)::int as res_digitised,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and reused)::int as res_reused,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and fee)::int as res_fee,
  count(*) filter (where status = 'resolved' and ended >= $1 and ended < $2 and paid_online)::int as res_paid_online
from bench_dossier`;

type NaiveRow = Record<string, number>;
function naiveMonthly(r: NaiveRow): MonthlyFigures {
  const flows = { ...zeroFlows() };
  for (const k of Object.keys(flows)) if (k in r) flows[k as keyof typeof flows] = r[k] as number;
  const carried = { ...zeroStocks(), open: r.carried as number };
  const closing = {
    ...zeroStocks(),
    open: r.open as number,
    paused: r.paused as number,
    overdue: r.overdue as number,
  };
  return monthlyFigures(flows, carried, closing);
}

function write(result: Record<string, unknown>): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'reports', generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, ...result }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  const name = `motcua_bench_reports_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const phases: Record<string, number> = {};
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    await client.connect();
    await client.query(`set work_mem = '512MB'`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    // Throw-away database: no WAL for the bulk load.
    await client.query('alter table report_fact set unlogged');
    await client.query('alter table report_checkpoint set unlogged');
    await client.query(`set max_parallel_workers_per_gather = 2`);
    const phase = async (label: string, sql: string, params: unknown[] = []) => {
      const t = performance.now();
      await client.query(sql, params);
      phases[label] = Math.round(performance.now() - t);
      process.stdout.write(`  ${label}: ${phases[label]} ms\n`);
    };
    process.stdout.write(`reports bench: ${N.toLocaleString('en')} dossiers\n`);
    await phase('generate dossiers', GENERATE, [N]);
    await phase('analyze', 'analyze bench_dossier');
    await phase(
      'service points',
      `create table bench_sp as select 'SP' || lpad(i::text, 3, '0') as sp, 'U' || lpad(i::text, 3, '0') as unit,
              'D' || lpad((i % 17)::text, 2, '0') as district from generate_series(0, 249) i`,
    );
    await phase('contributions cube', CUBE);
    // Bulk load without the keys, then add them back.
    const keys: Record<string, string> = {};
    for (const table of ['report_fact', 'report_checkpoint']) {
      const r = await client.query<{ conname: string; def: string }>(
        `select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'p'`,
        [table],
      );
      const key = r.rows[0];
      if (!key) throw new Error(`no primary key on ${table}`);
      keys[table] = `alter table ${table} add constraint ${key.conname} ${key.def}`;
      await client.query(`alter table ${table} drop constraint ${key.conname}`);
    }
    await phase('cube (detail level)', FACTS_DETAIL);
    await phase('cube (service point level)', FACTS_POINT);
    await phase('cube (ten-day buckets)', FACTS_DEKAD);
    await phase('cube key', keys.report_fact as string);
    await phase('checkpoint months', CHECKPOINT_MONTHS);
    await phase('checkpoints', CHECKPOINTS);
    await phase('checkpoint key', keys.report_checkpoint as string);
    await phase('analyze cube', 'analyze report_fact');
    await phase('analyze checkpoints', 'analyze report_checkpoint');
    const rows = Number((await client.query('select count(*)::int as n from report_fact')).rows[0].n);
    const checkpointRows = Number(
      (await client.query('select count(*)::int as n from report_checkpoint')).rows[0].n,
    );

    const reports = new ReportsService(database, new OrgService(database), new DefaultCalendarSource());
    const actor: Actor = {
      userId: 'bench',
      username: 'bench',
      fullName: 'Bench',
      grants: [{ role: 'manager', scope: {} }],
    };
    const now = new Date('2026-07-01T02:00:00Z');
    const months: string[] = [];
    for (let y = 2021; y <= 2026; y++)
      for (let m = 1; m <= 12; m++) {
        const key = `${y}-${String(m).padStart(2, '0')}`;
        if (key >= '2021-08' && key <= '2026-06') months.push(key);
      }
    const pick = (i: number) => months[(i * 7919) % months.length] as string;
    // Warm-up, then the aggregate runs.
    await reports.monthly(actor, { period: pick(0) }, now);
    await reports.index766(actor, { period: pick(0) }, now);
    const monthlyMs: number[] = [];
    const indexMs: number[] = [];
    const groupedMs: number[] = [];
    const byFieldMs: number[] = [];
    const districtMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      monthlyMs.push((await timed(() => reports.monthly(actor, { period: pick(i) }, now)))[1]);
      indexMs.push((await timed(() => reports.index766(actor, { period: pick(i) }, now)))[1]);
      groupedMs.push(
        (await timed(() => reports.monthly(actor, { period: pick(i), groupBy: 'service_point' }, now)))[1],
      );
      byFieldMs.push(
        (await timed(() => reports.monthly(actor, { period: pick(i), groupBy: 'field' }, now)))[1],
      );
      districtMs.push((await timed(() => reports.dashboard(actor, { at: `${pick(i)}-15` }, now)))[1]);
    }
    // Naive scans and equality.
    const naiveMs: number[] = [];
    const mismatches: string[] = [];
    for (let i = 0; i < NAIVE_RUNS; i++) {
      const period = periodOf(pick(i), 21);
      const from = new Date(`${period.first}T00:00:00+07:00`);
      const to = new Date(new Date(`${period.last}T00:00:00+07:00`).getTime() + 86_400_000);
      const [res, ms] = await timed(() => client.query<NaiveRow>(NAIVE, [from, to]));
      naiveMs.push(ms);
      const naive = naiveMonthly(res.rows[0] as NaiveRow);
      const fast = await reports.monthly(actor, { period: pick(i) }, now);
      if (JSON.stringify(naive) !== JSON.stringify(fast.totals))
        mismatches.push(
          `${pick(i)} monthly: naive ${JSON.stringify(naive)} vs aggregates ${JSON.stringify(fast.totals)}`,
        );
      const idx = await reports.index766(actor, { period: pick(i) }, now);
      const r = res.rows[0] as NaiveRow;
      for (const [id, num, den] of [
        ['3.3', r.res_online_eresult, naive.resolved],
        ['4.1', r.res_eresult, naive.resolved],
        ['4.2', r.res_digitised, naive.resolved],
        ['4.3', r.res_reused, naive.resolved],
        ['3.6', r.res_paid_online, r.res_fee],
      ] as const) {
        const ind = idx.indicators.find((x) => x.id === id);
        if (ind?.numerator !== num || ind?.denominator !== den)
          mismatches.push(
            `${pick(i)} 766 ${id}: naive ${num}/${den} vs ${ind?.numerator}/${ind?.denominator}`,
          );
      }
    }
    const result = {
      dossiers: N,
      full: FULL || N >= 10_000_000,
      factRows: rows,
      checkpointRows,
      phasesMs: phases,
      targetP95Ms: 200,
      aggregates: {
        monthly: { runs: RUNS, p50Ms: p50(monthlyMs), p95Ms: p95(monthlyMs) },
        index766: { runs: RUNS, p50Ms: p50(indexMs), p95Ms: p95(indexMs) },
        monthlyByServicePoint: { runs: RUNS, p50Ms: p50(groupedMs), p95Ms: p95(groupedMs) },
        monthlyByField: { runs: RUNS, p50Ms: p50(byFieldMs), p95Ms: p95(byFieldMs) },
        dashboard: { runs: RUNS, p50Ms: p50(districtMs), p95Ms: p95(districtMs) },
      },
      naiveScan: {
        runs: NAIVE_RUNS,
        p50Ms: p50(naiveMs),
        p95Ms: p95(naiveMs),
        note: 'one SQL pass serves both the monthly report and the 766 figures',
      },
      equal: mismatches.length === 0,
      mismatches,
    };
    write(result);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (mismatches.length > 0) process.exitCode = 1;
  } finally {
    await client.end().catch(() => undefined);
    await database?.close?.();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
