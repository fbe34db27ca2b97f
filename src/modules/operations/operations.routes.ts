/**
 * Post-office operations over HTTP: JSON API under /api/v1/operations, the public transparency figures
 * (/api/v1/public/transparency and the page /minh-bach), and the staff pages under /operations.
 * Reports answer `?format=xlsx|pdf` with a file instead of JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError, type InvalidParam } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { pageContext } from '../access/access.routes.ts';
import { hasPermission } from '../access/domain.ts';
import { periodOf, type Period } from './domain.ts';
import { renderReport, type ReportFile } from './exports.ts';
import type { OperationsService } from './operations.service.ts';
import { clerkFile, transparencyFile } from './report-files.ts';
import {
  clerksPage,
  inspectionPage,
  inspectionsPage,
  staffMemberPage,
  staffPage,
  trainingPage,
  transparencyPage,
  type FormState,
} from './views/operations.views.ts';

export interface OperationsRoutesOptions {
  readonly operations: OperationsService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Local date YYYY-MM-DD' });
const Format = Type.String({ enum: ['json', 'xlsx', 'pdf'], description: 'json (default), xlsx or pdf' });
const PeriodQuery = Type.Object({
  from: Type.Optional(DateParam),
  to: Type.Optional(DateParam),
  format: Type.Optional(Format),
});
const IdParam = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Staff = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  username: Nullable(Type.String()),
  employer: Type.String(),
  agencyCode: Nullable(Type.String()),
});
const Assignment = Type.Object({
  id: Type.String(),
  staffId: Type.String(),
  servicePointCode: Type.String(),
  counterNo: Type.Union([Type.Integer(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
});
const Training = Type.Object({
  id: Type.String(),
  staffId: Type.String(),
  course: Type.String(),
  organiser: Type.String(),
  hours: Type.Integer(),
  completedOn: Type.String(),
  certificateNo: Nullable(Type.String()),
  fields: Type.Array(Type.String()),
});
const Action = Type.Object({
  id: Type.String(),
  description: Type.String(),
  responsible: Type.String(),
  dueOn: Type.String(),
  status: Type.String({ enum: ['open', 'closed'] }),
  closedOn: Nullable(Type.String()),
  closureNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
const Inspection = Type.Object({
  id: Type.String(),
  inspectedOn: Type.String(),
  inspector: Type.String(),
  servicePointCode: Type.String(),
  findings: Type.String(),
  actions: Type.Array(Action),
  openActions: Type.Integer(),
  overdueActions: Type.Integer(),
});
const Rate = Type.Union([Type.Number(), Type.Null()]);
const TransparencyRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  resolved: Type.Integer(),
  onTime: Type.Integer(),
  onTimeRate: Rate,
  satisfactionRate: Rate,
});

const Text = (max: number) => Type.String({ maxLength: max });
const StaffBody = Type.Object({
  fullName: Text(120),
  username: Type.Optional(Text(64)),
  employer: Type.String({ enum: ['post', 'agency'] }),
  agencyCode: Type.Optional(Text(64)),
});
const AssignmentBody = Type.Object({
  servicePointCode: Text(64),
  counterNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  validFrom: DateParam,
  validTo: Type.Optional(DateParam),
});
const TrainingBody = Type.Object({
  staffId: Text(64),
  course: Text(300),
  organiser: Text(200),
  hours: Type.Integer({ minimum: 1, maximum: 2000 }),
  completedOn: DateParam,
  certificateNo: Type.Optional(Text(64)),
  fields: Type.Array(Text(120), { minItems: 1, maxItems: 50 }),
});
const InspectionBody = Type.Object({
  inspectedOn: DateParam,
  inspector: Text(200),
  servicePointCode: Text(64),
  findings: Text(5000),
});
const ActionBody = Type.Object({ description: Text(2000), responsible: Text(200), dueOn: DateParam });
const CloseBody = Type.Object({ closedOn: DateParam, note: Text(2000) });
const CounterSessionBody = Type.Object({
  servicePointCode: Text(64),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.String({ format: 'date-time' }),
  dossierCode: Type.Optional(Text(64)),
});

const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }), { maxProperties: 50 });
const PageQuery = Type.Object({
  at: Type.Optional(Type.String({ maxLength: 10 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  field: Type.Optional(Type.String({ maxLength: 120 })),
  lang: Type.Optional(Type.String({ maxLength: 2 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

const staffJson = (s: {
  id: string;
  fullName: string;
  username: string | null;
  employer: string;
  agencyCode: string | null;
}) => ({
  id: s.id,
  fullName: s.fullName,
  username: s.username,
  employer: s.employer,
  agencyCode: s.agencyCode,
});
const assignmentJson = (a: {
  id: string;
  staffId: string;
  servicePointCode: string;
  counterNo: number | null;
  validFrom: string;
  validTo: string | null;
}) => ({
  id: a.id,
  staffId: a.staffId,
  servicePointCode: a.servicePointCode,
  counterNo: a.counterNo,
  validFrom: a.validFrom,
  validTo: a.validTo,
});
const trainingJson = (t: {
  id: string;
  staffId: string;
  course: string;
  organiser: string;
  hours: number;
  completedOn: string;
  certificateNo: string | null;
  fields: string[];
}) => ({
  id: t.id,
  staffId: t.staffId,
  course: t.course,
  organiser: t.organiser,
  hours: t.hours,
  completedOn: t.completedOn,
  certificateNo: t.certificateNo,
  fields: t.fields,
});

export async function operationsRoutes(
  app: FastifyInstance,
  options: OperationsRoutesOptions,
): Promise<void> {
  const { operations, clock } = options;
  const today = () => localDateOf(clock.now());
  const periodFrom = (q: { from?: string; to?: string }): Period => {
    const r = periodOf(q.from, q.to, today());
    if (!r.ok) throw r.error;
    return r.value;
  };
  const sendFile = async (reply: FastifyReply, file: ReportFile, format: 'xlsx' | 'pdf', name: string) => {
    const out = await renderReport(file, format, name);
    return reply.type(out.type).header('content-disposition', out.disposition).send(out.body);
  };

  // ------------------------------------------------------------ API: staff and assignments

  app.get(
    '/api/v1/operations/staff',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'Counter staff register (post staff and agency staff such as BHXH, Công an)',
        response: { 200: Type.Object({ items: Type.Array(Staff) }) },
      },
    },
    async (request) => ({ items: (await operations.listStaff(request.actor!)).map(staffJson) }),
  );

  app.post(
    '/api/v1/operations/staff',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary: 'Add a staff member (audited)',
        body: StaffBody,
        response: { 201: Staff },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          staffJson(
            await operations.createStaff(
              request.actor!,
              request.body as Record<string, unknown>,
              clock.now(),
            ),
          ),
        ),
  );

  app.get(
    '/api/v1/operations/staff/:id',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'A staff member with assignments and training records',
        params: IdParam,
        response: {
          200: Type.Object({
            staff: Staff,
            assignments: Type.Array(Assignment),
            training: Type.Array(Training),
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const r = await operations.staffMember(request.actor!, id, today());
      return {
        staff: staffJson(r.staff),
        assignments: r.assignments.map(assignmentJson),
        training: r.training.map(trainingJson),
      };
    },
  );

  app.post(
    '/api/v1/operations/staff/:id/assignments',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary:
          'Assign a staff member to a service point (and counter) from a date (effective-dated, audited)',
        params: IdParam,
        body: AssignmentBody,
        response: { 201: Assignment },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await operations.assign(
        request.actor!,
        id,
        request.body as Record<string, unknown>,
        clock.now(),
      );
      return reply.code(201).send(assignmentJson(row));
    },
  );

  app.get(
    '/api/v1/operations/assignments',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'Who is assigned to which counter on a date (within the caller’s scope)',
        querystring: Type.Object({
          at: Type.Optional(DateParam),
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: {
          200: Type.Object({
            at: Type.String(),
            items: Type.Array(
              Type.Object({
                assignmentId: Type.String(),
                staffId: Type.String(),
                fullName: Type.String(),
                employer: Type.String(),
                agencyCode: Nullable(Type.String()),
                servicePointCode: Type.String(),
                counterNo: Type.Union([Type.Integer(), Type.Null()]),
                validFrom: Type.String(),
                validTo: Nullable(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { at?: string; servicePoint?: string };
      const at = q.at && isLocalDate(q.at) ? q.at : today();
      if (q.at && !isLocalDate(q.at))
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'at', reason: 'not a real date YYYY-MM-DD' }],
        });
      const rows = await operations.assignmentsAt(request.actor!, at, q.servicePoint || undefined);
      return { at, items: rows };
    },
  );

  // ------------------------------------------------------------ API: training

  app.get(
    '/api/v1/operations/training',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'Training records, per staff member or per procedure field',
        querystring: Type.Object({
          staff: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: 120 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...Training.properties, fullName: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { staff?: string; field?: string };
      if (q.staff && !/^[0-9a-f-]{36}$/i.test(q.staff)) return { items: [] };
      const rows = await operations.listTraining(request.actor!, {
        staffId: q.staff || undefined,
        field: q.field?.normalize('NFC') || undefined,
      });
      return { items: rows.map((r) => ({ ...trainingJson(r), fullName: r.fullName })) };
    },
  );

  app.post(
    '/api/v1/operations/training',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary: 'Record a completed training course of a staff member (audited)',
        body: TrainingBody,
        response: { 201: Training },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          trainingJson(
            await operations.recordTraining(
              request.actor!,
              request.body as Record<string, unknown>,
              clock.now(),
            ),
          ),
        ),
  );

  app.get(
    '/api/v1/operations/training-needs',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary:
          'Clerks who received dossiers of a field in the period with no training record for that field',
        querystring: Type.Object({ from: Type.Optional(DateParam), to: Type.Optional(DateParam) }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            items: Type.Array(
              Type.Object({ username: Type.String(), field: Type.String(), dossiers: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const period = periodFrom(request.query as { from?: string; to?: string });
      return { ...period, items: await operations.trainingNeeds(request.actor!, period) };
    },
  );

  // ------------------------------------------------------------ API: inspections

  app.get(
    '/api/v1/operations/inspections',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'Inspections with corrective actions; `overdue` is judged on `at` (default today)',
        querystring: Type.Object({
          at: Type.Optional(DateParam),
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.Object({ at: Type.String(), items: Type.Array(Inspection) }) },
      },
    },
    async (request) => {
      const q = request.query as { at?: string; servicePoint?: string };
      const at = q.at ?? today();
      if (!isLocalDate(at))
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'at', reason: 'not a real date YYYY-MM-DD' }],
        });
      return { at, items: await operations.listInspections(request.actor!, at, q.servicePoint || undefined) };
    },
  );

  app.post(
    '/api/v1/operations/inspections',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary: 'Record an inspection of a service point (audited)',
        body: InspectionBody,
        response: { 201: Inspection },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await operations.recordInspection(
            request.actor!,
            request.body as Record<string, unknown>,
            clock.now(),
          ),
        ),
  );

  app.get(
    '/api/v1/operations/inspections/:id',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary: 'One inspection; `overdue` judged on `at` (default today)',
        params: IdParam,
        querystring: Type.Object({ at: Type.Optional(DateParam) }),
        response: { 200: Inspection },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const at = (request.query as { at?: string }).at ?? today();
      if (!isLocalDate(at))
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'at', reason: 'not a real date YYYY-MM-DD' }],
        });
      return operations.inspection(request.actor!, id, at);
    },
  );

  app.post(
    '/api/v1/operations/inspections/:id/actions',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary: 'Add a corrective action with its deadline (status open; audited)',
        params: IdParam,
        body: ActionBody,
        response: { 201: Action },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return reply
        .code(201)
        .send(
          await operations.addAction(
            request.actor!,
            id,
            request.body as Record<string, unknown>,
            clock.now(),
          ),
        );
    },
  );

  app.post(
    '/api/v1/operations/actions/:id/close',
    {
      config: { permission: 'operations.manage' },
      schema: {
        tags: ['operations'],
        summary: 'Close a corrective action (open → closed) with the date and how it was corrected (audited)',
        params: IdParam,
        body: CloseBody,
        response: { 200: Action },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return operations.closeAction(request.actor!, id, request.body as Record<string, unknown>, clock.now());
    },
  );

  // ------------------------------------------------------------ API: counter sessions, clerk figures

  app.post(
    '/api/v1/operations/counter-sessions',
    {
      config: { permission: 'operations.counter' },
      schema: {
        tags: ['operations'],
        summary:
          'Record the start and end of an applicant’s time at the counter (the caller’s service point)',
        body: CounterSessionBody,
        response: {
          201: Type.Object({ id: Type.String(), seconds: Type.Integer() }),
        },
      },
    },
    async (request, reply) => {
      const row = await operations.recordCounterSession(
        request.actor!,
        request.body as {
          servicePointCode: string;
          startedAt: string;
          endedAt: string;
          dossierCode?: string;
        },
        clock.now(),
      );
      return reply
        .code(201)
        .send({ id: row.id, seconds: Math.round((row.endedAt.getTime() - row.startedAt.getTime()) / 1000) });
    },
  );

  app.get(
    '/api/v1/operations/clerk-figures',
    {
      config: { permission: 'operations.read' },
      schema: {
        tags: ['operations'],
        summary:
          'Per clerk and period: dossiers received, dossiers returned, median counter time (`format=xlsx|pdf` for a file)',
        querystring: PeriodQuery,
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            items: Type.Array(
              Type.Object({
                username: Type.String(),
                name: Type.String(),
                received: Type.Integer(),
                returned: Type.Integer(),
                counterSessions: Type.Integer(),
                medianCounterSeconds: Type.Union([Type.Number(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { from?: string; to?: string; format?: string };
      const period = periodFrom(q);
      const items = await operations.clerkFigures(request.actor!, period);
      if (q.format === 'xlsx' || q.format === 'pdf')
        return sendFile(
          reply,
          clerkFile(items, period, clock.now(), today()),
          q.format,
          `so-lieu-nhan-vien-${period.from}-${period.to}`,
        );
      return { ...period, items };
    },
  );

  // ------------------------------------------------------------ public transparency

  app.get(
    '/api/v1/public/transparency',
    {
      config: { permission: 'public', rateLimit: options.publicRateLimit },
      schema: {
        tags: ['operations'],
        summary:
          'Public figures per service point and agency: dossiers resolved in the period, on-time rate, satisfaction (live; `format=xlsx|pdf`)',
        querystring: PeriodQuery,
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            satisfactionAvailable: Type.Boolean(),
            servicePoints: Type.Array(TransparencyRow),
            agencies: Type.Array(TransparencyRow),
          }),
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { from?: string; to?: string; format?: string };
      const view = await operations.transparency(periodFrom(q));
      if (q.format === 'xlsx' || q.format === 'pdf')
        return sendFile(
          reply,
          transparencyFile(view, clock.now(), today()),
          q.format,
          `minh-bach-${view.from}-${view.to}`,
        );
      return view;
    },
  );

  // ------------------------------------------------------------ pages

  const htmlType = 'text/html; charset=utf-8';
  const sendPage = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).type(htmlType).send(body);
  const canManage = (request: FastifyRequest) => hasPermission(request.actor!, 'operations.manage');
  const langSuffix = (request: FastifyRequest, sep: '?' | '&' = '?') =>
    request.lang === 'en' ? `${sep}lang=en` : '';
  const pageAt = (v: string | undefined) => (v && isLocalDate(v) ? v : today());

  /** Runs a page form: on a business/validation error re-render with the values and the problems (422). */
  async function formAction(
    request: FastifyRequest,
    reply: FastifyReply,
    formId: string,
    run: (form: Record<string, string>) => Promise<string>,
    rerender: (state: FormState) => Promise<string>,
  ) {
    const form = request.body as Record<string, string>;
    try {
      const location = await run(form);
      return reply.redirect(location, 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500 || error.code === 'FORBIDDEN') throw error;
      const errors: InvalidParam[] =
        error.invalidParams && error.invalidParams.length > 0
          ? [...error.invalidParams]
          : [
              {
                name:
                  error.code === 'SERVICE_POINT_NOT_FOUND'
                    ? 'servicePointCode'
                    : error.code === 'OPERATIONS_ACTION_TRANSITION_INVALID'
                      ? 'closedOn'
                      : (Object.keys(form).find((k) => k !== '_csrf' && k !== 'lang') ?? 'form'),
                reason: request.lang === 'vi' ? errorText(error.code) : error.message,
              },
            ];
      return sendPage(reply, await rerender({ formId, form, errors }), error.status === 404 ? 404 : 422);
    }
  }
  const errorText = (code: string) => {
    switch (code) {
      case 'SERVICE_POINT_NOT_FOUND':
        return 'không tìm thấy bộ phận một cửa';
      case 'OPERATIONS_ACTION_TRANSITION_INVALID':
        return 'biện pháp đã được đóng';
      default:
        return code;
    }
  };

  const renderStaff = async (request: FastifyRequest, at: string, state: FormState) =>
    staffPage(
      pageContext(request, options.demo),
      at,
      await operations.listStaff(request.actor!),
      await operations.assignmentsAt(request.actor!, at),
      canManage(request),
      state,
    );

  app.get(
    '/operations/staff',
    { config: { permission: 'operations.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { at?: string; done?: string };
      const notice = q.done ? (request.lang === 'vi' ? 'Đã lưu.' : 'Saved.') : undefined;
      return sendPage(reply, await renderStaff(request, pageAt(q.at), notice ? { notice } : {}));
    },
  );

  app.post(
    '/operations/staff',
    { config: { permission: 'operations.manage' }, schema: { hide: true, body: FormBody } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        'staff',
        async (form) => {
          const row = await operations.createStaff(request.actor!, form, clock.now());
          return `/operations/staff/${row.id}?done=staff${langSuffix(request, '&')}`;
        },
        (state) => renderStaff(request, today(), state),
      ),
  );

  const renderMember = async (request: FastifyRequest, id: string, state: FormState) =>
    staffMemberPage(
      pageContext(request, options.demo),
      await operations.staffMember(request.actor!, id, today()),
      canManage(request),
      state,
    );

  app.get(
    '/operations/staff/:id',
    {
      config: { permission: 'operations.read' },
      schema: { hide: true, params: IdParam, querystring: PageQuery },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const done = (request.query as { done?: string }).done;
      return sendPage(
        reply,
        await renderMember(request, id, done ? { notice: request.lang === 'vi' ? 'Đã lưu.' : 'Saved.' } : {}),
      );
    },
  );

  app.post(
    '/operations/staff/:id/assignments',
    { config: { permission: 'operations.manage' }, schema: { hide: true, params: IdParam, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return formAction(
        request,
        reply,
        'assign',
        async (form) => {
          await operations.assign(request.actor!, id, form, clock.now());
          return `/operations/staff/${id}?done=assign${langSuffix(request, '&')}`;
        },
        (state) => renderMember(request, id, state),
      );
    },
  );

  app.post(
    '/operations/staff/:id/training',
    { config: { permission: 'operations.manage' }, schema: { hide: true, params: IdParam, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return formAction(
        request,
        reply,
        'training',
        async (form) => {
          await operations.recordTraining(request.actor!, { ...form, staffId: id }, clock.now());
          return `/operations/staff/${id}?done=training${langSuffix(request, '&')}`;
        },
        (state) => renderMember(request, id, state),
      );
    },
  );

  app.get(
    '/operations/training',
    { config: { permission: 'operations.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { field?: string; from?: string; to?: string };
      const p = periodOf(
        q.from && isLocalDate(q.from) ? q.from : undefined,
        q.to && isLocalDate(q.to) ? q.to : undefined,
        today(),
      );
      const period = p.ok ? p.value : periodFrom({});
      const field = (q.field ?? '').normalize('NFC').trim();
      const rows = await operations.listTraining(request.actor!, { field: field || undefined });
      const needs = await operations.trainingNeeds(request.actor!, period);
      return sendPage(
        reply,
        trainingPage(pageContext(request, options.demo), { field, ...period }, rows, needs),
      );
    },
  );

  const renderInspections = async (request: FastifyRequest, at: string, state: FormState) =>
    inspectionsPage(
      pageContext(request, options.demo),
      at,
      await operations.listInspections(request.actor!, at),
      canManage(request),
      state,
    );

  app.get(
    '/operations/inspections',
    { config: { permission: 'operations.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) =>
      sendPage(reply, await renderInspections(request, pageAt((request.query as { at?: string }).at), {})),
  );

  app.post(
    '/operations/inspections',
    { config: { permission: 'operations.manage' }, schema: { hide: true, body: FormBody } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        'inspection',
        async (form) => {
          const row = await operations.recordInspection(request.actor!, form, clock.now());
          return `/operations/inspections/${row.id}?done=inspection${langSuffix(request, '&')}`;
        },
        (state) => renderInspections(request, today(), state),
      ),
  );

  const renderInspection = async (request: FastifyRequest, id: string, at: string, state: FormState) =>
    inspectionPage(
      pageContext(request, options.demo),
      at,
      await operations.inspection(request.actor!, id, at),
      canManage(request),
      state,
    );

  app.get(
    '/operations/inspections/:id',
    {
      config: { permission: 'operations.read' },
      schema: { hide: true, params: IdParam, querystring: PageQuery },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const q = request.query as { at?: string; done?: string };
      return sendPage(
        reply,
        await renderInspection(
          request,
          id,
          pageAt(q.at),
          q.done ? { notice: request.lang === 'vi' ? 'Đã lưu.' : 'Saved.' } : {},
        ),
      );
    },
  );

  app.post(
    '/operations/inspections/:id/actions',
    { config: { permission: 'operations.manage' }, schema: { hide: true, params: IdParam, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return formAction(
        request,
        reply,
        'action',
        async (form) => {
          await operations.addAction(request.actor!, id, form, clock.now());
          return `/operations/inspections/${id}?done=action${langSuffix(request, '&')}`;
        },
        (state) => renderInspection(request, id, today(), state),
      );
    },
  );

  app.post(
    '/operations/actions/:id/close',
    { config: { permission: 'operations.manage' }, schema: { hide: true, params: IdParam, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const form = request.body as Record<string, string>;
      const inspectionId = form.inspection ?? '';
      return formAction(
        request,
        reply,
        `close-${id}`,
        async (f) => {
          await operations.closeAction(request.actor!, id, f, clock.now());
          return `/operations/inspections/${encodeURIComponent(inspectionId)}?done=closed${langSuffix(request, '&')}`;
        },
        (state) => renderInspection(request, inspectionId, today(), state),
      );
    },
  );

  app.get(
    '/operations/clerks',
    { config: { permission: 'operations.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as { from?: string; to?: string };
      const p = periodOf(
        q.from && isLocalDate(q.from) ? q.from : undefined,
        q.to && isLocalDate(q.to) ? q.to : undefined,
        today(),
      );
      const period = p.ok ? p.value : periodFrom({});
      return sendPage(
        reply,
        clerksPage(
          pageContext(request, options.demo),
          period,
          await operations.clerkFigures(request.actor!, period),
        ),
      );
    },
  );

  app.get(
    '/minh-bach',
    {
      config: { permission: 'public', rateLimit: options.publicRateLimit },
      schema: { hide: true, querystring: PageQuery },
    },
    async (request, reply) => {
      const q = request.query as { from?: string; to?: string };
      const p = periodOf(
        q.from && isLocalDate(q.from) ? q.from : undefined,
        q.to && isLocalDate(q.to) ? q.to : undefined,
        today(),
      );
      const period = p.ok ? p.value : periodFrom({});
      return sendPage(
        reply,
        transparencyPage(pageContext(request, options.demo), await operations.transparency(period)),
      );
    },
  );
}
