/**
 * Demo data of the postal module: the illustrative tariff (domain/tariff.ts, DEMO_TARIFF) in force
 * from the 1 July 2025 reform, so that requests can be priced in the demo. Production sets its own
 * tariff through `POST /api/v1/postal/tariff`.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../adapters/db/database.ts';
import { postalTariff } from '../../adapters/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit.repository.ts';
import { enqueueOutbox } from '../outbox/outbox.repository.ts';
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

/** A demo database made before the postal module gets the demo tariff once (nothing when it has any tariff). */
export async function ensureDemoPostalTariff(database: Database, now: Date): Promise<boolean> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(postalTariff);
  if ((row?.n ?? 0) > 0) return false;
  await database.transaction(async (tx) => {
    const loaded = await loadDemoPostalTariff(tx, now);
    await appendAudit(tx, SYSTEM_ACTOR, now, [
      {
        action: 'postal.tariff-set',
        entityType: 'postal-tariff',
        entityId: DEMO_TARIFF_FROM,
        change: { ...loaded, demo: true },
      },
    ]);
    await enqueueOutbox(tx, now, [
      { topic: 'postal.tariff-set', payload: { validFrom: DEMO_TARIFF_FROM, bands: loaded.bands } },
    ]);
  });
  return true;
}
