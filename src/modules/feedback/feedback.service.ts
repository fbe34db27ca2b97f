/**
 * Feedback and complaints (PAKN): use cases. Each change runs load → authorise → decide (pure
 * domain) → save + audit + outbox in one transaction. Reads that need the outer database (service
 * point, calendar, rules) happen before the transaction: PGlite is a single session.
 *
 * Personal data (the submitter's name, e-mail, phone) is only in `feedback_item`, in staff reads
 * (audited) and in the outbox rows that tell the submitter; never in audit changes or public reads.
 */
import { createHash } from 'node:crypto';
import { randomSecret } from '../../adapters/crypto/password.ts';
import type { Database } from '../../adapters/db/database.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { mayAccess, type Actor, type Permission, type ResourceLocation } from '../access/domain.ts';
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.repository.ts';
import type { CalendarSource } from '../dossiers/calendar-source.ts';
import { findAgency, findServicePoint } from '../org/org.repository.ts';
import type { OrgService } from '../org/org.service.ts';
import { enqueueOutbox, type OutboxMessage } from '../outbox/outbox.repository.ts';
import {
  computeDeadlines,
  optionalStepTimeliness,
  rulesInForce,
  stepTimeliness,
  type DeadlineRules,
  type FeedbackDeadlines,
  type StepTimeliness,
} from './domain/deadlines.ts';
import {
  ACTION_PERMISSION,
  allowedActions,
  nextStatus,
  type CitizenAction,
  type FeedbackAction,
  type FeedbackKind,
  type FeedbackStatus,
  type Rating,
  type StaffAction,
} from './domain/lifecycle.ts';
import {
  checkSubmission,
  referenceOf,
  type FieldProblem,
  type SubmissionInput,
} from './domain/submission.ts';
import * as repo from './feedback.repository.ts';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const auditActor = (actor: Actor): AuditActor => ({ id: actor.userId, label: actor.username });
const CITIZEN: AuditActor = { id: null, label: 'citizen' };

/** Problems of a submission as RFC 7807 `invalidParams` (`body/contact/email`). */
export function invalidParamsOf(problems: readonly FieldProblem[]): InvalidParam[] {
  return problems.map((p) => ({ name: `body/${p.field}`, reason: p.en, code: p.code }));
}

export interface SubmitResult {
  readonly reference: string;
  /** Shown once: lets the submitter add information or withdraw (only its hash is stored). */
  readonly followUpToken: string;
  readonly status: FeedbackStatus;
  readonly servicePointCode: string;
  readonly receivedAt: string;
  readonly answerDueAt: string | null;
}

export interface StepView {
  readonly dueAt: string | null;
  readonly doneAt: string | null;
  readonly timeliness: StepTimeliness;
}

/** What staff see (contact only on the single-item read). */
export interface FeedbackView {
  readonly reference: string;
  readonly kind: FeedbackKind;
  readonly status: FeedbackStatus;
  readonly subject: string;
  readonly content: string;
  readonly dossierCode: string | null;
  readonly servicePointCode: string;
  readonly dossierAgencyCode: string | null;
  readonly assignedAgencyCode: string | null;
  readonly receivedAt: string;
  readonly infoRequest: string | null;
  readonly infoProvided: string | null;
  readonly rejectionReason: string | null;
  readonly answer: string | null;
  readonly answeredOnTime: boolean | null;
  readonly publishedOnTime: boolean | null;
  readonly steps: {
    readonly reject: StepView;
    readonly requestInfo: StepView;
    readonly answer: StepView;
    readonly publish: StepView;
  };
  /** Some step is overdue now, or ended late. */
  readonly late: boolean;
  /** The due that matters next for the queue (answer, then publish). */
  readonly nextDueAt: string | null;
  readonly allowedActions: readonly FeedbackAction[];
  readonly deadlineRules: DeadlineRules;
  readonly version: number;
  readonly contact?: { readonly name: string; readonly email: string | null; readonly phone: string | null };
}

export interface PublicFeedback {
  readonly reference: string;
  readonly kind: FeedbackKind;
  readonly subject: string;
  readonly content: string;
  readonly servicePointCode: string;
  readonly receivedOn: string;
  readonly answer: string;
  readonly answeredOn: string | null;
  readonly publishedOn: string | null;
  readonly ratings: Readonly<Record<Rating, number>>;
}

/** The submitter's own view (follow-up token). */
export interface FollowUpView {
  readonly reference: string;
  readonly kind: FeedbackKind;
  readonly status: FeedbackStatus;
  readonly subject: string;
  readonly infoRequest: string | null;
  readonly rejectionReason: string | null;
  readonly answer: string | null;
  readonly answerDueAt: string | null;
  readonly allowedActions: readonly CitizenAction[];
}

export interface StaffActionInput {
  readonly action: StaffAction;
  readonly reason?: string | undefined;
  readonly request?: string | undefined;
  readonly agencyCode?: string | undefined;
  readonly answer?: string | undefined;
  /** Optimistic lock: the version the caller saw. */
  readonly version?: number | undefined;
}

export interface ListQuery {
  readonly status?: string | undefined;
  readonly servicePoint?: string | undefined;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const MAX_SCAN = 2_000;

export class FeedbackService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    private readonly calendars: CalendarSource,
  ) {}

  /** The deadline rule rows (effective-dated configuration). */
  deadlineRules() {
    return repo.deadlineRuleRows(this.database.db);
  }

  async #rulesOn(day: string): Promise<DeadlineRules> {
    const r = rulesInForce(await repo.deadlineRuleRows(this.database.db), day);
    if (!r.ok) throw r.error;
    return r.value;
  }

  async #deadlines(row: HistoryRow, rules: DeadlineRules): Promise<FeedbackDeadlines> {
    const { calendar } = await this.calendars.calendarFor(row.servicePointCode);
    const r = computeDeadlines(row, rules, calendar);
    if (!r.ok) throw r.error;
    return r.value;
  }

  /** A citizen submits feedback (public). Returns the reference and the secret follow-up token. */
  async submit(input: SubmissionInput, now: Date): Promise<SubmitResult> {
    const checked = checkSubmission(input);
    if (!checked.ok)
      throw new AppError('VALIDATION_FAILED', { invalidParams: invalidParamsOf(checked.problems) });
    const s = checked.value;
    let servicePointCode = s.servicePointCode;
    let dossierAgencyCode: string | null = null;
    if (s.dossierCode) {
      const dossier = await repo.findDossierLink(this.database.db, s.dossierCode);
      if (!dossier)
        throw new AppError('FEEDBACK_DOSSIER_NOT_FOUND', {
          invalidParams: [
            { name: 'body/dossierCode', reason: 'no dossier has this code', code: 'not_found' },
          ],
        });
      if (servicePointCode && servicePointCode !== dossier.servicePointCode)
        throw new AppError('FEEDBACK_SERVICE_POINT_MISMATCH', {
          invalidParams: [
            { name: 'body/servicePointCode', reason: 'not the dossier’s service point', code: 'mismatch' },
          ],
        });
      servicePointCode = dossier.servicePointCode;
      dossierAgencyCode = dossier.agencyCode;
    }
    if (!servicePointCode) throw new AppError('VALIDATION_FAILED');
    await this.org.servicePoint(servicePointCode); // SERVICE_POINT_NOT_FOUND
    const receivedOn = localDateOf(now);
    const rules = await this.#rulesOn(receivedOn);
    const { rule } = await this.calendars.calendarFor(servicePointCode);
    const history: HistoryRow = { ...EMPTY_HISTORY, servicePointCode, receivedAt: now };
    const dues = await this.#deadlines(history, rules);
    const token = randomSecret(24);
    const created = await this.database.transaction(async (tx) => {
      const no = await repo.nextDayNumber(tx, receivedOn);
      const reference = referenceOf(receivedOn, no);
      const row = await repo.insertFeedback(tx, {
        reference,
        kind: s.kind,
        subject: s.subject,
        content: s.content,
        dossierCode: s.dossierCode,
        servicePointCode,
        dossierAgencyCode,
        status: 'received',
        contactName: s.contact.name,
        contactEmail: s.contact.email,
        contactPhone: s.contact.phone,
        language: s.language,
        followUpTokenHash: sha256(token),
        receivedAt: now,
        receivedOn,
        rejectDueAt: dues.rejectDue,
        requestInfoDueAt: dues.requestInfoDue,
        answerDueAt: dues.answerDue,
        publishDueAt: null,
        deadlineRules: rules,
        calendarRule: rule.ruleVersion,
        updatedAt: now,
      });
      await appendAudit(tx, CITIZEN, now, [
        {
          action: 'feedback.received',
          entityType: 'feedback',
          entityId: reference,
          change: {
            kind: s.kind,
            servicePointCode,
            dossierCode: s.dossierCode,
            answerDueAt: iso(dues.answerDue),
            rules,
          },
        },
      ]);
      return row;
    });
    return {
      reference: created.reference,
      followUpToken: token,
      status: 'received',
      servicePointCode,
      receivedAt: now.toISOString(),
      answerDueAt: iso(dues.answerDue),
    };
  }

  async #location(row: repo.FeedbackRow, now: Date): Promise<ResourceLocation> {
    const sp = await this.org.servicePointLocation(row.servicePointCode, localDateOf(now));
    return { ...sp, agency: row.assignedAgencyCode ?? undefined };
  }

  async #load(reference: string): Promise<repo.FeedbackRow> {
    const row = await repo.findFeedback(this.database.db, reference);
    if (!row) throw new AppError('FEEDBACK_NOT_FOUND', { details: { reference } });
    return row;
  }

  /** Problems with the place a submission is about (for the form's "where" step). */
  async linkProblems(servicePointCode: string | null, dossierCode: string | null): Promise<FieldProblem[]> {
    if (dossierCode) {
      const dossier = await repo.findDossierLink(this.database.db, dossierCode);
      if (!dossier)
        return [
          {
            field: 'dossierCode',
            code: 'not_found',
            vi: 'Không tìm thấy hồ sơ có mã này; kiểm tra lại mã trên giấy tiếp nhận',
            en: 'No dossier has this code; check the code on your receipt',
          },
        ];
      if (servicePointCode && servicePointCode !== dossier.servicePointCode)
        return [
          {
            field: 'servicePointCode',
            code: 'mismatch',
            vi: 'Hồ sơ không thuộc nơi tiếp nhận đã chọn; bỏ chọn nơi tiếp nhận hoặc sửa mã hồ sơ',
            en: 'The dossier does not belong to this service point; clear the service point or fix the code',
          },
        ];
      return [];
    }
    if (servicePointCode && !(await findServicePoint(this.database.db, servicePointCode)))
      return [
        {
          field: 'servicePointCode',
          code: 'not_found',
          vi: 'Chọn nơi tiếp nhận trong danh sách',
          en: 'Choose a service point from the list',
        },
      ];
    return [];
  }

  /** The staff actions the actor may take on the item now (for pages). */
  async actionsFor(actor: Actor, item: FeedbackView, now: Date): Promise<StaffAction[]> {
    const sp = await this.org.servicePointLocation(item.servicePointCode, localDateOf(now));
    const location = { ...sp, agency: item.assignedAgencyCode ?? undefined };
    return item.allowedActions.filter(
      (a): a is StaffAction =>
        a in ACTION_PERMISSION &&
        mayAccess(actor, ACTION_PERMISSION[a as StaffAction], location) &&
        !(a === 'request_info' && item.infoRequest !== null),
    );
  }

  /** Staff queue within the caller's scope, the oldest first. */
  async list(actor: Actor, q: ListQuery, now: Date): Promise<{ total: number; items: FeedbackView[] }> {
    const statuses = q.status ? q.status.split(',').filter(Boolean) : undefined;
    const rows = await repo.listFeedback(this.database.db, {
      statuses,
      servicePointCodes: q.servicePoint ? [q.servicePoint] : undefined,
      limit: MAX_SCAN,
    });
    const locations = new Map<string, ResourceLocation>();
    const visible: repo.FeedbackRow[] = [];
    for (const row of rows) {
      let sp = locations.get(row.servicePointCode);
      if (!sp) {
        sp = await this.org.servicePointLocation(row.servicePointCode, localDateOf(now));
        locations.set(row.servicePointCode, sp);
      }
      if (mayAccess(actor, 'feedback.read', { ...sp, agency: row.assignedAgencyCode ?? undefined }))
        visible.push(row);
    }
    const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
    const page = Math.max(q.page ?? 1, 1);
    const slice = visible.slice((page - 1) * pageSize, page * pageSize);
    return { total: visible.length, items: slice.map((r) => viewOf(r, now)) };
  }

  /** One item with the submitter's contact; the read of personal data is audited. */
  async get(actor: Actor, reference: string, now: Date): Promise<FeedbackView> {
    const row = await this.#load(reference);
    if (!mayAccess(actor, 'feedback.read', await this.#location(row, now)))
      throw new AppError('FEEDBACK_NOT_FOUND', { details: { reference } });
    await this.database.transaction((tx) =>
      appendAudit(tx, auditActor(actor), now, [
        { action: 'feedback.contact-read', entityType: 'feedback', entityId: reference, change: {} },
      ]),
    );
    return {
      ...viewOf(row, now),
      contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    };
  }

  /** A staff action on an item (reject, request_info, assign, answer, publish). */
  async act(actor: Actor, reference: string, input: StaffActionInput, now: Date): Promise<FeedbackView> {
    const row = await this.#load(reference);
    const location = await this.#location(row, now);
    if (!mayAccess(actor, 'feedback.read', location))
      throw new AppError('FEEDBACK_NOT_FOUND', { details: { reference } });
    const permission: Permission = ACTION_PERMISSION[input.action];
    if (!mayAccess(actor, permission, location)) throw new AppError('FORBIDDEN');
    if (input.version !== undefined && input.version !== row.version)
      throw new AppError('FEEDBACK_VERSION_CONFLICT');
    const changes: Partial<repo.NewFeedbackRow> = {};
    const missing = (name: string): never => {
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: `body/${name}`, reason: 'required for this action', code: 'required' }],
      });
    };
    const text = (v: string | undefined): string => (v ?? '').normalize('NFC').trim();
    switch (input.action) {
      case 'reject':
        changes.rejectedAt = now;
        changes.rejectionReason = text(input.reason) || missing('reason');
        break;
      case 'request_info':
        changes.infoRequestedAt = now;
        changes.infoRequest = text(input.request) || missing('request');
        break;
      case 'assign': {
        const code = text(input.agencyCode) || missing('agencyCode');
        const agency = await findAgency(this.database.db, code);
        if (!agency)
          throw new AppError('FEEDBACK_AGENCY_NOT_FOUND', {
            invalidParams: [{ name: 'body/agencyCode', reason: 'unknown agency', code: 'not_found' }],
          });
        changes.assignedAgencyCode = code;
        changes.assignedAt = now;
        break;
      }
      case 'answer':
        changes.answeredAt = now;
        changes.answer = text(input.answer) || missing('answer');
        changes.answeredBy = actor.username;
        break;
      case 'publish':
        changes.publishedAt = now;
        break;
    }
    return this.#transition(row, input.action, changes, auditActor(actor), now, {
      ...(input.action === 'assign' ? { agencyCode: changes.assignedAgencyCode } : {}),
      ...(input.action === 'reject' ? { reason: changes.rejectionReason } : {}),
    });
  }

  /** What the submitter may see of their own item, with the follow-up token (no staff names). */
  async followUpView(reference: string, token: string): Promise<FollowUpView> {
    const row = await repo.findFeedback(this.database.db, reference);
    if (!row || sha256(token) !== row.followUpTokenHash) throw new AppError('FEEDBACK_TOKEN_INVALID');
    return {
      reference: row.reference,
      kind: row.kind as FeedbackKind,
      status: row.status as FeedbackStatus,
      subject: row.subject,
      infoRequest: row.infoRequest,
      rejectionReason: row.rejectionReason,
      answer: row.answer,
      answerDueAt: iso(row.answerDueAt),
      allowedActions: allowedActions(row.status as FeedbackStatus).filter(
        (a): a is CitizenAction => a === 'provide_info' || a === 'withdraw',
      ),
    };
  }

  /** The submitter, with the follow-up token: send the information asked for, or withdraw. */
  async citizenAct(
    reference: string,
    token: string,
    action: CitizenAction,
    info: string | undefined,
    now: Date,
  ): Promise<{ reference: string; status: FeedbackStatus }> {
    const row = await repo.findFeedback(this.database.db, reference);
    // Same answer for an unknown reference and a wrong token: the token is the only proof.
    if (!row || sha256(token) !== row.followUpTokenHash) throw new AppError('FEEDBACK_TOKEN_INVALID');
    const changes: Partial<repo.NewFeedbackRow> = {};
    if (action === 'provide_info') {
      const text = (info ?? '').normalize('NFC').trim();
      if (!text)
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'body/info', reason: 'required', code: 'required' }],
        });
      changes.infoProvidedAt = now;
      changes.infoProvided = text;
    } else {
      changes.withdrawnAt = now;
    }
    const view = await this.#transition(row, action, changes, CITIZEN, now, {});
    return { reference, status: view.status };
  }

  async #transition(
    row: repo.FeedbackRow,
    action: FeedbackAction,
    changes: Partial<repo.NewFeedbackRow>,
    actor: AuditActor,
    now: Date,
    auditExtra: Record<string, unknown>,
  ): Promise<FeedbackView> {
    const next = nextStatus(row.status as FeedbackStatus, action, { infoRequestedAt: row.infoRequestedAt });
    if (!next.ok) throw next.error;
    const merged = { ...row, ...changes, status: next.value } as repo.FeedbackRow;
    const dues = await this.#deadlines(merged, row.deadlineRules as DeadlineRules);
    const full: Partial<repo.NewFeedbackRow> = {
      ...changes,
      status: next.value,
      rejectDueAt: dues.rejectDue,
      requestInfoDueAt: dues.requestInfoDue,
      answerDueAt: dues.answerDue,
      publishDueAt: dues.publishDue,
      answeredOnTime: dues.answeredOnTime,
      publishedOnTime: dues.publishedOnTime,
      updatedAt: now,
    };
    const saved = { ...merged, ...full, version: row.version + 1 } as repo.FeedbackRow;
    await this.database.transaction(async (tx) => {
      if (!(await repo.updateFeedback(tx, row.id, row.version, full)))
        throw new AppError('FEEDBACK_VERSION_CONFLICT');
      await appendAudit(tx, actor, now, [
        {
          action: `feedback.${action}`,
          entityType: 'feedback',
          entityId: row.reference,
          change: {
            from: row.status,
            to: next.value,
            ...auditExtra,
            answerDueAt: iso(dues.answerDue),
            answeredOnTime: dues.answeredOnTime,
            publishedOnTime: dues.publishedOnTime,
          },
        },
      ]);
      await enqueueOutbox(tx, now, outboxFor(saved, action));
    });
    return viewOf(saved, now);
  }

  /** Published answers of a service point (public: no personal data), newest first. */
  async publicList(
    servicePointCode: string,
    page: number,
    pageSize: number,
  ): Promise<{ total: number; page: number; pageSize: number; items: PublicFeedback[] }> {
    const size = Math.min(Math.max(pageSize, 1), 50);
    const p = Math.max(page, 1);
    const { total, items } = await repo.listPublished(
      this.database.db,
      servicePointCode,
      (p - 1) * size,
      size,
    );
    const counts = await repo.ratingCounts(
      this.database.db,
      items.map((i) => i.id),
    );
    return {
      total,
      page: p,
      pageSize: size,
      items: items.map((i) => {
        const ratings: Record<Rating, number> = { satisfied: 0, neutral: 0, unsatisfied: 0 };
        for (const c of counts) if (c.feedbackId === i.id) ratings[c.rating as Rating] = c.n;
        return {
          reference: i.reference,
          kind: i.kind as FeedbackKind,
          subject: i.subject,
          content: i.content,
          servicePointCode: i.servicePointCode,
          receivedOn: localDateOf(i.receivedAt),
          answer: i.answer ?? '',
          answeredOn: i.answeredAt ? localDateOf(i.answeredAt) : null,
          publishedOn: i.publishedAt ? localDateOf(i.publishedAt) : null,
          ratings,
        };
      }),
    };
  }

  /** Rates a published answer; one rating per rater token (a new one replaces the old one). */
  async rate(
    reference: string,
    raterToken: string,
    rating: Rating,
    now: Date,
  ): Promise<{ reference: string; rating: Rating; replaced: boolean }> {
    const row = await repo.findFeedback(this.database.db, reference);
    if (!row || row.status !== 'published')
      throw new AppError('FEEDBACK_NOT_PUBLISHED', { details: { reference } });
    const replaced = await this.database.transaction(async (tx) => {
      const r = await repo.upsertRating(tx, row.id, sha256(`rater:${raterToken}`), rating, now);
      await appendAudit(tx, SYSTEM_ACTOR, now, [
        {
          action: 'feedback.rated',
          entityType: 'feedback',
          entityId: reference,
          change: { rating, replaced: r },
        },
      ]);
      return r;
    });
    return { reference, rating, replaced };
  }
}

type HistoryRow = Pick<
  repo.FeedbackRow,
  | 'servicePointCode'
  | 'receivedAt'
  | 'infoRequestedAt'
  | 'infoProvidedAt'
  | 'rejectedAt'
  | 'answeredAt'
  | 'publishedAt'
>;

const EMPTY_HISTORY = {
  infoRequestedAt: null,
  infoProvidedAt: null,
  rejectedAt: null,
  answeredAt: null,
  publishedAt: null,
} as const;

/** What tells the submitter: rejected, more information asked for, answered. */
function outboxFor(row: repo.FeedbackRow, action: FeedbackAction): OutboxMessage[] {
  const base = {
    reference: row.reference,
    kind: row.kind,
    subject: row.subject,
    servicePointCode: row.servicePointCode,
    language: row.language,
    contact: { email: row.contactEmail, phone: row.contactPhone },
  };
  switch (action) {
    case 'reject':
      return [{ topic: 'feedback.rejected', payload: { ...base, reason: row.rejectionReason } }];
    case 'request_info':
      return [{ topic: 'feedback.info-requested', payload: { ...base, request: row.infoRequest } }];
    case 'answer':
      return [{ topic: 'feedback.answered', payload: { ...base, answer: row.answer } }];
    default:
      return [];
  }
}

/** Staff view of a row at `now` (without contact). */
export function viewOf(row: repo.FeedbackRow, now: Date): FeedbackView {
  const status = row.status as FeedbackStatus;
  const open = status === 'received' || status === 'more_info_requested' || status === 'assigned';
  const steps = {
    reject: {
      dueAt: iso(row.rejectDueAt),
      doneAt: iso(row.rejectedAt),
      timeliness: optionalStepTimeliness(row.rejectedAt, row.rejectDueAt, now, status === 'received'),
    },
    requestInfo: {
      dueAt: iso(row.requestInfoDueAt),
      doneAt: iso(row.infoRequestedAt),
      timeliness: optionalStepTimeliness(
        row.infoRequestedAt,
        row.requestInfoDueAt,
        now,
        status === 'received' && row.infoRequestedAt === null,
      ),
    },
    answer: {
      dueAt: iso(row.answerDueAt),
      doneAt: iso(row.answeredAt),
      timeliness: stepTimeliness(row.answeredAt, row.answerDueAt, now, open),
    },
    publish: {
      dueAt: iso(row.publishDueAt),
      doneAt: iso(row.publishedAt),
      timeliness: stepTimeliness(row.publishedAt, row.publishDueAt, now, status === 'answered'),
    },
  };
  const late = Object.values(steps).some((s) => s.timeliness === 'late' || s.timeliness === 'overdue');
  const nextDueAt = open ? steps.answer.dueAt : status === 'answered' ? steps.publish.dueAt : null;
  return {
    reference: row.reference,
    kind: row.kind as FeedbackKind,
    status,
    subject: row.subject,
    content: row.content,
    dossierCode: row.dossierCode,
    servicePointCode: row.servicePointCode,
    dossierAgencyCode: row.dossierAgencyCode,
    assignedAgencyCode: row.assignedAgencyCode,
    receivedAt: row.receivedAt.toISOString(),
    infoRequest: row.infoRequest,
    infoProvided: row.infoProvided,
    rejectionReason: row.rejectionReason,
    answer: row.answer,
    answeredOnTime: row.answeredOnTime,
    publishedOnTime: row.publishedOnTime,
    steps,
    late,
    nextDueAt,
    allowedActions: allowedActions(status),
    deadlineRules: row.deadlineRules as DeadlineRules,
    version: row.version,
  };
}
