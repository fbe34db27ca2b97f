/**
 * Postal figures for a period of local dates [from, to] (the API the Reports issue uses):
 *  - items created per leg; items completed per leg (pickup: received at the counter; delivery:
 *    delivered), returned, cancelled, failed visits;
 *  - delivery success rate = delivered ÷ (delivered + returned) among delivery items that ended in
 *    the period; first-attempt rate = delivered at the first visit ÷ the same denominator;
 *  - median hours per leg: `transit` from the courier taking the paper (pickup: picked up; delivery:
 *    result taken over) to the end of the leg, `total` from the request to the end of the leg;
 *  - cash on delivery collected in the period, and settled: COD of courier-days whose cash was
 *    handed over in full (reconciliation `balanced` or `over`).
 * Pure: rows are passed in; dates are local (UTC+7) strings computed by the caller.
 */
import type { CashDay } from './cash.ts';
import type { Leg } from './lifecycle.ts';

export interface FigureItem {
  readonly leg: Leg;
  readonly createdOn: string;
  readonly createdAt: Date;
  /** When the courier took the paper (pick-up / take-over of the result). */
  readonly startedAt: Date | null;
  /** When the leg ended and how. */
  readonly endedAt: Date | null;
  readonly endedOn: string | null;
  readonly outcome: 'open' | 'done' | 'returned' | 'cancelled';
  readonly failedAttempts: number;
}

export interface LegFigures {
  readonly created: number;
  readonly completed: number;
  readonly returned: number;
  readonly cancelled: number;
  readonly failedAttempts: number;
  readonly medianHours: { readonly transit: number | null; readonly total: number | null };
}

export interface PostalFigures {
  readonly from: string;
  readonly to: string;
  readonly legs: Readonly<Record<Leg, LegFigures>>;
  readonly delivery: { readonly successRate: number | null; readonly firstAttemptRate: number | null };
  readonly cod: { readonly collectedVnd: number; readonly settledVnd: number };
}

/** The median of a list (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const hours = (a: Date, b: Date): number => (b.getTime() - a.getTime()) / 3_600_000;
const round = (n: number | null, digits = 2): number | null =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const within = (d: string | null, from: string, to: string): boolean => d !== null && d >= from && d <= to;

function legFigures(items: readonly FigureItem[], from: string, to: string): LegFigures {
  const ended = items.filter((i) => within(i.endedOn, from, to));
  const done = ended.filter((i) => i.outcome === 'done');
  return {
    created: items.filter((i) => within(i.createdOn, from, to)).length,
    completed: done.length,
    returned: ended.filter((i) => i.outcome === 'returned').length,
    cancelled: ended.filter((i) => i.outcome === 'cancelled').length,
    failedAttempts: ended.reduce((s, i) => s + i.failedAttempts, 0),
    medianHours: {
      transit: round(
        median(
          done
            .filter((i) => i.startedAt && i.endedAt)
            .map((i) => hours(i.startedAt as Date, i.endedAt as Date)),
        ),
      ),
      total: round(median(done.filter((i) => i.endedAt).map((i) => hours(i.createdAt, i.endedAt as Date)))),
    },
  };
}

export function postalFigures(
  items: readonly FigureItem[],
  cashDays: readonly CashDay[],
  period: { readonly from: string; readonly to: string },
): PostalFigures {
  const { from, to } = period;
  const pickup = legFigures(
    items.filter((i) => i.leg === 'pickup'),
    from,
    to,
  );
  const deliveryItems = items.filter((i) => i.leg === 'delivery');
  const delivery = legFigures(deliveryItems, from, to);
  const finished = deliveryItems.filter(
    (i) => within(i.endedOn, from, to) && (i.outcome === 'done' || i.outcome === 'returned'),
  );
  const firstAttempt = finished.filter((i) => i.outcome === 'done' && i.failedAttempts === 0).length;
  const days = cashDays.filter((d) => within(d.on, from, to));
  return {
    from,
    to,
    legs: { pickup, delivery },
    delivery: {
      successRate: finished.length === 0 ? null : round(delivery.completed / finished.length, 4),
      firstAttemptRate: finished.length === 0 ? null : round(firstAttempt / finished.length, 4),
    },
    cod: {
      collectedVnd: days.reduce((s, d) => s + d.collected.cod, 0),
      settledVnd: days.filter((d) => d.status !== 'short').reduce((s, d) => s + d.collected.cod, 0),
    },
  };
}
