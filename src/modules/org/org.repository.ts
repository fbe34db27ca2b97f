/**
 * Reads of the organisational model: administrative units, their successions, service points,
 * agencies and staffing. All effective-dated: callers pass the date (`at`) they ask about.
 */
import { and, asc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../adapters/db/database.ts';
import {
  adminUnits,
  agencies,
  counterStaffing,
  servicePoints,
  unitSuccessions,
} from '../../adapters/db/schema.ts';

type Dated = { validFrom: PgColumn; validTo: PgColumn };

function validAt(table: Dated, at: string): SQL {
  return and(lte(table.validFrom, at), or(isNull(table.validTo), gte(table.validTo, at))) as SQL;
}

export interface UnitFilter {
  readonly at: string;
  readonly level?: string | undefined;
  readonly parent?: string | undefined;
}

export function listUnits(db: Executor, filter: UnitFilter) {
  const conditions: SQL[] = [validAt(adminUnits, filter.at)];
  if (filter.level) conditions.push(eq(adminUnits.level, filter.level));
  if (filter.parent) conditions.push(eq(adminUnits.parentCode, filter.parent));
  return db
    .select()
    .from(adminUnits)
    .where(and(...conditions))
    .orderBy(asc(adminUnits.code));
}

/** Every version of a unit code (a code may be re-used by a successor unit). */
export function unitVersions(db: Executor, code: string) {
  return db.select().from(adminUnits).where(eq(adminUnits.code, code)).orderBy(asc(adminUnits.validFrom));
}

export function successionsFrom(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(unitSuccessions)
    .where(or(...codes.map((c) => eq(unitSuccessions.fromCode, c))))
    .orderBy(asc(unitSuccessions.effectiveOn), asc(unitSuccessions.toCode));
}

export interface ServicePointFilter {
  readonly at: string;
  readonly level?: string | undefined;
  readonly operator?: string | undefined;
  readonly unit?: string | undefined;
}

export function listServicePoints(db: Executor, filter: ServicePointFilter) {
  const conditions: SQL[] = [validAt(servicePoints, filter.at)];
  if (filter.level) conditions.push(eq(servicePoints.level, filter.level));
  if (filter.operator) conditions.push(eq(servicePoints.operator, filter.operator));
  if (filter.unit) conditions.push(eq(servicePoints.unitCode, filter.unit));
  return db
    .select()
    .from(servicePoints)
    .where(and(...conditions))
    .orderBy(asc(servicePoints.code));
}

export type ServicePointRow = typeof servicePoints.$inferSelect;

export async function findServicePoint(db: Executor, code: string): Promise<ServicePointRow | undefined> {
  const [row] = await db.select().from(servicePoints).where(eq(servicePoints.code, code));
  return row;
}

export function listAgencies(db: Executor, at: string, level?: string) {
  const conditions: SQL[] = [validAt(agencies, at)];
  if (level) conditions.push(eq(agencies.level, level));
  return db
    .select()
    .from(agencies)
    .where(and(...conditions))
    .orderBy(asc(agencies.code));
}

export async function findAgency(db: Executor, code: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.code, code));
  return row;
}

export function staffingAt(db: Executor, at: string, servicePointCode?: string) {
  const conditions: SQL[] = [validAt(counterStaffing, at)];
  if (servicePointCode) conditions.push(eq(counterStaffing.servicePointCode, servicePointCode));
  return db
    .select()
    .from(counterStaffing)
    .where(and(...conditions))
    .orderBy(asc(counterStaffing.servicePointCode));
}

/** All unit rows, for building the parent chain in memory (a few hundred rows; cached by the service). */
export function allUnits(db: Executor) {
  return db.select().from(adminUnits).orderBy(asc(adminUnits.code), asc(adminUnits.validFrom));
}
