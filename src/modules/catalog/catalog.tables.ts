/**
 * Tables of the procedure catalog (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 * One row per version of a procedure; the full version document is stored as JSON and the fields
 * used for filtering and listing are columns. Published versions are never edited: a change is a
 * new draft version, published with a validity window that closes the previous one.
 */
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
} from 'drizzle-orm/pg-core';
import type { ProcedureVersion } from './domain/procedure.ts';

export const procedureVersions = pgTable(
  'procedure_version',
  {
    id: serial().primaryKey(),
    code: text().notNull(),
    version: integer().notNull(),
    status: text().notNull(), // draft | published | retired
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    name: text().notNull(),
    field: text().notNull(),
    agencyCode: text().notNull(),
    levels: jsonb().$type<string[]>().notNull(),
    onlineLevel: text().notNull(),
    postalSend: boolean().notNull(),
    postalReceive: boolean().notNull(),
    oneStop: boolean().notNull(),
    /** Synthetic procedures from `motcua catalog generate` (demos and benchmarks). */
    generated: boolean().notNull().default(false),
    document: jsonb().$type<ProcedureVersion>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text().notNull(),
    publishedAt: timestamp({ withTimezone: true, mode: 'date' }),
    publishedBy: text(),
  },
  (t) => [
    uniqueIndex('procedure_version_code_version_uq').on(t.code, t.version),
    index('procedure_version_status_idx').on(t.status),
  ],
);
