/**
 * Queries of the citizen portal. The dossier itself is read through the dossiers module
 * (`loadDossierFull`); here only the credential columns and the rating table.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { dossierRatings, dossiers } from '../../adapters/db/schema.ts';
import type { Rating, RatingChannel } from './domain.ts';

export interface CredentialRow {
  readonly id: string;
  readonly code: string;
  readonly phoneLast4: string;
  readonly lookupTokenHash: string | null;
}

/** What a lookup is checked against: the last four phone digits and the hash of the current token. */
export async function credentialsOf(db: Executor, code: string): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      phoneLast4: dossiers.phoneLast4,
      lookupTokenHash: dossiers.lookupTokenHash,
    })
    .from(dossiers)
    .where(eq(dossiers.code, code));
  return row;
}

export interface RatingRow {
  readonly rating: Rating;
  readonly channel: RatingChannel;
  readonly ratedAt: Date;
}

export async function ratingOf(db: Executor, dossierId: string): Promise<RatingRow | undefined> {
  const [row] = await db
    .select({
      rating: dossierRatings.rating,
      channel: dossierRatings.channel,
      ratedAt: dossierRatings.ratedAt,
    })
    .from(dossierRatings)
    .where(eq(dossierRatings.dossierId, dossierId));
  return row
    ? { rating: row.rating as Rating, channel: row.channel as RatingChannel, ratedAt: row.ratedAt }
    : undefined;
}

/**
 * Inserts the rating unless the dossier already has one: true when this insert made it. Under
 * concurrency the unique index decides (the second transaction waits for the first and then
 * inserts nothing).
 */
export async function insertRating(
  tx: Executor,
  row: {
    dossierId: string;
    servicePointCode: string;
    rating: Rating;
    comment: string | null;
    channel: RatingChannel;
    ratedAt: Date;
  },
): Promise<boolean> {
  const inserted = await tx
    .insert(dossierRatings)
    .values(row)
    .onConflictDoNothing({ target: dossierRatings.dossierId })
    .returning({ id: dossierRatings.id });
  return inserted.length > 0;
}
