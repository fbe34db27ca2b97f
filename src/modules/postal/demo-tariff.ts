/**
 * Demo data of the postal module: the illustrative tariff (domain/tariff.ts, DEMO_TARIFF) in force
 * from the 1 July 2025 reform, so that requests can be priced in the demo. Production sets its own
 * tariff through `POST /api/v1/postal/tariff`.
 */
import type { Executor } from '../../adapters/db/database.ts';
import { DEMO_TARIFF } from './domain/tariff.ts';
import { replaceTariff } from './postal.repository.ts';

export const DEMO_TARIFF_FROM = '2025-07-01';

/** Inserts the demo tariff inside the caller's transaction; returns what the seed's audit event records. */
export async function loadDemoPostalTariff(
  tx: Executor,
  now: Date,
): Promise<{ bands: number; validFrom: string }> {
  await replaceTariff(tx, DEMO_TARIFF, DEMO_TARIFF_FROM, now, 'demo tariff (illustrative)');
  return { bands: DEMO_TARIFF.length, validFrom: DEMO_TARIFF_FROM };
}
