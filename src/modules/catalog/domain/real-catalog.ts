/**
 * The shape of data/catalog/procedures.real.json — real procedures gathered from public sources —
 * and pure helpers to use it (the caller reads the file; this module does no I/O).
 *
 * Fields that could not be confirmed are null in the file and named in `unverified`; they are
 * never guessed. So an entry can always give a search summary (code, name, field, agency,
 * levels), but only entries with a confirmed time limit and result can become a draft version.
 */

import type {
  AgencyRef,
  FeeItem,
  OnlineLevel,
  PostalOptions,
  ProcedureLevel,
  ProcedureResult,
  ProcedureVersionInput,
  ProcessingTime,
  RequiredDocument,
} from './procedure.ts';
import type { ProcedureSummary } from './search.ts';

/** What supports a field of an entry: a page read, public code, or the domain brief. */
export interface RealEvidence {
  readonly kind: 'page' | 'public-code' | 'domain-brief';
  readonly ref: string;
  readonly supports: readonly string[];
}

export interface RealProcedureEntry {
  readonly code: string;
  readonly name: string;
  readonly levels: readonly ProcedureLevel[];
  readonly field: string;
  readonly agency: AgencyRef;
  readonly processingTime: ProcessingTime | null;
  readonly cutoffTime: string | null;
  readonly fees: readonly FeeItem[] | null;
  readonly documents: readonly RequiredDocument[] | null;
  readonly result: ProcedureResult | null;
  readonly onlineLevel: OnlineLevel | null;
  readonly postal: PostalOptions | null;
  readonly oneStop: boolean | null;
  readonly legalBasis: readonly string[];
  /** The page the details were read from (or the national-portal address for the code). */
  readonly source: string;
  readonly evidence: readonly RealEvidence[];
  /** Fields (with a reason) that could not be confirmed. */
  readonly unverified: readonly string[];
}

export interface RealCatalogFile {
  readonly generated: false;
  readonly note: string;
  readonly collectedOn: string;
  readonly sources: readonly string[];
  readonly procedures: readonly RealProcedureEntry[];
}

/**
 * The search summary of an entry. Unconfirmed online level and postal options read as 'none'
 * and false (the conservative answer for a counter officer); unconfirmed one-stop reads as true,
 * the case for 1,866 of Gia Lai's 1,958 procedures.
 */
export function realEntrySummary(e: RealProcedureEntry): ProcedureSummary {
  return {
    code: e.code,
    name: e.name,
    field: e.field,
    agency: e.agency,
    levels: e.levels,
    onlineLevel: e.onlineLevel ?? 'none',
    postal: e.postal ?? { sendDossier: false, receiveResult: false },
    oneStop: e.oneStop ?? true,
  };
}

/**
 * A draft version built from an entry, or null when the entry lacks a confirmed time limit or
 * result (a draft must not carry invented values). Unconfirmed lists become empty lists; the
 * lead can complete the draft before publishing.
 */
export function realEntryToDraft(e: RealProcedureEntry): ProcedureVersionInput | null {
  if (e.processingTime === null || e.result === null) return null;
  return {
    code: e.code,
    name: e.name,
    levels: e.levels,
    field: e.field,
    agency: e.agency,
    servicePointCodes: [],
    processingTime: e.processingTime,
    ...(e.cutoffTime !== null ? { cutoffTime: e.cutoffTime } : {}),
    fees: e.fees ?? [],
    documents: e.documents ?? [],
    result: e.result,
    onlineLevel: e.onlineLevel ?? 'none',
    postal: e.postal ?? { sendDossier: false, receiveResult: false },
    oneStop: e.oneStop ?? true,
    legalBasis: e.legalBasis,
    feesBlockReturn: false,
    steps: [],
    status: 'draft',
    validFrom: null,
    validTo: null,
    decision: null,
  };
}

/**
 * The fields an entry must have confirmed to count as complete — the "real codes, names,
 * time limits, fees and documents", plus the result and the legal basis a draft needs. Online
 * level, postal options and one-stop are not part of it: the national records rarely state them.
 */
export const REAL_COMPLETE_FIELDS = [
  'code',
  'name',
  'levels',
  'field',
  'agency',
  'processingTime',
  'fees',
  'documents',
  'result',
  'legalBasis',
] as const;

/** True when an `unverified` note puts the entry's national code itself in doubt. */
function codeInDoubt(e: RealProcedureEntry): boolean {
  return e.unverified.some((u) => u === 'code' || /^code\b/.test(u));
}

/**
 * True when every field of REAL_COMPLETE_FIELDS is confirmed (present and, for lists other than
 * fees, non-empty — no fee is a confirmed empty list), the entry names an http(s) source with at
 * least one piece of evidence, and its code is not marked as doubtful.
 */
export function isCompleteRealEntry(e: RealProcedureEntry): boolean {
  if (e.code.length === 0 || e.name.length === 0 || e.field.length === 0) return false;
  if (e.levels.length === 0 || e.agency.code.length === 0 || e.agency.name.length === 0) return false;
  if (e.processingTime === null || e.fees === null || e.result === null) return false;
  if (e.documents === null || e.documents.length === 0 || e.legalBasis.length === 0) return false;
  if (!/^https?:\/\//.test(e.source) || e.evidence.length === 0) return false;
  return !codeInDoubt(e);
}
