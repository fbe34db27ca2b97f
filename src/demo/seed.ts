/**
 * First start: load the reference units and, in demo mode, the 2022 rollout scenario and one demo
 * account per role. Always create the `admin` account on a fresh database.
 */
import type { Database } from '../adapters/db/database.ts';
import { hashPassword, randomSecret } from '../adapters/crypto/password.ts';
import { users } from '../adapters/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR, type AuditEntry } from '../modules/audit/audit.repository.ts';
import { insertUser } from '../modules/access/access.repository.ts';
import type { RoleGrant } from '../modules/access/domain.ts';
import { loadReferenceUnits } from '../modules/org/reference-data.ts';
import { loadDemoOrganisation } from '../modules/org/demo-organisation.ts';
import { ensureDemoCatalog, loadDemoCatalog } from '../modules/catalog/demo-catalog.ts';
import { ensureDemoPostalTariff, loadDemoPostalTariff } from '../modules/postal/demo-tariff.ts';
import { loadDemoOperations } from '../modules/operations/demo-operations.ts';
import { ensureCalendarYears, loadShippedYears } from '../modules/calendar/calendar.service.ts';
import { sql } from 'drizzle-orm';

export const DEMO_PASSWORD = 'motcua-demo-2026';

export const DEMO_ACCOUNTS: readonly { username: string; fullName: string; grants: RoleGrant[] }[] = [
  { username: 'demo.admin', fullName: 'Quản trị Demo', grants: [{ role: 'admin', scope: {} }] },
  {
    username: 'demo.clerk',
    fullName: 'Nguyễn Thị Tiếp Nhận',
    grants: [{ role: 'clerk', scope: { servicePoint: 'H21.52' } }],
  },
  {
    username: 'demo.clerk.iakrai',
    fullName: 'Rơ Châm H’Bia',
    grants: [{ role: 'clerk', scope: { servicePoint: 'H21.52.23776' } }],
  },
  {
    username: 'demo.officer',
    fullName: 'Trần Văn Thẩm Định',
    grants: [{ role: 'officer', scope: { agency: 'SO-TU-PHAP' } }],
  },
  {
    username: 'demo.courier',
    fullName: 'Lê Văn Bưu Tá',
    grants: [{ role: 'courier', scope: { unit: '52' } }],
  },
  { username: 'demo.manager', fullName: 'Phạm Thị Quản Lý', grants: [{ role: 'manager', scope: {} }] },
  { username: 'demo.auditor', fullName: 'Hoàng Văn Kiểm Toán', grants: [{ role: 'auditor', scope: {} }] },
];

export interface InitialiseResult {
  readonly fresh: boolean;
  /** Set only when a random admin password was generated now: print it once. */
  readonly generatedAdminPassword?: string;
}

export async function initialiseDatabase(
  database: Database,
  options: { demo: boolean; adminPassword: string | undefined; now: Date },
): Promise<InitialiseResult> {
  const [existing] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((existing?.n ?? 0) > 0) {
    // Calendar years are reference data: shipped years the database does not have yet are loaded now.
    await ensureCalendarYears(database, options.now);
    // A demo database made before the catalog existed gets the real procedures once.
    if (options.demo) await ensureDemoCatalog(database, options.now);
    // … and the demo postage tariff, once.
    if (options.demo) await ensureDemoPostalTariff(database, options.now);
    return { fresh: false };
  }
  const adminPassword = options.adminPassword ?? randomSecret(12);
  const adminHash = await hashPassword(adminPassword);
  const demoHash = options.demo ? await hashPassword(DEMO_PASSWORD) : '';
  await database.transaction(async (tx) => {
    const loaded: Record<string, unknown> = {};
    if (options.demo) {
      loaded.units = await loadReferenceUnits(tx);
      loaded.organisation = await loadDemoOrganisation(tx);
      loaded.catalog = await loadDemoCatalog(tx, options.now);
      loaded.postalTariff = await loadDemoPostalTariff(tx, options.now);
      loaded.operations = await loadDemoOperations(tx, options.now);
    }
    // Reference data, demo or not: the official years shipped in data/calendar/ as revision 1.
    const calendarAudit = await loadShippedYears(tx, options.now);
    const admin = await insertUser(
      tx,
      { username: 'admin', passwordHash: adminHash, fullName: 'Administrator', createdAt: options.now },
      [{ role: 'admin', scope: {} }],
    );
    const audit: AuditEntry[] = [
      {
        action: 'system.initialised',
        entityType: 'system',
        entityId: 'motcua',
        change: { demo: options.demo, ...loaded },
      },
      {
        action: 'user.created',
        entityType: 'user',
        entityId: admin.id,
        change: { username: 'admin', roles: [{ role: 'admin', scope: {} }] },
      },
    ];
    if (options.demo) {
      for (const account of DEMO_ACCOUNTS) {
        const user = await insertUser(
          tx,
          {
            username: account.username,
            passwordHash: demoHash,
            fullName: account.fullName,
            createdAt: options.now,
          },
          account.grants,
        );
        audit.push({
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          change: { username: account.username, roles: account.grants },
        });
      }
    }
    audit.push(...calendarAudit);
    await appendAudit(tx, SYSTEM_ACTOR, options.now, audit);
  });
  return options.adminPassword ? { fresh: true } : { fresh: true, generatedAdminPassword: adminPassword };
}
