/**
 * The notification dispatcher: a loop (every `intervalMs`, and `drainOnce()` for tests) in two steps.
 *
 * 1. **Outbox → messages.** In one transaction it claims due outbox rows (FOR UPDATE SKIP LOCKED),
 *    renders each handled topic into one `notification_message` per channel × recipient, and marks
 *    the outbox row delivered — all or nothing, and idempotent (a unique key per event × channel ×
 *    recipient × template). Topics it does not handle are marked delivered with no message. A payload
 *    it cannot use stays in the outbox (`markOutboxFailed`, the outbox's own backoff) and is shown to staff.
 * 2. **Messages → providers.** It claims due `queued` messages on the channels that have a transport,
 *    records the attempt (attempts + 1, a lease in `next_attempt_at`) and commits *before* sending,
 *    sends outside any transaction, then records the outcome. A retryable failure leaves the message
 *    `queued` until `now + retryDelayMs(attempts)`; after `maxAttempts` it is `gave_up`; a permanent
 *    refusal is `failed`. Nothing is deleted, so nothing is lost.
 *
 * Delivery is at-least-once: if the process dies after the provider accepted a message and before
 * `sent` is recorded, the lease expires and the message is sent again (same `reference`, so a gateway
 * or mail client can tell). A channel with no transport (no SMTP host, no SMS URL) is not claimed:
 * its messages stay `queued`, visible to staff, and go out once the transport is configured.
 *
 * Logs carry ids, channel, template, status, attempts and redacted errors — never a recipient, a
 * subject or a body.
 */
import type { Database } from '../../adapters/db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { claimDueOutbox, markOutboxDelivered, markOutboxFailed } from '../outbox/outbox.repository.ts';
import { planNotifications, redactError, retryDelayMs, type NotificationChannel } from './domain.ts';
import {
  claimDueMessages,
  giveUp,
  insertMessages,
  markAttemptFailed,
  markSent,
  startAttempt,
  type NewNotificationRow,
  type NotificationRow,
} from './notifications.repository.ts';
import { DeliveryError, isDeliveryError, type Mailer, type SendReceipt, type SmsGateway } from './ports.ts';
import { dossierLinks, feedbackLinks, renderTemplate } from './templates.ts';

/** The structured logger the dispatcher writes to (Fastify's / pino's logger fits). */
export interface DispatcherLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

const SILENT: DispatcherLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Settings and ports of the dispatcher. */
export interface NotificationDispatcherOptions {
  readonly database: Database;
  readonly clock: Clock;
  /** MOTCUA_PUBLIC_URL: base of the lookup and rating links in messages. */
  readonly publicBaseUrl: string;
  /** E-mail transport; undefined: e-mail messages stay queued. */
  readonly mailer?: Mailer | undefined;
  /** SMS transport; undefined: SMS messages stay queued. */
  readonly sms?: SmsGateway | undefined;
  /** Automatic attempts per message before `gave_up`. */
  readonly maxAttempts: number;
  /** Pause after the first failed attempt (doubles, capped at 6 h). */
  readonly retryBaseMs: number;
  /** Pause between two runs of the loop; 0: no loop (drainOnce only). */
  readonly intervalMs: number;
  /** Rows claimed per transaction (default 50). */
  readonly batchSize?: number;
  /** How long a claimed message is kept from other dispatchers while it is being sent (default 5 min). */
  readonly leaseMs?: number;
  readonly log?: DispatcherLogger | undefined;
}

/** What one drain did. */
export interface DrainReport {
  /** Outbox events acknowledged (with or without messages). */
  events: number;
  /** Outbox events left in the outbox because their payload could not be used. */
  invalidEvents: number;
  messagesCreated: number;
  sent: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  failed: number;
  gaveUp: number;
}

const MAX_ROUNDS = 20;

/** Turns outbox events into notifications and sends them, with retries. See the file comment. */
export class NotificationDispatcher {
  readonly #o: NotificationDispatcherOptions;
  readonly #log: DispatcherLogger;
  readonly #batch: number;
  readonly #leaseMs: number;
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<DrainReport> | undefined;
  #running = false;

  constructor(options: NotificationDispatcherOptions) {
    this.#o = options;
    this.#log = options.log ?? SILENT;
    this.#batch = options.batchSize ?? 50;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /** The channels that have a transport. */
  get channels(): readonly NotificationChannel[] {
    return [...(this.#o.mailer ? (['email'] as const) : []), ...(this.#o.sms ? (['sms'] as const) : [])];
  }

  /** Starts the loop (no-op when `intervalMs` is 0 or it already runs). */
  start(): void {
    if (this.#running || this.#o.intervalMs <= 0) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops the loop and waits for a drain in progress to finish. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current?.catch(() => undefined);
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      void this.drainOnce()
        .catch((error: unknown) =>
          this.#log.error({ err: errorShape(error) }, 'notification dispatcher run failed'),
        )
        .finally(() => {
          if (this.#running) this.#schedule(this.#o.intervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  /** One run: outbox → messages, then due messages → providers. Concurrent calls share the run in progress. */
  drainOnce(): Promise<DrainReport> {
    if (this.#current) return this.#current;
    const run = this.#drain().finally(() => {
      this.#current = undefined;
    });
    this.#current = run;
    return run;
  }

  async #drain(): Promise<DrainReport> {
    const report: DrainReport = {
      events: 0,
      invalidEvents: 0,
      messagesCreated: 0,
      sent: 0,
      retrying: 0,
      failed: 0,
      gaveUp: 0,
    };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claimed = await this.#expandOutbox(report);
      if (claimed < this.#batch) break;
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claimed = await this.#sendDue(report);
      if (claimed < this.#batch) break;
    }
    return report;
  }

  /** Step 1: one batch of outbox rows → messages, in one transaction. Returns the rows claimed. */
  async #expandOutbox(report: DrainReport): Promise<number> {
    return this.#o.database.transaction(async (tx) => {
      const now = this.#o.clock.now();
      const rows = await claimDueOutbox(tx, now, this.#batch);
      // The batch's messages and acknowledgements are written with one statement each.
      const batch: NewNotificationRow[] = [];
      const delivered: number[] = [];
      for (const row of rows) {
        let messages: NewNotificationRow[];
        try {
          messages = this.#messagesFor(row.id, row.topic, row.payload, now);
        } catch (error) {
          // A payload the templates cannot use: keep the event, retry with the outbox's backoff.
          const reason =
            error instanceof PlanError
              ? error.message
              : `${row.topic}: could not render (${errorShape(error).name})`;
          await markOutboxFailed(tx, row.id, row.attempts + 1, now, reason);
          report.invalidEvents += 1;
          this.#log.warn(
            { outboxId: row.id, topic: row.topic, attempts: row.attempts + 1, error: reason },
            'outbox event not usable for notifications',
          );
          continue;
        }
        batch.push(...messages);
        delivered.push(row.id);
        report.events += 1;
        if (messages.length)
          this.#log.info(
            { outboxId: row.id, topic: row.topic, messages: messages.length },
            'notifications queued',
          );
      }
      report.messagesCreated += await insertMessages(tx, batch);
      await markOutboxDelivered(tx, delivered, now);
      return rows.length;
    });
  }

  #messagesFor(outboxId: number, topic: string, payload: unknown, now: Date): NewNotificationRow[] {
    const plan = planNotifications(topic, payload);
    if (plan.kind === 'ignore') return [];
    if (plan.kind === 'invalid') throw new PlanError(plan.reason);
    const rendered = renderTemplate(plan.data, {
      lang: plan.language,
      ...(plan.data.template === 'feedback-update'
        ? feedbackLinks(this.#o.publicBaseUrl)
        : dossierLinks(this.#o.publicBaseUrl, plan.dossierCode)),
    });
    return plan.recipients.map((r) => ({
      outboxId,
      topic,
      dossierCode: plan.dossierCode,
      servicePointCode: plan.servicePointCode,
      channel: r.channel,
      recipient: r.recipient,
      template: plan.data.template,
      language: plan.language,
      subject: r.channel === 'email' ? rendered.subject : null,
      body: r.channel === 'email' ? rendered.text : rendered.sms,
      html: r.channel === 'email' ? rendered.html : null,
      status: r.problem ? 'failed' : 'queued',
      attempts: 0,
      lastError: r.problem ?? null,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    }));
  }

  /** Step 2: one batch of due messages: record the attempts (committed), then send. Returns the rows claimed. */
  async #sendDue(report: DrainReport): Promise<number> {
    const channels = this.channels;
    if (channels.length === 0) return 0;
    const { claimed, ready } = await this.#o.database.transaction(async (tx) => {
      const now = this.#o.clock.now();
      const rows = await claimDueMessages(tx, now, channels, this.#batch);
      const toSend: NotificationRow[] = [];
      for (const m of rows) {
        if (m.attempts >= this.#o.maxAttempts) {
          // Its last attempt was interrupted (the process stopped mid-send) and no attempt is left.
          await giveUp(tx, m.id, now, m.lastError ?? 'attempts used up; the last attempt was interrupted');
          report.gaveUp += 1;
          this.#log.warn(
            {
              notificationId: m.id,
              channel: m.channel,
              template: m.template,
              attempts: m.attempts,
              status: 'gave_up',
            },
            'notification gave up',
          );
          continue;
        }
        const attempt = m.attempts + 1;
        const lease = Math.max(this.#leaseMs, retryDelayMs(attempt, this.#o.retryBaseMs));
        await startAttempt(tx, m.id, now, new Date(now.getTime() + lease));
        toSend.push({ ...m, attempts: attempt, lastAttemptAt: now });
      }
      return { claimed: rows.length, ready: toSend };
    });
    for (const m of ready) await this.#sendOne(m, report);
    return claimed;
  }

  async #sendOne(m: NotificationRow, report: DrainReport): Promise<void> {
    const reference = `notification-${m.id}`;
    let receipt: SendReceipt;
    try {
      receipt = await this.#deliver(m, reference);
    } catch (error) {
      const failure = isDeliveryError(error)
        ? error
        : new DeliveryError(
            'retryable',
            `${errorShape(error).name}: ${error instanceof Error ? error.message : String(error)}`,
          );
      const now = this.#o.clock.now();
      const status =
        failure.kind === 'permanent' ? 'failed' : m.attempts >= this.#o.maxAttempts ? 'gave_up' : 'queued';
      const message = redactError(`${failure.kind}: ${failure.message}`);
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(m.attempts, this.#o.retryBaseMs));
      await this.#o.database.transaction((tx) =>
        markAttemptFailed(tx, m.id, m.attempts, now, { status, nextAttemptAt, error: message }),
      );
      if (status === 'queued') report.retrying += 1;
      else if (status === 'failed') report.failed += 1;
      else report.gaveUp += 1;
      this.#log.warn(
        {
          notificationId: m.id,
          channel: m.channel,
          template: m.template,
          attempts: m.attempts,
          status,
          error: message,
          ...(status === 'queued' ? { nextAttemptAt: nextAttemptAt.toISOString() } : {}),
        },
        status === 'queued' ? 'notification attempt failed; will retry' : `notification ${status}`,
      );
      return;
    }
    // Sent. If recording fails now, the lease expires and the message is sent again (at-least-once).
    await this.#o.database.transaction((tx) =>
      markSent(tx, m.id, m.attempts, this.#o.clock.now(), receipt.providerMessageId),
    );
    report.sent += 1;
    this.#log.info(
      {
        notificationId: m.id,
        channel: m.channel,
        template: m.template,
        attempts: m.attempts,
        status: 'sent',
      },
      'notification sent',
    );
  }

  #deliver(m: NotificationRow, reference: string): Promise<SendReceipt> {
    if (m.channel === 'email') {
      if (!this.#o.mailer) throw new DeliveryError('retryable', 'no e-mail transport');
      return this.#o.mailer.send({
        to: m.recipient,
        subject: m.subject ?? '',
        text: m.body,
        html: m.html ?? undefined,
        reference,
      });
    }
    if (!this.#o.sms) throw new DeliveryError('retryable', 'no SMS transport');
    return this.#o.sms.send({ to: m.recipient, text: m.body, reference });
  }
}

class PlanError extends Error {}

/** An error's class and code only: database errors quote the query's parameters, which may be personal data. */
function errorShape(error: unknown): { name: string; code?: string } {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const name = typeof e?.name === 'string' ? e.name : typeof error;
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return code ? { name, code } : { name };
}
