/**
 * Post-office operations, the use cases: counter staff and their effective-dated assignments, training
 * records, inspections and corrective actions, counter sessions, clerk figures and the public
 * transparency figures. Writes: load → authorise → decide (domain.ts) → save + audit, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Executor } from '../../adapters/db/database.ts';
import { AppError, type Result } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { mayAccess, type Actor, type Permission, type ResourceLocation } from '../access/domain.ts';
import { auditActorOf } from '../access/access.service.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { OrgService } from '../org/org.service.ts';
import {
  instantsOf,
  isOverdue,
  median,
  percent,
  trainingGaps,
  transitionAction,
  validateAction,
  validateAssignment,
  validateClosure,
  validateInspection,
  validateStaff,
  validateTraining,
  type ActionStatus,
  type Period,
} from './domain.ts';
import * as repo from './operations.repository.ts';

const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

// ---------------------------------------------------------------- ports

/** Dossiers resolved and resolved on time in a period, per service point or agency. */
export interface ResolvedFigure {
  readonly code: string;
  readonly resolved: number;
  readonly onTime: number;
}

/**
 * Where the transparency page gets its timeliness figures. The default reads the dossier table with
 * one GROUP BY per dimension; the reports module can provide an implementation over its aggregates.
 */
export interface TimelinessSource {
  resolved(by: 'servicePoint' | 'agency', period: Period): Promise<readonly ResolvedFigure[]>;
}

/** Satisfaction per service point or agency: ratings given and satisfied ratings. Null: no rating data yet. */
export interface SatisfactionSource {
  satisfaction(
    by: 'servicePoint' | 'agency',
    period: Period,
  ): Promise<ReadonlyMap<string, { rated: number; satisfied: number }> | null>;
}

export class DossierTableTimeliness implements TimelinessSource {
  constructor(private readonly db: Executor) {}
  resolved(by: 'servicePoint' | 'agency', period: Period) {
    const { start, end } = instantsOf(period);
    return repo.resolvedBy(this.db, by, start, end);
  }
}

/** No rating data at all (a deployment without the citizen portal's ratings): "no data" everywhere. */
export const NO_SATISFACTION: SatisfactionSource = { satisfaction: () => Promise.resolve(null) };

/** Ratings from the portal's dossier_rating table (very satisfied + satisfied = satisfied). */
export class DossierRatingSatisfaction implements SatisfactionSource {
  constructor(private readonly db: Executor) {}
  async satisfaction(by: 'servicePoint' | 'agency', period: Period) {
    const { start, end } = instantsOf(period);
    const rows = await repo.ratingsBy(this.db, by, start, end);
    return new Map(rows.map((r) => [r.code, { rated: r.rated, satisfied: r.satisfied }]));
  }
}

// ---------------------------------------------------------------- views

export interface TransparencyRow {
  readonly code: string;
  readonly name: string;
  readonly resolved: number;
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly satisfactionRate: number | null;
}

export interface TransparencyView {
  readonly from: string;
  readonly to: string;
  readonly satisfactionAvailable: boolean;
  readonly servicePoints: readonly TransparencyRow[];
  readonly agencies: readonly TransparencyRow[];
}

export interface ClerkFigure {
  readonly username: string;
  readonly name: string;
  readonly received: number;
  readonly returned: number;
  readonly counterSessions: number;
  readonly medianCounterSeconds: number | null;
}

export interface ActionView {
  readonly id: string;
  readonly description: string;
  readonly responsible: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly closedOn: string | null;
  readonly closureNote: string | null;
  readonly overdue: boolean;
  readonly version: number;
}

export interface InspectionView {
  readonly id: string;
  readonly inspectedOn: string;
  readonly inspector: string;
  readonly servicePointCode: string;
  readonly findings: string;
  readonly actions: readonly ActionView[];
  readonly openActions: number;
  readonly overdueActions: number;
}

const actionView = (a: repo.ActionRow, at: string): ActionView => ({
  id: a.id,
  description: a.description,
  responsible: a.responsible,
  dueOn: a.dueOn,
  status: a.status as ActionStatus,
  closedOn: a.closedOn,
  closureNote: a.closureNote,
  overdue: isOverdue(a, at),
  version: a.version,
});

export class OperationsService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    private readonly timeliness: TimelinessSource = new DossierTableTimeliness(database.db),
    private readonly ratings: SatisfactionSource = new DossierRatingSatisfaction(database.db),
  ) {}

  // ------------------------------------------------------------ access helpers

  /** Province-wide (or unit-wide covering everything) reads: clerk figures, the staff register. */
  private requireWide(actor: Actor, permission: Permission): void {
    if (!mayAccess(actor, permission, {})) throw new AppError('FORBIDDEN');
  }

  private async location(code: string, at: string): Promise<ResourceLocation> {
    return this.org.servicePointLocation(code, at);
  }

  private async requirePoint(actor: Actor, permission: Permission, code: string, at: string): Promise<void> {
    if (!mayAccess(actor, permission, await this.location(code, at))) throw new AppError('FORBIDDEN');
  }

  /** Keeps the rows whose service point the actor may see. */
  private async visible<T extends { servicePointCode: string }>(
    actor: Actor,
    permission: Permission,
    rows: readonly T[],
    at: string,
  ): Promise<T[]> {
    if (mayAccess(actor, permission, {})) return [...rows];
    const cache = new Map<string, boolean>();
    const out: T[] = [];
    for (const row of rows) {
      let allowed = cache.get(row.servicePointCode);
      if (allowed === undefined) {
        allowed = mayAccess(
          actor,
          permission,
          await this.location(row.servicePointCode, at).catch(() => ({})),
        );
        cache.set(row.servicePointCode, allowed);
      }
      if (allowed) out.push(row);
    }
    return out;
  }

  // ------------------------------------------------------------ staff and assignments

  async listStaff(actor: Actor) {
    this.requireWide(actor, 'operations.read');
    return repo.listStaff(this.database.db);
  }

  async staffMember(actor: Actor, id: string, at: string) {
    this.requireWide(actor, 'operations.read');
    const staff = isUuid(id) ? await repo.findStaff(this.database.db, id) : undefined;
    if (!staff) throw new AppError('OPERATIONS_STAFF_NOT_FOUND', { details: { id } });
    const assignments = await repo.assignmentsOf(this.database.db, id);
    const training = await repo.listTraining(this.database.db, { staffId: id });
    return { staff, assignments, training, at };
  }

  async createStaff(actor: Actor, body: Record<string, unknown>, now: Date) {
    this.requireWide(actor, 'operations.manage');
    const input = unwrap(validateStaff(body));
    if (
      input.agencyCode !== null &&
      !(await this.org.listAgencies(localDateOf(now))).some((a) => a.code === input.agencyCode)
    )
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'agencyCode', reason: `unknown agency ${input.agencyCode}` }],
      });
    return this.database.transaction(async (tx) => {
      const row = await repo.insertStaff(tx, { id: randomUUID(), ...input, createdAt: now });
      await appendAudit(tx, auditActorOf(actor), now, [
        { action: 'operations.staff.created', entityType: 'staff_member', entityId: row.id, change: input },
      ]);
      return row;
    });
  }

  async assign(actor: Actor, staffId: string, body: Record<string, unknown>, now: Date) {
    const input = unwrap(validateAssignment(body));
    const sp = await this.org.servicePoint(input.servicePointCode);
    await this.requirePoint(actor, 'operations.manage', sp.code, input.validFrom);
    if (input.validFrom < sp.validFrom || (sp.validTo !== null && input.validFrom > sp.validTo))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'validFrom', reason: 'the service point is not open on that date' }],
      });
    return this.database.transaction(async (tx) => {
      const staff = isUuid(staffId) ? await repo.findStaff(tx, staffId) : undefined;
      if (!staff) throw new AppError('OPERATIONS_STAFF_NOT_FOUND', { details: { id: staffId } });
      const row = await repo.insertAssignment(tx, { id: randomUUID(), staffId, ...input, createdAt: now });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.staff.assigned',
          entityType: 'staff_member',
          entityId: staffId,
          change: { assignmentId: row.id, ...input },
        },
      ]);
      return row;
    });
  }

  async assignmentsAt(actor: Actor, at: string, servicePointCode?: string) {
    if (servicePointCode) await this.requirePoint(actor, 'operations.read', servicePointCode, at);
    const rows = await repo.assignmentsAt(this.database.db, at, servicePointCode);
    return this.visible(actor, 'operations.read', rows, at);
  }

  // ------------------------------------------------------------ training

  async listTraining(actor: Actor, filter: { staffId?: string | undefined; field?: string | undefined }) {
    this.requireWide(actor, 'operations.read');
    return repo.listTraining(this.database.db, filter);
  }

  async recordTraining(actor: Actor, body: Record<string, unknown>, now: Date) {
    this.requireWide(actor, 'operations.manage');
    const input = unwrap(validateTraining(body));
    return this.database.transaction(async (tx) => {
      const staff = isUuid(input.staffId) ? await repo.findStaff(tx, input.staffId) : undefined;
      if (!staff) throw new AppError('OPERATIONS_STAFF_NOT_FOUND', { details: { id: input.staffId } });
      const row = await repo.insertTraining(tx, {
        id: randomUUID(),
        ...input,
        fields: [...input.fields],
        createdAt: now,
      });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.training.recorded',
          entityType: 'training_record',
          entityId: row.id,
          change: input,
        },
      ]);
      return row;
    });
  }

  /** Clerks who received dossiers in a field during the period without any training record for it. */
  async trainingNeeds(actor: Actor, period: Period) {
    this.requireWide(actor, 'operations.read');
    const { start, end } = instantsOf(period);
    const received = await repo.receivedByClerkAndField(this.database.db, start, end);
    const staff = await repo.listStaff(this.database.db);
    const training = await repo.listTraining(this.database.db, {});
    const byStaff = new Map(staff.map((s) => [s.id, s.username]));
    const trained = new Map<string, Set<string>>();
    for (const t of training) {
      const username = byStaff.get(t.staffId);
      if (!username) continue;
      const set = trained.get(username) ?? new Set<string>();
      for (const f of t.fields) set.add(f);
      trained.set(username, set);
    }
    return trainingGaps(received, trained);
  }

  // ------------------------------------------------------------ inspections

  async listInspections(actor: Actor, at: string, servicePointCode?: string): Promise<InspectionView[]> {
    if (servicePointCode) await this.requirePoint(actor, 'operations.read', servicePointCode, at);
    const rows = await this.visible(
      actor,
      'operations.read',
      await repo.listInspections(this.database.db, servicePointCode),
      at,
    );
    const actions = await repo.actionsOf(
      this.database.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => this.inspectionView(r, actions, at));
  }

  private inspectionView(
    r: repo.InspectionRow,
    actions: readonly repo.ActionRow[],
    at: string,
  ): InspectionView {
    const mine = actions.filter((a) => a.inspectionId === r.id).map((a) => actionView(a, at));
    return {
      id: r.id,
      inspectedOn: r.inspectedOn,
      inspector: r.inspector,
      servicePointCode: r.servicePointCode,
      findings: r.findings,
      actions: mine,
      openActions: mine.filter((a) => a.status === 'open').length,
      overdueActions: mine.filter((a) => a.overdue).length,
    };
  }

  async inspection(actor: Actor, id: string, at: string): Promise<InspectionView> {
    const row = isUuid(id) ? await repo.findInspection(this.database.db, id) : undefined;
    if (!row) throw new AppError('OPERATIONS_INSPECTION_NOT_FOUND', { details: { id } });
    await this.requirePoint(actor, 'operations.read', row.servicePointCode, at);
    return this.inspectionView(row, await repo.actionsOf(this.database.db, [row.id]), at);
  }

  async recordInspection(actor: Actor, body: Record<string, unknown>, now: Date): Promise<InspectionView> {
    const input = unwrap(validateInspection(body));
    await this.org.servicePoint(input.servicePointCode);
    await this.requirePoint(actor, 'operations.manage', input.servicePointCode, input.inspectedOn);
    const row = await this.database.transaction(async (tx) => {
      const inserted = await repo.insertInspection(tx, { id: randomUUID(), ...input, createdAt: now });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.inspection.recorded',
          entityType: 'inspection',
          entityId: inserted.id,
          change: input,
        },
      ]);
      return inserted;
    });
    return this.inspectionView(row, [], localDateOf(now));
  }

  async addAction(actor: Actor, inspectionId: string, body: Record<string, unknown>, now: Date) {
    const inspection = isUuid(inspectionId)
      ? await repo.findInspection(this.database.db, inspectionId)
      : undefined;
    if (!inspection) throw new AppError('OPERATIONS_INSPECTION_NOT_FOUND', { details: { id: inspectionId } });
    await this.requirePoint(actor, 'operations.manage', inspection.servicePointCode, inspection.inspectedOn);
    const input = unwrap(validateAction(body, inspection.inspectedOn));
    const row = await this.database.transaction(async (tx) => {
      const inserted = await repo.insertAction(tx, {
        id: randomUUID(),
        inspectionId,
        ...input,
        status: 'open',
        createdAt: now,
      });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.action.opened',
          entityType: 'inspection',
          entityId: inspectionId,
          change: { actionId: inserted.id, ...input },
        },
      ]);
      return inserted;
    });
    return actionView(row, localDateOf(now));
  }

  async closeAction(actor: Actor, actionId: string, body: Record<string, unknown>, now: Date) {
    const action = isUuid(actionId) ? await repo.findAction(this.database.db, actionId) : undefined;
    if (!action) throw new AppError('OPERATIONS_ACTION_NOT_FOUND', { details: { id: actionId } });
    const inspection = (await repo.findInspection(this.database.db, action.inspectionId))!;
    await this.requirePoint(actor, 'operations.manage', inspection.servicePointCode, inspection.inspectedOn);
    const next = unwrap(transitionAction(action.status as ActionStatus, 'close'));
    const closure = unwrap(validateClosure(body, inspection.inspectedOn));
    return this.database.transaction(async (tx) => {
      // Optimistic: the row must still be the version the decision was made on.
      const updated = await repo.closeAction(tx, action.id, action.version, {
        status: next,
        closedOn: closure.closedOn,
        closureNote: closure.note,
      });
      if (!updated)
        throw new AppError('OPERATIONS_ACTION_TRANSITION_INVALID', {
          details: { id: actionId, status: 'changed' },
        });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.action.closed',
          entityType: 'inspection',
          entityId: inspection.id,
          change: { actionId, from: action.status, to: next, closedOn: closure.closedOn, note: closure.note },
        },
      ]);
      return actionView(updated, localDateOf(now));
    });
  }

  // ------------------------------------------------------------ counter sessions and clerk figures

  async recordCounterSession(
    actor: Actor,
    body: { servicePointCode: string; startedAt: string; endedAt: string; dossierCode?: string | undefined },
    now: Date,
  ) {
    const startedAt = new Date(body.startedAt);
    const endedAt = new Date(body.endedAt);
    const problems = [];
    if (Number.isNaN(startedAt.getTime())) problems.push({ name: 'startedAt', reason: 'not an instant' });
    if (Number.isNaN(endedAt.getTime())) problems.push({ name: 'endedAt', reason: 'not an instant' });
    else if (endedAt.getTime() > now.getTime() + 60_000)
      problems.push({ name: 'endedAt', reason: 'in the future' });
    if (problems.length === 0 && endedAt.getTime() < startedAt.getTime())
      problems.push({ name: 'endedAt', reason: 'before startedAt' });
    if (problems.length === 0 && endedAt.getTime() - startedAt.getTime() > 8 * 3_600_000)
      problems.push({ name: 'endedAt', reason: 'a counter session lasts at most 8 hours' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    await this.org.servicePoint(body.servicePointCode);
    await this.requirePoint(actor, 'operations.counter', body.servicePointCode, localDateOf(now));
    return this.database.transaction(async (tx) => {
      const row = await repo.insertCounterSession(tx, {
        id: randomUUID(),
        clerkId: actor.userId,
        clerkUsername: actor.username,
        servicePointCode: body.servicePointCode,
        dossierCode: body.dossierCode ?? null,
        startedAt,
        endedAt,
      });
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'operations.counter_session.recorded',
          entityType: 'counter_session',
          entityId: row.id,
          change: {
            servicePointCode: row.servicePointCode,
            dossierCode: row.dossierCode,
            startedAt,
            endedAt,
          },
        },
      ]);
      return row;
    });
  }

  /**
   * The counter form's hook (dossiers module, `CounterTimeRecorder`): records the time from the form's
   * first rendering to the intake, guidance or refusal. Never throws for bad input — a tampered or stale
   * start, or a clerk without the permission, records nothing (counter time must not block a receipt).
   * A double submit of the same form (same clerk and start) records once.
   */
  async recordCounterTime(
    actor: Actor,
    session: { servicePointCode: string; startedAt: string; endedAt: Date; dossierCode: string | null },
  ): Promise<boolean> {
    const startedAt = new Date(session.startedAt);
    const ms = session.endedAt.getTime() - startedAt.getTime();
    if (Number.isNaN(ms) || ms < 0 || ms > 8 * 3_600_000) return false;
    const location = await this.location(session.servicePointCode, localDateOf(session.endedAt)).catch(
      () => undefined,
    );
    if (!location || !mayAccess(actor, 'operations.counter', location)) return false;
    return this.database.transaction(async (tx) => {
      if (await repo.hasCounterSession(tx, actor.userId, startedAt)) return false;
      const row = await repo.insertCounterSession(tx, {
        id: randomUUID(),
        clerkId: actor.userId,
        clerkUsername: actor.username,
        servicePointCode: session.servicePointCode,
        dossierCode: session.dossierCode,
        startedAt,
        endedAt: session.endedAt,
      });
      await appendAudit(tx, auditActorOf(actor), session.endedAt, [
        {
          action: 'operations.counter_session.recorded',
          entityType: 'counter_session',
          entityId: row.id,
          change: {
            servicePointCode: row.servicePointCode,
            dossierCode: row.dossierCode,
            startedAt,
            endedAt: session.endedAt,
            source: 'counter_form',
          },
        },
      ]);
      return true;
    });
  }

  async clerkFigures(actor: Actor, period: Period): Promise<ClerkFigure[]> {
    this.requireWide(actor, 'operations.read');
    const { start, end } = instantsOf(period);
    const counts = await repo.clerkEventCounts(this.database.db, start, end);
    const sessions = await repo.counterSessionSeconds(this.database.db, start, end);
    const byUser = new Map<string, { name: string; received: number; returned: number; seconds: number[] }>();
    const entry = (username: string, name: string) => {
      let e = byUser.get(username);
      if (!e) {
        e = { name, received: 0, returned: 0, seconds: [] };
        byUser.set(username, e);
      }
      return e;
    };
    for (const c of counts) {
      if (c.actorId === null) continue; // system events (e.g. automatic receipt) are no clerk's work
      const e = entry(c.username, c.name);
      if (c.type === 'dossier.received') e.received += c.n;
      else e.returned += c.n;
    }
    for (const s of sessions) entry(s.username, s.username).seconds.push(s.seconds);
    return [...byUser.entries()]
      .map(([username, e]) => ({
        username,
        name: e.name,
        received: e.received,
        returned: e.returned,
        counterSessions: e.seconds.length,
        medianCounterSeconds: median(e.seconds),
      }))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  // ------------------------------------------------------------ transparency (public)

  async transparency(period: Period): Promise<TransparencyView> {
    const [points, agencyRows, spRatings, agencyRatings] = await Promise.all([
      this.timeliness.resolved('servicePoint', period),
      this.timeliness.resolved('agency', period),
      this.ratings.satisfaction('servicePoint', period),
      this.ratings.satisfaction('agency', period),
    ]);
    const spNames = new Map(
      (
        await repo.servicePointNames(
          this.database.db,
          points.map((p) => p.code),
        )
      ).map((r) => [r.code, r.name]),
    );
    const agNames = new Map(
      (
        await repo.agencyNames(
          this.database.db,
          agencyRows.map((p) => p.code),
        )
      ).map((r) => [r.code, r.name]),
    );
    const rowOf = (
      f: ResolvedFigure,
      names: Map<string, string>,
      ratings: ReadonlyMap<string, { rated: number; satisfied: number }> | null,
    ): TransparencyRow => {
      const r = ratings?.get(f.code);
      return {
        code: f.code,
        name: names.get(f.code) ?? f.code,
        resolved: f.resolved,
        onTime: f.onTime,
        onTimeRate: percent(f.onTime, f.resolved),
        satisfactionRate: r ? percent(r.satisfied, r.rated) : null,
      };
    };
    return {
      from: period.from,
      to: period.to,
      satisfactionAvailable: spRatings !== null,
      servicePoints: points.map((p) => rowOf(p, spNames, spRatings)),
      agencies: agencyRows.map((p) => rowOf(p, agNames, agencyRatings)),
    };
  }
}
