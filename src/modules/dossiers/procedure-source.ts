/**
 * Where the dossier service reads procedure versions from: a port, because the catalog module has
 * no repository yet. The catalog's domain type `ProcedureVersion` has no storage id, so the port
 * returns it with the id under which the version is stored (`SourcedProcedure`); the dossier keeps
 * that id, the code and the version number it was received under.
 *
 * `InMemoryProcedureSource` is the default until the catalog ships a table-backed source: in
 * production it is empty (every intake answers DOSSIER_PROCEDURE_NOT_IN_FORCE) and tests fill it
 * through `test/dossiers/builders.ts`. Replacing it is one line in src/app.ts.
 */
import { coversDate } from '../../kernel/local-date.ts';
import type { ProcedureVersion } from '../catalog/domain/procedure.ts';

export interface SourcedProcedure {
  /** Storage id of this version (stable; kept on the dossier). */
  readonly id: string;
  readonly version: ProcedureVersion;
}

export interface ProcedureSource {
  /** The published version of `code` whose validity window covers the local date `at` (YYYY-MM-DD). */
  versionInForce(code: string, at: string): Promise<SourcedProcedure | undefined>;
  versionById(id: string): Promise<SourcedProcedure | undefined>;
}

/** Procedure versions held in memory; ids are `{code}@{version}`. */
export class InMemoryProcedureSource implements ProcedureSource {
  readonly #versions = new Map<string, ProcedureVersion>();

  /** Adds (or replaces) a version and returns its id. */
  add(version: ProcedureVersion): string {
    const id = `${version.code}@${version.version}`;
    this.#versions.set(id, version);
    return id;
  }

  async versionInForce(code: string, at: string): Promise<SourcedProcedure | undefined> {
    for (const [id, v] of this.#versions) {
      if (v.code !== code || v.validFrom === null) continue;
      if (v.status !== 'published' && v.status !== 'retired') continue;
      if (coversDate(v.validFrom, v.validTo, at)) return { id, version: v };
    }
    return undefined;
  }

  async versionById(id: string): Promise<SourcedProcedure | undefined> {
    const v = this.#versions.get(id);
    return v ? { id, version: v } : undefined;
  }
}
