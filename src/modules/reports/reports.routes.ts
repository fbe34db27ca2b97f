/**
 * Reports over HTTP (docs/reports.md):
 *
 * - `GET /api/v1/reports/monthly?period=YYYY-MM&unit=&groupBy=&cutoffDay=` — monthly TTHC report;
 * - `GET /api/v1/reports/dashboard?unit=&at=YYYY-MM-DD` — province dashboard, month to date;
 * - `GET /api/v1/reports/index-766?period=&unit=` — QĐ 766 index;
 * - `PUT /api/v1/reports/index-766/manual/:id` — a hand-entered 766 indicator with its source;
 * - pages `/reports`, `/reports/monthly`, `/reports/dashboard`, `/reports/index-766`.
 *
 * Every report is JSON by default; `format=xlsx|pdf` or an `Accept` of the XLSX or PDF media type
 * answers the file instead. The `coverage` report lives in the org module.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import { pageContext } from '../access/access.routes.ts';
import { renderPdf, renderXlsx } from './reports.export.ts';
import { GROUP_BY, type ReportsService } from './reports.service.ts';
import { dashboardPage, index766Page, monthlyPage, reportsIndexPage } from './views/reports.views.ts';
import { dashboardTable, index766Table, monthlyTable, type ReportTable } from './views/tables.ts';

export interface ReportsRoutesOptions {
  readonly reports: ReportsService;
  readonly clock: Clock;
  readonly demo: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';
const Format = Type.Optional(
  Type.String({ enum: ['json', 'xlsx', 'pdf'], description: 'File format (or use the Accept header)' }),
);
const Unit = Type.Optional(
  Type.String({
    maxLength: 20,
    pattern: '^[0-9A-Za-z.-]*$',
    description: 'Unit code; a district includes its communes',
  }),
);
const Period = Type.Optional(Type.String({ maxLength: 7, description: 'Report month `YYYY-MM`' }));
const MonthlyQuery = Type.Object(
  {
    period: Period,
    unit: Unit,
    groupBy: Type.Optional(Type.String({ enum: [...GROUP_BY] })),
    cutoffDay: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 28, description: 'Default: the setting (21)' }),
    ),
    format: Format,
    lang: Type.Optional(Type.String({ maxLength: 5 })),
  },
  { additionalProperties: false },
);
const DashboardQuery = Type.Object(
  {
    unit: Unit,
    at: Type.Optional(Type.String({ maxLength: 10, description: 'Local date `YYYY-MM-DD` (default today)' })),
    format: Format,
    lang: Type.Optional(Type.String({ maxLength: 5 })),
  },
  { additionalProperties: false },
);
const IndexQuery = Type.Object(
  { period: Period, unit: Unit, format: Format, lang: Type.Optional(Type.String({ maxLength: 5 })) },
  { additionalProperties: false },
);
const ManualBody = Type.Object(
  {
    numerator: Type.Integer({ minimum: 0 }),
    denominator: Type.Integer({ minimum: 0 }),
    source: Type.String({ minLength: 3, maxLength: 500, description: 'Where the figure comes from' }),
  },
  { additionalProperties: false },
);
const MANUAL_IDS = ['1.1', '1.2', '1.3', '1.4', '3.2', '3.5', '4.4', '4.5'];

function wanted(request: FastifyRequest, format: string | undefined): 'json' | 'xlsx' | 'pdf' {
  if (format === 'xlsx' || format === 'pdf' || format === 'json') return format;
  const accept = request.headers.accept ?? '';
  if (accept.includes(XLSX)) return 'xlsx';
  if (accept.includes(PDF)) return 'pdf';
  return 'json';
}

async function sendFile(
  reply: FastifyReply,
  kind: 'xlsx' | 'pdf',
  table: ReportTable,
  name: string,
  now: Date,
): Promise<FastifyReply> {
  const body = kind === 'xlsx' ? await renderXlsx(table, now) : await renderPdf(table, now);
  return reply
    .header('content-type', kind === 'xlsx' ? XLSX : PDF)
    .header('content-disposition', `attachment; filename="${name}.${kind}"`)
    .send(body);
}

function queryString(q: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== '' && k !== 'format' && k !== 'lang') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function reportsRoutes(app: FastifyInstance, options: ReportsRoutesOptions): Promise<void> {
  const { reports, clock } = options;
  const html = { 'content-type': 'text/html; charset=utf-8' };
  const actorOf = (request: FastifyRequest) => {
    if (!request.actor) throw new AppError('AUTH_REQUIRED');
    return request.actor;
  };

  app.get(
    '/api/v1/reports/monthly',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Monthly TTHC report (received, resolved, in progress, residual rows), JSON / XLSX / PDF',
        querystring: MonthlyQuery,
      },
    },
    async (request, reply) => {
      const q = request.query as {
        period?: string;
        unit?: string;
        groupBy?: string;
        cutoffDay?: number;
        format?: string;
      };
      const now = clock.now();
      const r = await reports.monthly(actorOf(request), q, now);
      const kind = wanted(request, q.format);
      if (kind === 'json') return r;
      return sendFile(reply, kind, monthlyTable(r), `bao-cao-tthc-${r.period.key}`, now);
    },
  );

  app.get(
    '/api/v1/reports/dashboard',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Province one-stop dashboard (Gia Lai definitions), month to date, JSON / XLSX / PDF',
        querystring: DashboardQuery,
      },
    },
    async (request, reply) => {
      const q = request.query as { unit?: string; at?: string; format?: string };
      const now = clock.now();
      const r = await reports.dashboard(actorOf(request), q, now);
      const kind = wanted(request, q.format);
      if (kind === 'json') return r;
      return sendFile(reply, kind, dashboardTable(r), `bang-dieu-hanh-${r.at}`, now);
    },
  );

  app.get(
    '/api/v1/reports/index-766',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'QĐ 766 index: every indicator with numerator, denominator, formula, threshold and points',
        querystring: IndexQuery,
      },
    },
    async (request, reply) => {
      const q = request.query as { period?: string; unit?: string; format?: string };
      const now = clock.now();
      const r = await reports.index766(actorOf(request), q, now);
      const kind = wanted(request, q.format);
      if (kind === 'json') return r;
      return sendFile(reply, kind, index766Table(r), `chi-so-766-${r.period.key}`, now);
    },
  );

  app.put(
    '/api/v1/reports/index-766/manual/:id',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Enter a QĐ 766 indicator that needs outside data, with its source (province-wide managers)',
        params: Type.Object({ id: Type.String({ enum: MANUAL_IDS }) }),
        body: ManualBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.grants.some((g) => g.role === 'manager')) throw new AppError('FORBIDDEN');
      const { id } = request.params as { id: string };
      const body = request.body as { numerator: number; denominator: number; source: string };
      if (body.numerator > body.denominator)
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'body/numerator', reason: 'must not exceed the denominator' }],
        });
      await reports.setManual766(actor, id, { ...body, source: body.source.normalize('NFC') }, clock.now());
      return { id, ...body };
    },
  );

  // ---------------------------------------------------------------- pages

  app.get(
    '/reports',
    { config: { permission: 'reports.read' }, schema: { hide: true } },
    async (request, reply) => reply.headers(html).send(reportsIndexPage(pageContext(request, options.demo))),
  );

  app.get(
    '/reports/monthly',
    { config: { permission: 'reports.read' }, schema: { hide: true, querystring: MonthlyQuery } },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const r = await reports.monthly(actorOf(request), q, clock.now());
      return reply
        .headers(html)
        .send(monthlyPage(pageContext(request, options.demo), r, monthlyTable(r), queryString(q)));
    },
  );

  app.get(
    '/reports/dashboard',
    { config: { permission: 'reports.read' }, schema: { hide: true, querystring: DashboardQuery } },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const r = await reports.dashboard(actorOf(request), q, clock.now());
      return reply
        .headers(html)
        .send(dashboardPage(pageContext(request, options.demo), r, dashboardTable(r), queryString(q)));
    },
  );

  app.get(
    '/reports/index-766',
    { config: { permission: 'reports.read' }, schema: { hide: true, querystring: IndexQuery } },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const r = await reports.index766(actorOf(request), q, clock.now());
      return reply
        .headers(html)
        .send(index766Page(pageContext(request, options.demo), r, index766Table(r), queryString(q)));
    },
  );
}
