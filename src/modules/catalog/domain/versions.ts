/**
 * Version rules of a procedure: publish a draft, retire a version, find the version in force.
 *
 * Invariant (as in Open Zaak's catalogue, GeldigheidMixin): the validity windows of the versions
 * of one code that are or were in force (published or retired) never overlap. Publishing a new
 * version that starts on date D closes the open predecessor on D − 1, so a dossier received on
 * any date maps to exactly one version. Drafts have no window in force.
 *
 * Functions take the whole history of one code and return the new history plus the list of
 * versions that changed, so the caller can persist exactly those rows in one transaction.
 */

import { err, ok, type Result } from '../../../kernel/errors.ts';
import { addDays, isLocalDate, type LocalDate } from './local-date.ts';
import {
  validateProcedureVersion,
  type AnnouncingDecision,
  type CatalogProblem,
  type ProcedureVersion,
} from './procedure.ts';

/** Stable codes for refusals of a version operation. */
export type VersionRuleCode =
  | 'VERSION_NOT_FOUND'
  | 'VERSION_NOT_DRAFT'
  | 'VERSION_NOT_PUBLISHED'
  | 'VERSION_INVALID'
  | 'VALID_FROM_REQUIRED'
  | 'VALIDITY_OVERLAP'
  | 'CODE_MISMATCH'
  | 'RETIRE_DATE_INVALID';

export interface VersionRuleError {
  readonly code: VersionRuleCode;
  readonly vi: string;
  readonly en: string;
  /** Validation problems, for VERSION_INVALID. */
  readonly problems?: readonly CatalogProblem[];
  /** The version whose window would overlap, for VALIDITY_OVERLAP. */
  readonly conflictingVersion?: number;
}

/** One version that an operation changed. */
export interface VersionChange {
  readonly before: ProcedureVersion;
  readonly after: ProcedureVersion;
}

export interface VersionOutcome {
  /** The full history after the operation, ordered by version number. */
  readonly versions: readonly ProcedureVersion[];
  /** Only the versions that changed (persist these). */
  readonly changes: readonly VersionChange[];
}

const RULE_MESSAGES: Record<VersionRuleCode, { readonly vi: string; readonly en: string }> = {
  VERSION_NOT_FOUND: { vi: 'Không tìm thấy phiên bản.', en: 'Version not found.' },
  VERSION_NOT_DRAFT: { vi: 'Chỉ phiên bản dự thảo mới được công bố.', en: 'Only a draft can be published.' },
  VERSION_NOT_PUBLISHED: {
    vi: 'Chỉ phiên bản đang công bố mới được bãi bỏ.',
    en: 'Only a published version can be retired.',
  },
  VERSION_INVALID: {
    vi: 'Phiên bản còn lỗi, chưa thể công bố.',
    en: 'The version has errors and cannot be published.',
  },
  VALID_FROM_REQUIRED: {
    vi: 'Cần ngày bắt đầu hiệu lực để công bố.',
    en: 'A start of validity is needed to publish.',
  },
  VALIDITY_OVERLAP: {
    vi: 'Thời gian hiệu lực trùng với một phiên bản đã công bố.',
    en: 'The validity window overlaps a published version.',
  },
  CODE_MISMATCH: {
    vi: 'Các phiên bản không cùng một mã thủ tục.',
    en: 'The versions do not share one procedure code.',
  },
  RETIRE_DATE_INVALID: {
    vi: 'Ngày cuối hiệu lực phải nằm trong thời gian hiệu lực hiện có.',
    en: 'The last day must fall within the current validity window.',
  },
};

function refuse(
  code: VersionRuleCode,
  extra: { problems?: readonly CatalogProblem[]; conflictingVersion?: number } = {},
): Result<never, VersionRuleError> {
  return err({ code, ...RULE_MESSAGES[code], ...extra });
}

/** Versions that are or were in force occupy a window: published and retired ones. */
function hasWindow(v: ProcedureVersion): v is ProcedureVersion & { validFrom: LocalDate } {
  return (v.status === 'published' || v.status === 'retired') && v.validFrom !== null;
}

function overlaps(aFrom: LocalDate, aTo: LocalDate | null, bFrom: LocalDate, bTo: LocalDate | null): boolean {
  return (aTo === null || bFrom <= aTo) && (bTo === null || aFrom <= bTo);
}

function sameCode(history: readonly ProcedureVersion[]): boolean {
  return history.every((v) => v.code === history[0]?.code);
}

function byVersion(a: ProcedureVersion, b: ProcedureVersion): number {
  return a.version - b.version;
}

/**
 * Publish draft `version` of a procedure.
 *
 * The start of validity comes from `options.validFrom` or the draft's own `validFrom`; the
 * announcing decision likewise. The draft must validate. If a published predecessor with an open
 * or later-ending window started before the new version, its `validTo` becomes the day before the
 * new start. A new window that would overlap any other published or retired window (for example,
 * one back-dated over an existing version) is refused with VALIDITY_OVERLAP.
 */
export function publishVersion(
  history: readonly ProcedureVersion[],
  version: number,
  options: { readonly validFrom?: LocalDate; readonly decision?: AnnouncingDecision } = {},
): Result<VersionOutcome, VersionRuleError> {
  if (!sameCode(history)) return refuse('CODE_MISMATCH');
  const draft = history.find((v) => v.version === version);
  if (draft === undefined) return refuse('VERSION_NOT_FOUND');
  if (draft.status !== 'draft') return refuse('VERSION_NOT_DRAFT');

  const validFrom = options.validFrom ?? draft.validFrom;
  if (validFrom === null) return refuse('VALID_FROM_REQUIRED');
  const published: ProcedureVersion = {
    ...draft,
    status: 'published',
    validFrom,
    decision: options.decision ?? draft.decision,
  };
  const problems = validateProcedureVersion(published);
  if (problems.length > 0) return refuse('VERSION_INVALID', { problems });

  const others = history.filter((v) => v.version !== version && hasWindow(v));
  // The predecessor to close: the latest-starting published version that began before us.
  const predecessor = others
    .filter((v) => v.status === 'published' && (v.validFrom ?? '') < validFrom)
    .sort((a, b) => ((a.validFrom ?? '') < (b.validFrom ?? '') ? 1 : -1))[0];

  const changes: VersionChange[] = [];
  const replaced = new Map<number, ProcedureVersion>();
  if (predecessor !== undefined && (predecessor.validTo === null || predecessor.validTo >= validFrom)) {
    const closed: ProcedureVersion = { ...predecessor, validTo: addDays(validFrom, -1) };
    replaced.set(predecessor.version, closed);
    changes.push({ before: predecessor, after: closed });
  }

  for (const other of others) {
    const o = replaced.get(other.version) ?? other;
    if (o.validFrom !== null && overlaps(validFrom, published.validTo, o.validFrom, o.validTo)) {
      return refuse('VALIDITY_OVERLAP', { conflictingVersion: o.version });
    }
  }

  replaced.set(version, published);
  changes.push({ before: draft, after: published });
  const versions = history.map((v) => replaced.get(v.version) ?? v).sort(byVersion);
  return ok({ versions, changes });
}

/**
 * Retire published `version`: it stops being in force after `lastDay` (inclusive). `lastDay`
 * must fall inside the version's current window; a retired version keeps its window so that
 * dossiers received while it was in force still resolve to it.
 */
export function retireVersion(
  history: readonly ProcedureVersion[],
  version: number,
  lastDay: LocalDate,
): Result<VersionOutcome, VersionRuleError> {
  if (!sameCode(history)) return refuse('CODE_MISMATCH');
  const target = history.find((v) => v.version === version);
  if (target === undefined) return refuse('VERSION_NOT_FOUND');
  if (target.status !== 'published' || target.validFrom === null) return refuse('VERSION_NOT_PUBLISHED');
  if (
    !isLocalDate(lastDay) ||
    lastDay < target.validFrom ||
    (target.validTo !== null && lastDay > target.validTo)
  ) {
    return refuse('RETIRE_DATE_INVALID');
  }
  const retired: ProcedureVersion = { ...target, status: 'retired', validTo: lastDay };
  const versions = history.map((v) => (v.version === version ? retired : v)).sort(byVersion);
  return ok({ versions, changes: [{ before: target, after: retired }] });
}

/**
 * The version in force on `date`: the published or retired version whose window contains the
 * date. Retired versions count because a dossier received while they were in force keeps them.
 * Returns undefined when no version covers the date.
 */
export function versionInForce(
  history: readonly ProcedureVersion[],
  date: LocalDate,
): ProcedureVersion | undefined {
  let found: ProcedureVersion | undefined;
  for (const v of history) {
    if (!hasWindow(v)) continue;
    if ((v.validFrom ?? '') <= date && (v.validTo === null || date <= v.validTo)) {
      if (found === undefined || v.version > found.version) found = v;
    }
  }
  return found;
}

/** The next free version number for a code's history (1 for a new code). */
export function nextVersionNumber(history: readonly ProcedureVersion[]): number {
  return history.reduce((max, v) => Math.max(max, v.version), 0) + 1;
}
