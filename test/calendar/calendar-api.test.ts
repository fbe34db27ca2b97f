/**
 * The calendar API on a real database (PGlite, or the PostgreSQL server with MOTCUA_TEST_ENGINE=pg):
 * due and working time with the shipped 2026 data, the versioned years, lunar/solar conversion,
 * schedules per service point, and the admin's new revisions (audited, old revisions kept).
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, calendarYears } from '../../src/adapters/db/schema.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { ensureCalendarYears } from '../../src/modules/calendar/calendar.service.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const TET_EXAMPLE = { start: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } };

async function due(payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/calendar/due', payload });
}

async function year2026() {
  const res = await t.app.inject({ url: '/api/v1/calendar/years/2026' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('POST /api/v1/calendar/due', () => {
  it('counts 3 working days from Friday 13/2/2026 10:00 over Tết to Wednesday 25/2/2026 10:00', async () => {
    const res = await due(TET_EXAMPLE);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      receivedAt: '2026-02-13T10:00:00+07:00',
      effectiveStart: '2026-02-13T10:00:00+07:00',
      due: '2026-02-25T10:00:00+07:00',
      workingMinutes: 1440,
      ruleVersion: 'cal:2026r1,sched:default',
      estimatedYears: [],
    });
    expect(body.skippedDays.map((d: { date: string }) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(body.skippedDays[3]).toEqual({
      date: '2026-02-17',
      reason: 'tet',
      name: 'Tết Âm lịch (mùng 1 tháng Giêng)',
    });
    expect(body.skippedDays[0]).toMatchObject({ date: '2026-02-14', reason: 'weekend', name: 'Thứ Bảy' });
  });

  it('accepts any ISO 8601 offset for the same instant', async () => {
    for (const start of [
      '2026-02-13T03:00:00Z',
      '2026-02-13T03:00Z',
      '2026-02-13T10:00+07:00',
      '2026-02-13T05:00:00.000+0200',
    ]) {
      const res = await due({ ...TET_EXAMPLE, start });
      expect(res.json().due, start).toBe('2026-02-25T10:00:00+07:00');
    }
  });

  it('starts on the next working day after the cut-off', async () => {
    const res = await due({ ...TET_EXAMPLE, cutoff: '09:00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      effectiveStart: '2026-02-23T07:00:00+07:00',
      due: '2026-02-25T17:00:00+07:00',
      workingMinutes: 1440,
    });
    // Before the cut-off nothing changes.
    expect((await due({ ...TET_EXAMPLE, cutoff: '15:00' })).json().due).toBe('2026-02-25T10:00:00+07:00');
  });

  it('handles calendar days, hours, and an estimated year', async () => {
    const days = await due({
      start: '2026-02-13T10:00:00+07:00',
      duration: { value: 5, unit: 'calendar_days' },
    });
    // 18/2 is a Tết day: the period ends at the end of the next working day, Monday 23/2.
    expect(days.json().due).toBe('2026-02-23T17:00:00+07:00');
    const hours = await due({
      start: '2026-03-02T07:00:00+07:00',
      duration: { value: 4.5, unit: 'working_hours' },
    });
    expect(hours.json()).toMatchObject({ due: '2026-03-02T11:30:00+07:00', workingMinutes: 270 });
    const estimated = await due({
      start: '2031-01-22T09:00:00+07:00',
      duration: { value: 3, unit: 'working_days' },
    });
    expect(estimated.json()).toMatchObject({
      ruleVersion: 'cal:2031r0,sched:default',
      estimatedYears: [2031],
    });
  });

  it('rejects a start without an offset, an unknown unit and a fractional calendar duration', async () => {
    const noOffset = await due({ ...TET_EXAMPLE, start: '2026-02-13T10:00' });
    expect(noOffset.statusCode).toBe(400);
    expect(noOffset.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ name: 'body/start' }],
    });
    const unit = await due({ ...TET_EXAMPLE, duration: { value: 3, unit: 'fortnights' } });
    expect(unit.statusCode).toBe(400);
    const fraction = await due({ ...TET_EXAMPLE, duration: { value: 1.5, unit: 'calendar_days' } });
    expect(fraction.statusCode).toBe(422);
    expect(fraction.json()).toMatchObject({ code: 'CALENDAR_DURATION_INVALID' });
    const far = await due({ ...TET_EXAMPLE, duration: { value: 90_000, unit: 'working_days' } });
    expect(far.statusCode).toBe(422);
    expect(far.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
  });
});

describe('POST /api/v1/calendar/working-time', () => {
  it('counts the working minutes between two instants, skipping Tết', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/working-time',
      payload: { from: '2026-02-13T10:00:00+07:00', to: '2026-02-25T10:00:00+07:00' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ workingMinutes: 1440, ruleVersion: 'cal:2026r1,sched:default' });
    const lunch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/working-time',
      payload: { from: '2026-03-02T11:00:00+07:00', to: '2026-03-02T14:00:00+07:00' },
    });
    expect(lunch.json().workingMinutes).toBe(60);
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/working-time',
      payload: { from: '2026-03-03T07:00:00+07:00', to: '2026-03-02T07:00:00+07:00' },
    });
    expect(backwards.json().workingMinutes).toBe(0);
  });
});

describe('GET /api/v1/calendar/years/{year}', () => {
  it('returns the official 2026 data with Tết 16–20/2 as revision 1', async () => {
    const body = await year2026();
    expect(body).toMatchObject({ year: 2026, revision: 1, status: 'official' });
    expect(body.source.length).toBeGreaterThan(0);
    const tet = body.daysOff
      .filter((d: { kind: string }) => d.kind === 'tet')
      .map((d: { date: string }) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(body.workingDays).toEqual([
      { date: '2026-01-10', name: 'Làm bù cho ngày nghỉ hoán đổi Thứ Sáu 02/01/2026' },
      { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ hoán đổi Thứ Hai 31/8/2026' },
    ]);
    expect(body.createdAt).toMatch(/\+07:00$/);
  });

  it('returns the estimated Labour Code defaults as revision 0 for a year without data (2031)', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/years/2031' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      year: 2031,
      revision: 0,
      status: 'estimated',
      workingDays: [],
      createdAt: null,
    });
    expect(body.daysOff.map((d: { date: string }) => d.date)).toContain('2031-01-01');
    expect(body.daysOff.some((d: { kind: string }) => d.kind === 'tet')).toBe(true);
  });

  it('refuses years outside 1900–2199 and revisions that do not exist', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/years/2200' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
    expect((await t.app.inject({ url: '/api/v1/calendar/years/2026?revision=99' })).statusCode).toBe(404);
  });
});

describe('lunar and solar', () => {
  it('converts 17/2/2026 to mùng 1 tháng Giêng Bính Ngọ and back', async () => {
    const lunar = await t.app.inject({ url: '/api/v1/calendar/lunar?date=2026-02-17' });
    expect(lunar.statusCode, lunar.body).toBe(200);
    expect(lunar.json()).toEqual({
      date: '2026-02-17',
      day: 1,
      month: 1,
      year: 2026,
      leap: false,
      yearName: 'Bính Ngọ',
      text: 'mùng 1 tháng Giêng năm Bính Ngọ',
    });
    const solar = await t.app.inject({ url: '/api/v1/calendar/solar?year=2026&month=1&day=1' });
    expect(solar.json()).toEqual({ date: '2026-02-17' });
  });

  it('round-trips a leap month (2025 has a leap 6th month)', async () => {
    const solar = await t.app.inject({ url: '/api/v1/calendar/solar?year=2025&month=6&day=1&leap=true' });
    expect(solar.statusCode, solar.body).toBe(200);
    const { date } = solar.json();
    const lunar = await t.app.inject({ url: `/api/v1/calendar/lunar?date=${date}` });
    expect(lunar.json()).toMatchObject({ day: 1, month: 6, year: 2025, leap: true });
  });

  it('refuses a lunar date that does not exist with CALENDAR_LUNAR_DATE_INVALID', async () => {
    for (const q of [
      'year=2026&month=6&day=1&leap=true',
      'year=2026&month=13&day=1',
      'year=2026&month=1&day=31',
    ]) {
      const res = await t.app.inject({ url: `/api/v1/calendar/solar?${q}` });
      expect(res.statusCode, q).toBe(422);
      expect(res.json()).toMatchObject({ code: 'CALENDAR_LUNAR_DATE_INVALID' });
    }
    const badSolar = await t.app.inject({ url: '/api/v1/calendar/lunar?date=2026-02-30' });
    expect(badSolar.statusCode).toBe(400);
    const outOfRange = await t.app.inject({ url: '/api/v1/calendar/lunar?date=1899-12-31' });
    expect(outOfRange.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
  });
});

describe('PUT /api/v1/calendar/years/{year}', () => {
  it('refuses non-admins (403) and anonymous callers (401)', async () => {
    const body = await year2026();
    const payload = {
      status: body.status,
      source: body.source,
      daysOff: body.daysOff,
      workingDays: body.workingDays,
    };
    const manager = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2026',
      headers: bearer(await t.tokenFor('demo.manager')),
      payload,
    });
    expect(manager.statusCode).toBe(403);
    expect(manager.json()).toMatchObject({ code: 'FORBIDDEN' });
    const anon = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2026', payload });
    expect(anon.statusCode).toBe(401);
  });

  it('reports every problem of an invalid year at once (422)', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2026',
      headers: bearer(await t.tokenFor('admin')),
      payload: {
        status: 'official',
        source: [],
        daysOff: [
          { date: '2026-02-30', name: '', kind: 'party' },
          { date: '2025-12-31', name: 'Giao thừa', kind: 'holiday' },
          { date: '2026-05-01', name: 'Quốc tế Lao động', kind: 'holiday' },
          { date: '2026-05-01', name: 'Lặp lại', kind: 'holiday' },
        ],
        workingDays: [{ date: '2026-03-04', name: 'Thứ Tư' }],
      },
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('CALENDAR_YEAR_DATA_INVALID');
    expect(body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(
      [
        'daysOff/0/date',
        'daysOff/0/kind',
        'daysOff/0/name',
        'daysOff/1/date',
        'daysOff/3/date',
        'source',
        'workingDays/0/date',
      ].sort(),
    );
    expect(JSON.stringify(body.invalidParams)).toContain('not a Saturday or Sunday');
    expect((await year2026()).revision).toBe(1);
  });

  it('creates revision 2 that changes the due, and keeps revision 1', async () => {
    const before = await year2026();
    const admin = bearer(await t.tokenFor('admin'));
    t.clock.set('2026-03-02T03:00:00Z');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2026',
      headers: admin,
      payload: {
        status: 'official',
        source: before.source,
        note: before.note,
        daysOff: [
          ...before.daysOff,
          { date: '2026-02-24', name: 'Nghỉ thêm sau Tết (thử nghiệm)', kind: 'holiday' },
        ],
        workingDays: before.workingDays,
        expectedRevision: 1,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, revision: 2, createdAt: '2026-03-02T10:00:00+07:00' });

    const after = await due(TET_EXAMPLE);
    expect(after.json()).toMatchObject({
      due: '2026-02-26T10:00:00+07:00',
      ruleVersion: 'cal:2026r2,sched:default',
    });
    expect(after.json().skippedDays).toContainEqual({
      date: '2026-02-24',
      reason: 'holiday',
      name: 'Nghỉ thêm sau Tết (thử nghiệm)',
    });

    const old = await t.app.inject({ url: '/api/v1/calendar/years/2026?revision=1' });
    expect(old.json()).toMatchObject({ revision: 1 });
    expect(old.json().daysOff).toHaveLength(before.daysOff.length);
    const rows = await t.db.database.db
      .select({ revision: calendarYears.revision, createdBy: calendarYears.createdBy })
      .from(calendarYears)
      .where(eq(calendarYears.year, 2026))
      .orderBy(asc(calendarYears.revision));
    expect(rows).toEqual([
      { revision: 1, createdBy: 'system' },
      { revision: 2, createdBy: 'admin' },
    ]);

    const [event] = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'calendar.year.revised'), eq(auditEvents.entityId, '2026')));
    expect(event).toMatchObject({ actorLabel: 'admin', entityType: 'calendar_year' });
    expect(event?.change).toMatchObject({
      revision: 2,
      previousRevision: 1,
      daysOff: { added: [{ date: '2026-02-24', kind: 'holiday' }], removed: [] },
    });
    expect((await verifyAuditChain(t.db.database.db)).ok).toBe(true);
  });

  it('refuses a stale expectedRevision with 409 CALENDAR_REVISION_CONFLICT', async () => {
    const current = await year2026();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2026',
      headers: bearer(await t.tokenFor('admin')),
      payload: {
        status: current.status,
        source: current.source,
        daysOff: current.daysOff,
        workingDays: current.workingDays,
        expectedRevision: 1,
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CALENDAR_REVISION_CONFLICT', details: { currentRevision: 2 } });
  });

  it('numbers concurrent saves one after the other', async () => {
    const current = await year2026();
    const admin = bearer(await t.tokenFor('admin'));
    const payload = {
      status: current.status,
      source: current.source,
      daysOff: current.daysOff,
      workingDays: current.workingDays,
    };
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2026', headers: admin, payload }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().revision).sort()).toEqual([3, 4, 5]);
    expect((await year2026()).revision).toBe(5);
  });

  it('stores a first revision for a year without data, and the stored rows cannot be changed', async () => {
    const admin = bearer(await t.tokenFor('admin'));
    const estimate = (await t.app.inject({ url: '/api/v1/calendar/years/2027' })).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2027',
      headers: admin,
      payload: {
        year: 2027,
        status: 'estimated',
        source: estimate.source,
        daysOff: estimate.daysOff,
        workingDays: [],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, revision: 1, status: 'estimated' });
    const mismatch = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2027',
      headers: admin,
      payload: { year: 2028, status: 'estimated', source: [], daysOff: [], workingDays: [] },
    });
    expect(mismatch.json()).toMatchObject({
      code: 'CALENDAR_YEAR_DATA_INVALID',
      invalidParams: [{ name: 'year' }],
    });
    await expect(
      t.db.database.db.update(calendarYears).set({ note: 'changed' }).where(eq(calendarYears.year, 2027)),
    ).rejects.toThrow();
  });
});

describe('shipped years', () => {
  it('loads the shipped years a database does not have yet, once, audited', async () => {
    const db = await createTestDatabase();
    try {
      const now = new Date('2026-03-02T02:00:00Z');
      expect(await ensureCalendarYears(db.database, now)).toBe(3);
      expect(await ensureCalendarYears(db.database, now)).toBe(0);
      const rows = await db.database.db
        .select({ year: calendarYears.year, revision: calendarYears.revision, status: calendarYears.status })
        .from(calendarYears)
        .orderBy(asc(calendarYears.year));
      expect(rows).toEqual([
        { year: 2024, revision: 1, status: 'official' },
        { year: 2025, revision: 1, status: 'official' },
        { year: 2026, revision: 1, status: 'official' },
      ]);
      const events = await db.database.db
        .select({ entityId: auditEvents.entityId })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'calendar.year.loaded'));
      expect(events.map((e) => e.entityId).sort()).toEqual(['2024', '2025', '2026']);
    } finally {
      await db.destroy();
    }
  });
});
