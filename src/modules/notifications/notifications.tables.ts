/**
 * Tables of the notifications module (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 *
 * One `notification_message` row per (outbox event × channel × recipient × template): the rendered
 * message, where it goes and how its delivery went. The recipient is personal data: it is stored
 * (the message must be re-sendable) but never logged, and the staff API shows it masked only.
 * `…_at` columns are instants (timestamptz, UTC).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * A notification to one recipient over one channel. Status: `queued` (waiting for its first or next
 * attempt at `next_attempt_at`), `sent` (accepted by the SMTP server or SMS gateway), `failed` (refused
 * for good by the provider — bad address, 4xx — not retried automatically), `gave_up` (every retry
 * failed). `failed` and `gave_up` are shown to staff, who can requeue them. See docs/notifications.md.
 */
export const notificationMessages = pgTable(
  'notification_message',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** The outbox row the message was made from (the outbox row itself is kept, delivered). */
    outboxId: bigint({ mode: 'number' }).notNull(),
    topic: text().notNull(),
    /** The dossier code the message is about (not personal data); null for events without one. */
    dossierCode: text(),
    /** Service point of the dossier (the code's prefix): the scope of staff who may see the message. */
    servicePointCode: text(),
    channel: text().notNull(), // email | sms
    /** E-mail address or phone number (E.164). Personal data: never logged, masked in the staff API. */
    recipient: text().notNull(),
    template: text().notNull(),
    language: text().notNull(), // vi | en
    /** E-mail subject; null for SMS. */
    subject: text(),
    /** Plain-text body (the SMS text, or the e-mail's text part). */
    body: text().notNull(),
    /** The e-mail's HTML part, if any. */
    html: text(),
    status: text().notNull().default('queued'),
    /** Attempts started (counted before sending, so a crash mid-send still counts). */
    attempts: integer().notNull().default(0),
    nextAttemptAt: instant().notNull(),
    lastAttemptAt: instant(),
    /** Why the last attempt failed: an error class and provider code, with addresses and numbers redacted. */
    lastError: text(),
    sentAt: instant(),
    /** The SMTP server's queue id / Message-ID, or the SMS gateway's `id`. */
    providerMessageId: text(),
    createdAt: instant().notNull(),
    updatedAt: instant().notNull(),
  },
  (t) => [
    uniqueIndex('notification_message_event_uq').on(t.outboxId, t.channel, t.recipient, t.template),
    index('notification_message_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'queued'`),
    index('notification_message_status_idx').on(t.status, t.id),
    index('notification_message_dossier_idx').on(t.dossierCode),
  ],
);
