/**
 * Builds the view models of the standard one-stop forms for the PDF renderer. The types are the
 * documents module's (`src/modules/documents/forms/view-models.ts`): it lays them out, this module
 * fills them because it knows the dossier. Pure: the printing instant and the issuer come in.
 *
 * Two form sets (DOMAIN.md §1.3): TT 01/2018/TT-VPCP (01–06) for dossiers received before
 * 1 July 2025 and the ND 118/2025 set (01–07) from that date. The numbering shifts: in 2025, 04 is
 * the apology *and extension request*, 05 the new stop notice, 06 the control slip and 07 the
 * register; in 2018, 05 was the control slip and 06 the register. The set is picked by the
 * dossier's receipt date (submission date if not received), so a dossier keeps the forms of the
 * regime it was received under, also when it is re-printed years later.
 */
import { AppError, err, ok, type Result } from '../../../kernel/errors.ts';
import { VN_OFFSET_MS, localDateOf } from '../../../kernel/local-date.ts';
import type { DocumentForm, TimeUnit } from '../../catalog/domain/procedure.ts';
import type {
  ApplicantView,
  ControlSlipViewModel,
  DocumentMeta,
  FormKind,
  FormViewModel,
  IssuerView,
  RefusalViewModel,
  RegisterRowView,
  RegisterViewModel,
  SupplementViewModel,
} from '../../documents/forms/view-models.ts';
import type { MissingItem } from './intake.ts';
import type { Applicant, Dossier, ReturnMethod } from './types.ts';

export const FORM_NUMBERS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormNo = (typeof FORM_NUMBERS)[number];
export type FormSetName = 'TT01/2018' | 'ND118/2025';

/** Dossiers received on or after this local date use the ND 118/2025 set. */
export const FORM_SET_2025_FROM = '2025-07-01';

/** Form number → kind, per set (the same table as the documents module's FORM_SETS). */
const KINDS: Readonly<Record<FormSetName, Partial<Record<FormNo, FormKind>>>> = {
  'TT01/2018': {
    '01': 'receipt',
    '02': 'supplement',
    '03': 'refusal',
    '04': 'apology',
    '05': 'control',
    '06': 'register',
  },
  'ND118/2025': {
    '01': 'receipt',
    '02': 'supplement',
    '03': 'refusal',
    '04': 'apology',
    '05': 'stop',
    '06': 'control',
    '07': 'register',
  },
};

export const DOCUMENT_FORM_LABELS: Readonly<Record<DocumentForm, string>> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực',
  copy: 'Bản sao',
};

export const RETURN_METHOD_LABELS: Readonly<Record<ReturnMethod, string>> = {
  counter: 'Bộ phận Một cửa (nhận trực tiếp)',
  postal: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến (kết quả điện tử)',
};

const TIME_UNIT_LABELS: Readonly<Record<TimeUnit, string>> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "08 giờ 30 phút, ngày 14/09/2022" at UTC+7 (the wording of Mẫu 01). */
export function vnDateTimeText(at: Date): string {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  return `${pad2(l.getUTCHours())} giờ ${pad2(l.getUTCMinutes())} phút, ngày ${pad2(l.getUTCDate())}/${pad2(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

/** Vietnam wall-clock `YYYY-MM-DDTHH:mm` (register rows). */
export function localDateTimeOf(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** The set of a dossier: by receipt date (or submission date), UTC+7. */
export function formSetOf(d: Pick<Dossier, 'receivedAt' | 'submittedAt'>): FormSetName {
  const at = d.receivedAt ?? d.submittedAt;
  return at && localDateOf(at) < FORM_SET_2025_FROM ? 'TT01/2018' : 'ND118/2025';
}

/** The kind of form `formNo` in a set, or undefined (e.g. 07 in the 2018 set). */
export function formKindOf(set: FormSetName, formNo: FormNo): FormKind | undefined {
  return KINDS[set][formNo];
}

/** The number of a kind in a set: the control slip is 05 in 2018 and 06 in 2025. */
export function formNoOf(set: FormSetName, kind: FormKind): FormNo | undefined {
  return (Object.entries(KINDS[set]) as [FormNo, FormKind][]).find(([, k]) => k === kind)?.[0];
}

/**
 * The header of a service point's documents when the caller has nothing better: its name in
 * capitals, and the place taken from the last part of its address ("Quy Nhơn, Gia Lai" → "Gia Lai").
 */
export function issuerFor(servicePoint: { readonly name: string; readonly address: string }): IssuerView {
  const place = servicePoint.address.split(',').pop()?.trim() ?? '';
  return { unit: servicePoint.name.toLocaleUpperCase('vi'), place };
}

/** What the renderer needs besides the dossier. */
export interface FormContext {
  /** Printing instant: the documents' date and the PDF CreationDate. */
  readonly now: Date;
  /** Defaults to `issuerFor(dossier.servicePoint)`. */
  readonly issuer?: IssuerView | undefined;
  /** Public lookup URL for the QR code on Mẫu 01, if the caller has a token. */
  readonly lookupUrl?: string | undefined;
  readonly hotline?: string | undefined;
}

function meta(ctx: FormContext, fallback: { name: string; address: string }): DocumentMeta {
  return {
    issuer: ctx.issuer ?? issuerFor(fallback),
    issuedOn: localDateOf(ctx.now),
    generatedAt: ctx.now.toISOString(),
  };
}

function applicantView(a: Applicant): ApplicantView {
  return a.email
    ? { name: a.fullName, address: a.address, phone: a.phone, email: a.email }
    : { name: a.fullName, address: a.address, phone: a.phone };
}

function unavailable(formNo: string, set: FormSetName, reason: string): AppError {
  return new AppError('DOSSIER_FORM_NOT_AVAILABLE', { detail: reason, details: { formNo, set } });
}

/** One register line for a dossier (Sổ theo dõi hồ sơ). */
export function registerRow(d: Dossier, sequence: number): RegisterRowView {
  const forwarded = d.handovers.find((h) => h.kind === 'forward');
  const due = d.originalDueAt ?? d.dueAt;
  const note = d.closing
    ? `${d.closing.kind === 'rejected' ? 'Từ chối' : d.closing.kind === 'stopped' ? 'Dừng giải quyết' : 'Rút hồ sơ'}: ${d.closing.reason}`
    : d.apologies.length > 0
      ? `Hẹn lại: ${vnDateTimeText(d.apologies[d.apologies.length - 1]!.newDueAt)}`
      : undefined;
  return {
    sequence,
    dossierCode: d.code,
    procedureName: d.procedure.name,
    setCount: 1,
    applicantName: d.applicant.fullName,
    address: d.applicant.address,
    phone: d.applicant.phone,
    leadAgency: d.procedure.agency.name,
    receivedAt: localDateTimeOf(d.receivedAt ?? d.submittedAt ?? new Date(0)),
    dueAt: due ? localDateTimeOf(due) : '',
    ...(forwarded ? { forwardedAt: localDateTimeOf(forwarded.at) } : {}),
    ...(d.result ? { resultAt: localDateTimeOf(d.result.readyAt) } : {}),
    ...(d.returnedAt ? { returnedAt: localDateTimeOf(d.returnedAt) } : {}),
    ...(d.returnInfo?.receiverName ? { signedBy: d.returnInfo.receiverName } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The register of a service point for a period (Mẫu 06 of 2018 / 07 of 2025, chosen by the caller
 * with `formSetOfDate(period.to)`). Dossiers are printed in the order given.
 */
export function registerData(
  servicePoint: { readonly name: string; readonly address: string },
  period: { readonly from: string; readonly to: string },
  dossiers: readonly Dossier[],
  ctx: FormContext,
): RegisterViewModel {
  const text = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return {
    ...meta(ctx, servicePoint),
    kind: 'register',
    period: `Từ ngày ${text(period.from)} đến ngày ${text(period.to)}`,
    rows: dossiers.map((d, i) => registerRow(d, i + 1)),
  };
}

/** The set in force on a local date (for registers, which span many dossiers). */
export function formSetOfDate(localDate: string): FormSetName {
  return localDate < FORM_SET_2025_FROM ? 'TT01/2018' : 'ND118/2025';
}

/**
 * The view model of form `formNo` for a dossier, in the dossier's set. DOSSIER_FORM_NOT_AVAILABLE
 * when the set has no such number or the dossier has not reached the stage the form records
 * (an apology form without an apology, a receipt before receipt …).
 */
export function formData(d: Dossier, formNo: FormNo, ctx: FormContext): Result<FormViewModel, AppError> {
  const set = formSetOf(d);
  const kind = formKindOf(set, formNo);
  if (!kind) return err(unavailable(formNo, set, `Form ${formNo} does not exist in the ${set} set.`));
  const m = meta(ctx, d.servicePoint);
  const applicant = applicantView(d.applicant);
  const procedureName = d.procedure.name;
  switch (kind) {
    case 'receipt': {
      const due = d.originalDueAt ?? d.dueAt;
      if (!d.receivedAt || !due)
        return err(unavailable(formNo, set, 'The dossier has not been received yet.'));
      const t = d.procedure.timeLimit;
      return ok({
        ...m,
        kind,
        dossierCode: d.code,
        receivingUnitName: d.servicePoint.name,
        applicant,
        procedureName,
        documents: d.documents.map((doc) => ({
          name: doc.name,
          form: DOCUMENT_FORM_LABELS[doc.form],
          count: doc.count,
        })),
        setCount: 1,
        legalTimeLimit: `${t.value} ${TIME_UNIT_LABELS[t.unit]}`,
        receivedAt: vnDateTimeText(d.receivedAt),
        // Mẫu 01 prints the appointment given at receipt.
        dueAt: vnDateTimeText(due),
        returnMethod:
          d.returnMethod === 'postal' && d.deliveryAddress
            ? `${RETURN_METHOD_LABELS.postal}: ${d.deliveryAddress}`
            : RETURN_METHOD_LABELS[d.returnMethod],
        fees: d.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
        ...(ctx.lookupUrl ? { lookupUrl: ctx.lookupUrl } : {}),
        ...(ctx.hotline ? { hotline: ctx.hotline } : {}),
        ...(d.returnMethod === 'counter'
          ? {
              notes: [
                'Khi đến nhận kết quả, mang theo Giấy tiếp nhận này và giấy tờ tùy thân (hoặc giấy ủy quyền).',
              ],
            }
          : {}),
        applicantSigner: { title: 'NGƯỜI NỘP HỒ SƠ', name: d.applicant.fullName },
        receiverSigner: {
          title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
          ...(d.receivedBy ? { name: d.receivedBy.name } : {}),
        },
      });
    }
    case 'supplement': {
      const s = d.suspensions[d.suspensions.length - 1];
      if (!s) return err(unavailable(formNo, set, 'No supplement was requested for this dossier.'));
      return ok({
        ...m,
        kind,
        dossierCode: d.code,
        receivingUnitName: d.servicePoint.name,
        applicant,
        procedureName,
        ...(d.receivedAt ? { receivedAt: vnDateTimeText(d.receivedAt) } : {}),
        items: s.items.map((item) => ({ item, reason: s.reason })),
        signer: { title: 'NGƯỜI YÊU CẦU BỔ SUNG', name: s.requestedBy.name },
      });
    }
    case 'refusal': {
      if (d.closing?.kind !== 'rejected')
        return err(unavailable(formNo, set, 'The dossier was not rejected.'));
      return ok({
        ...m,
        kind,
        dossierCode: d.code,
        receivingUnitName: d.servicePoint.name,
        applicant,
        procedureName,
        reason: d.closing.reason,
        signer: {
          title: d.closing.atReception ? 'NGƯỜI TIẾP NHẬN HỒ SƠ' : 'THỦ TRƯỞNG CƠ QUAN',
          name: d.closing.by.name,
        },
      });
    }
    case 'apology': {
      const a = d.apologies[d.apologies.length - 1];
      if (!a || !d.receivedAt)
        return err(unavailable(formNo, set, 'No apology was issued for this dossier.'));
      return ok({
        ...m,
        kind,
        dossierCode: d.code,
        agencyName: d.procedure.agency.name,
        applicant,
        procedureName,
        receivedAt: vnDateTimeText(d.receivedAt),
        originalDueAt: vnDateTimeText(d.originalDueAt ?? a.previousDueAt),
        reason: a.reason,
        newDueAt: vnDateTimeText(a.newDueAt),
        signer: { title: 'THỦ TRƯỞNG CƠ QUAN', name: a.by.name },
      });
    }
    case 'stop': {
      if (d.closing?.kind !== 'stopped' || !d.receivedAt)
        return err(unavailable(formNo, set, 'Processing of the dossier was not stopped.'));
      return ok({
        ...m,
        kind,
        dossierCode: d.code,
        agencyName: d.procedure.agency.name,
        applicant,
        procedureName,
        receivedAt: vnDateTimeText(d.receivedAt),
        reason: d.closing.reason,
        legalBasis: d.closing.legalBasis ?? 'Nghị định số 118/2025/NĐ-CP',
        signer: { title: 'THỦ TRƯỞNG CƠ QUAN', name: d.closing.by.name },
      });
    }
    case 'control': {
      const due = d.dueAt ?? d.originalDueAt;
      if (!d.receivedAt || !due)
        return err(unavailable(formNo, set, 'The dossier has not been received yet.'));
      const slip: ControlSlipViewModel = {
        ...m,
        kind,
        dossierCode: d.code,
        applicant: d.applicant.phone
          ? { name: d.applicant.fullName, phone: d.applicant.phone }
          : { name: d.applicant.fullName },
        procedureName,
        receivedAt: vnDateTimeText(d.receivedAt),
        dueAt: vnDateTimeText(due),
        rows: d.handovers.map((h) => ({
          from: h.giver.unit,
          to: h.receiver.unit,
          at: vnDateTimeText(h.at),
          ...(h.result ? { result: h.result } : {}),
          ...(h.note ? { note: h.note } : {}),
          senderName: h.giver.name,
          receiverName: h.receiver.name,
        })),
        // The paper slip travels with the dossier: leave room for the hand-overs still to come.
        blankRows: d.processingEndedAt ? 0 : Math.max(0, d.procedure.steps.length + 2 - d.handovers.length),
      };
      return ok(slip);
    }
    case 'register':
      return ok({ ...m, kind, rows: [registerRow(d, 1)] });
  }
}

/** A guidance (incomplete dossier) or refusal recorded at intake: no dossier, no code. */
export interface IntakeRecord {
  readonly id: string;
  readonly kind: 'guided' | 'refused';
  readonly at: Date;
  readonly servicePoint: { readonly code: string; readonly name: string; readonly address: string };
  readonly procedure: { readonly code: string; readonly name: string };
  readonly applicant: Applicant;
  readonly missing: readonly MissingItem[];
  readonly reason: string | null;
  readonly officer: { readonly name: string };
}

const MISSING_REASON: Readonly<Record<MissingItem['problem'], string>> = {
  absent: 'Chưa nộp',
  form: 'Chưa đúng hình thức yêu cầu',
  count: 'Chưa đủ số lượng',
  not_attached: 'Chưa đính kèm bản điện tử',
  not_reusable: 'Không khai thác được từ kho dữ liệu, cần nộp',
};

/** Mẫu 02 (guidance: what to add, "guide once") or Mẫu 03 (refusal) for an intake that made no dossier. */
export function intakeFormData(r: IntakeRecord, ctx: FormContext): SupplementViewModel | RefusalViewModel {
  const m = meta(ctx, r.servicePoint);
  const applicant = applicantView(r.applicant);
  if (r.kind === 'refused') {
    return {
      ...m,
      kind: 'refusal',
      receivingUnitName: r.servicePoint.name,
      applicant,
      procedureName: r.procedure.name,
      reason: r.reason ?? '',
      signer: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: r.officer.name },
    };
  }
  return {
    ...m,
    kind: 'supplement',
    receivingUnitName: r.servicePoint.name,
    applicant,
    procedureName: r.procedure.name,
    items: r.missing.map((x) => ({
      item: `${x.name} (${DOCUMENT_FORM_LABELS[x.requiredForm]}, ${x.requiredCount} bản)`,
      reason: MISSING_REASON[x.problem],
    })),
    signer: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: r.officer.name },
  };
}
