/**
 * Citizen identification over HTTP. A plugin without encapsulation (fastify-plugin): it decorates
 * every request with `citizen` (from the HttpOnly cookie `motcua_citizen`, or the header
 * `X-Citizen-Token` for API clients) so the portal's routes can require it. For a cookie session,
 * forms carry the session's own CSRF token: the edge's CSRF check compares against
 * `request.csrfToken`, which this hook sets when no staff member is signed in.
 *
 * Pages: /dinh-danh (ask for a code or sign in with the provider), /dinh-danh/xac-minh/{id} (enter
 * the code), /dinh-danh/oidc and its callback, /dinh-danh/thoat (sign out).
 * API: POST /api/v1/public/identity/otp, POST /api/v1/public/identity/otp/verify.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { pageContext } from '../access/access.routes.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { makeProblem } from '../../adapters/http/problem.ts';
import { safeReturnPath, type Citizen } from './domain.ts';
import type { IdentityService } from './identity.service.ts';
import { identifyPage, verifyPage } from './views/identity.views.ts';
import type { FieldError } from '../../views/form-components.ts';

export const CITIZEN_COOKIE = 'motcua_citizen';
export const CITIZEN_HEADER = 'x-citizen-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The identified citizen (online submission), separate from staff `actor`. */
    citizen: Citizen | undefined;
    /** Set when the citizen came with the API header rather than the cookie. */
    citizenVia: 'cookie' | 'header' | undefined;
  }
}

export interface IdentityRoutesOptions {
  readonly identity: IdentityService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly cookieSecure: boolean;
  readonly publicBaseUrl: string;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

/** Route-level preValidation: the citizen must be identified (401 IDENTITY_REQUIRED). */
export async function requireCitizen(request: FastifyRequest): Promise<void> {
  if (!request.citizen) throw new AppError('IDENTITY_REQUIRED');
}

const htmlType = 'text/html; charset=utf-8';

async function identity(app: FastifyInstance, options: IdentityRoutesOptions): Promise<void> {
  const { identity: service, clock } = options;
  const redirectUri = `${options.publicBaseUrl.replace(/\/+$/, '')}/dinh-danh/oidc/callback`;
  app.decorateRequest('citizen', undefined);
  app.decorateRequest('citizenVia', undefined);

  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers[CITIZEN_HEADER];
    if (typeof header === 'string' && header !== '') {
      const found = await service.authenticate(header.trim(), clock.now());
      if (!found)
        throw new AppError('IDENTITY_REQUIRED', { detail: 'The citizen token is not valid or has expired.' });
      request.citizen = found;
      request.citizenVia = 'header';
      return;
    }
    const cookie = request.cookies[CITIZEN_COOKIE];
    if (!cookie) return;
    const found = await service.authenticate(cookie, clock.now());
    if (!found) {
      void reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return;
    }
    request.citizen = found;
    request.citizenVia = 'cookie';
    if (!request.actor) request.csrfToken = found.csrfToken;
  });

  const setCitizenCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(CITIZEN_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.cookieSecure,
      maxAge: Math.max(60, Math.round((expiresAt.getTime() - clock.now().getTime()) / 1000)),
    });

  const rateLimit = options.publicRateLimit;
  const lang = (request: FastifyRequest): 'vi' | 'en' => (request.lang === 'en' ? 'en' : 'vi');
  const message = (request: FastifyRequest, error: AppError): string => {
    const problem = makeProblem(error.code, request.lang);
    return problem.title;
  };

  // ------------------------------------------------------------ pages

  app.get(
    '/dinh-danh',
    {
      config: { permission: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const next = safeReturnPath((request.query as { next?: string }).next);
      return reply.type(htmlType).send(
        identifyPage(pageContext(request, options.demo), { recipient: '', next }, [], {
          oidcEnabled: service.oidcEnabled,
          ttlMinutes: service.otpTtlMinutes,
          citizen: request.citizen,
        }),
      );
    },
  );

  app.post(
    '/dinh-danh/ma',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          recipient: Type.String({ maxLength: 254 }),
          next: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { recipient: string; next?: string };
      const next = safeReturnPath(body.next);
      try {
        const sent = await service.requestOtp(
          { recipient: body.recipient, returnTo: next, lang: lang(request) },
          clock.now(),
        );
        return reply.redirect(`/dinh-danh/xac-minh/${sent.challengeId}`, 303);
      } catch (error) {
        if (!isAppError(error) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'RATE_LIMITED'))
          throw error;
        const errors: FieldError[] = [
          {
            field: 'recipient',
            message:
              error.code === 'RATE_LIMITED'
                ? request.lang === 'vi'
                  ? 'Đã gửi quá nhiều mã đến địa chỉ này trong một giờ. Vui lòng thử lại sau.'
                  : 'Too many codes were sent to this address in the last hour. Try again later.'
                : request.lang === 'vi'
                  ? 'Nhập địa chỉ e-mail hoặc số điện thoại di động Việt Nam, ví dụ 0912 345 678'
                  : 'Enter an e-mail address or a Vietnamese mobile number, like 0912 345 678',
          },
        ];
        return reply
          .code(error.status)
          .type(htmlType)
          .send(
            identifyPage(pageContext(request, options.demo), { recipient: body.recipient, next }, errors, {
              oidcEnabled: service.oidcEnabled,
              ttlMinutes: service.otpTtlMinutes,
              citizen: request.citizen,
            }),
          );
      }
    },
  );

  const ChallengeParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

  app.get(
    '/dinh-danh/xac-minh/:id',
    { config: { permission: 'public' }, schema: { hide: true, params: ChallengeParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const challenge = await service.challenge(id);
      if (!challenge) throw new AppError('IDENTITY_OTP_EXPIRED');
      return reply
        .type(htmlType)
        .send(
          verifyPage(
            pageContext(request, options.demo),
            { id, sentTo: challenge.sentTo, ttlMinutes: service.otpTtlMinutes },
            { code: '' },
            [],
          ),
        );
    },
  );

  app.post(
    '/dinh-danh/xac-minh/:id',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        hide: true,
        params: ChallengeParams,
        body: Type.Object({ _csrf: Type.Optional(Type.String()), code: Type.String({ maxLength: 20 }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { code } = request.body as { code: string };
      const challenge = await service.challenge(id);
      if (!challenge) throw new AppError('IDENTITY_OTP_EXPIRED');
      try {
        const done = await service.verifyOtp(id, code, clock.now());
        setCitizenCookie(reply, done.token, done.citizen.expiresAt);
        return reply.redirect(done.returnTo, 303);
      } catch (error) {
        if (!isAppError(error) || !error.code.startsWith('IDENTITY_OTP_')) throw error;
        const left = (error.details as { attemptsLeft?: number } | undefined)?.attemptsLeft;
        const text =
          message(request, error) +
          (left !== undefined
            ? request.lang === 'vi'
              ? ` Còn ${left} lần thử.`
              : ` ${left} attempts left.`
            : '');
        return reply
          .code(error.status)
          .type(htmlType)
          .send(
            verifyPage(
              pageContext(request, options.demo),
              { id, sentTo: challenge.sentTo, ttlMinutes: service.otpTtlMinutes },
              { code },
              [{ field: 'code', message: text }],
            ),
          );
      }
    },
  );

  app.get(
    '/dinh-danh/oidc',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        hide: true,
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const url = await service.startOidc((request.query as { next?: string }).next, clock.now());
      return reply.redirect(url, 303);
    },
  );

  app.get(
    '/dinh-danh/oidc/callback',
    {
      config: { permission: 'public', rateLimit },
      schema: { hide: true },
    },
    async (request, reply) => {
      const callback = new URL(redirectUri);
      callback.search = new URL(request.url, 'http://x').search;
      try {
        const done = await service.finishOidc(callback, clock.now());
        setCitizenCookie(reply, done.token, done.citizen.expiresAt);
        return reply.redirect(done.returnTo, 303);
      } catch (error) {
        if (isAppError(error) && error.code === 'IDENTITY_OIDC_FAILED')
          request.log.warn(
            { event: 'oidc_login_failed', reason: (error.details as { reason?: string })?.reason },
            'OIDC login failed',
          );
        throw error;
      }
    },
  );

  app.post(
    '/dinh-danh/thoat',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const token = request.cookies[CITIZEN_COOKIE];
      if (token) await service.endSession(token, clock.now());
      void reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return reply.redirect('/', 303);
    },
  );

  // ------------------------------------------------------------ API

  app.post(
    '/api/v1/public/identity/otp',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: ['portal'],
        summary: 'Send a one-time code (6 digits, 10 minutes) to an e-mail address or a phone',
        description:
          'The channel follows the recipient: an address with @ gets an e-mail, a Vietnamese phone number an SMS. ' +
          'At most MOTCUA_OTP_MAX_PER_HOUR codes per recipient per hour (429 RATE_LIMITED), and the public per-IP limit.',
        security: [],
        body: Type.Object(
          {
            recipient: Type.String({ minLength: 1, maxLength: 254 }),
            lang: Type.Optional(Type.String({ enum: ['vi', 'en'] })),
            returnTo: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as { recipient: string; lang?: 'vi' | 'en'; returnTo?: string };
      const sent = await service.requestOtp(
        { recipient: body.recipient, returnTo: body.returnTo, lang: body.lang ?? lang(request) },
        clock.now(),
      );
      return reply.code(202).send({
        challengeId: sent.challengeId,
        channel: sent.channel,
        sentTo: sent.sentTo,
        expiresAt: sent.expiresAt.toISOString(),
      });
    },
  );

  app.post(
    '/api/v1/public/identity/otp/verify',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: ['portal'],
        summary: 'Check a one-time code; answers a citizen token (header X-Citizen-Token)',
        description:
          'Wrong code: 400 IDENTITY_OTP_INVALID with details.attemptsLeft; too many: 429 IDENTITY_OTP_LOCKED; ' +
          'expired or used: 410 IDENTITY_OTP_EXPIRED.',
        security: [],
        body: Type.Object(
          {
            challengeId: Type.String({ maxLength: 64 }),
            code: Type.String({ maxLength: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const body = request.body as { challengeId: string; code: string };
      const done = await service.verifyOtp(body.challengeId, body.code, clock.now());
      return {
        token: done.token,
        method: done.citizen.method,
        expiresAt: done.citizen.expiresAt.toISOString(),
      };
    },
  );
}

export const identityRoutes = fp(identity, { name: 'motcua-identity', fastify: '5.x' });
