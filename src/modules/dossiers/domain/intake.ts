/**
 * Intake (tiếp nhận): checking the applicant and the documents ticked by the clerk against the
 * procedure version in force, and opening the dossier.
 *
 * Three outcomes at the counter (DOMAIN.md §1.2 step 1): receive (code, appointment, Mẫu 01),
 * guide (incomplete: Mẫu 02 lists what is missing, "guide once"; recorded, no code), or refuse
 * (Mẫu 03 with a reason). This file decides completeness and builds the new dossier; the service
 * allocates the code and writes.
 */
import { parseCitizenId } from '../../../kernel/citizen-id.ts';
import { AppError, err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import type { DocumentForm, ProcedureVersion } from '../../catalog/domain/procedure.ts';
import { receiveAt, type DecisionContext } from './lifecycle.ts';
import type {
  Applicant,
  Channel,
  Dossier,
  DossierDocument,
  DossierEvent,
  Fee,
  PaymentMethod,
  ProcedureSnapshot,
  ReturnMethod,
  ServicePointRef,
} from './types.ts';

/** Tax code (mã số thuế): 10 digits, or 13 as `NNNNNNNNNN-NNN` for a dependent unit. */
const TAX_CODE_RE = /^\d{10}(?:-\d{3})?$/;
/** Vietnamese phone numbers: 0 or +84/84 followed by 9–10 digits, separators ignored. */
const PHONE_RE = /^(?:\+?84|0)\d{9,10}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits of a phone number without separators (`0912 345 678` → `0912345678`). */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s.()-]/g, '');
}

/** The last four digits of the phone, kept in clear for the public lookup (code + last 4). */
export function phoneLast4(phone: string): string {
  return normalizePhone(phone).replace(/\D/g, '').slice(-4);
}

/** Every problem with the applicant, as invalidParams with code DOSSIER_APPLICANT_INVALID. */
export function validateApplicant(a: Applicant, path = 'body/applicant'): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const add = (field: string, reason: string) =>
    problems.push({ name: `${path}/${field}`, reason, code: 'DOSSIER_APPLICANT_INVALID' });
  if (a.fullName.trim().length === 0) add('fullName', 'required');
  if (a.address.trim().length === 0) add('address', 'required');
  if (!PHONE_RE.test(normalizePhone(a.phone))) add('phone', 'a Vietnamese phone number, e.g. 0912345678');
  if (a.email !== undefined && a.email !== '' && !EMAIL_RE.test(a.email))
    add('email', 'not an e-mail address');
  if (a.kind === 'person') {
    const parsed = parseCitizenId(a.idNumber);
    if (!parsed.ok)
      add(
        'idNumber',
        parsed.problem === 'format'
          ? '12 digits'
          : parsed.problem === 'province'
            ? 'the first three digits are not a province code'
            : 'the fourth digit (century and sex) is not possible',
      );
  } else if (!TAX_CODE_RE.test(a.taxCode)) {
    add('taxCode', '10 digits, or 10 digits, a hyphen and 3 digits');
  }
  return problems;
}

/** A document the clerk ticked, as entered (index is 1-based into the version's document list). */
export interface TickedDocument {
  readonly index: number;
  readonly form: DocumentForm;
  readonly count: number;
  readonly attached: boolean;
  readonly reused: boolean;
}

export type MissingProblem = 'absent' | 'form' | 'count' | 'not_attached' | 'not_reusable';

/** One item of the guidance (Mẫu 02): what is missing and why. */
export interface MissingItem {
  readonly index: number;
  readonly name: string;
  readonly requiredForm: DocumentForm;
  readonly requiredCount: number;
  readonly problem: MissingProblem;
}

/** An original satisfies a certified copy, which satisfies a plain copy; never the other way. */
const FORM_RANK: Readonly<Record<DocumentForm, number>> = { original: 3, certified_copy: 2, copy: 1 };

/**
 * Which mandatory documents of the version are missing or insufficient. Reuse from the citizen's
 * data store counts only for documents the version marks reusable; online dossiers need each
 * presented document attached (there is no paper).
 */
export function checkCompleteness(
  procedure: Pick<ProcedureVersion, 'documents'>,
  ticked: readonly TickedDocument[],
  channel: Channel,
): MissingItem[] {
  const missing: MissingItem[] = [];
  procedure.documents.forEach((doc, i) => {
    const index = i + 1;
    const item = (problem: MissingProblem): MissingItem => ({
      index,
      name: doc.name,
      requiredForm: doc.form,
      requiredCount: doc.count,
      problem,
    });
    const given = ticked.find((t) => t.index === index);
    if (!given) {
      if (doc.mandatory) missing.push(item('absent'));
      return;
    }
    if (given.reused) {
      if (!doc.reusableFromDataStore) missing.push(item('not_reusable'));
      return;
    }
    if (FORM_RANK[given.form] < FORM_RANK[doc.form]) missing.push(item('form'));
    else if (given.count < doc.count) missing.push(item('count'));
    else if (channel === 'online' && !given.attached) missing.push(item('not_attached'));
  });
  return missing;
}

/** Documents ticked with an index the version does not have: a client error, not guidance. */
export function unknownDocuments(
  procedure: Pick<ProcedureVersion, 'documents'>,
  ticked: readonly TickedDocument[],
): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<number>();
  ticked.forEach((t, i) => {
    if (t.index < 1 || t.index > procedure.documents.length)
      problems.push({
        name: `body/documents/${i}/index`,
        reason: `the procedure has documents 1..${procedure.documents.length}`,
      });
    if (seen.has(t.index)) problems.push({ name: `body/documents/${i}/index`, reason: 'listed twice' });
    seen.add(t.index);
  });
  return problems;
}

/** A fee the clerk charges at intake: index (1-based) into the version's fee list, optionally paid. */
export interface ChargedFee {
  readonly index: number;
  readonly payment?: { readonly method: PaymentMethod; readonly receiptNumber: string } | undefined;
}

/**
 * The fee rows of a new dossier. Without an explicit list, every unconditional item with an amount
 * is charged; with one, exactly the listed items (some items apply only in cases the clerk judges).
 * Amounts always come from the procedure version, never from the client.
 */
export function buildFees(
  procedure: Pick<ProcedureVersion, 'fees'>,
  charged: readonly ChargedFee[] | undefined,
  now: Date,
): Result<Fee[], AppError> {
  if (charged === undefined) {
    return ok(
      procedure.fees
        .filter((f) => f.amountVnd > 0 && f.appliesWhen === undefined)
        .map((f, i) => ({ seq: i + 1, name: f.name, amountVnd: f.amountVnd, payment: null })),
    );
  }
  const problems: InvalidParam[] = [];
  const fees: Fee[] = [];
  charged.forEach((c, i) => {
    const item = procedure.fees[c.index - 1];
    if (!item) {
      problems.push({
        name: `body/fees/${i}/index`,
        reason: `the procedure has fees 1..${procedure.fees.length}`,
      });
      return;
    }
    const payment = c.payment
      ? { method: c.payment.method, receiptNumber: c.payment.receiptNumber, paidAt: now }
      : null;
    fees.push({ seq: fees.length + 1, name: item.name, amountVnd: item.amountVnd, payment });
  });
  return problems.length > 0 ? err(new AppError('VALIDATION_FAILED', { invalidParams: problems })) : ok(fees);
}

/** The part of a procedure version a dossier keeps. */
export function snapshotOf(versionId: string, v: ProcedureVersion): ProcedureSnapshot {
  return {
    versionId,
    code: v.code,
    version: v.version,
    name: v.name,
    field: v.field,
    agency: { code: v.agency.code, name: v.agency.name },
    timeLimit: { value: v.processingTime.value, unit: v.processingTime.unit },
    cutoffTime: v.cutoffTime ?? null,
    feesBlockReturn: v.feesBlockReturn,
    steps: v.steps.map((s) =>
      s.agency === undefined ? { name: s.name, sharePercent: s.sharePercent } : { ...s },
    ),
    result: { name: v.result.name, kind: v.result.kind },
  };
}

/** Whether the procedure may be received through this channel and returned this way (QĐ 45/2016, ND 42/2022). */
export function channelProblems(v: ProcedureVersion, channel: Channel, returnMethod: ReturnMethod): string[] {
  const problems: string[] = [];
  if (channel === 'online' && v.onlineLevel === 'none') problems.push('the procedure is not offered online');
  if (channel === 'postal' && !v.postal.sendDossier)
    problems.push('the procedure does not accept dossiers by post');
  if (returnMethod === 'postal' && !v.postal.receiveResult)
    problems.push('the procedure does not return results by post');
  if (returnMethod === 'online' && v.result.kind === 'paper') problems.push('the result is on paper only');
  return problems;
}

/** Whether a service point offers the procedure: listed explicitly, or any point at one of its levels. */
export function offeredAt(v: ProcedureVersion, sp: ServicePointRef): boolean {
  if (v.servicePointCodes.length > 0) return v.servicePointCodes.includes(sp.code);
  return (v.levels as readonly string[]).includes(sp.level);
}

export interface NewDossierInput {
  readonly id: string;
  readonly code: string;
  readonly channel: Channel;
  readonly procedure: ProcedureSnapshot;
  readonly servicePoint: ServicePointRef;
  readonly unitAncestors: readonly string[];
  readonly applicant: Applicant;
  readonly documents: readonly TickedDocument[];
  readonly documentNames: readonly string[];
  readonly returnMethod: ReturnMethod;
  readonly deliveryAddress: string | null;
  readonly fees: readonly Fee[];
}

/**
 * Opens a dossier. At the counter the dossier is received at once (code, appointment); online and
 * postal submissions wait as `submitted` with their code until a clerk receives them.
 */
export function openDossier(
  input: NewDossierInput,
  ctx: Pick<DecisionContext, 'now' | 'actor' | 'calendar' | 'calendarRule'>,
): Result<{ dossier: Dossier; events: DossierEvent[] }, AppError> {
  const documents: DossierDocument[] = input.documents
    .map((t) => ({ ...t, name: input.documentNames[t.index - 1] ?? `#${t.index}` }))
    .sort((a, b) => a.index - b.index);
  const submitted: Dossier = {
    id: input.id,
    code: input.code,
    status: 'submitted',
    version: 1,
    channel: input.channel,
    procedure: input.procedure,
    servicePoint: input.servicePoint,
    agencyCode: input.procedure.agency.code,
    unitCode: input.servicePoint.unitCode,
    unitAncestors: input.unitAncestors,
    applicant: input.applicant,
    documents,
    returnMethod: input.returnMethod,
    deliveryAddress: input.deliveryAddress,
    submittedAt: ctx.now,
    receivedAt: null,
    receivedBy: null,
    effectiveStartAt: null,
    dueAt: null,
    originalDueAt: null,
    calendarRule: null,
    processingEndedAt: null,
    returnedAt: null,
    supplementCount: 0,
    extensionCount: 0,
    suspensions: [],
    handovers: [],
    fees: input.fees,
    apologies: [],
    closing: null,
    result: null,
    returnInfo: null,
  };
  if (input.channel !== 'counter') {
    return ok({
      dossier: submitted,
      events: [
        { type: 'dossier.submitted', at: ctx.now, actor: ctx.actor, data: { channel: input.channel } },
      ],
    });
  }
  const received = receiveAt(submitted, ctx);
  if (!received.ok) return received;
  const dossier: Dossier = { ...submitted, ...received.value, status: 'received' };
  return ok({
    dossier,
    events: [
      {
        type: 'dossier.received',
        at: ctx.now,
        actor: ctx.actor,
        data: { channel: input.channel, effectiveStartAt: dossier.effectiveStartAt, dueAt: dossier.dueAt },
      },
    ],
  });
}
