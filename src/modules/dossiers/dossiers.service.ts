/**
 * Dossier use cases: intake (receive / guide / refuse), lifecycle actions, reads, files, forms.
 * Each change follows the same pipeline — load → authorise → decide (pure) → save + event rows +
 * audit + outbox + idempotency record, in one transaction.
 *
 * Everything that reads outside the transaction (service point, unit chain, procedure version,
 * settings, stored idempotent responses) is read before it opens: PGlite is a single session and a
 * query on the outer `db` inside a transaction callback would wait for itself.
 */
import { randomUUID } from 'node:crypto';
import { randomSecret } from '../../adapters/crypto/password.ts';
import { and, asc, like, lte } from 'drizzle-orm';
import type { Database, Executor } from '../../adapters/db/database.ts';
import { settings as settingsTable } from '../../adapters/db/schema.ts';
import { addWorkingMinutes, nextWorkingStart, type WorkingCalendar } from '../../kernel/calendar/index.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { coversDate, isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { mayAccess, PERMISSIONS, type Actor, type ResourceLocation, type Role } from '../access/domain.ts';
import { singleStatement, withWriteBatch, type BatchValue } from '../../adapters/db/prepared.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import { enqueueOutbox, type OutboxMessage } from '../outbox/outbox.repository.ts';
import type { OrgService } from '../org/org.service.ts';
import type { FormViewModel, RegisterViewModel } from '../documents/forms/view-models.ts';
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES } from '../documents/uploads.ts';
import type { CalendarChoice, CalendarSource } from './calendar-source.ts';
import { toCommand, type ActionBody } from './domain/commands.ts';
import {
  formData,
  formSetOf,
  intakeFormData,
  registerData,
  type FormContext,
  type FormNo,
} from './domain/forms.ts';
import {
  buildFees,
  channelProblems,
  checkCompleteness,
  offeredAt,
  openDossier,
  phoneLast4,
  snapshotOf,
  unknownDocuments,
  validateApplicant,
  type ChargedFee,
  type MissingItem,
  type TickedDocument,
} from './domain/intake.ts';
import {
  authorize,
  decide,
  DEFAULT_LIFECYCLE_SETTINGS,
  locationOf,
  ownsAction,
  type LifecycleSettings,
} from './domain/lifecycle.ts';
import { timelinessOf, type Timeliness } from './domain/timeliness.ts';
import type {
  ActorRef,
  Applicant,
  Channel,
  Dossier,
  DossierEvent,
  DossierStatus,
  ReturnMethod,
  ServicePointRef,
} from './domain/types.ts';
import type { ProcedureSource, SourcedProcedure } from './procedure-source.ts';
import * as repo from './dossiers.repository.ts';
import { requestHash as requestHashOf, sha256Hex } from '../../kernel/request-hash.ts';

// ---------------------------------------------------------------- settings

/** Rules that are data (the `setting` table, keys `dossiers.<name>`, effective-dated), with defaults. */
export interface DossierSettings extends LifecycleSettings {
  /** "Nearly due" = at most this much working time left (default one working day, 480 min). */
  readonly nearlyDueWorkingMinutes: number;
  /** Upload limit for scans (default 10 MB). */
  readonly maxUploadBytes: number;
}

export const DEFAULT_DOSSIER_SETTINGS: DossierSettings = {
  ...DEFAULT_LIFECYCLE_SETTINGS,
  nearlyDueWorkingMinutes: 480,
  maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
};

/** The dossier settings in force on `at`: the latest `dossiers.*` rows with validFrom ≤ at over the defaults. */
export async function loadDossierSettings(db: Executor, at: string): Promise<DossierSettings> {
  const rows = await db
    .select()
    .from(settingsTable)
    .where(and(like(settingsTable.key, 'dossiers.%'), lte(settingsTable.validFrom, at)))
    .orderBy(asc(settingsTable.validFrom));
  const result: Record<string, number> = { ...DEFAULT_DOSSIER_SETTINGS };
  for (const row of rows) {
    const name = row.key.slice('dossiers.'.length);
    if (
      name in DEFAULT_DOSSIER_SETTINGS &&
      typeof row.value === 'number' &&
      Number.isFinite(row.value) &&
      row.value >= 0
    )
      result[name] = row.value;
  }
  return result as unknown as DossierSettings;
}

// ---------------------------------------------------------------- inputs and views

export interface IntakeInput {
  readonly procedureCode: string;
  readonly servicePointCode: string;
  readonly channel: Channel;
  readonly applicant: Applicant;
  readonly documents: readonly TickedDocument[];
  readonly returnMethod: ReturnMethod;
  readonly deliveryAddress?: string | undefined;
  readonly fees?: readonly ChargedFee[] | undefined;
}

export interface RefusalInput {
  readonly procedureCode: string;
  readonly servicePointCode: string;
  readonly channel: Channel;
  readonly applicant: Applicant;
  readonly reason: string;
}

/** A change's answer as stored for idempotent replay. */
export interface ChangeResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** True when this is the stored answer of an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

export interface DossierSummary {
  readonly code: string;
  readonly status: DossierStatus;
  readonly version: number;
  readonly channel: Channel;
  readonly procedure: { readonly code: string; readonly version: number; readonly name: string };
  readonly servicePointCode: string;
  readonly agencyCode: string;
  readonly applicantName: string;
  readonly submittedAt: string | null;
  readonly receivedAt: string | null;
  readonly dueAt: string | null;
  readonly timeliness: TimelinessView;
}

export type TimelinessView = Omit<Timeliness, 'judgedEndAt' | 'judgedDueAt'> & {
  readonly judgedEndAt: string | null;
  readonly judgedDueAt: string | null;
};

export interface ListQuery {
  readonly status?: DossierStatus | undefined;
  readonly servicePoint?: string | undefined;
  readonly bucket?: 'overdue' | 'nearly_due' | 'not_yet_due' | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly procedure?: string | undefined;
  readonly channel?: Channel | undefined;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function actorRef(actor: Actor): ActorRef {
  return { id: actor.userId, label: actor.username, name: actor.fullName };
}

const auditActor = (actor: Actor): AuditActor => ({ id: actor.userId, label: actor.username });

/** Who may be told what: the outbox payloads carry only what a notifier needs to reach the applicant. */
function contactOf(d: Dossier): { phone: string; email: string | null } {
  return { phone: d.applicant.phone, email: d.applicant.email ?? null };
}

function outboxFor(d: Dossier, events: readonly DossierEvent[]): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  const base = { code: d.code, procedureName: d.procedure.name, contact: contactOf(d) };
  for (const e of events) {
    switch (e.type) {
      case 'dossier.submitted':
        messages.push({ topic: e.type, payload: { ...base, channel: d.channel } });
        break;
      case 'dossier.received':
        messages.push({ topic: e.type, payload: { ...base, dueAt: iso(d.dueAt) } });
        break;
      case 'dossier.supplement-requested':
        messages.push({ topic: e.type, payload: { ...base, reason: e.data.reason, items: e.data.items } });
        break;
      case 'dossier.apologized':
        messages.push({
          topic: e.type,
          payload: { ...base, reason: e.data.reason, newDueAt: e.data.newDueAt },
        });
        break;
      case 'dossier.result-ready':
        messages.push({
          topic: e.type,
          payload: {
            ...base,
            returnMethod: d.returnMethod,
            // The post needs the address to collect and deliver; nobody else does.
            ...(d.returnMethod === 'postal' ? { deliveryAddress: d.deliveryAddress } : {}),
          },
        });
        break;
      case 'dossier.returned':
        messages.push({
          topic: e.type,
          payload: { ...base, method: d.returnInfo?.method ?? d.returnMethod },
        });
        break;
      case 'dossier.rejected':
      case 'dossier.stopped':
        messages.push({ topic: e.type, payload: { ...base, reason: e.data.reason } });
        break;
      default:
        break;
    }
  }
  return messages;
}

const READ_ROLES: readonly Role[] = PERMISSIONS['dossiers.read'].roles;

/** The public lookup page a QR code opens: `<base>/tra-cuu/<code>?token=<token>` (docs/portal.md). */
export function publicLookupUrl(publicBaseUrl: string, code: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`;
}

// ---------------------------------------------------------------- service

/**
 * Called inside the transaction of every dossier change, with the dossier before (null at intake)
 * and after, and the service point's calendar: the reports module keeps its aggregates with it.
 * At intake it runs inside a write batch (adapters/db/prepared.ts): it may only write, with
 * prepared statements, and must not read back what the intake writes.
 */
export type DossierChangeHook = (
  tx: Executor,
  before: Dossier | null,
  after: Dossier,
  calendar: WorkingCalendar,
) => Promise<void>;

export class DossierService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    readonly procedures: ProcedureSource,
    private readonly calendars: CalendarSource,
    private readonly onChange: DossierChangeHook = async () => {},
  ) {}

  settings(at: Date): Promise<DossierSettings> {
    return loadDossierSettings(this.database.db, localDateOf(at));
  }

  /**
   * Runs a change once per (actor, Idempotency-Key): a retry with the same body gets the stored
   * answer, a different body IDEMPOTENCY_KEY_REUSED. `prepare` runs outside the transaction (reads),
   * `write` inside it; the stored answer is written in the same transaction as the change.
   * When `oneStatement(prepared)` holds and there is no key, `write` sends all its writes as one
   * write batch and runs as that one statement, without BEGIN and COMMIT (prepared.ts `singleStatement`).
   */
  private async once<P>(
    actor: Actor,
    key: string | undefined,
    request: { route: string; body: unknown },
    prepare: () => Promise<P>,
    write: (tx: Executor, prepared: P) => Promise<{ status: number; body: Record<string, unknown> }>,
    now: Date,
    oneStatement?: (prepared: P) => boolean,
  ): Promise<ChangeResult> {
    const scopedKey = key === undefined ? undefined : `${actor.userId}:${key}`;
    // Only a request with a key is remembered, so only then is its body hashed.
    const requestHash = scopedKey === undefined ? '' : requestHashOf(request);
    const replay = async (): Promise<ChangeResult | undefined> => {
      if (!scopedKey) return undefined;
      const stored = await repo.findIdempotent(this.database.db, scopedKey);
      if (!stored) return undefined;
      if (stored.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { status: stored.status, body: stored.body as Record<string, unknown>, replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    const prepared = await prepare();
    if (scopedKey === undefined && oneStatement?.(prepared)) {
      const result = await singleStatement(this.database, (ex) => write(ex, prepared));
      return { ...result, replayed: false };
    }
    try {
      const result = await this.database.transaction(async (tx) => {
        const answer = await write(tx, prepared);
        if (scopedKey) await repo.saveIdempotent(tx, scopedKey, { requestHash, ...answer }, now);
        return answer;
      });
      return { ...result, replayed: false };
    } catch (error) {
      // A concurrent request with the same key committed first: its change stands and ours rolled
      // back — either at our idempotency insert (unique violation) or earlier, because the first one
      // changed what we were about to change (e.g. the dossier version). Either way, the key's answer
      // is the stored one.
      const stored = scopedKey ? await replay() : undefined;
      if (stored) return stored;
      throw error;
    }
  }

  // ------------------------------------------------------------ intake

  private async intakeContext(actor: Actor, servicePointCode: string, procedureCode: string, now: Date) {
    const today = localDateOf(now);
    const sp = await this.org.servicePoint(servicePointCode);
    if (!coversDate(sp.validFrom, sp.validTo, today))
      throw new AppError('DOSSIER_SERVICE_POINT_CLOSED', { details: { servicePoint: sp.code, date: today } });
    const unitAncestors = await this.org.unitAncestors(sp.unitCode, today);
    const sourced = await this.procedures.versionInForce(procedureCode, today);
    if (!sourced)
      throw new AppError('DOSSIER_PROCEDURE_NOT_IN_FORCE', { details: { procedureCode, date: today } });
    const location: ResourceLocation = { servicePoint: sp.code, unitAncestors, field: sourced.version.field };
    if (!mayAccess(actor, 'dossiers.intake', location)) throw new AppError('FORBIDDEN');
    const calendar = await this.calendars.calendarFor(sp.code);
    const servicePoint: ServicePointRef = {
      code: sp.code,
      name: sp.name,
      level: sp.level,
      unitCode: sp.unitCode,
      address: sp.address,
    };
    return { today, servicePoint, unitAncestors, sourced, calendar };
  }

  /**
   * Intake at a service point. Counter: received at once (code, appointment). Online/postal:
   * `submitted` with a code. Incomplete: the guidance is recorded and the answer is 422 (no code is
   * allocated, so the next dossier still gets the next number).
   */
  async intake(actor: Actor, input: IntakeInput, now: Date, key?: string): Promise<ChangeResult> {
    const problems: InvalidParam[] = validateApplicant(input.applicant);
    if (input.returnMethod === 'postal' && !input.deliveryAddress?.trim())
      problems.push({ name: 'body/deliveryAddress', reason: 'required when the result is returned by post' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });

    return this.once(
      actor,
      key,
      { route: 'POST /api/v1/dossiers', body: input },
      async () => {
        const ctx = await this.intakeContext(actor, input.servicePointCode, input.procedureCode, now);
        const v = ctx.sourced.version;
        if (!offeredAt(v, ctx.servicePoint))
          throw new AppError('DOSSIER_PROCEDURE_NOT_OFFERED', {
            details: { procedureCode: v.code, servicePoint: ctx.servicePoint.code },
          });
        const channel = channelProblems(v, input.channel, input.returnMethod);
        if (channel.length > 0)
          throw new AppError('DOSSIER_CHANNEL_NOT_OFFERED', { details: { problems: channel } });
        const unknown = unknownDocuments(v, input.documents);
        if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: unknown });
        const fees = buildFees(v, input.fees, now);
        if (!fees.ok) throw fees.error;
        const missing = checkCompleteness(v, input.documents, input.channel);
        return { ...ctx, fees: fees.value, missing };
      },
      async (tx, p) => {
        const ref = actorRef(actor);
        if (p.missing.length > 0) return this.recordGuidance(tx, actor, input, p, now);
        // The dossier's writes go to the database as one statement (prepared.ts), which also allocates
        // the code: until it is sent, the dossier carries the code's marker (docs/decisions/0005).
        const lookupToken = randomSecret(18);
        let written: { code: BatchValue; d: Dossier };
        try {
          written = await withWriteBatch(tx, async () => {
            const code = repo.queueDossierCode(tx, p.servicePoint.code, p.today);
            const opened = openDossier(
              {
                id: randomUUID(),
                code: code.marker,
                channel: input.channel,
                procedure: snapshotOf(p.sourced.id, p.sourced.version),
                servicePoint: p.servicePoint,
                unitAncestors: p.unitAncestors,
                applicant: input.applicant,
                documents: input.documents,
                documentNames: p.sourced.version.documents.map((doc) => doc.name),
                returnMethod: input.returnMethod,
                deliveryAddress: input.deliveryAddress?.trim() || null,
                fees: p.fees,
              },
              { now, actor: ref, calendar: p.calendar.calendar, calendarRule: p.calendar.rule },
            );
            if (!opened.ok) throw opened.error;
            const d = opened.value.dossier;
            // The public lookup token is shown once (printed as the QR of Mẫu 01); only its hash is kept.
            await repo.insertDossier(tx, d, {
              codeOn: p.today,
              lookupTokenHash: sha256Hex(lookupToken),
              phoneLast4: phoneLast4(d.applicant.phone),
              now,
            });
            await repo.appendEvents(tx, d.id, opened.value.events, 0); // a new dossier has no events yet
            await this.onChange(tx, null, d, p.calendar.calendar);
            await appendAudit(
              tx,
              auditActor(actor),
              now,
              opened.value.events.map((e) => ({
                action: e.type,
                entityType: 'dossier',
                entityId: d.code,
                change: {
                  status: d.status,
                  version: d.version,
                  procedure: `${d.procedure.code}@${d.procedure.version}`,
                  ...e.data,
                },
              })),
            );
            await enqueueOutbox(tx, now, outboxFor(d, opened.value.events));
            return { code, d };
          });
        } catch (error) {
          throw repo.sequenceError(error, p.servicePoint.code, p.today);
        }
        // The code exists once the batch has been sent.
        const { code, d } = written;
        return {
          status: 201,
          body: {
            code: code.value,
            status: d.status,
            receivedAt: iso(d.receivedAt),
            dueAt: iso(d.dueAt),
            version: d.version,
            lookupToken,
          },
        };
      },
      now,
      (p) => p.missing.length === 0,
    );
  }

  private async recordGuidance(
    tx: Executor,
    actor: Actor,
    input: IntakeInput,
    p: { servicePoint: ServicePointRef; sourced: SourcedProcedure; missing: MissingItem[] },
    now: Date,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const id = randomUUID();
    const v = p.sourced.version;
    await repo.insertIntakeRecord(tx, {
      id,
      kind: 'guided',
      at: now,
      servicePoint: { code: p.servicePoint.code, name: p.servicePoint.name, address: p.servicePoint.address },
      procedure: { code: v.code, name: v.name },
      applicant: input.applicant,
      missing: p.missing,
      reason: null,
      officer: { name: actor.fullName },
      procedureVersionId: p.sourced.id,
      agencyCode: v.agency.code,
      channel: input.channel,
      actor: actorRef(actor),
    });
    await appendAudit(tx, auditActor(actor), now, [
      {
        action: 'dossier.intake-guided',
        entityType: 'intake-record',
        entityId: id,
        change: {
          servicePoint: p.servicePoint.code,
          procedure: v.code,
          missing: p.missing.map((m) => m.index),
        },
      },
    ]);
    return { status: 422, body: { guidanceId: id, formNo: '02', missing: p.missing } };
  }

  /** Refusal at intake (Mẫu 03): recorded with its reason, no dossier and no code. */
  async refuse(actor: Actor, input: RefusalInput, now: Date, key?: string): Promise<ChangeResult> {
    const problems = validateApplicant(input.applicant);
    if (!input.reason.trim()) problems.push({ name: 'body/reason', reason: 'required' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    return this.once(
      actor,
      key,
      { route: 'POST /api/v1/intake-refusals', body: input },
      () => this.intakeContext(actor, input.servicePointCode, input.procedureCode, now),
      async (tx, p) => {
        const id = randomUUID();
        const v = p.sourced.version;
        await repo.insertIntakeRecord(tx, {
          id,
          kind: 'refused',
          at: now,
          servicePoint: {
            code: p.servicePoint.code,
            name: p.servicePoint.name,
            address: p.servicePoint.address,
          },
          procedure: { code: v.code, name: v.name },
          applicant: input.applicant,
          missing: [],
          reason: input.reason,
          officer: { name: actor.fullName },
          procedureVersionId: p.sourced.id,
          agencyCode: v.agency.code,
          channel: input.channel,
          actor: actorRef(actor),
        });
        await appendAudit(tx, auditActor(actor), now, [
          {
            action: 'dossier.intake-refused',
            entityType: 'intake-record',
            entityId: id,
            change: { servicePoint: p.servicePoint.code, procedure: v.code },
          },
        ]);
        return { status: 201, body: { id, kind: 'refused', formNo: '03' } };
      },
      now,
    );
  }

  // ------------------------------------------------------------ actions

  /** The calendar of the dossier's service point (read outside transactions). */
  private calendarOf(d: Dossier): Promise<CalendarChoice> {
    return this.calendars.calendarFor(d.servicePoint.code);
  }

  /** A lifecycle action with the version the client saw. Answers the updated dossier (without personal data). */
  async act(actor: Actor, code: string, body: ActionBody, now: Date, key?: string): Promise<ChangeResult> {
    const command = toCommand(body);
    if (!command.ok) throw command.error;
    return this.once(
      actor,
      key,
      { route: `POST /api/v1/dossiers/${code}/actions`, body },
      async () => {
        const current = await repo.loadDossier(this.database.db, code);
        if (!current) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
        return { choice: await this.calendarOf(current), settings: await this.settings(now) };
      },
      async (tx, p) => {
        const d = await repo.loadDossier(tx, code, { forUpdate: true });
        if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
        // Order: who (403) → which version (409 conflict) → allowed in this state (409 / 403).
        if (!ownsAction(actor, d, command.value.action))
          throw mayAccess(actor, 'dossiers.read', locationOf(d))
            ? new AppError('FORBIDDEN')
            : new AppError('DOSSIER_NOT_FOUND', { details: { code } });
        if (body.version !== d.version)
          throw new AppError('DOSSIER_VERSION_CONFLICT', {
            details: { current: d.version, sent: body.version },
          });
        const allowed = authorize(actor, d, command.value.action);
        if (!allowed.ok) throw allowed.error;
        const decided = decide(d, command.value, {
          now,
          actor: actorRef(actor),
          calendar: p.choice.calendar,
          calendarRule: p.choice.rule,
          settings: p.settings,
        });
        if (!decided.ok) throw decided.error;
        const next = decided.value.dossier;
        if (!(await repo.saveDossier(tx, next, d.version, now)))
          throw new AppError('DOSSIER_VERSION_CONFLICT', { details: { sent: body.version } });
        await repo.appendEvents(tx, d.id, decided.value.events);
        await this.onChange(tx, d, next, p.choice.calendar);
        await appendAudit(
          tx,
          auditActor(actor),
          now,
          decided.value.events.map((e) => ({
            action: e.type,
            entityType: 'dossier',
            entityId: d.code,
            change: { from: d.status, to: next.status, version: next.version, ...e.data },
          })),
        );
        await enqueueOutbox(tx, now, outboxFor(next, decided.value.events));
        const events = await repo.eventsOf(tx, d.id);
        return {
          status: 200,
          body: this.view(next, now, p.choice.calendar, p.settings, {
            events,
            files: [],
            personal: false,
          }) as unknown as Record<string, unknown>,
        };
      },
      now,
    );
  }

  // ------------------------------------------------------------ reads

  /**
   * The actor may read the dossier (scope of a read role covers it), else DOSSIER_NOT_FOUND: outside
   * the actor's scope a dossier's existence is itself personal (docs/security.md, "403 or 404").
   */
  private assertMayRead(actor: Actor, d: Dossier): void {
    if (!mayAccess(actor, 'dossiers.read', locationOf(d)))
      throw new AppError('DOSSIER_NOT_FOUND', { details: { code: d.code } });
  }

  /** Audits that staff read an applicant's personal data (ID number or tax code, phone, address). */
  private async auditPersonalDataRead(
    actor: Actor,
    now: Date,
    entries: { entityType: string; entityId: string; purpose: string }[],
  ) {
    await this.database.transaction((tx) =>
      appendAudit(
        tx,
        auditActor(actor),
        now,
        entries.map((e) => ({
          action: 'personal-data.read',
          entityType: e.entityType,
          entityId: e.entityId,
          change: { fields: ['idNumber|taxCode', 'phone', 'email', 'address'], purpose: e.purpose },
        })),
      ),
    );
  }

  /** One dossier with everything: status, due, timeliness, events, hand-overs, suspensions, fees, files. */
  async get(actor: Actor, code: string, now: Date): Promise<DossierView> {
    const full = await repo.loadDossierFull(this.database.db, code);
    if (!full) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    this.assertMayRead(actor, full.dossier);
    await this.auditPersonalDataRead(actor, now, [
      { entityType: 'dossier', entityId: code, purpose: 'dossier.view' },
    ]);
    const { calendar } = await this.calendarOf(full.dossier);
    return this.view(full.dossier, now, calendar, await this.settings(now), {
      events: full.events,
      files: full.files,
      personal: true,
    });
  }

  /** Dossiers in the actor's scope, filtered and paged (no personal data beyond the applicant's name). */
  async list(
    actor: Actor,
    query: ListQuery,
    now: Date,
  ): Promise<{ total: number; page: number; pageSize: number; items: DossierSummary[] }> {
    for (const [name, value] of [
      ['from', query.from],
      ['to', query.to],
    ] as const) {
      if (value !== undefined && !isLocalDate(value))
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: `querystring/${name}`, reason: 'a date YYYY-MM-DD' }],
        });
    }
    const settings = await this.settings(now);
    // The bucket boundary is computed with the calendar of the filtered service point (else the
    // province default); each item's timeliness with its own service point's calendar.
    const { calendar } = await this.calendars.calendarFor(query.servicePoint ?? '');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const scopes = actor.grants.filter((g) => READ_ROLES.includes(g.role)).map((g) => g.scope);
    const nearlyDueUntil = new Date(
      nextWorkingStart(calendar, addWorkingMinutes(calendar, now, settings.nearlyDueWorkingMinutes)),
    );
    const result = await repo.listDossiers(
      this.database.db,
      {
        status: query.status,
        servicePoint: query.servicePoint,
        procedure: query.procedure,
        channel: query.channel,
        from: query.from,
        to: query.to,
        bucket: query.bucket ? { kind: query.bucket, now, nearlyDueUntil } : undefined,
        page,
        pageSize,
      },
      scopes,
    );
    const calendars = new Map<string, WorkingCalendar>();
    for (const code of new Set(result.items.map((d) => d.servicePoint.code)))
      calendars.set(code, (await this.calendars.calendarFor(code)).calendar);
    return {
      total: result.total,
      page,
      pageSize,
      items: result.items.map((d) =>
        this.summary(d, now, calendars.get(d.servicePoint.code) ?? calendar, settings),
      ),
    };
  }

  private timeliness(
    d: Dossier,
    now: Date,
    calendar: WorkingCalendar,
    settings: DossierSettings,
  ): TimelinessView {
    const t = timelinessOf(d, now, calendar, settings.nearlyDueWorkingMinutes);
    return { ...t, judgedEndAt: iso(t.judgedEndAt), judgedDueAt: iso(t.judgedDueAt) };
  }

  private summary(
    d: Dossier,
    now: Date,
    calendar: WorkingCalendar,
    settings: DossierSettings,
  ): DossierSummary {
    return {
      code: d.code,
      status: d.status,
      version: d.version,
      channel: d.channel,
      procedure: { code: d.procedure.code, version: d.procedure.version, name: d.procedure.name },
      servicePointCode: d.servicePoint.code,
      agencyCode: d.agencyCode,
      applicantName: d.applicant.fullName,
      submittedAt: iso(d.submittedAt),
      receivedAt: iso(d.receivedAt),
      dueAt: iso(d.dueAt),
      timeliness: this.timeliness(d, now, calendar, settings),
    };
  }

  private view(
    d: Dossier,
    now: Date,
    calendar: WorkingCalendar,
    settings: DossierSettings,
    extra: { events: repo.StoredEvent[]; files: repo.DossierFileView[]; personal: boolean },
  ): DossierView {
    return {
      ...this.summary(d, now, calendar, settings),
      applicant: extra.personal ? d.applicant : { kind: d.applicant.kind, fullName: d.applicant.fullName },
      procedure: {
        versionId: d.procedure.versionId,
        code: d.procedure.code,
        version: d.procedure.version,
        name: d.procedure.name,
        field: d.procedure.field,
        timeLimit: d.procedure.timeLimit,
        cutoffTime: d.procedure.cutoffTime,
        feesBlockReturn: d.procedure.feesBlockReturn,
      },
      servicePoint: d.servicePoint,
      unitCode: d.unitCode,
      documents: d.documents,
      returnMethod: d.returnMethod,
      deliveryAddress: extra.personal ? d.deliveryAddress : null,
      effectiveStartAt: iso(d.effectiveStartAt),
      originalDueAt: iso(d.originalDueAt),
      calendarRule: d.calendarRule,
      processingEndedAt: iso(d.processingEndedAt),
      returnedAt: iso(d.returnedAt),
      supplementCount: d.supplementCount,
      extensionCount: d.extensionCount,
      suspensions: d.suspensions.map((s) => ({
        seq: s.seq,
        requestedAt: s.requestedAt.toISOString(),
        resumedAt: iso(s.resumedAt),
        reason: s.reason,
        items: s.items,
        requestedBy: s.requestedBy.name,
      })),
      handovers: d.handovers.map((h) => ({
        seq: h.seq,
        kind: h.kind,
        at: h.at.toISOString(),
        giver: h.giver,
        receiver: h.receiver,
        stepName: h.stepName,
        stepDueAt: iso(h.stepDueAt),
        result: h.result,
        note: h.note,
      })),
      fees: d.fees.map((f) => ({
        seq: f.seq,
        name: f.name,
        amountVnd: f.amountVnd,
        paid: f.payment !== null,
        method: f.payment?.method ?? null,
        receiptNumber: f.payment?.receiptNumber ?? null,
        paidAt: iso(f.payment?.paidAt ?? null),
      })),
      apologies: d.apologies.map((a) => ({
        issuedAt: a.issuedAt.toISOString(),
        reason: a.reason,
        previousDueAt: a.previousDueAt.toISOString(),
        newDueAt: a.newDueAt.toISOString(),
      })),
      closing: d.closing
        ? {
            kind: d.closing.kind,
            reason: d.closing.reason,
            at: d.closing.at.toISOString(),
            atReception: d.closing.atReception,
          }
        : null,
      result: d.result ? { ...d.result, readyAt: d.result.readyAt.toISOString() } : null,
      returnInfo: d.returnInfo
        ? {
            method: d.returnInfo.method,
            at: d.returnInfo.at.toISOString(),
            identity: d.returnInfo.identity,
            postalItemNumber: d.returnInfo.postalItemNumber,
          }
        : null,
      formSet: formSetOf(d),
      events: extra.events.map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at.toISOString(),
        actor: e.actor.name,
        data: e.data,
      })),
      files: extra.files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    };
  }

  // ------------------------------------------------------------ files

  /** Attaches a scan (PDF, JPEG or PNG by magic bytes) to a document of the dossier (index 0: other). */
  async attachFile(
    actor: Actor,
    code: string,
    upload: { documentIndex: number; fileName: string; bytes: Buffer; declaredType?: string | undefined },
    now: Date,
  ): Promise<{
    sha256: string;
    contentType: string;
    size: number;
    documentIndex: number;
    fileName: string;
    created: boolean;
  }> {
    const d = await repo.loadDossier(this.database.db, code);
    if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    const location = locationOf(d);
    if (!mayAccess(actor, 'dossiers.intake', location) && !mayAccess(actor, 'dossiers.process', location))
      throw mayAccess(actor, 'dossiers.read', location)
        ? new AppError('FORBIDDEN')
        : new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    if (
      upload.documentIndex < 0 ||
      upload.documentIndex > d.documents.reduce((m, x) => Math.max(m, x.index), 0)
    )
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [
          { name: 'querystring/document', reason: 'an index of a document of this dossier, or 0' },
        ],
      });
    const { maxUploadBytes } = await this.settings(now);
    const checked = checkUpload({
      bytes: upload.bytes,
      declaredType: upload.declaredType,
      fileName: upload.fileName,
      maxBytes: maxUploadBytes,
    });
    if (!checked.ok) throw checked.error;
    const { contentType, sha256 } = checked.value;
    const created = await this.database.transaction(async (tx) => {
      await repo.storeFile(tx, { sha256, contentType, bytes: upload.bytes, at: now });
      const linked = await repo.linkFile(tx, {
        dossierId: d.id,
        documentIndex: upload.documentIndex,
        sha256,
        fileName: upload.fileName,
        at: now,
        by: actor.username,
      });
      if (linked)
        await appendAudit(tx, auditActor(actor), now, [
          {
            action: 'dossier.file-attached',
            entityType: 'dossier',
            entityId: code,
            change: { documentIndex: upload.documentIndex, sha256, contentType, size: upload.bytes.length },
          },
        ]);
      return linked;
    });
    return {
      sha256,
      contentType,
      size: upload.bytes.length,
      documentIndex: upload.documentIndex,
      fileName: upload.fileName,
      created,
    };
  }

  /** A scan of a dossier (personal data: the read is audited). */
  async file(actor: Actor, code: string, sha256: string, now: Date) {
    const d = await repo.loadDossier(this.database.db, code);
    if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    this.assertMayRead(actor, d);
    const file = await repo.loadFile(this.database.db, d.id, sha256);
    if (!file) throw new AppError('NOT_FOUND');
    await this.auditPersonalDataRead(actor, now, [
      { entityType: 'dossier', entityId: code, purpose: `file:${sha256}` },
    ]);
    return file;
  }

  // ------------------------------------------------------------ forms (for the documents module)

  /**
   * The view model of form `formNo` of a dossier, for the PDF routes: checks read scope and audits
   * the personal-data read. `ctx` defaults to now and the service point's header. `setName`
   * (`TT01/2018` or `ND118/2025`) is also the set's id in documents/forms/form-sets.ts.
   */
  async form(
    actor: Actor,
    code: string,
    formNo: FormNo,
    now: Date,
    ctx: Partial<FormContext> = {},
    publicBaseUrl?: string,
  ): Promise<{ setName: string; receivedOn: string; viewModel: FormViewModel }> {
    const d = await repo.loadDossier(this.database.db, code);
    if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    this.assertMayRead(actor, d);
    let vm = formData(d, formNo, { now, ...ctx });
    if (!vm.ok) throw vm.error;
    // Mẫu 01 printed at the counter carries the QR of the public lookup: only the token's hash is
    // kept, so a fresh token is issued for each print (older printouts stop opening the lookup).
    // Other readers (officers, managers, auditors) get the receipt without a QR code.
    if (
      publicBaseUrl !== undefined &&
      vm.value.kind === 'receipt' &&
      ctx.lookupUrl === undefined &&
      mayAccess(actor, 'dossiers.intake', locationOf(d))
    ) {
      const token = await this.reissueLookupToken(actor, d, now, `form:${formNo}`);
      vm = formData(d, formNo, { now, ...ctx, lookupUrl: publicLookupUrl(publicBaseUrl, d.code, token) });
      if (!vm.ok) throw vm.error;
    }
    await this.auditPersonalDataRead(actor, now, [
      { entityType: 'dossier', entityId: code, purpose: `form:${formNo}` },
    ]);
    return {
      setName: formSetOf(d),
      receivedOn: localDateOf(d.receivedAt ?? d.submittedAt ?? now),
      viewModel: vm.value,
    };
  }

  /**
   * Issues a new public lookup token for the dossier and keeps only its hash (the previous token
   * stops working); audited as `dossier.lookup-token-reissued`. Returns the token, to print once.
   */
  async reissueLookupToken(actor: Actor, d: Dossier, now: Date, purpose: string): Promise<string> {
    const token = randomSecret(18);
    await this.database.transaction(async (tx) => {
      await repo.setLookupTokenHash(tx, d.id, sha256Hex(token));
      await appendAudit(tx, auditActor(actor), now, [
        {
          action: 'dossier.lookup-token-reissued',
          entityType: 'dossier',
          entityId: d.code,
          change: { purpose },
        },
      ]);
    });
    return token;
  }

  /** Mẫu 02/03 of a guidance or refusal recorded at intake (clerks of that service point). */
  async intakeForm(actor: Actor, id: string, now: Date, ctx: Partial<FormContext> = {}) {
    const r = await repo.loadIntakeRecord(this.database.db, id);
    if (!r) throw new AppError('NOT_FOUND');
    const sp = await this.org.servicePointLocation(r.servicePoint.code, localDateOf(r.at));
    if (!mayAccess(actor, 'dossiers.read', { ...sp, agency: r.agencyCode })) throw new AppError('NOT_FOUND');
    await this.auditPersonalDataRead(actor, now, [
      { entityType: 'intake-record', entityId: id, purpose: 'form' },
    ]);
    return { receivedOn: localDateOf(r.at), viewModel: intakeFormData(r, { now, ...ctx }) };
  }

  /** The register (Sổ theo dõi hồ sơ) of a service point for a local-date range. */
  async register(
    actor: Actor,
    servicePointCode: string,
    from: string,
    to: string,
    now: Date,
    ctx: Partial<FormContext> = {},
  ): Promise<RegisterViewModel> {
    if (!isLocalDate(from) || !isLocalDate(to) || to < from)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'querystring/from', reason: 'from ≤ to, dates YYYY-MM-DD' }],
      });
    const location = await this.org.servicePointLocation(servicePointCode, to);
    if (!mayAccess(actor, 'dossiers.read', location)) throw new AppError('FORBIDDEN');
    const sp = await this.org.servicePoint(servicePointCode);
    const list = await repo.listDossiersReceived(this.database.db, servicePointCode, from, to);
    await this.auditPersonalDataRead(actor, now, [
      { entityType: 'register', entityId: `${servicePointCode}:${from}..${to}`, purpose: 'register' },
    ]);
    return registerData(sp, { from, to }, list, { now, ...ctx });
  }
}

/** The full dossier as the API answers it. */
export interface DossierView extends Omit<DossierSummary, 'procedure'> {
  readonly applicant: Applicant | { readonly kind: Applicant['kind']; readonly fullName: string };
  readonly procedure: {
    readonly versionId: string;
    readonly code: string;
    readonly version: number;
    readonly name: string;
    readonly field: string;
    readonly timeLimit: { readonly value: number; readonly unit: string };
    readonly cutoffTime: string | null;
    readonly feesBlockReturn: boolean;
  };
  readonly servicePoint: ServicePointRef;
  readonly unitCode: string;
  readonly documents: Dossier['documents'];
  readonly returnMethod: ReturnMethod;
  readonly deliveryAddress: string | null;
  readonly effectiveStartAt: string | null;
  readonly originalDueAt: string | null;
  readonly calendarRule: Dossier['calendarRule'];
  readonly processingEndedAt: string | null;
  readonly returnedAt: string | null;
  readonly supplementCount: number;
  readonly extensionCount: number;
  readonly suspensions: readonly unknown[];
  readonly handovers: readonly unknown[];
  readonly fees: readonly unknown[];
  readonly apologies: readonly unknown[];
  readonly closing: unknown;
  readonly result: unknown;
  readonly returnInfo: unknown;
  readonly formSet: string;
  readonly events: readonly unknown[];
  readonly files: readonly unknown[];
}
