/**
 * The database schema, one file so drizzle-kit can generate reviewable SQL migrations from it.
 * TypeScript names are camelCase; the database uses snake_case (Drizzle `casing: 'snake_case'`).
 * `…_on` columns are legal local dates, `…_at` columns are instants (timestamptz, UTC).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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

const instant = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: 'date' })
    : timestamp({ withTimezone: true, mode: 'date' });
const localDate = () => date({ mode: 'string' });

// ---------------------------------------------------------------- organisation

/** Administrative units (đơn vị hành chính), effective-dated. A code can be re-used by a successor unit
 *  (a merged unit takes the code of the unit where its People's Committee sits), so the key is (code, validFrom). */
export const adminUnits = pgTable(
  'admin_unit',
  {
    id: serial().primaryKey(),
    code: text().notNull(),
    name: text().notNull(),
    fullName: text().notNull(),
    kind: text().notNull(), // tỉnh, thành phố, thị xã, huyện, phường, xã, thị trấn
    level: text().notNull(), // province | district | commune
    parentCode: text(),
    validFrom: localDate().notNull(),
    validTo: localDate(),
    source: text().notNull(),
  },
  (t) => [
    uniqueIndex('admin_unit_code_from_uq').on(t.code, t.validFrom),
    index('admin_unit_parent_idx').on(t.parentCode),
  ],
);

/** Succession of units through mergers, splits and abolitions (old code → new code on a date). */
export const unitSuccessions = pgTable(
  'unit_succession',
  {
    id: serial().primaryKey(),
    fromCode: text().notNull(),
    toCode: text().notNull(),
    effectiveOn: localDate().notNull(),
    kind: text().notNull(), // merge | split | rename | transfer
    part: text().notNull().default('full'), // full | partial
    legalBasis: text().notNull(),
  },
  (t) => [index('unit_succession_from_idx').on(t.fromCode)],
);

/** Agencies (cơ quan): departments, People's Committees, BHXH, Công an, Thuế … */
export const agencies = pgTable('agency', {
  code: text().primaryKey(),
  name: text().notNull(),
  kind: text().notNull(), // department | peoples_committee | vertical | other
  level: text().notNull(), // province | district | commune
  unitCode: text(),
  keepsOwnStaffAtCounters: boolean().notNull().default(false),
  validFrom: localDate().notNull(),
  validTo: localDate(),
});

/** Service points: the one-stop counters (bộ phận một cửa / TTPVHCC). */
export const servicePoints = pgTable(
  'service_point',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text().notNull(),
    unitCode: text().notNull(),
    address: text().notNull(),
    operator: text().notNull(), // post | government
    counters: integer().notNull().default(1),
    saturdayMorningReceiving: boolean().notNull().default(false),
    validFrom: localDate().notNull(),
    validTo: localDate(),
    postOperatedFrom: localDate(),
  },
  (t) => [index('service_point_unit_idx').on(t.unitCode)],
);

/** Staffing at a counter: post staff and agency staff (e.g. BHXH, Công an) who keep their own people. */
export const counterStaffing = pgTable('counter_staffing', {
  id: serial().primaryKey(),
  servicePointCode: text().notNull(),
  employer: text().notNull(), // post | agency
  agencyCode: text(),
  headcount: integer().notNull(),
  validFrom: localDate().notNull(),
  validTo: localDate(),
});

// ---------------------------------------------------------------- access

export const users = pgTable('app_user', {
  id: uuid().primaryKey().defaultRandom(),
  username: text().notNull().unique(),
  passwordHash: text().notNull(),
  fullName: text().notNull(),
  active: boolean().notNull().default(true),
  failedLogins: integer().notNull().default(0),
  lockedUntil: instant(),
  createdAt: instant().notNull().defaultNow(),
});

export const userRoles = pgTable(
  'user_role',
  {
    id: serial().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(), // clerk | officer | courier | manager | admin | auditor
    servicePointCode: text(),
    unitCode: text(),
    agencyCode: text(),
    field: text(),
  },
  (t) => [index('user_role_user_idx').on(t.userId)],
);

/** Sessions for page cookies and API bearer tokens; only a SHA-256 of the secret is stored. */
export const sessions = pgTable(
  'session',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: instant().notNull(),
    expiresAt: instant().notNull(),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------- audit, outbox, idempotency

/** The content of an audit event (fresh column builders for each table that holds one). */
const auditContent = () => ({
  at: instant().notNull(),
  actorId: text(),
  actorLabel: text().notNull(),
  action: text().notNull(),
  entityType: text().notNull(),
  entityId: text().notNull(),
  change: jsonb().notNull(),
});

/** Append-only, hash-chained audit trail. Triggers (migration 0002) refuse UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_event',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    ...auditContent(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index('audit_event_entity_idx').on(t.entityType, t.entityId)],
);

/**
 * Audit events written by a transaction that has not committed yet. A deferred constraint trigger
 * (migration 0013, `audit_seal`) moves each row into `audit_event` at COMMIT: it locks `audit_head`,
 * takes the next seq, hashes `body_prefix || seq || '}'` after the previous hash and deletes the
 * pending row. The chain's one lock is therefore held only while the transaction commits, never
 * while the application is still talking to the database. The table is empty outside a transaction.
 */
export const auditPending = pgTable('audit_pending', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  ...auditContent(),
  /** The event's canonical JSON (audit-chain.ts) up to and including `"seq":` — seq is the last key. */
  bodyPrefix: text().notNull(),
});

/** One row: the chain's head. Writers lock it, so the chain is linear even with concurrent transactions. */
export const auditHead = pgTable('audit_head', {
  id: integer().primaryKey(),
  lastSeq: bigint({ mode: 'number' }).notNull(),
  lastHash: text().notNull(),
});

/** Transactional outbox: rows written with the change, delivered after commit by a dispatcher. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    topic: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: instant().notNull(),
    availableAt: instant().notNull(),
    attempts: integer().notNull().default(0),
    deliveredAt: instant(),
    lastError: text(),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.availableAt)
      .where(sql`delivered_at is null`),
  ],
);

export const idempotencyKeys = pgTable('idempotency_key', {
  key: text().primaryKey(), // `${actor}:${client key}`
  requestHash: text().notNull(),
  responseStatus: integer().notNull(),
  responseBody: jsonb().notNull(),
  createdAt: instant().notNull(),
});

/** Effective-dated settings (rules that change over time are data, not code). */
export const settings = pgTable(
  'setting',
  {
    id: serial().primaryKey(),
    key: text().notNull(),
    value: jsonb().notNull(),
    validFrom: localDate().notNull(),
    note: text(),
  },
  (t) => [uniqueIndex('setting_key_from_uq').on(t.key, t.validFrom)],
);

// ---------------------------------------------------------------- modules' tables
// Each bounded context keeps its tables in src/modules/<m>/<m>.tables.ts; they are re-exported here so
// that drizzle-kit and the typed `db` see one schema.
export * from '../../modules/dossiers/dossiers.tables.ts';
export * from '../../modules/catalog/catalog.tables.ts';
export * from '../../modules/calendar/calendar.tables.ts';
export * from '../../modules/notifications/notifications.tables.ts';
export * from '../../modules/postal/postal.tables.ts';
export * from '../../modules/portal/portal.tables.ts';
export * from '../../modules/portal/submission.tables.ts';
export * from '../../modules/identity/identity.tables.ts';
export * from '../../modules/feedback/feedback.tables.ts';
export * from '../../modules/operations/operations.tables.ts';
export * from '../../modules/reports/reports.tables.ts';
