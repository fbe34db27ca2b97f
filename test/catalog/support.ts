/**
 * Helpers of the catalog tests: admin calls, raw-file imports, counting stored versions.
 */
import { countVersions } from '../../src/modules/catalog/catalog.repository.ts';
import type { CatalogFileFormat } from '../../src/modules/catalog/codec/index.ts';
import { generateCatalog } from '../../src/modules/catalog/domain/generate.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.repository.ts';
import { bearer, type TestApp } from '../helpers/test-app.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Stored procedure versions (all codes, all states), read from the database. */
export function storedVersions(t: TestApp): Promise<number> {
  return countVersions(t.db.database.db);
}

/** POST /api/v1/catalog/import as the administrator, with the file as the raw body. */
export async function importThroughApi(t: TestApp, bytes: Uint8Array, format: CatalogFileFormat) {
  const token = await t.tokenFor('admin');
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/catalog/import?format=${format}`,
    headers: { ...bearer(token), 'content-type': format === 'xlsx' ? XLSX_TYPE : 'text/csv' },
    payload: Buffer.from(bytes),
  });
}

/** Loads `count` generated, published procedures through the service (as `motcua catalog generate` does). */
export async function loadGenerated(t: TestApp, count: number, seed = 20220): Promise<void> {
  await t.app.services.catalog.loadVersions(
    SYSTEM_ACTOR,
    generateCatalog({ count, seed }),
    t.clock.now(),
    true,
  );
}

/** Bearer headers of the administrator (the `admin` account exists with or without demo data). */
export async function admin(t: TestApp): Promise<{ authorization: string }> {
  return bearer(await t.tokenFor('admin'));
}

export interface ImportProblem {
  code: string;
  status: number;
  errors: { row: number; column: string; code: string; reason_vi: string; reason_en: string }[];
  warnings: { row: number; column: string; code: string }[];
}
