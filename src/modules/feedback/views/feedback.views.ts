/**
 * Feedback pages (GOV.UK patterns in MotCua's look, no JavaScript):
 * - public `/gop-y`: one question per page (kind → where → message → contact), then check your
 *   answers, then the confirmation with the reference, the follow-up token and what happens next.
 *   Answers travel in hidden fields, so nothing is lost and no session is needed;
 * - public `/gop-y/cong-khai`: published answers of a service point, with rating buttons;
 * - staff `/admin/feedback`: the queue with due dates and late flags, and an item page with actions.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { formatLocalDateTime } from '../../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import {
  DOSSIER_STYLESHEET,
  FIELD_LOOK,
  INPUT_LOOK,
  summaryList,
  tag,
} from '../../dossiers/views/components.ts';
import { radios, selectInput, textArea, textInput, type FieldError } from '../../../views/form-components.ts';
import type { StepTimeliness } from '../domain/deadlines.ts';
import type { FeedbackStatus, Rating, StaffAction } from '../domain/lifecycle.ts';
import type { FeedbackView, FollowUpView, PublicFeedback } from '../feedback.service.ts';

const L = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);

export const FEEDBACK_CSS_PATH = '/assets/feedback.css';
const STYLES = html`${DOSSIER_STYLESHEET}<link rel="stylesheet" href="${FEEDBACK_CSS_PATH}" />`;
const when = (s: string | null): string => (s ? formatLocalDateTime(new Date(s)) : '—');

// ---------------------------------------------------------------- public form

export const FORM_STEPS = ['kind', 'where', 'message', 'contact'] as const;
export type FormStep = (typeof FORM_STEPS)[number];

export interface FormValues {
  kind: string;
  servicePointCode: string;
  dossierCode: string;
  subject: string;
  content: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export const STEP_FIELDS: Readonly<Record<FormStep, readonly (keyof FormValues)[]>> = {
  kind: ['kind'],
  where: ['servicePointCode', 'dossierCode'],
  message: ['subject', 'content'],
  contact: ['contactName', 'contactEmail', 'contactPhone'],
};

export const EMPTY_FORM: FormValues = {
  kind: '',
  servicePointCode: '',
  dossierCode: '',
  subject: '',
  content: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

export interface ServicePointChoice {
  readonly code: string;
  readonly name: string;
}

function hiddenExcept(values: FormValues, keep: readonly (keyof FormValues)[]): SafeHtml {
  return html`${(Object.keys(values) as (keyof FormValues)[])
    .filter((k) => !keep.includes(k))
    .map((k) => html`<input type="hidden" name="${k}" value="${values[k]}" />`)}`;
}

const kindLabel = (lang: Lang, kind: string): string =>
  kind === 'complaint' ? L(lang, 'Kiến nghị', 'Complaint') : L(lang, 'Phản ánh', 'Feedback');

function stepTitle(lang: Lang, step: FormStep): string {
  switch (step) {
    case 'kind':
      return L(lang, 'Bạn muốn gửi phản ánh hay kiến nghị?', 'Do you want to send feedback or a complaint?');
    case 'where':
      return L(lang, 'Phản ánh, kiến nghị về nơi nào?', 'What is it about?');
    case 'message':
      return L(lang, 'Nội dung phản ánh, kiến nghị', 'Your feedback');
    case 'contact':
      return L(lang, 'Chúng tôi trả lời bạn bằng cách nào?', 'How can we answer you?');
  }
}

/** One question page of the form. */
export function formStepPage(
  ctx: PageContext,
  state: {
    step: FormStep;
    values: FormValues;
    errors: readonly FieldError[];
    servicePoints: readonly ServicePointChoice[];
    /** Came from "check your answers": go back there once the form is complete. */
    returnToCheck?: boolean;
  },
): string {
  const { lang } = ctx;
  const { step, values: v, errors } = state;
  const index = FORM_STEPS.indexOf(step);
  let fields: SafeHtml;
  switch (step) {
    case 'kind':
      fields = radios(lang, {
        id: 'kind',
        name: 'kind',
        legend: stepTitle(lang, step),
        value: v.kind,
        errors,
        options: [
          {
            value: 'feedback',
            label: L(lang, 'Phản ánh', 'Feedback'),
            hint: L(
              lang,
              'Về thái độ, cách giải quyết, thời gian chờ tại nơi tiếp nhận',
              'About staff conduct, handling or waiting times',
            ),
          },
          {
            value: 'complaint',
            label: L(lang, 'Kiến nghị', 'Complaint or proposal'),
            hint: L(lang, 'Đề nghị sửa đổi quy định, thủ tục', 'A proposal to change a rule or a procedure'),
          },
        ],
      });
      break;
    case 'where':
      fields = html`<h1>${stepTitle(lang, step)}</h1>
        ${textInput(lang, {
          ...INPUT_LOOK,
          id: 'dossierCode',
          label: L(lang, 'Mã hồ sơ (nếu có)', 'Dossier code (if any)'),
          hint: L(
            lang,
            'Ghi trên giấy tiếp nhận, như H21.52-260302-0001',
            'On your receipt, like H21.52-260302-0001',
          ),
          value: v.dossierCode,
          width: 'w-medium',
          maxlength: 64,
          errors,
        })}
        ${selectInput(lang, {
          ...FIELD_LOOK,
          id: 'servicePointCode',
          label: L(lang, 'Hoặc chọn nơi tiếp nhận', 'Or choose the service point'),
          hint: L(lang, 'Không cần chọn nếu đã nhập mã hồ sơ', 'Not needed when you entered a dossier code'),
          value: v.servicePointCode,
          errors,
          options: [
            { value: '', label: L(lang, '— Chọn —', '— Choose —') },
            ...state.servicePoints.map((s) => ({ value: s.code, label: s.name })),
          ],
        })}`;
      break;
    case 'message':
      fields = html`<h1>${stepTitle(lang, step)}</h1>
        ${textInput(lang, {
          ...INPUT_LOOK,
          id: 'subject',
          label: L(lang, 'Tiêu đề', 'Subject'),
          value: v.subject,
          maxlength: 200,
          errors,
        })}
        ${textArea(lang, {
          ...FIELD_LOOK,
          id: 'content',
          label: L(lang, 'Nội dung', 'Details'),
          hint: L(
            lang,
            'Không ghi số định danh, địa chỉ hay thông tin cá nhân khác: câu hỏi và câu trả lời có thể được công khai.',
            'Do not write your ID number, address or other personal details: the question and answer may be published.',
          ),
          value: v.content,
          rows: 8,
          maxlength: 5000,
          errors,
        })}`;
      break;
    case 'contact':
      fields = html`<h1>${stepTitle(lang, step)}</h1>
        <p class="hint">
          ${L(
            lang,
            'Thông tin liên hệ chỉ dùng để trả lời bạn và không bao giờ được công khai.',
            'Your contact details are only used to answer you and are never published.',
          )}
        </p>
        ${textInput(lang, {
          ...INPUT_LOOK,
          id: 'contactName',
          label: L(lang, 'Họ và tên', 'Full name'),
          value: v.contactName,
          autocomplete: 'name',
          maxlength: 200,
          errors,
        })}
        ${textInput(lang, {
          ...INPUT_LOOK,
          id: 'contactEmail',
          label: L(lang, 'Thư điện tử', 'E-mail address'),
          hint: L(lang, 'Nhập thư điện tử hoặc số điện thoại', 'Enter an e-mail address or a phone number'),
          type: 'email',
          value: v.contactEmail,
          autocomplete: 'email',
          maxlength: 200,
          errors,
        })}
        ${textInput(lang, {
          ...INPUT_LOOK,
          id: 'contactPhone',
          label: L(lang, 'Số điện thoại', 'Phone number'),
          type: 'tel',
          value: v.contactPhone,
          autocomplete: 'tel',
          width: 'w-medium',
          maxlength: 20,
          errors,
        })}`;
      break;
  }
  const body = html`${STYLES} ${errorSummary(lang, errors)}
    <p class="caption">${L(lang, `Bước ${index + 1} trên 4`, `Step ${index + 1} of 4`)}</p>
    <form method="post" action="/gop-y" novalidate>
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <input type="hidden" name="_step" value="${step}" />
      ${state.returnToCheck ? html`<input type="hidden" name="_return" value="check" />` : ''}
      ${hiddenExcept(state.values, STEP_FIELDS[step])} ${fields}
      <button type="submit" class="button">${L(lang, 'Tiếp tục', 'Continue')}</button>
    </form>`;
  return page(ctx, stepTitle(lang, step), body, { hasError: errors.length > 0 });
}

/** Check your answers, with a change button per answer (the whole form travels in hidden fields). */
export function checkPage(
  ctx: PageContext,
  state: { values: FormValues; servicePointName: string | null },
): string {
  const { lang } = ctx;
  const v = state.values;
  const change = (step: FormStep, what: string) =>
    html`<button type="submit" name="_edit" value="${step}" class="link-button">
      ${L(lang, 'Thay đổi', 'Change')}<span class="visually-hidden"> ${what}</span>
    </button>`;
  const row = (label: string, value: string, step: FormStep) =>
    [label, html`<span class="answer">${value || '—'}</span> ${change(step, label.toLowerCase())}`] as const;
  const body = html`${STYLES}
    <h1>${L(lang, 'Kiểm tra lại trước khi gửi', 'Check your answers before sending')}</h1>
    <form method="post" action="/gop-y">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <input type="hidden" name="_step" value="check" />
      ${hiddenExcept(v, [])}
      ${summaryList([
        row(L(lang, 'Loại', 'Kind'), kindLabel(lang, v.kind), 'kind'),
        row(L(lang, 'Mã hồ sơ', 'Dossier code'), v.dossierCode, 'where'),
        row(L(lang, 'Nơi tiếp nhận', 'Service point'), state.servicePointName ?? v.servicePointCode, 'where'),
        row(L(lang, 'Tiêu đề', 'Subject'), v.subject, 'message'),
        row(L(lang, 'Nội dung', 'Details'), v.content, 'message'),
        row(L(lang, 'Họ và tên', 'Full name'), v.contactName, 'contact'),
        row(L(lang, 'Thư điện tử', 'E-mail address'), v.contactEmail, 'contact'),
        row(L(lang, 'Số điện thoại', 'Phone number'), v.contactPhone, 'contact'),
      ])}
      <h2>${L(lang, 'Gửi phản ánh, kiến nghị', 'Send your feedback')}</h2>
      <p>
        ${L(
          lang,
          'Khi gửi, bạn xác nhận thông tin trên là đúng. Câu hỏi và câu trả lời có thể được công khai, không kèm thông tin liên hệ của bạn.',
          'By sending, you confirm the details above are correct. The question and answer may be published, never with your contact details.',
        )}
      </p>
      <button type="submit" name="_send" value="1" class="button">${L(lang, 'Gửi', 'Send')}</button>
    </form>`;
  return page(ctx, L(lang, 'Kiểm tra lại trước khi gửi', 'Check your answers'), body);
}

/** The confirmation: the reference, the follow-up token, and what happens next. */
export function confirmationPage(
  ctx: PageContext,
  r: { reference: string; followUpToken: string; answerDueAt: string | null; servicePointCode: string },
): string {
  const { lang } = ctx;
  const body = html`${STYLES}
    <div class="panel success confirmation" role="status">
      <h1>${L(lang, 'Đã gửi phản ánh, kiến nghị', 'Feedback sent')}</h1>
      <p>
        ${L(lang, 'Mã phản ánh của bạn', 'Your reference')}<br /><strong class="big">${r.reference}</strong>
      </p>
    </div>
    <h2>${L(lang, 'Mã theo dõi', 'Follow-up code')}</h2>
    <p>
      ${L(
        lang,
        'Hãy lưu mã này: cần khi bổ sung thông tin hoặc rút phản ánh. Mã chỉ hiện một lần.',
        'Keep this code: you need it to add information or withdraw. It is shown only once.',
      )}
    </p>
    <p><code class="token">${r.followUpToken}</code></p>
    <p>
      <a href="/gop-y/theo-doi">${L(lang, 'Theo dõi phản ánh, kiến nghị', 'Follow up your feedback')}</a>
    </p>
    <h2>${L(lang, 'Điều gì xảy ra tiếp theo', 'What happens next')}</h2>
    <ul>
      <li>
        ${L(
          lang,
          'Trong 2 ngày làm việc, bộ phận tiếp nhận xem xét; nếu không thuộc phạm vi, bạn được thông báo lý do.',
          'Within 2 working days the service point reviews it; if it is out of scope you are told why.',
        )}
      </li>
      <li>
        ${L(
          lang,
          'Nếu cần thêm thông tin, chúng tôi liên hệ với bạn trong 5 ngày làm việc.',
          'If more information is needed, we contact you within 5 working days.',
        )}
      </li>
      <li>
        ${L(lang, 'Hạn trả lời', 'Answer due')}: <strong>${when(r.answerDueAt)}</strong>
        ${L(lang, '(15 ngày làm việc). Câu trả lời gửi qua thư điện tử hoặc tin nhắn.', '(15 working days). The answer comes by e-mail or text message.')}
      </li>
    </ul>
    <p>
      <a href="/gop-y/cong-khai?servicePoint=${encodeURIComponent(r.servicePointCode)}"
        >${L(lang, 'Xem các câu trả lời đã công khai', 'See published answers')}</a
      >
    </p>`;
  return page(ctx, L(lang, 'Đã gửi phản ánh, kiến nghị', 'Feedback sent'), body);
}

// ---------------------------------------------------------------- follow-up (submitter)

/** The submitter's page: reference + token → status, the request or answer, and their actions. */
export function followUpPage(
  ctx: PageContext,
  state: {
    reference: string;
    token: string;
    info: string;
    view: FollowUpView | null;
    errors: readonly FieldError[];
    done?: 'provide_info' | 'withdraw' | undefined;
  },
): string {
  const { lang } = ctx;
  const v = state.view;
  const hidden = html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
  const body = html`${STYLES} ${errorSummary(lang, state.errors)}
    <h1>${L(lang, 'Theo dõi phản ánh, kiến nghị', 'Follow up your feedback')}</h1>
    ${
      state.done
        ? html`<div class="panel success" role="status">
            <p>
              ${
                state.done === 'withdraw'
                  ? L(lang, 'Đã rút phản ánh, kiến nghị.', 'Your feedback was withdrawn.')
                  : L(lang, 'Đã gửi thông tin bổ sung.', 'Your information was sent.')
              }
            </p>
          </div>`
        : ''
    }
    ${
      v
        ? html`${summaryList([
              [L(lang, 'Mã phản ánh', 'Reference'), v.reference],
              [L(lang, 'Tiêu đề', 'Subject'), v.subject],
              [L(lang, 'Trạng thái', 'Status'), statusLabel(lang, v.status)],
              [L(lang, 'Hạn trả lời', 'Answer due'), when(v.answerDueAt)],
              ...(v.infoRequest
                ? [[L(lang, 'Cần bổ sung', 'Information asked for'), v.infoRequest] as const]
                : []),
              ...(v.rejectionReason
                ? [[L(lang, 'Lý do từ chối', 'Reason for rejection'), v.rejectionReason] as const]
                : []),
              ...(v.answer
                ? [[L(lang, 'Trả lời', 'Answer'), html`<span class="pre">${v.answer}</span>`] as const]
                : []),
            ])}
            <form method="post" action="/gop-y/theo-doi">
              ${hidden}
              <input type="hidden" name="reference" value="${state.reference}" />
              <input type="hidden" name="token" value="${state.token}" />
              ${
                v.allowedActions.includes('provide_info')
                  ? html`${textArea(lang, {
                        ...FIELD_LOOK,
                        id: 'info',
                        label: L(lang, 'Thông tin bổ sung', 'Your information'),
                        value: state.info,
                        rows: 5,
                        maxlength: 5000,
                        errors: state.errors,
                      })}
                      <button type="submit" name="_do" value="provide_info" class="button">
                        ${L(lang, 'Gửi thông tin bổ sung', 'Send the information')}
                      </button> `
                  : ''
              }
              ${
                v.allowedActions.includes('withdraw')
                  ? html`<button type="submit" name="_do" value="withdraw" class="button secondary">
                      ${L(lang, 'Rút phản ánh, kiến nghị', 'Withdraw my feedback')}
                    </button>`
                  : ''
              }
            </form>`
        : html`<form method="post" action="/gop-y/theo-doi" novalidate>
            ${hidden}
            ${textInput(lang, {
              ...INPUT_LOOK,
              id: 'reference',
              label: L(lang, 'Mã phản ánh', 'Reference'),
              hint: L(lang, 'Như PAKN-20260302-0001', 'Like PAKN-20260302-0001'),
              value: state.reference,
              width: 'w-medium',
              maxlength: 40,
              errors: state.errors,
            })}
            ${textInput(lang, {
              ...INPUT_LOOK,
              id: 'token',
              label: L(lang, 'Mã theo dõi', 'Follow-up code'),
              hint: L(
                lang,
                'Hiện trên trang xác nhận khi bạn gửi',
                'Shown on the confirmation page when you sent it',
              ),
              value: state.token,
              maxlength: 200,
              errors: state.errors,
            })}
            <button type="submit" name="_do" value="view" class="button">${L(lang, 'Xem', 'Show')}</button>
          </form>`
    }`;
  return page(ctx, L(lang, 'Theo dõi phản ánh, kiến nghị', 'Follow up your feedback'), body, {
    hasError: state.errors.length > 0,
  });
}

// ---------------------------------------------------------------- public answers

const RATING_LABEL: Record<Rating, { vi: string; en: string }> = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  neutral: { vi: 'Bình thường', en: 'Neutral' },
  unsatisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export function publicAnswersPage(
  ctx: PageContext,
  state: {
    servicePoint: string;
    servicePoints: readonly ServicePointChoice[];
    result: { total: number; page: number; pageSize: number; items: readonly PublicFeedback[] } | null;
    rated?: string | undefined;
    errors: readonly FieldError[];
  },
): string {
  const { lang } = ctx;
  const r = state.result;
  const pages = r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  const link = (p: number) =>
    `/gop-y/cong-khai?servicePoint=${encodeURIComponent(state.servicePoint)}&page=${p}`;
  const body = html`${STYLES} ${errorSummary(lang, state.errors)}
    <h1>${L(lang, 'Trả lời phản ánh, kiến nghị', 'Answers to feedback')}</h1>
    ${
      state.rated
        ? html`<div class="panel success" role="status">
            <p>
              ${L(lang, `Cảm ơn bạn đã đánh giá câu trả lời ${state.rated}.`, `Thank you for rating the answer ${state.rated}.`)}
            </p>
          </div>`
        : ''
    }
    <form method="get" action="/gop-y/cong-khai" class="search-form">
      ${selectInput(lang, {
        ...FIELD_LOOK,
        id: 'servicePoint',
        label: L(lang, 'Nơi tiếp nhận', 'Service point'),
        value: state.servicePoint,
        errors: state.errors,
        options: [
          { value: '', label: L(lang, '— Chọn —', '— Choose —') },
          ...state.servicePoints.map((s) => ({ value: s.code, label: s.name })),
        ],
      })}
      <button type="submit" class="button secondary">${L(lang, 'Xem', 'Show')}</button>
    </form>
    <p><a href="/gop-y">${L(lang, 'Gửi phản ánh, kiến nghị', 'Send feedback')}</a></p>
    ${
      r
        ? html`<p>${L(lang, `${r.total} câu trả lời đã công khai.`, `${r.total} published answers.`)}</p>
            <ol class="answers">
              ${r.items.map(
                (i) =>
                  html`<li>
                    <article aria-labelledby="a-${i.reference}">
                      <h2 id="a-${i.reference}">${i.subject}</h2>
                      <p class="hint">
                        ${i.reference} · ${kindLabel(lang, i.kind)} · ${L(lang, 'công khai', 'published')}
                        ${i.publishedOn ?? ''}
                      </p>
                      <h3>${L(lang, 'Nội dung', 'Question')}</h3>
                      <p class="pre">${i.content}</p>
                      <h3>${L(lang, 'Trả lời', 'Answer')}</h3>
                      <p class="pre">${i.answer}</p>
                      <form method="post" action="/gop-y/cong-khai/${i.reference}/danh-gia" class="rating">
                        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                        <input type="hidden" name="servicePoint" value="${state.servicePoint}" />
                        <fieldset>
                          <legend>
                            ${L(lang, 'Bạn thấy câu trả lời này thế nào?', 'How useful is this answer?')}
                          </legend>
                          ${(['satisfied', 'neutral', 'unsatisfied'] as const).map(
                            (k) =>
                              html`<button type="submit" name="rating" value="${k}" class="button secondary">
                                ${RATING_LABEL[k][lang]} (${i.ratings[k]})
                              </button> `,
                          )}
                        </fieldset>
                      </form>
                    </article>
                  </li>`,
              )}
            </ol>
            ${
              pages > 1
                ? html`<nav class="pagination" aria-label="${L(lang, 'Phân trang', 'Pagination')}">
                    <ul>
                      ${Array.from({ length: pages }, (_, k) => k + 1).map(
                        (p) =>
                          html`<li>
                            <a href="${link(p)}" ${p === r.page ? html`aria-current="page"` : ''}>${p}</a>
                          </li>`,
                      )}
                    </ul>
                  </nav>`
                : ''
            }`
        : ''
    }`;
  return page(ctx, L(lang, 'Trả lời phản ánh, kiến nghị', 'Answers to feedback'), body, {
    hasError: state.errors.length > 0,
  });
}

// ---------------------------------------------------------------- staff pages

export function statusLabel(lang: Lang, s: FeedbackStatus): string {
  const labels: Record<FeedbackStatus, [string, string]> = {
    received: ['Đã tiếp nhận', 'Received'],
    more_info_requested: ['Chờ bổ sung thông tin', 'Waiting for more information'],
    assigned: ['Đã giao xử lý', 'Assigned'],
    answered: ['Đã trả lời', 'Answered'],
    published: ['Đã công khai', 'Published'],
    rejected: ['Từ chối', 'Rejected'],
    withdrawn: ['Đã rút', 'Withdrawn'],
  };
  return L(lang, ...labels[s]);
}

function timelinessTag(lang: Lang, t: StepTimeliness): SafeHtml | string {
  switch (t) {
    case 'on_time':
      return tag(L(lang, 'Đúng hạn', 'On time'), 'green');
    case 'late':
      return tag(L(lang, 'Trễ hạn', 'Late'), 'red');
    case 'overdue':
      return tag(L(lang, 'Quá hạn', 'Overdue'), 'red');
    case 'pending':
      return tag(L(lang, 'Đang trong hạn', 'Pending'), 'blue');
    case 'not_applicable':
      return '—';
  }
}

export const QUEUE_FILTERS = [
  'open',
  'received',
  'more_info_requested',
  'assigned',
  'answered',
  'published',
  'rejected',
  'withdrawn',
  'all',
] as const;

export function queuePage(
  ctx: PageContext,
  state: { filter: string; total: number; items: readonly FeedbackView[] },
): string {
  const { lang } = ctx;
  const body = html`${STYLES}
    <h1>${L(lang, 'Phản ánh, kiến nghị', 'Feedback and complaints')}</h1>
    <form method="get" action="/admin/feedback" class="search-form">
      ${selectInput(lang, {
        ...FIELD_LOOK,
        id: 'status',
        label: L(lang, 'Trạng thái', 'Status'),
        value: state.filter,
        options: QUEUE_FILTERS.map((f) => ({
          value: f,
          label:
            f === 'open'
              ? L(lang, 'Đang xử lý', 'Open')
              : f === 'all'
                ? L(lang, 'Tất cả', 'All')
                : statusLabel(lang, f),
        })),
      })}
      <button type="submit" class="button secondary">${L(lang, 'Lọc', 'Filter')}</button>
    </form>
    <p>${L(lang, `${state.total} phản ánh, kiến nghị.`, `${state.total} items.`)}</p>
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">
          ${L(lang, 'Danh sách phản ánh, kiến nghị', 'Feedback queue')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${L(lang, 'Mã', 'Reference')}</th>
            <th scope="col">${L(lang, 'Tiêu đề', 'Subject')}</th>
            <th scope="col">${L(lang, 'Nơi tiếp nhận', 'Service point')}</th>
            <th scope="col">${L(lang, 'Trạng thái', 'Status')}</th>
            <th scope="col">${L(lang, 'Tiếp nhận', 'Received')}</th>
            <th scope="col">${L(lang, 'Hạn', 'Due')}</th>
            <th scope="col">${L(lang, 'Thời hạn', 'Timeliness')}</th>
          </tr>
        </thead>
        <tbody>
          ${state.items.map(
            (i) =>
              html`<tr>
                <td><a href="/admin/feedback/${i.reference}">${i.reference}</a></td>
                <td>${kindLabel(lang, i.kind)}: ${i.subject}</td>
                <td>${i.servicePointCode}</td>
                <td>${statusLabel(lang, i.status)}</td>
                <td>${when(i.receivedAt)}</td>
                <td>${when(i.nextDueAt)}</td>
                <td>
                  ${i.late ? tag(L(lang, 'Trễ hạn', 'Late'), 'red') : tag(L(lang, 'Trong hạn', 'In time'), 'green')}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return page(ctx, L(lang, 'Phản ánh, kiến nghị', 'Feedback and complaints'), body);
}

export interface ActionForms {
  readonly actions: readonly StaffAction[];
  readonly agencies: readonly { code: string; name: string }[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly FieldError[];
  readonly done?: string | undefined;
}

export function itemPage(ctx: PageContext, item: FeedbackView, forms: ActionForms): string {
  const { lang } = ctx;
  const stepRow = (label: string, s: FeedbackView['steps']['answer']) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td>${when(s.dueAt)}</td>
      <td>${when(s.doneAt)}</td>
      <td>${timelinessTag(lang, s.timeliness)}</td>
    </tr>`;
  const form = (action: StaffAction, title: string, inner: SafeHtml | string, button: string) =>
    html`<section class="panel" aria-labelledby="act-${action}">
      <h3 id="act-${action}">${title}</h3>
      <form method="post" action="/admin/feedback/${item.reference}">
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <input type="hidden" name="action" value="${action}" />
        <input type="hidden" name="version" value="${item.version}" />
        ${inner}
        <button type="submit" class="button">${button}</button>
      </form>
    </section>`;
  const v = forms.values;
  const e = forms.errors;
  const actionForms = forms.actions.map((a) => {
    switch (a) {
      case 'reject':
        return form(
          a,
          L(lang, 'Từ chối (không thuộc phạm vi)', 'Reject (out of scope)'),
          textArea(lang, {
            ...FIELD_LOOK,
            id: 'reason',
            label: L(lang, 'Lý do', 'Reason'),
            value: v.reason,
            errors: e,
            maxlength: 2000,
          }),
          L(lang, 'Từ chối', 'Reject'),
        );
      case 'request_info':
        return form(
          a,
          L(lang, 'Yêu cầu bổ sung thông tin', 'Ask for more information'),
          textArea(lang, {
            ...FIELD_LOOK,
            id: 'request',
            label: L(lang, 'Cần bổ sung gì', 'What is needed'),
            value: v.request,
            errors: e,
            maxlength: 2000,
          }),
          L(lang, 'Gửi yêu cầu', 'Send the request'),
        );
      case 'assign':
        return form(
          a,
          L(lang, 'Giao cơ quan xử lý', 'Assign to an agency'),
          selectInput(lang, {
            ...FIELD_LOOK,
            id: 'agencyCode',
            label: L(lang, 'Cơ quan', 'Agency'),
            value: v.agencyCode ?? item.assignedAgencyCode ?? item.dossierAgencyCode ?? '',
            errors: e,
            options: [
              { value: '', label: L(lang, '— Chọn —', '— Choose —') },
              ...forms.agencies.map((g) => ({ value: g.code, label: g.name })),
            ],
          }),
          L(lang, 'Giao', 'Assign'),
        );
      case 'answer':
        return form(
          a,
          L(lang, 'Trả lời', 'Answer'),
          textArea(lang, {
            ...FIELD_LOOK,
            id: 'answer',
            label: L(lang, 'Nội dung trả lời', 'Answer'),
            value: v.answer,
            errors: e,
            rows: 6,
            maxlength: 10000,
          }),
          L(lang, 'Gửi trả lời', 'Send the answer'),
        );
      case 'publish':
        return form(
          a,
          L(lang, 'Công khai câu trả lời', 'Publish the answer'),
          html`<p>
            ${L(lang, 'Câu hỏi và câu trả lời hiện trên trang công khai, không kèm thông tin liên hệ.', 'The question and answer appear on the public page, without contact details.')}
          </p>`,
          L(lang, 'Công khai', 'Publish'),
        );
    }
  });
  const body = html`${STYLES} ${errorSummary(lang, forms.errors)}
    ${forms.done ? html`<div class="panel success" role="status"><p>${L(lang, 'Đã lưu.', 'Saved.')}</p></div>` : ''}
    <p><a href="/admin/feedback">${L(lang, 'Danh sách phản ánh, kiến nghị', 'Feedback queue')}</a></p>
    <h1>${item.reference}: ${item.subject}</h1>
    ${summaryList([
      [L(lang, 'Loại', 'Kind'), kindLabel(lang, item.kind)],
      [L(lang, 'Trạng thái', 'Status'), statusLabel(lang, item.status)],
      [L(lang, 'Nơi tiếp nhận', 'Service point'), item.servicePointCode],
      [L(lang, 'Mã hồ sơ', 'Dossier code'), item.dossierCode ?? '—'],
      [L(lang, 'Cơ quan xử lý', 'Assigned agency'), item.assignedAgencyCode ?? '—'],
      [L(lang, 'Tiếp nhận lúc', 'Received'), when(item.receivedAt)],
      [L(lang, 'Nội dung', 'Details'), html`<span class="pre">${item.content}</span>`],
      ...(item.infoRequest
        ? [[L(lang, 'Yêu cầu bổ sung', 'Information asked for'), item.infoRequest] as const]
        : []),
      ...(item.infoProvided
        ? [[L(lang, 'Thông tin bổ sung', 'Information given'), item.infoProvided] as const]
        : []),
      ...(item.rejectionReason
        ? [[L(lang, 'Lý do từ chối', 'Reason for rejection'), item.rejectionReason] as const]
        : []),
      ...(item.answer
        ? [[L(lang, 'Trả lời', 'Answer'), html`<span class="pre">${item.answer}</span>`] as const]
        : []),
    ])}
    <h2>${L(lang, 'Người gửi', 'Submitter')}</h2>
    ${summaryList([
      [L(lang, 'Họ và tên', 'Full name'), item.contact?.name ?? ''],
      [L(lang, 'Thư điện tử', 'E-mail address'), item.contact?.email ?? '—'],
      [L(lang, 'Số điện thoại', 'Phone number'), item.contact?.phone ?? '—'],
    ])}
    <h2>${L(lang, 'Thời hạn (ngày làm việc)', 'Deadlines (working days)')}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${L(lang, 'Bước', 'Step')}</th>
            <th scope="col">${L(lang, 'Hạn', 'Due')}</th>
            <th scope="col">${L(lang, 'Thực hiện', 'Done')}</th>
            <th scope="col">${L(lang, 'Thời hạn', 'Timeliness')}</th>
          </tr>
        </thead>
        <tbody>
          ${stepRow(L(lang, `Từ chối (${item.deadlineRules.reject.value} ngày)`, `Reject (${item.deadlineRules.reject.value} days)`), item.steps.reject)}
          ${stepRow(L(lang, `Yêu cầu bổ sung (${item.deadlineRules.request_info.value} ngày)`, `Ask for more (${item.deadlineRules.request_info.value} days)`), item.steps.requestInfo)}
          ${stepRow(L(lang, `Trả lời (${item.deadlineRules.answer.value} ngày)`, `Answer (${item.deadlineRules.answer.value} days)`), item.steps.answer)}
          ${stepRow(L(lang, `Công khai (${item.deadlineRules.publish.value} ngày)`, `Publish (${item.deadlineRules.publish.value} days)`), item.steps.publish)}
        </tbody>
      </table>
    </div>
    ${
      actionForms.length > 0
        ? html`<h2>${L(lang, 'Xử lý', 'Actions')}</h2>
            ${actionForms}`
        : ''
    }`;
  return page(ctx, `${item.reference} — ${L(lang, 'Phản ánh, kiến nghị', 'Feedback')}`, body, {
    hasError: forms.errors.length > 0,
  });
}
