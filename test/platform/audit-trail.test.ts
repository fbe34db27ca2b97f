import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/adapters/db/schema.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { TEST_ENGINE } from '../helpers/test-db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records the actor, time, action and change of a write in the same transaction', async () => {
    const admin = await t.tokenFor('admin');
    t.clock.set('2026-03-02T03:04:05Z');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'audited.user',
        password: 'long-enough-password',
        fullName: 'Người Được Ghi',
        roles: [{ role: 'auditor' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'user.created' and ${auditEvents.entityId} = ${res.json().id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorLabel: 'admin',
      action: 'user.created',
      at: new Date('2026-03-02T03:04:05Z'),
    });
    expect(rows[0]!.change).toMatchObject({ username: 'audited.user' });
    expect(JSON.stringify(rows[0]!.change)).not.toContain('long-enough-password');
  });

  it('verifies an untouched chain', async () => {
    const result = await verifyAuditChain(t.db.database.db);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(5);
    const auditor = await t.tokenFor('demo.auditor');
    const res = await t.app.inject({ url: '/api/v1/audit/verify', headers: bearer(auditor) });
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await expect(
      t.db.database.db.execute(sql`update audit_event set action = 'x' where seq = 1`),
    ).rejects.toThrow();
    await expect(t.db.database.db.execute(sql`delete from audit_event where seq = 1`)).rejects.toThrow();
  });

  it('detects a row altered behind the trigger’s back', async () => {
    const db = t.db.database.db;
    await db.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
    await db.execute(sql`update audit_event set change = '{"tampered":true}'::jsonb where seq = 2`);
    await db.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ seq: 2, problem: 'hash_mismatch' });
  });

  it('detects a deleted row', async () => {
    const db = t.db.database.db;
    await db.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
    await db.execute(sql`delete from audit_event where seq = 4`);
    await db.execute(sql`alter table audit_event enable trigger audit_event_append_only`);
    const result = await verifyAuditChain(db);
    expect(result.problems).toContainEqual({ seq: 5, problem: 'gap' });
  });

  it.runIf(TEST_ENGINE === 'pg')('`npm run audit:verify` exits non-zero on a tampered chain', () => {
    let status = 0;
    let output: string;
    try {
      output = execFileSync('npx', ['tsx', 'src/cli/motcua.ts', 'audit', 'verify'], {
        env: { ...process.env, DATABASE_URL: t.db.url },
        encoding: 'utf8',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      output = String((error as { stdout: string }).stdout);
    }
    expect(status).toBe(1);
    expect(output).toContain('hash_mismatch');
  });
});
