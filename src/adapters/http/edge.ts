/**
 * The HTTP edge, as one encapsulation-free plugin: request language, security headers, the single
 * error handler (RFC 7807 for the API, an HTML page for pages), authentication by session cookie or
 * bearer token, the declared permission of every route, and CSRF protection for cookie sessions.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomSecret } from '../crypto/password.ts';
import { AppError, isAppError, type ErrorCode, type InvalidParam } from '../../kernel/errors.ts';
import { hasPermission, PERMISSIONS, type Actor, type Permission } from '../../modules/access/domain.ts';
import type { AccessService } from '../../modules/access/access.service.ts';
import { pickLanguage, type Lang } from './i18n.ts';
import { makeProblem } from './problem.ts';
import type { Metrics } from './metrics.ts';
import { html } from '../../views/html.ts';
import { page } from '../../views/layout.ts';
import { t } from '../../views/messages.ts';

export const SESSION_COOKIE = 'motcua_session';
export const CSRF_COOKIE = 'motcua_csrf';
export const LANG_COOKIE = 'lang';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | undefined;
    /** How the actor was authenticated: cookie sessions need CSRF tokens, bearer tokens do not. */
    authVia: 'cookie' | 'bearer' | undefined;
    sessionToken: string | undefined;
    /** The CSRF token forms on this page must carry. */
    csrfToken: string;
  }
  interface FastifyContextConfig {
    /** The permission this route requires (every route declares one; `public` for open routes). */
    permission?: Permission;
    /** Skip the CSRF check (only for routes that are not cookie-authenticated, e.g. the JSON login). */
    csrfExempt?: boolean;
  }
}

export interface EdgeOptions {
  readonly access: AccessService;
  readonly metrics: Metrics;
  readonly demo: boolean;
  readonly cookieSecure: boolean;
  readonly now: () => Date;
  /** Filled with every route and its permission as routes are added (for the access-control tests and docs). */
  readonly routeTable: RouteEntry[];
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly permission: Permission;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The content types an HTML form on another site can POST without a CORS preflight. */
const CROSS_SITE_FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  return (
    accept.includes('text/html') ||
    (!accept.includes('json') &&
      request.method === 'GET' &&
      !request.url.startsWith('/health') &&
      !request.url.startsWith('/metrics'))
  );
}

function mapFrameworkError(error: FastifyError): { code: ErrorCode; invalidParams?: InvalidParam[] } {
  if (error.validation) {
    return {
      code: 'VALIDATION_FAILED',
      invalidParams: error.validation.map((v) => ({
        name: `${error.validationContext ?? 'body'}${v.instancePath || ''}${(v.params as { missingProperty?: string }).missingProperty ? `/${(v.params as { missingProperty?: string }).missingProperty}` : ''}`,
        reason: v.message ?? 'invalid',
      })),
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'UNSUPPORTED_MEDIA_TYPE' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return { code: 'BAD_REQUEST' };
    default:
      break;
  }
  if (error.statusCode === 429) return { code: 'RATE_LIMITED' };
  if (error instanceof SyntaxError || error.statusCode === 400) return { code: 'BAD_REQUEST' };
  if (error.statusCode === 413) return { code: 'PAYLOAD_TOO_LARGE' };
  if (error.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE' };
  if (isDatabaseUnavailable(error)) return { code: 'SERVICE_UNAVAILABLE' };
  if (isDataException(error)) return { code: 'BAD_REQUEST' };
  return { code: 'INTERNAL' };
}

/**
 * PostgreSQL "data exceptions" (SQLSTATE class 22): a value the route's schema let through that the
 * database cannot hold — a NUL character in text (22021), year 0 or 99999 in a date (22008), a
 * number out of range (22003). The request is at fault, so 400 BAD_REQUEST rather than a 500; the
 * edge logs it (warn) so the route's schema can be tightened.
 */
export function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: unknown } | undefined;
  if (typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
  return e?.cause !== undefined && e.cause !== error ? isDataException(e.cause) : false;
}

/**
 * Fastify's `frameworkErrors` option (set in src/app.ts): failures raised before routing — a URL with
 * a malformed percent-encoding (`/api/v1/dossiers/%%`), an over-long path parameter — would otherwise
 * be answered by Fastify itself with a non-problem JSON body that echoes the URL. Hooks have not run
 * for these requests, so the language comes from Accept-Language alone.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.lang = pickLanguage(undefined, undefined, request.headers['accept-language']);
  const mapped = mapFrameworkError(error);
  if (mapped.code === 'INTERNAL')
    request.log.error(
      { err: loggableError(error), event: 'request_failed', code: mapped.code },
      'request failed',
    );
  void sendProblem(request, reply, new AppError(mapped.code, { invalidParams: mapped.invalidParams }));
}

/** Driver error fields that quote stored or submitted values (personal data): never logged. */
const VALUE_FIELDS = new Set(['params', 'detail', 'where', 'parameters', 'body', 'values']);

/**
 * An error as the log may see it: type, message, code, stack and cause, without the values a query
 * carried. Drizzle's DrizzleQueryError puts the query's parameters in its message (`params: …`) and in
 * `params`; PostgreSQL's `detail` quotes the conflicting row (`Key (username)=(…)`).
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error) || depth > 4) return { message: String(error).split('\nparams:')[0] };
  let message = error.message.split('\nparams:')[0] ?? '';
  // PostgreSQL quotes the rejected value at the end: `invalid input syntax for type uuid: "…"`.
  if (typeof (error as { code?: unknown }).code === 'string') message = message.replace(/: ".*"$/s, ': "…"');
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = {
    type: error.name,
    message,
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
  };
  for (const [key, value] of Object.entries(error)) {
    if (VALUE_FIELDS.has(key) || key === 'cause') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  if (error.cause !== undefined && error.cause !== error) out.cause = loggableError(error.cause, depth + 1);
  return out;
}

function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: unknown } | undefined;
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return e?.cause !== undefined && e.cause !== error ? sqlStateOf(e.cause) : undefined;
}

/** Connection-level database failures (server restarting, pool exhausted) are 503, not 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  const code = e?.code ?? '';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
      '08001',
      '08004',
    ].includes(code)
  )
    return true;
  const message = e?.message ?? '';
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
      message,
    )
  )
    return true;
  return e?.cause !== undefined && e.cause !== error ? isDatabaseUnavailable(e.cause) : false;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const problem = makeProblem(error.code, request.lang ?? 'vi', {
    detail:
      error.status >= 500
        ? undefined
        : error.message !== makeProblem(error.code, 'en').title
          ? error.message
          : undefined,
    instance: request.url.split('?')[0],
    invalidParams: error.invalidParams,
    extra: error.details && error.status < 500 ? { details: error.details } : undefined,
  });
  if (error.code === 'RATE_LIMITED' || error.code === 'AUTH_LOCKED') {
    const retry = Number(
      (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60,
    );
    void reply.header('retry-after', String(retry));
  }
  if (error.code === 'SERVICE_UNAVAILABLE') void reply.header('retry-after', '5');
  if (wantsHtml(request)) {
    const body = html`<h1>${problem.title}</h1>
      ${problem.detail ? html`<p>${problem.detail}</p>` : ''}
      <p><a href="/">${t(request.lang ?? 'vi', 'home')}</a></p>`;
    return reply
      .code(problem.status)
      .type('text/html; charset=utf-8')
      .send(
        page(
          {
            lang: request.lang ?? 'vi',
            actor: request.actor,
            csrfToken: request.csrfToken ?? '',
            demo: false,
            path: request.url,
          },
          problem.title,
          body,
        ),
      );
  }
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** The coerced values of a query string or path that are numbers but not finite ones. */
export function nonFiniteNumbers(context: string, values: unknown): InvalidParam[] {
  if (typeof values !== 'object' || values === null) return [];
  const invalid: InvalidParam[] = [];
  for (const [name, value] of Object.entries(values)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item === 'number' && !Number.isFinite(item)))
      invalid.push({ name: `${context}/${name}`, reason: 'must be a finite number' });
  }
  return invalid;
}

async function edge(app: FastifyInstance, options: EdgeOptions): Promise<void> {
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('actor', undefined);
  app.decorateRequest('authVia', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('csrfToken', '');

  // Every route declares its permission; a route without one is a programming error caught at start-up.
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: Permission };
    if (route.url.startsWith('/api/v1/docs')) {
      route.config = { ...config, permission: 'public' } as typeof route.config;
      return;
    }
    if (!config.permission)
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    if (!(config.permission in PERMISSIONS))
      throw new Error(`route ${route.url}: unknown permission ${config.permission}`);
    for (const method of ([] as string[]).concat(route.method)) {
      if (method !== 'HEAD')
        options.routeTable.push({ method, url: route.url, permission: config.permission });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLanguage(
      request.query,
      request.cookies[LANG_COOKIE],
      request.headers['accept-language'],
    );
    const q = (request.query as { lang?: string } | undefined)?.lang;
    if ((q === 'vi' || q === 'en') && request.cookies[LANG_COOKIE] !== q) {
      void reply.setCookie(LANG_COOKIE, q, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 31_536_000,
        secure: options.cookieSecure,
      });
    }
    const authorization = request.headers.authorization;
    const now = options.now();
    if (authorization?.startsWith('Bearer ')) {
      const found = await options.access.authenticate(authorization.slice(7).trim(), now);
      if (!found)
        throw new AppError('AUTH_REQUIRED', { detail: 'The bearer token is not valid or has expired.' });
      request.actor = found.actor;
      request.authVia = 'bearer';
      request.sessionToken = authorization.slice(7).trim();
      request.csrfToken = found.csrfToken;
      return;
    }
    const cookieToken = request.cookies[SESSION_COOKIE];
    if (cookieToken) {
      const found = await options.access.authenticate(cookieToken, now);
      if (found) {
        request.actor = found.actor;
        request.authVia = 'cookie';
        request.sessionToken = cookieToken;
        request.csrfToken = found.csrfToken;
        return;
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    // Anonymous: a double-submit CSRF cookie protects anonymous forms (login, public forms).
    let anon = request.cookies[CSRF_COOKIE];
    if (!anon || !/^[A-Za-z0-9_-]{20,64}$/.test(anon)) {
      // A safe request to the JSON API renders no form and is never checked: it gets no cookie (one
      // random secret and one Set-Cookie less on every public lookup); its token stays empty, and
      // only unsafe methods are ever checked.
      if (!UNSAFE.has(request.method) && request.url.startsWith('/api/')) return;
      anon = randomSecret(24);
      void reply.setCookie(CSRF_COOKIE, anon, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: options.cookieSecure,
      });
    }
    request.csrfToken = anon;
  });

  // preValidation: after parsing, before schema validation, so a caller without access learns nothing from validation errors.
  app.addHook('preValidation', async (request) => {
    const permission = request.routeOptions.config.permission ?? 'public';
    if (permission !== 'public') {
      if (!request.actor) throw new AppError('AUTH_REQUIRED');
      if (!hasPermission(request.actor, permission)) throw new AppError('FORBIDDEN');
    }
    if (UNSAFE.has(request.method) && request.authVia !== 'bearer') {
      // Cookie sessions and anonymous forms must echo the token (hidden field or header).
      const body = request.body as { _csrf?: unknown } | undefined;
      const sent =
        (typeof body === 'object' && body !== null ? body._csrf : undefined) ??
        request.headers['x-csrf-token'];
      // A body another site's HTML form can send always needs the token, cookies or not: SameSite=Lax
      // keeps the cookies off a cross-site POST, so "no cookie" does not mean "no browser" — without
      // this, a cross-site form could sign the victim in to the attacker's account (login CSRF).
      const crossSiteForm = CROSS_SITE_FORM_TYPES.test(String(request.headers['content-type'] ?? ''));
      const exempt = request.routeOptions.config.csrfExempt === true && !crossSiteForm;
      if (
        !exempt &&
        (crossSiteForm || request.authVia === 'cookie' || request.headers.cookie || typeof sent === 'string')
      ) {
        if (typeof sent !== 'string' || sent !== request.csrfToken) throw new AppError('AUTH_CSRF_INVALID');
      }
    }
  });

  // Ajv coerces a query or path string such as "1e309" or "-Infinity" to ±Infinity and then skips
  // the number's own keywords (minimum, maximum, integer), which apply only to finite numbers: the
  // value would reach the handler unchecked. A JSON body cannot carry one (strict numbers refuse it).
  app.addHook('preHandler', async (request) => {
    const invalid = [
      ...nonFiniteNumbers('querystring', request.query),
      ...nonFiniteNumbers('params', request.params),
    ];
    if (invalid.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: invalid });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      );
    }
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('permissions-policy', 'camera=(self), geolocation=(), microphone=()');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.actor && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    void reply.header('x-request-id', request.id);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    options.metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500)
        request.log.error(
          { err: loggableError(error), event: 'request_failed', code: error.code },
          'request failed',
        );
      return sendProblem(request, reply, error);
    }
    const mapped = mapFrameworkError(error as FastifyError);
    if (mapped.code === 'INTERNAL' || mapped.code === 'SERVICE_UNAVAILABLE') {
      request.log.error(
        { err: loggableError(error), event: 'request_failed', code: mapped.code },
        'request failed',
      );
    } else if (isDataException(error)) {
      // No err object: the driver's message may quote the offending value (personal data).
      request.log.warn(
        { event: 'data_exception', sqlstate: sqlStateOf(error), route: request.routeOptions.url },
        'value rejected by the database',
      );
    }
    return sendProblem(request, reply, new AppError(mapped.code, { invalidParams: mapped.invalidParams }));
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError('NOT_FOUND')));
}

export const edgePlugin = fp(edge, { name: 'motcua-edge', fastify: '5.x' });
