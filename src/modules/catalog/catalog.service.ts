/**
 * The procedure catalog's use cases: drafts, publishing and retiring versions, the version in force
 * on a date, search, coverage, import and export. Every write runs in one transaction with its audit
 * events.
 *
 * Reads go through an in-memory snapshot of the stored versions, loaded once and dropped after
 * every write of this service (`invalidate`). Per local date the snapshot keeps the versions in
 * force and, on first search, a search index over them. The snapshot belongs to this process: a
 * write by another process (the CLI against a PostgreSQL server) is seen after a restart or a
 * call to `invalidate()`.
 */
import type { Database } from '../../adapters/db/database.ts';
import { AppError, type ErrorCode, type InvalidParam } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import * as repo from './catalog.repository.ts';
import {
  exportCatalog,
  parseCatalogFile,
  type CatalogFileFormat,
  type CatalogImportError,
  type CatalogImportWarning,
} from './codec/index.ts';
import { diffVersions, type FieldChange } from './domain/diff.ts';
import {
  validateProcedureVersion,
  type OnlineLevel,
  type ProcedureLevel,
  type ProcedureStatus,
  type ProcedureVersion,
  type ProcedureVersionInput,
} from './domain/procedure.ts';
import {
  buildSearchIndex,
  searchCatalog,
  toSummary,
  type CatalogSearchIndex,
  type CatalogSearchQuery,
  type CatalogSearchResult,
} from './domain/search.ts';
import {
  nextVersionNumber,
  publishVersion,
  retireVersion,
  versionInForce,
  type VersionRuleError,
} from './domain/versions.ts';

/** A version with the storage id a dossier keeps (the dossiers module's `ProcedureSource` contract). */
export interface SourcedProcedure {
  readonly id: string;
  readonly version: ProcedureVersion;
}

/** A stored version with its bookkeeping (who created and published it, when). */
export interface StoredVersion extends ProcedureVersion {
  readonly id: number;
  readonly generated: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly publishedAt: Date | null;
  readonly publishedBy: string | null;
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
    details: {
      rule: error.code,
      ...(error.conflictingVersion !== undefined ? { conflictingVersion: error.conflictingVersion } : {}),
    },
    invalidParams: error.problems?.map((p) => ({ name: p.path, reason: p.en, code: p.code })),
  });
}

function problemsToParams(input: ProcedureVersionInput): InvalidParam[] {
  return validateProcedureVersion(input).map((p) => ({ name: p.path, reason: p.en, code: p.code }));
}

function asVersion(row: repo.ProcedureVersionRow): ProcedureVersion {
  // The columns are authoritative for the version's state; the document for its content.
  return {
    ...row.document,
    version: row.version,
    status: row.status as ProcedureStatus,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

function asStored(row: repo.ProcedureVersionRow): StoredVersion {
  return {
    ...asVersion(row),
    id: row.id,
    generated: row.generated,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/** JSON with sorted keys and no undefined members: equal content gives equal text (jsonb reorders keys). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** The content of a version without the state columns (to compare an imported row with a stored one). */
function sameVersion(a: ProcedureVersion, b: ProcedureVersion): boolean {
  return canonical(a) === canonical(b);
}

const hasWindow = (v: ProcedureVersion): boolean =>
  (v.status === 'published' || v.status === 'retired') && v.validFrom !== null;

function windowsOverlap(a: ProcedureVersion, b: ProcedureVersion): boolean {
  if (a.validFrom === null || b.validFrom === null) return false;
  return (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
}

/** The outcome of an import: what was written and skipped, or every error (and then nothing was written). */
export interface ImportReport {
  readonly imported: number;
  readonly skipped: number;
  readonly errors: readonly CatalogImportError[];
  readonly warnings: readonly CatalogImportWarning[];
}

/** One row of the coverage table: procedures in force at a level (or in total), counted four ways. */
export interface CoverageRow {
  readonly level: ProcedureLevel | 'all';
  readonly total: number;
  readonly oneStop: number;
  readonly notOneStop: number;
  readonly online: { full: number; partial: number; none: number };
  /** Postal (BCCI) options: sending the dossier, receiving the result, both, neither. */
  readonly postal: { send: number; receive: number; both: number; none: number };
}

/** The coverage table on a date. A procedure at two levels counts in both level rows, once in `total`. */
export interface CoverageTable {
  readonly at: string;
  readonly rows: readonly CoverageRow[];
  readonly total: CoverageRow;
}

/** A code as the staff list shows it: its latest version, and which version is in force today. */
export interface AdminCatalogEntry {
  readonly code: string;
  readonly latest: ProcedureVersion;
  readonly versions: number;
  readonly inForceVersion: number | null;
  readonly hasDraft: boolean;
}

/** The staff list's search: text, the latest version's status, paging. */
export interface AdminCatalogQuery {
  readonly text?: string;
  readonly status?: ProcedureStatus;
  readonly page?: number;
  readonly pageSize?: number;
}

interface InForce {
  readonly id: number;
  readonly version: ProcedureVersion;
}

interface DateView {
  readonly inForce: ReadonlyMap<string, InForce>;
  index?: CatalogSearchIndex;
}

interface AdminView {
  readonly entries: ReadonlyMap<string, AdminCatalogEntry>;
  readonly index: CatalogSearchIndex;
}

/** All stored versions at one moment, with per-date views computed on demand. */
interface Snapshot {
  /** Rows by code, oldest version first. */
  readonly byCode: ReadonlyMap<string, readonly repo.ProcedureVersionRow[]>;
  readonly dates: Map<string, DateView>;
  admin?: { readonly date: string; readonly view: AdminView };
}

const MAX_CACHED_DATES = 16;

/** Progress of an import or a load: `done` of `total` rows written. */
export type ImportProgress = (done: number, total: number) => void;

/** The catalog's use cases over one database; one instance per process (it caches the catalog). */
export class CatalogService {
  #snapshot: Promise<Snapshot> | undefined;

  constructor(private readonly database: Database) {}

  /** Drops the cached snapshot; the next read loads the catalog again. */
  invalidate(): void {
    this.#snapshot = undefined;
  }

  private snapshot(): Promise<Snapshot> {
    if (this.#snapshot === undefined) {
      const loading = repo.allVersions(this.database.db).then((rows) => {
        const byCode = new Map<string, repo.ProcedureVersionRow[]>();
        for (const r of rows) {
          const list = byCode.get(r.code);
          if (list) list.push(r);
          else byCode.set(r.code, [r]);
        }
        return { byCode, dates: new Map<string, DateView>() } satisfies Snapshot;
      });
      this.#snapshot = loading;
      // A failed load is not cached.
      loading.catch(() => {
        if (this.#snapshot === loading) this.#snapshot = undefined;
      });
    }
    return this.#snapshot;
  }

  /** Versions in force on `date`, by code (cached per date in the snapshot). */
  private async dateView(date: string): Promise<DateView> {
    const snap = await this.snapshot();
    const cached = snap.dates.get(date);
    if (cached) {
      // Most recently used last.
      snap.dates.delete(date);
      snap.dates.set(date, cached);
      return cached;
    }
    const inForce = new Map<string, InForce>();
    for (const [code, rows] of snap.byCode) {
      const versions = rows.filter((r) => r.status !== 'draft').map(asVersion);
      const found = versionInForce(versions, date);
      const row = found ? rows.find((r) => r.version === found.version) : undefined;
      if (found && row) inForce.set(code, { id: row.id, version: found });
    }
    const view: DateView = { inForce };
    snap.dates.set(date, view);
    while (snap.dates.size > MAX_CACHED_DATES) {
      const oldest = snap.dates.keys().next().value;
      if (oldest === undefined) break;
      snap.dates.delete(oldest);
    }
    return view;
  }

  private async searchIndex(date: string): Promise<CatalogSearchIndex> {
    const view = await this.dateView(date);
    view.index ??= buildSearchIndex([...view.inForce.values()].map((v) => toSummary(v.version)));
    return view.index;
  }

  /** Search the procedures in force on `at`. */
  async search(query: CatalogSearchQuery, at: string): Promise<CatalogSearchResult> {
    return searchCatalog(await this.searchIndex(at), query);
  }

  /** Search, answering with the full versions in force (the search index holds summaries only). */
  async searchVersions(
    query: CatalogSearchQuery,
    at: string,
  ): Promise<{ items: ProcedureVersion[]; total: number; page: number; pageSize: number }> {
    const view = await this.dateView(at);
    const result = searchCatalog(await this.searchIndex(at), query);
    const items = result.items
      .map((h) => view.inForce.get(h.procedure.code)?.version)
      .filter((v): v is ProcedureVersion => v !== undefined);
    return { items, total: result.total, page: result.page, pageSize: result.pageSize };
  }

  /** The fields (lĩnh vực) of the procedures in force on `at`, sorted in Vietnamese order. */
  async fields(at: string): Promise<string[]> {
    const view = await this.dateView(at);
    const fields = new Set([...view.inForce.values()].map((v) => v.version.field));
    return [...fields].sort((a, b) => a.localeCompare(b, 'vi'));
  }

  /** The version in force on `at` (published or since retired), as the dossiers module needs it. */
  async versionInForce(code: string, at: string): Promise<SourcedProcedure | undefined> {
    const found = (await this.dateView(at)).inForce.get(code);
    return found ? { id: String(found.id), version: found.version } : undefined;
  }

  /** A stored version by its id (the id a dossier keeps). */
  async versionById(id: string): Promise<SourcedProcedure | undefined> {
    if (!/^[1-9]\d{0,9}$/.test(id)) return undefined;
    const row = await repo.findById(this.database.db, Number(id));
    return row ? { id: String(row.id), version: asVersion(row) } : undefined;
  }

  /** The version of `code` in force on `at`; PROCEDURE_NOT_FOUND or PROCEDURE_NOT_IN_FORCE otherwise. */
  async procedure(code: string, at: string): Promise<SourcedProcedure> {
    const found = await this.versionInForce(code, at);
    if (!found) {
      const snap = await this.snapshot();
      const known = (snap.byCode.get(code) ?? []).some((r) => r.status !== 'draft');
      throw new AppError(known ? 'PROCEDURE_NOT_IN_FORCE' : 'PROCEDURE_NOT_FOUND', { details: { code, at } });
    }
    return found;
  }

  /** Every version of a code, oldest first (read from the database, not the snapshot). */
  async versions(code: string): Promise<StoredVersion[]> {
    const rows = await repo.historyOf(this.database.db, code);
    if (rows.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
    return rows.map(asStored);
  }

  /** Field-by-field changes from `from` to `to` (two versions of one code). */
  async diff(code: string, from: number, to: number): Promise<FieldChange[]> {
    const history = (await repo.historyOf(this.database.db, code)).map(asVersion);
    if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
    const a = history.find((v) => v.version === from);
    const b = history.find((v) => v.version === to);
    if (!a || !b) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, from, to } });
    return diffVersions(a, b);
  }

  /** The staff list: one entry per code (latest version), searchable, filtered by the latest version's status. */
  async adminList(
    query: AdminCatalogQuery,
    today: string,
  ): Promise<{ items: AdminCatalogEntry[]; total: number; page: number; pageSize: number }> {
    const view = await this.adminView(today);
    const all = searchCatalog(view.index, { text: query.text, page: 1, pageSize: 200 });
    // The search pages at most 200 hits; the status filter needs every hit, so page through them.
    const hits = [...all.items];
    for (let p = 2; hits.length < all.total; p++) {
      hits.push(...searchCatalog(view.index, { text: query.text, page: p, pageSize: 200 }).items);
    }
    const entries = hits
      .map((h) => view.entries.get(h.procedure.code))
      .filter((e): e is AdminCatalogEntry => e !== undefined)
      .filter((e) => query.status === undefined || e.latest.status === query.status);
    const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 50));
    const page = Math.max(1, query.page ?? 1);
    return {
      items: entries.slice((page - 1) * pageSize, page * pageSize),
      total: entries.length,
      page,
      pageSize,
    };
  }

  private async adminView(today: string): Promise<AdminView> {
    const snap = await this.snapshot();
    if (snap.admin?.date === today) return snap.admin.view;
    const inForce = (await this.dateView(today)).inForce;
    const entries = new Map<string, AdminCatalogEntry>();
    for (const [code, rows] of snap.byCode) {
      const last = rows[rows.length - 1];
      if (!last) continue;
      entries.set(code, {
        code,
        latest: asVersion(last),
        versions: rows.length,
        inForceVersion: inForce.get(code)?.version.version ?? null,
        hasDraft: rows.some((r) => r.status === 'draft'),
      });
    }
    const index = buildSearchIndex([...entries.values()].map((e) => toSummary(e.latest)));
    const view = { entries, index };
    snap.admin = { date: today, view };
    return view;
  }

  /** Creates a draft: version 1 of a new code, or the next version of an existing one. */
  async createDraft(actor: AuditActor, input: ProcedureVersionInput, now: Date): Promise<ProcedureVersion> {
    const problems = problemsToParams({ ...input, status: 'draft', validTo: null });
    if (problems.length > 0) throw new AppError('CATALOG_VERSION_INVALID', { invalidParams: problems });
    const draft = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, input.code)).map(asVersion);
      const created: ProcedureVersion = {
        ...input,
        version: nextVersionNumber(history),
        status: 'draft',
        validTo: null,
      };
      await repo.insertVersion(tx, repo.toRow(created, { createdAt: now, createdBy: actor.label }));
      await appendAudit(tx, actor, now, [
        {
          action: 'procedure.draft-created',
          entityType: 'procedure',
          entityId: `${created.code}@${created.version}`,
          change: { name: created.name },
        },
      ]);
      return created;
    });
    this.invalidate();
    return draft;
  }

  /** Replaces the content of a draft; a published or retired version cannot change (409). */
  async updateDraft(
    actor: AuditActor,
    code: string,
    version: number,
    input: ProcedureVersionInput,
    now: Date,
  ): Promise<ProcedureVersion> {
    if (input.code !== code)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'code', reason: 'must match the URL' }],
      });
    const problems = problemsToParams({ ...input, status: 'draft', validTo: null });
    if (problems.length > 0) throw new AppError('CATALOG_VERSION_INVALID', { invalidParams: problems });
    const updated = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      const current = history.find((v) => v.version === version);
      if (!current) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, version } });
      if (current.status !== 'draft')
        throw new AppError('CATALOG_VERSION_NOT_DRAFT', {
          details: { code, version, status: current.status },
        });
      const next: ProcedureVersion = { ...input, version, status: 'draft', validTo: null };
      await repo.updateVersion(tx, code, version, next);
      await appendAudit(tx, actor, now, [
        {
          action: 'procedure.draft-updated',
          entityType: 'procedure',
          entityId: `${code}@${version}`,
          change: diffVersions(current, next).map((c) => c.path),
        },
      ]);
      return next;
    });
    this.invalidate();
    return updated;
  }

  /** Publishes a draft from `validFrom`; the open predecessor is closed the day before. */
  async publish(
    actor: AuditActor,
    code: string,
    version: number,
    options: { validFrom?: string; decision?: { number: string; date: string } },
    now: Date,
  ): Promise<ProcedureVersion> {
    const result = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      const outcome = publishVersion(history, version, options);
      if (!outcome.ok) throw ruleError(outcome.error);
      for (const change of outcome.value.changes) {
        const isTarget = change.after.version === version;
        await repo.updateVersion(
          tx,
          code,
          change.after.version,
          change.after,
          isTarget ? { at: now, by: actor.label } : undefined,
        );
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
      const published = outcome.value.versions.find((v) => v.version === version);
      if (!published) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, version } });
      return published;
    });
    this.invalidate();
    return result;
  }

  /** Retires a published version after `lastDay` (inclusive); it keeps its window. */
  async retire(
    actor: AuditActor,
    code: string,
    version: number,
    lastDay: string,
    now: Date,
  ): Promise<ProcedureVersion> {
    const result = await this.database.transaction(async (tx) => {
      const history = (await repo.lockHistory(tx, code)).map(asVersion);
      if (history.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      const outcome = retireVersion(history, version, lastDay);
      if (!outcome.ok) throw ruleError(outcome.error);
      for (const change of outcome.value.changes)
        await repo.updateVersion(tx, code, change.after.version, change.after);
      await appendAudit(tx, actor, now, [
        {
          action: 'procedure.retired',
          entityType: 'procedure',
          entityId: `${code}@${version}`,
          change: { lastDay },
        },
      ]);
      const retired = outcome.value.versions.find((v) => v.version === version);
      if (!retired) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, version } });
      return retired;
    });
    this.invalidate();
    return result;
  }

  /** Procedures in force on `at` counted by level × one-stop × online level × postal option. */
  async coverage(at: string): Promise<CoverageTable> {
    const { inForce } = await this.dateView(at);
    const empty = (level: ProcedureLevel | 'all') => ({
      level,
      total: 0,
      oneStop: 0,
      notOneStop: 0,
      online: { full: 0, partial: 0, none: 0 } as Record<OnlineLevel, number>,
      postal: { send: 0, receive: 0, both: 0, none: 0 },
    });
    type Mutable = ReturnType<typeof empty>;
    const rows = new Map<ProcedureLevel, Mutable>(
      (['province', 'district', 'commune'] as const).map((l) => [l, empty(l)]),
    );
    const total = empty('all');
    const add = (r: Mutable, v: ProcedureVersion) => {
      r.total += 1;
      if (v.oneStop) r.oneStop += 1;
      else r.notOneStop += 1;
      r.online[v.onlineLevel] += 1;
      const { sendDossier: send, receiveResult: receive } = v.postal;
      if (send) r.postal.send += 1;
      if (receive) r.postal.receive += 1;
      if (send && receive) r.postal.both += 1;
      if (!send && !receive) r.postal.none += 1;
    };
    for (const { version } of inForce.values()) {
      add(total, version);
      for (const level of new Set(version.levels)) {
        const row = rows.get(level);
        if (row) add(row, version);
      }
    }
    return { at, rows: [...rows.values()], total };
  }

  /**
   * Imports a whole file, all or nothing: every row is validated first and every error reported;
   * nothing is written unless the whole file is clean. A row whose (code, version) is already stored
   * with the same content is skipped, so importing the same file twice changes nothing. Versions in
   * force (published, retired) must not overlap the windows of other versions of their code.
   */
  async importFile(
    actor: AuditActor,
    bytes: Uint8Array,
    format: CatalogFileFormat,
    now: Date,
    onProgress?: ImportProgress,
  ): Promise<ImportReport> {
    const parsed = await parseCatalogFile(bytes, format);
    onProgress?.(0, parsed.rows.length); // parsed; writing starts
    if (parsed.errors.length > 0)
      return { imported: 0, skipped: 0, errors: parsed.errors, warnings: parsed.warnings };
    let imported = 0;
    let skipped = 0;
    const conflicts: CatalogImportError[] = [];
    await this.database.transaction(async (tx) => {
      const existing = new Map<string, ProcedureVersion>();
      const historyByCode = new Map<string, ProcedureVersion[]>();
      for (const r of await repo.allVersions(tx)) {
        const v = asVersion(r);
        existing.set(`${r.code}@${r.version}`, v);
        const list = historyByCode.get(r.code);
        if (list) list.push(v);
        else historyByCode.set(r.code, [v]);
      }
      const maxVersion = new Map<string, number>();
      for (const [code, list] of historyByCode) maxVersion.set(code, Math.max(...list.map((v) => v.version)));

      const rows: repo.NewProcedureVersionRow[] = [];
      const incoming: { v: ProcedureVersion; row: number }[] = [];
      parsed.rows.forEach((input, i) => {
        const rowNumber = parsed.rowNumbers[i] ?? i + 2;
        const version = input.version ?? (maxVersion.get(input.code) ?? 0) + 1;
        maxVersion.set(input.code, Math.max(maxVersion.get(input.code) ?? 0, version));
        const v: ProcedureVersion = { ...input, version, status: input.status ?? 'draft' };
        const stored = existing.get(`${v.code}@${version}`);
        if (stored) {
          if (sameVersion(stored, v)) skipped += 1;
          else
            conflicts.push({
              row: rowNumber,
              column: 'Phiên bản',
              code: 'DUPLICATE_VERSION',
              reason_vi: `Phiên bản ${version} của ${v.code} đã có trong danh mục với nội dung khác. Để sửa, hãy nhập thành phiên bản mới (để trống cột Phiên bản).`,
              reason_en: `Version ${version} of ${v.code} is already stored with different content. Import the change as a new version (leave Phiên bản blank).`,
            });
          return;
        }
        incoming.push({ v, row: rowNumber });
        rows.push(
          repo.toRow(v, { createdAt: now, createdBy: actor.label, generated: v.code.endsWith('.GEN') }),
        );
      });

      // Windows in force never overlap within a code: check each new one against stored and earlier new ones.
      const windows = new Map<string, { v: ProcedureVersion; row: number | null }[]>();
      for (const [code, list] of historyByCode)
        windows.set(
          code,
          list.filter(hasWindow).map((v) => ({ v, row: null })),
        );
      for (const item of incoming) {
        if (!hasWindow(item.v)) continue;
        const list = windows.get(item.v.code) ?? [];
        const clash = list.find((o) => windowsOverlap(o.v, item.v));
        if (clash) {
          const where =
            clash.row === null
              ? { vi: `phiên bản ${clash.v.version} đã có`, en: `stored version ${clash.v.version}` }
              : { vi: `dòng ${clash.row}`, en: `row ${clash.row}` };
          conflicts.push({
            row: item.row,
            column: 'Hiệu lực từ',
            code: 'VALIDITY_OVERLAP',
            reason_vi: `Thời gian hiệu lực trùng với ${where.vi} của thủ tục ${item.v.code}. Hãy nhập phiên bản mới dưới dạng Dự thảo rồi công bố.`,
            reason_en: `The validity window overlaps ${where.en} of ${item.v.code}. Import the new version as a draft and publish it.`,
          });
        }
        list.push({ v: item.v, row: item.row });
        windows.set(item.v.code, list);
      }
      if (conflicts.length > 0) return;
      await repo.insertVersions(tx, rows, onProgress);
      imported = rows.length;
      await appendAudit(tx, actor, now, [
        {
          action: 'catalog.imported',
          entityType: 'catalog',
          entityId: 'procedures',
          change: { format, imported, skipped },
        },
      ]);
    });
    if (conflicts.length > 0) {
      conflicts.sort((a, b) => a.row - b.row);
      return { imported: 0, skipped: 0, errors: conflicts, warnings: parsed.warnings };
    }
    this.invalidate();
    return { imported, skipped, errors: [], warnings: parsed.warnings };
  }

  /** Every stored version (all states) as a file; `generated` filters synthetic procedures in or out. */
  async exportFile(format: CatalogFileFormat, filter: { generated?: boolean } = {}): Promise<Buffer> {
    const rows = await repo.allVersions(this.database.db);
    const versions = rows
      .filter((r) => filter.generated === undefined || r.generated === filter.generated)
      .map(asVersion);
    return exportCatalog(versions, format);
  }

  /** Number of stored versions, generated ones separately. */
  async counts(): Promise<{ versions: number; generated: number }> {
    const snap = await this.snapshot();
    let versions = 0;
    let generated = 0;
    for (const rows of snap.byCode.values()) {
      versions += rows.length;
      generated += rows.filter((r) => r.generated).length;
    }
    return { versions, generated };
  }

  /** Inserts already-built versions (demo data, the generator) in one transaction. */
  async loadVersions(
    actor: AuditActor,
    versions: readonly ProcedureVersion[],
    now: Date,
    generated: boolean,
    onProgress?: ImportProgress,
  ): Promise<number> {
    await this.database.transaction(async (tx) => {
      const rows = versions.map((v) => repo.toRow(v, { createdAt: now, createdBy: actor.label, generated }));
      await repo.insertVersions(tx, rows, onProgress);
      await appendAudit(tx, actor, now, [
        {
          action: generated ? 'catalog.generated' : 'catalog.loaded',
          entityType: 'catalog',
          entityId: 'procedures',
          change: { count: rows.length },
        },
      ]);
    });
    this.invalidate();
    return versions.length;
  }

  /** The local date (Asia/Ho_Chi_Minh) of an instant. */
  today(now: Date): string {
    return localDateOf(now);
  }
}
