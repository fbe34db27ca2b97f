/**
 * Notifications over HTTP for staff: the list with delivery status (recipients masked, no bodies),
 * the requeue of a failed / gave-up message, and the page /admin/notifications.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { hasPermission } from '../access/domain.ts';
import { pageContext } from '../access/access.routes.ts';
import { STATUSES, type NotificationChannel, type NotificationStatus } from './domain.ts';
import type { NotificationService } from './notifications.service.ts';
import { notificationsPage } from './views/notifications.views.ts';

/** What the routes need. */
export interface NotificationRoutesOptions {
  readonly notifications: NotificationService;
  readonly clock: Clock;
  readonly demo: boolean;
  /** Channels that have a transport (the page says which channel waits for configuration). */
  readonly channels: readonly NotificationChannel[];
}

const Instant = Type.Union([Type.String(), Type.Null()]);

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String(),
  topic: Type.String(),
  dossierCode: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String({ enum: ['email', 'sms'] }),
  recipient: Type.String({ description: 'Masked: `n***@gmail.com`, `09******12`' }),
  template: Type.String(),
  language: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ enum: [...STATUSES] }),
  attempts: Type.Integer(),
  nextAttemptAt: Instant,
  lastAttemptAt: Instant,
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: Instant,
  providerMessageId: Type.Union([Type.String(), Type.Null()]),
});

const Counts = Type.Object({
  queued: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  gave_up: Type.Integer(),
});

const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

const isStatus = (v: string | undefined): v is NotificationStatus =>
  v !== undefined && (STATUSES as readonly string[]).includes(v);

/** Registers the notification routes. */
export async function notificationRoutes(
  app: FastifyInstance,
  options: NotificationRoutesOptions,
): Promise<void> {
  const { notifications, clock } = options;

  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'notifications.read' },
      schema: {
        tags: ['notifications'],
        summary: 'Notifications to applicants and their delivery status (recipients masked)',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...STATUSES] })),
          page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(NotificationSchema),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            total: Type.Integer(),
            counts: Counts,
            queuedByChannel: Type.Object({ email: Type.Integer(), sms: Type.Integer() }),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { status?: NotificationStatus; page: number; pageSize: number };
      return notifications.list(request.actor!, q, clock.now());
    },
  );

  app.post(
    '/api/v1/notifications/:id/retry',
    {
      config: { permission: 'notifications.retry' },
      schema: {
        tags: ['notifications'],
        summary: 'Requeue a notification that failed or gave up (fresh attempts, due now; audited)',
        params: IdParam,
        response: { 200: NotificationSchema },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      return notifications.retry(request.actor!, id, clock.now());
    },
  );

  // ---------------------------------------------------------------- page

  app.get(
    '/admin/notifications',
    {
      config: { permission: 'notifications.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 10 })),
          page: Type.Optional(Type.String({ maxLength: 6 })),
          requeued: Type.Optional(Type.String({ maxLength: 16 })),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { status?: string; page?: string; requeued?: string };
      const status = isStatus(q.status) ? q.status : undefined;
      const pageNumber = Math.max(1, Math.min(100_000, Number.parseInt(q.page ?? '1', 10) || 1));
      const data = await notifications.list(
        request.actor!,
        { status, page: pageNumber, pageSize: 50 },
        clock.now(),
      );
      const requeued = Number.parseInt(q.requeued ?? '', 10);
      return reply.type('text/html; charset=utf-8').send(
        notificationsPage(pageContext(request, options.demo), data, {
          status,
          canRetry: hasPermission(request.actor!, 'notifications.retry'),
          requeued: Number.isSafeInteger(requeued) && requeued > 0 ? requeued : undefined,
          channels: options.channels,
          stuck: await notifications.stuckEvents(),
        }),
      );
    },
  );

  app.post(
    '/admin/notifications/:id/retry',
    {
      config: { permission: 'notifications.retry' },
      schema: { hide: true, params: IdParam, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      await notifications.retry(request.actor!, id, clock.now());
      return reply.redirect(`/admin/notifications?requeued=${id}`, 303);
    },
  );
}
