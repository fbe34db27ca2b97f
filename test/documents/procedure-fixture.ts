/**
 * Puts a procedure version where intake reads it, whichever source the app uses: the catalog
 * (default: a draft is created and published from the version's `validFrom`) or an in-memory
 * source (tests that build the app with one). Used by the documents and dossier-page tests, which
 * use their own codes (suffix `.DOC`, `.E2E`) so they never touch the demo catalog's versions.
 */
import type { ProcedureVersion } from '../../src/modules/catalog/domain/procedure.ts';
import { InMemoryProcedureSource } from '../../src/modules/dossiers/procedure-source.ts';
import type { TestApp } from '../helpers/test-app.ts';

const TEST_ACTOR = { id: null, label: 'test-fixture' };

/** Makes `version` available to intake from its `validFrom`; returns its code. */
export async function provideProcedure(t: TestApp, version: ProcedureVersion): Promise<string> {
  const source = t.app.services.procedures;
  if (source instanceof InMemoryProcedureSource) {
    source.add(version);
    return version.code;
  }
  const catalog = t.app.services.catalog;
  const { version: _number, status: _status, ...input } = version;
  const draft = await catalog.createDraft(TEST_ACTOR, { ...input, validTo: null }, t.clock.now());
  await catalog.publish(
    TEST_ACTOR,
    draft.code,
    draft.version,
    version.validFrom ? { validFrom: version.validFrom } : {},
    t.clock.now(),
  );
  return version.code;
}
