/**
 * Queries of the dossiers module. Every function takes an Executor (the Db for plain reads, the
 * transaction for anything that is part of a change). The aggregate is loaded whole (row + history
 * tables) and saved as an upsert of its history keyed (dossier_id, seq), with the row updated only
 * when its version is the one loaded (optimistic concurrency on top of the row lock).
 *
 * For other modules (forms/PDF, registers, public lookup): `loadDossierFull`, `listDossiersReceived`,
 * `loadIntakeRecord` and `setLookupTokenHash` are the supported entry points.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import {
  batchValue,
  preparedInsert,
  preparedStatement,
  type BatchValue,
} from '../../adapters/db/prepared.ts';
import { AppError } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { dossierCodePrefix, MAX_DAILY_SEQUENCE } from './domain/dossier-code.ts';
import {
  dossierCodeSequences,
  dossierEvents,
  dossierFees,
  dossierFiles,
  dossierHandovers,
  dossierIntakeRecords,
  dossiers,
  dossierSuspensions,
  storedFiles,
  idempotencyKeys,
} from '../../adapters/db/schema.ts';
import type { Scope } from '../access/domain.ts';
import type { IntakeRecord } from './domain/forms.ts';
import type { MissingItem } from './domain/intake.ts';
import type {
  ActorRef,
  Apology,
  Applicant,
  CalendarRule,
  Closing,
  Dossier,
  DossierDocument,
  DossierEvent,
  DossierResult,
  DossierStatus,
  Channel,
  HandoverParty,
  PaymentMethod,
  ProcedureSnapshot,
  ReturnInfo,
  ReturnMethod,
  ServicePointRef,
  StepResult,
} from './domain/types.ts';

type DossierRow = typeof dossiers.$inferSelect;

// ---------------------------------------------------------------- code sequence

/**
 * The next number of a service point's day, allocated inside the caller's transaction with one
 * upsert: the row lock serialises concurrent intakes at the same point, and a rollback gives the
 * number back, so numbers are never duplicated and never skipped.
 */
const allocateSequenceStatement = preparedStatement<{ servicePointCode: string; localDate: string }>(
  'dossier_code_sequence_next',
  (ex) =>
    ex
      .insert(dossierCodeSequences)
      .values({
        servicePointCode: sql.placeholder('servicePointCode'),
        localDate: sql.placeholder('localDate'),
        lastNumber: sql`1`,
      })
      .onConflictDoUpdate({
        target: [dossierCodeSequences.servicePointCode, dossierCodeSequences.localDate],
        set: { lastNumber: sql`${dossierCodeSequences.lastNumber} + 1` },
      })
      .returning({ lastNumber: dossierCodeSequences.lastNumber }),
);

export async function allocateSequence(
  tx: Executor,
  servicePointCode: string,
  localDate: string,
): Promise<number> {
  try {
    const [row] = await allocateSequenceStatement.run(tx, { servicePointCode, localDate });
    if (!row) throw new Error('sequence upsert returned no row');
    return Number(row.last_number);
  } catch (error) {
    throw sequenceError(error, servicePointCode, localDate);
  }
}

const SEQUENCE_CHECK = 'dossier_code_sequence_within_format';

/**
 * The error to answer for a failed statement that allocated a number: the sequence's CHECK (four
 * digits) gives DOSSIER_CODE_SEQUENCE_EXHAUSTED; anything else is returned as it was.
 */
export function sequenceError(error: unknown, servicePointCode: string, localDate: string): unknown {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23514' && constraint === SEQUENCE_CHECK)
      return new AppError('DOSSIER_CODE_SEQUENCE_EXHAUSTED', {
        details: { servicePoint: servicePointCode, date: localDate, max: MAX_DAILY_SEQUENCE },
      });
  }
  return error;
}

/**
 * The next dossier code of a service point's day, computed by the write batch's own statement (the
 * same upsert as `allocateSequence`, returning `prefix || NNNN`): the intake's other writes carry its
 * marker and get the code in SQL, so allocating the number costs no round trip of its own.
 */
const nextDossierCodeStatement = preparedStatement<{
  servicePointCode: string;
  localDate: string;
  prefix: string;
}>(
  'dossier_code_next',
  () => sql`
    insert into dossier_code_sequence (service_point_code, local_date, last_number)
    values (${sql.placeholder('servicePointCode')}, ${sql.placeholder('localDate')}::date, 1)
    on conflict (service_point_code, local_date)
    do update set last_number = dossier_code_sequence.last_number + 1
    returning ${sql.placeholder('prefix')}::text || lpad(last_number::text, 4, '0') as value`,
);

/** Queues the next code of (service point, local date) in the current write batch (see above). */
export function queueDossierCode(ex: Executor, servicePointCode: string, localDate: string): BatchValue {
  return batchValue(ex, nextDossierCodeStatement, {
    servicePointCode,
    localDate,
    prefix: dossierCodePrefix(servicePointCode, localDate),
  });
}

/** The last number issued (0 when none): for tests and the register. */
export async function lastSequence(
  db: Executor,
  servicePointCode: string,
  localDate: string,
): Promise<number> {
  const [row] = await db
    .select({ lastNumber: dossierCodeSequences.lastNumber })
    .from(dossierCodeSequences)
    .where(
      and(
        eq(dossierCodeSequences.servicePointCode, servicePointCode),
        eq(dossierCodeSequences.localDate, localDate),
      ),
    );
  return row?.lastNumber ?? 0;
}

// ---------------------------------------------------------------- mapping

const toDate = (v: unknown): Date => new Date(v as string);

function reviveApology(a: Record<string, unknown>): Apology {
  return {
    issuedAt: toDate(a.issuedAt),
    reason: a.reason as string,
    previousDueAt: toDate(a.previousDueAt),
    newDueAt: toDate(a.newDueAt),
    by: a.by as ActorRef,
  };
}

function reviveClosing(c: Record<string, unknown> | null): Closing | null {
  if (!c) return null;
  return { ...(c as unknown as Closing), at: toDate(c.at) };
}

function reviveResult(r: Record<string, unknown> | null): DossierResult | null {
  if (!r) return null;
  return { ...(r as unknown as DossierResult), readyAt: toDate(r.readyAt) };
}

function reviveReturn(r: Record<string, unknown> | null): ReturnInfo | null {
  if (!r) return null;
  return { ...(r as unknown as ReturnInfo), at: toDate(r.at) };
}

interface History {
  suspensions: (typeof dossierSuspensions.$inferSelect)[];
  handovers: (typeof dossierHandovers.$inferSelect)[];
  fees: (typeof dossierFees.$inferSelect)[];
}

function toDossier(row: DossierRow, h: History): Dossier {
  return {
    id: row.id,
    code: row.code,
    status: row.status as DossierStatus,
    version: row.version,
    channel: row.channel as Channel,
    procedure: row.procedure as ProcedureSnapshot,
    servicePoint: row.servicePoint as ServicePointRef,
    agencyCode: row.agencyCode,
    unitCode: row.unitCode,
    unitAncestors: row.unitAncestors,
    applicant: row.applicant as Applicant,
    documents: row.documents as DossierDocument[],
    returnMethod: row.returnMethod as ReturnMethod,
    deliveryAddress: row.deliveryAddress,
    submittedAt: row.submittedAt,
    receivedAt: row.receivedAt,
    receivedBy: (row.receivedBy as ActorRef | null) ?? null,
    effectiveStartAt: row.effectiveStartAt,
    dueAt: row.dueAt,
    originalDueAt: row.originalDueAt,
    calendarRule: (row.calendarRule as CalendarRule | null) ?? null,
    processingEndedAt: row.processingEndedAt,
    returnedAt: row.returnedAt,
    supplementCount: row.supplementCount,
    extensionCount: row.extensionCount,
    suspensions: h.suspensions
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        seq: s.seq,
        requestedAt: s.requestedAt,
        resumedAt: s.resumedAt,
        reason: s.reason,
        items: s.items as string[],
        requestedBy: s.requestedBy as ActorRef,
        resumedBy: (s.resumedBy as ActorRef | null) ?? null,
      })),
    handovers: h.handovers
      .sort((a, b) => a.seq - b.seq)
      .map((x) => ({
        seq: x.seq,
        kind: x.kind as 'forward' | 'step' | 'result',
        at: x.at,
        giver: x.giver as HandoverParty,
        receiver: x.receiver as HandoverParty,
        stepName: x.stepName,
        stepDueAt: x.stepDueAt,
        result: x.result as StepResult | null,
        note: x.note,
      })),
    fees: h.fees
      .sort((a, b) => a.seq - b.seq)
      .map((f) => ({
        seq: f.seq,
        name: f.name,
        amountVnd: f.amountVnd,
        payment:
          f.paidAt && f.method && f.receiptNumber
            ? { method: f.method as PaymentMethod, receiptNumber: f.receiptNumber, paidAt: f.paidAt }
            : null,
      })),
    apologies: (row.apologies as Record<string, unknown>[]).map(reviveApology),
    closing: reviveClosing(row.closing as Record<string, unknown> | null),
    result: reviveResult(row.result as Record<string, unknown> | null),
    returnInfo: reviveReturn(row.returnInfo as Record<string, unknown> | null),
  };
}

/** The row's mutable columns from a dossier (JSON values carry ISO strings for instants). */
function rowValues(d: Dossier) {
  const json = <T>(v: T): unknown => JSON.parse(JSON.stringify(v)) as unknown;
  return {
    status: d.status,
    version: d.version,
    receivedAt: d.receivedAt,
    receivedOn: d.receivedAt ? localDateOf(d.receivedAt) : null,
    receivedBy: d.receivedBy,
    effectiveStartAt: d.effectiveStartAt,
    dueAt: d.dueAt,
    originalDueAt: d.originalDueAt,
    calendarRule: d.calendarRule,
    processingEndedAt: d.processingEndedAt,
    returnedAt: d.returnedAt,
    supplementCount: d.supplementCount,
    extensionCount: d.extensionCount,
    apologies: json(d.apologies),
    closing: json(d.closing),
    result: json(d.result),
    returnInfo: json(d.returnInfo),
  };
}

async function history(db: Executor, ids: readonly string[]): Promise<Map<string, History>> {
  const map = new Map<string, History>(ids.map((id) => [id, { suspensions: [], handovers: [], fees: [] }]));
  if (ids.length === 0) return map;
  const [suspensions, handovers, fees] = await Promise.all([
    db
      .select()
      .from(dossierSuspensions)
      .where(inArray(dossierSuspensions.dossierId, [...ids])),
    db
      .select()
      .from(dossierHandovers)
      .where(inArray(dossierHandovers.dossierId, [...ids])),
    db
      .select()
      .from(dossierFees)
      .where(inArray(dossierFees.dossierId, [...ids])),
  ]);
  for (const s of suspensions) map.get(s.dossierId)?.suspensions.push(s);
  for (const x of handovers) map.get(x.dossierId)?.handovers.push(x);
  for (const f of fees) map.get(f.dossierId)?.fees.push(f);
  return map;
}

async function withHistory(db: Executor, rows: readonly DossierRow[]): Promise<Dossier[]> {
  const h = await history(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDossier(r, h.get(r.id) as History));
}

// ---------------------------------------------------------------- load and save

/** Loads a dossier by code; with `forUpdate`, locks its row until the transaction ends. */
export async function loadDossier(
  db: Executor,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<Dossier | undefined> {
  const query = db.select().from(dossiers).where(eq(dossiers.code, code));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) return undefined;
  const [d] = await withHistory(db, [row]);
  return d;
}

export interface NewDossierRow {
  readonly codeOn: string;
  readonly lookupTokenHash: string | null;
  readonly phoneLast4: string;
  readonly now: Date;
}

/** Inserts a new dossier with its history. */
const insertDossierStatement = preparedInsert('dossier_insert', (ex, rows) =>
  ex.insert(dossiers).values(rows as never),
);

export async function insertDossier(tx: Executor, d: Dossier, extra: NewDossierRow): Promise<void> {
  const row: typeof dossiers.$inferInsert = {
    id: d.id,
    code: d.code,
    channel: d.channel,
    procedureVersionId: d.procedure.versionId,
    procedureCode: d.procedure.code,
    procedureVersion: d.procedure.version,
    procedure: d.procedure,
    field: d.procedure.field,
    servicePointCode: d.servicePoint.code,
    servicePoint: d.servicePoint,
    agencyCode: d.agencyCode,
    unitCode: d.unitCode,
    unitAncestors: [...d.unitAncestors],
    applicantKind: d.applicant.kind,
    applicant: d.applicant,
    applicantName: d.applicant.fullName,
    phoneLast4: extra.phoneLast4,
    lookupTokenHash: extra.lookupTokenHash,
    documents: d.documents,
    returnMethod: d.returnMethod,
    deliveryAddress: d.deliveryAddress,
    codeOn: extra.codeOn,
    submittedAt: d.submittedAt,
    createdAt: extra.now,
    updatedAt: extra.now,
    ...rowValues(d),
  };
  await insertDossierStatement.write(tx, [row]);
  await saveHistory(tx, d);
}

/**
 * Writes a decided dossier: the row only if it still has `expectedVersion` (else false: a concurrent
 * change won), then its history. Call with the row locked (loadDossier forUpdate) in the same transaction.
 */
export async function saveDossier(
  tx: Executor,
  d: Dossier,
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(dossiers)
    .set({ ...rowValues(d), updatedAt: now })
    .where(and(eq(dossiers.id, d.id), eq(dossiers.version, expectedVersion)))
    .returning({ id: dossiers.id });
  if (updated.length === 0) return false;
  await saveHistory(tx, d);
  return true;
}

const insertSuspensions = preparedInsert('dossier_suspension_upsert', (ex, rows) =>
  ex
    .insert(dossierSuspensions)
    .values(rows as never)
    .onConflictDoUpdate({
      target: [dossierSuspensions.dossierId, dossierSuspensions.seq],
      set: { resumedAt: sql`excluded.resumed_at`, resumedBy: sql`excluded.resumed_by` },
    }),
);
const insertHandovers = preparedInsert('dossier_handover_insert', (ex, rows) =>
  ex
    .insert(dossierHandovers)
    .values(rows as never)
    .onConflictDoNothing(),
);
const upsertFees = preparedInsert('dossier_fee_upsert', (ex, rows) =>
  ex
    .insert(dossierFees)
    .values(rows as never)
    .onConflictDoUpdate({
      target: [dossierFees.dossierId, dossierFees.seq],
      set: {
        paidAt: sql`excluded.paid_at`,
        method: sql`excluded.method`,
        receiptNumber: sql`excluded.receipt_number`,
      },
    }),
);

async function saveHistory(tx: Executor, d: Dossier): Promise<void> {
  await insertSuspensions.write(
    tx,
    d.suspensions.map((s): typeof dossierSuspensions.$inferInsert => ({
      dossierId: d.id,
      seq: s.seq,
      requestedAt: s.requestedAt,
      resumedAt: s.resumedAt,
      reason: s.reason,
      items: [...s.items],
      requestedBy: s.requestedBy,
      resumedBy: s.resumedBy,
    })),
  );
  await insertHandovers.write(
    tx,
    d.handovers.map((h): typeof dossierHandovers.$inferInsert => ({
      dossierId: d.id,
      seq: h.seq,
      kind: h.kind,
      at: h.at,
      giver: h.giver,
      receiver: h.receiver,
      stepName: h.stepName,
      stepDueAt: h.stepDueAt,
      result: h.result,
      note: h.note,
    })),
  );
  await upsertFees.write(
    tx,
    d.fees.map((f): typeof dossierFees.$inferInsert => ({
      dossierId: d.id,
      seq: f.seq,
      name: f.name,
      amountVnd: f.amountVnd,
      paidAt: f.payment?.paidAt ?? null,
      method: f.payment?.method ?? null,
      receiptNumber: f.payment?.receiptNumber ?? null,
    })),
  );
}

const insertEvents = preparedInsert('dossier_event_insert', (ex, rows) =>
  ex.insert(dossierEvents).values(rows as never),
);

/** Appends events after the dossier's last one. */
export async function appendEvents(
  tx: Executor,
  dossierId: string,
  events: readonly DossierEvent[],
  /** The last seq when the caller knows it (0 for a dossier just inserted): saves a round trip. */
  knownLastSeq?: number,
): Promise<void> {
  if (events.length === 0) return;
  let start = knownLastSeq;
  if (start === undefined) {
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${dossierEvents.seq}), 0)::int` })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, dossierId));
    start = last?.seq ?? 0;
  }
  await insertEvents.write(
    tx,
    events.map((e, i): typeof dossierEvents.$inferInsert => ({
      dossierId,
      seq: start + i + 1,
      type: e.type,
      at: e.at,
      actorId: e.actor.id,
      actorLabel: e.actor.label,
      actorName: e.actor.name,
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
    })),
  );
}

export interface StoredEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: Date;
  readonly actor: { readonly label: string; readonly name: string };
  readonly data: unknown;
}

export async function eventsOf(db: Executor, dossierId: string): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.seq));
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    at: r.at,
    actor: { label: r.actorLabel, name: r.actorName },
    data: r.data,
  }));
}

export interface DossierFileView {
  readonly documentIndex: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly uploadedAt: Date;
}

export async function filesOf(db: Executor, dossierId: string): Promise<DossierFileView[]> {
  return db
    .select({
      documentIndex: dossierFiles.documentIndex,
      sha256: dossierFiles.sha256,
      fileName: dossierFiles.fileName,
      contentType: storedFiles.contentType,
      size: storedFiles.size,
      uploadedAt: dossierFiles.uploadedAt,
    })
    .from(dossierFiles)
    .innerJoin(storedFiles, eq(storedFiles.sha256, dossierFiles.sha256))
    .where(eq(dossierFiles.dossierId, dossierId))
    .orderBy(asc(dossierFiles.id));
}

/** Everything about one dossier: the aggregate, its events and its files (for forms and the detail page). */
export async function loadDossierFull(
  db: Executor,
  code: string,
): Promise<{ dossier: Dossier; events: StoredEvent[]; files: DossierFileView[] } | undefined> {
  const dossier = await loadDossier(db, code);
  if (!dossier) return undefined;
  const [events, files] = [await eventsOf(db, dossier.id), await filesOf(db, dossier.id)];
  return { dossier, events, files };
}

/**
 * The dossiers a service point received in a local-date range (inclusive), in code order: the
 * register (Sổ theo dõi hồ sơ, Mẫu 06/07).
 */
export async function listDossiersReceived(
  db: Executor,
  servicePointCode: string,
  from: string,
  to: string,
): Promise<Dossier[]> {
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        eq(dossiers.servicePointCode, servicePointCode),
        isNotNull(dossiers.receivedOn),
        gte(dossiers.receivedOn, from),
        lte(dossiers.receivedOn, to),
      ),
    )
    .orderBy(asc(dossiers.receivedAt), asc(dossiers.code));
  return withHistory(db, rows);
}

/** Sets the hash of a new public lookup token (for the public lookup module: rotate and re-print). */
export async function setLookupTokenHash(tx: Executor, dossierId: string, hash: string): Promise<void> {
  await tx.update(dossiers).set({ lookupTokenHash: hash }).where(eq(dossiers.id, dossierId));
}

// ---------------------------------------------------------------- lists

export interface ListFilter {
  readonly status?: DossierStatus | undefined;
  readonly servicePoint?: string | undefined;
  readonly procedure?: string | undefined;
  readonly channel?: Channel | undefined;
  /** Received on or after / on or before these local dates. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly bucket?:
    | {
        readonly kind: 'overdue' | 'nearly_due' | 'not_yet_due';
        readonly now: Date;
        readonly nearlyDueUntil: Date;
      }
    | undefined;
  readonly page: number;
  readonly pageSize: number;
}

const OPEN_WITH_CLOCK: DossierStatus[] = ['received', 'in_progress', 'supplement_requested'];

/**
 * The SQL of "the actor may read this dossier": any of the scopes covers it (an empty scope covers
 * everything), as `scopeCovers` in access/domain.ts; undefined when one scope is unrestricted.
 */
export function scopeCondition(scopes: readonly Scope[]): SQL | undefined {
  if (scopes.length === 0) return sql`false`;
  const alternatives: SQL[] = [];
  for (const s of scopes) {
    const parts: SQL[] = [];
    if (s.servicePoint !== undefined) parts.push(eq(dossiers.servicePointCode, s.servicePoint));
    if (s.unit !== undefined) parts.push(sql`${s.unit} = any(${dossiers.unitAncestors})`);
    if (s.agency !== undefined) parts.push(eq(dossiers.agencyCode, s.agency));
    if (s.field !== undefined) parts.push(eq(dossiers.field, s.field));
    if (parts.length === 0) return undefined;
    alternatives.push(and(...parts) as SQL);
  }
  return or(...alternatives);
}

/**
 * Deadline buckets in SQL, equal to `timelinessOf` for open dossiers with a running clock:
 * overdue when due < now or there were two supplement requests; nearly due when the due is at most
 * `nearlyDueUntil` (computed with the calendar from the threshold); otherwise not yet due.
 */
function bucketCondition(b: NonNullable<ListFilter['bucket']>): SQL {
  const open = and(inArray(dossiers.status, OPEN_WITH_CLOCK), isNotNull(dossiers.dueAt)) as SQL;
  const twice = sql`${dossiers.supplementCount} > 1`;
  if (b.kind === 'overdue') return and(open, or(lt(dossiers.dueAt, b.now), twice)) as SQL;
  const notLate = and(gte(dossiers.dueAt, b.now), sql`${dossiers.supplementCount} <= 1`) as SQL;
  if (b.kind === 'nearly_due') return and(open, notLate, lte(dossiers.dueAt, b.nearlyDueUntil)) as SQL;
  return and(open, notLate, sql`${dossiers.dueAt} > ${b.nearlyDueUntil}`) as SQL;
}

export async function listDossiers(
  db: Executor,
  filter: ListFilter,
  scopes: readonly Scope[],
): Promise<{ total: number; items: Dossier[] }> {
  const conditions: (SQL | undefined)[] = [scopeCondition(scopes)];
  if (filter.status) conditions.push(eq(dossiers.status, filter.status));
  if (filter.servicePoint) conditions.push(eq(dossiers.servicePointCode, filter.servicePoint));
  if (filter.procedure) conditions.push(eq(dossiers.procedureCode, filter.procedure));
  if (filter.channel) conditions.push(eq(dossiers.channel, filter.channel));
  if (filter.from) conditions.push(gte(dossiers.codeOn, filter.from));
  if (filter.to) conditions.push(lte(dossiers.codeOn, filter.to));
  if (filter.bucket) conditions.push(bucketCondition(filter.bucket));
  const where = and(...conditions.filter((c): c is SQL => c !== undefined));
  const [total] = await db.select({ n: count() }).from(dossiers).where(where);
  const rows = await db
    .select()
    .from(dossiers)
    .where(where)
    .orderBy(desc(dossiers.codeOn), desc(dossiers.code))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { total: Number(total?.n ?? 0), items: await withHistory(db, rows) };
}

// ---------------------------------------------------------------- intake records

export async function insertIntakeRecord(
  tx: Executor,
  r: IntakeRecord & { procedureVersionId: string; agencyCode: string; channel: Channel; actor: ActorRef },
): Promise<void> {
  await tx.insert(dossierIntakeRecords).values({
    id: r.id,
    kind: r.kind,
    at: r.at,
    servicePointCode: r.servicePoint.code,
    servicePoint: r.servicePoint,
    procedureVersionId: r.procedureVersionId,
    procedureCode: r.procedure.code,
    procedureName: r.procedure.name,
    agencyCode: r.agencyCode,
    channel: r.channel,
    applicant: r.applicant,
    missing: r.missing,
    reason: r.reason,
    actorId: r.actor.id,
    actorLabel: r.actor.label,
    actorName: r.actor.name,
  });
}

/** A guidance or refusal recorded at intake (for Mẫu 02/03 via `intakeFormData`). */
export async function loadIntakeRecord(
  db: Executor,
  id: string,
): Promise<(IntakeRecord & { agencyCode: string }) | undefined> {
  const [r] = await db.select().from(dossierIntakeRecords).where(eq(dossierIntakeRecords.id, id));
  if (!r) return undefined;
  return {
    id: r.id,
    kind: r.kind as 'guided' | 'refused',
    at: r.at,
    servicePoint: r.servicePoint as IntakeRecord['servicePoint'],
    procedure: { code: r.procedureCode, name: r.procedureName },
    applicant: r.applicant as Applicant,
    missing: r.missing as MissingItem[],
    reason: r.reason,
    officer: { name: r.actorName },
    agencyCode: r.agencyCode,
  };
}

export async function countIntakeRecords(db: Executor, servicePointCode: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(dossierIntakeRecords)
    .where(eq(dossierIntakeRecords.servicePointCode, servicePointCode));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- idempotency

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

export async function findIdempotent(db: Executor, key: string): Promise<StoredResponse | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
  return row
    ? { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody }
    : undefined;
}

/**
 * Records the response of a key in the change's transaction. A concurrent request with the same key
 * makes this insert fail with a unique violation (after the other transaction commits), which rolls
 * back the duplicate change; the caller then answers with the stored response.
 */
export async function saveIdempotent(
  tx: Executor,
  key: string,
  response: StoredResponse,
  at: Date,
): Promise<void> {
  await tx.insert(idempotencyKeys).values({
    key,
    requestHash: response.requestHash,
    responseStatus: response.status,
    responseBody: response.body,
    createdAt: at,
  });
}

// ---------------------------------------------------------------- files

/** Stores bytes once (content-addressed); a second upload of the same bytes stores nothing. */
export async function storeFile(
  tx: Executor,
  file: { sha256: string; contentType: string; bytes: Buffer; at: Date },
): Promise<void> {
  await tx
    .insert(storedFiles)
    .values({
      sha256: file.sha256,
      contentType: file.contentType,
      size: file.bytes.length,
      bytes: file.bytes,
      createdAt: file.at,
    })
    .onConflictDoNothing();
}

export async function linkFile(
  tx: Executor,
  link: { dossierId: string; documentIndex: number; sha256: string; fileName: string; at: Date; by: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(dossierFiles)
    .values({
      dossierId: link.dossierId,
      documentIndex: link.documentIndex,
      sha256: link.sha256,
      fileName: link.fileName,
      uploadedAt: link.at,
      uploadedBy: link.by,
    })
    .onConflictDoNothing()
    .returning({ id: dossierFiles.id });
  return inserted.length > 0;
}

export async function loadFile(db: Executor, dossierId: string, sha256: string) {
  const [row] = await db
    .select({
      contentType: storedFiles.contentType,
      size: storedFiles.size,
      bytes: storedFiles.bytes,
      fileName: dossierFiles.fileName,
    })
    .from(dossierFiles)
    .innerJoin(storedFiles, eq(storedFiles.sha256, dossierFiles.sha256))
    .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.sha256, sha256)))
    .limit(1);
  return row;
}
