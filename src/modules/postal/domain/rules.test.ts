/**
 * The smaller pure rules: custody gaps, cash reconciliation, figures, tariff zones and bands, the
 * public tracking projection, pickup windows and who collects the fees.
 */
import { describe, expect, it } from 'vitest';
import { reconcile, type CashEntry } from './cash.ts';
import { custodyFlags } from './custody.ts';
import { median, postalFigures, type FigureItem } from './figures.ts';
import { evaluateChecklist } from './pickup.ts';
import { legsNotOffered, planCharges, windowProblems } from './request.ts';
import { bandFor, DEMO_TARIFF, validateTariff, zoneOf, type TariffRow } from './tariff.ts';
import { trackingView } from './tracking.ts';

const NOW = new Date('2026-03-02T10:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe('custody gaps', () => {
  const item = {
    trackingNumber: 'EE123456785VN',
    leg: 'pickup' as const,
    status: 'handover_pending' as const,
    holder: { kind: 'courier' as const, ref: 'u1', name: 'Bưu tá', since: hoursAgo(2) },
    lastEventAt: hoursAgo(2),
  };
  const line = { manifestId: 'm1', manifestNumber: 'BG000001', direction: 'to_counter' as const };

  it('flags a hand-over confirmed by one side only, naming the side that confirmed', () => {
    const flags = custodyFlags(
      item,
      [{ ...line, giverConfirmedAt: hoursAgo(1), receiverConfirmedAt: null }],
      NOW,
      24,
    );
    expect(flags).toEqual([
      {
        kind: 'one_side_only',
        manifestId: 'm1',
        manifestNumber: 'BG000001',
        direction: 'to_counter',
        confirmedBy: 'giver',
        since: hoursAgo(1),
      },
    ]);
    const receiverOnly = custodyFlags(
      item,
      [{ ...line, giverConfirmedAt: null, receiverConfirmedAt: hoursAgo(1) }],
      NOW,
      24,
    );
    expect(receiverOnly[0]).toMatchObject({ kind: 'one_side_only', confirmedBy: 'receiver' });
  });

  it('does not flag a hand-over both sides confirmed', () => {
    expect(
      custodyFlags(
        item,
        [{ ...line, giverConfirmedAt: hoursAgo(1), receiverConfirmedAt: hoursAgo(1) }],
        NOW,
        24,
      ),
    ).toEqual([]);
  });

  it('flags an item idle in a courier’s hands past the threshold, not one at rest with the citizen', () => {
    expect(custodyFlags({ ...item, lastEventAt: hoursAgo(25) }, [], NOW, 24)).toEqual([
      { kind: 'idle', since: hoursAgo(25), hours: 25 },
    ]);
    expect(custodyFlags({ ...item, lastEventAt: hoursAgo(23) }, [], NOW, 24)).toEqual([]);
    expect(custodyFlags({ ...item, status: 'assigned', lastEventAt: hoursAgo(100) }, [], NOW, 24)).toEqual(
      [],
    );
  });
});

describe('cash reconciliation', () => {
  const c = (
    courierId: string,
    on: string,
    category: 'postage' | 'fees' | 'cod',
    amountVnd: number,
  ): CashEntry => ({ kind: 'collected', courierId, on, category, amountVnd });
  const h = (courierId: string, on: string, amountVnd: number): CashEntry => ({
    kind: 'handed_over',
    courierId,
    on,
    amountVnd,
  });

  it('balances a day whose cash was handed over in full', () => {
    const [day] = reconcile([
      c('u1', '2026-03-02', 'postage', 22_000),
      c('u1', '2026-03-02', 'fees', 200_000),
      c('u1', '2026-03-02', 'cod', 50_000),
      h('u1', '2026-03-02', 272_000),
    ]);
    expect(day).toEqual({
      courierId: 'u1',
      on: '2026-03-02',
      collected: { postage: 22_000, fees: 200_000, cod: 50_000, total: 272_000 },
      handedOver: 272_000,
      difference: 0,
      status: 'balanced',
      flagged: false,
    });
  });

  it('flags a shortfall, an excess, and a day with nothing handed over; keeps couriers and days apart', () => {
    const days = reconcile([
      c('u1', '2026-03-02', 'postage', 22_000),
      h('u1', '2026-03-02', 20_000),
      c('u2', '2026-03-02', 'postage', 15_000),
      h('u2', '2026-03-02', 16_000),
      c('u1', '2026-03-03', 'cod', 8_000),
    ]);
    expect(days.map((d) => [d.courierId, d.on, d.status, d.difference, d.flagged])).toEqual([
      ['u1', '2026-03-02', 'short', -2_000, true],
      ['u2', '2026-03-02', 'over', 1_000, true],
      ['u1', '2026-03-03', 'short', -8_000, true],
    ]);
  });
});

describe('figures', () => {
  const base = { createdOn: '2026-03-02', createdAt: new Date('2026-03-02T01:00:00Z'), failedAttempts: 0 };
  const at = (h: number) => new Date(Date.UTC(2026, 2, 2, 1 + h));
  const items: FigureItem[] = [
    { ...base, leg: 'pickup', startedAt: at(1), endedAt: at(3), endedOn: '2026-03-02', outcome: 'done' },
    { ...base, leg: 'pickup', startedAt: at(1), endedAt: at(5), endedOn: '2026-03-02', outcome: 'done' },
    { ...base, leg: 'pickup', startedAt: null, endedAt: at(1), endedOn: '2026-03-02', outcome: 'cancelled' },
    { ...base, leg: 'delivery', startedAt: at(2), endedAt: at(4), endedOn: '2026-03-02', outcome: 'done' },
    {
      ...base,
      leg: 'delivery',
      startedAt: at(2),
      endedAt: at(30),
      endedOn: '2026-03-03',
      outcome: 'done',
      failedAttempts: 1,
    },
    {
      ...base,
      leg: 'delivery',
      startedAt: at(2),
      endedAt: at(50),
      endedOn: '2026-03-04',
      outcome: 'returned',
      failedAttempts: 3,
    },
    { ...base, leg: 'delivery', startedAt: null, endedAt: null, endedOn: null, outcome: 'open' },
  ];

  it('computes the median (odd, even, empty)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts per leg, the success rates, medians and COD', () => {
    const cash = reconcile([
      { kind: 'collected', courierId: 'u1', on: '2026-03-02', category: 'cod', amountVnd: 200_000 },
      { kind: 'handed_over', courierId: 'u1', on: '2026-03-02', amountVnd: 200_000 },
      { kind: 'collected', courierId: 'u1', on: '2026-03-03', category: 'cod', amountVnd: 100_000 },
    ]);
    const f = postalFigures(items, cash, { from: '2026-03-01', to: '2026-03-31' });
    expect(f.legs.pickup).toEqual({
      created: 3,
      completed: 2,
      returned: 0,
      cancelled: 1,
      failedAttempts: 0,
      medianHours: { transit: 3, total: 4 },
    });
    expect(f.legs.delivery).toMatchObject({
      created: 4,
      completed: 2,
      returned: 1,
      failedAttempts: 4,
      medianHours: { transit: 15, total: 17 },
    });
    expect(f.delivery).toEqual({ successRate: 0.6667, firstAttemptRate: 0.3333 });
    expect(f.cod).toEqual({ collectedVnd: 300_000, settledVnd: 200_000 });
    const day = postalFigures(items, cash, { from: '2026-03-02', to: '2026-03-02' });
    expect(day.delivery.successRate).toBe(1);
  });
});

describe('tariff', () => {
  it('tells the zone from the unit chains', () => {
    expect(zoneOf(['23776', '52'], ['23776', '52'])).toBe('same_commune');
    expect(zoneOf(['21583', '52'], ['52'])).toBe('same_province');
    expect(zoneOf(['21583', '52'], ['23776', '52'])).toBe('same_province');
    expect(zoneOf(['00001', '01'], ['52'])).toBe('other');
  });

  const rows: TariffRow[] = DEMO_TARIFF.map((b, i) => ({
    ...b,
    id: i + 1,
    validFrom: '2025-07-01',
    validTo: '2026-03-31',
  }));
  rows.push({
    id: 99,
    zone: 'same_province',
    maxWeightGrams: 500,
    priceVnd: 25_000,
    validFrom: '2026-04-01',
    validTo: null,
  });

  it('takes the lightest band that fits, in force on the date', () => {
    expect(bandFor(rows, 'same_province', 500, '2026-03-02')?.priceVnd).toBe(22_000);
    expect(bandFor(rows, 'same_province', 501, '2026-03-02')?.priceVnd).toBe(30_000);
    expect(bandFor(rows, 'same_province', 2_001, '2026-03-02')).toBeUndefined();
    expect(bandFor(rows, 'same_province', 300, '2026-04-01')?.priceVnd).toBe(25_000);
    expect(bandFor(rows, 'other', 300, '2026-04-01')).toBeUndefined();
  });

  it('validates a new tariff: every zone, whole đồng, no duplicate band', () => {
    expect(validateTariff(DEMO_TARIFF)).toEqual([]);
    const problems = validateTariff([
      { zone: 'same_commune', maxWeightGrams: 500, priceVnd: 1.5 },
      { zone: 'same_commune', maxWeightGrams: 500, priceVnd: 1 },
    ]);
    expect(problems.map((p) => p.name)).toEqual([
      'body/bands/0/priceVnd',
      'body/bands/1',
      'body/bands',
      'body/bands',
    ]);
  });
});

describe('public tracking projection', () => {
  it('shows steps with times and service point names, never a place at the citizen’s address', () => {
    const view = trackingView(
      { trackingNumber: 'EE123456785VN', leg: 'delivery', status: 'attempt_failed' },
      [
        {
          type: 'deliver',
          at: new Date('2026-03-05T03:00:00Z'),
          to: 'attempt_failed',
          place: null,
          data: {},
        },
        { type: 'created', at: new Date('2026-03-02T03:00:00Z'), to: 'created', place: null, data: {} },
        {
          type: 'hand-over',
          at: new Date('2026-03-04T03:00:00Z'),
          to: 'handover_pending',
          place: 'H21.52',
          data: {},
        },
        {
          type: 'fail-attempt',
          at: new Date('2026-03-05T03:00:00Z'),
          to: 'attempt_failed',
          place: null,
          data: { reason: 'absent', note: 'Nguyễn Văn An không có nhà' },
        },
      ],
      new Map([['H21.52', 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai']]),
    );
    expect(view.steps.map((s) => s.place)).toEqual([
      null,
      'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
      null,
      null,
    ]);
    expect(view.steps[3]?.label.vi).toBe('Phát không thành công: Không gặp người dân tại địa chỉ');
    expect(JSON.stringify(view)).not.toContain('Nguyễn');
  });
});

describe('requests', () => {
  it('checks the pickup window', () => {
    expect(windowProblems({ date: '2026-03-02', from: '08:00', to: '11:00' }, '2026-03-02')).toEqual([]);
    expect(
      windowProblems({ date: '2026-03-01', from: '11:00', to: '08:00' }, '2026-03-02').map((p) => p.name),
    ).toEqual(['body/pickup/window/date', 'body/pickup/window/to']);
    expect(
      windowProblems({ date: '2026-05-01', from: '8h', to: '11:00' }, '2026-03-02').map((p) => p.name),
    ).toEqual(['body/pickup/window/date', 'body/pickup/window/from']);
  });

  it('collects fees at pickup, as COD with the result, or at the counter', () => {
    expect(
      planCharges({ legs: ['pickup', 'delivery'], cod: false, feesVnd: 200_000, feesBlockReturn: true }).plan,
    ).toEqual({ feesAtPickupVnd: 200_000, codVnd: 0, feesCollection: 'pickup' });
    expect(
      planCharges({ legs: ['pickup', 'delivery'], cod: true, feesVnd: 200_000, feesBlockReturn: false }).plan,
    ).toEqual({ feesAtPickupVnd: 0, codVnd: 200_000, feesCollection: 'cod' });
    expect(
      planCharges({ legs: ['delivery'], cod: false, feesVnd: 200_000, feesBlockReturn: false }).plan
        .feesCollection,
    ).toBe('counter');
    expect(
      planCharges({ legs: ['pickup'], cod: true, feesVnd: 1, feesBlockReturn: false }).problems[0]?.name,
    ).toBe('body/cod');
    expect(
      planCharges({ legs: ['delivery'], cod: true, feesVnd: 1, feesBlockReturn: true }).problems[0]?.reason,
    ).toContain('before the result');
  });

  it('offers only the legs the procedure allows (three independent options)', () => {
    expect(legsNotOffered(['pickup', 'delivery'], { sendDossier: true, receiveResult: true })).toEqual([]);
    expect(legsNotOffered(['pickup', 'delivery'], { sendDossier: false, receiveResult: true })).toEqual([
      'pickup',
    ]);
    expect(legsNotOffered(['delivery'], { sendDossier: false, receiveResult: false })).toEqual(['delivery']);
  });

  it('evaluates the pickup checklist', () => {
    const docs = [
      { index: 1, name: 'A', form: 'original' as const, count: 1, mandatory: true },
      { index: 2, name: 'B', form: 'copy' as const, count: 1, mandatory: false },
    ];
    const ok = evaluateChecklist(docs, [{ index: 1, present: true }]);
    expect(ok.ok && ok.value.missing).toEqual([]);
    const missing = evaluateChecklist(docs, [
      { index: 1, present: false },
      { index: 2, present: true },
    ]);
    expect(missing.ok && missing.value.missing.map((d) => d.index)).toEqual([1]);
    const bad = evaluateChecklist(docs, [{ index: 3, present: true }]);
    expect(!bad.ok && bad.error.map((p) => p.name)).toEqual(['body/checklist/0/index', 'body/checklist']);
  });
});
