import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Executor } from '../../adapters/db/database.ts';
import { sessions, userRoles, users } from '../../adapters/db/schema.ts';
import type { Actor, Role, RoleGrant } from './domain.ts';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function grantsOf(db: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select()
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.id));
  return rows.map((r) => ({
    role: r.role as Role,
    scope: {
      ...(r.servicePointCode ? { servicePoint: r.servicePointCode } : {}),
      ...(r.unitCode ? { unit: r.unitCode } : {}),
      ...(r.agencyCode ? { agency: r.agencyCode } : {}),
      ...(r.field ? { field: r.field } : {}),
    },
  }));
}

export async function insertUser(
  db: Executor,
  user: { username: string; passwordHash: string; fullName: string; createdAt: Date },
  grants: readonly RoleGrant[],
) {
  const [row] = await db.insert(users).values(user).returning();
  if (!row) throw new Error('insert returned nothing');
  if (grants.length > 0) {
    await db.insert(userRoles).values(
      grants.map((g) => ({
        userId: row.id,
        role: g.role,
        servicePointCode: g.scope.servicePoint ?? null,
        unitCode: g.scope.unit ?? null,
        agencyCode: g.scope.agency ?? null,
        field: g.scope.field ?? null,
      })),
    );
  }
  return row;
}

export function listUsers(db: Executor) {
  return db.select().from(users).orderBy(asc(users.username));
}

export function listGrantsByServicePoint(db: Executor, servicePointCode: string) {
  return db
    .select({ userId: users.id, username: users.username, fullName: users.fullName, role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.servicePointCode, servicePointCode))
    .orderBy(asc(users.username));
}

export async function recordLoginFailure(
  db: Executor,
  userId: string,
  failures: number,
  lockedUntil: Date | null,
) {
  await db.update(users).set({ failedLogins: failures, lockedUntil }).where(eq(users.id, userId));
}

export async function recordLoginSuccess(db: Executor, userId: string) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
) {
  await db.insert(sessions).values(s);
}

/** The actor behind a session token, or undefined when unknown, expired or the user is inactive. */
/**
 * The actor of a live session, with its grants, in one round trip (every authenticated request
 * runs this: a left join on the grants instead of a second query).
 */
const sessionSelect = (db: Executor) =>
  db
    .select({
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      active: users.active,
      csrfToken: sessions.csrfToken,
      role: userRoles.role,
      servicePointCode: userRoles.servicePointCode,
      unitCode: userRoles.unitCode,
      agencyCode: userRoles.agencyCode,
      field: userRoles.field,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .orderBy(asc(userRoles.id));
const sessionQuery = (db: Executor) => sessionSelect(db).prepare('session_actor');
/** The SQL text of the session lookup ($1 token hash, $2 now): the intake benchmark runs it in pgbench. */
export const sessionActorSql = (db: Executor): string => sessionSelect(db).toSQL().sql;
/** Built once per database (Drizzle binds a prepared query to the executor it was built on). */
const sessionQueries = new WeakMap<Executor, ReturnType<typeof sessionQuery>>();

export async function actorBySessionToken(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ actor: Actor; csrfToken: string } | undefined> {
  let query = sessionQueries.get(db);
  if (!query) {
    query = sessionQuery(db);
    sessionQueries.set(db, query);
  }
  const rows = await query.execute({ tokenHash: sha256(token), now });
  const [row] = rows;
  if (!row || !row.active) return undefined;
  const grants: RoleGrant[] = rows
    .filter((r) => r.role !== null)
    .map((r) => ({
      role: r.role as Role,
      scope: {
        ...(r.servicePointCode ? { servicePoint: r.servicePointCode } : {}),
        ...(r.unitCode ? { unit: r.unitCode } : {}),
        ...(r.agencyCode ? { agency: r.agencyCode } : {}),
        ...(r.field ? { field: r.field } : {}),
      },
    }));
  return {
    actor: { userId: row.userId, username: row.username, fullName: row.fullName, grants },
    csrfToken: row.csrfToken,
  };
}

export async function deleteSession(db: Executor, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
