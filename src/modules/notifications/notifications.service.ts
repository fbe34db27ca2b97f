/**
 * Notifications for staff: the list of messages with their delivery status (recipients masked) and
 * the requeue of a message that failed or gave up. Scope: a grant with an empty scope sees every
 * message; a scoped grant (e.g. a manager of one district) sees the messages of the dossiers of
 * the service points it covers (the service point is the dossier code's prefix).
 */
import type { Database } from '../../adapters/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { mayAccess, PERMISSIONS, type Actor, type Permission, type Role } from '../access/domain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { OrgService } from '../org/org.service.ts';
import {
  maskRecipient,
  RETRYABLE_BY_STAFF,
  type NotificationChannel,
  type NotificationStatus,
} from './domain.ts';
import * as repo from './notifications.repository.ts';

/** A message as staff see it: no body, recipient masked. */
export interface NotificationView {
  readonly id: number;
  readonly createdAt: string;
  readonly topic: string;
  readonly dossierCode: string | null;
  readonly channel: string;
  /** Masked: `n***@gmail.com`, `09******12`. */
  readonly recipient: string;
  readonly template: string;
  readonly language: string;
  readonly subject: string | null;
  readonly status: string;
  readonly attempts: number;
  /** When the next automatic attempt is due (queued messages only). */
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  readonly providerMessageId: string | null;
}

/** One page of the staff list. */
export interface NotificationPage {
  readonly items: NotificationView[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** Messages per status, within the caller's scope. */
  readonly counts: Record<NotificationStatus, number>;
  /** Queued messages per channel, within the caller's scope. */
  readonly queuedByChannel: Record<NotificationChannel, number>;
}

/** Outbox events that could not be turned into messages (topic and error only). */
export interface StuckEventView {
  readonly outboxId: number;
  readonly topic: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Presents a stored message for staff (masks the recipient, drops the body). */
export function presentMessage(row: repo.NotificationRow): NotificationView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    topic: row.topic,
    dossierCode: row.dossierCode,
    channel: row.channel,
    recipient: maskRecipient(row.channel === 'email' ? 'email' : 'sms', row.recipient),
    template: row.template,
    language: row.language,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    lastError: row.lastError,
    sentAt: iso(row.sentAt),
    providerMessageId: row.providerMessageId,
  };
}

/** Staff use cases of the notifications module. */
export class NotificationService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
  ) {}

  /**
   * The service points whose messages the actor may see under `permission`; undefined when a grant
   * holding it has an empty scope (everything).
   */
  async visibleServicePoints(actor: Actor, permission: Permission, now: Date): Promise<string[] | undefined> {
    const roles: readonly Role[] = permission === 'public' ? [] : PERMISSIONS[permission].roles;
    const grants = actor.grants.filter((g) => roles.includes(g.role));
    if (grants.some((g) => Object.values(g.scope).every((v) => v === undefined))) return undefined;
    const at = localDateOf(now);
    const codes = await repo.distinctServicePoints(this.database.db);
    const visible: string[] = [];
    for (const code of codes) {
      const location = await this.org.servicePointLocation(code, at).catch(() => undefined);
      if (location && mayAccess(actor, permission, location)) visible.push(code);
    }
    return visible;
  }

  /** A page of messages, newest first, optionally of one status. */
  async list(
    actor: Actor,
    query: { status?: NotificationStatus | undefined; page: number; pageSize: number },
    now: Date,
  ): Promise<NotificationPage> {
    const servicePoints = await this.visibleServicePoints(actor, 'notifications.read', now);
    const { rows, total } = await repo.listMessages(this.database.db, {
      status: query.status,
      servicePoints,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const byStatus = await repo.countByStatus(this.database.db, servicePoints);
    const byChannel = await repo.countQueuedByChannel(this.database.db, servicePoints);
    return {
      items: rows.map(presentMessage),
      page: query.page,
      pageSize: query.pageSize,
      total,
      counts: {
        queued: byStatus.queued ?? 0,
        sent: byStatus.sent ?? 0,
        failed: byStatus.failed ?? 0,
        gave_up: byStatus.gave_up ?? 0,
      },
      queuedByChannel: { email: byChannel.email ?? 0, sms: byChannel.sms ?? 0 },
    };
  }

  /** Outbox events waiting because they could not be made into messages (shown on the staff page). */
  async stuckEvents(limit = 20): Promise<StuckEventView[]> {
    const rows = await repo.listStuckOutbox(this.database.db, limit);
    return rows.map((r) => ({
      outboxId: r.id,
      topic: r.topic,
      createdAt: r.createdAt.toISOString(),
      attempts: r.attempts,
      nextAttemptAt: r.availableAt.toISOString(),
      lastError: r.lastError,
    }));
  }

  /**
   * Puts a `failed` or `gave_up` message back in the queue with a fresh set of attempts, due now;
   * audited (`notification.requeued`, with the status, attempts and error it had).
   */
  async retry(actor: Actor, id: number, now: Date): Promise<NotificationView> {
    const servicePoints = await this.visibleServicePoints(actor, 'notifications.retry', now);
    return this.database.transaction(async (tx) => {
      const row = await repo.findMessageForUpdate(tx, id);
      if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', { details: { id } });
      if (
        servicePoints !== undefined &&
        (row.servicePointCode === null || !servicePoints.includes(row.servicePointCode))
      )
        throw new AppError('FORBIDDEN');
      if (!(RETRYABLE_BY_STAFF as readonly string[]).includes(row.status))
        throw new AppError('NOTIFICATION_NOT_RETRYABLE', { details: { id, status: row.status } });
      await repo.requeue(tx, id, now);
      await appendAudit(tx, { id: actor.userId, label: actor.username }, now, [
        {
          action: 'notification.requeued',
          entityType: 'notification_message',
          entityId: String(id),
          change: {
            status: { from: row.status, to: 'queued' },
            attempts: row.attempts,
            lastError: row.lastError,
          },
        },
      ]);
      const updated = await repo.findMessage(tx, id);
      return presentMessage(updated ?? row);
    });
  }
}
