/**
 * Builds the Fastify application (no listening: tests use `app.inject()`, main.ts listens).
 * Load order as in Fastify's guide: ecosystem plugins, our edge plugin, then the modules' routes.
 */
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { Database } from './adapters/db/database.ts';
import { edgePlugin, frameworkErrors, type RouteEntry } from './adapters/http/edge.ts';
import { Metrics } from './adapters/http/metrics.ts';
import { bufferedLog } from './adapters/log-destination.ts';
import type { Config } from './config.ts';
import type { Clock } from './kernel/clock.ts';
import { AppError } from './kernel/errors.ts';
import { AccessService } from './modules/access/access.service.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { OrgService } from './modules/org/org.service.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { platformRoutes } from './modules/platform/platform.routes.ts';
import { CatalogService } from './modules/catalog/catalog.service.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { NotificationService } from './modules/notifications/notifications.service.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { CalendarModuleSource } from './modules/dossiers/calendar-source.ts';
import { DossierService } from './modules/dossiers/dossiers.service.ts';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.ts';
import { dossierPages } from './modules/dossiers/dossiers.pages.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import type { ProcedureSource } from './modules/dossiers/procedure-source.ts';
import { DossierServiceDesk } from './modules/postal/dossier-desk.ts';
import { PostalService } from './modules/postal/postal.service.ts';
import { postalRoutes } from './modules/postal/postal.routes.ts';
import { OidcRelyingParty } from './adapters/oidc/oidc-client.ts';
import { IdentityService } from './modules/identity/identity.service.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { SubmissionService } from './modules/portal/submission.service.ts';
import { submissionRoutes } from './modules/portal/submission.routes.ts';
import { portalHomeRoutes } from './modules/portal/home.routes.ts';
import { OperationsService } from './modules/operations/operations.service.ts';
import { operationsRoutes } from './modules/operations/operations.routes.ts';
import { FeedbackService } from './modules/feedback/feedback.service.ts';
import { feedbackRoutes } from './modules/feedback/feedback.routes.ts';
import { feedbackPages } from './modules/feedback/feedback.pages.ts';
import { PortalService } from './modules/portal/portal.service.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { ReportsService } from './modules/reports/reports.service.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';

export interface AppDependencies {
  readonly database: Database;
  readonly clock: Clock;
  readonly config: Config;
  /** false in tests that don't want request logs. */
  readonly logger?: boolean;
  /** Procedure versions for intake; default the catalog (tests may pass an in-memory source). */
  readonly procedures?: ProcedureSource;
}

export interface AppServices {
  readonly access: AccessService;
  readonly org: OrgService;
  /** The procedure catalog; also the default procedure source of the dossiers module. */
  readonly catalog: CatalogService;
  readonly notifications: NotificationService;
  readonly calendar: CalendarService;
  readonly dossiers: DossierService;
  readonly procedures: ProcedureSource;
  /** Public postal service (QĐ 45/2016): pickup, delivery, couriers, custody, cash. */
  readonly postal: PostalService;
  /** Monthly TTHC report, dashboard, QĐ 766 index; keeps its aggregates through the dossiers' hook. */
  readonly reports: ReportsService;
  readonly metrics: Metrics;
  readonly routes: readonly RouteEntry[];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type MotCuaApp = FastifyInstance & { services: AppServices };

/**
 * One log line per request, written when it is answered (method, route, status, time), instead of
 * a line on arrival too: half the logging work on the hot path, nothing lost.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(deps: AppDependencies): Promise<MotCuaApp> {
  const { database, clock, config } = deps;
  const log = deps.logger === false ? undefined : bufferedLog(config.logBufferBytes);
  const app = Fastify({
    logger:
      log === undefined
        ? false
        : {
            level: config.logLevel,
            stream: log.stream,
            // No personal data in logs: no query strings, bodies, cookies or authorization headers.
            serializers: {
              req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched', id: req.id }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    logController: new OneLinePerRequest(),
    // Malformed URLs and over-long parameters are answered as problems too (edge.ts).
    frameworkErrors,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  // The last buffered log lines are written before close() returns (main.ts then exits).
  if (log) app.addHook('onClose', async () => log.close());
  const metrics = new Metrics();
  const routeTable: RouteEntry[] = [];
  const org = new OrgService(database);
  const notifications = new NotificationService(database, org);
  const calendar = new CalendarService(database);
  const access = new AccessService(
    database,
    {
      sessionHours: config.sessionHours,
      loginMaxFailures: config.loginMaxFailures,
      loginLockMinutes: config.loginLockMinutes,
    },
    (scope) => org.checkScope(scope),
  );
  const catalog = new CatalogService(database);
  const procedures = deps.procedures ?? catalog;
  const reports = new ReportsService(database, org, new CalendarModuleSource(calendar));
  const dossiers = new DossierService(
    database,
    org,
    procedures,
    new CalendarModuleSource(calendar),
    reports.onDossierChange,
  );
  const postal = new PostalService(database, org, new DossierServiceDesk(dossiers, database));
  const operations = new OperationsService(database, org);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MotCua API',
        version: '1',
        description:
          'One-stop counter services run by the post office. Errors are RFC 7807 problem details with a stable `code` (docs/errors.md).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true });
  await app.register(edgePlugin, {
    access,
    metrics,
    demo: config.demo,
    cookieSecure: config.cookieSecure,
    now: () => clock.now(),
    routeTable,
  });

  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const publicRateLimit = { max: config.rateLimitPublicPerMinute, timeWindow: 60_000 };
  await app.register(platformRoutes, { database, metrics, demo: config.demo });
  await app.register(accessRoutes, {
    access,
    clock,
    demo: config.demo,
    cookieSecure: config.cookieSecure,
    loginRateLimitPerMinute: config.rateLimitLoginPerMinute,
  });
  await app.register(orgRoutes, { org, database, clock, demo: config.demo, publicRateLimit });
  await app.register(catalogRoutes, { catalog, clock, demo: config.demo, publicRateLimit });
  await app.register(notificationRoutes, {
    notifications,
    clock,
    demo: config.demo,
    channels: [...(config.smtp ? (['email'] as const) : []), ...(config.sms ? (['sms'] as const) : [])],
  });
  await app.register(calendarRoutes, { calendar, clock, demo: config.demo, publicRateLimit });
  await app.register(dossierRoutes, { dossiers, clock });
  await app.register(documentRoutes, { dossiers, clock, publicBaseUrl: config.publicBaseUrl });
  await app.register(dossierPages, {
    dossiers,
    org,
    catalog,
    calendars: new CalendarModuleSource(calendar),
    database,
    clock,
    demo: config.demo,
    counterTime: operations,
  });

  await app.register(postalRoutes, { postal, org, clock, demo: config.demo, publicRateLimit });
  // Citizen portal: identification (one-time code, OpenID Connect), online submission, contact points.
  const oidc = config.citizen.oidc
    ? new OidcRelyingParty(
        config.citizen.oidc,
        `${config.publicBaseUrl.replace(/\/+$/, '')}/dinh-danh/oidc/callback`,
      )
    : undefined;
  await app.register(identityRoutes, {
    identity: new IdentityService(database, config.citizen, oidc),
    clock,
    demo: config.demo,
    cookieSecure: config.cookieSecure,
    publicBaseUrl: config.publicBaseUrl,
    publicRateLimit,
  });
  await app.register(submissionRoutes, {
    submissions: new SubmissionService(database, org, procedures, new CalendarModuleSource(calendar)),
    catalog,
    clock,
    demo: config.demo,
  });
  await app.register(portalHomeRoutes, { org, clock, demo: config.demo });
  await app.register(operationsRoutes, {
    operations,
    clock,
    demo: config.demo,
    publicRateLimit,
  });
  const feedback = new FeedbackService(database, org, new CalendarModuleSource(calendar));
  await app.register(feedbackRoutes, { feedback, clock, publicRateLimit });
  await app.register(feedbackPages, {
    feedback,
    org,
    clock,
    demo: config.demo,
    publicRateLimit,
    cookieSecure: config.cookieSecure,
  });
  await app.register(portalRoutes, {
    portal: new PortalService(database, postal),
    clock,
    demo: config.demo,
    publicRateLimit,
    perCodeRateLimit: { max: config.rateLimitLookupPerCode, timeWindow: 15 * 60_000 },
  });

  await app.register(reportsRoutes, { reports, clock, demo: config.demo });

  await app.ready();
  return Object.assign(app as unknown as FastifyInstance, {
    services: {
      access,
      org,
      catalog,
      notifications,
      calendar,
      dossiers,
      procedures,
      postal,
      reports,
      metrics,
      routes: routeTable,
    },
  });
}
