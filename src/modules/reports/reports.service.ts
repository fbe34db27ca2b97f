/**
 * Reports (issue #8, docs/reports.md): the monthly TTHC report, the province dashboard and the
 * QĐ 766 index, answered from the fact cube `report_fact` and its month checkpoints, which
 * `onDossierChange` keeps in the same transaction as every dossier change (DossierService calls it). Nothing here scans dossiers,
 * except `rebuild` (full recomputation) and the small rating / PAKN / catalog counts of the 766 index.
 *
 * `performanceByServicePoint` is the entry point for the operations module (on-time and
 * satisfaction per service point).
 */
import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../adapters/db/database.ts';
import {
  adminUnits,
  agencies,
  dossierRatings,
  dossiers,
  feedbackItems,
  feedbackRatings,
  procedureVersions,
  servicePoints,
} from '../../adapters/db/schema.ts';
import { formatDayNumber, parseLocalDate, type WorkingCalendar } from '../../kernel/calendar/index.ts';
import { AppError } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { mayAccess, type Actor } from '../access/domain.ts';
import type { CalendarSource } from '../dossiers/calendar-source.ts';
import type { Dossier } from '../dossiers/domain/types.ts';
import { loadDossier } from '../dossiers/dossiers.repository.ts';
import type { DossierChangeHook } from '../dossiers/dossiers.service.ts';
import type { OrgService } from '../org/org.service.ts';
import {
  contributionOf,
  diffContributions,
  dimsOf,
  monthBucketOf,
  toFactDeltas,
  type ContributionMap,
  type FactDelta,
  type FlowMeasure,
  type GroupDim,
  type StockMeasure,
} from './domain/contributions.ts';
import { index766, type ManualValue, type OtherFacts } from './domain/index766.ts';
import { zeroFlows, zeroStocks } from './domain/naive.ts';
import {
  dashboardFigures,
  DEFAULT_CUTOFF_DAY,
  monthlyFigures,
  monthlyIdentities,
  percent,
  periodOf,
  type DashboardFigures,
  type Flows,
  type MonthlyFigures,
  type Period,
  type Stocks,
} from './domain/report.ts';
import * as repo from './reports.repository.ts';

export const GROUP_BY = ['none', 'service_point', 'unit', 'field', 'agency', 'channel', 'operator'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface MonthlyRow {
  readonly key: string;
  readonly label: string;
  readonly figures: MonthlyFigures;
}

export interface MonthlyReport {
  readonly definition: 'monthly-tthc';
  readonly period: Period;
  readonly cutoffDay: number;
  readonly unit: string | null;
  readonly groupBy: GroupBy;
  readonly rows: MonthlyRow[];
  readonly totals: MonthlyFigures;
  /** Identities that fail (always empty unless the aggregates are corrupt). */
  readonly identityFailures: string[];
}

export interface DashboardReport {
  readonly definition: 'province-dashboard';
  readonly at: string;
  readonly from: string;
  readonly unit: string | null;
  readonly figures: DashboardFigures;
  readonly byServicePoint: { key: string; label: string; figures: DashboardFigures }[];
}

export interface ServicePointPerformance {
  readonly servicePoint: string;
  readonly resolved: number;
  readonly resolvedOnTimeOrEarly: number;
  readonly resolvedLate: number;
  readonly inProgress: number;
  readonly inProgressOverdue: number;
  /** 766 indicator 2.1 formula, percent (null when 0/0). */
  readonly onTimeRate: number | null;
  readonly ratings: { readonly total: number; readonly satisfied: number; readonly notSatisfied: number };
  /** (very satisfied + satisfied) / ratings, percent (null when no rating). */
  readonly satisfactionRate: number | null;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const CHANNEL_LABELS: Record<string, string> = {
  online: 'Trực tuyến',
  counter: 'Trực tiếp',
  postal: 'Bưu chính công ích',
};
const OPERATOR_LABELS: Record<string, string> = {
  post: 'Bưu điện vận hành',
  government: 'Cơ quan nhà nước vận hành',
};

/** The cube deltas of one dossier change (pure). */
export function dossierChangeDeltas(
  before: Dossier | null,
  after: Dossier,
  cal: WorkingCalendar,
): FactDelta[] {
  const b: ContributionMap = before ? contributionOf(before, cal) : new Map();
  const a = contributionOf(after, cal);
  const beforeDims = before ? dimsOf(before) : null;
  const afterDims = dimsOf(after);
  if (beforeDims === null || JSON.stringify(beforeDims) === JSON.stringify(afterDims))
    return toFactDeltas(diffContributions(b, a), afterDims);
  return [...toFactDeltas(diffContributions(b, new Map()), beforeDims), ...toFactDeltas(a, afterDims)];
}

/** Applies one dossier change to the aggregates (the hook DossierService calls in its transaction). */
export async function applyDossierChange(
  tx: Executor,
  before: Dossier | null,
  after: Dossier,
  cal: WorkingCalendar,
): Promise<void> {
  await repo.applyFactDeltas(tx, dossierChangeDeltas(before, after, cal));
}

/**
 * Full recomputation of the cube and of every listed checkpoint from the given dossiers (run in a
 * transaction; blocks concurrent changes).
 */
export async function rebuildFacts(
  tx: Executor,
  loaded: readonly { d: Dossier; cal: WorkingCalendar }[],
): Promise<void> {
  await tx.execute(sql`lock table report_fact in exclusive mode`);
  await repo.clearFacts(tx);
  for (const { d, cal } of loaded) await applyDossierChange(tx, null, d, cal);
  await repo.rebuildCheckpoints(tx);
}

function toFlows(rows: readonly { measure: string; n: number }[]): Flows {
  const f = zeroFlows();
  for (const r of rows) if (r.measure in f) f[r.measure as FlowMeasure] += r.n;
  return f;
}
function toStocks(rows: readonly { measure: string; n: number }[]): Stocks {
  const s = zeroStocks();
  for (const r of rows) if (r.measure in s) s[r.measure as StockMeasure] += r.n;
  return s;
}
function byValue<T extends { value: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.value, [...(m.get(r.value) ?? []), r]);
  return m;
}

export class ReportsService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    private readonly calendars: CalendarSource,
  ) {}

  /** The hook given to DossierService. */
  readonly onDossierChange: DossierChangeHook = (tx: Executor, before, after, cal) =>
    applyDossierChange(tx, before, after, cal);

  /** Reporting cut-off day (report_setting `monthly.cutoffDay`, default 21). */
  async cutoffDay(): Promise<number> {
    const v = await repo.getSetting(this.database.db, 'monthly.cutoffDay');
    return typeof v === 'number' && v >= 1 && v <= 28 ? v : DEFAULT_CUTOFF_DAY;
  }

  async setCutoffDay(actor: Actor, day: number, now: Date): Promise<void> {
    if (!Number.isInteger(day) || day < 1 || day > 28)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'cutoffDay', reason: 'an integer from 1 to 28' }],
      });
    await repo.putSetting(this.database.db, 'monthly.cutoffDay', day, now, actor.username);
  }

  /** Checks the unit exists and the actor's reports scope covers it; returns the aggregate scope. */
  private async scopeFor(actor: Actor, unit: string | undefined, today: string): Promise<string> {
    if (unit !== undefined && unit !== '') {
      const ancestors = await this.org.unitAncestors(unit, today);
      if (ancestors.length === 0) {
        const ever = await this.org.unitVersions(unit);
        if (!ever || (Array.isArray(ever) && ever.length === 0))
          throw new AppError('VALIDATION_FAILED', {
            invalidParams: [{ name: 'unit', reason: `unknown unit ${unit}` }],
          });
      }
      const chain = ancestors.length > 0 ? ancestors : [unit];
      if (!mayAccess(actor, 'reports.read', { unitAncestors: chain })) throw new AppError('FORBIDDEN');
      return unit;
    }
    if (mayAccess(actor, 'reports.read', { unitAncestors: [] })) return '*';
    // A manager scoped to a unit gets that unit by default.
    const scoped = actor.grants.find((g) => (g.role === 'manager' || g.role === 'auditor') && g.scope.unit);
    if (scoped?.scope.unit) return scoped.scope.unit;
    throw new AppError('FORBIDDEN');
  }

  private parseMonth(period: string | undefined, now: Date, cutoff: number): Period {
    if (period === undefined || period === '') {
      // The period that contains today.
      const today = localDateOf(now);
      const day = Number(today.slice(8, 10));
      let [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
      if (cutoff > 1 && day >= cutoff) {
        m += 1;
        if (m === 13) {
          m = 1;
          y += 1;
        }
      }
      return periodOf(`${y}-${String(m).padStart(2, '0')}`, cutoff);
    }
    if (!MONTH_RE.test(period))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'period', reason: 'YYYY-MM, e.g. 2026-03' }],
      });
    return periodOf(period, cutoff);
  }

  private async labels(dim: GroupDim | 'operator', keys: readonly string[], at: string) {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const ex = this.database.db;
    if (dim === 'service_point') {
      for (const r of await ex
        .select({ code: servicePoints.code, name: servicePoints.name })
        .from(servicePoints)
        .where(inArray(servicePoints.code, [...keys])))
        out.set(r.code, r.name);
    } else if (dim === 'unit') {
      for (const k of keys) {
        const u = await this.org.unitAt(k, at);
        if (u) out.set(k, u.name);
      }
    } else if (dim === 'agency') {
      for (const r of await ex
        .select({ code: agencies.code, name: agencies.name })
        .from(agencies)
        .where(inArray(agencies.code, [...keys])))
        out.set(r.code, r.name);
    } else if (dim === 'channel') for (const k of keys) out.set(k, CHANNEL_LABELS[k] ?? k);
    else if (dim === 'operator') for (const k of keys) out.set(k, OPERATOR_LABELS[k] ?? k);
    return out;
  }

  private async operatorOf(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (codes.length === 0) return out;
    for (const r of await this.database.db
      .select({ code: servicePoints.code, operator: servicePoints.operator })
      .from(servicePoints)
      .where(inArray(servicePoints.code, [...codes])))
      out.set(r.code, r.operator);
    return out;
  }

  /** Months whose checkpoint is known to exist (checkpoints are never dropped). */
  private readonly checkpoints = new Set<string>();

  /**
   * The checkpoint month to read the stocks at the cut-off of `day` from: the month of `day` when it
   * is not after the current month (created on first use), otherwise the latest existing one.
   */
  private async checkpointFor(day: string, today: string): Promise<string | null> {
    const month = monthBucketOf(parseLocalDate(day));
    if (!this.checkpoints.has(month))
      for (const m of await repo.checkpointMonths(this.database.db)) this.checkpoints.add(m);
    if (this.checkpoints.has(month)) return month;
    if (month <= monthBucketOf(parseLocalDate(today))) {
      await this.database.transaction((tx) => repo.createCheckpoint(tx, month));
      this.checkpoints.add(month);
      return month;
    }
    return (
      [...this.checkpoints]
        .filter((m) => m <= month)
        .sort()
        .at(-1) ?? null
    );
  }

  /** Flows of [first, last] and stocks at the cut-offs of `first` and `last + 1`, per group value. */
  private async sums(scope: string, dim: GroupDim, first: string, last: string, today: string) {
    const ex = this.database.db;
    const next = formatDayNumber(parseLocalDate(last) + 1);
    const [firstBase, nextBase] = [
      await this.checkpointFor(first, today),
      await this.checkpointFor(next, today),
    ];
    const [flows, carried, closing] = await Promise.all([
      repo.flowSums(ex, { scope, dim, first, last }),
      repo.stockSums(ex, { scope, dim, day: first, base: firstBase }),
      repo.stockSums(ex, { scope, dim, day: next, base: nextBase }),
    ]);
    return { flows, carried, closing };
  }

  async monthly(
    actor: Actor,
    q: {
      period?: string | undefined;
      unit?: string | undefined;
      groupBy?: string | undefined;
      cutoffDay?: number | undefined;
    },
    now: Date,
  ): Promise<MonthlyReport> {
    return (await this.monthlyWithFlows(actor, q, now)).report;
  }

  /** The monthly report and the flows of its totals (which the 766 index also needs). */
  private async monthlyWithFlows(
    actor: Actor,
    q: {
      period?: string | undefined;
      unit?: string | undefined;
      groupBy?: string | undefined;
      cutoffDay?: number | undefined;
    },
    now: Date,
  ): Promise<{ report: MonthlyReport; flows: Flows }> {
    const groupBy = (q.groupBy ?? 'none') as GroupBy;
    if (!GROUP_BY.includes(groupBy))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'groupBy', reason: `one of ${GROUP_BY.join(', ')}` }],
      });
    const cutoff = q.cutoffDay ?? (await this.cutoffDay());
    if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > 28)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'cutoffDay', reason: 'an integer from 1 to 28' }],
      });
    const period = this.parseMonth(q.period, now, cutoff);
    const scope = await this.scopeFor(actor, q.unit, localDateOf(now));
    const dim: GroupDim = groupBy === 'none' ? 'all' : groupBy === 'operator' ? 'service_point' : groupBy;
    const [s, totalsSums] = await Promise.all([
      this.sums(scope, dim, period.first, period.last, localDateOf(now)),
      dim === 'all' ? undefined : this.sums(scope, 'all', period.first, period.last, localDateOf(now)),
    ]);
    const t = totalsSums ?? s;
    const totals = monthlyFigures(toFlows(t.flows), toStocks(t.carried), toStocks(t.closing));
    let rows: MonthlyRow[] = [];
    if (dim !== 'all') {
      let mapKey = (v: string) => v;
      if (groupBy === 'operator') {
        const ops = await this.operatorOf([
          ...new Set([...s.flows, ...s.carried, ...s.closing].map((r) => r.value)),
        ]);
        mapKey = (v) => ops.get(v) ?? 'government';
      }
      const remap = <T extends { value: string }>(rows: T[]) =>
        rows.map((r) => ({ ...r, value: mapKey(r.value) }));
      const f = byValue(remap(s.flows));
      const c = byValue(remap(s.carried));
      const cl = byValue(remap(s.closing));
      const keys = [...new Set([...f.keys(), ...c.keys(), ...cl.keys()])].sort();
      const labels = await this.labels(groupBy === 'operator' ? 'operator' : dim, keys, period.last);
      rows = keys
        .map((key) => ({
          key,
          label: labels.get(key) ?? key,
          figures: monthlyFigures(
            toFlows(f.get(key) ?? []),
            toStocks(c.get(key) ?? []),
            toStocks(cl.get(key) ?? []),
          ),
        }))
        .filter((r) => r.figures.total > 0);
    }
    const report: MonthlyReport = {
      definition: 'monthly-tthc',
      period,
      cutoffDay: cutoff,
      unit: scope === '*' ? null : scope,
      groupBy,
      rows,
      totals,
      identityFailures: monthlyIdentities(totals),
    };
    return { report, flows: toFlows(t.flows) };
  }

  /** The province dashboard as of the end of local day `at` (default today): month-to-date. */
  async dashboard(
    actor: Actor,
    q: { unit?: string | undefined; at?: string | undefined },
    now: Date,
  ): Promise<DashboardReport> {
    const at = q.at && q.at !== '' ? q.at : localDateOf(now);
    if (!isLocalDate(at))
      throw new AppError('VALIDATION_FAILED', { invalidParams: [{ name: 'at', reason: 'YYYY-MM-DD' }] });
    const scope = await this.scopeFor(actor, q.unit, localDateOf(now));
    const from = `${at.slice(0, 7)}-01`;
    const [all, bySp] = await Promise.all([
      this.sums(scope, 'all', from, at, localDateOf(now)),
      this.sums(scope, 'service_point', from, at, localDateOf(now)),
    ]);
    const figures = dashboardFigures(toFlows(all.flows), toStocks(all.carried), toStocks(all.closing));
    const f = byValue(bySp.flows);
    const c = byValue(bySp.carried);
    const cl = byValue(bySp.closing);
    const keys = [...new Set([...f.keys(), ...c.keys(), ...cl.keys()])].sort();
    const labels = await this.labels('service_point', keys, at);
    return {
      definition: 'province-dashboard',
      at,
      from,
      unit: scope === '*' ? null : scope,
      figures,
      byServicePoint: keys
        .map((key) => ({
          key,
          label: labels.get(key) ?? key,
          figures: dashboardFigures(
            toFlows(f.get(key) ?? []),
            toStocks(c.get(key) ?? []),
            toStocks(cl.get(key) ?? []),
          ),
        }))
        .filter((r) => r.figures.toHandle > 0 || r.figures.doneNotCollected > 0),
    };
  }

  /** Hand-entered 766 indicators (report_setting `index766.manual`): id → value with source. */
  async manual766(): Promise<Record<string, ManualValue>> {
    const v = await repo.getSetting(this.database.db, 'index766.manual');
    return v && typeof v === 'object' ? (v as Record<string, ManualValue>) : {};
  }

  async setManual766(actor: Actor, id: string, value: ManualValue | null, now: Date): Promise<void> {
    if (!mayAccess(actor, 'reports.read', { unitAncestors: [] })) throw new AppError('FORBIDDEN');
    const current = await this.manual766();
    const next = { ...current };
    if (value === null) delete next[id];
    else next[id] = value;
    await repo.putSetting(this.database.db, 'index766.manual', next, now, actor.username);
  }

  private async otherFacts(scope: string, first: string, last: string, at: string): Promise<OtherFacts> {
    const ex = this.database.db;
    const from = new Date(`${first}T00:00:00+07:00`);
    const to = new Date(`${formatDayNumber(parseLocalDate(last) + 1)}T00:00:00+07:00`);
    const inScope = scope === '*' ? sql`true` : sql`${scope} = any(${dossiers.unitAncestors})`;
    const [catalog] = await ex
      .select({
        procedures: sql<number>`count(*)::int`,
        online: sql<number>`(count(*) filter (where ${procedureVersions.onlineLevel} in ('full', 'partial')))::int`,
      })
      .from(procedureVersions)
      .where(
        and(
          eq(procedureVersions.status, 'published'),
          sql`(${procedureVersions.validFrom} is null or ${procedureVersions.validFrom} <= ${at})`,
          sql`(${procedureVersions.validTo} is null or ${procedureVersions.validTo} >= ${at})`,
        ),
      );
    // Dossiers resolved in the period whose applicant rated them "not satisfied" or filed a complaint.
    const [ratings] = await ex
      .select({ disliked: sql<number>`count(distinct ${dossiers.id})::int` })
      .from(dossiers)
      .where(
        and(
          inScope,
          gte(dossiers.processingEndedAt, from),
          sql`${dossiers.processingEndedAt} < ${to}`,
          inArray(dossiers.status, ['result_ready', 'returned']),
          sql`(exists (select 1 from ${dossierRatings} r where r.dossier_id = ${dossiers.id} and r.rating = 'not_satisfied')
            or exists (select 1 from ${feedbackItems} f where f.dossier_code = ${dossiers.code} and f.kind = 'complaint'))`,
        ),
      );
    const spScope =
      scope === '*'
        ? sql`true`
        : sql`${feedbackItems.servicePointCode} in (select ${servicePoints.code} from ${servicePoints} where ${servicePoints.unitCode} in (select ${adminUnits.code} from ${adminUnits} where ${adminUnits.code} = ${scope} or ${adminUnits.parentCode} = ${scope} or ${adminUnits.parentCode} in (select c.code from ${adminUnits} c where c.parent_code = ${scope})))`;
    const [pakn] = await ex
      .select({
        total: sql<number>`count(*)::int`,
        classified: sql<number>`(count(*) filter (where ${feedbackItems.kind} in ('feedback', 'complaint')))::int`,
        decided: sql<number>`(count(*) filter (where ${feedbackItems.answeredOnTime} is not null))::int`,
        onTime: sql<number>`(count(*) filter (where ${feedbackItems.answeredOnTime}))::int`,
        unsatisfiedOrLate: sql<number>`(count(*) filter (where ${feedbackItems.answeredOnTime} = false or exists (select 1 from ${feedbackRatings} fr where fr.feedback_id = "feedback_item"."id" and fr.rating = 'unsatisfied')))::int`,
      })
      .from(feedbackItems)
      .where(and(spScope, gte(feedbackItems.receivedOn, first), lte(feedbackItems.receivedOn, last)));
    return {
      catalog: catalog ?? null,
      ratings: ratings ?? { disliked: 0 },
      pakn: pakn ?? null,
    };
  }

  async index766(actor: Actor, q: { period?: string | undefined; unit?: string | undefined }, now: Date) {
    const { report: monthly, flows } = await this.monthlyWithFlows(
      actor,
      { period: q.period, unit: q.unit, groupBy: 'none' },
      now,
    );
    const scope = monthly.unit ?? '*';
    const other = await this.otherFacts(
      scope,
      monthly.period.first,
      monthly.period.last,
      monthly.period.last,
    );
    const result = index766(monthly.totals, flows, other, await this.manual766());
    return {
      definition: 'qd-766' as const,
      period: monthly.period,
      unit: monthly.unit,
      ...result,
    };
  }

  /**
   * On-time (766 indicator 2.1) and satisfaction (citizen ratings) per service point for a report
   * period (`YYYY-MM`, cut-off as configured) — for the operations module. No actor check: the
   * caller authorises.
   */
  async performanceByServicePoint(
    q: { period?: string | undefined; unit?: string | undefined },
    now: Date,
  ): Promise<ServicePointPerformance[]> {
    const cutoff = await this.cutoffDay();
    const period = this.parseMonth(q.period, now, cutoff);
    const scope = q.unit && q.unit !== '' ? q.unit : '*';
    const s = await this.sums(scope, 'service_point', period.first, period.last, localDateOf(now));
    const f = byValue(s.flows);
    const c = byValue(s.carried);
    const cl = byValue(s.closing);
    const keys = [...new Set([...f.keys(), ...c.keys(), ...cl.keys()])].sort();
    const from = new Date(`${period.first}T00:00:00+07:00`);
    const to = new Date(`${formatDayNumber(parseLocalDate(period.last) + 1)}T00:00:00+07:00`);
    const ratingRows =
      keys.length === 0
        ? []
        : await this.database.db
            .select({
              sp: dossierRatings.servicePointCode,
              rating: dossierRatings.rating,
              n: sql<number>`count(*)::int`,
            })
            .from(dossierRatings)
            .where(
              and(
                inArray(dossierRatings.servicePointCode, keys),
                gte(dossierRatings.ratedAt, from),
                sql`${dossierRatings.ratedAt} < ${to}`,
                isNotNull(dossierRatings.rating),
              ),
            )
            .groupBy(dossierRatings.servicePointCode, dossierRatings.rating);
    return keys.map((sp) => {
      const m = monthlyFigures(
        toFlows(f.get(sp) ?? []),
        toStocks(c.get(sp) ?? []),
        toStocks(cl.get(sp) ?? []),
      );
      const mine = ratingRows.filter((r) => r.sp === sp);
      const total = mine.reduce((a, r) => a + r.n, 0);
      const notSatisfied = mine.filter((r) => r.rating === 'not_satisfied').reduce((a, r) => a + r.n, 0);
      return {
        servicePoint: sp,
        resolved: m.resolved,
        resolvedOnTimeOrEarly: m.resolvedEarly + m.resolvedOnTime,
        resolvedLate: m.resolvedLate,
        inProgress: m.inProgress,
        inProgressOverdue: m.inProgressOverdue,
        onTimeRate: percent(
          m.resolvedEarly + m.resolvedOnTime + m.inProgressWithinTime,
          m.resolved + m.inProgress,
        ),
        ratings: { total, satisfied: total - notSatisfied, notSatisfied },
        satisfactionRate: percent(total - notSatisfied, total),
      };
    });
  }

  /**
   * Full recomputation: empties the cube and adds every dossier's current contribution (the same
   * function the hook uses), then recomputes every existing checkpoint from the cube. Used by tests
   * and for maintenance.
   */
  async rebuild(): Promise<number> {
    const codes = await this.database.db.select({ code: dossiers.code }).from(dossiers);
    const loaded: { d: Dossier; cal: WorkingCalendar }[] = [];
    for (const { code } of codes) {
      const d = await loadDossier(this.database.db, code);
      if (d) loaded.push({ d, cal: (await this.calendars.calendarFor(d.servicePoint.code)).calendar });
    }
    await this.database.transaction((tx) => rebuildFacts(tx, loaded));
    return loaded.length;
  }

  /** The cube and checkpoint rows, sorted (tests compare before/after `rebuild`). */
  async snapshot(): Promise<string[]> {
    return (await repo.allFacts(this.database.db)).sort();
  }
}
