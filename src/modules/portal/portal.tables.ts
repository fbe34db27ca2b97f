/**
 * Tables of the citizen portal (lookup and satisfaction rating), re-exported by
 * src/adapters/db/schema.ts for drizzle-kit.
 *
 * `dossier_rating`: one satisfaction rating per dossier (the unique index makes "once" hold under
 * concurrency: the second insert conflicts and is answered RATING_ALREADY_GIVEN). The reports read
 * it for the QĐ 766 satisfaction indicator, per service point.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossiers.tables.ts';

export const dossierRatings = pgTable(
  'dossier_rating',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id),
    /** The dossier's service point (where it was received and returned). */
    servicePointCode: text().notNull(),
    /** very_satisfied | satisfied | not_satisfied */
    rating: text().notNull(),
    /** Optional comment, NFC, at most 1000 characters. Free text from the citizen: not shown publicly. */
    comment: text(),
    /** link (code + phone digits) | qr (token) | kiosk (counter tablet) | counter (recorded by staff) */
    channel: text().notNull(),
    ratedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('dossier_rating_dossier_uq').on(t.dossierId),
    index('dossier_rating_sp_rated_idx').on(t.servicePointCode, t.ratedAt),
  ],
);
