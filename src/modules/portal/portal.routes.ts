/**
 * Citizen portal over HTTP: the public lookup and rating API (`/api/v1/public/dossiers/…`), their
 * pages (`/tra-cuu`, `/tra-cuu/{code}?token=`, `/danh-gia/{code}`), and the counter tablet
 * (`/kiosk/danh-gia`, signed-in clerk).
 *
 * Rate limits (@fastify/rate-limit limiters shared by the API and the pages): every lookup or
 * rating counts against the caller's IP (MOTCUA_RATE_LIMIT_PUBLIC per minute), and every failed
 * attempt with phone digits counts against the dossier code (MOTCUA_RATE_LIMIT_LOOKUP_PER_CODE per
 * 15 minutes; once reached, phone-digit attempts on that code are refused until the window ends —
 * the QR token, which cannot be guessed, still works). Both answer RATE_LIMITED.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import type { PageContext } from '../../views/layout.ts';
import { pageContext } from '../access/access.routes.ts';
import {
  CODE,
  cleanCode,
  cleanPhone4,
  isRating,
  MAX_COMMENT_LENGTH,
  PHONE4,
  RATINGS,
  TOKEN,
  type Rating,
} from './domain.ts';
import type { Credential, PortalService } from './portal.service.ts';
import {
  errorsOf,
  kioskRatePage,
  kioskWaitingPage,
  lookupFormPage,
  PORTAL_CSS_PATH,
  ratingClosedPage,
  ratingDonePage,
  ratingFormPage,
  resultPage,
} from './views/portal.views.ts';
import type { FieldError } from '../../views/form-components.ts';

export interface PortalRoutesOptions {
  readonly portal: PortalService;
  readonly clock: Clock;
  readonly demo: boolean;
  /** Lookups and ratings per IP and time window (the platform's public API limit). */
  readonly publicRateLimit: { max: number; timeWindow: number };
  /** Failed phone-digit attempts per dossier code and time window. */
  readonly perCodeRateLimit: { max: number; timeWindow: number };
}

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'views/portal.css'));
const HTML = 'text/html; charset=utf-8';

const CodeParam = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 100, description: 'Dossier code, e.g. H21.52-260302-0001' }),
});
const Phone4 = Type.String({
  pattern: '^[0-9]{4}$',
  description: 'Last four digits of the applicant’s phone',
});
const Token = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,64}$',
  description: 'The lookup token carried by the QR code of Mẫu 01',
});

/*
 * The public view as answered (200): the same allow-list as domain.ts `publicView`, so Fastify
 * serialises it with fast-json-stringify, which also writes no property that is not declared here.
 */
const TextSchema = Type.Object({ vi: Type.String(), en: Type.String() });
const Instant = Type.String({ format: 'date-time' });
/** `T | null` as a type list, not anyOf: fast-json-stringify then writes it without validating branches. */
const orNull = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [(schema as unknown as { type: string }).type, 'null'] });
const NullableInstant = orNull(Instant);
const Place = Type.Object({ name: Type.String(), address: Type.String() });
const PublicDossierSchema = Type.Object(
  {
    code: Type.String(),
    procedure: Type.Object({ code: Type.String(), name: Type.String() }),
    status: Type.String(),
    statusLabel: TextSchema,
    servicePoint: Type.Object({ code: Type.String(), name: Type.String(), address: Type.String() }),
    submittedAt: NullableInstant,
    receivedAt: NullableInstant,
    appointment: Type.Object({ dueAt: NullableInstant, originalDueAt: NullableInstant }),
    timeline: Type.Array(Type.Object({ at: Instant, type: Type.String(), label: TextSchema })),
    supplement: orNull(
      Type.Object({
        requestedAt: Instant,
        reason: Type.String(),
        items: Type.Array(Type.String()),
        bringTo: Place,
      }),
    ),
    apologies: Type.Array(
      Type.Object({ issuedAt: Instant, reason: Type.String(), previousDueAt: Instant, newDueAt: Instant }),
    ),
    result: orNull(
      Type.Object({
        readyAt: Instant,
        method: Type.String(),
        methodLabel: TextSchema,
        collectAt: orNull(Place),
        postal: Type.Array(
          Type.Object({
            trackingNumber: Type.String(),
            leg: Type.String(),
            status: Type.String(),
            statusLabel: TextSchema,
          }),
        ),
      }),
    ),
    returnedAt: NullableInstant,
    closing: orNull(Type.Object({ kind: Type.String(), reason: Type.String(), at: Instant })),
    rating: Type.Object({ open: Type.Boolean(), given: Type.Boolean() }),
  },
  { additionalProperties: false },
);

type FormBody = Record<string, unknown>;
const field = (body: unknown, name: string): string => {
  const v = (body as FormBody | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

/** Exactly one credential, or VALIDATION_FAILED naming both. */
function credentialOf(phone4: string | undefined, token: string | undefined, where: string): Credential {
  if ((phone4 === undefined) === (token === undefined))
    throw new AppError('VALIDATION_FAILED', {
      invalidParams: [
        { name: `${where}/phone4`, reason: 'give either phone4 or token' },
        { name: `${where}/token`, reason: 'give either phone4 or token' },
      ],
    });
  return phone4 !== undefined ? { phone4 } : { token: token as string };
}

/** The page context of a kiosk screen: no staff navigation (the citizen holds the tablet). */
const kioskContext = (ctx: PageContext): PageContext => ({ ...ctx, actor: undefined });

export async function portalRoutes(app: FastifyInstance, options: PortalRoutesOptions): Promise<void> {
  const { portal, clock } = options;
  const now = () => clock.now();

  const codeOf = (request: FastifyRequest): string =>
    cleanCode((request.params as { code?: string } | undefined)?.code ?? field(request.body, 'code'));
  const perIp = app.createRateLimit({
    max: options.publicRateLimit.max,
    timeWindow: options.publicRateLimit.timeWindow,
    keyGenerator: (request) => `portal-ip:${request.ip}`,
  });
  const perCode = app.createRateLimit({
    max: options.perCodeRateLimit.max,
    timeWindow: options.perCodeRateLimit.timeWindow,
    keyGenerator: (request) => `portal-code:${codeOf(request)}`,
  });

  const limited = (ttlInSeconds: number) =>
    new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.max(1, ttlInSeconds) } });

  /** Runs a lookup or rating under the rate limits; a failed phone-digit attempt counts against the code. */
  async function guarded<T>(
    request: FastifyRequest,
    credential: Credential,
    run: () => Promise<T>,
  ): Promise<T> {
    const ip = await perIp(request);
    if (!ip.isAllowed && ip.isExceeded) throw limited(ip.ttlInSeconds);
    if ('phone4' in credential) {
      const code = await perCode(request, { increment: false });
      if (!code.isAllowed && code.remaining <= 0) throw limited(code.ttlInSeconds);
    }
    try {
      return await run();
    } catch (error) {
      if (isAppError(error) && error.code === 'PORTAL_LOOKUP_FAILED' && 'phone4' in credential)
        await perCode(request);
      throw error;
    }
  }

  app.get(
    PORTAL_CSS_PATH,
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  // ---------------------------------------------------------------- API

  app.get(
    '/api/v1/public/dossiers/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Public status of a dossier for its holder (code + last 4 phone digits, or the QR token)',
        description:
          'Give exactly one of `phone4` and `token`. Answers a limited view: status, plain-language timeline (vi/en), ' +
          'appointment, open supplement request, apologies, where to collect the result or its postal tracking, and ' +
          'whether it may be rated — never the applicant’s name, ID number, address or phone. An unknown code, wrong ' +
          'digits and a wrong token all answer 404 PORTAL_LOOKUP_FAILED. Rate-limited per IP and, for failed ' +
          'phone-digit attempts, per code (429 RATE_LIMITED).',
        params: CodeParam,
        querystring: Type.Object({
          phone4: Type.Optional(Phone4),
          token: Type.Optional(Token),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
        response: { 200: PublicDossierSchema },
      },
    },
    async (request, reply) => {
      const q = request.query as { phone4?: string; token?: string };
      const credential = credentialOf(q.phone4, q.token, 'querystring');
      const code = codeOf(request);
      const view = await guarded(request, credential, () => portal.lookup(code, credential));
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/api/v1/public/dossiers/:code/rating',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Rate the handling of a returned dossier (once per dossier)',
        description:
          'Body `{rating, comment?, token | phone4}`; `rating` is very_satisfied, satisfied or not_satisfied; the comment ' +
          `is optional, at most ${MAX_COMMENT_LENGTH} characters (NFC). Channel \`qr\` with a token, \`link\` with phone digits. ` +
          '409 RATING_NOT_YET before the result is returned, 409 RATING_ALREADY_GIVEN after the first rating; ' +
          '404 PORTAL_LOOKUP_FAILED and 429 RATE_LIMITED as for the lookup.',
        params: CodeParam,
        body: Type.Object(
          {
            rating: Type.String({ enum: [...RATINGS] }),
            comment: Type.Optional(Type.String({ maxLength: 4 * MAX_COMMENT_LENGTH })),
            phone4: Type.Optional(Phone4),
            token: Type.Optional(Token),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as { rating: Rating; comment?: string; phone4?: string; token?: string };
      const credential = credentialOf(body.phone4, body.token, 'body');
      const code = codeOf(request);
      const receipt = await guarded(request, credential, () =>
        portal.rate(code, credential, { rating: body.rating, comment: body.comment }, now()),
      );
      return reply.code(201).send(receipt);
    },
  );

  // ---------------------------------------------------------------- pages: lookup

  const pageSchema = (extra: Record<string, ReturnType<typeof Type.String>> = {}) => ({
    hide: true,
    querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 2 })), ...extra }),
  });

  app.get(
    '/tra-cuu',
    {
      config: { permission: 'public' },
      schema: pageSchema({ code: Type.Optional(Type.String({ maxLength: 100 })) }),
    },
    async (request, reply) => {
      const code = (request.query as { code?: string }).code ?? '';
      return reply.type(HTML).send(lookupFormPage(pageContext(request, options.demo), { code, phone4: '' }));
    },
  );

  app.post(
    '/tra-cuu',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const { lang } = ctx;
      const form = {
        code: field(request.body, 'code').trim(),
        phone4: cleanPhone4(field(request.body, 'phone4')),
      };
      const errors: FieldError[] = [];
      const code = cleanCode(form.code);
      if (!code)
        errors.push({ field: 'code', message: lang === 'vi' ? 'Nhập mã hồ sơ' : 'Enter the dossier code' });
      else if (!CODE.test(code))
        errors.push({
          field: 'code',
          message:
            lang === 'vi'
              ? 'Mã hồ sơ chỉ gồm chữ, số, dấu chấm và gạch ngang, ví dụ H21.52-260302-0001'
              : 'A dossier code has only letters, digits, dots and hyphens, like H21.52-260302-0001',
        });
      if (!PHONE4.test(form.phone4))
        errors.push({
          field: 'phone4',
          message:
            lang === 'vi'
              ? 'Nhập đúng 4 chữ số cuối của số điện thoại, ví dụ 5678'
              : 'Enter exactly the last 4 digits of your phone number, like 5678',
        });
      if (errors.length > 0)
        return reply
          .code(400)
          .type(HTML)
          .send(lookupFormPage(ctx, form, errors));
      const credential: Credential = { phone4: form.phone4 };
      try {
        const view = await guarded(request, credential, () => portal.lookup(code, credential));
        return reply
          .header('cache-control', 'no-store')
          .type(HTML)
          .send(resultPage(ctx, view, `/danh-gia/${encodeURIComponent(view.code)}`));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return reply
          .code(error.status)
          .type(HTML)
          .send(lookupFormPage(ctx, form, errorsOf(lang, error, 'code')));
      }
    },
  );

  app.get(
    '/tra-cuu/:code',
    {
      config: { permission: 'public' },
      schema: { ...pageSchema({ token: Type.Optional(Type.String({ maxLength: 100 })) }), params: CodeParam },
    },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const code = codeOf(request);
      const token = (request.query as { token?: string }).token ?? '';
      if (!token) return reply.redirect(`/tra-cuu?code=${encodeURIComponent(code)}`, 303);
      const credential: Credential = { token };
      try {
        if (!TOKEN.test(token)) throw new AppError('PORTAL_LOOKUP_FAILED');
        const view = await guarded(request, credential, () => portal.lookup(code, credential));
        const ratingHref = `/danh-gia/${encodeURIComponent(view.code)}?token=${encodeURIComponent(token)}`;
        return reply
          .header('cache-control', 'no-store')
          .type(HTML)
          .send(resultPage(ctx, view, ratingHref));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return reply
          .code(error.status)
          .type(HTML)
          .send(lookupFormPage(ctx, { code, phone4: '' }, errorsOf(ctx.lang, error, 'code')));
      }
    },
  );

  // ---------------------------------------------------------------- pages: rating

  app.get(
    '/danh-gia/:code',
    {
      config: { permission: 'public' },
      schema: { ...pageSchema({ token: Type.Optional(Type.String({ maxLength: 100 })) }), params: CodeParam },
    },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const code = codeOf(request);
      const token = (request.query as { token?: string }).token || undefined;
      const form = { rating: '', comment: '', phone4: '' };
      if (token) {
        const credential: Credential = { token };
        try {
          if (!TOKEN.test(token)) throw new AppError('PORTAL_LOOKUP_FAILED');
          const state = await guarded(request, credential, () => portal.ratingState(code, credential));
          if (!state.open) throw new AppError('RATING_NOT_YET');
        } catch (error) {
          if (!isAppError(error)) throw error;
          // A page that says so (200), not a failure: the holder followed a valid link.
          if (error.code === 'RATING_NOT_YET' || error.code === 'RATING_ALREADY_GIVEN')
            return reply.type(HTML).send(ratingClosedPage(ctx, code, error));
          return reply
            .code(error.status)
            .type(HTML)
            .send(lookupFormPage(ctx, { code, phone4: '' }, errorsOf(ctx.lang, error, 'code')));
        }
      }
      return reply
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(ratingFormPage(ctx, { code, token, form, errors: [] }));
    },
  );

  app.post(
    '/danh-gia/:code',
    { config: { permission: 'public' }, schema: { hide: true, params: CodeParam } },
    async (request, reply) => {
      const ctx = pageContext(request, options.demo);
      const { lang } = ctx;
      const code = codeOf(request);
      const token = field(request.body, 'token').trim() || undefined;
      const form = {
        rating: field(request.body, 'rating'),
        comment: field(request.body, 'comment'),
        phone4: cleanPhone4(field(request.body, 'phone4')),
      };
      const errors: FieldError[] = [];
      if (!token && !PHONE4.test(form.phone4))
        errors.push({
          field: 'phone4',
          message:
            lang === 'vi'
              ? 'Nhập đúng 4 chữ số cuối của số điện thoại, ví dụ 5678'
              : 'Enter exactly the last 4 digits of your phone number, like 5678',
        });
      if (!isRating(form.rating))
        errors.push({
          field: 'rating',
          message: lang === 'vi' ? 'Chọn mức độ hài lòng' : 'Choose how satisfied you are',
        });
      if ([...form.comment.normalize('NFC').trim()].length > MAX_COMMENT_LENGTH)
        errors.push({
          field: 'comment',
          message:
            lang === 'vi'
              ? `Góp ý tối đa ${MAX_COMMENT_LENGTH} ký tự`
              : `The comment must be ${MAX_COMMENT_LENGTH} characters or fewer`,
        });
      const again = (status: number, list: FieldError[]) =>
        reply
          .code(status)
          .type(HTML)
          .send(ratingFormPage(ctx, { code, token, form, errors: list }));
      if (errors.length > 0) return again(400, errors);
      const credential: Credential = token ? { token } : { phone4: form.phone4 };
      try {
        if (token && !TOKEN.test(token)) throw new AppError('PORTAL_LOOKUP_FAILED');
        const receipt = await guarded(request, credential, () =>
          portal.rate(code, credential, { rating: form.rating as Rating, comment: form.comment }, now()),
        );
        return reply.type(HTML).send(ratingDonePage(ctx, receipt));
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'RATING_NOT_YET' || error.code === 'RATING_ALREADY_GIVEN')
          return reply
            .code(error.status)
            .type(HTML)
            .send(ratingClosedPage(ctx, code, error));
        return again(error.status, errorsOf(lang, error, token ? 'rating' : 'phone4'));
      }
    },
  );

  // ---------------------------------------------------------------- kiosk (counter tablet)

  const sendKiosk = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type(HTML).send(body);

  app.get(
    '/kiosk/danh-gia',
    {
      config: { permission: 'portal.kiosk' },
      schema: pageSchema({ done: Type.Optional(Type.String({ maxLength: 1 })) }),
    },
    async (request, reply) => {
      const ctx = kioskContext(pageContext(request, options.demo));
      const done = (request.query as { done?: string }).done === '1';
      return sendKiosk(reply, 200, kioskWaitingPage(ctx, { code: '', errors: [], done }));
    },
  );

  app.post(
    '/kiosk/danh-gia',
    { config: { permission: 'portal.kiosk' }, schema: { hide: true } },
    async (request, reply) => {
      const ctx = kioskContext(pageContext(request, options.demo));
      const typed = field(request.body, 'code').trim();
      const code = cleanCode(typed);
      if (!code || !CODE.test(code))
        return sendKiosk(
          reply,
          400,
          kioskWaitingPage(ctx, {
            code: typed,
            errors: [
              { field: 'code', message: ctx.lang === 'vi' ? 'Nhập mã hồ sơ' : 'Enter the dossier code' },
            ],
            done: false,
          }),
        );
      try {
        await portal.kioskDossier(request.actor!, code);
        // Post/redirect/get: the rating screen has its own address (and language switch).
        return reply.redirect(`/kiosk/danh-gia/${encodeURIComponent(code)}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return sendKiosk(
          reply,
          error.status,
          kioskWaitingPage(ctx, { code: typed, errors: errorsOf(ctx.lang, error, 'code'), done: false }),
        );
      }
    },
  );

  app.get(
    '/kiosk/danh-gia/:code',
    { config: { permission: 'portal.kiosk' }, schema: { ...pageSchema(), params: CodeParam } },
    async (request, reply) => {
      const ctx = kioskContext(pageContext(request, options.demo));
      const code = codeOf(request);
      try {
        return sendKiosk(reply, 200, kioskRatePage(ctx, await portal.kioskDossier(request.actor!, code)));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return sendKiosk(
          reply,
          error.status,
          kioskWaitingPage(ctx, { code, errors: errorsOf(ctx.lang, error, 'code'), done: false }),
        );
      }
    },
  );

  app.post(
    '/kiosk/danh-gia/:code',
    { config: { permission: 'portal.kiosk' }, schema: { hide: true, params: CodeParam } },
    async (request, reply) => {
      const ctx = kioskContext(pageContext(request, options.demo));
      const code = codeOf(request);
      const rating = field(request.body, 'rating');
      try {
        if (!isRating(rating))
          throw new AppError('VALIDATION_FAILED', { invalidParams: [{ name: 'code', reason: 'rating' }] });
        await portal.rateAtKiosk(request.actor!, code, rating, now());
        return reply.redirect('/kiosk/danh-gia?done=1', 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return sendKiosk(
          reply,
          error.status,
          kioskWaitingPage(ctx, { code, errors: errorsOf(ctx.lang, error, 'code'), done: false }),
        );
      }
    },
  );
}
