/**
 * Tables of the online submission wizard (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 *
 * A draft keeps the wizard's answers server-side, keyed to the citizen session, so nothing typed or
 * uploaded is lost on an error or a "change" link. Uploaded scans go to the content-addressed
 * `stored_file` table at once; the draft only points at them. Submitting turns the draft into a
 * dossier (status `submitted`, channel `online`) and records its code on the draft.
 */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../dossiers/dossiers.tables.ts';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

export const submissionDrafts = pgTable(
  'submission_draft',
  {
    id: uuid().primaryKey(),
    /** The citizen session that owns the draft (hash of its token). */
    sessionHash: text().notNull(),
    procedureCode: text().notNull(),
    servicePointCode: text(),
    /** Applicant as entered (personal data); null until the applicant page is saved. */
    applicant: jsonb(),
    returnMethod: text(), // counter | postal | online
    deliveryAddress: text(),
    createdAt: instant().notNull(),
    updatedAt: instant().notNull(),
    /** The dossier code once submitted (the draft is then read-only). */
    dossierCode: text(),
  },
  (t) => [index('submission_draft_session_idx').on(t.sessionHash)],
);

/** One uploaded scan per required document of the draft (a new upload replaces the old one). */
export const submissionDraftFiles = pgTable(
  'submission_draft_file',
  {
    draftId: uuid()
      .notNull()
      .references(() => submissionDrafts.id, { onDelete: 'cascade' }),
    documentIndex: integer().notNull(),
    sha256: text()
      .notNull()
      .references(() => storedFiles.sha256),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    uploadedAt: instant().notNull(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.documentIndex] })],
);
