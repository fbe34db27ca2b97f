/**
 * Tables of the post-office operations module (re-exported by src/adapters/db/schema.ts for drizzle-kit):
 * named counter staff and their effective-dated assignments, training records, inspections with their
 * corrective actions, and counter sessions (how long a clerk spent with an applicant at the counter).
 * `…_on` columns are legal local dates (UTC+7), `…_at` columns instants.
 */
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });
const localDate = () => date({ mode: 'string' });

/** A person who works at counters: post staff, or agency staff (BHXH, Công an …) who keep their own people. */
export const staffMembers = pgTable('staff_member', {
  id: uuid().primaryKey(),
  fullName: text().notNull(),
  /** The MotCua account, when the person has one (clerks do; agency staff often do not). */
  username: text(),
  employer: text().notNull(), // post | agency
  agencyCode: text(),
  createdAt: instant().notNull(),
});

/** Effective-dated assignment of a staff member to a service point (and optionally a counter number). */
export const staffAssignments = pgTable(
  'staff_assignment',
  {
    id: uuid().primaryKey(),
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id),
    servicePointCode: text().notNull(),
    counterNo: integer(),
    validFrom: localDate().notNull(),
    validTo: localDate(),
    createdAt: instant().notNull(),
  },
  (t) => [
    index('staff_assignment_sp_idx').on(t.servicePointCode, t.validFrom),
    index('staff_assignment_staff_idx').on(t.staffId),
  ],
);

/** A training course a staff member completed (bồi dưỡng nghiệp vụ), with the procedure fields it covers. */
export const trainingRecords = pgTable(
  'training_record',
  {
    id: uuid().primaryKey(),
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id),
    course: text().notNull(),
    organiser: text().notNull(),
    hours: integer().notNull(),
    completedOn: localDate().notNull(),
    certificateNo: text(),
    fields: text().array().notNull(),
    createdAt: instant().notNull(),
  },
  (t) => [index('training_record_staff_idx').on(t.staffId)],
);

/** An inspection (kiểm tra) of a service point by the post office or an agency. */
export const inspections = pgTable(
  'inspection',
  {
    id: uuid().primaryKey(),
    inspectedOn: localDate().notNull(),
    inspector: text().notNull(),
    servicePointCode: text().notNull(),
    findings: text().notNull(),
    createdAt: instant().notNull(),
  },
  (t) => [index('inspection_sp_idx').on(t.servicePointCode, t.inspectedOn)],
);

/** A corrective action (biện pháp khắc phục) of an inspection, with its deadline and closure. */
export const inspectionActions = pgTable(
  'inspection_action',
  {
    id: uuid().primaryKey(),
    inspectionId: uuid()
      .notNull()
      .references(() => inspections.id),
    description: text().notNull(),
    responsible: text().notNull(),
    dueOn: localDate().notNull(),
    status: text().notNull(), // open | closed
    closedOn: localDate(),
    closureNote: text(),
    version: integer().notNull().default(1),
    createdAt: instant().notNull(),
  },
  (t) => [index('inspection_action_inspection_idx').on(t.inspectionId)],
);

/** Time a clerk spent at the counter with one applicant (start and end recorded by the counter). */
export const counterSessions = pgTable(
  'counter_session',
  {
    id: uuid().primaryKey(),
    clerkId: text().notNull(),
    clerkUsername: text().notNull(),
    servicePointCode: text().notNull(),
    dossierCode: text(),
    startedAt: instant().notNull(),
    endedAt: instant().notNull(),
  },
  (t) => [index('counter_session_clerk_idx').on(t.clerkId, t.startedAt)],
);
