/**
 * The postal flow over the JSON API, on the engine of the run (PGlite, or PostgreSQL with
 * MOTCUA_TEST_ENGINE=pg): a citizen's request, the courier's pickup with guidance, the hand-over
 * (a one-sided hand-over flagged in the custody view), the clerk's receipt as a dossier, the
 * result by post with a failed attempt, delivery, public tracking, cash of the day, figures,
 * audit and outbox in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, postalCashEntries, postalItemEvents } from '../../src/adapters/db/schema.ts';
import { ensureDemoPostalTariff } from '../../src/modules/postal/demo-tariff.ts';
import { formatS10, isValidS10 } from '../../src/modules/postal/domain/s10.ts';
import { pdfImages, pdfText } from '../documents/pdf-support.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import {
  APPLICANT,
  call,
  COMMUNE,
  COMPLETE_PICKUP,
  event,
  FEE_VND,
  OLD_COMMUNE,
  postalProcedure,
  PROCEDURE_CODE,
  publishProcedure,
  requestBody,
  SERVICE_POINT,
  setTariff,
  STREET,
  TINY_PNG,
} from './fixtures.ts';

let t: TestApp;
let pickupTn = '';
let deliveryTn = '';
let dossierCode = '';
const POSTAGE = 22_000; // demo tariff, same province, ≤ 500 g

beforeAll(async () => {
  t = await createTestApp();
  await publishProcedure(t);
  await publishProcedure(
    t,
    postalProcedure({
      code: '9.900002',
      name: 'Thủ tục không nhận hồ sơ qua bưu chính',
      postal: { sendDossier: false, receiveResult: true },
    }),
  );
  await setTariff(t);
});
afterAll(async () => t?.close());

async function item(tn: string, user = 'demo.clerk') {
  const res = await call(t, user, 'GET', `/api/v1/postal/items/${tn}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function dossier(code: string) {
  const res = await call(t, 'demo.clerk', 'GET', `/api/v1/dossiers/${code}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('a citizen’s request', () => {
  it('creates one item per leg with S10 numbers, postage from the tariff, fees at pickup, and assigns the area’s courier', async () => {
    const res = await call(t, null, 'POST', '/api/v1/postal/requests', requestBody());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ channel: 'online', dossierCode: null, feesCollection: 'pickup' });
    expect(body.items).toHaveLength(2);
    const [pickup, delivery] = body.items;
    expect(pickup).toMatchObject({
      leg: 'pickup',
      status: 'assigned',
      zone: 'same_province',
      postageVnd: POSTAGE,
      feesVnd: FEE_VND,
      cashDueVnd: POSTAGE + FEE_VND,
      courier: { username: 'demo.courier' },
    });
    expect(delivery).toMatchObject({
      leg: 'delivery',
      status: 'assigned',
      postageVnd: POSTAGE,
      codVnd: 0,
      cashDueVnd: POSTAGE,
    });
    expect(isValidS10(pickup.trackingNumber) && isValidS10(delivery.trackingNumber)).toBe(true);
    expect(pickup.trackingNumber).not.toBe(delivery.trackingNumber);
    pickupTn = pickup.trackingNumber;
    deliveryTn = delivery.trackingNumber;
  });

  it('refuses an address whose commune is not valid today, a procedure that does not offer the leg, and a too heavy item', async () => {
    const old = await call(
      t,
      null,
      'POST',
      '/api/v1/postal/requests',
      requestBody({
        delivery: undefined,
        pickup: {
          address: { communeCode: OLD_COMMUNE, street: STREET },
          window: { date: '2026-03-02', from: '08:00', to: '10:00' },
        },
      }),
    );
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({ code: 'POSTAL_ADDRESS_INVALID' });
    const notOffered = await call(
      t,
      null,
      'POST',
      '/api/v1/postal/requests',
      requestBody({ procedureCode: '9.900002' }),
    );
    expect(notOffered.statusCode).toBe(422);
    expect(notOffered.json()).toMatchObject({
      code: 'POSTAL_OPTION_NOT_OFFERED',
      details: { legs: ['pickup'] },
    });
    const heavy = await call(
      t,
      null,
      'POST',
      '/api/v1/postal/requests',
      requestBody({ delivery: { address: { communeCode: COMMUNE, street: STREET }, weightGrams: 5_000 } }),
    );
    expect(heavy.statusCode).toBe(422);
    expect(heavy.json()).toMatchObject({ code: 'POSTAL_TARIFF_NOT_FOUND' });
    const both = await call(t, null, 'POST', '/api/v1/postal/requests', requestBody({ dossierCode: 'X' }));
    expect(both.statusCode).toBe(400);
  });

  it('rejects a mistyped tracking number everywhere it is typed', async () => {
    const typo = `${pickupTn.slice(0, 4)}${(Number(pickupTn[4]) + 1) % 10}${pickupTn.slice(5)}`;
    for (const [user, url] of [
      ['demo.clerk', `/api/v1/postal/items/${typo}`],
      [null, `/api/v1/public/tracking/${typo}`],
    ] as const) {
      const res = await call(t, user, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'POSTAL_TRACKING_NUMBER_INVALID' });
    }
    const ev = await event(t, 'demo.courier', typo, { type: 'out-for-delivery' });
    expect(ev.json()).toMatchObject({ code: 'POSTAL_TRACKING_NUMBER_INVALID' });
  });
});

describe('pickup by the courier', () => {
  it('guides once when a document is missing, and does not collect', async () => {
    const missing = {
      ...COMPLETE_PICKUP,
      checklist: [
        { index: 1, present: true },
        { index: 2, present: false },
      ],
    };
    const first = await event(t, 'demo.courier', pickupTn, missing);
    expect(first.statusCode, first.body).toBe(422);
    expect(first.json()).toMatchObject({
      code: 'POSTAL_PICKUP_INCOMPLETE',
      details: { missing: [{ index: 2 }], guided: true },
    });
    const again = await event(t, 'demo.courier', pickupTn, missing);
    expect(again.statusCode).toBe(422);
    const view = await item(pickupTn, 'demo.courier');
    expect(view).toMatchObject({ status: 'assigned', guided: true });
    expect(view.events.filter((e: { type: string }) => e.type === 'guide')).toHaveLength(1);
  });

  it('refuses another courier and the clerk', async () => {
    const clerk = await event(t, 'demo.clerk', pickupTn, COMPLETE_PICKUP);
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('collects the complete, sealed dossier and the cash', async () => {
    const res = await event(t, 'demo.courier', pickupTn, COMPLETE_PICKUP);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      item: { status: 'picked_up', holder: { kind: 'courier', name: 'Lê Văn Bưu Tá' } },
      event: { type: 'pick-up', from: 'assigned', to: 'picked_up' },
    });
    const cash = await t.db.database.db.select().from(postalCashEntries);
    expect(cash.map((c) => [c.category, c.amountVnd]).sort()).toEqual([
      ['fees', FEE_VND],
      ['postage', POSTAGE],
    ]);
  });

  it('writes the event, its audit and its outbox message together', async () => {
    const db = t.db.database.db;
    const audit = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, 'postal-item'),
          eq(auditEvents.entityId, pickupTn),
          eq(auditEvents.action, 'postal.pick-up'),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.change)).not.toContain(APPLICANT.idNumber);
    const messages = (await db.select().from(outbox).where(eq(outbox.topic, 'postal.picked-up'))).map(
      (m) => m.payload as Record<string, unknown>,
    );
    expect(messages).toEqual([
      expect.objectContaining({ trackingNumber: pickupTn, cashCollectedVnd: POSTAGE + FEE_VND }),
    ]);
    expect(audit[0]?.at.getTime()).toBe(
      (await db.select().from(outbox).where(eq(outbox.topic, 'postal.picked-up')))[0]?.createdAt.getTime(),
    );
  });
});

describe('hand-over and the clerk’s receipt', () => {
  it('flags the courier’s hand-over in the custody view until the clerk confirms it', async () => {
    const res = await event(t, 'demo.courier', pickupTn, { type: 'hand-over' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item.status).toBe('handover_pending');
    const custody = await call(t, 'demo.manager', 'GET', '/api/v1/postal/custody');
    expect(custody.statusCode, custody.body).toBe(200);
    const row = custody.json().items.find((i: { trackingNumber: string }) => i.trackingNumber === pickupTn);
    expect(row).toMatchObject({
      status: 'handover_pending',
      holder: { kind: 'courier' },
      flags: [{ kind: 'one_side_only', confirmedBy: 'giver', direction: 'to_counter' }],
    });
    expect(custody.json().flagged).toBeGreaterThanOrEqual(1);
    const clerk = await call(t, 'demo.clerk', 'GET', '/api/v1/postal/custody');
    expect(clerk.statusCode).toBe(403);
  });

  it('receives the dossier when the clerk takes the item over (the postal dossier is created, then received)', async () => {
    const res = await event(t, 'demo.clerk', pickupTn, { type: 'take-over' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.item).toMatchObject({ status: 'at_counter', holder: { kind: 'counter' } });
    expect(body.dossier).toMatchObject({ status: 'received' });
    dossierCode = body.dossier.code;
    expect(dossierCode).toMatch(/^H21\.52-\d{6}-\d{4}$/);
    const d = await dossier(dossierCode);
    expect(d).toMatchObject({
      status: 'received',
      channel: 'postal',
      returnMethod: 'postal',
      procedure: { code: PROCEDURE_CODE },
    });
    expect(d.fees).toEqual([
      expect.objectContaining({ amountVnd: FEE_VND, paid: true, method: 'cash', receiptNumber: pickupTn }),
    ]);
    expect((await item(deliveryTn)).dossierCode).toBe(dossierCode);
    const custody = (await call(t, 'demo.manager', 'GET', '/api/v1/postal/custody')).json();
    expect(
      custody.items.find((i: { trackingNumber: string }) => i.trackingNumber === pickupTn),
    ).toBeUndefined();
  });

  it('refuses to hand the result to the courier before it is ready', async () => {
    const res = await event(t, 'demo.clerk', deliveryTn, { type: 'hand-over' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'POSTAL_RESULT_NOT_READY' });
  });
});

describe('delivery of the result', () => {
  it('processes the dossier to a result (forward, complete)', async () => {
    const act = async (user: string, body: Record<string, unknown>) => {
      const d = await dossier(dossierCode);
      const res = await call(t, user, 'POST', `/api/v1/dossiers/${dossierCode}/actions`, {
        ...body,
        version: d.version,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act('demo.clerk', { action: 'forward' });
    await act('demo.officer', { action: 'complete', result: { kind: 'paper', number: 'LLTP-0001/2026' } });
    expect((await dossier(dossierCode)).status).toBe('result_ready');
  });

  it('hands the result to the courier: the dossier is returned by post with the tracking number', async () => {
    const res = await event(t, 'demo.clerk', deliveryTn, { type: 'hand-over' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item.status).toBe('handover_pending');
    const d = await dossier(dossierCode);
    expect(d).toMatchObject({
      status: 'returned',
      returnInfo: { method: 'postal', postalItemNumber: deliveryTn },
    });
    const taken = await event(t, 'demo.courier', deliveryTn, { type: 'take-over' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().item).toMatchObject({ status: 'with_courier', holder: { kind: 'courier' } });
    const view = await item(deliveryTn);
    expect(view.manifests).toHaveLength(1);
    const manifest = (
      await call(t, 'demo.clerk', 'GET', `/api/v1/postal/manifests/${view.manifests[0].id}`)
    ).json();
    expect(manifest).toMatchObject({
      direction: 'to_courier',
      itemCount: 1,
      giver: { side: 'counter' },
      receiver: { side: 'courier' },
    });
    expect(manifest.giver.confirmedAt).not.toBeNull();
    expect(manifest.receiver.confirmedAt).not.toBeNull();
  });

  it('records a failed attempt, then the delivery with the recipient checked and a photo of the slip', async () => {
    expect((await event(t, 'demo.courier', deliveryTn, { type: 'out-for-delivery' })).statusCode).toBe(200);
    const failed = await event(t, 'demo.courier', deliveryTn, { type: 'fail-attempt', reason: 'absent' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().item).toMatchObject({ status: 'attempt_failed', attempts: 1 });
    expect((await event(t, 'demo.courier', deliveryTn, { type: 'out-for-delivery' })).statusCode).toBe(200);
    const wrongPerson = await event(t, 'demo.courier', deliveryTn, {
      type: 'deliver',
      recipient: { name: 'Người Khác', idNumber: '064195000456' },
      cashCollected: true,
    });
    expect(wrongPerson.statusCode).toBe(422);
    expect(wrongPerson.json()).toMatchObject({ code: 'POSTAL_RECIPIENT_MISMATCH' });
    const notImage = await event(t, 'demo.courier', deliveryTn, {
      type: 'deliver',
      recipient: { name: APPLICANT.fullName, idNumber: APPLICANT.idNumber },
      cashCollected: true,
      photo: { base64: Buffer.from('%PDF-1.4 not a photo').toString('base64') },
    });
    expect(notImage.statusCode).toBe(415);
    const res = await event(t, 'demo.courier', deliveryTn, {
      type: 'deliver',
      recipient: { name: APPLICANT.fullName, idNumber: APPLICANT.idNumber },
      cashCollected: true,
      photo: { base64: TINY_PNG.toString('base64') },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item).toMatchObject({ status: 'delivered', holder: { kind: 'citizen' } });
    const photo = await call(t, 'demo.clerk', 'GET', `/api/v1/postal/items/${deliveryTn}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(TINY_PNG)).toBe(true);
    const delivered = (
      await t.db.database.db.select().from(outbox).where(eq(outbox.topic, 'postal.delivered'))
    )[0]?.payload;
    expect(delivered).toMatchObject({
      trackingNumber: deliveryTn,
      code: dossierCode,
      contact: { phone: APPLICANT.phone },
      deliveredAt: expect.any(String),
    });
    const view = await item(deliveryTn);
    expect(view.recipient).toEqual({ name: APPLICANT.fullName, relation: 'self' });
  });
});

describe('public tracking', () => {
  it('shows each step with times and place names, without personal data, by tracking number or dossier code', async () => {
    const byNumber = await call(t, null, 'GET', `/api/v1/public/tracking/${deliveryTn.toLowerCase()}`);
    expect(byNumber.statusCode, byNumber.body).toBe(200);
    const steps = byNumber.json().items[0].steps.map((s: { status: string }) => s.status);
    expect(steps).toEqual([
      'created',
      'assigned',
      'handover_pending',
      'with_courier',
      'out_for_delivery',
      'attempt_failed',
      'out_for_delivery',
      'delivered',
    ]);
    const byCode = await call(t, null, 'GET', `/api/v1/public/tracking/${dossierCode}`);
    expect(
      byCode
        .json()
        .items.map((i: { trackingNumber: string }) => i.trackingNumber)
        .sort(),
    ).toEqual([pickupTn, deliveryTn].sort());
    const text = byCode.body;
    for (const secret of [
      APPLICANT.fullName,
      APPLICANT.idNumber,
      '0912',
      STREET,
      'Quy Nhơn',
      'Lê Văn Bưu Tá',
      'Nguyễn Thị Tiếp Nhận',
    ])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain('Trung tâm Phục vụ hành chính công tỉnh Gia Lai');
    expect((await call(t, null, 'GET', `/api/v1/public/tracking/${formatS10(99_999_998)}`)).statusCode).toBe(
      404,
    );
  });
});

describe('cash of the day', () => {
  it('reconciles what the courier collected with what the clerk received, flagging a difference', async () => {
    const day = '2026-03-02';
    const collected = POSTAGE + FEE_VND + POSTAGE;
    const short = await call(t, 'demo.clerk', 'POST', '/api/v1/postal/cash/handovers', {
      courier: 'demo.courier',
      day,
      amountVnd: collected - 4_000,
      servicePointCode: SERVICE_POINT,
    });
    expect(short.statusCode, short.body).toBe(201);
    expect(short.json()).toMatchObject({
      courier: 'demo.courier',
      on: day,
      collected: { postage: 2 * POSTAGE, fees: FEE_VND, cod: 0, total: collected },
      difference: -4_000,
      status: 'short',
      flagged: true,
    });
    await call(t, 'demo.clerk', 'POST', '/api/v1/postal/cash/handovers', {
      courier: 'demo.courier',
      day,
      amountVnd: 4_000,
      servicePointCode: SERVICE_POINT,
    });
    const days = (await call(t, 'demo.manager', 'GET', `/api/v1/postal/cash?from=${day}&to=${day}`)).json()
      .days;
    expect(days).toEqual([
      expect.objectContaining({
        courier: 'demo.courier',
        handedOver: collected,
        difference: 0,
        status: 'balanced',
        flagged: false,
      }),
    ]);
    const other = await call(t, 'demo.clerk.iakrai', 'POST', '/api/v1/postal/cash/handovers', {
      courier: 'demo.courier',
      day,
      amountVnd: 1,
      servicePointCode: SERVICE_POINT,
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('figures', () => {
  it('counts items per leg, the success rate, median times and COD', async () => {
    const res = await call(t, 'demo.manager', 'GET', '/api/v1/postal/figures?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      legs: {
        pickup: { created: 1, completed: 1 },
        delivery: { created: 1, completed: 1, returned: 0, failedAttempts: 1 },
      },
      delivery: { successRate: 1, firstAttemptRate: 0 },
      cod: { collectedVnd: 0, settledVnd: 0 },
    });
  });
});

describe('attempts, returns and manifests', () => {
  let tns: string[] = [];

  it('returns a result to the counter after the maximum number of failed attempts', async () => {
    // The dossier's result has been returned by post: no new delivery request for it.
    const res = await call(t, 'demo.clerk', 'POST', '/api/v1/postal/requests', {
      dossierCode,
      delivery: { address: { communeCode: COMMUNE, street: STREET } },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'POSTAL_DOSSIER_NOT_ELIGIBLE' });
    const created = await call(t, null, 'POST', '/api/v1/postal/requests', requestBody());
    tns = created.json().items.map((i: { trackingNumber: string }) => i.trackingNumber);
    const [pickup] = tns as [string, string];
    for (let i = 0; i < 3; i++) {
      const failed = await event(t, 'demo.courier', pickup, { type: 'fail-attempt', reason: 'absent' });
      expect(failed.statusCode, failed.body).toBe(200);
    }
    const fourth = await event(t, 'demo.courier', pickup, { type: 'fail-attempt', reason: 'absent' });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json()).toMatchObject({ code: 'POSTAL_ATTEMPTS_EXHAUSTED' });
    const cancelled = await event(t, 'demo.clerk', pickup, {
      type: 'cancel',
      reason: 'Người dân không có nhà ba lần',
    });
    expect(cancelled.json().item.status).toBe('cancelled');
  });

  it('hands several items over with one manifest; the receiver confirms with the count', async () => {
    const a = (
      await call(t, null, 'POST', '/api/v1/postal/requests', requestBody({ delivery: undefined }))
    ).json().items[0].trackingNumber;
    const b = (
      await call(t, null, 'POST', '/api/v1/postal/requests', requestBody({ delivery: undefined }))
    ).json().items[0].trackingNumber;
    for (const tn of [a, b])
      expect((await event(t, 'demo.courier', tn, COMPLETE_PICKUP)).statusCode).toBe(200);
    const created = await call(t, 'demo.courier', 'POST', '/api/v1/postal/manifests', {
      direction: 'to_counter',
      items: [a, b],
    });
    expect(created.statusCode, created.body).toBe(201);
    const manifest = created.json();
    expect(manifest).toMatchObject({
      itemCount: 2,
      giver: { side: 'courier', confirmedCount: 2 },
      receiver: { side: 'counter', confirmedAt: null },
    });
    const custody = (await call(t, 'demo.manager', 'GET', '/api/v1/postal/custody?flagged=true')).json();
    expect(
      custody.items.filter((i: { trackingNumber: string }) => [a, b].includes(i.trackingNumber)),
    ).toHaveLength(2);
    const wrong = await call(t, 'demo.clerk', 'POST', `/api/v1/postal/manifests/${manifest.id}/confirm`, {
      count: 1,
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'POSTAL_MANIFEST_COUNT_MISMATCH' });
    const ok = await call(t, 'demo.clerk', 'POST', `/api/v1/postal/manifests/${manifest.id}/confirm`, {
      count: 2,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ receiver: { confirmedCount: 2 }, clerk: { username: 'demo.clerk' } });
    expect(ok.json().receiver.confirmedAt).not.toBeNull();
    for (const tn of [a, b]) expect((await item(tn)).status).toBe('at_counter');
    const again = await call(t, 'demo.clerk', 'POST', `/api/v1/postal/manifests/${manifest.id}/confirm`, {
      count: 2,
    });
    expect(again.json()).toMatchObject({ code: 'POSTAL_MANIFEST_ALREADY_CONFIRMED' });
    const pdf = await call(t, 'demo.clerk', 'GET', `/api/v1/postal/manifests/${manifest.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('BIÊN BẢN GIAO NHẬN');
    expect(text).toContain(a);
    expect(text).toContain('Tổng cộng: 2 bưu gửi');
    expect((await pdfImages(pdf.rawPayload)).length).toBe(2);
  });

  it('prints the courier’s run sheet with a barcode per item', async () => {
    const res = await call(t, 'demo.courier', 'GET', '/api/v1/postal/run-sheet?day=2026-03-02');
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    const listed = await call(t, 'demo.courier', 'GET', '/api/v1/postal/items?courier=me&status=open');
    expect(listed.statusCode, listed.body).toBe(200);
    const open = listed.json().items;
    expect(open.length).toBeGreaterThan(0);
    for (const i of open) expect(text).toContain(i.trackingNumber);
    expect((await pdfImages(res.rawPayload)).length).toBe(open.length);
    expect(text).toContain('BẢNG KÊ THU GOM HỒ SƠ VÀ PHÁT KẾT QUẢ');
    const officer = await call(t, 'demo.officer', 'GET', '/api/v1/postal/run-sheet?courier=demo.courier');
    expect(officer.statusCode).toBe(403);
  });

  it('keeps an event history per item with no personal data', async () => {
    const rows = await t.db.database.db.select().from(postalItemEvents);
    expect(rows.length).toBeGreaterThan(10);
    const all = JSON.stringify(rows.map((r) => r.data));
    expect(all).not.toContain(APPLICANT.idNumber);
    expect(all).not.toContain(APPLICANT.fullName);
  });
});

describe('tariff', () => {
  it('is seeded in the demo once (an existing tariff is left alone)', async () => {
    expect(await ensureDemoPostalTariff(t.db.database, t.clock.now())).toBe(false);
  });

  it('is public to read and set by the administrator from today on', async () => {
    const read = await call(t, null, 'GET', '/api/v1/postal/tariff?at=2026-03-02');
    expect(read.json().bands).toHaveLength(6);
    const past = await call(t, 'demo.admin', 'POST', '/api/v1/postal/tariff', {
      validFrom: '2026-03-01',
      bands: [{ zone: 'same_commune', maxWeightGrams: 500, priceVnd: 1 }],
    });
    expect(past.statusCode).toBe(400);
    const bands = read.json().bands.map((b: { zone: string; maxWeightGrams: number; priceVnd: number }) => ({
      zone: b.zone,
      maxWeightGrams: b.maxWeightGrams,
      priceVnd: b.priceVnd + 1_000,
    }));
    const next = await call(t, 'demo.admin', 'POST', '/api/v1/postal/tariff', {
      validFrom: '2026-04-01',
      bands,
    });
    expect(next.statusCode, next.body).toBe(201);
    expect((await call(t, null, 'GET', '/api/v1/postal/tariff?at=2026-03-31')).json().bands[0].priceVnd).toBe(
      read.json().bands[0].priceVnd,
    );
    expect((await call(t, null, 'GET', '/api/v1/postal/tariff?at=2026-04-01')).json().bands[0].priceVnd).toBe(
      read.json().bands[0].priceVnd + 1_000,
    );
  });
});

describe('areas, assignment and idle items', () => {
  it('assigns only couriers covering the address, and keeps other couriers out', async () => {
    const admin = await call(t, 'admin', 'POST', '/api/v1/users', {
      username: 'courier.iakrai',
      password: 'long-enough-password',
      fullName: 'Siu Bưu Tá',
      roles: [{ role: 'courier', scope: { unit: '23776' } }],
    });
    expect(admin.statusCode, admin.body).toBe(201);
    const tn = (
      await call(t, null, 'POST', '/api/v1/postal/requests', requestBody({ delivery: undefined }))
    ).json().items[0].trackingNumber;
    const outside = await event(t, 'demo.clerk', tn, { type: 'assign', courier: 'courier.iakrai' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'POSTAL_COURIER_OUT_OF_AREA' });
    const token = await t.tokenFor('courier.iakrai', 'long-enough-password');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/postal/items/${tn}/events`,
      headers: { authorization: `Bearer ${token}` },
      payload: COMPLETE_PICKUP,
    });
    expect(res.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/postal/items/${tn}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.statusCode).toBe(403);
    const again = await event(t, 'demo.clerk', tn, { type: 'assign', courier: 'demo.courier' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().item.courier).toMatchObject({ username: 'demo.courier' });
  });

  it('flags an item idle in the courier’s hands past the threshold', async () => {
    const tn = (
      await call(t, null, 'POST', '/api/v1/postal/requests', requestBody({ delivery: undefined }))
    ).json().items[0].trackingNumber;
    expect((await event(t, 'demo.courier', tn, COMPLETE_PICKUP)).statusCode).toBe(200);
    const rowOf = async () => {
      // A fresh sign-in: sessions last 10 hours and the clock moves a day.
      const token = await t.tokenFor('demo.manager', DEMO_PASSWORD);
      const res = await t.app.inject({
        url: '/api/v1/postal/custody?flagged=true',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((i: { trackingNumber: string }) => i.trackingNumber === tn);
    };
    expect(await rowOf()).toBeUndefined();
    t.clock.advance(25 * 3_600_000);
    expect(await rowOf()).toMatchObject({
      status: 'picked_up',
      holder: { kind: 'courier', name: 'Lê Văn Bưu Tá' },
      flags: [{ kind: 'idle', hours: 25 }],
    });
  });
});
