/**
 * Demo data: the real procedures that can be built are published from the demo horizon 2020-01-01,
 * the others are counted as skipped; an older demo database gets them once on the next start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsFor } from '../../src/modules/audit/audit.repository.ts';
import { countVersions } from '../../src/modules/catalog/catalog.repository.ts';
import {
  DEMO_CATALOG_HORIZON,
  readRealCatalog,
  realCatalogVersions,
} from '../../src/modules/catalog/demo-catalog.ts';
import { initialiseDatabase } from '../../src/demo/seed.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../helpers/test-app.ts';

let demo: TestApp;
let plain: TestApp;
const { versions, skipped } = realCatalogVersions();

beforeAll(async () => {
  demo = await createTestApp({ demo: true });
  plain = await createTestApp({ demo: false });
});
afterAll(async () => {
  await demo?.close();
  await plain?.close();
});

describe('the demo catalog', () => {
  it('holds every real procedure that can be built, published from 2020-01-01, and counts the rest', async () => {
    expect(versions.length + skipped).toBe(readRealCatalog().procedures.length);
    expect(versions.length).toBeGreaterThanOrEqual(10);
    expect(await countVersions(demo.db.database.db)).toBe(versions.length);
    const coverage = (await demo.app.inject({ url: '/api/v1/catalog/coverage' })).json();
    expect(coverage.total.total).toBe(versions.length);
    const history = (await demo.app.inject({ url: '/api/v1/procedures/1.001193/versions' })).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      version: 1,
      status: 'published',
      validFrom: DEMO_CATALOG_HORIZON,
      validTo: null,
    });
    const [initialised] = await auditEventsFor(demo.db.database.db, 'system', 'motcua');
    expect(initialised?.change).toMatchObject({
      catalog: { procedures: versions.length, skipped, validFrom: DEMO_CATALOG_HORIZON },
    });
  });

  it('is not loaded without demo data', async () => {
    expect(await countVersions(plain.db.database.db)).toBe(0);
  });

  it('is loaded once into an older demo database on the next start', async () => {
    const start = () =>
      initialiseDatabase(plain.db.database, {
        demo: true,
        adminPassword: ADMIN_PASSWORD,
        now: plain.clock.now(),
      });
    expect(await start()).toEqual({ fresh: false });
    expect(await countVersions(plain.db.database.db)).toBe(versions.length);
    await start();
    expect(await countVersions(plain.db.database.db)).toBe(versions.length);
    expect(await auditEventsFor(plain.db.database.db, 'catalog', 'procedures')).toHaveLength(1);
  });
});
