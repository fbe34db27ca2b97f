/**
 * The calendar over HTTP: due and working-time computations, the versioned year data, lunar/solar
 * conversion and schedules (JSON under /api/v1/calendar), the public calendar page (`/lich`,
 * `/calendar`) and the admin form of a year (`/admin/calendar/{year}`).
 *
 * Instants: inputs accept any ISO 8601 date-time with an offset; outputs are Vietnam local time
 * with `+07:00` (e.g. `2026-02-25T10:00:00+07:00`). See docs/calendar.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { MAX_YEAR, MIN_YEAR, type DurationUnit } from '../../kernel/calendar/index.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { hasPermission } from '../access/domain.ts';
import { pageContext } from '../access/access.routes.ts';
import type { CalendarService, YearView } from './calendar.service.ts';
import { formatInstant, parseInstant } from './domain/instants.ts';
import { canChiOfYear, formatLunarLong } from './domain/lunar-names.ts';
import { formOf, parseYearForm } from './domain/year-form.ts';
import { describeProblem, validateYearInput, type YearInput } from './domain/year-input.ts';
import type { FieldError } from '../../views/form-components.ts';
import { editYearPage, yearPage } from './views/calendar.views.ts';

/** Options of the calendar plugin. */
export interface CalendarRoutesOptions {
  readonly calendar: CalendarService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'views/calendar.css'));

const UNITS: readonly DurationUnit[] = ['working_days', 'working_hours', 'calendar_days', 'months'];
const InstantString = Type.String({
  minLength: 16,
  maxLength: 40,
  description:
    'ISO 8601 date-time with an offset, e.g. `2026-02-13T10:00:00+07:00` or `2026-02-13T03:00:00Z`',
});
const InstantOut = Type.String({
  description: 'Vietnam local time with offset, e.g. `2026-02-25T10:00:00+07:00`',
});
const HhMm = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', description: 'Local time HH:MM' });
const ServicePoint = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Service point code; without one (or without its own schedule) the province default applies',
});

const SourceSchema = Type.Object({ title: Type.String(), url: Type.String() });
const YearSchema = Type.Object({
  year: Type.Integer(),
  revision: Type.Integer({ description: 'The stored revision; 0 = no stored data (estimated defaults)' }),
  status: Type.String({ enum: ['official', 'estimated'] }),
  source: Type.Array(SourceSchema),
  note: Type.Union([Type.String(), Type.Null()]),
  daysOff: Type.Array(Type.Object({ date: Type.String(), name: Type.String(), kind: Type.String() })),
  workingDays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
  createdAt: Type.Union([Type.String(), Type.Null()]),
});

const YearBody = Type.Object(
  {
    year: Type.Optional(Type.Integer()),
    status: Type.String({ maxLength: 20, description: '`official` or `estimated`' }),
    source: Type.Array(
      Type.Object(
        { title: Type.String({ maxLength: 2000 }), url: Type.String({ maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
    daysOff: Type.Array(
      Type.Object(
        {
          date: Type.String({ maxLength: 40 }),
          name: Type.String({ maxLength: 1000 }),
          kind: Type.String({ maxLength: 40, description: 'holiday, tet, compensatory or swapped' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    workingDays: Type.Array(
      Type.Object(
        { date: Type.String({ maxLength: 40 }), name: Type.String({ maxLength: 1000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    expectedRevision: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Refuse with 409 CALENDAR_REVISION_CONFLICT unless this revision is still in force',
      }),
    ),
  },
  { additionalProperties: false },
);

const ScheduleSchema = Type.Object({
  id: Type.Integer(),
  servicePointCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  periods: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  saturdayMorningReceiving: Type.Boolean(),
  standardDayMinutes: Type.Integer(),
});

function presentYear(view: YearView) {
  return {
    year: view.year,
    revision: view.revision,
    status: view.status,
    source: view.source.map((s) => ({ title: s.title, url: s.url })),
    note: view.note,
    daysOff: view.daysOff.map((d) => ({ date: d.date, name: d.name, kind: d.kind })),
    workingDays: view.workingDays.map((d) => ({ date: d.date, name: d.name })),
    createdAt: view.createdAt ? formatInstant(view.createdAt.getTime()) : null,
  };
}

function instantOf(value: string, name: string): number {
  const ms = parseInstant(value);
  if (ms === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      invalidParams: [
        { name, reason: 'must be an ISO 8601 date-time with an offset, e.g. 2026-02-13T10:00+07:00' },
      ],
    });
  }
  return ms;
}

function yearOf(value: number): number {
  if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', {
      detail: `Year ${value} is outside ${MIN_YEAR}–${MAX_YEAR}`,
    });
  }
  return value;
}

/** The calendar plugin: JSON API and pages. */
export async function calendarRoutes(app: FastifyInstance, options: CalendarRoutesOptions): Promise<void> {
  const { calendar, clock } = options;
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };
  const currentYear = () => Number(localDateOf(clock.now()).slice(0, 4));

  app.post(
    '/api/v1/calendar/due',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary: 'Due instant (ngày hẹn trả) of a receipt, with the days skipped and why',
        body: Type.Object(
          {
            start: InstantString,
            duration: Type.Object(
              {
                value: Type.Number({ minimum: 0, maximum: 100_000 }),
                unit: Type.String({ enum: [...UNITS] }),
              },
              { additionalProperties: false },
            ),
            servicePoint: Type.Optional(ServicePoint),
            cutoff: Type.Optional(HhMm),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            receivedAt: InstantOut,
            effectiveStart: InstantOut,
            due: InstantOut,
            workingMinutes: Type.Number(),
            ruleVersion: Type.String(),
            estimatedYears: Type.Array(Type.Integer()),
            skippedDays: Type.Array(
              Type.Object({
                date: Type.String(),
                reason: Type.String({
                  description: 'weekend, holiday, tet, compensatory, swapped or no_schedule',
                }),
                name: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const body = request.body as {
        start: string;
        duration: { value: number; unit: DurationUnit };
        servicePoint?: string;
        cutoff?: string;
      };
      const outcome = await calendar.due({
        start: instantOf(body.start, 'body/start'),
        duration: body.duration,
        servicePoint: body.servicePoint,
        cutoff: body.cutoff,
      });
      return {
        receivedAt: formatInstant(outcome.receivedAt),
        effectiveStart: formatInstant(outcome.effectiveStart),
        due: formatInstant(outcome.due ?? outcome.effectiveStart),
        workingMinutes: outcome.workingMinutes,
        ruleVersion: outcome.ruleVersion,
        estimatedYears: [...outcome.estimatedYears],
        skippedDays: outcome.skippedDays.map((d) => ({ date: d.date, reason: d.kind, name: d.name })),
      };
    },
  );

  app.post(
    '/api/v1/calendar/working-time',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary: 'Working minutes between two instants at a service point',
        body: Type.Object(
          { from: InstantString, to: InstantString, servicePoint: Type.Optional(ServicePoint) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ workingMinutes: Type.Number(), ruleVersion: Type.String() }) },
      },
    },
    async (request) => {
      const body = request.body as { from: string; to: string; servicePoint?: string };
      return calendar.workingTime({
        from: instantOf(body.from, 'body/from'),
        to: instantOf(body.to, 'body/to'),
        servicePoint: body.servicePoint,
      });
    },
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary: 'Days off and make-up working days of a year (revision in force, or a given revision)',
        params: Type.Object({ year: Type.Integer() }),
        querystring: Type.Object({ revision: Type.Optional(Type.Integer({ minimum: 0 })) }),
        response: { 200: YearSchema },
      },
    },
    async (request) => {
      const { year } = request.params as { year: number };
      const { revision } = request.query as { revision?: number };
      return presentYear(await calendar.year(yearOf(year), revision));
    },
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Store a new revision of a year (admin); every date must be in that year',
        params: Type.Object({ year: Type.Integer() }),
        body: YearBody,
        response: { 200: YearSchema },
      },
    },
    async (request) => {
      const { year } = request.params as { year: number };
      const body = request.body as YearInput & { expectedRevision?: number };
      const { expectedRevision, ...data } = body;
      const view = await calendar.putYear(request.actor, yearOf(year), data, clock.now(), {
        expectedRevision,
      });
      return presentYear(view);
    },
  );

  app.get(
    '/api/v1/calendar/lunar',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary: 'Lunar date (âm lịch, UTC+7) of a solar date',
        querystring: Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }),
        response: {
          200: Type.Object({
            date: Type.String(),
            day: Type.Integer(),
            month: Type.Integer(),
            year: Type.Integer(),
            leap: Type.Boolean(),
            yearName: Type.String({ description: 'Can Chi name of the lunar year, e.g. Bính Ngọ' }),
            text: Type.String({ description: 'e.g. mùng 1 tháng Giêng năm Bính Ngọ' }),
          }),
        },
      },
    },
    async (request) => {
      const { date } = request.query as { date: string };
      if (!isLocalDate(date)) {
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'querystring/date', reason: 'not a real date YYYY-MM-DD' }],
        });
      }
      const lunar = calendar.lunar(date);
      return { date, ...lunar, yearName: canChiOfYear(lunar.year), text: formatLunarLong(lunar) };
    },
  );

  app.get(
    '/api/v1/calendar/solar',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary: 'Solar date of a lunar date; 422 CALENDAR_LUNAR_DATE_INVALID when it does not exist',
        querystring: Type.Object({
          year: Type.Integer(),
          month: Type.Integer(),
          day: Type.Integer(),
          leap: Type.Optional(Type.Boolean({ default: false })),
        }),
        response: { 200: Type.Object({ date: Type.String() }) },
      },
    },
    async (request) => {
      const q = request.query as { year: number; month: number; day: number; leap?: boolean };
      return { date: calendar.solar({ year: q.year, month: q.month, day: q.day, leap: q.leap ?? false }) };
    },
  );

  app.get(
    '/api/v1/calendar/schedules',
    {
      config: publicConfig,
      schema: {
        tags: ['calendar'],
        summary:
          'Working schedule versions a service point uses (its own, the province default, or the engine default)',
        querystring: Type.Object({ servicePoint: Type.Optional(ServicePoint) }),
        response: {
          200: Type.Object({
            scope: Type.String({ enum: ['service_point', 'province', 'default'] }),
            scheduleId: Type.String(),
            versions: Type.Array(ScheduleSchema),
          }),
        },
      },
    },
    async (request) => {
      const { servicePoint } = request.query as { servicePoint?: string };
      const found = await calendar.schedulesFor(servicePoint);
      return { ...found, versions: found.versions.map((v) => ({ ...v, periods: [...v.periods] })) };
    },
  );

  app.post(
    '/api/v1/calendar/schedules',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Add a working schedule version (admin); it applies from validFrom until a later version',
        body: Type.Object(
          {
            servicePoint: Type.Optional(Type.Union([ServicePoint, Type.Null()])),
            validFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
            validTo: Type.Optional(
              Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]),
            ),
            periods: Type.Array(Type.Object({ start: HhMm, end: HhMm }, { additionalProperties: false }), {
              minItems: 1,
              maxItems: 6,
            }),
            saturdayMorningReceiving: Type.Optional(Type.Boolean()),
            standardDayMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: ScheduleSchema },
      },
    },
    async (request, reply) => {
      const b = request.body as {
        servicePoint?: string | null;
        validFrom: string;
        validTo?: string | null;
        periods: { start: string; end: string }[];
        saturdayMorningReceiving?: boolean;
        standardDayMinutes?: number;
      };
      const row = await calendar.addScheduleVersion(
        request.actor,
        {
          servicePointCode: b.servicePoint ?? null,
          validFrom: b.validFrom,
          validTo: b.validTo ?? null,
          periods: b.periods,
          saturdayMorningReceiving: b.saturdayMorningReceiving,
          standardDayMinutes: b.standardDayMinutes,
        },
        clock.now(),
      );
      return reply.code(201).send({ ...row, periods: [...row.periods] });
    },
  );

  // ---------------------------------------------------------------- pages

  const htmlType = 'text/html; charset=utf-8';
  const PageQuery = Type.Object({
    year: Type.Optional(Type.String({ maxLength: 10 })),
    lang: Type.Optional(Type.String({ maxLength: 2 })),
  });

  app.get(
    '/assets/calendar.css',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  for (const path of ['/lich', '/calendar']) {
    app.get(
      path,
      { config: publicConfig, schema: { hide: true, querystring: PageQuery } },
      async (request, reply) => {
        const q = request.query as { year?: string };
        const year =
          q.year && /^\d{1,4}$/.test(q.year.trim()) ? yearOf(Number(q.year.trim())) : currentYear();
        const [view, info] = await Promise.all([calendar.year(year), calendar.calendarFor()]);
        const canManage = request.actor !== undefined && hasPermission(request.actor, 'calendar.manage');
        return reply
          .type(htmlType)
          .send(yearPage(pageContext(request, options.demo), view, info.calendar, { canManage }));
      },
    );
  }

  app.get(
    '/admin/calendar',
    { config: { permission: 'calendar.manage' }, schema: { hide: true } },
    async (_request, reply) => reply.redirect(`/admin/calendar/${currentYear()}`, 303),
  );

  const EditQuery = Type.Object({
    saved: Type.Optional(Type.String({ maxLength: 10 })),
    lang: Type.Optional(Type.String({ maxLength: 2 })),
  });

  app.get(
    '/admin/calendar/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: { hide: true, params: Type.Object({ year: Type.Integer() }), querystring: EditQuery },
    },
    async (request, reply) => {
      const year = yearOf((request.params as { year: number }).year);
      const savedText = (request.query as { saved?: string }).saved;
      const saved = savedText && /^\d{1,6}$/.test(savedText) ? Number(savedText) : undefined;
      const [current, revisions] = await Promise.all([calendar.year(year), calendar.revisions(year)]);
      return reply.type(htmlType).send(
        editYearPage(pageContext(request, options.demo), {
          year,
          current,
          form: formOf(current),
          revisions,
          saved,
        }),
      );
    },
  );

  app.post(
    '/admin/calendar/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        hide: true,
        params: Type.Object({ year: Type.Integer() }),
        body: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown()),
      },
    },
    async (request, reply) => {
      const year = yearOf((request.params as { year: number }).year);
      const parsed = parseYearForm(request.body as Record<string, unknown>);
      const lang = request.lang;
      let errors: FieldError[];
      let status = 422;
      const checked = validateYearInput(year, parsed.input);
      if (!checked.ok) {
        errors = checked.error.map((p) => ({ field: parsed.fieldOf(p), message: describeProblem(p, lang) }));
      } else {
        try {
          const view = await calendar.putYear(request.actor, year, parsed.input, clock.now(), {
            expectedRevision: parsed.expectedRevision,
          });
          return await reply.redirect(`/admin/calendar/${year}?saved=${view.revision}`, 303);
        } catch (error) {
          if (!isAppError(error) || error.code !== 'CALENDAR_REVISION_CONFLICT') throw error;
          status = 409;
          errors = [
            {
              field: 'status-official',
              message:
                lang === 'vi'
                  ? 'Lịch của năm này vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.'
                  : 'Someone else has just changed this year. Reload the page to see the latest revision, then make your change again.',
            },
          ];
        }
      }
      const [current, revisions] = await Promise.all([calendar.year(year), calendar.revisions(year)]);
      return reply
        .code(status)
        .type(htmlType)
        .send(
          editYearPage(pageContext(request, options.demo), {
            year,
            current,
            form: parsed.form,
            revisions,
            errors: dedupe(errors),
          }),
        );
    },
  );
}

/** One summary entry per field (the first problem), as the GOV.UK pattern shows them. */
function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
