/**
 * The dossier (hồ sơ) as the domain core sees it: one administrative request received at a
 * one-stop counter, with its lifecycle history (hand-overs, supplement suspensions, apologies,
 * fees) and the snapshot of the procedure version it was received under.
 *
 * Why a snapshot: a dossier is handled under the rules in force on the day it was received
 * (DOMAIN.md §9, docs/architecture.md "effective-dated data"); later catalog changes must not
 * change its time limit, fees or documents. Everything here is plain data: no I/O, no clock.
 */
import type { DocumentForm, ResultKind, TimeUnit } from '../../catalog/domain/procedure.ts';

export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
  'result_ready',
  'returned',
  'rejected',
  'stopped',
  'withdrawn',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** States in which the dossier is still being handled (processing has not ended). */
export const OPEN_STATUSES: readonly DossierStatus[] = [
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
];

/** Submission channels (kênh thực hiện, DVCQG `KenhThucHien`): 1 counter, 2 online, 3 public postal. */
export const CHANNELS = ['counter', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_CODES: Readonly<Record<Channel, 1 | 2 | 3>> = { counter: 1, online: 2, postal: 3 };

/** How the applicant receives the result. */
export const RETURN_METHODS = ['counter', 'postal', 'online'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'vietqr', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Result of one processing step or of the whole dossier (Trước hạn / Đúng hạn / Quá hạn). */
export type StepResult = 'early' | 'on_time' | 'late';

/** The person or organisation that files the dossier. Personal data: never logged, reads audited. */
export type Applicant =
  | {
      readonly kind: 'person';
      readonly fullName: string;
      /** 12-digit personal identification number (số định danh cá nhân). */
      readonly idNumber: string;
      readonly phone: string;
      readonly email?: string | undefined;
      readonly address: string;
    }
  | {
      readonly kind: 'organisation';
      readonly fullName: string;
      /** Tax code: 10 digits, or 10 digits + '-' + 3 digits for a dependent unit. */
      readonly taxCode: string;
      readonly phone: string;
      readonly email?: string | undefined;
      readonly address: string;
      /** Person acting for the organisation, if given. */
      readonly representative?: string | undefined;
    };

/** One required document as ticked by the clerk: index into the procedure version's document list (1-based). */
export interface DossierDocument {
  readonly index: number;
  readonly name: string;
  readonly form: DocumentForm;
  readonly count: number;
  /** A scanned file is attached (số hóa). */
  readonly attached: boolean;
  /** Taken from the citizen's data store instead of being presented (ND 45/2020). */
  readonly reused: boolean;
}

/** What the dossier keeps of the procedure version it was received under. */
export interface ProcedureSnapshot {
  readonly versionId: string;
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly field: string;
  readonly agency: { readonly code: string; readonly name: string };
  readonly timeLimit: { readonly value: number; readonly unit: TimeUnit };
  readonly cutoffTime: string | null;
  readonly feesBlockReturn: boolean;
  readonly steps: readonly {
    readonly name: string;
    readonly sharePercent: number;
    readonly agency?: string;
  }[];
  readonly result: { readonly name: string; readonly kind: ResultKind };
}

export interface ServicePointRef {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly unitCode: string;
  /** Printed in the forms' header ("…, Gia Lai"). */
  readonly address: string;
}

/** Who did something, as recorded in history (no personal data of applicants). */
export interface ActorRef {
  readonly id: string | null;
  readonly label: string;
  readonly name: string;
}

/** A supplement request (yêu cầu bổ sung): the legal clock stops from `requestedAt` to `resumedAt`. */
export interface SupplementSuspension {
  readonly seq: number;
  readonly requestedAt: Date;
  readonly resumedAt: Date | null;
  readonly reason: string;
  readonly items: readonly string[];
  readonly requestedBy: ActorRef;
  readonly resumedBy: ActorRef | null;
}

/** One side of a hand-over (Mẫu 05/06 row): a person and the unit they act for. */
export interface HandoverParty {
  readonly name: string;
  readonly unit: string;
}

/** One row of the processing control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ). */
export interface Handover {
  readonly seq: number;
  readonly kind: 'forward' | 'step' | 'result';
  readonly at: Date;
  readonly giver: HandoverParty;
  readonly receiver: HandoverParty;
  readonly stepName: string;
  /** When this step was due (its share of the time limit, or the dossier's due). */
  readonly stepDueAt: Date | null;
  readonly result: StepResult | null;
  readonly note: string | null;
}

export interface Payment {
  readonly method: PaymentMethod;
  readonly receiptNumber: string;
  readonly paidAt: Date;
}

export interface Fee {
  readonly seq: number;
  readonly name: string;
  readonly amountVnd: number;
  readonly payment: Payment | null;
}

/** An apology with a new appointment (Mẫu 04). */
export interface Apology {
  readonly issuedAt: Date;
  readonly reason: string;
  readonly previousDueAt: Date;
  readonly newDueAt: Date;
  readonly by: ActorRef;
}

/** Why the dossier was rejected, stopped or withdrawn. */
export interface Closing {
  readonly kind: 'rejected' | 'stopped' | 'withdrawn';
  readonly reason: string;
  readonly legalBasis: string | null;
  readonly at: Date;
  readonly by: ActorRef;
  /** Refused before it was received (Mẫu 03 at reception), as opposed to rejected after processing. */
  readonly atReception: boolean;
}

export interface DossierResult {
  readonly kind: 'electronic' | 'paper';
  readonly number: string;
  /** SHA-256 of the stored electronic result file, if any. */
  readonly fileSha256: string | null;
  readonly readyAt: Date;
}

/** How the result was handed over (at the counter after an identity check, to the post, or online). */
export interface ReturnInfo {
  readonly method: ReturnMethod;
  readonly at: Date;
  readonly receiverName: string | null;
  readonly identity: 'id_document' | 'authorisation' | null;
  /** Authorisation letter reference when a representative collects the result. */
  readonly authorisationRef: string | null;
  readonly postalItemNumber: string | null;
}

/**
 * Which calendar data the due was last computed with: the calendar module's rule version
 * (`cal:2026r2,sched:default`), the schedule id, and each stored year's revision, status and SHA-256,
 * so a due can be explained after the data is corrected.
 */
export interface CalendarRule {
  readonly ruleVersion: string;
  readonly scheduleId: string;
  readonly years: readonly {
    readonly year: number;
    readonly revision: number;
    readonly status: string;
    readonly sha256: string;
  }[];
}

export interface Dossier {
  readonly id: string;
  readonly code: string;
  readonly status: DossierStatus;
  /** Optimistic-concurrency version: +1 on every change. */
  readonly version: number;
  readonly channel: Channel;
  readonly procedure: ProcedureSnapshot;
  readonly servicePoint: ServicePointRef;
  /** Competent agency (cơ quan có thẩm quyền) code. */
  readonly agencyCode: string;
  /** Administrative unit of the service point as of receipt, and its ancestors (innermost first). */
  readonly unitCode: string;
  readonly unitAncestors: readonly string[];
  readonly applicant: Applicant;
  readonly documents: readonly DossierDocument[];
  readonly returnMethod: ReturnMethod;
  readonly deliveryAddress: string | null;
  readonly submittedAt: Date | null;
  readonly receivedAt: Date | null;
  readonly receivedBy: ActorRef | null;
  readonly effectiveStartAt: Date | null;
  /** The due instant in force; null before receipt and while a supplement request stops the clock. */
  readonly dueAt: Date | null;
  /** The appointment printed on Mẫu 01 (no suspension, no extension). */
  readonly originalDueAt: Date | null;
  readonly calendarRule: CalendarRule | null;
  readonly processingEndedAt: Date | null;
  readonly returnedAt: Date | null;
  readonly supplementCount: number;
  readonly extensionCount: number;
  readonly suspensions: readonly SupplementSuspension[];
  readonly handovers: readonly Handover[];
  readonly fees: readonly Fee[];
  readonly apologies: readonly Apology[];
  readonly closing: Closing | null;
  readonly result: DossierResult | null;
  readonly returnInfo: ReturnInfo | null;
}

export const DOSSIER_EVENT_TYPES = [
  'dossier.submitted',
  'dossier.received',
  'dossier.forwarded',
  'dossier.handed-over',
  'dossier.supplement-requested',
  'dossier.supplemented',
  'dossier.rejected',
  'dossier.stopped',
  'dossier.withdrawn',
  'dossier.apologized',
  'dossier.result-ready',
  'dossier.returned',
  'dossier.fee-paid',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** A past-tense fact about a dossier; `data` carries no personal data of the applicant. */
export interface DossierEvent {
  readonly type: DossierEventType;
  readonly at: Date;
  readonly actor: ActorRef;
  readonly data: Readonly<Record<string, unknown>>;
}
