import { describe, expect, it } from 'vitest';
import { gsmSeptets, smsParts, SMS_MAX_SEPTETS, toGsmText, fitSms } from './gsm.ts';
import {
  dossierLinks,
  feedbackLinks,
  formatWhen,
  renderTemplate,
  TEMPLATE_NAMES,
  type TemplateData,
  type TemplateName,
} from './templates.ts';
import {
  maskEmail,
  maskPhone,
  planNotifications,
  redactError,
  retryDelayMs,
  servicePointOfCode,
  toE164,
} from './domain.ts';

const CODE = 'H21.52-260220-0007';
const DUE = new Date('2026-02-25T03:00:00Z'); // 10:00 in Vietnam
const SP = {
  name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
  address: '69 Hùng Vương, phường Pleiku, Gia Lai',
};
const BASE = 'https://motcua.buudien-gialai.vn';

/** The fullest data of every template. */
const FULL: Record<TemplateName, TemplateData> = {
  received: {
    template: 'received',
    code: CODE,
    procedureName: 'Đăng ký khai sinh',
    servicePoint: SP,
    appointmentAt: DUE,
  },
  'supplement-requested': {
    template: 'supplement-requested',
    code: CODE,
    procedureName: 'Đăng ký khai sinh',
    servicePoint: SP,
    reason: 'Thiếu giấy chứng sinh',
    items: ['Giấy chứng sinh (bản chính)', 'Giấy chứng nhận kết hôn của cha mẹ (bản sao)'],
  },
  apology: {
    template: 'apology',
    code: CODE,
    procedureName: 'Đăng ký khai sinh',
    reason: 'Cần xác minh thêm tại UBND xã',
    previousDueAt: new Date('2026-02-20T09:00:00Z'),
    newDueAt: DUE,
  },
  'result-ready': {
    template: 'result-ready',
    code: CODE,
    procedureName: 'Đăng ký khai sinh',
    servicePoint: SP,
    returnMethod: 'counter',
  },
  'out-for-delivery': { template: 'out-for-delivery', code: CODE, trackingNumber: 'EA123456785VN' },
  delivered: { template: 'delivered', code: CODE, trackingNumber: 'EA123456785VN', deliveredAt: DUE },
  'rating-invitation': { template: 'rating-invitation', code: CODE, procedureName: 'Đăng ký khai sinh' },
  submitted: { template: 'submitted', code: CODE, procedureName: 'Đăng ký khai sinh', servicePoint: SP },
  'feedback-update': {
    template: 'feedback-update',
    code: CODE,
    outcome: 'answered',
    subject: 'Thời gian chờ tại quầy',
    text: 'Trung tâm đã bố trí thêm một quầy tiếp nhận từ ngày 01/03/2026.',
  },
};

/** The barest data of every template (every optional field missing). */
const BARE: Record<TemplateName, TemplateData> = {
  received: { template: 'received', code: CODE },
  'supplement-requested': { template: 'supplement-requested', code: CODE, items: [] },
  apology: { template: 'apology', code: CODE, newDueAt: DUE },
  'result-ready': { template: 'result-ready', code: CODE },
  'out-for-delivery': { template: 'out-for-delivery', code: CODE },
  delivered: { template: 'delivered', code: CODE },
  'rating-invitation': { template: 'rating-invitation', code: CODE },
  submitted: { template: 'submitted', code: CODE },
  'feedback-update': { template: 'feedback-update', code: CODE, outcome: 'rejected' },
};

/** Something distinctive each template must say (per language). */
const SAYS: Record<TemplateName, { vi: RegExp; en: RegExp }> = {
  received: { vi: /đã được tiếp nhận/, en: /has been received/ },
  'supplement-requested': { vi: /bổ sung/, en: /documents needed/ },
  apology: { vi: /xin lỗi/i, en: /apolog/i },
  'result-ready': { vi: /kết quả/, en: /result/ },
  'out-for-delivery': { vi: /chuyển phát/, en: /out for delivery/ },
  delivered: { vi: /đã được phát/, en: /delivered/ },
  'rating-invitation': { vi: /đánh giá/, en: /rate/ },
  submitted: { vi: /Đã gửi/, en: /submitted/ },
  'feedback-update': { vi: /Phản ánh, kiến nghị/, en: /feedback/ },
};

const ctx = (lang: 'vi' | 'en', name?: TemplateName) => ({
  lang,
  ...(name === 'feedback-update' ? feedbackLinks(BASE) : dossierLinks(BASE, CODE)),
});

describe('templates: every template × language', () => {
  it('has the seven templates of §6 and the online submission confirmation', () => {
    expect([...TEMPLATE_NAMES].sort()).toEqual(Object.keys(FULL).sort());
  });

  for (const name of TEMPLATE_NAMES) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${name} (${lang}): subject, text, HTML and SMS carry the code; SMS is GSM 7-bit within two parts`, () => {
        for (const data of [FULL[name], BARE[name]]) {
          const m = renderTemplate(data, ctx(lang, name));
          expect(m.subject).toContain(CODE);
          expect(m.subject).toMatch(SAYS[name][lang]);
          expect(m.text).toContain(CODE);
          expect(m.html).toContain(CODE);
          expect(m.html).toContain(`<html lang="${lang}">`);
          expect(m.sms).toContain(CODE);
          expect(gsmSeptets(m.sms), m.sms).not.toBeNull();
          expect(gsmSeptets(m.sms)!).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
          expect(m.text).not.toMatch(/undefined|null|NaN|\[object/);
          expect(m.sms).not.toMatch(/undefined|null|NaN|\[object/);
          // Each message links to the dossier's lookup or rating page.
          const link =
            name === 'delivered' || name === 'rating-invitation'
              ? `${BASE}/danh-gia/`
              : name === 'feedback-update'
                ? `${BASE}/gop-y/theo-doi`
                : `${BASE}/tra-cuu?code=`;
          expect(m.text).toContain(link);
          if (lang === 'vi') expect(m.text).toContain('Kính gửi Ông/Bà');
          else expect(m.text).toContain('Dear applicant');
        }
      });
    }
  }

  it('writes appointments in Vietnamese local time: "10:00 ngày 25/02/2026"', () => {
    const vi = renderTemplate(FULL.received, ctx('vi'));
    expect(vi.text).toContain('Ngày hẹn trả kết quả: 10:00 ngày 25/02/2026');
    expect(vi.html).toContain('10:00 ngày 25/02/2026');
    expect(vi.sms).toContain('10:00 ngay 25/02/2026');
    expect(renderTemplate(FULL.received, ctx('en')).text).toContain('Result due: 10:00 on 25/02/2026');
    expect(renderTemplate(FULL.apology, ctx('vi')).text).toContain(
      'Ngày hẹn trả kết quả mới: 10:00 ngày 25/02/2026',
    );
    // Across midnight: 2026-02-24T18:30Z is 01:30 on the 25th in Vietnam.
    expect(formatWhen(new Date('2026-02-24T18:30:00Z'), 'vi')).toBe('01:30 ngày 25/02/2026');
  });

  it('lists what to bring and where, and leaves out missing lines', () => {
    const full = renderTemplate(FULL['supplement-requested'], ctx('vi'));
    expect(full.text).toContain('- Giấy chứng sinh (bản chính)');
    expect(full.text).toContain(
      'Nơi nộp bổ sung: Trung tâm Phục vụ hành chính công tỉnh Gia Lai, 69 Hùng Vương',
    );
    expect(full.html).toContain('<li>Giấy chứng sinh (bản chính)</li>');
    const bare = renderTemplate(BARE['supplement-requested'], ctx('vi'));
    expect(bare.text).not.toContain('Nơi nộp bổ sung');
    expect(bare.text).toContain('liên hệ bộ phận một cửa');
    const ready = renderTemplate(FULL['result-ready'], ctx('vi'));
    expect(ready.text).toContain('Nơi nhận kết quả: Trung tâm Phục vụ hành chính công tỉnh Gia Lai');
    expect(ready.text).toContain('giấy tờ tùy thân');
    const postal = renderTemplate(
      { ...FULL['result-ready'], returnMethod: 'postal' } as TemplateData,
      ctx('vi'),
    );
    expect(postal.text).not.toContain('Nơi nhận kết quả');
    expect(postal.text).toContain('chuyển phát');
  });

  it('escapes HTML in data', () => {
    const m = renderTemplate(
      { template: 'supplement-requested', code: CODE, items: ['<script>alert(1)</script>'] },
      ctx('vi'),
    );
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });

  it('cuts a long list of documents in the SMS, never the code or the link', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `Giấy tờ số ${i + 1} có tên rất dài để thử giới hạn tin nhắn`,
    );
    const m = renderTemplate({ ...FULL['supplement-requested'], items } as TemplateData, ctx('vi'));
    expect(gsmSeptets(m.sms)!).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
    expect(m.sms).toContain('...');
    expect(m.sms).toContain(CODE);
    expect(m.sms).toContain(`${BASE}/tra-cuu?code=${CODE}`);
    expect(m.text).toContain('Giấy tờ số 30'); // the e-mail keeps everything
  });

  it('fits the received SMS in one part with a typical address', () => {
    const m = renderTemplate(FULL.received, { lang: 'vi', ...dossierLinks('https://motcua.vn', CODE) });
    expect(smsParts(m.sms)).toBe(1);
  });
});

describe('planning: outbox payload → template data', () => {
  const contact = { phone: '0912 345 612', email: 'nguyen.van.a@example.vn' };

  it('reads only whitelisted fields: an ID number or address in the payload never reaches a message', () => {
    const payload = {
      code: CODE,
      procedureName: 'Đăng ký khai sinh',
      contact,
      dueAt: DUE.toISOString(),
      idNumber: '079203001234',
      applicant: { idNumber: '079203001234', address: '12 Lê Lợi' },
      deliveryAddress: '12 Lê Lợi',
      recipient: { name: 'Nguyễn Văn A', idNumber: '079203001234' },
    };
    for (const topic of ['dossier.received', 'postal.delivered', 'dossier.result-ready']) {
      const plan = planNotifications(topic, payload);
      expect(plan.kind).toBe('notify');
      if (plan.kind !== 'notify') continue;
      for (const lang of ['vi', 'en'] as const) {
        const m = renderTemplate(plan.data, ctx(lang));
        for (const part of [m.subject, m.text, m.html, m.sms]) {
          expect(part).not.toContain('079203001234');
          expect(part).not.toContain('Lê Lợi');
          expect(part).not.toContain('Nguyễn Văn A');
        }
      }
    }
  });

  it("tells a PAKN submitter what happened to the feedback, by its reference, with the unit's words", () => {
    const payload = (extra: Record<string, unknown>) => ({
      reference: 'PAKN-20260302-0001',
      kind: 'complaint',
      subject: 'Chờ lâu',
      servicePointCode: 'H21.52',
      language: 'vi',
      contact,
      ...extra,
    });
    const answered = planNotifications('feedback.answered', payload({ answer: 'Đã bố trí thêm quầy.' }));
    expect(answered).toMatchObject({
      kind: 'notify',
      dossierCode: 'PAKN-20260302-0001',
      servicePointCode: 'H21.52',
      data: { template: 'feedback-update', outcome: 'answered', text: 'Đã bố trí thêm quầy.' },
    });
    if (answered.kind !== 'notify') throw new Error('not planned');
    const m = renderTemplate(answered.data, { lang: 'vi', ...feedbackLinks(BASE) });
    expect(m.subject).toBe('Phản ánh, kiến nghị PAKN-20260302-0001 đã được trả lời');
    expect(m.text).toContain('Trả lời: Đã bố trí thêm quầy.');
    expect(m.text).toContain(`${BASE}/gop-y/theo-doi`);
    expect(gsmSeptets(m.sms)).not.toBeNull();
    const rejected = planNotifications('feedback.rejected', payload({ reason: 'Trùng nội dung' }));
    expect(rejected.kind === 'notify' && rejected.data).toMatchObject({
      outcome: 'rejected',
      text: 'Trùng nội dung',
    });
    const asked = planNotifications('feedback.info-requested', payload({ request: 'Ngày đến quầy?' }));
    expect(asked.kind === 'notify' && asked.data).toMatchObject({ outcome: 'info-requested' });
    expect(planNotifications('feedback.answered', payload({ contact: {} })).kind).toBe('ignore');
  });

  it('maps topics to templates and recipients to channels', () => {
    const plan = (topic: string, extra: Record<string, unknown> = {}) =>
      planNotifications(topic, { code: CODE, contact, ...extra });
    const template = (p: ReturnType<typeof plan>) => (p.kind === 'notify' ? p.data.template : p.kind);
    expect(template(plan('dossier.received'))).toBe('received');
    expect(template(plan('dossier.supplement-requested', { items: ['A'] }))).toBe('supplement-requested');
    expect(template(plan('dossier.apologized', { newDueAt: DUE.toISOString() }))).toBe('apology');
    expect(template(plan('dossier.apologized'))).toBe('invalid');
    expect(template(plan('dossier.result-ready'))).toBe('result-ready');
    expect(template(plan('dossier.returned', { method: 'counter' }))).toBe('rating-invitation');
    expect(template(plan('dossier.returned', { method: 'postal' }))).toBe('ignore'); // the postal events tell
    expect(template(plan('postal.out-for-delivery', { trackingNumber: 'EA1' }))).toBe('out-for-delivery');
    expect(template(plan('postal.delivered'))).toBe('delivered');
    expect(template(plan('dossier.submitted'))).toBe('submitted');
    expect(template(plan('dossier.forwarded'))).toBe('ignore');
    expect(planNotifications('dossier.received', { contact }).kind).toBe('invalid');
    expect(planNotifications('postal.delivered', { contact }).kind).toBe('ignore');
    expect(planNotifications('dossier.received', { code: CODE, contact: {} }).kind).toBe('ignore');
    expect(planNotifications('dossier.received', 'not an object').kind).toBe('invalid');

    const p = plan('dossier.received', { language: 'en' });
    expect(p.kind === 'notify' && p.language).toBe('en');
    expect(p.kind === 'notify' && p.servicePointCode).toBe('H21.52');
    expect(p.kind === 'notify' && p.recipients).toEqual([
      { channel: 'email', recipient: 'nguyen.van.a@example.vn' },
      { channel: 'sms', recipient: '+84912345612' },
    ]);
    const bad = planNotifications('dossier.received', {
      code: CODE,
      contact: { phone: '12345', email: 'not-an-address' },
    });
    expect(bad.kind === 'notify' && bad.recipients.map((r) => r.problem !== undefined)).toEqual([true, true]);
  });
});

describe('recipients, errors and backoff', () => {
  it('normalises Vietnamese phone numbers to E.164', () => {
    expect(toE164('0912345612')).toBe('+84912345612');
    expect(toE164('+84 912 345 612')).toBe('+84912345612');
    expect(toE164('84912345612')).toBe('+84912345612');
    expect(toE164('0269.3823.456')).toBe('+842693823456');
    expect(toE164('12345')).toBeUndefined();
    expect(toE164('00912345612')).toBeUndefined();
  });

  it('masks recipients for staff', () => {
    expect(maskEmail('nguyen.van.a@gmail.com')).toBe('n***@gmail.com');
    expect(maskPhone('+84912345612')).toBe('09******12');
    expect(maskPhone('0912345612')).toBe('09******12');
  });

  it('redacts addresses and numbers from provider errors', () => {
    const e = redactError(
      '550 5.1.1 <nguyen.van.a@gmail.com>: Recipient address rejected; to +84912345612 / 0912 345 612\r\nid 079203001234',
    );
    expect(e).not.toMatch(/nguyen|912|079203001234/);
    expect(e).toContain('550 5.1.1');
    expect(redactError('connect ECONNREFUSED 127.0.0.1:2525')).toBe('connect ECONNREFUSED 127.0.0.1:2525');
  });

  it('doubles the pause after each failure, capped at six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, 30_000)).toBe(6 * 3_600_000);
  });

  it('finds the service point in a dossier code', () => {
    expect(servicePointOfCode('H21.52.23776-260302-0001')).toBe('H21.52.23776');
    expect(servicePointOfCode('nonsense')).toBeNull();
  });

  it('makes GSM 7-bit text from Vietnamese', () => {
    expect(toGsmText('Hồ sơ Đăng ký “khai sinh” – đã nhận…')).toBe('Ho so Dang ky "khai sinh" - da nhan...');
    expect(gsmSeptets('ế')).toBeNull();
    expect(gsmSeptets('a{b')).toBe(4);
    expect(fitSms((s) => `X ${s} Y`, 'a'.repeat(400), 20)).toBe(`X ${'a'.repeat(13)}... Y`);
  });
});
