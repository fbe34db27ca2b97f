/**
 * The procedure catalog's use cases: drafts, publishing and retiring versions, the version in force
 * on a date, search, coverage, import and export. Every write runs in one transaction with its audit
 * events; the in-memory search index is rebuilt after a write.
 */
import type { Database } from '../../adapters/db/database.ts';
import { AppError, type ErrorCode, type InvalidParam } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import * as repo from './catalog.repository.ts';
import { procedureVersions } from './catalog.tables.ts';
import { exportCatalog, parseCatalogFile, type CatalogFileFormat, type CatalogImportError, type CatalogImportWarning } from './codec/index.ts';
import { diffVersions, type FieldChange } from './domain/diff.ts';
import { validateProcedureVersion, type ProcedureVersion, type ProcedureVersionInput } from './domain/procedure.ts';
import { buildSearchIndex, searchCatalog, toSummary, type CatalogSearchIndex, type CatalogSearchQuery } from './domain/search.ts';
import { nextVersionNumber, publishVersion, retireVersion, versionInForce, type VersionRuleError } from './domain/versions.ts';

/** A version with the storage id a dossier keeps (the dossiers module's `ProcedureSource` contract). */
export interface SourcedProcedure {
  readonly id: string;
  readonly version: ProcedureVersion;
}

const RULE_TO_ERROR: Record<VersionRuleError['code'], ErrorCode> = {
  VERSION_NOT_FOUND: 'CATALOG_VERSION_NOT_FOUND',
  VERSION_NOT_DRAFT: 'CATALOG_VERSION_NOT_DRAFT',
  VERSION_NOT_PUBLISHED: 'CATALOG_VERSION_NOT_PUBLISHED',
  VERSION_INVALID: 'CATALOG_VERSION_INVALID',
  VALID_FROM_REQUIRED: 'CATALOG_VALID_FROM_REQUIRED',
  VALIDITY_OVERLAP: 'CATALOG_VERSION_OVERLAP',
  CODE_MISMATCH: 'CATALOG_VERSION_INVALID',
  RETIRE_DATE_INVALID: 'CATALOG_RETIRE_DATE_INVALID',
};

function ruleError(error: VersionRuleError): AppError {
  return new AppError(RULE_TO_ERROR[error.code], {
    detail: error.en,
    details: { rule: error.code, ...(error.conflictingVersion !== undefined ? { conflictingVersion: error.conflictingVersion } : {}) },
    invalidParams: error.problems?.map((p) => ({ name: p.path, reason: p.en, code: p.code })),
  });
}

function problemsToParams(input: ProcedureVersionInput): InvalidParam[] {
  return validateProcedureVersion(input).map((p) => ({ name: p.path, reason: p.en, code: p.code }));
}

function asVersion(row: repo.ProcedureVersionRow): ProcedureVersion {
  // The columns are authoritative for the version's state; the document for its content.
  return { ...row.document, version: row.version, status: row.status as ProcedureVersion['status'], validFrom: row.validFrom, validTo: row.validTo };
}

export interface ImportReport {
  readonly imported: number;
  readonly skipped: number;
  readonly errors: readonly CatalogImportError[];
  readonly warnings: readonly CatalogImportWarning[];
}

export interface CoverageRow {
  readonly level: string;
  readonly total: number;
  readonly oneStop: number;
  readonly notOneStop: number;
  readonly online: { full: number; partial: number; none: number };
  readonly postal: { send: number; receive: number };
}

export class CatalogService {
  #index: { date: string; index: CatalogSearchIndex; inForce: Map<string, { id: number; version: ProcedureVersion }> } | undefined;

  constructor(private readonly database: Database) {}

  invalidate(): void {
    this.#index = undefined;
  }

  /** Versions in force on `date`, by code, and a search index over them; cached per date. */
  private async inForce(date: string) {
    if (this.#index?.date === date) return this.#index;
    const rows = await repo.versionsWithWindow(this.database.db);
    const byCode = new Map<string, repo.ProcedureVersionRow[]>();
    for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
    const inForce = new Map<string, { id: number; version: ProcedureVersion }>();
    for (const [code, list] of byCode) {
      const versions = list.map(asVersion);
      const found = versionInForce(versions, date);
      if (found) inForce.set(code, { id: list.find((r) => r.version === found.version)!.id, version: found });
    }
    const index = buildSearchIndex([...inForce.values()].map((v) => toSummary(v.version)));
    this.#index = { date, index, inForce };
    return this.#index;
  }

  async search(query: CatalogSearchQuery, at: string) {
    const { index } = await this.inForce(at);
    return searchCatalog(index, query);
  }

  /** The version in force on `at` (published or since retired), as the dossiers module needs it. */
  async versionInForce(code: string, at: string): Promise<SourcedProcedure | undefined> {
    const found = (await this.inForce(at)).inForce.get(code);
    return found ? { id: String(found.id), version: found.version } : undefined;
  }

  async versionById(id: string): Promise<SourcedProcedure | undefined> {
    const n = Number(id);
    if (!Number.isInteger(n) || n <= 0) return undefined;
    const row = await repo.findById(this.database.db, n);
    return row ? { id: String(row.id), version: asVersion(row) } : undefined;
  }

  async procedure(code: string, at: string) {
    const found = await this.versionInForce(code, at);
    if (!found) {
      const history = await repo.historyOf(this.database.db, code);
      throw new AppError(history.length === 0 ? 'PROCEDURE_NOT_FOUND' : 'PROCEDURE_NOT_IN_FORCE', { details: { code, at } });
    }
    return found;
  }

  async versions(code: string) {
    const rows = await repo.historyOf(this.database.db, code);
    if (rows.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
    return rows.map((r) => ({ id: r.id, ...asVersion(r), createdAt: r.createdAt, createdBy: r.createdBy, publishedAt: r.publishedAt, publishedBy: r.publishedBy }));
  }

  /** Field-by-field changes from `from` to `to` (two versions of one code). */
  async diff(code: string, from: number, to: number): Promise<FieldChange[]> {
    const history = (await repo.historyOf(this.database.db, code)).map(asVersion);
    const a = history.find((v) => v.version === from);
    const b = history.find((v) => v.version === to);
    if (!a || !b) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, from, to } });
    return diffVersions(a, b);
  }

  async createDraft(actor: AuditActor, input: ProcedureVersionInput, now: Date): Promise<ProcedureVersion> {
    const problems = problemsToParams({ ...input, status: 'draft' });
    if (problems.length > 0) throw new AppError('CATALOG_VERSION_INVALID', { invalidParams: problems });
    return this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, input.code)).map(asVersion);
      const draft: ProcedureVersion = { ...input, version: nextVersionNumber(history), status: 'draft', validTo: null };
      await repo.insertVersion(tx, repo.toRow(draft, { createdAt: now, createdBy: actor.label }));
      await appendAudit(tx, actor, now, [{ action: 'procedure.draft-created', entityType: 'procedure', entityId: `${draft.code}@${draft.version}`, change: { name: draft.name } }]);
      return draft;
    });
  }

  async updateDraft(actor: AuditActor, code: string, version: number, input: ProcedureVersionInput, now: Date): Promise<ProcedureVersion> {
    if (input.code !== code) throw new AppError('VALIDATION_FAILED', { invalidParams: [{ name: 'code', reason: 'must match the URL' }] });
    const problems = problemsToParams({ ...input, status: 'draft' });
    if (problems.length > 0) throw new AppError('CATALOG_VERSION_INVALID', { invalidParams: problems });
    return this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      const current = history.find((v) => v.version === version);
      if (!current) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, version } });
      if (current.status !== 'draft') throw new AppError('CATALOG_VERSION_NOT_DRAFT', { details: { code, version } });
      const updated: ProcedureVersion = { ...input, version, status: 'draft', validTo: null };
      await repo.updateVersion(tx, code, version, updated);
      await appendAudit(tx, actor, now, [{ action: 'procedure.draft-updated', entityType: 'procedure', entityId: `${code}@${version}`, change: diffVersions(current, updated).map((c) => c.path) }]);
      return updated;
    });
  }

  async publish(actor: AuditActor, code: string, version: number, options: { validFrom?: string; decision?: { number: string; date: string } }, now: Date) {
    const result = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      const outcome = publishVersion(history, version, options);
      if (!outcome.ok) throw ruleError(outcome.error);
      for (const change of outcome.value.changes) {
        const isTarget = change.after.version === version;
        await repo.updateVersion(tx, code, change.after.version, change.after, isTarget ? { at: now, by: actor.label } : undefined);
      }
      await appendAudit(
        tx,
        actor,
        now,
        outcome.value.changes.map((c) => ({
          action: c.after.version === version ? 'procedure.published' : 'procedure.window-closed',
          entityType: 'procedure',
          entityId: `${code}@${c.after.version}`,
          change: { validFrom: c.after.validFrom, validTo: c.after.validTo, status: c.after.status },
        })),
      );
      return outcome.value.versions.find((v) => v.version === version)!;
    });
    this.invalidate();
    return result;
  }

  async retire(actor: AuditActor, code: string, version: number, lastDay: string, now: Date) {
    const result = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      const outcome = retireVersion(history, version, lastDay);
      if (!outcome.ok) throw ruleError(outcome.error);
      for (const change of outcome.value.changes) await repo.updateVersion(tx, code, change.after.version, change.after);
      await appendAudit(tx, actor, now, [{ action: 'procedure.retired', entityType: 'procedure', entityId: `${code}@${version}`, change: { lastDay } }]);
      return outcome.value.versions.find((v) => v.version === version)!;
    });
    this.invalidate();
    return result;
  }

  /** Procedures in force on `at` counted by level × one-stop × online level × postal. */
  async coverage(at: string): Promise<{ at: string; rows: CoverageRow[]; total: CoverageRow }> {
    const { inForce } = await this.inForce(at);
    const empty = (level: string): CoverageRow => ({ level, total: 0, oneStop: 0, notOneStop: 0, online: { full: 0, partial: 0, none: 0 }, postal: { send: 0, receive: 0 } });
    const rows = new Map<string, CoverageRow>(['province', 'district', 'commune'].map((l) => [l, empty(l)]));
    const total = empty('all');
    const add = (row: CoverageRow, v: ProcedureVersion) => {
      const r = row as { -readonly [K in keyof CoverageRow]: CoverageRow[K] };
      r.total += 1;
      if (v.oneStop) r.oneStop += 1;
      else r.notOneStop += 1;
      r.online[v.onlineLevel] += 1;
      if (v.postal.sendDossier) r.postal.send += 1;
      if (v.postal.receiveResult) r.postal.receive += 1;
    };
    for (const { version } of inForce.values()) {
      add(total, version);
      for (const level of version.levels) {
        const row = rows.get(level);
        if (row) add(row, version);
      }
    }
    return { at, rows: [...rows.values()], total };
  }

  /**
   * Imports a whole file, all or nothing: every row is validated first and every error reported;
   * nothing is written unless the whole file is clean. A row whose (code, version) is already stored
   * with the same content is skipped, so importing the same file twice changes nothing.
   */
  async importFile(actor: AuditActor, bytes: Uint8Array, format: CatalogFileFormat, now: Date, onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
    const parsed = await parseCatalogFile(bytes, format);
    const errors: CatalogImportError[] = [...parsed.errors];
    if (errors.length > 0) return { imported: 0, skipped: 0, errors, warnings: parsed.warnings };
    let imported = 0;
    let skipped = 0;
    const conflicts: CatalogImportError[] = [];
    await this.database.transaction(async (tx) => {
      const existing = new Map<string, repo.ProcedureVersionRow>();
      for (const r of await repo.allVersions(tx)) existing.set(`${r.code}@${r.version}`, r);
      const next = new Map<string, number>();
      const rows: ReturnType<typeof repo.toRow>[] = [];
      parsed.rows.forEach((input, i) => {
        const rowNumber = parsed.rowNumbers[i] ?? i + 2;
        let version = input.version;
        if (version === undefined) {
          const base = next.get(input.code) ?? Math.max(0, ...[...existing.values()].filter((r) => r.code === input.code).map((r) => r.version));
          version = base + 1;
        }
        next.set(input.code, Math.max(next.get(input.code) ?? 0, version));
        const v: ProcedureVersion = { ...input, version, status: input.status ?? 'draft' };
        const stored = existing.get(`${v.code}@${version}`);
        if (stored) {
          if (JSON.stringify(asVersion(stored)) === JSON.stringify(v)) skipped += 1;
          else conflicts.push({ row: rowNumber, column: 'Phiên bản', code: 'DUPLICATE_VERSION', reason_vi: `Phiên bản ${version} của ${v.code} đã có với nội dung khác.`, reason_en: `Version ${version} of ${v.code} already exists with different content.` });
          return;
        }
        rows.push(repo.toRow(v, { createdAt: now, createdBy: actor.label, generated: v.code.endsWith('.GEN') }));
      });
      if (conflicts.length > 0) return;
      for (let i = 0; i < rows.length; i += 250) {
        await tx.insert(procedureVersions).values(rows.slice(i, i + 250));
        onProgress?.(Math.min(i + 250, rows.length), rows.length);
      }
      imported = rows.length;
      await appendAudit(tx, actor, now, [{ action: 'catalog.imported', entityType: 'catalog', entityId: 'procedures', change: { format, imported, skipped } }]);
    });
    if (conflicts.length > 0) return { imported: 0, skipped: 0, errors: conflicts, warnings: parsed.warnings };
    this.invalidate();
    return { imported, skipped, errors: [], warnings: parsed.warnings };
  }

  async exportFile(format: CatalogFileFormat, filter: { generated?: boolean } = {}): Promise<Buffer> {
    const rows = await repo.allVersions(this.database.db);
    const versions = rows.filter((r) => filter.generated === undefined || r.generated === filter.generated).map(asVersion);
    return exportCatalog(versions, format);
  }

  /** Inserts already-built versions (demo data, the generator) in one transaction. */
  async loadVersions(actor: AuditActor, versions: readonly ProcedureVersion[], now: Date, generated: boolean): Promise<number> {
    await this.database.transaction(async (tx) => {
      const rows = versions.map((v) => repo.toRow(v, { createdAt: now, createdBy: actor.label, generated }));
      for (let i = 0; i < rows.length; i += 250) await tx.insert(procedureVersions).values(rows.slice(i, i + 250));
      await appendAudit(tx, actor, now, [{ action: generated ? 'catalog.generated' : 'catalog.loaded', entityType: 'catalog', entityId: 'procedures', change: { count: rows.length } }]);
    });
    this.invalidate();
    return versions.length;
  }

  today(now: Date): string {
    return localDateOf(now);
  }
}
