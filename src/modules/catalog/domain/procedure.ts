/**
 * The procedure catalog's domain model: one administrative procedure (thủ tục hành chính, TTHC)
 * as a versioned record, and its validation.
 *
 * A procedure is identified by its national code in the National TTHC Database (CSDLQG về TTHC),
 * e.g. `1.001193`. Every change announced by a decision (quyết định công bố) makes a new version
 * with its own validity window, because a dossier must be handled under the rules that applied
 * on the day it was received (see DOMAIN.md, the 1 July 2025 reform). Version rules live in
 * versions.ts, the staff-facing diff in diff.ts.
 *
 * Everything here is pure: no I/O, no clock. Validation returns every problem at once, each with
 * a field path and a reason in Vietnamese and English, so an import or a form can show them all.
 */

import { isLocalDate, type LocalDate } from './local-date.ts';

export type { LocalDate } from './local-date.ts';

/** Administrative level that carries out the procedure. 'district' exists only before 1/7/2025. */
export const PROCEDURE_LEVELS = ['province', 'district', 'commune'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** Lifecycle of one version: drafted, published (in force in its window), retired. */
export const PROCEDURE_STATUSES = ['draft', 'published', 'retired'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/** Units of the legal time limit, as in the DVCQG field `DonViTinh`. */
export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'months'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** How a required document is presented: original, certified copy, or plain copy/photocopy. */
export const DOCUMENT_FORMS = ['original', 'certified_copy', 'copy'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

export const RESULT_KINDS = ['paper', 'electronic', 'both'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** Online public-service level under Nghị định 42/2022/NĐ-CP: toàn trình, một phần, none. */
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export interface AgencyRef {
  /** Agency code, e.g. 'SO-TU-PHAP', 'UBND-XA' (see docs/catalog.md). */
  readonly code: string;
  readonly name: string;
}

/** Legal time limit. `value` 0 means "within the day" (trong ngày). */
export interface ProcessingTime {
  readonly value: number;
  readonly unit: TimeUnit;
}

export interface FeeItem {
  readonly name: string;
  /** Amount in đồng; integer. 0 for an item that is listed but free. */
  readonly amountVnd: number;
  /** The condition under which this item applies, verbatim from the announcement. */
  readonly appliesWhen?: string;
}

export interface RequiredDocument {
  readonly name: string;
  readonly form: DocumentForm;
  readonly count: number;
  readonly mandatory: boolean;
  /** File name of the blank form (mẫu đơn, tờ khai), if there is one. */
  readonly blankFormFile?: string;
  /** Can be taken from the citizen's data store instead of being presented (ND 45/2020). */
  readonly reusableFromDataStore: boolean;
}

export interface ProcedureResult {
  readonly name: string;
  readonly kind: ResultKind;
}

/** Which public-postal (BCCI) legs the procedure accepts (QĐ 45/2016, Art. 5). */
export interface PostalOptions {
  readonly sendDossier: boolean;
  readonly receiveResult: boolean;
}

/** One internal handling step (quy trình nội bộ) and its share of the total time limit. */
export interface ProcessingStep {
  readonly name: string;
  readonly agency?: string;
  readonly sharePercent: number;
}

/** The decision that announced (công bố) this version. */
export interface AnnouncingDecision {
  readonly number: string;
  readonly date: LocalDate;
}

/** What a procedure says, independent of versioning. */
export interface ProcedureContent {
  readonly code: string;
  readonly name: string;
  readonly levels: readonly ProcedureLevel[];
  /** Lĩnh vực, e.g. 'Hộ tịch'. */
  readonly field: string;
  readonly agency: AgencyRef;
  /** Service points that receive the dossier; empty = any service point at the procedure's level. */
  readonly servicePointCodes: readonly string[];
  readonly processingTime: ProcessingTime;
  /** Same-day cut-off 'HH:MM': dossiers received later count from the next working day. */
  readonly cutoffTime?: string;
  readonly fees: readonly FeeItem[];
  readonly documents: readonly RequiredDocument[];
  readonly result: ProcedureResult;
  readonly onlineLevel: OnlineLevel;
  readonly postal: PostalOptions;
  readonly oneStop: boolean;
  readonly legalBasis: readonly string[];
  /** The result may not be handed over until fees are paid. */
  readonly feesBlockReturn: boolean;
  readonly steps: readonly ProcessingStep[];
}

/** One stored version of a procedure. */
export interface ProcedureVersion extends ProcedureContent {
  /** 1, 2, 3 … per code. */
  readonly version: number;
  readonly status: ProcedureStatus;
  readonly validFrom: LocalDate | null;
  readonly validTo: LocalDate | null;
  readonly decision: AnnouncingDecision | null;
}

/** A version as it arrives from a form or an import: the version number and status may be unset. */
export interface ProcedureVersionInput extends ProcedureContent {
  readonly version?: number;
  readonly status?: ProcedureStatus;
  readonly validFrom: LocalDate | null;
  readonly validTo: LocalDate | null;
  readonly decision: AnnouncingDecision | null;
}

// ---------------------------------------------------------------------------------------------
// Codes

/**
 * A national procedure code: one digit, a dot, six digits, and an optional suffix of a letter
 * followed by up to nine letters or digits — `1.004946`, `2.000635`, `1.000948.H38` (the suffix
 * marks a province-specific variant; `.GEN` marks synthetic test data).
 */
const PROCEDURE_CODE = /^\d\.\d{6}(?:\.[A-Z][A-Z0-9]{0,9})?$/;

/** True for a well-formed national procedure code (see {@link PROCEDURE_CODE}). */
export function isValidProcedureCode(code: string): boolean {
  return PROCEDURE_CODE.test(code);
}

/** Agency and service-point codes: capitals, digits, '.', '_' and '-', starting alphanumeric. */
const UNIT_CODE = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;

/** True for a well-formed agency or service-point code such as 'SO-TU-PHAP' or 'H21.65'. */
export function isValidUnitCode(code: string): boolean {
  return UNIT_CODE.test(code);
}

const CUTOFF = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** True for a 24-hour 'HH:MM' time. */
export function isValidCutoffTime(value: string): boolean {
  return CUTOFF.test(value);
}

// ---------------------------------------------------------------------------------------------
// Problems

/** Stable codes of validation problems; the HTTP edge maps a non-empty list to VALIDATION_FAILED. */
export type CatalogProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'CONTROL_CHARACTERS'
  | 'INVALID_PROCEDURE_CODE'
  | 'INVALID_UNIT_CODE'
  | 'INVALID_VALUE'
  | 'DUPLICATE'
  | 'NOT_A_NUMBER'
  | 'NOT_AN_INTEGER'
  | 'OUT_OF_RANGE'
  | 'INVALID_DATE'
  | 'INVALID_TIME'
  | 'VALIDITY_REVERSED'
  | 'VALID_FROM_REQUIRED'
  | 'VALID_TO_REQUIRED'
  | 'STEP_SHARES_NOT_100';

/** One problem with a version: where (a path such as `documents[2].count`), what, and why. */
export interface CatalogProblem {
  readonly path: string;
  readonly code: CatalogProblemCode;
  readonly vi: string;
  readonly en: string;
}

const MESSAGES: Record<CatalogProblemCode, { readonly vi: string; readonly en: string }> = {
  REQUIRED: { vi: 'Bắt buộc phải nhập.', en: 'This value is required.' },
  TOO_LONG: { vi: 'Dài quá {max} ký tự.', en: 'Longer than {max} characters.' },
  CONTROL_CHARACTERS: {
    vi: 'Không được chứa ký tự xuống dòng hoặc ký tự điều khiển.',
    en: 'Must not contain line breaks or control characters.',
  },
  INVALID_PROCEDURE_CODE: {
    vi: 'Mã thủ tục không đúng dạng (ví dụ đúng: 1.004946 hoặc 1.000948.H38).',
    en: 'The procedure code is malformed (expected e.g. 1.004946 or 1.000948.H38).',
  },
  INVALID_UNIT_CODE: {
    vi: 'Mã đơn vị chỉ gồm chữ in hoa, chữ số, dấu chấm, gạch ngang, gạch dưới.',
    en: 'Unit codes use capital letters, digits, dots, hyphens and underscores only.',
  },
  INVALID_VALUE: {
    vi: 'Giá trị không hợp lệ; chấp nhận: {allowed}.',
    en: 'Invalid value; allowed: {allowed}.',
  },
  DUPLICATE: { vi: 'Giá trị bị trùng.', en: 'Duplicate value.' },
  NOT_A_NUMBER: { vi: 'Phải là một số.', en: 'Must be a number.' },
  NOT_AN_INTEGER: { vi: 'Phải là số nguyên.', en: 'Must be a whole number.' },
  OUT_OF_RANGE: { vi: 'Giá trị phải trong khoảng {min} đến {max}.', en: 'Must be between {min} and {max}.' },
  INVALID_DATE: {
    vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
    en: 'Invalid date (expected YYYY-MM-DD).',
  },
  INVALID_TIME: { vi: 'Giờ không hợp lệ (định dạng HH:MM).', en: 'Invalid time (expected HH:MM).' },
  VALIDITY_REVERSED: {
    vi: 'Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.',
    en: 'The end of validity must not be before its start.',
  },
  VALID_FROM_REQUIRED: {
    vi: 'Phiên bản đã công bố phải có ngày bắt đầu hiệu lực.',
    en: 'A published version needs a start of validity.',
  },
  VALID_TO_REQUIRED: {
    vi: 'Phiên bản đã bãi bỏ phải có ngày hết hiệu lực.',
    en: 'A retired version needs an end of validity.',
  },
  STEP_SHARES_NOT_100: {
    vi: 'Tổng tỷ lệ thời gian các bước xử lý phải bằng 100% (hiện là {sum}%).',
    en: 'The shares of the processing steps must add up to 100% (now {sum}%).',
  },
};

/** Build a problem with its messages, filling `{name}` placeholders from `params`. */
export function catalogProblem(
  path: string,
  code: CatalogProblemCode,
  params: Readonly<Record<string, string | number>> = {},
): CatalogProblem {
  const fill = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  const m = MESSAGES[code];
  return { path, code, vi: fill(m.vi), en: fill(m.en) };
}

// ---------------------------------------------------------------------------------------------
// Validation

const MAX_NAME = 2000;
const MAX_SHORT = 500;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

class Collector {
  readonly problems: CatalogProblem[] = [];
  add(path: string, code: CatalogProblemCode, params?: Readonly<Record<string, string | number>>): void {
    this.problems.push(catalogProblem(path, code, params));
  }

  /** A required single-line text: present, not blank, no control characters, bounded length. */
  line(path: string, value: string | undefined, max = MAX_SHORT): void {
    if (value === undefined || value.trim().length === 0) {
      this.add(path, 'REQUIRED');
      return;
    }
    if (CONTROL.test(value)) this.add(path, 'CONTROL_CHARACTERS');
    if (value.length > max) this.add(path, 'TOO_LONG', { max });
  }

  /** An optional single-line text: when present it must not be blank. */
  optionalLine(path: string, value: string | undefined, max = MAX_SHORT): void {
    if (value !== undefined) this.line(path, value, max);
  }

  /** Free text that may span lines (legal citations, fee conditions). */
  text(path: string, value: string | undefined, max = MAX_NAME): void {
    if (value === undefined || value.trim().length === 0) {
      this.add(path, 'REQUIRED');
      return;
    }
    if (value.length > max) this.add(path, 'TOO_LONG', { max });
  }

  oneOf<T extends string>(path: string, value: string, allowed: readonly T[]): void {
    if (!(allowed as readonly string[]).includes(value))
      this.add(path, 'INVALID_VALUE', { allowed: allowed.join(', ') });
  }

  bool(path: string, value: unknown): void {
    if (typeof value !== 'boolean') this.add(path, 'INVALID_VALUE', { allowed: 'true, false' });
  }

  /** An integer in [min, max]. */
  integer(path: string, value: number, min: number, max: number): void {
    if (typeof value !== 'number' || Number.isNaN(value)) this.add(path, 'NOT_A_NUMBER');
    else if (!Number.isSafeInteger(value)) this.add(path, 'NOT_AN_INTEGER');
    else if (value < min || value > max) this.add(path, 'OUT_OF_RANGE', { min, max });
  }

  date(path: string, value: string): void {
    if (!isLocalDate(value)) this.add(path, 'INVALID_DATE');
  }
}

/** Upper bound for an amount in đồng; far above any real fee, it only stops absurd inputs. */
export const MAX_FEE_VND = 1_000_000_000_000;

/**
 * Validate one version and return every problem found (an empty list means valid).
 *
 * Checks shapes (required text, enums, integers, dates) and the business rules that belong to a
 * single version: step shares add up to 100, validity windows run forward, a published version
 * has a start date, a retired one an end date. Rules across versions of the same code (no
 * overlapping windows) are in versions.ts.
 */
export function validateProcedureVersion(v: ProcedureVersionInput): CatalogProblem[] {
  const c = new Collector();

  if (typeof v.code !== 'string' || v.code.length === 0) c.add('code', 'REQUIRED');
  else if (!isValidProcedureCode(v.code)) c.add('code', 'INVALID_PROCEDURE_CODE');
  c.line('name', v.name, MAX_NAME);
  c.line('field', v.field);

  if (v.levels.length === 0) c.add('levels', 'REQUIRED');
  v.levels.forEach((level, i) => c.oneOf(`levels[${i}]`, level, PROCEDURE_LEVELS));
  if (new Set(v.levels).size !== v.levels.length) c.add('levels', 'DUPLICATE');

  if (v.agency.code.length === 0) c.add('agency.code', 'REQUIRED');
  else if (!isValidUnitCode(v.agency.code)) c.add('agency.code', 'INVALID_UNIT_CODE');
  c.line('agency.name', v.agency.name);

  v.servicePointCodes.forEach((sp, i) => {
    if (!isValidUnitCode(sp)) c.add(`servicePointCodes[${i}]`, 'INVALID_UNIT_CODE');
  });
  if (new Set(v.servicePointCodes).size !== v.servicePointCodes.length)
    c.add('servicePointCodes', 'DUPLICATE');

  const pt = v.processingTime;
  if (typeof pt.value !== 'number' || !Number.isFinite(pt.value))
    c.add('processingTime.value', 'NOT_A_NUMBER');
  else if (pt.value < 0 || pt.value > 3650)
    c.add('processingTime.value', 'OUT_OF_RANGE', { min: 0, max: 3650 });
  c.oneOf('processingTime.unit', pt.unit, TIME_UNITS);
  if (v.cutoffTime !== undefined && !isValidCutoffTime(v.cutoffTime)) c.add('cutoffTime', 'INVALID_TIME');

  v.fees.forEach((fee, i) => {
    c.line(`fees[${i}].name`, fee.name);
    c.integer(`fees[${i}].amountVnd`, fee.amountVnd, 0, MAX_FEE_VND);
    if (fee.appliesWhen !== undefined) c.text(`fees[${i}].appliesWhen`, fee.appliesWhen);
  });

  v.documents.forEach((doc, i) => {
    c.line(`documents[${i}].name`, doc.name, MAX_NAME);
    c.oneOf(`documents[${i}].form`, doc.form, DOCUMENT_FORMS);
    c.integer(`documents[${i}].count`, doc.count, 1, 100);
    c.bool(`documents[${i}].mandatory`, doc.mandatory);
    c.bool(`documents[${i}].reusableFromDataStore`, doc.reusableFromDataStore);
    c.optionalLine(`documents[${i}].blankFormFile`, doc.blankFormFile);
  });

  c.line('result.name', v.result.name, MAX_NAME);
  c.oneOf('result.kind', v.result.kind, RESULT_KINDS);
  c.oneOf('onlineLevel', v.onlineLevel, ONLINE_LEVELS);
  c.bool('postal.sendDossier', v.postal.sendDossier);
  c.bool('postal.receiveResult', v.postal.receiveResult);
  c.bool('oneStop', v.oneStop);
  c.bool('feesBlockReturn', v.feesBlockReturn);
  v.legalBasis.forEach((basis, i) => c.text(`legalBasis[${i}]`, basis));

  if (v.steps.length > 0) {
    let sum = 0;
    v.steps.forEach((step, i) => {
      c.line(`steps[${i}].name`, step.name);
      c.optionalLine(`steps[${i}].agency`, step.agency);
      if (typeof step.sharePercent !== 'number' || !Number.isFinite(step.sharePercent)) {
        c.add(`steps[${i}].sharePercent`, 'NOT_A_NUMBER');
      } else if (step.sharePercent <= 0 || step.sharePercent > 100) {
        c.add(`steps[${i}].sharePercent`, 'OUT_OF_RANGE', { min: 0, max: 100 });
      } else {
        sum += step.sharePercent;
      }
    });
    if (Math.abs(sum - 100) > 1e-6) {
      c.add('steps', 'STEP_SHARES_NOT_100', { sum: Math.round(sum * 100) / 100 });
    }
  }

  if (v.version !== undefined) c.integer('version', v.version, 1, 1_000_000);
  if (v.status !== undefined) c.oneOf('status', v.status, PROCEDURE_STATUSES);
  if (v.validFrom !== null) c.date('validFrom', v.validFrom);
  if (v.validTo !== null) c.date('validTo', v.validTo);
  if (v.validFrom !== null && v.validTo !== null && isLocalDate(v.validFrom) && isLocalDate(v.validTo)) {
    if (v.validTo < v.validFrom) c.add('validTo', 'VALIDITY_REVERSED');
  }
  if ((v.status === 'published' || v.status === 'retired') && v.validFrom === null) {
    c.add('validFrom', 'VALID_FROM_REQUIRED');
  }
  if (v.status === 'retired' && v.validTo === null) c.add('validTo', 'VALID_TO_REQUIRED');
  if (v.decision !== null) {
    c.line('decision.number', v.decision.number);
    c.date('decision.date', v.decision.date);
  }

  return c.problems;
}
