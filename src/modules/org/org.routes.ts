/**
 * The organisational model over HTTP: units (effective-dated, with successors), service points,
 * agencies, counter staff (scoped) and the post's rollout coverage.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../kernel/errors.ts';
import type { Clock } from '../../kernel/clock.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { mayAccess } from '../access/domain.ts';
import { listGrantsByServicePoint } from '../access/access.repository.ts';
import type { Database } from '../../adapters/db/database.ts';
import { pageContext } from '../access/access.routes.ts';
import type { OrgService } from './org.service.ts';
import { agenciesPage, coveragePage, servicePointsPage, unitsPage } from './views/org.views.ts';
import { renderReport } from '../operations/exports.ts';
import { coverageFile } from '../operations/report-files.ts';

export interface OrgRoutesOptions {
  readonly org: OrgService;
  readonly database: Database;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

const DateParam = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Local date YYYY-MM-DD (Asia/Ho_Chi_Minh)',
});
const Level = Type.String({ enum: ['province', 'district', 'commune'] });

const UnitSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

const ServicePointSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  unitCode: Type.String(),
  address: Type.String(),
  operator: Type.String(),
  counters: Type.Integer(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

const CoverageLevel = Type.Object({ post: Type.Integer(), total: Type.Integer() });

export async function orgRoutes(app: FastifyInstance, options: OrgRoutesOptions): Promise<void> {
  const { org, clock } = options;
  const today = () => localDateOf(clock.now());
  const dateOr = (value: string | undefined, name: string): string => {
    if (value === undefined || value === '') return today();
    if (!isLocalDate(value))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name, reason: 'not a real date YYYY-MM-DD' }],
      });
    return value;
  };
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };

  app.get(
    '/api/v1/units',
    {
      config: publicConfig,
      schema: {
        tags: ['organisation'],
        summary: 'Administrative units valid on a date',
        querystring: Type.Object({
          at: Type.Optional(DateParam),
          level: Type.Optional(Level),
          parent: Type.Optional(Type.String({ maxLength: 16 })),
        }),
        response: { 200: Type.Object({ at: Type.String(), items: Type.Array(UnitSchema) }) },
      },
    },
    async (request) => {
      const q = request.query as { at?: string; level?: string; parent?: string };
      const at = dateOr(q.at, 'at');
      return { at, items: await org.listUnits({ at, level: q.level, parent: q.parent }) };
    },
  );

  app.get(
    '/api/v1/units/:code',
    {
      config: publicConfig,
      schema: {
        tags: ['organisation'],
        summary: 'Every version of a unit code',
        params: Type.Object({ code: Type.String({ maxLength: 16 }) }),
        response: { 200: Type.Object({ code: Type.String(), versions: Type.Array(UnitSchema) }) },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const versions = await org.unitVersions(code);
      return { code, versions: versions.map(({ source: _s, id: _i, ...v }) => v) };
    },
  );

  app.get(
    '/api/v1/units/:code/successors',
    {
      config: publicConfig,
      schema: {
        tags: ['organisation'],
        summary: 'Successor units of a code through mergers and splits',
        params: Type.Object({ code: Type.String({ maxLength: 16 }) }),
        response: {
          200: Type.Object({
            code: Type.String(),
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.Union([Type.String(), Type.Null()]),
                effectiveOn: Type.String(),
                kind: Type.String(),
                part: Type.String(),
                legalBasis: Type.String(),
                via: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      return { code, items: await org.successors(code) };
    },
  );

  app.get(
    '/api/v1/service-points',
    {
      config: publicConfig,
      schema: {
        tags: ['organisation'],
        summary: 'Service points (one-stop counters) open on a date',
        querystring: Type.Object({
          at: Type.Optional(DateParam),
          level: Type.Optional(Level),
          operator: Type.Optional(Type.String({ enum: ['post', 'government'] })),
          unit: Type.Optional(Type.String({ maxLength: 16 })),
        }),
        response: { 200: Type.Object({ at: Type.String(), items: Type.Array(ServicePointSchema) }) },
      },
    },
    async (request) => {
      const q = request.query as { at?: string; level?: string; operator?: string; unit?: string };
      const at = dateOr(q.at, 'at');
      const rows = await org.listServicePoints({ at, level: q.level, operator: q.operator, unit: q.unit });
      return {
        at,
        items: rows.map(
          ({ code, name, level, unitCode, address, operator, counters, validFrom, validTo }) => ({
            code,
            name,
            level,
            unitCode,
            address,
            operator,
            counters,
            validFrom,
            validTo,
          }),
        ),
      };
    },
  );

  app.get(
    '/api/v1/service-points/:code/staff',
    {
      config: { permission: 'org.staff.read' },
      schema: {
        tags: ['organisation'],
        summary: 'Who works at a service point (within the caller’s scope)',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object({
            code: Type.String(),
            accounts: Type.Array(
              Type.Object({ username: Type.String(), fullName: Type.String(), role: Type.String() }),
            ),
            staffing: Type.Array(
              Type.Object({
                employer: Type.String(),
                agencyCode: Type.Union([Type.String(), Type.Null()]),
                headcount: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const location = await org.servicePointLocation(code, today());
      if (!mayAccess(request.actor!, 'org.staff.read', location)) throw new AppError('FORBIDDEN');
      const accounts = await listGrantsByServicePoint(options.database.db, code);
      const sp = await org.servicePoint(code);
      const staffing = await org.staffing(sp.validTo && sp.validTo < today() ? sp.validTo : today(), code);
      return {
        code,
        accounts: accounts.map(({ username, fullName, role }) => ({ username, fullName, role })),
        staffing: staffing.map(({ employer, agencyCode, headcount }) => ({
          employer,
          agencyCode,
          headcount,
        })),
      };
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: publicConfig,
      schema: {
        tags: ['organisation'],
        summary: 'Agencies on a date; `keepsOwnStaffAtCounters` marks agencies such as BHXH and Công an',
        querystring: Type.Object({ at: Type.Optional(DateParam), level: Type.Optional(Level) }),
        response: {
          200: Type.Object({
            at: Type.String(),
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                kind: Type.String(),
                level: Type.String(),
                unitCode: Type.Union([Type.String(), Type.Null()]),
                keepsOwnStaffAtCounters: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { at?: string; level?: string };
      const at = dateOr(q.at, 'at');
      const rows = await org.listAgencies(at, q.level);
      return {
        at,
        items: rows.map(({ code, name, kind, level, unitCode, keepsOwnStaffAtCounters }) => ({
          code,
          name,
          kind,
          level,
          unitCode,
          keepsOwnStaffAtCounters,
        })),
      };
    },
  );

  app.get(
    '/api/v1/reports/coverage',
    {
      config: { permission: 'reports.coverage' },
      schema: {
        tags: ['reports'],
        summary:
          'Service points run by the post per level, and counter staffing (totals and per service point), as of a date; `format=xlsx|pdf` for a file',
        querystring: Type.Object({
          at: Type.Optional(DateParam),
          format: Type.Optional(Type.String({ enum: ['json', 'xlsx', 'pdf'] })),
        }),
        response: {
          200: Type.Object({
            at: Type.String(),
            province: CoverageLevel,
            district: CoverageLevel,
            commune: CoverageLevel,
            staffing: Type.Object({
              postStaff: Type.Integer(),
              agencyStaff: Type.Integer(),
              byAgency: Type.Record(Type.String(), Type.Integer()),
            }),
            servicePoints: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                level: Type.String(),
                operator: Type.String(),
                postStaff: Type.Integer(),
                agencyStaff: Type.Integer(),
                byAgency: Type.Record(Type.String(), Type.Integer()),
                assignedPost: Type.Integer(),
                assignedAgency: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { at?: string; format?: string };
      const coverage = await org.coverage(dateOr(q.at, 'at'));
      if (q.format === 'xlsx' || q.format === 'pdf') {
        const file = await renderReport(
          coverageFile(coverage, clock.now(), today()),
          q.format,
          `pham-vi-buu-dien-${coverage.at}`,
        );
        return reply.type(file.type).header('content-disposition', file.disposition).send(file.body);
      }
      return coverage;
    },
  );

  // ---------------------------------------------------------------- pages

  const html = { 'content-type': 'text/html; charset=utf-8' };
  const PageQuery = Type.Object({
    at: Type.Optional(Type.String({ maxLength: 10 })),
    level: Type.Optional(Type.String({ maxLength: 10 })),
    parent: Type.Optional(Type.String({ maxLength: 16 })),
    operator: Type.Optional(Type.String({ maxLength: 12 })),
    lang: Type.Optional(Type.String({ maxLength: 2 })),
  });
  const pageLevel = (v: string | undefined) =>
    v === 'province' || v === 'district' || v === 'commune' ? v : undefined;

  app.get(
    '/org/units',
    { config: { permission: 'session.self' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { at?: string; level?: string; parent?: string };
      const at = q.at && isLocalDate(q.at) ? q.at : today();
      const level = pageLevel(q.level);
      const items = await org.listUnits({ at, level, parent: q.parent || undefined });
      return reply
        .headers(html)
        .send(unitsPage(pageContext(request, options.demo), { at, level, parent: q.parent ?? '' }, items));
    },
  );

  app.get(
    '/org/service-points',
    { config: { permission: 'session.self' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { at?: string; level?: string; operator?: string };
      const at = q.at && isLocalDate(q.at) ? q.at : today();
      const operator = q.operator === 'post' || q.operator === 'government' ? q.operator : undefined;
      const level = pageLevel(q.level);
      const items = await org.listServicePoints({ at, level, operator });
      return reply
        .headers(html)
        .send(
          servicePointsPage(
            pageContext(request, options.demo),
            { at, level, operator },
            items,
            await org.coverage(at),
          ),
        );
    },
  );

  app.get(
    '/org/agencies',
    { config: { permission: 'session.self' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { at?: string };
      const at = q.at && isLocalDate(q.at) ? q.at : today();
      return reply
        .headers(html)
        .send(agenciesPage(pageContext(request, options.demo), at, await org.listAgencies(at)));
    },
  );

  app.get(
    '/org/coverage',
    { config: { permission: 'reports.coverage' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { at?: string };
      const at = q.at && isLocalDate(q.at) ? q.at : today();
      const dates = ['2020-02-21', '2022-09-14', '2024-11-01', '2025-06-30', '2025-07-01', at];
      const series = await Promise.all([...new Set(dates)].sort().map((d) => org.coverage(d)));
      const detail = series.find((c) => c.at === at)!;
      return reply.headers(html).send(coveragePage(pageContext(request, options.demo), at, series, detail));
    },
  );
}
