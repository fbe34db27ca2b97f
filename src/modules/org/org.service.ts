/**
 * The organisational model: administrative units (effective-dated, with successions), service points,
 * agencies, staffing and the post's rollout coverage.
 */
import type { Database } from '../../adapters/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { coversDate } from '../../kernel/local-date.ts';
import type { ResourceLocation, Scope } from '../access/domain.ts';
import * as repo from './org.repository.ts';
import { assignedCountsAt } from '../operations/operations.repository.ts';

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

export interface UnitView {
  code: string;
  name: string;
  fullName: string;
  kind: string;
  level: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

interface UnitRow extends UnitView {
  source: string;
}

/** Staffing of one service point on a date: headcounts (counter_staffing) and named assignments. */
export interface PointStaffing {
  code: string;
  name: string;
  level: string;
  operator: string;
  postStaff: number;
  agencyStaff: number;
  byAgency: Record<string, number>;
  assignedPost: number;
  assignedAgency: number;
}

export interface CoverageLevel {
  post: number;
  total: number;
}

export class OrgService {
  #units: Map<string, UnitRow[]> | undefined;

  constructor(private readonly database: Database) {}

  /** All unit versions by code; a few hundred rows, loaded once (units change only through migrations/imports). */
  private async unitIndex(): Promise<Map<string, UnitRow[]>> {
    if (!this.#units) {
      const index = new Map<string, UnitRow[]>();
      for (const row of await repo.allUnits(this.database.db)) {
        const list = index.get(row.code) ?? [];
        list.push(row);
        index.set(row.code, list);
      }
      this.#units = index;
    }
    return this.#units;
  }

  invalidateCache(): void {
    this.#units = undefined;
    this.#servicePoints.clear();
  }

  /**
   * Service points found recently (every intake and scope check reads one). Rows carry their own
   * validity (validFrom/validTo: callers check the date), so a cached row is right on any date; the
   * short life bounds staleness after a seed or import (no API writes service points).
   */
  readonly #servicePoints = new Map<string, { row: repo.ServicePointRow; until: number }>();
  static readonly SERVICE_POINT_CACHE_MS = 30_000;

  async unitAt(code: string, at: string): Promise<UnitRow | undefined> {
    return (await this.unitIndex()).get(code)?.find((u) => coversDate(u.validFrom, u.validTo, at));
  }

  /** The unit and its parents, innermost first, as of `at` (e.g. commune → district → province). */
  async unitAncestors(code: string, at: string): Promise<string[]> {
    const chain: string[] = [];
    let current = await this.unitAt(code, at);
    while (current && chain.length < 5) {
      chain.push(current.code);
      current = current.parentCode ? await this.unitAt(current.parentCode, at) : undefined;
    }
    return chain;
  }

  async listUnits(filter: repo.UnitFilter): Promise<UnitView[]> {
    const rows = await repo.listUnits(this.database.db, filter);
    return rows.map(({ code, name, fullName, kind, level, parentCode, validFrom, validTo }) => ({
      code,
      name,
      fullName,
      kind,
      level,
      parentCode,
      validFrom,
      validTo,
    }));
  }

  async unitVersions(code: string) {
    const rows = await repo.unitVersions(this.database.db, code);
    if (rows.length === 0) throw new AppError('UNIT_NOT_FOUND', { details: { code } });
    return rows;
  }

  /** Successors of a unit code through every later merger or split (transitively), with dates. */
  async successors(code: string) {
    await this.unitVersions(code);
    const index = await this.unitIndex();
    const result: {
      code: string;
      name: string | null;
      effectiveOn: string;
      kind: string;
      part: string;
      legalBasis: string;
      via: string;
    }[] = [];
    // Follow an edge only if it takes effect after the edge that led to its source (a merged unit that
    // keeps its code would otherwise loop back on itself on the same date).
    let frontier: { code: string; since: string }[] = [{ code, since: '' }];
    while (frontier.length > 0) {
      const edges = await repo.successionsFrom(this.database.db, [...new Set(frontier.map((f) => f.code))]);
      const next: { code: string; since: string }[] = [];
      for (const e of edges) {
        const arrivals = frontier.filter((f) => f.code === e.fromCode && e.effectiveOn > f.since);
        if (arrivals.length === 0) continue;
        const successor = index.get(e.toCode)?.find((u) => coversDate(u.validFrom, u.validTo, e.effectiveOn));
        result.push({
          code: e.toCode,
          name: successor?.fullName ?? null,
          effectiveOn: e.effectiveOn,
          kind: e.kind,
          part: e.part,
          legalBasis: e.legalBasis,
          via: e.fromCode,
        });
        next.push({ code: e.toCode, since: e.effectiveOn });
      }
      frontier = next;
    }
    return result;
  }

  listServicePoints(filter: repo.ServicePointFilter) {
    return repo.listServicePoints(this.database.db, filter);
  }

  async servicePoint(code: string): Promise<repo.ServicePointRow> {
    const cached = this.#servicePoints.get(code);
    if (cached && cached.until > performance.now()) return cached.row;
    const sp = await repo.findServicePoint(this.database.db, code);
    if (!sp) throw new AppError('SERVICE_POINT_NOT_FOUND', { details: { code } });
    if (this.#servicePoints.size > 5_000) this.#servicePoints.clear();
    this.#servicePoints.set(code, { row: sp, until: performance.now() + OrgService.SERVICE_POINT_CACHE_MS });
    return sp;
  }

  /** Where a service point sits, for scope checks. */
  async servicePointLocation(code: string, at: string): Promise<ResourceLocation> {
    const sp = await this.servicePoint(code);
    const when = sp.validTo && sp.validTo < at ? sp.validTo : at;
    return { servicePoint: sp.code, unitAncestors: await this.unitAncestors(sp.unitCode, when) };
  }

  listAgencies(at: string, level?: string) {
    return repo.listAgencies(this.database.db, at, level);
  }

  staffing(at: string, servicePointCode?: string) {
    return repo.staffingAt(this.database.db, at, servicePointCode);
  }

  /** Per level, how many service points the post runs out of all those open on `at`, and staffing totals. */
  async coverage(at: string) {
    const points = await repo.listServicePoints(this.database.db, { at });
    const result: Record<Level, CoverageLevel> = {
      province: { post: 0, total: 0 },
      district: { post: 0, total: 0 },
      commune: { post: 0, total: 0 },
    };
    for (const sp of points) {
      const level = result[sp.level as Level];
      if (!level) continue;
      level.total += 1;
      if (sp.operator === 'post') level.post += 1;
    }
    const staffing = { postStaff: 0, agencyStaff: 0, byAgency: {} as Record<string, number> };
    const perPoint = new Map<string, PointStaffing>(
      points.map((sp) => [
        sp.code,
        {
          code: sp.code,
          name: sp.name,
          level: sp.level,
          operator: sp.operator,
          postStaff: 0,
          agencyStaff: 0,
          byAgency: {},
          assignedPost: 0,
          assignedAgency: 0,
        },
      ]),
    );
    for (const s of await repo.staffingAt(this.database.db, at)) {
      const point = perPoint.get(s.servicePointCode);
      if (s.employer === 'post') {
        staffing.postStaff += s.headcount;
        if (point) point.postStaff += s.headcount;
      } else {
        staffing.agencyStaff += s.headcount;
        const key = s.agencyCode ?? 'other';
        staffing.byAgency[key] = (staffing.byAgency[key] ?? 0) + s.headcount;
        if (point) {
          point.agencyStaff += s.headcount;
          point.byAgency[key] = (point.byAgency[key] ?? 0) + s.headcount;
        }
      }
    }
    // Named staff assigned to the counters on that date (operations module), next to the headcounts.
    for (const a of await assignedCountsAt(this.database.db, at)) {
      const point = perPoint.get(a.servicePointCode);
      if (!point) continue;
      if (a.employer === 'post') point.assignedPost += a.n;
      else point.assignedAgency += a.n;
    }
    return { at, ...result, staffing, servicePoints: [...perPoint.values()] };
  }

  /** Null when every code in the scope exists; otherwise a reason (used when granting roles). */
  async checkScope(scope: Scope): Promise<string | null> {
    if (scope.servicePoint && !(await repo.findServicePoint(this.database.db, scope.servicePoint)))
      return `unknown service point ${scope.servicePoint}`;
    if (scope.unit && !(await this.unitIndex()).has(scope.unit)) return `unknown unit ${scope.unit}`;
    if (scope.agency && !(await repo.findAgency(this.database.db, scope.agency)))
      return `unknown agency ${scope.agency}`;
    return null;
  }
}
