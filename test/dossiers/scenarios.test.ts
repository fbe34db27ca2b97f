/**
 * Lifecycle scenarios over HTTP: the whole path with its outbox messages, version conflicts, the
 * apology rule, the second supplement, a supplement across Tết 2026 computed exactly with the
 * official 2026 calendar (data/calendar/2026.json: Tết Mon 16/2 – Fri 20/2), deadline buckets in
 * lists, fees blocking the return, and scans.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, settings } from '../../src/adapters/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  act,
  get,
  HANDOVER,
  intakeBody,
  LONG_SESSIONS,
  post,
  receiveAtCounter,
  registerProcedure,
} from './builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
});
afterAll(async () => t.close());

/** Sets the fake clock to a Vietnam local time. */
const setLocal = (local: string) => t.clock.set(`${local.replace(' ', 'T')}:00+07:00`);
const detail = async (code: string) => (await get(t, 'demo.manager', `/api/v1/dossiers/${code}`)).json();
const topics = async (code: string) =>
  (
    await t.db.database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'code' = ${code}`)
      .orderBy(outbox.id)
  ).map((m) => m.topic);

describe('the whole path', () => {
  it('receive → forward → two hand-overs → result → payment → return, with events and notifications', async () => {
    setLocal('2026-03-02 09:00');
    const code = await receiveAtCounter(t);
    setLocal('2026-03-02 10:00');
    await act(t, 'demo.clerk', code, { action: 'forward' });
    setLocal('2026-03-04 10:00');
    await act(t, 'demo.officer', code, HANDOVER);
    // Step 2 (40 % = 960 min from Wed 10:00) is due Fri 06/03 10:00: handed over that morning → on time.
    setLocal('2026-03-06 09:00');
    await act(t, 'demo.officer', code, { ...HANDOVER, stepName: 'Ký duyệt' });
    setLocal('2026-03-06 10:00');
    const ready = await act(t, 'demo.officer', code, {
      action: 'complete',
      result: { kind: 'paper', number: 'LLTP-2026-15' },
    });
    expect(ready.json()).toMatchObject({
      status: 'result_ready',
      timeliness: { state: 'finished', result: 'early' },
    });
    // The applicant's personal data is not in an action's answer (GET is the audited read).
    expect(ready.json().applicant).toEqual({ kind: 'person', fullName: 'Nguyễn Văn An' });

    setLocal('2026-03-09 08:00');
    const blocked = await act(
      t,
      'demo.clerk',
      code,
      { action: 'return', method: 'counter', receiverName: 'Nguyễn Văn An', identity: 'id_document' },
      409,
    );
    expect(blocked.json()).toMatchObject({ code: 'DOSSIER_FEES_UNPAID', details: { unpaidFees: [1] } });
    await act(t, 'demo.clerk', code, {
      action: 'record-payment',
      feeSeq: 1,
      method: 'vietqr',
      receiptNumber: 'QR-0001',
    });
    const returned = await act(t, 'demo.clerk', code, {
      action: 'return',
      method: 'counter',
      receiverName: 'Nguyễn Văn An',
      identity: 'id_document',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', version: 7 });

    const d = await detail(code);
    expect(d.events.map((e: { type: string }) => e.type)).toEqual([
      'dossier.received',
      'dossier.forwarded',
      'dossier.handed-over',
      'dossier.handed-over',
      'dossier.result-ready',
      'dossier.fee-paid',
      'dossier.returned',
    ]);
    expect(d.handovers.map((h: { kind: string; result: string }) => [h.kind, h.result])).toEqual([
      ['forward', 'early'],
      ['step', 'early'],
      ['step', 'on_time'],
      ['result', 'early'],
    ]);
    expect(d.fees).toEqual([
      expect.objectContaining({ paid: true, method: 'vietqr', receiptNumber: 'QR-0001' }),
    ]);
    expect(d.returnInfo).toMatchObject({ method: 'counter', identity: 'id_document' });
    expect(await topics(code)).toEqual(['dossier.received', 'dossier.result-ready', 'dossier.returned']);
    const audit = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), sql`${auditEvents.action} like 'dossier.%'`));
    expect(audit).toHaveLength(7);
  });

  it('a stale version is refused with 409 DOSSIER_VERSION_CONFLICT and changes nothing', async () => {
    const code = await receiveAtCounter(t);
    await act(t, 'demo.clerk', code, { action: 'forward' }); // version 2
    const stale = await post(t, 'demo.officer', `/api/v1/dossiers/${code}/actions`, {
      action: 'complete',
      version: 1,
      result: { kind: 'paper', number: 'X' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'DOSSIER_VERSION_CONFLICT',
      details: { current: 2, sent: 1 },
    });
    expect((await detail(code)).status).toBe('in_progress');
  });

  it('an action not allowed in the state is 409 DOSSIER_ACTION_NOT_ALLOWED; a missing field 400', async () => {
    const code = await receiveAtCounter(t);
    const early = await act(
      t,
      'demo.officer',
      code,
      { action: 'complete', result: { kind: 'paper', number: 'X' } },
      409,
    );
    expect(early.json()).toMatchObject({
      code: 'DOSSIER_ACTION_NOT_ALLOWED',
      details: { status: 'received', action: 'complete' },
    });
    const noReason = await act(t, 'demo.clerk', code, { action: 'withdraw' }, 400);
    expect(noReason.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ name: 'body/reason' }],
    });
  });
});

describe('apology (Mẫu 04)', () => {
  it('moves the due once before it passes; a second apology is refused', async () => {
    setLocal('2026-03-02 09:00');
    const code = await receiveAtCounter(t); // due Mon 09/03 09:00
    await act(t, 'demo.clerk', code, { action: 'forward' });
    setLocal('2026-03-06 10:00');
    const first = await act(t, 'demo.officer', code, {
      action: 'apologize',
      reason: 'Chờ kết quả xác minh của Công an tỉnh',
      newDueAt: '2026-03-13T17:00:00+07:00',
    });
    expect(first.json()).toMatchObject({
      dueAt: '2026-03-13T10:00:00.000Z',
      extensionCount: 1,
      timeliness: { apologized: true },
    });
    const second = await act(
      t,
      'demo.officer',
      code,
      { action: 'apologize', reason: 'Lần hai', newDueAt: '2026-03-20T17:00:00+07:00' },
      409,
    );
    expect(second.json()).toMatchObject({ code: 'DOSSIER_APOLOGY_LIMIT_REACHED' });
    expect(await topics(code)).toEqual(['dossier.received', 'dossier.apologized']);
    const message = (
      await t.db.database.db
        .select()
        .from(outbox)
        .where(sql`${outbox.topic} = 'dossier.apologized' and ${outbox.payload}->>'code' = ${code}`)
    )[0]!;
    expect(message.payload).toMatchObject({
      newDueAt: '2026-03-13T10:00:00.000Z',
      reason: 'Chờ kết quả xác minh của Công an tỉnh',
    });
  });

  it('is refused after the due has passed', async () => {
    setLocal('2026-03-02 09:00');
    const code = await receiveAtCounter(t);
    await act(t, 'demo.clerk', code, { action: 'forward' });
    setLocal('2026-03-09 09:01');
    const late = await act(
      t,
      'demo.officer',
      code,
      { action: 'apologize', reason: 'Trễ', newDueAt: '2026-03-20T17:00:00+07:00' },
      409,
    );
    expect(late.json()).toMatchObject({ code: 'DOSSIER_APOLOGY_TOO_LATE' });
  });
});

describe('supplements and timeliness', () => {
  it('a second supplement request makes the dossier late', async () => {
    setLocal('2026-03-02 09:00');
    const code = await receiveAtCounter(t);
    await act(t, 'demo.clerk', code, { action: 'forward' });
    setLocal('2026-03-02 10:00');
    await act(t, 'demo.officer', code, {
      action: 'request-supplement',
      reason: 'Thiếu',
      items: ['Giấy khai sinh'],
    });
    setLocal('2026-03-02 14:00');
    await act(t, 'demo.clerk', code, { action: 'supplement' });
    expect((await detail(code)).timeliness).toMatchObject({ late: false, bucket: 'not_yet_due' });
    setLocal('2026-03-02 15:00');
    const second = await act(t, 'demo.officer', code, {
      action: 'request-supplement',
      reason: 'Còn thiếu',
      items: ['Bản sao hộ chiếu'],
    });
    expect(second.json()).toMatchObject({
      supplementCount: 2,
      timeliness: { late: true, lateReason: 'second_supplement' },
    });
    setLocal('2026-03-03 08:00');
    await act(t, 'demo.officer', code, { action: 'supplement' });
    await act(t, 'demo.officer', code, { action: 'complete', result: { kind: 'paper', number: 'KQ' } });
    expect((await detail(code)).timeliness).toMatchObject({
      state: 'finished',
      result: 'late',
      lateReason: 'second_supplement',
    });
    const list = (await get(t, 'demo.manager', '/api/v1/dossiers?status=result_ready&pageSize=100')).json();
    expect(list.items.find((i: { code: string }) => i.code === code).timeliness.result).toBe('late');
  });

  it('a supplement across Tết 2026 moves the due by exactly the suspended working time', async () => {
    // Received Thursday 12/02/2026 09:00; 5 working days = 2,400 working minutes.
    setLocal('2026-02-12 09:00');
    const code = await receiveAtCounter(t);
    let d = await detail(code);
    // Without suspension: Thu 360 + Fri 480, Tết Mon 16 – Fri 20/02 off, Mon 23 – Wed 25 1,440, Thu 26 120 → 09:00.
    expect(d).toMatchObject({
      dueAt: '2026-02-26T02:00:00.000Z',
      originalDueAt: '2026-02-26T02:00:00.000Z',
      effectiveStartAt: '2026-02-12T02:00:00.000Z',
    });
    setLocal('2026-02-12 09:30');
    await act(t, 'demo.clerk', code, { action: 'forward' });
    setLocal('2026-02-13 10:00'); // Friday before Tết
    const paused = await act(t, 'demo.officer', code, {
      action: 'request-supplement',
      reason: 'Thiếu bản sao',
      items: ['Bản sao Căn cước công dân có chứng thực'],
    });
    expect(paused.json()).toMatchObject({ dueAt: null, timeliness: { clockPaused: true, bucket: null } });
    setLocal('2026-02-23 09:00'); // Monday after Tết
    const resumed = await act(t, 'demo.clerk', code, { action: 'supplement' });
    // Suspended Fri 10:00–17:00 (300 min) + Mon 07:00–09:00 (120 min) = 420 working minutes; Tết itself is not
    // working time, so it adds nothing: due Thu 26/02 09:00 + 420 min = Fri 27/02 08:00.
    expect(resumed.json()).toMatchObject({
      dueAt: '2026-02-27T01:00:00.000Z',
      originalDueAt: '2026-02-26T02:00:00.000Z',
    });
    d = await detail(code);
    expect(d.suspensions).toEqual([
      expect.objectContaining({
        seq: 1,
        requestedAt: '2026-02-13T03:00:00.000Z',
        resumedAt: '2026-02-23T02:00:00.000Z',
      }),
    ]);

    setLocal('2026-02-25 08:00');
    expect((await detail(code)).timeliness).toMatchObject({ bucket: 'not_yet_due' }); // 960 working minutes left
    setLocal('2026-02-26 08:00');
    expect((await detail(code)).timeliness).toMatchObject({ bucket: 'nearly_due' }); // exactly 480 left
    const nearly = (await get(t, 'demo.manager', '/api/v1/dossiers?bucket=nearly_due&pageSize=100')).json();
    expect(nearly.items.map((i: { code: string }) => i.code)).toContain(code);

    setLocal('2026-02-27 07:30');
    const done = await act(t, 'demo.officer', code, {
      action: 'complete',
      result: { kind: 'electronic', number: 'LLTP-2026-0042' },
    });
    // End − suspended time ≤ original due ⇔ end ≤ shifted due: 07:30 ≤ 08:00 on the due day → on time.
    expect(done.json().timeliness).toMatchObject({
      state: 'finished',
      result: 'on_time',
      late: false,
      judgedEndAt: '2026-02-27T00:30:00.000Z',
      judgedDueAt: '2026-02-27T01:00:00.000Z',
    });
  });

  it('lists dossiers by deadline bucket consistently with their timeliness', async () => {
    setLocal('2026-04-01 09:00'); // Wednesday
    const overdue = await receiveAtCounter(t); // due Wed 08/04 09:00
    setLocal('2026-04-07 09:00');
    const nearly = await receiveAtCounter(t); // due Tue 14/04 09:00
    const fresh = await receiveAtCounter(t);
    setLocal('2026-04-13 09:30'); // Monday: `overdue` is late, `nearly` has 7.5 h left, `fresh` too
    const bucket = async (b: string) =>
      (
        await get(
          t,
          'demo.manager',
          `/api/v1/dossiers?bucket=${b}&from=2026-04-01&to=2026-04-30&pageSize=100`,
        )
      )
        .json()
        .items.map((i: { code: string; timeliness: { bucket: string } }) => {
          expect(i.timeliness.bucket).toBe(b);
          return i.code;
        });
    expect(await bucket('overdue')).toEqual([overdue]);
    expect((await bucket('nearly_due')).sort()).toEqual([nearly, fresh].sort());
    setLocal('2026-04-10 09:30');
    expect((await bucket('not_yet_due')).sort()).toEqual([nearly, fresh].sort());
  });
});

describe('scans', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  it('stores PDF/JPEG/PNG by content, once, and refuses other types and oversized files', async () => {
    setLocal('2026-03-02 09:00');
    const code = await receiveAtCounter(t);
    const token = await t.tokenFor('demo.clerk');
    const upload = (body: Buffer, type = 'application/pdf', document = 1, name = 'to-khai.pdf') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${code}/files?document=${document}&name=${name}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        payload: body,
      });
    const first = await upload(pdf);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      contentType: 'application/pdf',
      size: pdf.length,
      created: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await upload(pdf)).json()).toMatchObject({ created: false });
    // A renamed executable is refused by its bytes.
    const exe = await upload(Buffer.from('MZ\x90\x00\x03\x00'), 'application/pdf');
    expect(exe.json()).toMatchObject({ status: 415, code: 'UPLOAD_TYPE_NOT_ALLOWED' });
    const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    // A declared type or a file name that disagrees with the bytes is refused too.
    const disguised = await upload(pngBytes, 'application/pdf', 2, 'scan.png');
    expect(disguised.json()).toMatchObject({ status: 415, code: 'UPLOAD_TYPE_MISMATCH' });
    const misnamed = await upload(pngBytes, 'application/octet-stream', 2, 'scan.pdf');
    expect(misnamed.json()).toMatchObject({ status: 415, code: 'UPLOAD_TYPE_MISMATCH' });
    const png = await upload(pngBytes, 'application/octet-stream', 2, 'scan.png');
    expect(png.json()).toMatchObject({ contentType: 'image/png' });
    // The size limit is a setting.
    await t.db.database.db
      .insert(settings)
      .values({ key: 'dossiers.maxUploadBytes', value: 20, validFrom: '2026-01-01' });
    const big = await upload(pdf);
    expect(big.json()).toMatchObject({ status: 413, code: 'UPLOAD_TOO_LARGE', details: { maxBytes: 20 } });
    await t.db.database.db.delete(settings).where(eq(settings.key, 'dossiers.maxUploadBytes'));

    const d = await detail(code);
    expect(d.files).toHaveLength(2);
    const download = await get(t, 'demo.officer', `/api/v1/dossiers/${code}/files/${first.json().sha256}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const reads = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, code),
          eq(auditEvents.actorLabel, 'demo.officer'),
          eq(auditEvents.action, 'personal-data.read'),
        ),
      );
    expect(reads).toHaveLength(1);
    expect(
      (await post(t, 'demo.clerk.iakrai', `/api/v1/dossiers/${code}/files?document=1`, {})).statusCode,
    ).toBe(404);
  });

  it('intake with fees paid at the counter does not block the return', async () => {
    setLocal('2026-03-02 09:00');
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ fees: [{ index: 1, payment: { method: 'cash', receiptNumber: 'BL-77' } }] }),
    );
    const code = res.json().code as string;
    await act(t, 'demo.clerk', code, { action: 'forward' });
    await act(t, 'demo.officer', code, { action: 'complete', result: { kind: 'paper', number: 'K' } });
    await act(t, 'demo.clerk', code, {
      action: 'return',
      method: 'postal',
      postalItemNumber: 'EE123456789VN',
    });
    expect(await topics(code)).toEqual(['dossier.received', 'dossier.result-ready', 'dossier.returned']);
  });
});
