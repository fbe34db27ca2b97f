/**
 * Working schedules per service point: the service point's own versions over the province default
 * over the engine default, effective-dated, append-only, and named in the rule version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function due(payload: object) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/calendar/due', payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function addVersion(payload: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/calendar/schedules',
    headers: bearer(await t.tokenFor('admin')),
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

const ONE_DAY = { value: 1, unit: 'working_days' };

describe('schedules per service point', () => {
  it('uses the engine default while nothing is stored', async () => {
    const none = await t.app.inject({ url: '/api/v1/calendar/schedules?servicePoint=H21.52' });
    expect(none.json()).toEqual({ scope: 'default', scheduleId: 'default', versions: [] });
    expect(
      (await due({ start: '2026-05-04T07:00:00+07:00', duration: ONE_DAY, servicePoint: 'H21.52' }))
        .ruleVersion,
    ).toBe('cal:2026r1,sched:default');
  });

  it('layers the service point over the province default over the engine default', async () => {
    // Province default from 1/5/2026: 07:30–11:30 and 13:00–17:00.
    const province = await addVersion({
      validFrom: '2026-05-01',
      periods: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    });
    const elsewhere = await due({
      start: '2026-05-04T07:00:00+07:00',
      duration: ONE_DAY,
      servicePoint: 'H21.99',
    });
    expect(elsewhere).toMatchObject({
      effectiveStart: '2026-05-04T07:30:00+07:00',
      due: '2026-05-04T17:00:00+07:00',
      ruleVersion: `cal:2026r1,sched:province#${province.id}`,
    });
    // Before 1/5/2026 the engine default still applies: the Tết example is unchanged.
    const tet = await due({
      start: '2026-02-13T10:00:00+07:00',
      duration: { value: 3, unit: 'working_days' },
      servicePoint: 'H21.99',
    });
    expect(tet.due).toBe('2026-02-25T10:00:00+07:00');

    // H21.52 from 1/6/2026: its own hours; a summer timetable 15/6–31/8 on top; then its own hours again.
    const own = await addVersion({
      servicePoint: 'H21.52',
      validFrom: '2026-06-01',
      periods: [
        { start: '07:00', end: '11:00' },
        { start: '13:00', end: '17:00' },
      ],
      saturdayMorningReceiving: true,
    });
    const summer = await addVersion({
      servicePoint: 'H21.52',
      validFrom: '2026-06-15',
      validTo: '2026-08-31',
      periods: [
        { start: '06:30', end: '11:00' },
        { start: '14:00', end: '17:30' },
      ],
      saturdayMorningReceiving: true,
    });
    const at = (start: string) => due({ start, duration: ONE_DAY, servicePoint: 'H21.52' });
    // May: no own version yet → the province default.
    expect((await at('2026-05-04T07:00:00+07:00')).effectiveStart).toBe('2026-05-04T07:30:00+07:00');
    // 1/6 (Monday): own regular hours.
    expect(await at('2026-06-01T06:45:00+07:00')).toMatchObject({
      effectiveStart: '2026-06-01T07:00:00+07:00',
      due: '2026-06-01T17:00:00+07:00',
      ruleVersion: `cal:2026r1,sched:sp:H21.52#${summer.id}`,
    });
    // 15/6 (Monday): summer hours.
    expect(await at('2026-06-15T06:00:00+07:00')).toMatchObject({
      effectiveStart: '2026-06-15T06:30:00+07:00',
      due: '2026-06-15T17:30:00+07:00',
    });
    // 1/9 and 2/9 are holidays; Thursday 3/9: regular own hours again.
    expect((await at('2026-09-03T06:00:00+07:00')).effectiveStart).toBe('2026-09-03T07:00:00+07:00');

    const listed = await t.app.inject({ url: '/api/v1/calendar/schedules?servicePoint=H21.52' });
    expect(listed.json()).toMatchObject({
      scope: 'service_point',
      scheduleId: `sp:H21.52#${summer.id}`,
      versions: [
        { id: own.id, validFrom: '2026-06-01', validTo: null, saturdayMorningReceiving: true },
        { id: summer.id, validFrom: '2026-06-15', validTo: '2026-08-31' },
      ],
    });
    expect((await t.app.inject({ url: '/api/v1/calendar/schedules' })).json()).toMatchObject({
      scope: 'province',
      scheduleId: `province#${province.id}`,
    });
  });

  it('refuses an invalid version with CALENDAR_SCHEDULE_INVALID, and non-admins with 403', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/schedules',
      headers: bearer(await t.tokenFor('admin')),
      payload: { validFrom: '2026-06-01', periods: [{ start: '11:00', end: '08:00' }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CALENDAR_SCHEDULE_INVALID' });
    const manager = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/schedules',
      headers: bearer(await t.tokenFor('demo.manager')),
      payload: { validFrom: '2026-06-01', periods: [{ start: '07:00', end: '11:00' }] },
    });
    expect(manager.statusCode).toBe(403);
  });
});
