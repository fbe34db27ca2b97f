/**
 * Tables of the dossiers module (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 *
 * A dossier row holds the scalar state (status, version, instants, counters) plus JSON snapshots
 * that never change shape after receipt (procedure version, applicant, documents). History that
 * grows — events, supplement suspensions, hand-overs (Mẫu 05/06 rows), fees — has its own tables,
 * keyed (dossier_id, seq) so a save is an idempotent upsert of the aggregate.
 * `…_at` columns are instants (timestamptz), `…_on` local dates (UTC+7).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });
const localDate = () => date({ mode: 'string' });

/**
 * `bytea` as a Node Buffer on both engines (node-postgres returns a Buffer, PGlite a Uint8Array).
 * Drizzle 0.45 has no built-in bytea column.
 */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

export const dossiers = pgTable(
  'dossier',
  {
    id: uuid().primaryKey(),
    code: text().notNull(),
    status: text().notNull(),
    version: integer().notNull(),
    channel: text().notNull(), // counter | online | postal (1/2/3)
    procedureVersionId: text().notNull(),
    procedureCode: text().notNull(),
    procedureVersion: integer().notNull(),
    /** ProcedureSnapshot: what the dossier keeps of the version it was received under. */
    procedure: jsonb().notNull(),
    field: text().notNull(),
    servicePointCode: text().notNull(),
    /** ServicePointRef (name, level, unit, address) as of receipt. */
    servicePoint: jsonb().notNull(),
    agencyCode: text().notNull(),
    unitCode: text().notNull(),
    /** The unit and its ancestors as of receipt, innermost first: manager scopes match any of them. */
    unitAncestors: text().array().notNull(),
    applicantKind: text().notNull(), // person | organisation
    /** Personal data (name, ID number or tax code, phone, e-mail, address): reads are audited. */
    applicant: jsonb().notNull(),
    applicantName: text().notNull(),
    phoneLast4: text().notNull(),
    /** SHA-256 (hex) of the public lookup token handed to the applicant; the token itself is not kept. */
    lookupTokenHash: text(),
    documents: jsonb().notNull(),
    returnMethod: text().notNull(),
    deliveryAddress: text(),
    /** Local date of the code (submission for online/postal, receipt at the counter). */
    codeOn: localDate().notNull(),
    submittedAt: instant(),
    receivedAt: instant(),
    receivedOn: localDate(),
    receivedBy: jsonb(),
    effectiveStartAt: instant(),
    dueAt: instant(),
    originalDueAt: instant(),
    /** CalendarRule: schedule id and the year data (status, hash) the due was computed with. */
    calendarRule: jsonb(),
    processingEndedAt: instant(),
    returnedAt: instant(),
    supplementCount: integer().notNull().default(0),
    extensionCount: integer().notNull().default(0),
    apologies: jsonb()
      .notNull()
      .default(sql`'[]'::jsonb`),
    closing: jsonb(),
    result: jsonb(),
    returnInfo: jsonb(),
    createdAt: instant().notNull(),
    updatedAt: instant().notNull(),
  },
  (t) => [
    uniqueIndex('dossier_code_uq').on(t.code),
    index('dossier_sp_received_idx').on(t.servicePointCode, t.receivedOn),
    index('dossier_agency_status_idx').on(t.agencyCode, t.status),
    index('dossier_status_due_idx').on(t.status, t.dueAt),
  ],
);

/** Per service point and local day, the last number issued. Upserted in the receiving transaction. */
export const dossierCodeSequences = pgTable(
  'dossier_code_sequence',
  {
    servicePointCode: text().notNull(),
    localDate: localDate().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.servicePointCode, t.localDate] }),
    // The code's four digits (MAX_DAILY_SEQUENCE): the 10,000th number of a day fails here, in the
    // statement that would use it (DOSSIER_CODE_SEQUENCE_EXHAUSTED).
    check('dossier_code_sequence_within_format', sql`${t.lastNumber} between 1 and 9999`),
  ],
);

/** Past-tense facts about a dossier (`dossier.received` …), in order. No applicant personal data. */
export const dossierEvents = pgTable(
  'dossier_event',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    seq: integer().notNull(),
    type: text().notNull(),
    at: instant().notNull(),
    actorId: text(),
    actorLabel: text().notNull(),
    actorName: text().notNull(),
    data: jsonb().notNull(),
  },
  (t) => [uniqueIndex('dossier_event_seq_uq').on(t.dossierId, t.seq)],
);

/** Supplement requests: the legal clock is stopped from requested_at to resumed_at. */
export const dossierSuspensions = pgTable(
  'dossier_suspension',
  {
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    seq: integer().notNull(),
    requestedAt: instant().notNull(),
    resumedAt: instant(),
    reason: text().notNull(),
    items: jsonb().notNull(),
    requestedBy: jsonb().notNull(),
    resumedBy: jsonb(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.seq] })],
);

/** Rows of the processing control slip (Phiếu kiểm soát, Mẫu 05 of 2018 / 06 of 2025). */
export const dossierHandovers = pgTable(
  'dossier_handover',
  {
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    seq: integer().notNull(),
    kind: text().notNull(), // forward | step | result
    at: instant().notNull(),
    giver: jsonb().notNull(),
    receiver: jsonb().notNull(),
    stepName: text().notNull(),
    stepDueAt: instant(),
    result: text(), // early | on_time | late
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.seq] })],
);

/** Fee items charged on a dossier and how each was paid. */
export const dossierFees = pgTable(
  'dossier_fee',
  {
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    seq: integer().notNull(),
    name: text().notNull(),
    amountVnd: bigint({ mode: 'number' }).notNull(),
    paidAt: instant(),
    method: text(), // cash | bank_transfer | vietqr | online
    receiptNumber: text(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.seq] })],
);

/** Intake outcomes that make no dossier: guidance (incomplete, Mẫu 02) and refusal (Mẫu 03). */
export const dossierIntakeRecords = pgTable(
  'dossier_intake_record',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(), // guided | refused
    at: instant().notNull(),
    servicePointCode: text().notNull(),
    servicePoint: jsonb().notNull(),
    procedureVersionId: text().notNull(),
    procedureCode: text().notNull(),
    procedureName: text().notNull(),
    agencyCode: text().notNull(),
    channel: text().notNull(),
    /** Personal data, as on the dossier. */
    applicant: jsonb().notNull(),
    missing: jsonb().notNull(),
    reason: text(),
    actorId: text(),
    actorLabel: text().notNull(),
    actorName: text().notNull(),
  },
  (t) => [index('dossier_intake_record_sp_idx').on(t.servicePointCode, t.at)],
);

/** Content-addressed file store: the same bytes are stored once, keyed by their SHA-256. */
export const storedFiles = pgTable('stored_file', {
  sha256: text().primaryKey(),
  contentType: text().notNull(),
  size: integer().notNull(),
  bytes: bytea().notNull(),
  createdAt: instant().notNull(),
});

/** Scans attached to a dossier's documents (document_index 0 = not tied to a listed document). */
export const dossierFiles = pgTable(
  'dossier_file',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    documentIndex: integer().notNull(),
    sha256: text()
      .notNull()
      .references(() => storedFiles.sha256),
    fileName: text().notNull(),
    uploadedAt: instant().notNull(),
    uploadedBy: text().notNull(),
  },
  (t) => [uniqueIndex('dossier_file_uq').on(t.dossierId, t.documentIndex, t.sha256)],
);
