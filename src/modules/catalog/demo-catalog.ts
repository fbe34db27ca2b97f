/**
 * Demo data of the catalog: the real procedures of data/catalog/procedures.real.json that are
 * complete enough to become a version (`realEntryToDraft`), published from the demo horizon
 * 2020-01-01 with an open end (docs/catalog.md, "Demo data"). The others are skipped and counted.
 */
import { readFileSync } from 'node:fs';
import type { Database, Executor } from '../../adapters/db/database.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit.repository.ts';
import { countVersions, insertVersions, toRow } from './catalog.repository.ts';
import type { ProcedureVersion } from './domain/procedure.ts';
import { realEntryToDraft, type RealCatalogFile } from './domain/real-catalog.ts';

/** The start of validity given to the demo's real procedures (a convention, not a legal date). */
export const DEMO_CATALOG_HORIZON = '2020-01-01';

const REAL_CATALOG_FILE = new URL('../../../data/catalog/procedures.real.json', import.meta.url);

/** Reads the real-procedure file shipped in data/catalog/. */
export function readRealCatalog(): RealCatalogFile {
  return JSON.parse(readFileSync(REAL_CATALOG_FILE, 'utf8')) as RealCatalogFile;
}

/** The real procedures as published version-1 records, and how many entries could not be built. */
export function realCatalogVersions(file: RealCatalogFile = readRealCatalog()): {
  versions: ProcedureVersion[];
  skipped: number;
} {
  const versions: ProcedureVersion[] = [];
  let skipped = 0;
  for (const entry of file.procedures) {
    const draft = realEntryToDraft(entry);
    if (draft === null) {
      skipped += 1;
      continue;
    }
    versions.push({
      ...draft,
      version: 1,
      status: 'published',
      validFrom: DEMO_CATALOG_HORIZON,
      validTo: null,
    });
  }
  return { versions, skipped };
}

/** Inserts the real procedures inside the caller's transaction; returns the counts for the audit event. */
export async function loadDemoCatalog(
  tx: Executor,
  now: Date,
): Promise<{ procedures: number; skipped: number; validFrom: string }> {
  const { versions, skipped } = realCatalogVersions();
  await insertVersions(
    tx,
    versions.map((v) => toRow(v, { createdAt: now, createdBy: 'system' })),
  );
  return { procedures: versions.length, skipped, validFrom: DEMO_CATALOG_HORIZON };
}

/**
 * For a demo database created before the catalog existed: loads the real procedures when the
 * catalog is empty (one transaction, with its audit event); does nothing otherwise.
 */
export async function ensureDemoCatalog(database: Database, now: Date): Promise<boolean> {
  if ((await countVersions(database.db)) > 0) return false;
  await database.transaction(async (tx) => {
    const loaded = await loadDemoCatalog(tx, now);
    await appendAudit(tx, SYSTEM_ACTOR, now, [
      { action: 'catalog.loaded', entityType: 'catalog', entityId: 'procedures', change: loaded },
    ]);
  });
  return true;
}
