/**
 * Cash reconciliation per courier per day: what the courier collected (postage, fees at pickup, cash
 * on delivery) against what they handed over at the counter. Any difference is flagged; a day with
 * collections and no hand-over is `short` by the whole amount. Pure.
 */

export const CASH_CATEGORIES = ['postage', 'fees', 'cod'] as const;
export type CashCategory = (typeof CASH_CATEGORIES)[number];

export type CashEntry =
  | {
      readonly kind: 'collected';
      readonly courierId: string;
      readonly on: string;
      readonly category: CashCategory;
      readonly amountVnd: number;
    }
  | {
      readonly kind: 'handed_over';
      readonly courierId: string;
      readonly on: string;
      readonly amountVnd: number;
    };

export interface CashDay {
  readonly courierId: string;
  readonly on: string;
  readonly collected: {
    readonly postage: number;
    readonly fees: number;
    readonly cod: number;
    readonly total: number;
  };
  readonly handedOver: number;
  /** handedOver − collected: negative means cash is missing. */
  readonly difference: number;
  readonly status: 'balanced' | 'short' | 'over';
  readonly flagged: boolean;
}

/** Reconciles every (courier, day) that has entries, ordered by day then courier. */
export function reconcile(entries: readonly CashEntry[]): CashDay[] {
  const days = new Map<
    string,
    { courierId: string; on: string; postage: number; fees: number; cod: number; handed: number }
  >();
  for (const e of entries) {
    const key = `${e.on}|${e.courierId}`;
    const d = days.get(key) ?? { courierId: e.courierId, on: e.on, postage: 0, fees: 0, cod: 0, handed: 0 };
    if (e.kind === 'collected') d[e.category] += e.amountVnd;
    else d.handed += e.amountVnd;
    days.set(key, d);
  }
  return [...days.values()]
    .sort((a, b) => a.on.localeCompare(b.on) || a.courierId.localeCompare(b.courierId))
    .map((d) => {
      const total = d.postage + d.fees + d.cod;
      const difference = d.handed - total;
      return {
        courierId: d.courierId,
        on: d.on,
        collected: { postage: d.postage, fees: d.fees, cod: d.cod, total },
        handedOver: d.handed,
        difference,
        status: difference === 0 ? 'balanced' : difference < 0 ? 'short' : 'over',
        flagged: difference !== 0,
      };
    });
}
