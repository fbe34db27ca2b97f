/**
 * A postal request (QĐ 45/2016/QĐ-TTg, Art. 5): pickup of the dossier, delivery of the result, or
 * both — independent options, each allowed only when the procedure's catalog version allows it
 * (`postal.sendDossier`, `postal.receiveResult`). Who pays what, and when:
 *  - postage of each leg is collected in cash by the courier on that leg (at pickup, at delivery);
 *  - the procedure's fees are collected by the courier at pickup (QĐ 45: "thu phí, lệ phí"), or —
 *    when the applicant asks for cash on delivery (COD) — with the result at delivery; with neither
 *    pickup nor COD they are paid at the counter as usual.
 * Pure: the procedure's options and amounts are passed in.
 */
import { isLocalDate } from '../../../kernel/local-date.ts';
import type { InvalidParam } from '../../../kernel/errors.ts';
import type { Leg } from './lifecycle.ts';

/** A preferred pickup window on a local date, e.g. 2026-03-03 08:00–11:00. */
export interface PickupWindow {
  readonly date: string;
  readonly from: string;
  readonly to: string;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
/** How far ahead a pickup may be booked. */
export const MAX_WINDOW_DAYS_AHEAD = 30;

/** Problems with a pickup window booked on `today` (local date). */
export function windowProblems(w: PickupWindow, today: string, path = 'body/pickup/window'): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (!isLocalDate(w.date)) problems.push({ name: `${path}/date`, reason: 'a date YYYY-MM-DD' });
  else {
    if (w.date < today) problems.push({ name: `${path}/date`, reason: 'today or later' });
    const ahead = (Date.parse(`${w.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
    if (ahead > MAX_WINDOW_DAYS_AHEAD)
      problems.push({ name: `${path}/date`, reason: `at most ${MAX_WINDOW_DAYS_AHEAD} days ahead` });
  }
  if (!TIME_RE.test(w.from)) problems.push({ name: `${path}/from`, reason: 'a time HH:MM' });
  if (!TIME_RE.test(w.to)) problems.push({ name: `${path}/to`, reason: 'a time HH:MM' });
  if (TIME_RE.test(w.from) && TIME_RE.test(w.to) && w.from >= w.to)
    problems.push({ name: `${path}/to`, reason: 'after the start of the window' });
  return problems;
}

export interface ChargePlanInput {
  readonly legs: readonly Leg[];
  readonly cod: boolean;
  /** Fees still to pay for the dossier (unconditional items of the procedure, or the dossier's unpaid fees). */
  readonly feesVnd: number;
  /** The result may not be handed over until fees are paid (catalog `feesBlockReturn`). */
  readonly feesBlockReturn: boolean;
}

export interface ChargePlan {
  /** Fees the courier collects at pickup. */
  readonly feesAtPickupVnd: number;
  /** Fees the courier collects at delivery (COD). */
  readonly codVnd: number;
  /** Where the fees are paid. */
  readonly feesCollection: 'pickup' | 'cod' | 'counter';
}

/** Where the fees are paid, or problems with the COD choice. */
export function planCharges(input: ChargePlanInput): { plan: ChargePlan; problems: InvalidParam[] } {
  const problems: InvalidParam[] = [];
  if (input.cod && !input.legs.includes('delivery'))
    problems.push({ name: 'body/cod', reason: 'cash on delivery needs the delivery of the result' });
  if (input.cod && input.feesBlockReturn && input.feesVnd > 0)
    problems.push({
      name: 'body/cod',
      reason: 'the procedure’s fees must be paid before the result is handed over',
    });
  if (input.cod)
    return { plan: { feesAtPickupVnd: 0, codVnd: input.feesVnd, feesCollection: 'cod' }, problems };
  if (input.legs.includes('pickup'))
    return { plan: { feesAtPickupVnd: input.feesVnd, codVnd: 0, feesCollection: 'pickup' }, problems };
  return { plan: { feesAtPickupVnd: 0, codVnd: 0, feesCollection: 'counter' }, problems };
}

/** Legs the procedure does not offer by post. */
export function legsNotOffered(
  legs: readonly Leg[],
  postal: { readonly sendDossier: boolean; readonly receiveResult: boolean },
): Leg[] {
  return legs.filter((l) => (l === 'pickup' ? !postal.sendDossier : !postal.receiveResult));
}
