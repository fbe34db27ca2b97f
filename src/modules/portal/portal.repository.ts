/**
 * Queries of the citizen portal: the public lookup's single statement (`lookupRow`), the
 * credential columns (for the rating) and the rating table. The rest of the dossier is read
 * through the dossiers module.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { dossierRatings, dossiers } from '../../adapters/db/schema.ts';
import type { LookupSource, Rating, RatingChannel } from './domain.ts';

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

/** ISO 8601 UTC text of a timestamptz inside JSON (millisecond precision, as the app stores instants). */
const isoOf = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The credential columns and exactly what `publicView` reads, in one row. */
export interface LookupRow {
  readonly id: string;
  readonly phoneLast4: string;
  readonly lookupTokenHash: string | null;
  readonly source: LookupSource;
  readonly events: readonly { readonly type: string; readonly at: Date }[];
  readonly rated: boolean;
}

interface JsonEvent {
  type: string;
  at: string;
}
interface JsonSuspension {
  requestedAt: string;
  reason: string;
  items: string[];
}
interface JsonApology {
  issuedAt: string;
  reason: string;
  previousDueAt: string;
  newDueAt: string;
}

/** json/jsonb values come back parsed from node-postgres and PGlite; text only if a driver does not parse. */
const parsed = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
const date = (iso: string): Date => new Date(iso);

/**
 * The public lookup in one round trip: the dossier's credential columns and the columns the public
 * view needs (never the applicant, documents, delivery address or staff), its events ordered by
 * seq, the open supplement request (only while one is open), and whether it has been rated. Uses
 * dossier_code_uq, dossier_event_seq_uq (dossier_id, seq), the dossier_suspension primary key
 * (dossier_id, seq) and dossier_rating_dossier_uq.
 */
function prepareLookup(db: Executor) {
  return db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      phoneLast4: dossiers.phoneLast4,
      lookupTokenHash: dossiers.lookupTokenHash,
      status: dossiers.status,
      procedureCode: sql<string>`${dossiers.procedure}->>'code'`,
      procedureName: sql<string>`${dossiers.procedure}->>'name'`,
      servicePointCode: sql<string>`${dossiers.servicePoint}->>'code'`,
      servicePointName: sql<string>`${dossiers.servicePoint}->>'name'`,
      servicePointAddress: sql<string>`${dossiers.servicePoint}->>'address'`,
      returnMethod: dossiers.returnMethod,
      submittedAt: dossiers.submittedAt,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      originalDueAt: dossiers.originalDueAt,
      returnedAt: dossiers.returnedAt,
      resultReadyAt: sql<string | null>`${dossiers.result}->>'readyAt'`,
      closingKind: sql<string | null>`${dossiers.closing}->>'kind'`,
      closingReason: sql<string | null>`${dossiers.closing}->>'reason'`,
      closingAt: sql<string | null>`${dossiers.closing}->>'at'`,
      apologies: sql<unknown>`(
        select coalesce(json_agg(json_build_object(
          'issuedAt', a->>'issuedAt', 'reason', a->>'reason',
          'previousDueAt', a->>'previousDueAt', 'newDueAt', a->>'newDueAt') order by i), '[]'::json)
        from jsonb_array_elements(dossier.apologies) with ordinality as t(a, i))`,
      events: sql<unknown>`(
        select coalesce(json_agg(json_build_object('type', e.type, 'at', ${sql.raw(isoOf('e.at'))}) order by e.seq), '[]'::json)
        from dossier_event e where e.dossier_id = dossier.id)`,
      openSuspension: sql<unknown>`case when dossier.status = 'supplement_requested' then (
        select json_build_object('requestedAt', ${sql.raw(isoOf('s.requested_at'))}, 'reason', s.reason, 'items', s.items)
        from dossier_suspension s where s.dossier_id = dossier.id and s.resumed_at is null
        order by s.seq limit 1) end`,
      rated: sql<boolean>`exists (select 1 from dossier_rating r where r.dossier_id = dossier.id)`,
    })
    .from(dossiers)
    .where(eq(dossiers.code, sql.placeholder('code')))
    .prepare('portal_lookup_row');
}

/** Prepared once per database handle (parsed and planned once per connection, not per lookup). */
const prepared = new WeakMap<Executor, ReturnType<typeof prepareLookup>>();

/** See `prepareLookup`: one row with everything a public lookup needs, or undefined. */
export async function lookupRow(db: Executor, code: string): Promise<LookupRow | undefined> {
  let query = prepared.get(db);
  if (!query) {
    query = prepareLookup(db);
    prepared.set(db, query);
  }
  const [row] = await query.execute({ code });
  if (!row) return undefined;
  const open = parsed<JsonSuspension | null>(row.openSuspension);
  const source: LookupSource = {
    code: row.code,
    procedure: { code: row.procedureCode, name: row.procedureName },
    status: row.status as LookupSource['status'],
    servicePoint: {
      code: row.servicePointCode,
      name: row.servicePointName,
      address: row.servicePointAddress,
    },
    returnMethod: row.returnMethod as LookupSource['returnMethod'],
    submittedAt: row.submittedAt,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    originalDueAt: row.originalDueAt,
    returnedAt: row.returnedAt,
    suspensions: open
      ? [{ requestedAt: date(open.requestedAt), resumedAt: null, reason: open.reason, items: open.items }]
      : [],
    apologies: parsed<JsonApology[]>(row.apologies).map((a) => ({
      issuedAt: date(a.issuedAt),
      reason: a.reason,
      previousDueAt: date(a.previousDueAt),
      newDueAt: date(a.newDueAt),
    })),
    result: row.resultReadyAt ? { readyAt: date(row.resultReadyAt) } : null,
    closing:
      row.closingKind && row.closingAt
        ? { kind: row.closingKind, reason: row.closingReason ?? '', at: date(row.closingAt) }
        : null,
  };
  return {
    id: row.id,
    phoneLast4: row.phoneLast4,
    lookupTokenHash: row.lookupTokenHash,
    source,
    events: parsed<JsonEvent[]>(row.events).map((e) => ({ type: e.type, at: date(e.at) })),
    rated: row.rated === true || (row.rated as unknown) === 't',
  };
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
