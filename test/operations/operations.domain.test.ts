/**
 * The pure rules of the operations module: the corrective-action transition table and overdue flag,
 * validation (every problem at once), report periods, medians and rates, training gaps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUSES,
  ACTION_TRANSITIONS,
  instantsOf,
  isOverdue,
  median,
  monthOf,
  percent,
  periodOf,
  trainingGaps,
  transitionAction,
  validateAction,
  validateAssignment,
  validateStaff,
  validateTraining,
} from '../../src/modules/operations/domain.ts';

describe('corrective actions: open → closed', () => {
  it('closes an open action and refuses to close a closed one', () => {
    expect(transitionAction('open', 'close')).toEqual({ ok: true, value: 'closed' });
    const again = transitionAction('closed', 'close');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('OPERATIONS_ACTION_TRANSITION_INVALID');
  });

  it('has a transition for every status, and closed is final', () => {
    expect(Object.keys(ACTION_TRANSITIONS).sort()).toEqual([...ACTION_STATUSES].sort());
    expect(ACTION_TRANSITIONS.closed).toEqual({});
  });

  it('is overdue only while open and only after the deadline day', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-03-06' }, '2026-03-06')).toBe(false);
    expect(isOverdue({ status: 'open', dueOn: '2026-03-06' }, '2026-03-07')).toBe(true);
    expect(isOverdue({ status: 'closed', dueOn: '2026-03-06' }, '2026-12-31')).toBe(false);
  });
});

describe('validation', () => {
  it('reports every problem of a staff member at once', () => {
    const r = validateStaff({ fullName: '', employer: 'agency' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.invalidParams?.map((p) => p.name)).toEqual(['fullName', 'agencyCode']);
    expect(validateStaff({ fullName: 'A', employer: 'post', agencyCode: 'BHXH-TINH' }).ok).toBe(false);
    expect(validateStaff({ fullName: ' Nguyễn Văn A ', employer: 'post' })).toEqual({
      ok: true,
      value: { fullName: 'Nguyễn Văn A', username: null, employer: 'post', agencyCode: null },
    });
  });

  it('normalises Vietnamese text to NFC', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    const r = validateStaff({ fullName: nfd, employer: 'post' });
    expect(r.ok && r.value.fullName).toBe('Nguyễn'.normalize('NFC'));
  });

  it('checks assignment dates and counter numbers', () => {
    const r = validateAssignment({
      servicePointCode: 'H21.52',
      counterNo: '0',
      validFrom: '2026-02-30',
      validTo: 'x',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.invalidParams?.map((p) => p.name)).toEqual(['counterNo', 'validFrom', 'validTo']);
    const backwards = validateAssignment({
      servicePointCode: 'H21.52',
      validFrom: '2026-03-02',
      validTo: '2026-03-01',
    });
    expect(!backwards.ok && backwards.error.invalidParams?.[0]).toMatchObject({ name: 'validTo' });
  });

  it('reads training fields from a list or a comma-separated form value, without duplicates', () => {
    const r = validateTraining({
      staffId: 'x',
      course: 'c',
      organiser: 'o',
      hours: '16',
      completedOn: '2026-01-10',
      fields: 'Hộ tịch, Chứng thực,,Hộ tịch',
    });
    expect(r.ok && r.value.fields).toEqual(['Hộ tịch', 'Chứng thực']);
    const none = validateTraining({
      staffId: 'x',
      course: 'c',
      organiser: 'o',
      hours: 0,
      completedOn: '2026-01-10',
      fields: [],
    });
    expect(!none.ok && none.error.invalidParams?.map((p) => p.name)).toEqual(['hours', 'fields']);
  });

  it('refuses an action deadline before the inspection', () => {
    expect(validateAction({ description: 'd', responsible: 'r', dueOn: '2026-03-01' }, '2026-03-02').ok).toBe(
      false,
    );
    expect(validateAction({ description: 'd', responsible: 'r', dueOn: '2026-03-02' }, '2026-03-02').ok).toBe(
      true,
    );
  });
});

describe('periods, medians, rates', () => {
  it('defaults to the month of today and checks the order and the length', () => {
    expect(monthOf('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf(undefined, undefined, '2026-03-15')).toEqual({
      ok: true,
      value: { from: '2026-03-01', to: '2026-03-31' },
    });
    expect(periodOf('2026-03-31', '2026-03-01', '2026-03-15').ok).toBe(false);
    expect(periodOf('2024-01-01', '2026-01-01', '2026-03-15').ok).toBe(false);
  });

  it('turns a local-date period into UTC+7 instants', () => {
    expect(instantsOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      start: new Date('2026-02-28T17:00:00Z'),
      end: new Date('2026-03-31T17:00:00Z'),
    });
  });

  it('computes the median of odd and even lists and none of an empty one', () => {
    expect(median([300, 60, 120])).toBe(120);
    expect(median([60, 120, 300, 30])).toBe(90);
    expect(median([])).toBeNull();
  });

  it('has half the values at or below the median (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = median(xs)!;
        expect(xs.filter((x) => x <= m).length * 2).toBeGreaterThanOrEqual(xs.length);
        expect(xs.filter((x) => x >= m).length * 2).toBeGreaterThanOrEqual(xs.length);
      }),
    );
  });

  it('gives rates with one decimal and no rate for nothing', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
  });

  it('finds clerks who received dossiers of a field they were not trained in', () => {
    const gaps = trainingGaps(
      [
        { username: 'a', field: 'Hộ tịch', dossiers: 5 },
        { username: 'a', field: 'Chứng thực', dossiers: 9 },
        { username: 'b', field: 'Hộ tịch', dossiers: 1 },
      ],
      new Map([['a', new Set(['Hộ tịch'])]]),
    );
    expect(gaps).toEqual([
      { username: 'a', field: 'Chứng thực', dossiers: 9 },
      { username: 'b', field: 'Hộ tịch', dossiers: 1 },
    ]);
  });
});
