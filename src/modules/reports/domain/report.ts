/**
 * The three report definitions (docs/reports.md), as pure functions of measure sums:
 *
 * 1. the monthly TTHC report (báo cáo định kỳ, TT 01/2020/TT-VPCP columns) with residual rows;
 * 2. the province one-stop dashboard (Gia Lai "Cần xử lý" definitions);
 * 3. the QĐ 766 index (see index766.ts).
 *
 * Sums come from the aggregates (`flows` over a period of days, `stocks` at a cut-off day), or from
 * the naive scan in tests and the benchmark: the formulas here are shared, the sums are not.
 */
import { formatDayNumber, parseLocalDate } from '../../../kernel/calendar/index.ts';
import type { FlowMeasure, StockMeasure } from './contributions.ts';

export type Flows = Readonly<Record<FlowMeasure, number>>;
export type Stocks = Readonly<Record<StockMeasure, number>>;

/** A reporting period: local days [first, last], both inclusive. */
export interface Period {
  readonly key: string;
  readonly first: string;
  readonly last: string;
}

export const DEFAULT_CUTOFF_DAY = 21;

/**
 * The report period for `YYYY-MM` with cut-off day c (1–28): from day c of the previous month to
 * day c−1 of the month (default 21 → 21st of the previous month to the 20th). With c = 1 the period
 * is the calendar month.
 */
export function periodOf(month: string, cutoffDay: number = DEFAULT_CUTOFF_DAY): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  if (cutoffDay === 1) {
    const first = `${y}-${pad(m)}-01`;
    const nextFirst = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
    return { key: month, first, last: formatDayNumber(parseLocalDate(nextFirst) - 1) };
  }
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return {
    key: month,
    first: `${py}-${pad(pm)}-${pad(cutoffDay)}`,
    last: `${y}-${pad(m)}-${pad(cutoffDay - 1)}`,
  };
}

export interface MonthlyFigures {
  /** Tổng số nhận giải quyết = kỳ trước chuyển qua + mới tiếp nhận. */
  readonly total: number;
  readonly carriedOver: number;
  readonly newReceived: number;
  readonly newOnline: number;
  /** Trực tiếp và qua dịch vụ BCCI. */
  readonly newCounterAndPostal: number;
  readonly newCounter: number;
  readonly newPostal: number;
  /** Đã giải quyết = trước hạn + đúng hạn + quá hạn. */
  readonly resolved: number;
  readonly resolvedEarly: number;
  readonly resolvedOnTime: number;
  readonly resolvedLate: number;
  /** Đang giải quyết = trong hạn + quá hạn (clock running at the cut-off). */
  readonly inProgress: number;
  readonly inProgressWithinTime: number;
  readonly inProgressOverdue: number;
  /** Residual rows that make the totals reconcile. */
  readonly waitingSupplement: number;
  readonly withdrawn: number;
  readonly stopped: number;
  readonly rejected: number;
}

export function monthlyFigures(flows: Flows, carried: Stocks, closing: Stocks): MonthlyFigures {
  const newOnline = flows.received_online;
  const newCounter = flows.received_counter;
  const newPostal = flows.received_postal;
  const newReceived = newOnline + newCounter + newPostal;
  const resolved = flows.resolved_early + flows.resolved_on_time + flows.resolved_late;
  const inProgress = closing.open - closing.paused;
  return {
    total: carried.open + newReceived,
    carriedOver: carried.open,
    newReceived,
    newOnline,
    newCounterAndPostal: newCounter + newPostal,
    newCounter,
    newPostal,
    resolved,
    resolvedEarly: flows.resolved_early,
    resolvedOnTime: flows.resolved_on_time,
    resolvedLate: flows.resolved_late,
    inProgress,
    inProgressWithinTime: inProgress - closing.overdue,
    inProgressOverdue: closing.overdue,
    waitingSupplement: closing.paused,
    withdrawn: flows.withdrawn,
    stopped: flows.stopped,
    rejected: flows.rejected,
  };
}

/** Every identity the monthly report promises; returns the ones that fail (empty = reconciles). */
export function monthlyIdentities(f: MonthlyFigures): string[] {
  const checks: [string, boolean][] = [
    ['total = carriedOver + newReceived', f.total === f.carriedOver + f.newReceived],
    ['newReceived = newOnline + newCounterAndPostal', f.newReceived === f.newOnline + f.newCounterAndPostal],
    ['newCounterAndPostal = newCounter + newPostal', f.newCounterAndPostal === f.newCounter + f.newPostal],
    ['resolved = early + onTime + late', f.resolved === f.resolvedEarly + f.resolvedOnTime + f.resolvedLate],
    ['inProgress = withinTime + overdue', f.inProgress === f.inProgressWithinTime + f.inProgressOverdue],
    [
      'total = resolved + inProgress + waitingSupplement + withdrawn + stopped + rejected',
      f.total === f.resolved + f.inProgress + f.waitingSupplement + f.withdrawn + f.stopped + f.rejected,
    ],
    ['no negative figure', Object.values(f).every((v) => v >= 0)],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
}

export interface DashboardFigures {
  /** Cần xử lý = đã tiếp nhận + tồn kỳ trước. */
  readonly toHandle: number;
  readonly received: number;
  readonly carriedOver: number;
  /** Đang xử lý (clock running, plus waiting for supplement shown apart). */
  readonly inProgress: number;
  readonly inProgressLate: number;
  readonly inProgressNearlyLate: number;
  readonly inProgressNotYetDue: number;
  readonly waitingSupplement: number;
  /** Đã xử lý = trễ + sớm (on or before the appointment date); chưa nhận = not yet collected. */
  readonly done: number;
  readonly doneLate: number;
  readonly doneEarly: number;
  readonly doneNotCollected: number;
  /** Rejected, stopped or withdrawn in the month: outside "đã xử lý", shown so totals reconcile. */
  readonly closedOtherwise: number;
  /** Tỉ lệ trễ hạn = (trễ đang xử lý + trễ đã xử lý) / cần xử lý, in percent (null when 0/0). */
  readonly lateRate: number | null;
  /** Tỉ lệ đúng hạn = 100% − tỉ lệ trễ hạn. */
  readonly onTimeRate: number | null;
}

export const percent = (num: number, den: number): number | null =>
  den === 0 ? null : Math.round((num / den) * 10000) / 100;

export function dashboardFigures(flows: Flows, carried: Stocks, closing: Stocks): DashboardFigures {
  const received = flows.received_online + flows.received_counter + flows.received_postal;
  const toHandle = carried.open + received;
  const inProgress = closing.open - closing.paused;
  const doneLate = flows.resolved_late;
  const doneEarly = flows.resolved_early + flows.resolved_on_time;
  const lateRate = percent(closing.overdue + doneLate, toHandle);
  return {
    toHandle,
    received,
    carriedOver: carried.open,
    inProgress,
    inProgressLate: closing.overdue,
    inProgressNearlyLate: closing.nearly,
    inProgressNotYetDue: inProgress - closing.overdue - closing.nearly,
    waitingSupplement: closing.paused,
    done: doneLate + doneEarly,
    doneLate,
    doneEarly,
    doneNotCollected: closing.uncollected,
    closedOtherwise: flows.rejected + flows.stopped + flows.withdrawn,
    lateRate,
    onTimeRate: lateRate === null ? null : Math.round((100 - lateRate) * 100) / 100,
  };
}
