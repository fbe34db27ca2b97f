/**
 * Tables of the feedback module (PAKN — phản ánh, kiến nghị): the items with their lifecycle and
 * stored due dates, the daily reference counter, public ratings of published answers, and the
 * effective-dated deadline rules (seeded by migration; docs/feedback.md).
 *
 * For the QĐ 766 index 5.2 ("PAKN handled on time") reports read `answered_on_time`: null while
 * the item is open, true/false once it was answered (answered_at ≤ answer_due_at) or rejected
 * (rejected_at ≤ reject_due_at). The due dates themselves are stored too.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });
const localDate = () => date({ mode: 'string' });

/** One feedback or complaint. Contact columns are personal data: never shown publicly, reads audited. */
export const feedbackItems = pgTable(
  'feedback_item',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** PAKN-YYYYMMDD-NNNN (local receipt date, daily counter). */
    reference: text().notNull(),
    kind: text().notNull(), // feedback | complaint
    subject: text().notNull(),
    content: text().notNull(),
    dossierCode: text(),
    servicePointCode: text().notNull(),
    /** Agency of the linked dossier, if any (a hint for assignment). */
    dossierAgencyCode: text(),
    status: text().notNull(), // received | more_info_requested | assigned | answered | published | rejected | withdrawn
    contactName: text().notNull(),
    contactEmail: text(),
    contactPhone: text(),
    language: text().notNull().default('vi'),
    /** SHA-256 of the secret follow-up token given to the submitter. */
    followUpTokenHash: text().notNull(),
    receivedAt: instant().notNull(),
    receivedOn: localDate().notNull(),
    assignedAgencyCode: text(),
    assignedAt: instant(),
    infoRequestedAt: instant(),
    infoRequest: text(),
    infoProvidedAt: instant(),
    infoProvided: text(),
    rejectedAt: instant(),
    rejectionReason: text(),
    answeredAt: instant(),
    answer: text(),
    answeredBy: text(),
    publishedAt: instant(),
    withdrawnAt: instant(),
    rejectDueAt: instant().notNull(),
    requestInfoDueAt: instant().notNull(),
    /** null while a request for more information stops the clock. */
    answerDueAt: instant(),
    publishDueAt: instant(),
    answeredOnTime: boolean(),
    publishedOnTime: boolean(),
    /** The deadline rules in force on the receipt date and the calendar rule version used. */
    deadlineRules: jsonb().notNull(),
    calendarRule: text().notNull(),
    version: integer().notNull().default(1),
    updatedAt: instant().notNull(),
  },
  (t) => [
    uniqueIndex('feedback_item_reference_uq').on(t.reference),
    index('feedback_item_sp_status_idx').on(t.servicePointCode, t.status),
    index('feedback_item_agency_idx').on(t.assignedAgencyCode),
    index('feedback_item_published_idx')
      .on(t.servicePointCode, t.publishedAt)
      .where(sql`status = 'published'`),
  ],
);

/** Daily counter behind the reference numbers. */
export const feedbackDayCounters = pgTable('feedback_day_counter', {
  day: localDate().primaryKey(),
  lastNo: integer().notNull(),
});

/** Ratings of a published answer: one per rater (a hashed rater token), the latest rating wins. */
export const feedbackRatings = pgTable(
  'feedback_rating',
  {
    id: serial().primaryKey(),
    feedbackId: uuid()
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    raterHash: text().notNull(),
    rating: text().notNull(), // satisfied | neutral | unsatisfied
    ratedAt: instant().notNull(),
  },
  (t) => [uniqueIndex('feedback_rating_rater_uq').on(t.feedbackId, t.raterHash)],
);

/** Effective-dated deadline rules per step (reject, request_info, answer, publish). */
export const feedbackDeadlineRules = pgTable(
  'feedback_deadline_rule',
  {
    id: serial().primaryKey(),
    step: text().notNull(),
    value: integer().notNull(),
    unit: text().notNull(), // working_days | working_hours | calendar_days
    validFrom: localDate().notNull(),
    source: text().notNull(),
    verified: boolean().notNull().default(false),
  },
  (t) => [uniqueIndex('feedback_deadline_rule_step_from_uq').on(t.step, t.validFrom)],
);
