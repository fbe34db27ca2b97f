/**
 * Chain of custody: who holds each paper dossier or result and since when, and the gaps managers
 * must look at:
 *  - `one_side_only`: a hand-over (manifest line) confirmed by the giver or by the receiver, not both;
 *  - `idle`: an item in a courier's hands (or waiting to be handed over) with no event for longer than
 *    the `postal.idleHours` setting (default 24 h).
 * Pure: items, confirmations and `now` are passed in.
 */
import type { Holder, ItemStatus, Leg } from './lifecycle.ts';

/** States in which a courier holds the paper or a hand-over is waiting: an idle item there is a gap. */
export const WATCHED_STATUSES: readonly ItemStatus[] = [
  'picked_up',
  'handover_pending',
  'with_courier',
  'out_for_delivery',
  'attempt_failed',
  'return_pending',
];

/** One line of a hand-over manifest with the confirmations it has. */
export interface ManifestLine {
  readonly manifestId: string;
  readonly manifestNumber: string;
  readonly direction: 'to_counter' | 'to_courier';
  readonly giverConfirmedAt: Date | null;
  readonly receiverConfirmedAt: Date | null;
}

export type CustodyFlag =
  | {
      readonly kind: 'one_side_only';
      readonly manifestId: string;
      readonly manifestNumber: string;
      readonly direction: 'to_counter' | 'to_courier';
      readonly confirmedBy: 'giver' | 'receiver';
      readonly since: Date;
    }
  | { readonly kind: 'idle'; readonly since: Date; readonly hours: number };

export interface CustodyItem {
  readonly trackingNumber: string;
  readonly leg: Leg;
  readonly status: ItemStatus;
  readonly holder: Holder;
  readonly lastEventAt: Date;
}

/** The gaps of one item, oldest first. */
export function custodyFlags(
  item: CustodyItem,
  lines: readonly ManifestLine[],
  now: Date,
  idleHours: number,
): CustodyFlag[] {
  const flags: CustodyFlag[] = [];
  for (const l of lines) {
    const giver = l.giverConfirmedAt !== null;
    const receiver = l.receiverConfirmedAt !== null;
    if (giver === receiver) continue;
    flags.push({
      kind: 'one_side_only',
      manifestId: l.manifestId,
      manifestNumber: l.manifestNumber,
      direction: l.direction,
      confirmedBy: giver ? 'giver' : 'receiver',
      since: (giver ? l.giverConfirmedAt : l.receiverConfirmedAt) as Date,
    });
  }
  if (WATCHED_STATUSES.includes(item.status)) {
    const hours = (now.getTime() - item.lastEventAt.getTime()) / 3_600_000;
    if (hours > idleHours) flags.push({ kind: 'idle', since: item.lastEventAt, hours: Math.floor(hours) });
  }
  return flags.sort((a, b) => a.since.getTime() - b.since.getTime());
}
