/**
 * Test builders for the dossier tests: a procedure version, applicants, intake bodies, HTTP helpers,
 * and pure fixtures (a dossier driven to any state through `decide`).
 *
 * Procedures go through the catalog (`CatalogService.loadVersions`), the app's default procedure
 * source; the codes are synthetic (`.MC` suffix) so they never collide with the demo's real catalog.
 */
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { localInstant, SHIPPED_YEARS, createCalendar } from '../../src/kernel/calendar/index.ts';
import type { ProcedureVersion } from '../../src/modules/catalog/domain/procedure.ts';
import { openDossier, snapshotOf } from '../../src/modules/dossiers/domain/intake.ts';
import {
  decide,
  DEFAULT_LIFECYCLE_SETTINGS,
  type DossierCommand,
} from '../../src/modules/dossiers/domain/lifecycle.ts';
import type { ActorRef, Applicant, Dossier, DossierStatus } from '../../src/modules/dossiers/domain/types.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.repository.ts';
import { bearer, type TestApp } from '../helpers/test-app.ts';

export const PROCEDURE_CODE = '1.900001.MC';

/** The tests move the fake clock across weeks: sessions must outlive it. */
export const LONG_SESSIONS = { sessionHours: 24 * 365 * 10 };

/** A provincial procedure of Sở Tư pháp: 5 working days, two steps (60/40), a fee that blocks the return. */
export function procedureVersion(overrides: Partial<ProcedureVersion> = {}): ProcedureVersion {
  return {
    code: PROCEDURE_CODE,
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    levels: ['province'],
    field: 'Lý lịch tư pháp',
    agency: { code: 'SO-TU-PHAP', name: 'Sở Tư pháp' },
    servicePointCodes: [],
    processingTime: { value: 5, unit: 'working_days' },
    fees: [
      { name: 'Phí cung cấp thông tin lý lịch tư pháp', amountVnd: 200_000 },
      {
        name: 'Phí cấp thêm phiếu (từ phiếu thứ 3)',
        amountVnd: 5_000,
        appliesWhen: 'Khi yêu cầu từ 3 phiếu trở lên',
      },
    ],
    documents: [
      {
        name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
        form: 'original',
        count: 1,
        mandatory: true,
        reusableFromDataStore: false,
      },
      { name: 'Căn cước công dân', form: 'copy', count: 1, mandatory: true, reusableFromDataStore: true },
      {
        name: 'Văn bản ủy quyền',
        form: 'certified_copy',
        count: 1,
        mandatory: false,
        reusableFromDataStore: false,
      },
    ],
    result: { name: 'Phiếu lý lịch tư pháp', kind: 'both' },
    onlineLevel: 'full',
    postal: { sendDossier: true, receiveResult: true },
    oneStop: true,
    legalBasis: ['Luật Lý lịch tư pháp 2009'],
    feesBlockReturn: true,
    steps: [
      { name: 'Thẩm định, xác minh', sharePercent: 60 },
      { name: 'Ký, phê duyệt', sharePercent: 40 },
    ],
    version: 1,
    status: 'published',
    validFrom: '2025-07-01',
    validTo: null,
    decision: { number: '1234/QĐ-UBND', date: '2025-06-25' },
    ...overrides,
  };
}

/** Publishes a version in the catalog (the app's procedure source). Returns its storage id. */
export async function registerProcedure(
  t: TestApp,
  version: ProcedureVersion = procedureVersion(),
): Promise<string> {
  await t.app.services.catalog.loadVersions(SYSTEM_ACTOR, [version], t.clock.now(), false);
  const found = await t.app.services.procedures.versionInForce(
    version.code,
    version.validFrom ?? '2025-07-01',
  );
  if (!found) throw new Error(`procedure ${version.code} is not in force after loading`);
  return found.id;
}

export const PERSON: Applicant = {
  kind: 'person',
  fullName: 'Nguyễn Văn An',
  idNumber: '064095000123',
  phone: '0912 345 678',
  email: 'an@example.vn',
  address: '12 Trần Hưng Đạo, phường Quy Nhơn, Gia Lai',
};

export const ORGANISATION: Applicant = {
  kind: 'organisation',
  fullName: 'Công ty TNHH Phố Núi',
  taxCode: '5900123456-001',
  phone: '02693 822 111',
  address: '1 Lê Lợi, phường Pleiku, Gia Lai',
};

/** Complete documents for `procedureVersion()`. */
export const COMPLETE_DOCUMENTS = [
  { index: 1, form: 'original', count: 1, attached: true, reused: false },
  { index: 2, form: 'copy', count: 1, attached: false, reused: true },
] as const;

export const SERVICE_POINT = 'H21.52'; // demo.clerk's service point (provincial TTPVHCC)

export function intakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    procedureCode: PROCEDURE_CODE,
    servicePointCode: SERVICE_POINT,
    channel: 'counter',
    applicant: PERSON,
    documents: COMPLETE_DOCUMENTS,
    returnMethod: 'counter',
    ...overrides,
  };
}

export async function post(
  t: TestApp,
  user: string,
  url: string,
  payload: unknown,
  key?: string,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = bearer(await t.tokenFor(user));
  if (key) headers['idempotency-key'] = key;
  return t.app.inject({ method: 'POST', url, headers, payload: payload as object });
}

export async function get(t: TestApp, user: string, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: bearer(await t.tokenFor(user)) });
}

/** Intake at the counter as demo.clerk; returns the code. */
export async function receiveAtCounter(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { code: string }).code;
}

/** Sends an action with the dossier's current version; asserts success unless `expectStatus` is given. */
export async function act(
  t: TestApp,
  user: string,
  code: string,
  action: Record<string, unknown>,
  expectStatus = 200,
): Promise<LightMyRequestResponse> {
  const current = await get(t, 'demo.manager', `/api/v1/dossiers/${code}`);
  const version = (current.json() as { version: number }).version;
  const res = await post(t, user, `/api/v1/dossiers/${code}/actions`, { version, ...action });
  expect(res.statusCode, res.body).toBe(expectStatus);
  return res;
}

export const HANDOVER = {
  action: 'handover',
  giver: { name: 'Trần Văn Thẩm Định', unit: 'Phòng Hành chính tư pháp' },
  receiver: { name: 'Lê Thị Phê Duyệt', unit: 'Lãnh đạo Sở Tư pháp' },
};

/** The actions that take an HTTP dossier from `received` to each state (clerk/officer as the table says). */
export const PATH_TO: Record<DossierStatus, { user: string; body: Record<string, unknown> }[]> = {
  submitted: [],
  received: [],
  in_progress: [{ user: 'demo.clerk', body: { action: 'forward' } }],
  supplement_requested: [
    { user: 'demo.clerk', body: { action: 'forward' } },
    {
      user: 'demo.officer',
      body: { action: 'request-supplement', reason: 'Thiếu giấy tờ', items: ['Bản sao sổ hộ khẩu'] },
    },
  ],
  result_ready: [
    { user: 'demo.clerk', body: { action: 'forward' } },
    { user: 'demo.officer', body: { action: 'complete', result: { kind: 'paper', number: 'LLTP-001' } } },
  ],
  returned: [
    { user: 'demo.clerk', body: { action: 'forward' } },
    { user: 'demo.officer', body: { action: 'complete', result: { kind: 'paper', number: 'LLTP-001' } } },
    {
      user: 'demo.clerk',
      body: { action: 'record-payment', feeSeq: 1, method: 'cash', receiptNumber: 'BL-1' },
    },
    {
      user: 'demo.clerk',
      body: { action: 'return', method: 'counter', receiverName: 'Nguyễn Văn An', identity: 'id_document' },
    },
  ],
  rejected: [
    { user: 'demo.clerk', body: { action: 'forward' } },
    { user: 'demo.officer', body: { action: 'reject', reason: 'Không đủ điều kiện' } },
  ],
  stopped: [
    { user: 'demo.clerk', body: { action: 'forward' } },
    { user: 'demo.officer', body: { action: 'stop', reason: 'Người yêu cầu không bổ sung' } },
  ],
  withdrawn: [{ user: 'demo.clerk', body: { action: 'withdraw', reason: 'Công dân xin rút' } }],
};

/** A dossier in `status`, made over HTTP (online channel for `submitted`). */
export async function dossierIn(t: TestApp, status: DossierStatus): Promise<string> {
  const code = await receiveAtCounter(t, status === 'submitted' ? { channel: 'online' } : {});
  for (const step of PATH_TO[status]) await act(t, step.user, code, step.body);
  return code;
}

// ---------------------------------------------------------------- pure fixtures

export const OFFICIAL_CALENDAR = createCalendar({ years: SHIPPED_YEARS });
export const CALENDAR_RULE = {
  ruleVersion: 'cal:2024r0+2025r0+2026r0,sched:default',
  scheduleId: 'default',
  years: [],
};
export const CLERK: ActorRef = { id: 'u-clerk', label: 'demo.clerk', name: 'Nguyễn Thị Tiếp Nhận' };
export const OFFICER: ActorRef = { id: 'u-officer', label: 'demo.officer', name: 'Trần Văn Thẩm Định' };

/** `at('2026-03-02 09:00')`: a Date at Vietnam local time. */
export const at = (local: string): Date => {
  const [date, time] = local.split(' ');
  return new Date(localInstant(date ?? '', time ?? '00:00'));
};

/** A valid command for every action (for the transition-table test). */
export const COMMANDS: Record<string, DossierCommand> = {
  receive: { action: 'receive' },
  forward: { action: 'forward' },
  handover: { action: 'handover', giver: HANDOVER.giver, receiver: HANDOVER.receiver },
  'request-supplement': { action: 'request-supplement', reason: 'Thiếu', items: ['Giấy khai sinh'] },
  supplement: { action: 'supplement' },
  reject: { action: 'reject', reason: 'Không đủ điều kiện' },
  stop: { action: 'stop', reason: 'Dừng theo đề nghị' },
  withdraw: { action: 'withdraw', reason: 'Công dân xin rút' },
  apologize: { action: 'apologize', reason: 'Cần xác minh thêm', newDueAt: at('2026-04-30 17:00') },
  complete: { action: 'complete', result: { kind: 'electronic', number: 'KQ-1' } },
  return: { action: 'return', method: 'online' },
  'record-payment': { action: 'record-payment', feeSeq: 2, method: 'cash', receiptNumber: 'BL-9' },
};

/** Decides and throws on refusal (fixture building). */
export function must(d: Dossier, command: DossierCommand, now: Date, actor: ActorRef = OFFICER): Dossier {
  const r = decide(d, command, {
    now,
    actor,
    calendar: OFFICIAL_CALENDAR,
    calendarRule: CALENDAR_RULE,
    settings: DEFAULT_LIFECYCLE_SETTINGS,
  });
  if (!r.ok) throw new Error(`${command.action} refused: ${r.error.code} ${r.error.message}`);
  return r.value.dossier;
}

/** A new dossier (pure), received at `receivedAt` on the counter, or submitted online. */
export function newDossier(
  options: { channel?: 'counter' | 'online'; at?: Date; version?: ProcedureVersion; feesPaid?: boolean } = {},
): Dossier {
  const v = options.version ?? procedureVersion();
  const now = options.at ?? at('2026-03-02 09:00');
  const r = openDossier(
    {
      id: '00000000-0000-4000-8000-000000000001',
      code: 'H21.52-260302-0001',
      channel: options.channel ?? 'counter',
      procedure: snapshotOf(`${v.code}@${v.version}`, v),
      servicePoint: {
        code: 'H21.52',
        name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
        level: 'province',
        unitCode: '52',
        address: 'Quy Nhơn, Gia Lai',
      },
      unitAncestors: ['52'],
      applicant: PERSON,
      documents: [...COMPLETE_DOCUMENTS],
      documentNames: v.documents.map((d) => d.name),
      returnMethod: 'counter',
      deliveryAddress: null,
      fees: [
        {
          seq: 1,
          name: 'Phí cung cấp thông tin',
          amountVnd: 200_000,
          payment: options.feesPaid ? { method: 'cash', receiptNumber: 'BL-0', paidAt: now } : null,
        },
        { seq: 2, name: 'Phí cấp thêm phiếu', amountVnd: 5_000, payment: null },
      ],
    },
    { now, actor: CLERK, calendar: OFFICIAL_CALENDAR, calendarRule: CALENDAR_RULE },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dossier;
}

/**
 * A pure dossier driven to `status` (times on working days after 2026-03-02 09:00). Fee 1 is paid,
 * fee 2 is not, and the procedure does not block the return on fees, so every action of the table
 * has a valid command in every state that allows it.
 */
export function pureDossierIn(status: DossierStatus): Dossier {
  const base = newDossier({
    channel: status === 'submitted' ? 'online' : 'counter',
    feesPaid: true,
    version: procedureVersion({ feesBlockReturn: false }),
  });
  const t1 = at('2026-03-02 10:00');
  const t2 = at('2026-03-03 10:00');
  const t3 = at('2026-03-04 10:00');
  const inProgress = () => must(base, COMMANDS.forward as DossierCommand, t1, CLERK);
  switch (status) {
    case 'submitted':
      return base;
    case 'received':
      return base;
    case 'in_progress':
      return inProgress();
    case 'supplement_requested':
      return must(inProgress(), COMMANDS['request-supplement'] as DossierCommand, t2);
    case 'result_ready':
      return must(inProgress(), COMMANDS.complete as DossierCommand, t2);
    case 'returned':
      return must(
        must(inProgress(), COMMANDS.complete as DossierCommand, t2),
        COMMANDS.return as DossierCommand,
        t3,
        CLERK,
      );
    case 'rejected':
      return must(inProgress(), COMMANDS.reject as DossierCommand, t2);
    case 'stopped':
      return must(inProgress(), COMMANDS.stop as DossierCommand, t2);
    case 'withdrawn':
      return must(base, COMMANDS.withdraw as DossierCommand, t1, CLERK);
  }
}
