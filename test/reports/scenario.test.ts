/**
 * Hand-worked scenario (issue #8 acceptance 2): ten dossiers of one 5-working-day procedure at the
 * provincial centre H21.52 (unit 52), driven through the API with a fake clock. No public holiday
 * falls between 16/3 and 24/4/2026, so "+5 working days" is the same weekday a week later.
 *
 * | Dossier | Received (09:00)   | Then                                   | Due ≈     |
 * | ------- | ------------------ | -------------------------------------- | --------- |
 * | A       | Wed 18/3 counter   | completed (paper) Mon 23/3             | 25/3      |
 * | B       | Thu 19/3 counter   | completed (paper) Wed 1/4              | 26/3      |
 * | J       | Fri 20/3 counter   | still open on 21/4                     | 27/3      |
 * | C       | Mon 23/3 online    | completed (electronic) on its due day  | 30/3      |
 * | D       | Tue 24/3 counter   | supplement requested Wed 25/3, waiting |           |
 * | E       | Wed 25/3 counter   | withdrawn Thu 26/3                     |           |
 * | F       | Mon 6/4 counter    | still open                             | 13/4      |
 * | H       | Thu 9/4 counter    | stopped Fri 10/4                       |           |
 * | G       | Tue 14/4 counter   | still open                             | 21/4      |
 * | I       | Mon 20/4 online    | still open                             | 27/4      |
 *
 * Monthly report, period 2026-04 with cut-off 21 (21/3 – 20/4):
 * carried over A, B, J = 3; new C, D, E, F, G, H, I = 7 (online C, I = 2; counter 5); total 10.
 * Resolved A early, C on time, B late = 3. In progress at 21/4 00:00: F, J overdue (2), G, I within
 * time (2). Residual: D waiting for supplement 1, E withdrawn 1, H stopped 1. 3 + 4 + 1 + 1 + 1 = 10.
 *
 * Dashboard at 20/4/2026 (month to date, 1/4 – 20/4): carried over = open at 1/4 00:00: B, D, J = 3;
 * received F, G, H, I = 4; to handle 7. In progress: late F, J = 2; nearly late G (due 21/4, the next
 * working day) = 1; not yet due I = 1; waiting D = 1. Done: B late (1/4) = 1, early 0; not yet
 * collected A, B, C = 3; H stopped = 1. Late rate (2 + 1) / 7 = 42.86 %, on-time rate 57.14 %.
 *
 * QĐ 766, 2026-04: 2.1 = (1 + 1 + 2) / (3 + 4) = 57.14 % → 20 × 0.5714 = 11.43 points; 3.3 online
 * with electronic result 1/3 = 33.33 % (threshold 50 %) → 4 × 33.33/50 = 2.67; 4.1 electronic result
 * 1/3 → 4.4 × 0.3333 = 1.47; 4.2 digitised 0/3 (document 2 is not attached) → 0; 4.3 re-used 3/3 →
 * 4.4; 3.6 paid online 0/3 → 0; 5.4 satisfaction (3 − 1 late − 0 disliked) / 3 = 66.67 % (threshold
 * 90 %) → 6 × 66.67/90 = 4.44; PAKN indicators: no feedback → 0/0, no points.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_HEADER_ROW } from '../../src/modules/reports/reports.export.ts';
import { MONTHLY_COLUMNS } from '../../src/modules/reports/views/tables.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { act, at, LONG_SESSIONS, receiveAtCounter, registerProcedure } from '../dossiers/builders.ts';

let t: TestApp;
const codes: Record<string, string> = {};

async function receive(name: string, when: string, channel: 'counter' | 'online' = 'counter') {
  t.clock.set(at(when));
  const code = await receiveAtCounter(t, channel === 'online' ? { channel: 'online' } : {});
  if (channel === 'online') await act(t, 'demo.clerk', code, { action: 'receive' });
  await act(t, 'demo.clerk', code, { action: 'forward' });
  codes[name] = code;
}
async function step(name: string, when: string, user: string, body: Record<string, unknown>) {
  t.clock.set(at(when));
  await act(t, user, codes[name] as string, body);
}
const complete = (kind: 'paper' | 'electronic') => ({ action: 'complete', result: { kind, number: 'KQ-1' } });

async function getJson(url: string, user = 'demo.manager') {
  const res = await t.app.inject({ method: 'GET', url, headers: bearer(await t.tokenFor(user)) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-16T01:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
  await receive('A', '2026-03-18 09:00');
  await receive('B', '2026-03-19 09:00');
  await receive('J', '2026-03-20 09:00');
  await step('A', '2026-03-23 10:00', 'demo.officer', complete('paper'));
  await receive('C', '2026-03-23 09:30', 'online');
  await receive('D', '2026-03-24 09:00');
  await step('D', '2026-03-25 09:00', 'demo.officer', {
    action: 'request-supplement',
    reason: 'Thiếu giấy tờ',
    items: ['Bản sao giấy khai sinh'],
  });
  await receive('E', '2026-03-25 09:00');
  await step('E', '2026-03-26 09:00', 'demo.clerk', { action: 'withdraw', reason: 'Công dân xin rút' });
  // C completes on its due day, before the due instant: on time.
  const c = await getJson(`/api/v1/dossiers/${codes.C}`);
  const due = new Date(c.dueAt as string);
  t.clock.set(new Date(due.getTime() - 60_000));
  await act(t, 'demo.officer', codes.C as string, complete('electronic'));
  await step('B', '2026-04-01 09:00', 'demo.officer', complete('paper'));
  await receive('F', '2026-04-06 09:00');
  await receive('H', '2026-04-09 09:00');
  await step('H', '2026-04-10 09:00', 'demo.officer', { action: 'stop', reason: 'Dừng theo đề nghị' });
  await receive('G', '2026-04-14 09:00');
  await receive('I', '2026-04-20 09:00', 'online');
  // After the period: J finishes on 21/4 (does not change April's figures).
  await step('J', '2026-04-21 10:00', 'demo.officer', complete('paper'));
  t.clock.set(at('2026-04-22 09:00'));
}, 120_000);
afterAll(async () => t?.close());

describe('hand-worked scenario', () => {
  it('monthly report, period 2026-04 (21/3 – 20/4)', async () => {
    const r = await getJson('/api/v1/reports/monthly?period=2026-04');
    expect(r.period).toEqual({ key: '2026-04', first: '2026-03-21', last: '2026-04-20' });
    expect(r.totals).toEqual({
      total: 10,
      carriedOver: 3,
      newReceived: 7,
      newOnline: 2,
      newCounterAndPostal: 5,
      newCounter: 5,
      newPostal: 0,
      resolved: 3,
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
      inProgress: 4,
      inProgressWithinTime: 2,
      inProgressOverdue: 2,
      waitingSupplement: 1,
      withdrawn: 1,
      stopped: 1,
      rejected: 0,
    });
    expect(r.identityFailures).toEqual([]);
    const byChannel = await getJson('/api/v1/reports/monthly?period=2026-04&groupBy=channel');
    const rows = Object.fromEntries(
      (byChannel.rows as { key: string; figures: { total: number; resolved: number } }[]).map((x) => [
        x.key,
        [x.figures.total, x.figures.resolved],
      ]),
    );
    expect(rows).toEqual({ counter: [8, 2], online: [2, 1] });
    // Roll-up: the province unit 52 includes the centre; the operator split puts H21.52 under the post.
    expect((await getJson('/api/v1/reports/monthly?period=2026-04&unit=52')).totals.total).toBe(10);
    const byOperator = await getJson('/api/v1/reports/monthly?period=2026-04&groupBy=operator');
    expect(byOperator.rows.map((x: { key: string }) => x.key)).toEqual(['post']);
  });

  it('dashboard at 20/4/2026', async () => {
    const r = await getJson('/api/v1/reports/dashboard?at=2026-04-20');
    expect(r.from).toBe('2026-04-01');
    expect(r.figures).toEqual({
      toHandle: 7,
      received: 4,
      carriedOver: 3,
      inProgress: 4,
      inProgressLate: 2,
      inProgressNearlyLate: 1,
      inProgressNotYetDue: 1,
      waitingSupplement: 1,
      done: 1,
      doneLate: 1,
      doneEarly: 0,
      doneNotCollected: 3,
      closedOtherwise: 1,
      lateRate: 42.86,
      onTimeRate: 57.14,
    });
  });

  it('QĐ 766 index, 2026-04', async () => {
    const r = await getJson('/api/v1/reports/index-766?period=2026-04');
    const by = Object.fromEntries(
      (
        r.indicators as {
          id: string;
          numerator: number;
          denominator: number;
          points: number | null;
          status: string;
        }[]
      ).map((i) => [i.id, [i.numerator, i.denominator, i.points, i.status]]),
    );
    expect(by['2.1']).toEqual([4, 7, 11.43, 'computed']);
    expect(by['3.3']).toEqual([1, 3, 2.67, 'computed']);
    expect(by['4.1']).toEqual([1, 3, 1.47, 'computed']);
    expect(by['4.2']).toEqual([0, 3, 0, 'computed']);
    expect(by['4.3']).toEqual([3, 3, 4.4, 'computed']);
    expect(by['3.6']).toEqual([0, 3, 0, 'computed']);
    expect(by['5.4']).toEqual([2, 3, 4.44, 'computed']);
    expect(by['5.2']).toEqual([0, 0, null, 'computed']);
    expect(by['1.4']?.[3]).toBe('not_available');
    expect(r.groups.map((g: { maxPoints: number }) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
    // A hand-entered indicator shows its source and scores.
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/index-766/manual/1.4',
      headers: bearer(await t.tokenFor('demo.manager')),
      payload: { numerator: 9, denominator: 10, source: 'Cổng DVCQG, tháng 4/2026' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const again = await getJson('/api/v1/reports/index-766?period=2026-04');
    const i14 = again.indicators.find((i: { id: string }) => i.id === '1.4');
    expect(i14).toMatchObject({
      status: 'manual',
      numerator: 9,
      denominator: 10,
      ratio: 90,
      note: 'Cổng DVCQG, tháng 4/2026',
    });
  });

  it('gives the operations module on-time and satisfaction per service point', async () => {
    const rows = await t.app.services.reports.performanceByServicePoint({ period: '2026-04' }, t.clock.now());
    expect(rows).toEqual([
      {
        servicePoint: 'H21.52',
        resolved: 3,
        resolvedOnTimeOrEarly: 2,
        resolvedLate: 1,
        inProgress: 4,
        inProgressOverdue: 2,
        onTimeRate: 57.14,
        ratings: { total: 0, satisfied: 0, notSatisfied: 0 },
        satisfactionRate: null,
      },
    ]);
  });

  it('the aggregates equal a full recomputation from the dossiers', async () => {
    const incremental = await t.app.services.reports.snapshot();
    expect(incremental.length).toBeGreaterThan(0);
    await t.app.services.reports.rebuild();
    expect(await t.app.services.reports.snapshot()).toEqual(incremental);
  });

  it('the XLSX opens in a spreadsheet library and its numbers equal the JSON', async () => {
    const json = await getJson('/api/v1/reports/monthly?period=2026-04&groupBy=channel');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly?period=2026-04&groupBy=channel&format=xlsx',
      headers: bearer(await t.tokenFor('demo.manager')),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(XLSX_HEADER_ROW).getCell(2).value).toBe('Tổng số');
    const rows = [...json.rows, { figures: json.totals }];
    rows.forEach((row: { figures: Record<string, number> }, r: number) => {
      const excel = sheet.getRow(XLSX_HEADER_ROW + 1 + r);
      MONTHLY_COLUMNS.forEach((c, k) => {
        const cell = excel.getCell(k + 2).value;
        expect(typeof cell).toBe('number');
        expect(cell).toBe(c.value(row.figures as never));
      });
    });
    const pdf = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/index-766?period=2026-04',
      headers: { ...bearer(await t.tokenFor('demo.manager')), accept: 'application/pdf' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses bad input with a problem and other roles with 403', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly?period=2026-13',
      headers: bearer(await t.tokenFor('demo.manager')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const clerk = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly',
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    expect(clerk.statusCode).toBe(403);
  });
});
