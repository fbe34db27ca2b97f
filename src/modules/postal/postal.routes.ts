/**
 * The postal module over HTTP: the JSON API (`/api/v1/postal/…`, public tracking) and the pages
 * (public tracking and request form, the courier's phone page, the counter page, the custody view).
 * Every route declares its permission; scope (service point, courier area) is checked by the
 * service on the item itself. Contract and role × event table: docs/postal.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { hasPermission, PERMISSIONS, type Actor, type Role } from '../access/domain.ts';
import { pageContext } from '../access/access.routes.ts';
import type { OrgService } from '../org/org.service.ts';
import {
  FAIL_REASONS,
  ITEM_EVENT_TYPES,
  ITEM_STATUSES,
  LEGS,
  type ItemEventType,
  type ItemStatus,
  type Leg,
} from './domain/lifecycle.ts';
import { ZONES } from './domain/tariff.ts';
import { boundaryOf, parseMultipart, type FieldValue, type FilePart } from './multipart.ts';
import { renderManifest, renderRunSheet } from './postal.pdf.ts';
import { OPEN_STATUSES, type EventInput, type PostalService, type RequestInput } from './postal.service.ts';
import {
  counterPage,
  courierHomePage,
  courierItemPage,
  custodyPage,
  errorsOf,
  POSTAL_CSS_PATH,
  requestPage,
  trackingPage,
  type RequestFormValues,
} from './views/postal.views.ts';
import type { FieldError } from '../../views/form-components.ts';

export interface PostalRoutesOptions {
  readonly postal: PostalService;
  readonly org: OrgService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

/** Hard cap of a request carrying a photo (the effective limit is the `postal.maxPhotoBytes` setting). */
export const PHOTO_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'views/postal.css'));

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Local date YYYY-MM-DD (UTC+7)',
});
const TrackingParam = Type.Object({
  trackingNumber: Type.String({ minLength: 1, maxLength: 40, description: 'S10 number, e.g. EE123456785VN' }),
});
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** As on dossier intake: a retry with the same key and body gets the first answer (`idempotent-replayed: true`). */
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'Retry key, scoped to the caller (anonymous callers: use a random value)',
    }),
  ),
});

function keyOf(request: FastifyRequest): string | undefined {
  return (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
}

function sendOnce(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(result.status).send(result.body);
}

const Address = Type.Object(
  {
    communeCode: Text(16),
    street: Type.String({ maxLength: 300 }),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

const RequestBody = Type.Object(
  {
    dossierCode: Type.Optional(Text(100)),
    procedureCode: Type.Optional(Text(40)),
    servicePointCode: Type.Optional(Text(64)),
    applicant: Type.Optional(
      Type.Object(
        {
          kind: Type.String({ enum: ['person', 'organisation'], default: 'person' }),
          fullName: Type.String({ maxLength: 200 }),
          idNumber: Type.Optional(Type.String({ maxLength: 12 })),
          taxCode: Type.Optional(Type.String({ maxLength: 14 })),
          phone: Type.String({ maxLength: 20 }),
          email: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    pickup: Type.Optional(
      Type.Object(
        {
          address: Address,
          window: Type.Object(
            {
              date: Type.String({ maxLength: 10 }),
              from: Type.String({ maxLength: 5 }),
              to: Type.String({ maxLength: 5 }),
            },
            { additionalProperties: false },
          ),
          weightGrams: Type.Optional(Type.Integer({ minimum: 1, maximum: 30_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    delivery: Type.Optional(
      Type.Object(
        { address: Address, weightGrams: Type.Optional(Type.Integer({ minimum: 1, maximum: 30_000 })) },
        { additionalProperties: false },
      ),
    ),
    cod: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const EventBody = Type.Object(
  {
    type: Type.String({ enum: [...ITEM_EVENT_TYPES] }),
    courier: Type.Optional(Text(64)),
    missing: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), { maxItems: 200 })),
    checklist: Type.Optional(
      Type.Array(
        Type.Object(
          { index: Type.Integer({ minimum: 1, maximum: 1000 }), present: Type.Boolean() },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    slipSignedByApplicant: Type.Optional(Type.Boolean()),
    slipSignedByCourier: Type.Optional(Type.Boolean()),
    sealed: Type.Optional(Type.Boolean()),
    cashCollected: Type.Optional(Type.Boolean()),
    recipient: Type.Optional(
      Type.Object(
        {
          name: Type.String({ maxLength: 200 }),
          idNumber: Type.String({ maxLength: 12 }),
          relation: Type.Optional(Type.String({ enum: ['self', 'authorised'] })),
          authorisationRef: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    photo: Type.Optional(
      Type.Object(
        { base64: Type.String({ minLength: 1, maxLength: 16_000_000 }) },
        { additionalProperties: false },
      ),
    ),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** Which roles other than courier may read (for run sheets of other couriers). */
const NON_COURIER_READERS: readonly Role[] = PERMISSIONS['postal.read'].roles.filter((r) => r !== 'courier');

/** The first value of a form field (forms may repeat names). */
function field(body: Record<string, FieldValue | undefined>, name: string): string {
  const v = body[name];
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return (v[0] ?? '').trim();
  return '';
}

function fieldList(body: Record<string, FieldValue | undefined>, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v;
  return [];
}

const checked = (body: Record<string, FieldValue | undefined>, name: string): boolean =>
  field(body, name) !== '';

export async function postalRoutes(app: FastifyInstance, options: PostalRoutesOptions): Promise<void> {
  const { postal, org, clock } = options;
  const now = () => clock.now();
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };

  // Multipart bodies (the delivery form with a photo), parsed before the edge's CSRF check reads `_csrf`.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      if (!boundary) return done(new AppError('BAD_REQUEST'), undefined);
      try {
        done(null, parseMultipart(body as Buffer, boundary));
      } catch {
        done(new AppError('BAD_REQUEST'), undefined);
      }
    },
  );

  // ---------------------------------------------------------------- API: requests and items

  app.post(
    '/api/v1/postal/requests',
    {
      config: publicConfig,
      schema: {
        tags: ['postal'],
        summary:
          'Ask for pickup of a dossier, delivery of the result, or both (QĐ 45/2016); answers the items with tracking numbers',
        description:
          'Give `dossierCode`, or `procedureCode` + `servicePointCode` + `applicant`. Anonymous callers are citizens (a dossier code needs the applicant’s phone); a signed-in clerk registers a phone request for their service point.',
        headers: IdempotencyHeaders,
        body: RequestBody,
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor && !hasPermission(actor, 'postal.counter')) throw new AppError('FORBIDDEN');
      const at = now();
      const result = await postal.once(
        actor,
        keyOf(request),
        { route: 'POST /api/v1/postal/requests', body: request.body },
        201,
        at,
        (save) => postal.createRequest(actor, request.body as RequestInput, at, save),
      );
      return sendOnce(reply, result);
    },
  );

  app.get(
    '/api/v1/postal/items',
    {
      config: { permission: 'postal.read' },
      schema: {
        tags: ['postal'],
        summary: 'Postal items in the caller’s scope (no personal data)',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...ITEM_STATUSES, 'open'] })),
          leg: Type.Optional(Type.String({ enum: [...LEGS] })),
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          courier: Type.Optional(Type.String({ maxLength: 64, description: 'username, or `me`' })),
          dossier: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as {
        status?: string;
        leg?: Leg;
        servicePoint?: string;
        courier?: string;
        dossier?: string;
      };
      const actor = request.actor as Actor;
      const courierId =
        q.courier === 'me'
          ? actor.userId
          : q.courier
            ? ((await postal.courierByUsername(q.courier)).id ?? undefined)
            : undefined;
      const items = await postal.list(actor, {
        statuses: q.status === 'open' ? OPEN_STATUSES : q.status ? [q.status as ItemStatus] : undefined,
        leg: q.leg,
        servicePointCode: q.servicePoint,
        courierId,
        dossierCode: q.dossier,
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/postal/items/:trackingNumber',
    {
      config: { permission: 'postal.read' },
      schema: {
        tags: ['postal'],
        summary: 'One item with its history and the personal data needed to deliver it (the read is audited)',
        params: TrackingParam,
      },
    },
    async (request) =>
      postal.item(
        request.actor as Actor,
        (request.params as { trackingNumber: string }).trackingNumber,
        now(),
      ),
  );

  app.post(
    '/api/v1/postal/items/:trackingNumber/events',
    {
      config: { permission: 'postal.act' },
      bodyLimit: PHOTO_BODY_LIMIT_BYTES * 2,
      schema: {
        tags: ['postal'],
        summary:
          'Record an event on an item (assign, guide, pick-up, hand-over, take-over, out-for-delivery, deliver, fail-attempt, cancel)',
        description:
          'Who may record which event in which state: docs/postal.md (transition table). A pick-up with missing documents records the guidance once and answers 422 POSTAL_PICKUP_INCOMPLETE.',
        params: TrackingParam,
        body: EventBody,
      },
    },
    async (request) =>
      postal.record(
        request.actor as Actor,
        (request.params as { trackingNumber: string }).trackingNumber,
        request.body as EventInput,
        now(),
      ),
  );

  app.get(
    '/api/v1/postal/items/:trackingNumber/photo',
    {
      config: { permission: 'postal.read' },
      schema: {
        tags: ['postal'],
        summary: 'Photo of the signed delivery slip (the read is audited)',
        params: TrackingParam,
      },
    },
    async (request, reply) => {
      const file = await postal.photo(
        request.actor as Actor,
        (request.params as { trackingNumber: string }).trackingNumber,
        now(),
      );
      return reply.type(file.contentType).header('cache-control', 'private, no-store').send(file.bytes);
    },
  );

  // ---------------------------------------------------------------- API: manifests, run sheets

  app.post(
    '/api/v1/postal/manifests',
    {
      config: { permission: 'postal.act' },
      schema: {
        tags: ['postal'],
        summary: 'Hand several items over at once (the giver confirms; the receiver confirms with the count)',
        body: Type.Object(
          {
            direction: Type.String({ enum: ['to_counter', 'to_courier'] }),
            items: Type.Array(Text(40), { minItems: 1, maxItems: 200 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as { direction: 'to_counter' | 'to_courier'; items: string[] };
      return reply.code(201).send(await postal.createManifest(request.actor as Actor, body, now()));
    },
  );

  app.get(
    '/api/v1/postal/manifests/:id',
    {
      config: { permission: 'postal.read' },
      schema: {
        tags: ['postal'],
        summary: 'A hand-over manifest with both sides’ confirmations',
        params: IdParam,
      },
    },
    async (request) => postal.manifest(request.actor as Actor, (request.params as { id: string }).id),
  );

  app.post(
    '/api/v1/postal/manifests/:id/confirm',
    {
      config: { permission: 'postal.act' },
      schema: {
        tags: ['postal'],
        summary: 'The other side confirms a manifest with the number of items it counted',
        params: IdParam,
        body: Type.Object(
          { count: Type.Integer({ minimum: 0, maximum: 1000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      postal.confirmManifest(
        request.actor as Actor,
        (request.params as { id: string }).id,
        (request.body as { count: number }).count,
        now(),
      ),
  );

  app.get(
    '/api/v1/postal/manifests/:id/pdf',
    {
      config: { permission: 'postal.read' },
      schema: { tags: ['postal'], summary: 'The manifest as a PDF with Code 128 barcodes', params: IdParam },
    },
    async (request, reply) => {
      const doc = await postal.manifestDocument(
        request.actor as Actor,
        (request.params as { id: string }).id,
      );
      const pdf = await renderManifest(doc);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${doc.manifest.number}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/postal/run-sheet',
    {
      config: { permission: 'postal.read' },
      schema: {
        tags: ['postal'],
        summary:
          'A courier’s run sheet for a day as a PDF with Code 128 barcodes (addresses: the read is audited)',
        querystring: Type.Object({
          courier: Type.Optional(Type.String({ maxLength: 64 })),
          day: Type.Optional(LocalDate),
        }),
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      const q = request.query as { courier?: string; day?: string };
      const at = now();
      const day = q.day && isLocalDate(q.day) ? q.day : localDateOf(at);
      const courier = await postal.courierByUsername(q.courier ?? actor.username);
      if (courier.id !== actor.userId && !actor.grants.some((g) => NON_COURIER_READERS.includes(g.role)))
        throw new AppError('FORBIDDEN');
      const items = await postal.courierItems(actor, courier.id ?? '', day, at);
      const pdf = await renderRunSheet({
        courier: { username: courier.username, name: courier.name },
        day,
        printedAt: at,
        items,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="run-sheet-${courier.username}-${day}.pdf"`)
        .send(pdf);
    },
  );

  // ---------------------------------------------------------------- API: custody, cash, figures, tariff

  app.get(
    '/api/v1/postal/custody',
    {
      config: { permission: 'postal.custody' },
      schema: {
        tags: ['postal'],
        summary:
          'Who holds each paper dossier and result, since when, and the gaps (one-sided hand-overs, idle items)',
        querystring: Type.Object({
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          flagged: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const q = request.query as { servicePoint?: string; flagged?: boolean };
      return postal.custody(
        request.actor as Actor,
        { servicePointCode: q.servicePoint, flaggedOnly: q.flagged },
        now(),
      );
    },
  );

  app.get(
    '/api/v1/postal/cash',
    {
      config: { permission: 'postal.cash' },
      schema: {
        tags: ['postal'],
        summary:
          'Cash per courier and day: collected (postage, fees, COD) vs handed over; differences are flagged',
        querystring: Type.Object({
          from: Type.Optional(LocalDate),
          to: Type.Optional(LocalDate),
          courier: Type.Optional(Type.String({ maxLength: 64 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as { from?: string; to?: string; courier?: string };
      const today = localDateOf(now());
      return {
        days: await postal.cash(
          request.actor as Actor,
          { from: q.from ?? today, to: q.to ?? q.from ?? today, courier: q.courier },
          now(),
        ),
      };
    },
  );

  app.post(
    '/api/v1/postal/cash/handovers',
    {
      config: { permission: 'postal.counter' },
      schema: {
        tags: ['postal'],
        summary: 'The clerk records the cash a courier hands over for a day',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            courier: Text(64),
            day: LocalDate,
            amountVnd: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
            servicePointCode: Text(64),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as {
        courier: string;
        day: string;
        amountVnd: number;
        servicePointCode: string;
        note?: string;
      };
      const at = now();
      const result = await postal.once(
        request.actor,
        keyOf(request),
        { route: 'POST /api/v1/postal/cash/handovers', body },
        201,
        at,
        (save) => postal.handOverCash(request.actor as Actor, body, at, save),
      );
      return sendOnce(reply, result);
    },
  );

  app.get(
    '/api/v1/postal/figures',
    {
      config: { permission: 'postal.reports' },
      schema: {
        tags: ['postal', 'reports'],
        summary:
          'Items per leg, delivery success rate, median hours per leg, COD collected and settled, for a period',
        querystring: Type.Object({
          from: LocalDate,
          to: LocalDate,
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as { from: string; to: string; servicePoint?: string };
      return postal.figures(
        request.actor as Actor,
        { from: q.from, to: q.to, servicePointCode: q.servicePoint },
        now(),
      );
    },
  );

  app.get(
    '/api/v1/postal/tariff',
    {
      config: publicConfig,
      schema: {
        tags: ['postal'],
        summary: 'Postage bands (zone, weight) in force on a date',
        querystring: Type.Object({ at: Type.Optional(LocalDate) }),
      },
    },
    async (request) => postal.tariff((request.query as { at?: string }).at ?? localDateOf(now())),
  );

  app.post(
    '/api/v1/postal/tariff',
    {
      config: { permission: 'postal.tariff.manage' },
      schema: {
        tags: ['postal'],
        summary: 'Set the postage tariff from a date (the previous bands end the day before)',
        body: Type.Object(
          {
            validFrom: LocalDate,
            note: Type.Optional(Type.String({ maxLength: 500 })),
            bands: Type.Array(
              Type.Object(
                {
                  zone: Type.String({ enum: [...ZONES] }),
                  maxWeightGrams: Type.Integer({ minimum: 1, maximum: 30_000 }),
                  priceVnd: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 100 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as {
        validFrom: string;
        note?: string;
        bands: { zone: (typeof ZONES)[number]; maxWeightGrams: number; priceVnd: number }[];
      };
      return reply.code(201).send(await postal.setTariff(request.actor as Actor, body, now()));
    },
  );

  app.get(
    '/api/v1/public/tracking/:query',
    {
      config: publicConfig,
      schema: {
        tags: ['postal'],
        summary:
          'Public tracking by tracking number or dossier code: steps, times and place names only (no personal data)',
        params: Type.Object({ query: Type.String({ minLength: 1, maxLength: 100 }) }),
      },
    },
    async (request) => postal.track((request.params as { query: string }).query),
  );

  // ---------------------------------------------------------------- pages

  const htmlType = 'text/html; charset=utf-8';
  const FormBody = Type.Record(Type.String(), Type.Unknown());

  app.get(
    POSTAL_CSS_PATH,
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  // Public tracking page.
  app.get(
    '/tracking',
    {
      config: publicConfig,
      schema: {
        hide: true,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const query = ((request.query as { q?: string }).q ?? '').trim();
      if (query === '') return reply.type(htmlType).send(trackingPage(ctx, { query }));
      try {
        const result = await postal.track(query);
        return reply.type(htmlType).send(trackingPage(ctx, { query, items: result.items }));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return reply
          .code(error.status)
          .type(htmlType)
          .send(trackingPage(ctx, { query, errors: errorsOf(ctx.lang, error) }));
      }
    },
  );

  // Public request form (a signed-in clerk uses it for phone requests).
  const emptyForm = (today: string): RequestFormValues => ({
    procedureCode: '',
    servicePointCode: '',
    fullName: '',
    idNumber: '',
    phone: '',
    communeCode: '',
    street: '',
    date: today,
    from: '08:00',
    to: '11:00',
    delivery: true,
    cod: false,
  });
  const requestOptions = async (today: string) => ({
    communes: (await org.listUnits({ at: today, level: 'commune' }))
      .map((u) => ({ code: u.code, name: u.fullName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    servicePoints: (await org.listServicePoints({ at: today, operator: 'post' })).map((s) => ({
      code: s.code,
      name: s.name,
    })),
  });
  const isClerk = (actor: Actor | undefined): actor is Actor =>
    actor !== undefined && hasPermission(actor, 'postal.counter');

  app.get(
    '/postal/request',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const today = localDateOf(now());
      const values = emptyForm(today);
      const clerkSp = request.actor?.grants.find((g) => g.role === 'clerk')?.scope.servicePoint;
      return reply.type(htmlType).send(
        requestPage(pageContext(request, options.demo), {
          values: { ...values, servicePointCode: clerkSp ?? '' },
          errors: [],
          ...(await requestOptions(today)),
          phone: isClerk(request.actor),
        }),
      );
    },
  );

  app.post(
    '/postal/request',
    { config: publicConfig, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const today = localDateOf(now());
      const b = request.body as Record<string, FieldValue | undefined>;
      const values: RequestFormValues = {
        procedureCode: field(b, 'procedureCode'),
        servicePointCode: field(b, 'servicePointCode'),
        fullName: field(b, 'applicant-fullName'),
        idNumber: field(b, 'applicant-idNumber'),
        phone: field(b, 'applicant-phone'),
        communeCode: field(b, 'pickup-address-communeCode'),
        street: field(b, 'pickup-address-street'),
        date: field(b, 'pickup-window-date'),
        from: field(b, 'pickup-window-from'),
        to: field(b, 'pickup-window-to'),
        delivery: checked(b, 'delivery'),
        cod: checked(b, 'cod'),
      };
      const address = { communeCode: values.communeCode, street: values.street };
      const input: RequestInput = {
        procedureCode: values.procedureCode || undefined,
        servicePointCode: values.servicePointCode || undefined,
        applicant: {
          kind: 'person',
          fullName: values.fullName,
          idNumber: values.idNumber,
          phone: values.phone,
        },
        pickup: { address, window: { date: values.date, from: values.from, to: values.to } },
        delivery: values.delivery ? { address } : undefined,
        cod: values.cod,
      };
      const phone = isClerk(request.actor);
      const errors: FieldError[] = [];
      if (!values.procedureCode)
        errors.push({
          field: 'procedureCode',
          message: ctx.lang === 'vi' ? 'Nhập mã thủ tục' : 'Enter the procedure code',
        });
      if (!values.servicePointCode)
        errors.push({
          field: 'servicePointCode',
          message: ctx.lang === 'vi' ? 'Chọn bộ phận một cửa' : 'Choose the service point',
        });
      if (!values.communeCode)
        errors.push({
          field: 'pickup-address-communeCode',
          message: ctx.lang === 'vi' ? 'Chọn xã, phường' : 'Choose the commune',
        });
      if (errors.length === 0) {
        try {
          const created = await postal.createRequest(phone ? request.actor : undefined, input, now());
          return reply
            .code(201)
            .type(htmlType)
            .send(requestPage(ctx, { values, errors: [], ...(await requestOptions(today)), created, phone }));
        } catch (error) {
          if (!isAppError(error)) throw error;
          errors.push(...errorsOf(ctx.lang, error));
        }
      }
      return reply
        .code(400)
        .type(htmlType)
        .send(requestPage(ctx, { values, errors, ...(await requestOptions(today)), phone }));
    },
  );

  // Courier pages.
  const message = (request: FastifyRequest): string | undefined => {
    const done = (request.query as { done?: string }).done;
    if (!done) return undefined;
    return request.lang === 'vi' ? `Đã ghi nhận: ${done}` : `Recorded: ${done}`;
  };
  const DoneQuery = Type.Object({
    done: Type.Optional(Type.String({ maxLength: 40 })),
    lang: Type.Optional(Type.String({ maxLength: 2 })),
    sp: Type.Optional(Type.String({ maxLength: 64 })),
  });

  async function courierHome(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const actor = request.actor as Actor;
    const at = now();
    const day = localDateOf(at);
    const items = await postal.courierItems(actor, actor.userId, day, at);
    const manifests = await postal.recentManifests({ courierId: actor.userId });
    return reply
      .code(status)
      .type(htmlType)
      .send(
        courierHomePage(pageContext(request, options.demo), {
          day,
          items,
          manifests,
          message: message(request),
          errors,
        }),
      );
  }

  app.get(
    '/postal/courier',
    { config: { permission: 'postal.courier' }, schema: { hide: true, querystring: DoneQuery } },
    (request, reply) => courierHome(request, reply),
  );

  app.get(
    '/postal/courier/find',
    {
      config: { permission: 'postal.courier' },
      schema: { hide: true, querystring: Type.Object({ tn: Type.Optional(Type.String({ maxLength: 40 })) }) },
    },
    async (request, reply) => {
      try {
        const tn = postal.parseTracking((request.query as { tn?: string }).tn ?? '');
        return reply.redirect(`/postal/courier/items/${tn}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return courierHome(
          request,
          reply,
          errorsOf(request.lang, error).map((e) => ({ ...e, field: 'tn' })),
          error.status,
        );
      }
    },
  );

  async function courierItem(
    request: FastifyRequest,
    reply: FastifyReply,
    tn: string,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const item = await postal.item(request.actor as Actor, tn, now(), 'postal.courier-page');
    return reply
      .code(status)
      .type(htmlType)
      .send(courierItemPage(pageContext(request, options.demo), { item, message: message(request), errors }));
  }

  app.get(
    '/postal/courier/items/:trackingNumber',
    {
      config: { permission: 'postal.courier' },
      schema: { hide: true, params: TrackingParam, querystring: DoneQuery },
    },
    (request, reply) =>
      courierItem(request, reply, (request.params as { trackingNumber: string }).trackingNumber),
  );

  /** A page form → the API's event input. */
  function eventFromForm(
    b: Record<string, FieldValue | undefined>,
    documents: readonly { index: number }[],
  ): EventInput {
    const type = field(b, 'type') as ItemEventType;
    if (!(ITEM_EVENT_TYPES as readonly string[]).includes(type)) throw new AppError('BAD_REQUEST');
    const present = new Set(fieldList(b, 'present').map(Number));
    const photo = b.photo;
    const reason = field(b, 'reason');
    return {
      type,
      courier: field(b, 'courier') || undefined,
      checklist:
        type === 'pick-up'
          ? documents.map((d) => ({ index: d.index, present: present.has(d.index) }))
          : undefined,
      slipSignedByApplicant: checked(b, 'slipSignedByApplicant'),
      slipSignedByCourier: checked(b, 'slipSignedByCourier'),
      sealed: checked(b, 'sealed'),
      cashCollected: checked(b, 'cashCollected'),
      recipient:
        type === 'deliver'
          ? {
              name: field(b, 'recipient-name'),
              idNumber: field(b, 'recipient-idNumber'),
              relation: checked(b, 'authorised') ? 'authorised' : 'self',
              authorisationRef: field(b, 'recipient-authorisationRef') || undefined,
            }
          : undefined,
      photoBytes:
        typeof photo === 'object' && photo !== null && !Array.isArray(photo)
          ? (photo as FilePart).data
          : undefined,
      reason:
        type === 'fail-attempt'
          ? (FAIL_REASONS as readonly string[]).includes(reason)
            ? reason
            : 'other'
          : reason || undefined,
      note: field(b, 'note') || undefined,
    };
  }

  app.post(
    '/postal/courier/items/:trackingNumber',
    {
      config: { permission: 'postal.courier' },
      bodyLimit: PHOTO_BODY_LIMIT_BYTES,
      schema: { hide: true, params: TrackingParam },
    },
    async (request, reply) => {
      const tn = (request.params as { trackingNumber: string }).trackingNumber;
      const actor = request.actor as Actor;
      try {
        const view = await postal.item(actor, tn, now(), 'postal.courier-page');
        const input = eventFromForm(
          (request.body ?? {}) as Record<string, FieldValue | undefined>,
          view.documents,
        );
        const result = await postal.record(actor, tn, input, now());
        return reply.redirect(`/postal/courier/items/${result.item.trackingNumber}?done=${input.type}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'POSTAL_TRACKING_NUMBER_INVALID' || error.code === 'POSTAL_ITEM_NOT_FOUND')
          throw error;
        return courierItem(request, reply, tn, errorsOf(request.lang, error), error.status);
      }
    },
  );

  // Counter page.
  async function counter(
    request: FastifyRequest,
    reply: FastifyReply,
    sp: string | undefined,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const actor = request.actor as Actor;
    const at = now();
    const day = localDateOf(at);
    const mine = actor.grants
      .filter((g) => g.role === 'clerk' && g.scope.servicePoint)
      .map((g) => g.scope.servicePoint as string);
    const code = sp && mine.includes(sp) ? sp : mine[0];
    if (!code) throw new AppError('FORBIDDEN');
    const servicePoint = await org.servicePoint(code);
    const servicePoints = await Promise.all(
      mine.map(async (c) => ({ code: c, name: (await org.servicePoint(c)).name })),
    );
    const items = await postal.counterItems(actor, code, at);
    const manifests = await postal.recentManifests({ servicePointCode: code });
    const cash = await postal.cash(actor, { from: day, to: day }, at);
    const couriers = (
      await postal.eligibleCouriers({
        servicePoint: code,
        unitAncestors: await org.unitAncestors(servicePoint.unitCode, day),
      })
    ).map((c) => ({
      username: c.username,
      name: c.name,
    }));
    return reply
      .code(status)
      .type(htmlType)
      .send(
        counterPage(pageContext(request, options.demo), {
          servicePoint: { code, name: servicePoint.name },
          servicePoints,
          day,
          items,
          manifests,
          cash,
          couriers,
          message: message(request),
          errors,
        }),
      );
  }

  app.get(
    '/postal/counter',
    { config: { permission: 'postal.counter' }, schema: { hide: true, querystring: DoneQuery } },
    (request, reply) => counter(request, reply, (request.query as { sp?: string }).sp),
  );

  app.post(
    '/postal/counter/items/:trackingNumber',
    {
      config: { permission: 'postal.counter' },
      schema: { hide: true, params: TrackingParam, body: FormBody },
    },
    async (request, reply) => {
      const b = request.body as Record<string, FieldValue | undefined>;
      const sp = field(b, 'sp');
      try {
        const type = field(b, 'type') as ItemEventType;
        if (!['take-over', 'hand-over', 'assign', 'cancel'].includes(type)) throw new AppError('BAD_REQUEST');
        await postal.record(
          request.actor as Actor,
          (request.params as { trackingNumber: string }).trackingNumber,
          { type, courier: field(b, 'courier') || undefined, reason: field(b, 'reason') || undefined },
          now(),
        );
        return reply.redirect(`/postal/counter?sp=${encodeURIComponent(sp)}&done=${type}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return counter(request, reply, sp, errorsOf(request.lang, error), error.status);
      }
    },
  );

  app.post(
    '/postal/counter/cash',
    { config: { permission: 'postal.counter' }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const b = request.body as Record<string, FieldValue | undefined>;
      const sp = field(b, 'sp');
      try {
        const amount = Number(field(b, 'amountVnd'));
        await postal.handOverCash(
          request.actor as Actor,
          {
            courier: field(b, 'courier'),
            day: field(b, 'day'),
            amountVnd: Number.isFinite(amount) && field(b, 'amountVnd') !== '' ? amount : -1,
            servicePointCode: sp,
          },
          now(),
        );
        return reply.redirect(`/postal/counter?sp=${encodeURIComponent(sp)}&done=cash`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return counter(request, reply, sp, errorsOf(request.lang, error), error.status);
      }
    },
  );

  app.post(
    '/postal/manifests/:id/confirm',
    { config: { permission: 'postal.act' }, schema: { hide: true, params: IdParam, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = request.body as Record<string, FieldValue | undefined>;
      const back = field(b, 'back').startsWith('/postal/') ? field(b, 'back') : '/postal/courier';
      try {
        await postal.confirmManifest(
          request.actor as Actor,
          id,
          Number(field(b, `count-${id}`) || -1),
          now(),
        );
        return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}done=manifest`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (back.startsWith('/postal/counter'))
          return counter(
            request,
            reply,
            new URL(back, 'http://x').searchParams.get('sp') ?? undefined,
            errorsOf(request.lang, error),
            error.status,
          );
        return courierHome(request, reply, errorsOf(request.lang, error), error.status);
      }
    },
  );

  // Custody view for managers.
  app.get(
    '/postal/custody',
    {
      config: { permission: 'postal.custody' },
      schema: {
        hide: true,
        querystring: Type.Object({
          sp: Type.Optional(Type.String({ maxLength: 64 })),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
      },
    },
    async (request, reply) => {
      const data = await postal.custody(
        request.actor as Actor,
        { servicePointCode: (request.query as { sp?: string }).sp || undefined },
        now(),
      );
      return reply.type(htmlType).send(custodyPage(pageContext(request, options.demo), data));
    },
  );
}
