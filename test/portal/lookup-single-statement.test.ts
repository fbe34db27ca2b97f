/**
 * The public lookup's single statement (portal.repository `lookupRow`) against the path it
 * replaced (the dossiers module's `loadDossierFull` + the rating row, through the same
 * `publicView`), for dossiers with events, supplement requests (one resumed, one open), an apology
 * and a rating; and the answer never carries a property outside the public view's allow-list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dossierRepo from '../../src/modules/dossiers/dossiers.repository.ts';
import { publicView } from '../../src/modules/portal/domain.ts';
import * as portalRepo from '../../src/modules/portal/portal.repository.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { act, intakeBody, LONG_SESSIONS, post, registerProcedure } from '../dossiers/builders.ts';

let t: TestApp;
const PHONE4 = '5678'; // PERSON.phone = '0912 345 678'
const HOUR = 3_600_000;

/** Every property path the public view may have ([] = array element); nothing else may appear. */
const TEXT = ['vi', 'en'];
const ALLOWED: Record<string, readonly string[]> = {
  '': [
    'code',
    'procedure',
    'status',
    'statusLabel',
    'servicePoint',
    'submittedAt',
    'receivedAt',
    'appointment',
    'timeline',
    'supplement',
    'apologies',
    'result',
    'returnedAt',
    'closing',
    'rating',
  ],
  procedure: ['code', 'name'],
  statusLabel: TEXT,
  servicePoint: ['code', 'name', 'address'],
  appointment: ['dueAt', 'originalDueAt'],
  'timeline[]': ['at', 'type', 'label'],
  'timeline[].label': TEXT,
  supplement: ['requestedAt', 'reason', 'items', 'bringTo'],
  'supplement.bringTo': ['name', 'address'],
  'apologies[]': ['issuedAt', 'reason', 'previousDueAt', 'newDueAt'],
  result: ['readyAt', 'method', 'methodLabel', 'collectAt', 'postal'],
  'result.methodLabel': TEXT,
  'result.collectAt': ['name', 'address'],
  'result.postal[]': ['trackingNumber', 'leg', 'status', 'statusLabel'],
  'result.postal[].statusLabel': TEXT,
  closing: ['kind', 'reason', 'at'],
  rating: ['open', 'given'],
};

/** The property paths of `value` that are not in ALLOWED. */
function outsideAllowList(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => outsideAllowList(v, `${path}[]`));
  if (value === null || typeof value !== 'object') return [];
  const allowed = ALLOWED[path];
  if (!allowed) return [path];
  return Object.entries(value).flatMap(([key, v]) => {
    const child = path === '' ? key : `${path}.${key}`;
    if (!allowed.includes(key)) return [child];
    return ALLOWED[child] || ALLOWED[`${child}[]`] ? outsideAllowList(v, child) : [];
  });
}

/** The view as the previous path built it: the full dossier, its events and the rating row. */
async function previousView(code: string): Promise<unknown> {
  const full = await dossierRepo.loadDossierFull(t.db.database.db, code);
  if (!full) throw new Error(`no dossier ${code}`);
  const rated = (await portalRepo.ratingOf(t.db.database.db, full.dossier.id)) !== undefined;
  return JSON.parse(JSON.stringify(publicView(full.dossier, full.events, { postal: [], rated })));
}

async function lookup(code: string, query: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?${query}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function step(user: string, code: string, body: Record<string, unknown>): Promise<void> {
  t.clock.advance(HOUR);
  await act(t, user, code, body);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
});
afterAll(async () => t?.close());

describe('public lookup in one statement', () => {
  it('answers what the previous path answered for a returned, supplemented, apologised, rated dossier', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(res.statusCode, res.body).toBe(201);
    const { code, lookupToken } = res.json() as { code: string; lookupToken: string };
    await step('demo.clerk', code, { action: 'forward' });
    await step('demo.officer', code, {
      action: 'apologize',
      reason: 'Cần xác minh thêm',
      newDueAt: '2026-03-20T10:00:00.000Z',
    });
    await step('demo.officer', code, {
      action: 'request-supplement',
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu'],
    });
    await step('demo.clerk', code, { action: 'supplement' });
    await step('demo.officer', code, {
      action: 'complete',
      result: { kind: 'paper', number: 'LLTP-001' },
    });
    await step('demo.clerk', code, {
      action: 'record-payment',
      feeSeq: 1,
      method: 'cash',
      receiptNumber: 'BL-1',
    });
    await step('demo.clerk', code, {
      action: 'return',
      method: 'counter',
      receiverName: 'Nguyễn Văn An',
      identity: 'id_document',
    });
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/rating`,
      payload: { rating: 'satisfied', phone4: PHONE4 },
    });
    expect(rated.statusCode, rated.body).toBe(201);

    const view = (await lookup(code, `phone4=${PHONE4}`)).json();
    expect(view).toEqual(await previousView(code));
    expect((await lookup(code, `token=${lookupToken}`)).json()).toEqual(view);
    // The case is not trivially empty: every part the statement gathers is there.
    expect(view.timeline.map((s: { type: string }) => s.type)).toEqual(
      expect.arrayContaining([
        'dossier.received',
        'dossier.apologized',
        'dossier.supplement-requested',
        'dossier.supplemented',
        'dossier.result-ready',
        'dossier.returned',
      ]),
    );
    expect(view.apologies).toHaveLength(1);
    expect(view.supplement).toBeNull();
    expect(view.result).toMatchObject({ method: 'counter' });
    expect(view.rating).toEqual({ open: false, given: true });
    expect(outsideAllowList(view)).toEqual([]);
    // Before serialisation too (the response schema would drop an extra property silently).
    const row = await portalRepo.lookupRow(t.db.database.db, code);
    const built = publicView(row!.source, row!.events, { postal: [], rated: row!.rated });
    expect(outsideAllowList(JSON.parse(JSON.stringify(built)))).toEqual([]);
    expect(JSON.parse(JSON.stringify(built))).toEqual(view);
  });

  it('answers what the previous path answered while a supplement request is open', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json() as { code: string };
    await step('demo.clerk', code, { action: 'forward' });
    await step('demo.officer', code, {
      action: 'apologize',
      reason: 'Cần xác minh thêm',
      newDueAt: '2026-03-20T10:00:00.000Z',
    });
    await step('demo.officer', code, {
      action: 'request-supplement',
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu', 'Bản sao CCCD'],
    });
    const view = (await lookup(code, `phone4=${PHONE4}`)).json();
    expect(view).toEqual(await previousView(code));
    expect(view.supplement).toMatchObject({ items: ['Bản sao sổ hộ khẩu', 'Bản sao CCCD'] });
    expect(view.rating).toEqual({ open: false, given: false });
    expect(outsideAllowList(view)).toEqual([]);
  });

  it('finds a property outside the allow-list (the check itself can fail)', () => {
    expect(outsideAllowList({ code: 'X', applicant: { fullName: 'A' } })).toEqual(['applicant']);
    expect(outsideAllowList({ timeline: [{ at: 'x', actor: 'clerk' }] })).toEqual(['timeline[].actor']);
    expect(outsideAllowList({ servicePoint: { code: 'x', unitCode: 'y' } })).toEqual([
      'servicePoint.unitCode',
    ]);
  });
});
