/**
 * Queries of the postal module. Every function takes an Executor (the Db for reads, the
 * transaction's Tx for writes), so a service writes items, events, manifests, cash, audit and
 * outbox in one transaction.
 */
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import {
  postalCashEntries,
  postalItemEvents,
  postalItems,
  postalManifestItems,
  postalManifests,
  postalRequests,
  postalTariff,
  settings as settingsTable,
  storedFiles,
  userRoles,
  users,
} from '../../adapters/db/schema.ts';
import { isTypoSafeSerial, serialText, formatS10 } from './domain/s10.ts';
import type { HolderKind, ItemEvent, ItemStatus, Leg, PostalItem } from './domain/lifecycle.ts';
import type { TariffBand, TariffRow, Zone } from './domain/tariff.ts';
import type { CashCategory, CashEntry } from './domain/cash.ts';

export type ItemRow = typeof postalItems.$inferSelect;
export type RequestRow = typeof postalRequests.$inferSelect;
export type ManifestRow = typeof postalManifests.$inferSelect;
export type ManifestLineRow = typeof postalManifestItems.$inferSelect;
export type EventRow = typeof postalItemEvents.$inferSelect;

// ---------------------------------------------------------------- settings

/** Rules that are data (the `setting` table, keys `postal.<name>`, effective-dated), with defaults. */
export interface PostalSettings {
  /** Failed visits allowed per item before it must be returned (or the pickup cancelled). */
  readonly maxAttempts: number;
  /** An item in a courier's hands with no event for longer than this is flagged in the custody view. */
  readonly idleHours: number;
  /** Weight assumed when the request gives none. */
  readonly defaultWeightGrams: number;
  /** Largest accepted photo of a signed delivery slip. */
  readonly maxPhotoBytes: number;
}

export const DEFAULT_POSTAL_SETTINGS: PostalSettings = {
  maxAttempts: 3,
  idleHours: 24,
  defaultWeightGrams: 500,
  maxPhotoBytes: 5 * 1024 * 1024,
};

/** The postal settings in force on `at`: the latest `postal.*` rows with validFrom ≤ at over the defaults. */
export async function loadPostalSettings(db: Executor, at: string): Promise<PostalSettings> {
  const rows = await db
    .select()
    .from(settingsTable)
    .where(and(like(settingsTable.key, 'postal.%'), lte(settingsTable.validFrom, at)))
    .orderBy(asc(settingsTable.validFrom));
  const result: Record<string, number> = { ...DEFAULT_POSTAL_SETTINGS };
  for (const row of rows) {
    const name = row.key.slice('postal.'.length);
    if (
      name in DEFAULT_POSTAL_SETTINGS &&
      typeof row.value === 'number' &&
      Number.isInteger(row.value) &&
      row.value > 0
    )
      result[name] = row.value;
  }
  return result as unknown as PostalSettings;
}

// ---------------------------------------------------------------- tracking numbers

/**
 * The next tracking number, from `postal_serial_seq` in the caller's transaction. Serials whose
 * check digit could hide a typo (s10.ts) are skipped; the unique index guards against reuse.
 */
export async function allocateTrackingNumber(tx: Executor): Promise<string> {
  for (;;) {
    const result = (await tx.execute(sql`select nextval('postal_serial_seq')::int as n`)) as unknown as {
      rows: { n: number | string }[];
    };
    const n = Number(result.rows[0]?.n);
    if (!Number.isInteger(n)) throw new Error('postal_serial_seq returned no value');
    if (isTypoSafeSerial(serialText(n))) return formatS10(n);
  }
}

// ---------------------------------------------------------------- requests and items

export async function insertRequest(tx: Executor, row: typeof postalRequests.$inferInsert): Promise<void> {
  await tx.insert(postalRequests).values(row);
}

export async function loadRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(postalRequests).where(eq(postalRequests.id, id));
  return row;
}

export async function setDossierCode(tx: Executor, requestId: string, code: string): Promise<void> {
  await tx.update(postalRequests).set({ dossierCode: code }).where(eq(postalRequests.id, requestId));
  await tx.update(postalItems).set({ dossierCode: code }).where(eq(postalItems.requestId, requestId));
}

export async function insertItem(tx: Executor, row: typeof postalItems.$inferInsert): Promise<void> {
  await tx.insert(postalItems).values(row);
}

export async function loadItem(
  db: Executor,
  trackingNumber: string,
  options: { forUpdate?: boolean } = {},
): Promise<ItemRow | undefined> {
  const query = db.select().from(postalItems).where(eq(postalItems.trackingNumber, trackingNumber));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function loadItemById(db: Executor, id: string): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(postalItems).where(eq(postalItems.id, id));
  return row;
}

export function itemsOfRequest(db: Executor, requestId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(postalItems)
    .where(eq(postalItems.requestId, requestId))
    .orderBy(asc(postalItems.leg));
}

export function itemsOfDossier(db: Executor, dossierCode: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(postalItems)
    .where(eq(postalItems.dossierCode, dossierCode))
    .orderBy(asc(postalItems.createdAt), asc(postalItems.leg));
}

/** The domain view of a stored item. */
export function toItem(row: ItemRow): PostalItem {
  return {
    id: row.id,
    trackingNumber: row.trackingNumber,
    leg: row.leg as Leg,
    status: row.status as ItemStatus,
    version: row.version,
    servicePoint: { code: row.servicePointCode, name: row.servicePointName },
    courier:
      row.courierId === null
        ? null
        : { id: row.courierId, username: row.courierUsername ?? '', name: row.courierName ?? '' },
    attempts: row.attempts,
    guided: row.guided,
    postageVnd: row.postageVnd,
    feesVnd: row.feesVnd,
    codVnd: row.codVnd,
    holder: {
      kind: row.holderKind as HolderKind,
      ref: row.holderRef,
      name: row.holderName,
      since: row.holderSince,
    },
    lastEventAt: row.lastEventAt,
  };
}

/**
 * Writes a decided item if it still has `expectedVersion` (else false: a concurrent change won).
 * `extra` carries the columns outside the domain view (recipient, photo, start/end instants).
 */
export async function saveItem(
  tx: Executor,
  item: PostalItem,
  expectedVersion: number,
  now: Date,
  extra: Partial<Pick<ItemRow, 'recipient' | 'photoSha256' | 'startedAt' | 'endedAt' | 'endedOn'>> = {},
): Promise<boolean> {
  const updated = await tx
    .update(postalItems)
    .set({
      status: item.status,
      version: item.version,
      courierId: item.courier?.id ?? null,
      courierUsername: item.courier?.username ?? null,
      courierName: item.courier?.name ?? null,
      attempts: item.attempts,
      guided: item.guided,
      holderKind: item.holder.kind,
      holderRef: item.holder.ref,
      holderName: item.holder.name,
      holderSince: item.holder.since,
      lastEventAt: item.lastEventAt,
      updatedAt: now,
      ...extra,
    })
    .where(and(eq(postalItems.id, item.id), eq(postalItems.version, expectedVersion)))
    .returning({ id: postalItems.id });
  return updated.length > 0;
}

export async function appendEvent(tx: Executor, itemId: string, event: ItemEvent): Promise<void> {
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${postalItemEvents.seq}), 0)::int` })
    .from(postalItemEvents)
    .where(eq(postalItemEvents.itemId, itemId));
  await tx.insert(postalItemEvents).values({
    itemId,
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    at: event.at,
    fromStatus: event.from,
    toStatus: event.to,
    actorId: event.actor.id,
    actorUsername: event.actor.username,
    actorName: event.actor.name,
    holderKind: event.holder.kind,
    holderRef: event.holder.ref,
    holderName: event.holder.name,
    place: event.place,
    data: event.data,
  });
}

export function eventsOf(db: Executor, itemIds: readonly string[]): Promise<EventRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(postalItemEvents)
    .where(inArray(postalItemEvents.itemId, [...itemIds]))
    .orderBy(asc(postalItemEvents.itemId), asc(postalItemEvents.seq));
}

export interface ItemFilter {
  readonly courierId?: string | undefined;
  readonly servicePointCode?: string | undefined;
  readonly statuses?: readonly ItemStatus[] | undefined;
  readonly leg?: Leg | undefined;
  readonly dossierCode?: string | undefined;
  readonly limit?: number | undefined;
}

export function listItems(db: Executor, filter: ItemFilter): Promise<ItemRow[]> {
  const conditions: SQL[] = [];
  if (filter.courierId) conditions.push(eq(postalItems.courierId, filter.courierId));
  if (filter.servicePointCode) conditions.push(eq(postalItems.servicePointCode, filter.servicePointCode));
  if (filter.statuses) conditions.push(inArray(postalItems.status, [...filter.statuses]));
  if (filter.leg) conditions.push(eq(postalItems.leg, filter.leg));
  if (filter.dossierCode) conditions.push(eq(postalItems.dossierCode, filter.dossierCode));
  return db
    .select()
    .from(postalItems)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(postalItems.createdAt), asc(postalItems.trackingNumber))
    .limit(filter.limit ?? 500);
}

/** Items created or ended within [from, to] (local dates), for the figures. */
export function itemsForFigures(
  db: Executor,
  from: string,
  to: string,
  servicePointCode?: string,
): Promise<ItemRow[]> {
  const period = or(
    and(gte(postalItems.createdOn, from), lte(postalItems.createdOn, to)),
    and(gte(postalItems.endedOn, from), lte(postalItems.endedOn, to)),
  ) as SQL;
  return db
    .select()
    .from(postalItems)
    .where(servicePointCode ? and(period, eq(postalItems.servicePointCode, servicePointCode)) : period);
}

/** Failed visits per item (events of type fail-attempt), for the figures. */
export async function failedAttemptCounts(
  db: Executor,
  itemIds: readonly string[],
): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: postalItemEvents.itemId, n: sql<number>`count(*)::int` })
    .from(postalItemEvents)
    .where(and(inArray(postalItemEvents.itemId, [...itemIds]), eq(postalItemEvents.type, 'fail-attempt')))
    .groupBy(postalItemEvents.itemId);
  return new Map(rows.map((r) => [r.itemId, r.n]));
}

// ---------------------------------------------------------------- manifests

export async function insertManifest(
  tx: Executor,
  row: Omit<typeof postalManifests.$inferInsert, 'serialNo'>,
  lines: readonly {
    itemId: string;
    trackingNumber: string;
    giverConfirmedAt: Date | null;
    receiverConfirmedAt: Date | null;
  }[],
): Promise<ManifestRow> {
  const [inserted] = await tx.insert(postalManifests).values(row).returning();
  if (!inserted) throw new Error('manifest insert returned nothing');
  if (lines.length > 0)
    await tx.insert(postalManifestItems).values(lines.map((l) => ({ manifestId: row.id, ...l })));
  return inserted;
}

export async function loadManifest(
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ manifest: ManifestRow; lines: ManifestLineRow[] } | undefined> {
  const query = db.select().from(postalManifests).where(eq(postalManifests.id, id));
  const [manifest] = options.forUpdate ? await query.for('update') : await query;
  if (!manifest) return undefined;
  const lines = await db
    .select()
    .from(postalManifestItems)
    .where(eq(postalManifestItems.manifestId, id))
    .orderBy(asc(postalManifestItems.trackingNumber));
  return { manifest, lines };
}

/**
 * The open manifest line of an item in a direction that the other side still has to confirm:
 * `missing` = which side has not confirmed yet.
 */
export async function openLineOf(
  db: Executor,
  itemId: string,
  direction: 'to_counter' | 'to_courier',
  missing: 'giver' | 'receiver',
): Promise<{ manifest: ManifestRow; line: ManifestLineRow } | undefined> {
  const [row] = await db
    .select({ manifest: postalManifests, line: postalManifestItems })
    .from(postalManifestItems)
    .innerJoin(postalManifests, eq(postalManifests.id, postalManifestItems.manifestId))
    .where(
      and(
        eq(postalManifestItems.itemId, itemId),
        eq(postalManifests.direction, direction),
        missing === 'receiver'
          ? and(
              isNotNull(postalManifestItems.giverConfirmedAt),
              isNull(postalManifestItems.receiverConfirmedAt),
            )
          : and(
              isNull(postalManifestItems.giverConfirmedAt),
              isNotNull(postalManifestItems.receiverConfirmedAt),
            ),
      ),
    )
    .orderBy(desc(postalManifests.createdAt))
    .limit(1);
  return row;
}

export async function confirmLine(
  tx: Executor,
  manifestId: string,
  itemId: string,
  side: 'giver' | 'receiver',
  at: Date,
): Promise<void> {
  await tx
    .update(postalManifestItems)
    .set(side === 'giver' ? { giverConfirmedAt: at } : { receiverConfirmedAt: at })
    .where(and(eq(postalManifestItems.manifestId, manifestId), eq(postalManifestItems.itemId, itemId)));
}

/** Sets the manifest-level confirmation of a side once all its lines are confirmed by that side; records the clerk. */
export async function refreshManifest(
  tx: Executor,
  manifestId: string,
  at: Date,
  clerk: { id: string | null; username: string; name: string } | null,
): Promise<void> {
  const lines = await tx
    .select()
    .from(postalManifestItems)
    .where(eq(postalManifestItems.manifestId, manifestId));
  const all = (pick: (l: ManifestLineRow) => Date | null) =>
    lines.length > 0 && lines.every((l) => pick(l) !== null);
  const [current] = await tx.select().from(postalManifests).where(eq(postalManifests.id, manifestId));
  if (!current) return;
  await tx
    .update(postalManifests)
    .set({
      giverConfirmedAt: current.giverConfirmedAt ?? (all((l) => l.giverConfirmedAt) ? at : null),
      receiverConfirmedAt: current.receiverConfirmedAt ?? (all((l) => l.receiverConfirmedAt) ? at : null),
      ...(clerk && current.clerkId === null
        ? { clerkId: clerk.id, clerkUsername: clerk.username, clerkName: clerk.name }
        : {}),
    })
    .where(eq(postalManifests.id, manifestId));
}

/** Manifest lines confirmed by exactly one side (the custody gaps), with their item. */
export function oneSidedLines(db: Executor) {
  return db
    .select({ manifest: postalManifests, line: postalManifestItems })
    .from(postalManifestItems)
    .innerJoin(postalManifests, eq(postalManifests.id, postalManifestItems.manifestId))
    .where(
      or(
        and(isNull(postalManifestItems.giverConfirmedAt), isNotNull(postalManifestItems.receiverConfirmedAt)),
        and(isNotNull(postalManifestItems.giverConfirmedAt), isNull(postalManifestItems.receiverConfirmedAt)),
      ),
    )
    .orderBy(asc(postalManifests.createdAt));
}

/** The manifests an item appears in, oldest first. */
export function manifestsOfItem(db: Executor, itemId: string): Promise<ManifestRow[]> {
  return db
    .select({ manifest: postalManifests })
    .from(postalManifestItems)
    .innerJoin(postalManifests, eq(postalManifests.id, postalManifestItems.manifestId))
    .where(eq(postalManifestItems.itemId, itemId))
    .orderBy(asc(postalManifests.createdAt))
    .then((rows) => rows.map((r) => r.manifest));
}

export function manifestsOf(
  db: Executor,
  filter: { courierId?: string; servicePointCode?: string; limit?: number },
) {
  const conditions: SQL[] = [];
  if (filter.courierId) conditions.push(eq(postalManifests.courierId, filter.courierId));
  if (filter.servicePointCode) conditions.push(eq(postalManifests.servicePointCode, filter.servicePointCode));
  return db
    .select()
    .from(postalManifests)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(postalManifests.createdAt))
    .limit(filter.limit ?? 50);
}

// ---------------------------------------------------------------- cash

export async function insertCash(
  tx: Executor,
  rows: readonly (typeof postalCashEntries.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await tx.insert(postalCashEntries).values([...rows]);
}

/**
 * Ledger rows within [from, to], optionally of one courier, as reconciliation entries; `servicePoints`
 * holds each entry's service point (same order) for scope filtering.
 */
export async function cashEntries(
  db: Executor,
  from: string,
  to: string,
  courierId?: string,
): Promise<{ entries: CashEntry[]; servicePoints: string[]; couriers: Map<string, string> }> {
  const conditions: SQL[] = [gte(postalCashEntries.day, from), lte(postalCashEntries.day, to)];
  if (courierId) conditions.push(eq(postalCashEntries.courierId, courierId));
  const rows = await db
    .select()
    .from(postalCashEntries)
    .where(and(...conditions))
    .orderBy(asc(postalCashEntries.id));
  const couriers = new Map(rows.map((r) => [r.courierId, r.courierUsername]));
  const entries: CashEntry[] = rows.map((r) =>
    r.kind === 'collected'
      ? {
          kind: 'collected',
          courierId: r.courierId,
          on: r.day,
          category: r.category as CashCategory,
          amountVnd: r.amountVnd,
        }
      : { kind: 'handed_over', courierId: r.courierId, on: r.day, amountVnd: r.amountVnd },
  );
  return { entries, servicePoints: rows.map((r) => r.servicePointCode), couriers };
}

// ---------------------------------------------------------------- tariff

export async function tariffRows(db: Executor): Promise<TariffRow[]> {
  const rows = await db
    .select()
    .from(postalTariff)
    .orderBy(asc(postalTariff.zone), asc(postalTariff.maxWeightGrams), asc(postalTariff.validFrom));
  return rows.map((r) => ({
    id: r.id,
    zone: r.zone as Zone,
    maxWeightGrams: r.maxWeightGrams,
    priceVnd: r.priceVnd,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
}

/**
 * Starts a new tariff on `validFrom`: rows still open (or ending after it) end the day before;
 * rows that would only start on or after `validFrom` are replaced.
 */
export async function replaceTariff(
  tx: Executor,
  bands: readonly TariffBand[],
  validFrom: string,
  now: Date,
  note: string | null,
): Promise<void> {
  const dayBefore = new Date(Date.parse(`${validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await tx.delete(postalTariff).where(gte(postalTariff.validFrom, validFrom));
  await tx
    .update(postalTariff)
    .set({ validTo: dayBefore })
    .where(or(isNull(postalTariff.validTo), gte(postalTariff.validTo, validFrom)));
  await tx
    .insert(postalTariff)
    .values(bands.map((b) => ({ ...b, validFrom, validTo: null, createdAt: now, note })));
}

// ---------------------------------------------------------------- couriers

export interface CourierRow {
  readonly userId: string;
  readonly username: string;
  readonly fullName: string;
  readonly unitCode: string | null;
  readonly servicePointCode: string | null;
}

/** Active accounts holding the courier role, one row per grant. */
export function courierGrants(db: Executor): Promise<CourierRow[]> {
  return db
    .select({
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      unitCode: userRoles.unitCode,
      servicePointCode: userRoles.servicePointCode,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'courier'), eq(users.active, true)))
    .orderBy(asc(users.username));
}

/** Open items per courier (for assignment by load). */
export async function openLoad(db: Executor, open: readonly ItemStatus[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ courierId: postalItems.courierId, n: sql<number>`count(*)::int` })
    .from(postalItems)
    .where(and(isNotNull(postalItems.courierId), inArray(postalItems.status, [...open])))
    .groupBy(postalItems.courierId);
  return new Map(rows.map((r) => [r.courierId ?? '', r.n]));
}

// ---------------------------------------------------------------- files

/** Stores a photo once, content-addressed (the `stored_file` table shared with dossier scans). */
export async function storePhoto(
  tx: Executor,
  file: { sha256: string; contentType: string; bytes: Buffer; at: Date },
): Promise<void> {
  await tx
    .insert(storedFiles)
    .values({
      sha256: file.sha256,
      contentType: file.contentType,
      size: file.bytes.length,
      bytes: file.bytes,
      createdAt: file.at,
    })
    .onConflictDoNothing();
}

export async function loadPhoto(db: Executor, sha256: string) {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256));
  return row;
}
