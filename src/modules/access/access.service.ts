/**
 * Sign-in, sessions and staff accounts. Every write records its audit event in the same transaction.
 */
import type { Database } from '../../adapters/db/database.ts';
import { DUMMY_HASH, hashPassword, randomSecret, verifyPassword } from '../../adapters/crypto/password.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.repository.ts';
import * as repo from './access.repository.ts';
import { ROLES, validateGrant, type Actor, type Role, type RoleGrant, type Scope } from './domain.ts';

export interface AccessSettings {
  readonly sessionHours: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
}

export interface LoginResult {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly actor: Actor;
}

/** ASVS 2.1.1: at least 12 characters. */
export const MIN_PASSWORD_LENGTH = 12;

export function auditActorOf(actor: Actor | undefined): AuditActor {
  return actor ? { id: actor.userId, label: actor.username } : SYSTEM_ACTOR;
}

export interface NewUserInput {
  readonly username: string;
  readonly password: string;
  readonly fullName: string;
  readonly roles: readonly { role: string; scope?: Scope | undefined }[];
}

export class AccessService {
  constructor(
    private readonly database: Database,
    private readonly settings: AccessSettings,
    /** Checks that scope codes name existing service points / units / agencies. */
    private readonly scopeExists: (scope: Scope) => Promise<string | null>,
  ) {}

  async login(username: string, password: string, now: Date): Promise<LoginResult> {
    const name = username.normalize('NFC').trim().toLowerCase();
    return this.database
      .transaction(async (tx) => {
        const user = await repo.findUserByUsername(tx, name);
        if (!user || !user.active) {
          await verifyPassword(password, DUMMY_HASH); // same cost as a real check: no username oracle
          throw new AppError('AUTH_INVALID_CREDENTIALS');
        }
        // A locked account answers exactly like a wrong password or an unknown name (same status,
        // code and hash cost): the answer must not tell an attacker that the name exists.
        if (user.lockedUntil && user.lockedUntil > now) {
          await verifyPassword(password, DUMMY_HASH);
          await appendAudit(tx, { id: user.id, label: user.username }, now, [
            {
              action: 'auth.login-refused',
              entityType: 'user',
              entityId: user.id,
              change: { lockedUntil: user.lockedUntil.toISOString() },
            },
          ]);
          return { failed: 'locked' as const };
        }
        if (!(await verifyPassword(password, user.passwordHash))) {
          const failures = user.failedLogins + 1;
          const lock =
            failures >= this.settings.loginMaxFailures
              ? new Date(now.getTime() + this.settings.loginLockMinutes * 60_000)
              : null;
          await repo.recordLoginFailure(tx, user.id, lock ? 0 : failures, lock);
          await appendAudit(tx, { id: user.id, label: user.username }, now, [
            {
              action: lock ? 'auth.locked' : 'auth.login-failed',
              entityType: 'user',
              entityId: user.id,
              change: { failures },
            },
          ]);
          // The failure must be stored, so this transaction commits; the error is thrown after it.
          return { failed: lock ? ('locked' as const) : ('invalid' as const) };
        }
        await repo.recordLoginSuccess(tx, user.id);
        const token = randomSecret();
        const csrfToken = randomSecret(24);
        const expiresAt = new Date(now.getTime() + this.settings.sessionHours * 3_600_000);
        await repo.insertSession(tx, {
          tokenHash: repo.sha256(token),
          userId: user.id,
          csrfToken,
          createdAt: now,
          expiresAt,
        });
        await appendAudit(tx, { id: user.id, label: user.username }, now, [
          { action: 'auth.login', entityType: 'user', entityId: user.id, change: {} },
        ]);
        const grants = await repo.grantsOf(tx, user.id);
        return {
          token,
          csrfToken,
          expiresAt,
          actor: { userId: user.id, username: user.username, fullName: user.fullName, grants },
        };
      })
      .then((result) => {
        // Locking is recorded (audit `auth.locked`) but not told: the caller sees a wrong password.
        if ('failed' in result) throw new AppError('AUTH_INVALID_CREDENTIALS');
        return result;
      });
  }

  async logout(token: string, actor: Actor, now: Date): Promise<void> {
    await this.database.transaction(async (tx) => {
      await repo.deleteSession(tx, token);
      await appendAudit(tx, auditActorOf(actor), now, [
        { action: 'auth.logout', entityType: 'user', entityId: actor.userId, change: {} },
      ]);
    });
  }

  authenticate(token: string, now: Date) {
    return repo.actorBySessionToken(this.database.db, token, now);
  }

  /** Validates a new account; returns every problem at once. */
  async validateNewUser(input: NewUserInput): Promise<{ problems: InvalidParam[]; grants: RoleGrant[] }> {
    const problems: InvalidParam[] = [];
    const username = input.username.normalize('NFC').trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username))
      problems.push({
        name: 'username',
        reason: '3–64 characters: a–z, 0–9, dot, dash, underscore',
        code: 'VALIDATION_FAILED',
      });
    if (input.password.length < MIN_PASSWORD_LENGTH)
      problems.push({
        name: 'password',
        reason: `at least ${MIN_PASSWORD_LENGTH} characters`,
        code: 'PASSWORD_TOO_WEAK',
      });
    if (input.fullName.normalize('NFC').trim().length === 0)
      problems.push({ name: 'fullName', reason: 'required', code: 'VALIDATION_FAILED' });
    if (input.roles.length === 0)
      problems.push({ name: 'roles', reason: 'at least one role', code: 'USER_ROLE_SCOPE_INVALID' });
    const grants: RoleGrant[] = [];
    for (const [i, r] of input.roles.entries()) {
      if (!(ROLES as readonly string[]).includes(r.role)) {
        problems.push({
          name: `roles/${i}/role`,
          reason: `one of ${ROLES.join(', ')}`,
          code: 'USER_ROLE_SCOPE_INVALID',
        });
        continue;
      }
      const scope: Scope = Object.fromEntries(
        Object.entries(r.scope ?? {}).filter(([, v]) => typeof v === 'string' && v !== ''),
      );
      const grant: RoleGrant = { role: r.role as Role, scope };
      const problem = validateGrant(grant) ?? (await this.scopeExists(scope));
      if (problem)
        problems.push({ name: `roles/${i}/scope`, reason: problem, code: 'USER_ROLE_SCOPE_INVALID' });
      else grants.push(grant);
    }
    return { problems, grants };
  }

  async createUser(actor: Actor | undefined, input: NewUserInput, now: Date) {
    const { problems, grants } = await this.validateNewUser(input);
    if (problems.length > 0) {
      const code =
        problems.some((p) => p.code === 'PASSWORD_TOO_WEAK') && problems.length === 1
          ? 'PASSWORD_TOO_WEAK'
          : 'VALIDATION_FAILED';
      throw new AppError(code, { invalidParams: problems });
    }
    const username = input.username.normalize('NFC').trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async (tx) => {
      if (await repo.findUserByUsername(tx, username))
        throw new AppError('USER_EXISTS', { invalidParams: [{ name: 'username', reason: 'taken' }] });
      const user = await repo.insertUser(
        tx,
        { username, passwordHash, fullName: input.fullName.normalize('NFC').trim(), createdAt: now },
        grants,
      );
      await appendAudit(tx, auditActorOf(actor), now, [
        {
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          change: { username, fullName: user.fullName, roles: grants },
        },
      ]);
      return { id: user.id, username, fullName: user.fullName, roles: grants };
    });
  }

  async listUsers() {
    const rows = await repo.listUsers(this.database.db);
    return Promise.all(
      rows.map(async (u) => ({
        id: u.id,
        username: u.username,
        fullName: u.fullName,
        active: u.active,
        roles: await repo.grantsOf(this.database.db, u.id),
      })),
    );
  }
}
