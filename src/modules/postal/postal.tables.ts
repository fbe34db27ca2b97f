/**
 * Tables of the postal module (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 *
 * A request (yêu cầu) has one item per leg (pickup, delivery); each item has an S10 tracking number
 * from `postal_serial_seq`, a status, its current holder and an append-only event list. Hand-overs
 * between the counter and couriers are manifests with one line per item and both sides'
 * confirmations. Cash the couriers collect and hand over is a ledger. Postage comes from an
 * effective-dated tariff. Personal data (applicant, addresses, recipient) sits only in
 * `postal_request.applicant`, `postal_item.address` and `postal_item.recipient`; reads are audited.
 * `…_at` columns are instants (timestamptz), `…_on` local dates (UTC+7).
 */
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });
const localDate = () => date({ mode: 'string' });
const vnd = () => bigint({ mode: 'number' });

/** Serial numbers of S10 tracking numbers (8 digits); allocated inside the creating transaction. */
export const postalSerialSeq = pgSequence('postal_serial_seq', {
  startWith: 1,
  minValue: 1,
  maxValue: 99_999_999,
  increment: 1,
  cycle: false,
});

export const postalRequests = pgTable(
  'postal_request',
  {
    id: uuid().primaryKey(),
    createdAt: instant().notNull(),
    /** `online` (the citizen, no sign-in) or `phone` (a clerk for the citizen). */
    channel: text().notNull(),
    createdBy: text(),
    servicePointCode: text().notNull(),
    procedureCode: text().notNull(),
    procedureVersionId: text().notNull(),
    procedureName: text().notNull(),
    /** PostalDocument[]: the procedure's document list the courier checks at pickup. */
    documents: jsonb().notNull(),
    /** Set when the request names a dossier, or when the clerk's receipt creates it. */
    dossierCode: text(),
    /** Personal data: kind, full name, ID number or tax code, phone, e-mail. */
    applicant: jsonb().notNull(),
    cod: boolean().notNull(),
    feesVnd: vnd().notNull(),
    feesCollection: text().notNull(), // pickup | cod | counter
    feesBlockReturn: boolean().notNull(),
  },
  (t) => [index('postal_request_dossier_idx').on(t.dossierCode)],
);

export const postalItems = pgTable(
  'postal_item',
  {
    id: uuid().primaryKey(),
    trackingNumber: text().notNull(),
    requestId: uuid()
      .notNull()
      .references(() => postalRequests.id),
    leg: text().notNull(), // pickup | delivery
    status: text().notNull(),
    version: integer().notNull(),
    servicePointCode: text().notNull(),
    servicePointName: text().notNull(),
    dossierCode: text(),
    communeCode: text().notNull(),
    /** The address's commune and its parents as of the request, innermost first (courier scopes). */
    unitAncestors: text().array().notNull(),
    /** Personal data: street, commune name, contact name and phone. */
    address: jsonb().notNull(),
    /** PickupWindow for the pickup leg. */
    window: jsonb(),
    weightGrams: integer().notNull(),
    zone: text().notNull(),
    tariffId: integer(),
    postageVnd: vnd().notNull(),
    feesVnd: vnd().notNull(),
    codVnd: vnd().notNull(),
    courierId: text(),
    courierUsername: text(),
    courierName: text(),
    attempts: integer().notNull().default(0),
    guided: boolean().notNull().default(false),
    holderKind: text().notNull(), // citizen | courier | counter
    holderRef: text(),
    holderName: text(),
    holderSince: instant().notNull(),
    /** Personal data: who received the result (name, ID number, relation, authorisation). */
    recipient: jsonb(),
    /** SHA-256 of the photo of the signed slip in `stored_file`. */
    photoSha256: text(),
    createdAt: instant().notNull(),
    createdOn: localDate().notNull(),
    updatedAt: instant().notNull(),
    lastEventAt: instant().notNull(),
    /** When the courier took the paper (pickup: picked up; delivery: result taken over). */
    startedAt: instant(),
    endedAt: instant(),
    endedOn: localDate(),
  },
  (t) => [
    uniqueIndex('postal_item_tracking_uq').on(t.trackingNumber),
    index('postal_item_courier_idx').on(t.courierId, t.status),
    index('postal_item_sp_status_idx').on(t.servicePointCode, t.status),
    index('postal_item_dossier_idx').on(t.dossierCode),
    index('postal_item_request_idx').on(t.requestId),
  ],
);

/** Past-tense facts about an item, in order. No applicant personal data. */
export const postalItemEvents = pgTable(
  'postal_item_event',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    itemId: uuid()
      .notNull()
      .references(() => postalItems.id),
    seq: integer().notNull(),
    type: text().notNull(),
    at: instant().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    actorId: text(),
    actorUsername: text().notNull(),
    actorName: text().notNull(),
    holderKind: text().notNull(),
    holderRef: text(),
    holderName: text(),
    /** Service point code of counter events and hand-overs; null at the citizen's address. */
    place: text(),
    data: jsonb().notNull(),
  },
  (t) => [uniqueIndex('postal_item_event_seq_uq').on(t.itemId, t.seq)],
);

/** Hand-over manifests (biên bản giao nhận) between a service point and a courier. */
export const postalManifests = pgTable(
  'postal_manifest',
  {
    id: uuid().primaryKey(),
    serialNo: bigserial({ mode: 'number' }).notNull(),
    direction: text().notNull(), // to_counter | to_courier
    servicePointCode: text().notNull(),
    servicePointName: text().notNull(),
    courierId: text().notNull(),
    courierUsername: text().notNull(),
    courierName: text().notNull(),
    /** The clerk who confirmed the counter's side (null until then). */
    clerkId: text(),
    clerkUsername: text(),
    clerkName: text(),
    createdAt: instant().notNull(),
    createdBy: text().notNull(),
    /** Set when every line is confirmed by that side. */
    giverConfirmedAt: instant(),
    receiverConfirmedAt: instant(),
    itemCount: integer().notNull(),
  },
  (t) => [
    uniqueIndex('postal_manifest_no_uq').on(t.serialNo),
    index('postal_manifest_courier_idx').on(t.courierId, t.createdAt),
    index('postal_manifest_sp_idx').on(t.servicePointCode, t.createdAt),
  ],
);

export const postalManifestItems = pgTable(
  'postal_manifest_item',
  {
    manifestId: uuid()
      .notNull()
      .references(() => postalManifests.id),
    itemId: uuid()
      .notNull()
      .references(() => postalItems.id),
    trackingNumber: text().notNull(),
    giverConfirmedAt: instant(),
    receiverConfirmedAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.manifestId, t.itemId] }),
    index('postal_manifest_item_item_idx').on(t.itemId),
  ],
);

/** Cash ledger per courier and local day: collected (postage, fees, cod) and handed over at the counter. */
export const postalCashEntries = pgTable(
  'postal_cash_entry',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    courierId: text().notNull(),
    courierUsername: text().notNull(),
    day: localDate().notNull(),
    kind: text().notNull(), // collected | handed_over
    category: text(), // postage | fees | cod (collected only)
    amountVnd: vnd().notNull(),
    itemId: uuid(),
    servicePointCode: text().notNull(),
    at: instant().notNull(),
    recordedBy: text().notNull(),
    note: text(),
  },
  (t) => [index('postal_cash_day_idx').on(t.day, t.courierId)],
);

/** Postage bands, effective-dated: a new tariff closes the rows in force the day before it starts. */
export const postalTariff = pgTable(
  'postal_tariff',
  {
    id: serial().primaryKey(),
    zone: text().notNull(), // same_commune | same_province | other
    maxWeightGrams: integer().notNull(),
    priceVnd: integer().notNull(),
    validFrom: localDate().notNull(),
    validTo: localDate(),
    createdAt: instant().notNull(),
    note: text(),
  },
  (t) => [index('postal_tariff_zone_idx').on(t.zone, t.validFrom)],
);
