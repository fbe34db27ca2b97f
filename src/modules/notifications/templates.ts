/**
 * Message templates, Vietnamese and English: pure functions from template data to an e-mail
 * (subject, text, HTML) and an SMS text (GSM 7-bit, without diacritics, at most two parts). No I/O
 * and no clock: every instant is in the data, every link in the context.
 *
 * Dates are Vietnamese local time (UTC+7, no DST) written "10:00 ngày 25/02/2026" ("10:00 on
 * 25/02/2026" in English). Templates read only the fields declared here, so a message cannot carry
 * the citizen ID number, the address or anything else the payload might hold. Optional fields that
 * are missing leave their line out.
 */
import { VN_OFFSET_MS } from '../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import { fitSms } from './gsm.ts';

/** vi | en (kept local so templates depend on nothing but the kernel and the HTML escaper). */
export type TemplateLanguage = 'vi' | 'en';

/** Every template, in the order of the citizen portal's list. */
export const TEMPLATE_NAMES = [
  'received',
  'supplement-requested',
  'apology',
  'result-ready',
  'out-for-delivery',
  'delivered',
  'rating-invitation',
  'submitted',
  'feedback-update',
] as const;
/** The seven notifications of the citizen portal (§6). */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Where to bring documents or collect a result. */
export interface Place {
  readonly name: string;
  readonly address?: string;
}

interface Common {
  readonly code: string;
  readonly procedureName?: string;
  readonly servicePoint?: Place;
}

/** Data of each template: only what the message shows. */
export type TemplateData =
  | (Common & { readonly template: 'received'; readonly appointmentAt?: Date })
  | (Common & {
      readonly template: 'supplement-requested';
      readonly items: readonly string[];
      readonly reason?: string;
    })
  | (Common & {
      readonly template: 'apology';
      readonly newDueAt: Date;
      readonly previousDueAt?: Date;
      readonly reason?: string;
    })
  | (Common & { readonly template: 'result-ready'; readonly returnMethod?: 'counter' | 'postal' | 'online' })
  | (Common & { readonly template: 'out-for-delivery'; readonly trackingNumber?: string })
  | (Common & {
      readonly template: 'delivered';
      readonly deliveredAt?: Date;
      readonly trackingNumber?: string;
    })
  | (Common & { readonly template: 'rating-invitation' })
  | (Common & { readonly template: 'submitted' })
  | {
      /** A feedback/complaint (PAKN) was rejected, needs more information, or was answered. */
      readonly template: 'feedback-update';
      /** The PAKN reference (PAKN-YYYYMMDD-NNNN). */
      readonly code: string;
      readonly outcome: 'rejected' | 'info-requested' | 'answered';
      readonly subject?: string;
      /** The reason, the question or the answer, as the handling unit wrote it. */
      readonly text?: string;
    };

/** Language and the public links of the dossier. */
export interface TemplateContext {
  readonly lang: TemplateLanguage;
  /** Public lookup page of the dossier. */
  readonly lookupUrl: string;
  /** Satisfaction rating page of the dossier. */
  readonly ratingUrl: string;
}

/** A rendered message: the e-mail parts and the SMS text. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** GSM 7-bit, no diacritics, ≤ 306 septets (two concatenated parts) for any public URL up to ~80 characters. */
  readonly sms: string;
}

/** The public links of a feedback item: the follow-up page (reference + secret code) and the public answers. */
export function feedbackLinks(publicBaseUrl: string): { lookupUrl: string; ratingUrl: string } {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return { lookupUrl: `${base}/gop-y/theo-doi`, ratingUrl: `${base}/gop-y/cong-khai` };
}

/** The public links of a dossier under MOTCUA_PUBLIC_URL. */
export function dossierLinks(publicBaseUrl: string, code: string): { lookupUrl: string; ratingUrl: string } {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const c = encodeURIComponent(code);
  // The citizen portal's pages (docs/portal.md): lookup form pre-filled with the code, rating page.
  return { lookupUrl: `${base}/tra-cuu?code=${c}`, ratingUrl: `${base}/danh-gia/${c}` };
}

/** `10:00 ngày 25/02/2026` / `10:00 on 25/02/2026`, in Vietnamese local time (UTC+7). */
export function formatWhen(instant: Date, lang: TemplateLanguage): string {
  const iso = new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
  const time = iso.slice(11, 16);
  const date = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  return lang === 'vi' ? `${time} ngày ${date}` : `${time} on ${date}`;
}

// ---------------------------------------------------------------- document model

interface Doc {
  readonly subject: string;
  readonly intro: readonly string[];
  readonly facts: readonly (readonly [string, string | undefined])[];
  readonly list?: { readonly title: string; readonly items: readonly string[] };
  readonly outro: readonly string[];
  readonly link?: { readonly label: string; readonly url: string };
  readonly sms: string;
}

const GREETING = { vi: 'Kính gửi Ông/Bà,', en: 'Dear applicant,' } as const;
const FOOTER = {
  vi: 'Đây là thư tự động của hệ thống MotCua — Bưu điện tỉnh. Vui lòng không trả lời thư này.',
  en: 'This is an automatic message from MotCua, the provincial post office’s one-stop counter system. Please do not reply.',
} as const;

function placeText(p: Place): string {
  return p.address ? `${p.name}, ${p.address}` : p.name;
}

function renderText(lang: TemplateLanguage, doc: Doc): string {
  const blocks: string[] = [GREETING[lang], ...doc.intro];
  const facts = doc.facts.filter((f): f is readonly [string, string] => f[1] !== undefined);
  if (facts.length) blocks.push(facts.map(([k, v]) => `${k}: ${v}`).join('\n'));
  if (doc.list && doc.list.items.length)
    blocks.push([doc.list.title, ...doc.list.items.map((i) => `- ${i}`)].join('\n'));
  blocks.push(...doc.outro);
  if (doc.link) blocks.push(`${doc.link.label}: ${doc.link.url}`);
  blocks.push(`--\n${FOOTER[lang]}`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(lang: TemplateLanguage, doc: Doc): string {
  const facts = doc.facts.filter((f): f is readonly [string, string] => f[1] !== undefined);
  const body: SafeHtml = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <title>${doc.subject}</title>
      </head>
      <body style="font-family: Arial, sans-serif; line-height: 1.5; color: #0b0c0c">
        <p>${GREETING[lang]}</p>
        ${doc.intro.map((p) => html`<p>${p}</p>`)}
        ${
          facts.length
            ? html`<table role="presentation" style="border-collapse: collapse">
                ${facts.map(
                  ([k, v]) =>
                    html`<tr>
                      <th scope="row" style="text-align: left; padding: 2px 12px 2px 0">${k}</th>
                      <td>${v}</td>
                    </tr>`,
                )}
              </table>`
            : ''
        }
        ${
          doc.list && doc.list.items.length
            ? html`<p>${doc.list.title}</p>
                <ul>
                  ${doc.list.items.map((i) => html`<li>${i}</li>`)}
                </ul>`
            : ''
        }
        ${doc.outro.map((p) => html`<p>${p}</p>`)}
        ${doc.link ? html`<p>${doc.link.label}: <a href="${doc.link.url}">${doc.link.url}</a></p>` : ''}
        <hr />
        <p style="color: #505a5f; font-size: 0.9em">${FOOTER[lang]}</p>
      </body>
    </html>`;
  return `${body.value}\n`;
}

// ---------------------------------------------------------------- the templates

type Builder<T extends TemplateData['template']> = (
  data: Extract<TemplateData, { template: T }>,
  ctx: TemplateContext,
) => Doc;

const receivedDoc: Builder<'received'> = (d, { lang, lookupUrl }) => {
  const when = d.appointmentAt ? formatWhen(d.appointmentAt, lang) : undefined;
  if (lang === 'vi')
    return {
      subject: `Hồ sơ ${d.code} đã được tiếp nhận`,
      intro: [`Hồ sơ của Ông/Bà đã được tiếp nhận${d.servicePoint ? ` tại ${d.servicePoint.name}` : ''}.`],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Ngày hẹn trả kết quả', when],
      ],
      outro: ['Vui lòng giữ mã hồ sơ để tra cứu tình trạng và nhận kết quả.'],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms: fitSms(
        () =>
          `MotCua: Ho so ${d.code} da duoc tiep nhan.${when ? ` Hen tra ket qua ${when}.` : ''} Tra cuu: ${lookupUrl}`,
        '',
      ),
    };
  return {
    subject: `Your dossier ${d.code} has been received`,
    intro: [`Your dossier has been received${d.servicePoint ? ` at ${d.servicePoint.name}` : ''}.`],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Result due', when],
    ],
    outro: ['Keep the dossier code to follow its progress and to collect the result.'],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms: fitSms(
      () => `MotCua: Dossier ${d.code} received.${when ? ` Result due ${when}.` : ''} Track: ${lookupUrl}`,
      '',
    ),
  };
};

const supplementDoc: Builder<'supplement-requested'> = (d, { lang, lookupUrl }) => {
  const items = d.items.join('; ');
  const place = d.servicePoint ? placeText(d.servicePoint) : undefined;
  if (lang === 'vi')
    return {
      subject: `Hồ sơ ${d.code} cần bổ sung giấy tờ`,
      intro: ['Hồ sơ của Ông/Bà cần được bổ sung, hoàn thiện trước khi tiếp tục giải quyết.'],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Lý do', d.reason],
        ['Nơi nộp bổ sung', place],
      ],
      list: { title: 'Giấy tờ cần mang đến bổ sung:', items: d.items },
      outro: [
        ...(d.items.length
          ? []
          : ['Vui lòng liên hệ bộ phận một cửa nơi nộp hồ sơ để biết giấy tờ cần bổ sung.']),
        'Khi đến, vui lòng mang theo giấy tiếp nhận hồ sơ và hẹn trả kết quả. Thời hạn giải quyết tạm dừng cho đến khi hồ sơ được bổ sung đầy đủ.',
      ],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms: fitSms(
        (s) =>
          `MotCua: Ho so ${d.code} can bo sung${s ? `: ${s}` : ''}.${d.servicePoint ? ` Nop tai ${d.servicePoint.name}.` : ''} Chi tiet: ${lookupUrl}`,
        items,
      ),
    };
  return {
    subject: `Dossier ${d.code}: documents needed`,
    intro: ['Your dossier needs more documents before it can be processed further.'],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Reason', d.reason],
      ['Where to bring them', place],
    ],
    list: { title: 'Please bring:', items: d.items },
    outro: [
      ...(d.items.length
        ? []
        : ['Please contact the one-stop counter where you filed the dossier to learn what is needed.']),
      'Bring your dossier receipt with you. The processing time is on hold until the documents are complete.',
    ],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms: fitSms(
      (s) =>
        `MotCua: Dossier ${d.code} needs documents${s ? `: ${s}` : ''}.${d.servicePoint ? ` Bring them to ${d.servicePoint.name}.` : ''} Details: ${lookupUrl}`,
      items,
    ),
  };
};

const apologyDoc: Builder<'apology'> = (d, { lang, lookupUrl }) => {
  const when = formatWhen(d.newDueAt, lang);
  const before = d.previousDueAt ? formatWhen(d.previousDueAt, lang) : undefined;
  if (lang === 'vi')
    return {
      subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`,
      intro: [
        `Chúng tôi thành thật xin lỗi Ông/Bà vì hồ sơ dưới đây chưa được giải quyết đúng hẹn${before ? ` (hẹn trả ${before})` : ''}.`,
      ],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Lý do', d.reason],
        ['Ngày hẹn trả kết quả mới', when],
      ],
      outro: ['Rất mong Ông/Bà thông cảm.'],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms: fitSms(
        () =>
          `MotCua xin loi: ho so ${d.code} chua duoc giai quyet dung hen. Hen tra ket qua moi: ${when}. Tra cuu: ${lookupUrl}`,
        '',
      ),
    };
  return {
    subject: `Apology and new date for dossier ${d.code}`,
    intro: [
      `We sincerely apologise: the dossier below has not been processed on time${before ? ` (due ${before})` : ''}.`,
    ],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Reason', d.reason],
      ['New date for the result', when],
    ],
    outro: ['Thank you for your understanding.'],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms: fitSms(
      () => `MotCua apologises: dossier ${d.code} is delayed. New date: ${when}. Track: ${lookupUrl}`,
      '',
    ),
  };
};

const resultReadyDoc: Builder<'result-ready'> = (d, { lang, lookupUrl }) => {
  const method = d.returnMethod ?? 'counter';
  const place = d.servicePoint ? placeText(d.servicePoint) : undefined;
  if (lang === 'vi') {
    const how =
      method === 'postal'
        ? 'Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký; Ông/Bà sẽ nhận được thông báo khi bưu gửi được phát.'
        : method === 'online'
          ? 'Kết quả điện tử có thể xem và tải về qua đường dẫn tra cứu dưới đây.'
          : place
            ? 'Khi đến nhận, vui lòng mang theo giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân; nếu nhờ người khác nhận thay, người nhận mang theo giấy ủy quyền.'
            : 'Vui lòng liên hệ bộ phận một cửa nơi nộp hồ sơ để nhận kết quả, mang theo giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân.';
    return {
      subject: `Đã có kết quả giải quyết hồ sơ ${d.code}`,
      intro: ['Hồ sơ của Ông/Bà đã có kết quả giải quyết.'],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Nơi nhận kết quả', method === 'counter' ? place : undefined],
      ],
      outro: [how],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms:
        method === 'postal'
          ? fitSms(
              () =>
                `MotCua: Ho so ${d.code} da co ket qua, se duoc Buu dien chuyen phat den dia chi da dang ky.`,
              '',
            )
          : method === 'online'
            ? fitSms(() => `MotCua: Ho so ${d.code} da co ket qua dien tu. Xem va tai ve: ${lookupUrl}`, '')
            : fitSms(
                (s) =>
                  `MotCua: Ho so ${d.code} da co ket qua. Moi nhan tai ${s || 'bo phan mot cua'}, mang theo giay hen tra ket qua va giay to tuy than.`,
                d.servicePoint?.name ?? '',
              ),
    };
  }
  const how =
    method === 'postal'
      ? 'The post office will deliver the result to the address you gave; you will be told when it is delivered.'
      : method === 'online'
        ? 'You can view and download the electronic result from the link below.'
        : place
          ? 'Bring your dossier receipt and an identity document. If someone collects it for you, they need your written authorisation.'
          : 'Please collect it at the one-stop counter where you filed the dossier; bring your dossier receipt and an identity document.';
  return {
    subject: `The result of dossier ${d.code} is ready`,
    intro: ['The result of your dossier is ready.'],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Where to collect it', method === 'counter' ? place : undefined],
    ],
    outro: [how],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms:
      method === 'postal'
        ? fitSms(() => `MotCua: The result of dossier ${d.code} is ready and will be delivered by post.`, '')
        : method === 'online'
          ? fitSms(() => `MotCua: The electronic result of dossier ${d.code} is ready: ${lookupUrl}`, '')
          : fitSms(
              (s) =>
                `MotCua: The result of dossier ${d.code} is ready. Collect it at ${s || 'the one-stop counter'}; bring your receipt and ID document.`,
              d.servicePoint?.name ?? '',
            ),
  };
};

const outForDeliveryDoc: Builder<'out-for-delivery'> = (d, { lang, lookupUrl }) => {
  if (lang === 'vi')
    return {
      subject: `Kết quả hồ sơ ${d.code} đang được chuyển phát`,
      intro: ['Bưu điện đang chuyển phát kết quả giải quyết hồ sơ đến địa chỉ Ông/Bà đã đăng ký.'],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Số hiệu bưu gửi', d.trackingNumber],
      ],
      outro: [
        'Vui lòng giữ điện thoại liên lạc để bưu tá giao kết quả; khi nhận, vui lòng xuất trình giấy tờ tùy thân.',
      ],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms: fitSms(
        () =>
          `MotCua: Ket qua ho so ${d.code} dang duoc Buu dien chuyen phat${d.trackingNumber ? `, so hieu buu gui ${d.trackingNumber}` : ''}. Vui long giu lien lac de nhan.`,
        '',
      ),
    };
  return {
    subject: `The result of dossier ${d.code} is out for delivery`,
    intro: ['The post office is delivering the result of your dossier to the address you gave.'],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Tracking number', d.trackingNumber],
    ],
    outro: [
      'Please keep your phone at hand for the courier, and show an identity document when you receive it.',
    ],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms: fitSms(
      () =>
        `MotCua: The result of dossier ${d.code} is out for delivery${d.trackingNumber ? ` (tracking ${d.trackingNumber})` : ''}. Please keep your phone at hand.`,
      '',
    ),
  };
};

const deliveredDoc: Builder<'delivered'> = (d, { lang, ratingUrl }) => {
  const when = d.deliveredAt ? formatWhen(d.deliveredAt, lang) : undefined;
  if (lang === 'vi')
    return {
      subject: `Kết quả hồ sơ ${d.code} đã được phát`,
      intro: [`Bưu điện đã phát kết quả giải quyết hồ sơ cho Ông/Bà${when ? ` lúc ${when}` : ''}.`],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
        ['Số hiệu bưu gửi', d.trackingNumber],
      ],
      outro: ['Cảm ơn Ông/Bà đã sử dụng dịch vụ. Mời Ông/Bà đánh giá mức độ hài lòng.'],
      link: { label: 'Đánh giá', url: ratingUrl },
      sms: fitSms(
        () =>
          `MotCua: Ket qua ho so ${d.code} da duoc phat${when ? ` luc ${when}` : ''}. Moi danh gia dich vu: ${ratingUrl}`,
        '',
      ),
    };
  return {
    subject: `The result of dossier ${d.code} has been delivered`,
    intro: [`The post office delivered the result of your dossier${when ? ` at ${when}` : ''}.`],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
      ['Tracking number', d.trackingNumber],
    ],
    outro: ['Thank you for using our service. Please tell us how satisfied you are.'],
    link: { label: 'Rate the service', url: ratingUrl },
    sms: fitSms(
      () =>
        `MotCua: The result of dossier ${d.code} was delivered${when ? ` at ${when}` : ''}. Rate the service: ${ratingUrl}`,
      '',
    ),
  };
};

const ratingDoc: Builder<'rating-invitation'> = (d, { lang, ratingUrl }) => {
  if (lang === 'vi')
    return {
      subject: `Mời đánh giá việc giải quyết hồ sơ ${d.code}`,
      intro: [
        'Cảm ơn Ông/Bà đã sử dụng dịch vụ hành chính công qua Bưu điện.',
        `Mời Ông/Bà dành một phút đánh giá mức độ hài lòng về việc giải quyết hồ sơ ${d.code}.`,
      ],
      facts: [['Thủ tục', d.procedureName]],
      outro: [],
      link: { label: 'Đánh giá', url: ratingUrl },
      sms: fitSms(
        () => `MotCua: Cam on Ong/Ba. Moi danh gia viec giai quyet ho so ${d.code} tai: ${ratingUrl}`,
        '',
      ),
    };
  return {
    subject: `Please rate how dossier ${d.code} was handled`,
    intro: [
      'Thank you for using public services through the post office.',
      `Please take a minute to rate how dossier ${d.code} was handled.`,
    ],
    facts: [['Procedure', d.procedureName]],
    outro: [],
    link: { label: 'Rate the service', url: ratingUrl },
    sms: fitSms(() => `MotCua: Thank you. Please rate how dossier ${d.code} was handled: ${ratingUrl}`, ''),
  };
};

/** An online (or postal) submission is waiting for a clerk: confirmation with the code. */
const submittedDoc: Builder<'submitted'> = (d, { lang, lookupUrl }) => {
  if (lang === 'vi')
    return {
      subject: `Đã gửi hồ sơ ${d.code}`,
      intro: [
        `Hồ sơ của Ông/Bà đã được gửi${d.servicePoint ? ` đến ${d.servicePoint.name}` : ''} và đang chờ cán bộ kiểm tra, tiếp nhận.`,
      ],
      facts: [
        ['Mã hồ sơ', d.code],
        ['Thủ tục', d.procedureName],
      ],
      outro: ['Khi hồ sơ được tiếp nhận, Ông/Bà sẽ nhận thông báo kèm ngày hẹn trả kết quả.'],
      link: { label: 'Tra cứu hồ sơ', url: lookupUrl },
      sms: fitSms(() => `MotCua: Da gui ho so ${d.code}, dang cho tiep nhan. Tra cuu: ${lookupUrl}`, ''),
    };
  return {
    subject: `Dossier ${d.code} submitted`,
    intro: [
      `Your dossier was submitted${d.servicePoint ? ` to ${d.servicePoint.name}` : ''} and is waiting for a clerk to check and receive it.`,
    ],
    facts: [
      ['Dossier code', d.code],
      ['Procedure', d.procedureName],
    ],
    outro: ['When it is received you will be told the date the result is due.'],
    link: { label: 'Follow your dossier', url: lookupUrl },
    sms: fitSms(() => `MotCua: Dossier ${d.code} submitted, waiting to be received. Track: ${lookupUrl}`, ''),
  };
};

const FEEDBACK_WORDS = {
  vi: {
    rejected: ['Phản ánh, kiến nghị {code} không được thụ lý', 'Lý do', 'khong duoc thu ly'],
    'info-requested': [
      'Phản ánh, kiến nghị {code} cần bổ sung thông tin',
      'Nội dung cần bổ sung',
      'can bo sung thong tin',
    ],
    answered: ['Phản ánh, kiến nghị {code} đã được trả lời', 'Trả lời', 'da duoc tra loi'],
  },
  en: {
    rejected: ['Your feedback {code} was not accepted', 'Reason', 'was not accepted'],
    'info-requested': [
      'Your feedback {code} needs more information',
      'What we need',
      'needs more information',
    ],
    answered: ['Your feedback {code} has been answered', 'Answer', 'has been answered'],
  },
} as const;

/** PAKN follow-up: the subject line says what happened, the text carries the unit's words. */
const feedbackDoc: Builder<'feedback-update'> = (d, { lang, lookupUrl }) => {
  const [subjectLine, textLabel, smsWords] = FEEDBACK_WORDS[lang][d.outcome];
  const subject = subjectLine.replace('{code}', d.code);
  const vi = lang === 'vi';
  return {
    subject,
    intro: [subject + '.'],
    facts: [
      [vi ? 'Mã phản ánh' : 'Reference', d.code],
      [vi ? 'Tiêu đề' : 'Subject', d.subject],
      [textLabel, d.text],
    ],
    outro: [
      d.outcome === 'info-requested'
        ? vi
          ? 'Ông/Bà gửi thông tin bổ sung tại trang theo dõi, với mã phản ánh và mã theo dõi đã nhận khi gửi.'
          : 'Send the information on the follow-up page with the reference and the follow-up code you were given.'
        : vi
          ? 'Ông/Bà xem chi tiết tại trang theo dõi, với mã phản ánh và mã theo dõi đã nhận khi gửi.'
          : 'See the details on the follow-up page with the reference and the follow-up code you were given.',
    ],
    link: { label: vi ? 'Theo dõi phản ánh' : 'Follow your feedback', url: lookupUrl },
    sms: fitSms(
      () =>
        vi
          ? `MotCua: Phan anh ${d.code} ${smsWords}. Xem tai: ${lookupUrl}`
          : `MotCua: Feedback ${d.code} ${smsWords}. See: ${lookupUrl}`,
      '',
    ),
  };
};

function docOf(data: TemplateData, ctx: TemplateContext): Doc {
  switch (data.template) {
    case 'received':
      return receivedDoc(data, ctx);
    case 'supplement-requested':
      return supplementDoc(data, ctx);
    case 'apology':
      return apologyDoc(data, ctx);
    case 'result-ready':
      return resultReadyDoc(data, ctx);
    case 'out-for-delivery':
      return outForDeliveryDoc(data, ctx);
    case 'delivered':
      return deliveredDoc(data, ctx);
    case 'rating-invitation':
      return ratingDoc(data, ctx);
    case 'submitted':
      return submittedDoc(data, ctx);
    case 'feedback-update':
      return feedbackDoc(data, ctx);
  }
}

/** Renders a template in a language: e-mail subject, text and HTML, and the SMS text. */
export function renderTemplate(data: TemplateData, ctx: TemplateContext): RenderedMessage {
  const doc = docOf(data, ctx);
  return {
    subject: doc.subject,
    text: renderText(ctx.lang, doc),
    html: renderHtml(ctx.lang, doc),
    sms: doc.sms,
  };
}
