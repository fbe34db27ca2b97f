/**
 * The dossier page: status, appointment and timeliness, the action forms the signed-in person may
 * use now, the printable forms, the full timeline (who did what, when, in Vietnam local time), the
 * hand-overs of the control slip (Mẫu 05/06), supplement suspensions, apologies, fees and documents.
 *
 * Every action form posts the dossier `version` the page showed; a stale version comes back as a
 * clear message asking to reload. Forms are GOV.UK "details" disclosures: no JavaScript needed.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { DossierAction } from '../domain/lifecycle.ts';
import type { Dossier } from '../domain/types.ts';
import type { StoredEvent } from '../dossiers.repository.ts';
import type { TimelinessView } from '../dossiers.service.ts';
import { DOSSIER_STYLESHEET, FIELD_LOOK, INPUT_LOOK, summaryList, tag } from './components.ts';
import { radios, selectInput, textArea, textInput, type FieldError } from '../../../views/form-components.ts';
import type { FormLink } from './counter.views.ts';
import {
  appointmentText,
  CHANNEL_LABELS,
  DOCUMENT_FORM_NAMES,
  EVENT_LABELS,
  listOf,
  localTime,
  numberOf,
  PAYMENT_LABELS,
  RESULT_LABELS,
  RETURN_LABELS,
  say,
  textOf,
  tr,
  vnd,
  type Bilingual,
  type Countdown,
} from './labels.ts';
import { statusTag, timelinessCell } from './list.views.ts';

/** What the action forms are called, in the order the page lists them. */
export const ACTION_LABELS: Readonly<Record<DossierAction, Bilingual>> = {
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Receive' },
  forward: { vi: 'Chuyển cơ quan giải quyết', en: 'Forward to the agency' },
  handover: { vi: 'Bàn giao bước xử lý', en: 'Hand over a step' },
  'request-supplement': { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request a supplement' },
  supplement: { vi: 'Ghi nhận đã bổ sung', en: 'Record the supplement' },
  apologize: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apologise with a new date' },
  complete: { vi: 'Hoàn thành, có kết quả', en: 'Complete with a result' },
  'record-payment': { vi: 'Thu phí, lệ phí', en: 'Record a payment' },
  return: { vi: 'Trả kết quả', en: 'Return the result' },
  reject: { vi: 'Từ chối giải quyết', en: 'Reject' },
  stop: { vi: 'Dừng giải quyết', en: 'Stop processing' },
  withdraw: { vi: 'Rút hồ sơ (theo đề nghị của người nộp)', en: 'Withdraw (at the applicant’s request)' },
};

/** The page's data: the dossier, its events, timeliness, what the viewer may do, and any error. */
export interface DossierPageState {
  readonly dossier: Dossier;
  readonly events: readonly StoredEvent[];
  readonly timeliness: TimelinessView;
  readonly countdown: Countdown | undefined;
  readonly forms: readonly FormLink[];
  readonly actions: readonly DossierAction[];
  /** The viewer's name and unit, to pre-fill hand-overs. */
  readonly viewer: { readonly name: string };
  /** The action just done (success banner). */
  readonly done?: DossierAction | undefined;
  /** The action that failed, with the values typed (kept). */
  readonly failed?:
    { readonly action: DossierAction; readonly values: Readonly<Record<string, string>> } | undefined;
  readonly errors: readonly FieldError[];
  /** The version sent was stale. */
  readonly conflict?: boolean;
}

function personalRows(lang: Lang, d: Dossier): (readonly [string, SafeHtml | string])[] {
  const a = d.applicant;
  return [
    [
      tr(lang, 'Người nộp', 'Applicant'),
      html`${a.fullName}
        <span class="hint"
          >(${a.kind === 'person' ? tr(lang, 'cá nhân', 'person') : tr(lang, 'tổ chức', 'organisation')})</span
        >`,
    ],
    a.kind === 'person'
      ? [tr(lang, 'Số định danh cá nhân', 'Personal ID number'), a.idNumber]
      : [
          tr(lang, 'Mã số thuế', 'Tax code'),
          `${a.taxCode}${a.representative ? ` · ${tr(lang, 'Người đại diện', 'Representative')}: ${a.representative}` : ''}`,
        ],
    [tr(lang, 'Liên hệ', 'Contact'), `${a.phone}${a.email ? ` · ${a.email}` : ''}`],
    [tr(lang, 'Địa chỉ', 'Address'), a.address],
  ];
}

function eventDetails(lang: Lang, e: StoredEvent): SafeHtml {
  const data = e.data;
  const due = (key: string, label: string) => {
    const v = textOf(data, key);
    return v ? html`<li>${label}: ${appointmentText(lang, v)}</li>` : '';
  };
  const line = (label: string, v: string | undefined) => (v ? html`<li>${label}: ${v}</li>` : '');
  const result = textOf(data, 'result') ?? textOf(data, 'timeliness');
  const items = listOf(data, 'items');
  const amount = numberOf(data, 'amountVnd');
  const method = textOf(data, 'method');
  const parts: (SafeHtml | string)[] = [];
  switch (e.type) {
    case 'dossier.received':
    case 'dossier.supplemented':
      parts.push(
        due('dueAt', tr(lang, 'Hẹn trả', 'Due')),
        line(tr(lang, 'Ghi chú', 'Note'), textOf(data, 'note')),
      );
      break;
    case 'dossier.handed-over':
      parts.push(line(tr(lang, 'Bước', 'Step'), textOf(data, 'stepName')));
      break;
    case 'dossier.supplement-requested':
      parts.push(
        line(tr(lang, 'Lý do', 'Reason'), textOf(data, 'reason')),
        items.length > 0 ? html`<li>${tr(lang, 'Cần bổ sung', 'To add')}: ${items.join('; ')}</li>` : '',
        data && (data as { countsAsLate?: unknown }).countsAsLate === true
          ? html`<li>
              ${tr(lang, 'Yêu cầu bổ sung lần thứ hai: hồ sơ bị tính quá hạn', 'Second request: the dossier counts as late')}
            </li>`
          : '',
      );
      break;
    case 'dossier.apologized':
      parts.push(
        line(tr(lang, 'Lý do', 'Reason'), textOf(data, 'reason')),
        due('previousDueAt', tr(lang, 'Hẹn trả cũ', 'Previous date')),
        due('newDueAt', tr(lang, 'Hẹn trả mới', 'New date')),
      );
      break;
    case 'dossier.rejected':
    case 'dossier.stopped':
    case 'dossier.withdrawn':
      parts.push(line(tr(lang, 'Lý do', 'Reason'), textOf(data, 'reason')));
      break;
    case 'dossier.returned':
      parts.push(
        line(
          tr(lang, 'Hình thức', 'Method'),
          method && method in RETURN_LABELS
            ? say(lang, RETURN_LABELS[method as keyof typeof RETURN_LABELS])
            : method,
        ),
      );
      break;
    case 'dossier.fee-paid':
      parts.push(
        line(tr(lang, 'Số tiền', 'Amount'), amount === undefined ? undefined : vnd(amount)),
        line(tr(lang, 'Biên lai', 'Receipt'), textOf(data, 'receiptNumber')),
        line(
          tr(lang, 'Hình thức', 'Method'),
          method && method in PAYMENT_LABELS
            ? say(lang, PAYMENT_LABELS[method as keyof typeof PAYMENT_LABELS])
            : method,
        ),
      );
      break;
    case 'dossier.submitted': {
      const channel = textOf(data, 'channel');
      parts.push(
        line(
          tr(lang, 'Kênh', 'Channel'),
          channel && channel in CHANNEL_LABELS
            ? say(lang, CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS])
            : channel,
        ),
      );
      break;
    }
    default:
      break;
  }
  if (
    (e.type === 'dossier.forwarded' ||
      e.type === 'dossier.handed-over' ||
      e.type === 'dossier.result-ready') &&
    result &&
    result in RESULT_LABELS
  )
    parts.push(
      html`<li>
        ${tr(lang, 'Đánh giá', 'Result')}: ${say(lang, RESULT_LABELS[result as keyof typeof RESULT_LABELS])}
      </li>`,
    );
  const shown = parts.filter((p) => p !== '');
  return shown.length > 0
    ? html`<ul class="event-details">
        ${shown}
      </ul>`
    : html``;
}

function timeline(lang: Lang, events: readonly StoredEvent[]): SafeHtml {
  return html`<ol class="timeline" id="timeline">
    ${events.map(
      (e) =>
        html`<li>
          <time datetime="${e.at.toISOString()}">${localTime(e.at)}</time>
          <strong class="event-name"
            >${EVENT_LABELS[e.type] ? say(lang, EVENT_LABELS[e.type] as Bilingual) : e.type}</strong
          >
          <span class="actor">${e.actor.name}</span>
          ${eventDetails(lang, e)}
        </li>`,
    )}
  </ol>`;
}

function handoverTable(lang: Lang, d: Dossier): SafeHtml {
  if (d.handovers.length === 0) return html`<p>${tr(lang, 'Chưa có bàn giao.', 'No hand-overs yet.')}</p>`;
  const caption = tr(lang, 'Bàn giao hồ sơ', 'Hand-overs');
  const labels = [
    '#',
    tr(lang, 'Thời điểm', 'When'),
    tr(lang, 'Bên giao', 'From'),
    tr(lang, 'Bên nhận', 'To'),
    tr(lang, 'Bước', 'Step'),
    tr(lang, 'Hạn bước', 'Step due'),
    tr(lang, 'Kết quả', 'Result'),
  ];
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
    <table class="stack-table">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${labels.map((l) => html`<th scope="col">${l}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${d.handovers.map(
          (h) =>
            html`<tr>
              <td data-label="${labels[0]}">${h.seq}</td>
              <td data-label="${labels[1]}">${localTime(h.at)}</td>
              <td data-label="${labels[2]}">
                ${h.giver.name}<br /><span class="hint">${h.giver.unit}</span>
              </td>
              <td data-label="${labels[3]}">
                ${h.receiver.name}<br /><span class="hint">${h.receiver.unit}</span>
              </td>
              <td data-label="${labels[4]}">
                ${h.stepName}${h.note ? html`<br /><span class="hint">${h.note}</span>` : ''}
              </td>
              <td data-label="${labels[5]}">${localTime(h.stepDueAt)}</td>
              <td data-label="${labels[6]}">
                ${h.result ? tag(say(lang, RESULT_LABELS[h.result]), h.result === 'late' ? 'red' : 'green') : '—'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function suspensionsList(lang: Lang, d: Dossier): SafeHtml {
  if (d.suspensions.length === 0) return html``;
  return html`<h2>${tr(lang, 'Tạm dừng để bổ sung hồ sơ', 'Suspensions for supplements')}</h2>
    <ol class="plain-list">
      ${d.suspensions.map(
        (s) =>
          html`<li>
            ${tr(lang, 'Từ', 'From')} ${localTime(s.requestedAt)} ${tr(lang, 'đến', 'to')}
            ${s.resumedAt ? localTime(s.resumedAt) : tr(lang, 'nay (đang chờ bổ sung)', 'now (waiting)')} —
            ${s.reason}
            <span class="hint">(${s.items.join('; ')}; ${s.requestedBy.name})</span>
          </li>`,
      )}
    </ol>`;
}

function apologiesList(lang: Lang, d: Dossier): SafeHtml {
  if (d.apologies.length === 0) return html``;
  return html`<h2>${tr(lang, 'Xin lỗi, hẹn lại ngày trả', 'Apologies')}</h2>
    <ol class="plain-list">
      ${d.apologies.map(
        (a) =>
          html`<li>
            ${localTime(a.issuedAt)}: ${appointmentText(lang, a.previousDueAt)} →
            <strong>${appointmentText(lang, a.newDueAt)}</strong> — ${a.reason}
            <span class="hint">(${a.by.name})</span>
          </li>`,
      )}
    </ol>`;
}

function feesTable(lang: Lang, d: Dossier): SafeHtml {
  if (d.fees.length === 0) return html`<p>${tr(lang, 'Không thu phí, lệ phí.', 'No fees.')}</p>`;
  return html`<ul class="plain-list">
    ${d.fees.map(
      (f) =>
        html`<li>
          ${f.name}: <strong>${vnd(f.amountVnd)}</strong> —
          ${
            f.payment
              ? html`${tag(tr(lang, 'Đã thu', 'Paid'), 'green')}
                  <span class="hint"
                    >${say(lang, PAYMENT_LABELS[f.payment.method])}, ${tr(lang, 'biên lai', 'receipt')}
                    ${f.payment.receiptNumber}, ${localTime(f.payment.paidAt)}</span
                  >`
              : tag(tr(lang, 'Chưa thu', 'Unpaid'), 'yellow')
          }
        </li>`,
    )}
  </ul>`;
}

function documentsList(lang: Lang, d: Dossier): SafeHtml {
  return html`<ol class="plain-list">
    ${d.documents.map(
      (doc) =>
        html`<li>
          ${doc.name}
          <span class="hint"
            >(${say(lang, DOCUMENT_FORM_NAMES[doc.form])},
            ${doc.count}${doc.attached ? tr(lang, ', đã số hóa', ', scanned') : ''}${
              doc.reused ? tr(lang, ', khai thác từ kho dữ liệu', ', reused') : ''
            })</span
          >
        </li>`,
    )}
  </ol>`;
}

// ---------------------------------------------------------------- action forms

function fieldsOf(
  lang: Lang,
  d: Dossier,
  action: DossierAction,
  v: Readonly<Record<string, string>>,
  errors: readonly FieldError[],
  viewer: { name: string },
): SafeHtml {
  const id = (name: string) => `${action}-${name}`;
  const reason = (label = tr(lang, 'Lý do', 'Reason')) =>
    textArea(lang, {
      ...FIELD_LOOK,
      id: id('reason'),
      name: 'reason',
      label,
      value: v.reason,
      errors,
      maxlength: 2000,
    });
  const note = () =>
    textInput(lang, {
      ...INPUT_LOOK,
      id: id('note'),
      name: 'note',
      label: tr(lang, 'Ghi chú (nếu có)', 'Note (optional)'),
      value: v.note,
      errors,
      maxlength: 2000,
    });
  switch (action) {
    case 'receive':
    case 'supplement':
      return action === 'supplement' ? note() : html``;
    case 'forward':
      return html`${textInput(lang, {
        ...INPUT_LOOK,
        id: id('receiverName'),
        name: 'receiverName',
        label: tr(lang, 'Người nhận tại cơ quan (nếu biết)', 'Receiving officer (if known)'),
        hint: `${tr(lang, 'Cơ quan', 'Agency')}: ${d.procedure.agency.name}`,
        value: v.receiverName,
        maxlength: 200,
      })}${note()}`;
    case 'handover': {
      const stepIndex = d.handovers.filter((h) => h.kind === 'step').length;
      const step = d.procedure.steps[stepIndex];
      return html`${textInput(lang, { ...INPUT_LOOK, id: id('giverName'), name: 'giverName', label: tr(lang, 'Người giao', 'Handed over by'), value: v.giverName ?? viewer.name, errors, maxlength: 200 })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('giverUnit'), name: 'giverUnit', label: tr(lang, 'Đơn vị giao', 'Their unit'), value: v.giverUnit ?? d.procedure.agency.name, errors, maxlength: 300 })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('receiverName'), name: 'receiverName', label: tr(lang, 'Người nhận', 'Received by'), value: v.receiverName, errors, maxlength: 200 })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('receiverUnit'), name: 'receiverUnit', label: tr(lang, 'Đơn vị nhận', 'Their unit'), value: v.receiverUnit, errors, maxlength: 300 })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('stepName'), name: 'stepName', label: tr(lang, 'Bước xử lý', 'Step'), value: v.stepName ?? step?.name ?? '', maxlength: 300 })}
      ${note()}`;
    }
    case 'request-supplement':
      return html`${reason(tr(lang, 'Lý do yêu cầu bổ sung', 'Why a supplement is needed'))}
      ${textArea(lang, {
        ...FIELD_LOOK,
        id: id('items'),
        name: 'items',
        label: tr(lang, 'Giấy tờ cần bổ sung, hoàn thiện', 'Documents to add or complete'),
        hint: tr(
          lang,
          'Mỗi giấy tờ một dòng. Thời hạn giải quyết tạm dừng đến khi bổ sung.',
          'One per line. The time limit stops until the supplement.',
        ),
        value: v.items,
        errors,
        rows: 4,
        maxlength: 5000,
      })}`;
    case 'reject':
    case 'withdraw':
      return reason();
    case 'stop':
      return html`${reason()}${textInput(lang, { ...INPUT_LOOK, id: id('legalBasis'), name: 'legalBasis', label: tr(lang, 'Căn cứ pháp lý (nếu có)', 'Legal basis (optional)'), value: v.legalBasis, maxlength: 500 })}`;
    case 'apologize':
      return html`<p class="hint">
          ${tr(lang, 'Hẹn trả hiện tại', 'Current appointment')}: ${appointmentText(lang, d.dueAt)}.
          ${tr(lang, 'Phải xin lỗi trước khi đến hạn; chỉ được hẹn lại một lần.', 'Apologise before the due; only one new date is allowed.')}
        </p>
        ${reason(tr(lang, 'Lý do chậm trễ', 'Reason for the delay'))}
        <div class="date-time">
          ${textInput(lang, { ...INPUT_LOOK, id: id('newDueDate'), name: 'newDueDate', label: tr(lang, 'Ngày hẹn trả mới', 'New date'), type: 'date', value: v.newDueDate, errors })}
          ${textInput(lang, { ...INPUT_LOOK, id: id('newDueTime'), name: 'newDueTime', label: tr(lang, 'Giờ', 'Time'), type: 'time', value: v.newDueTime ?? '17:00', errors })}
        </div>`;
    case 'complete':
      return html`${radios(lang, {
        id: id('kind'),
        name: 'resultKind',
        legend: tr(lang, 'Loại kết quả', 'Result kind'),
        value: v.resultKind ?? (d.procedure.result.kind === 'electronic' ? 'electronic' : 'paper'),
        inline: true,
        options: [
          { value: 'paper', label: tr(lang, 'Bản giấy', 'Paper') },
          { value: 'electronic', label: tr(lang, 'Bản điện tử', 'Electronic') },
        ],
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('number'), name: 'resultNumber', label: tr(lang, 'Số, ký hiệu kết quả', 'Result number'), hint: d.procedure.result.name, value: v.resultNumber, errors, maxlength: 100 })}`;
    case 'return':
      return html`${radios(lang, {
        id: id('method'),
        name: 'method',
        legend: tr(lang, 'Hình thức trả', 'How'),
        value: v.method ?? d.returnMethod,
        options: (['counter', 'postal', 'online'] as const).map((m) => ({
          value: m,
          label: say(lang, RETURN_LABELS[m]),
        })),
        errors,
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('receiverName'), name: 'receiverName', label: tr(lang, 'Người nhận kết quả (tại quầy)', 'Collected by (counter)'), value: v.receiverName ?? d.applicant.fullName, errors, maxlength: 200 })}
      ${radios(lang, {
        id: id('identity'),
        name: 'identity',
        legend: tr(lang, 'Kiểm tra người nhận (tại quầy)', 'Identity check (counter)'),
        value: v.identity ?? 'id_document',
        options: [
          {
            value: 'id_document',
            label: tr(lang, 'Giấy tờ tùy thân của người nộp', 'The applicant’s ID document'),
          },
          { value: 'authorisation', label: tr(lang, 'Giấy ủy quyền', 'An authorisation letter') },
        ],
        errors,
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('authorisationRef'), name: 'authorisationRef', label: tr(lang, 'Số văn bản ủy quyền', 'Authorisation reference'), value: v.authorisationRef, errors, maxlength: 200 })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('postalItemNumber'), name: 'postalItemNumber', label: tr(lang, 'Số hiệu bưu gửi (qua bưu chính)', 'Postal item number (postal)'), value: v.postalItemNumber, errors, maxlength: 50 })}`;
    case 'record-payment': {
      const unpaid = d.fees.filter((f) => f.payment === null);
      return html`${selectInput(lang, {
        ...FIELD_LOOK,
        id: id('feeSeq'),
        name: 'feeSeq',
        label: tr(lang, 'Khoản phí', 'Fee'),
        value: v.feeSeq,
        options: unpaid.map((f) => ({ value: String(f.seq), label: `${f.name}: ${vnd(f.amountVnd)}` })),
        errors,
      })}
      ${selectInput(lang, {
        ...FIELD_LOOK,
        id: id('method'),
        name: 'method',
        label: tr(lang, 'Hình thức thu', 'Payment method'),
        value: v.method ?? 'cash',
        options: (['cash', 'bank_transfer', 'vietqr'] as const).map((m) => ({
          value: m,
          label: say(lang, PAYMENT_LABELS[m]),
        })),
        errors,
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: id('receiptNumber'), name: 'receiptNumber', label: tr(lang, 'Số biên lai', 'Receipt number'), value: v.receiptNumber, errors, maxlength: 100 })}`;
    }
  }
}

const DANGEROUS: readonly DossierAction[] = ['reject', 'stop', 'withdraw'];

function actionForms(ctx: PageContext, s: DossierPageState): SafeHtml {
  const { lang } = ctx;
  const d = s.dossier;
  if (s.actions.length === 0)
    return html`<p>
      ${tr(lang, 'Bạn không có thao tác nào với hồ sơ ở trạng thái này.', 'You have no action on this dossier in its current state.')}
    </p>`;
  return html`${s.actions.map((action) => {
    const failed = s.failed?.action === action;
    const values = failed ? (s.failed?.values ?? {}) : {};
    const errors = failed ? s.errors : [];
    return html`<details
      class="action${DANGEROUS.includes(action) ? ' danger' : ''}"
      id="a-${action}"
      ${failed ? html` open` : ''}
    >
      <summary>${say(lang, ACTION_LABELS[action])}</summary>
      <form method="post" action="/dossiers/${encodeURIComponent(d.code)}/actions" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <input type="hidden" name="action" value="${action}" />
        <input type="hidden" name="version" value="${d.version}" />
        ${fieldsOf(lang, d, action, values, errors, s.viewer)}
        <button type="submit" class="button${DANGEROUS.includes(action) ? ' warning' : ''}">
          ${say(lang, ACTION_LABELS[action])}
        </button>
      </form>
    </details>`;
  })}`;
}

/** The dossier page. */
export function dossierPage(ctx: PageContext, s: DossierPageState): string {
  const { lang } = ctx;
  const d = s.dossier;
  const title = `${tr(lang, 'Hồ sơ', 'Dossier')} ${d.code}`;
  const t = s.timeliness;
  const overview: (readonly [string, SafeHtml | string])[] = [
    [tr(lang, 'Trạng thái', 'Status'), statusTag(lang, d.status)],
    [
      tr(lang, 'Thủ tục', 'Procedure'),
      html`${d.procedure.name}
        <span class="hint"
          >(${d.procedure.code}, ${tr(lang, 'phiên bản', 'version')} ${d.procedure.version})</span
        >`,
    ],
    [tr(lang, 'Cơ quan giải quyết', 'Competent agency'), d.procedure.agency.name],
    [tr(lang, 'Bộ phận một cửa', 'Service point'), `${d.servicePoint.name} (${d.servicePoint.code})`],
    [tr(lang, 'Kênh nộp', 'Channel'), say(lang, CHANNEL_LABELS[d.channel])],
    [
      tr(lang, 'Tiếp nhận lúc', 'Received at'),
      d.receivedAt ? `${localTime(d.receivedAt)}${d.receivedBy ? ` — ${d.receivedBy.name}` : ''}` : '—',
    ],
    [
      tr(lang, 'Hẹn trả (Mẫu 01)', 'Appointment (Mẫu 01)'),
      html`<span class="original-due">${appointmentText(lang, d.originalDueAt)}</span>`,
    ],
    [
      tr(lang, 'Hạn giải quyết hiện tại', 'Current due'),
      d.dueAt
        ? html`<span class="current-due">${appointmentText(lang, d.dueAt)}</span>`
        : d.suspensions.some((x) => x.resumedAt === null)
          ? tr(lang, 'Tạm dừng, chờ bổ sung', 'Paused for supplement')
          : '—',
    ],
    [
      tr(lang, 'Thời hạn', 'Timeliness'),
      html`<span class="timeliness">${timelinessCell(lang, t, s.countdown)}</span>`,
    ],
    [
      tr(lang, 'Nhận kết quả', 'Return'),
      `${say(lang, RETURN_LABELS[d.returnMethod])}${d.deliveryAddress ? `: ${d.deliveryAddress}` : ''}`,
    ],
    ...personalRows(lang, d),
  ];
  if (d.result)
    overview.push([tr(lang, 'Kết quả', 'Result'), `${d.result.number} (${localTime(d.result.readyAt)})`]);
  if (d.returnInfo)
    overview.push([
      tr(lang, 'Đã trả', 'Returned'),
      `${localTime(d.returnInfo.at)} — ${say(lang, RETURN_LABELS[d.returnInfo.method])}${d.returnInfo.receiverName ? `, ${d.returnInfo.receiverName}` : ''}`,
    ]);
  if (d.closing)
    overview.push([
      say(lang, { vi: 'Lý do kết thúc', en: 'Closing reason' }),
      `${d.closing.reason} (${localTime(d.closing.at)})`,
    ]);
  return page(
    ctx,
    title,
    html`${DOSSIER_STYLESHEET}${errorSummary(lang, s.errors)}
      ${
        s.conflict
          ? html`<p class="panel conflict">
              <a href="/dossiers/${encodeURIComponent(d.code)}"
                >${tr(lang, 'Tải lại trang hồ sơ', 'Reload the dossier')}</a
              >
            </p>`
          : ''
      }
      ${
        s.done
          ? html`<div class="panel success" role="status">
              <p><strong>${tr(lang, 'Đã thực hiện', 'Done')}: ${say(lang, ACTION_LABELS[s.done])}</strong></p>
            </div>`
          : ''
      }
      <h1>${title}</h1>
      ${summaryList(overview)}
      <h2 id="actions">${tr(lang, 'Thao tác', 'Actions')}</h2>
      ${actionForms(ctx, s)}
      <h2>${tr(lang, 'Biểu mẫu', 'Forms')}</h2>
      <ul class="print-links">
        ${s.forms.map(
          (f) =>
            html`<li>
              <a class="form-link" href="/api/v1/dossiers/${encodeURIComponent(d.code)}/forms/${f.no}.pdf"
                >${tr(lang, 'Mẫu', 'Form')} ${f.no}: ${f.title} (PDF)</a
              >
            </li>`,
        )}
      </ul>
      <h2>${tr(lang, 'Quá trình xử lý', 'Timeline')}</h2>
      ${timeline(lang, s.events)}
      <h2>${tr(lang, 'Phiếu kiểm soát quá trình giải quyết', 'Control slip')}</h2>
      ${handoverTable(lang, d)} ${suspensionsList(lang, d)} ${apologiesList(lang, d)}
      <h2>${tr(lang, 'Phí, lệ phí', 'Fees')}</h2>
      ${feesTable(lang, d)}
      <h2>${tr(lang, 'Thành phần hồ sơ', 'Documents')}</h2>
      ${documentsList(lang, d)}`,
    { hasError: s.errors.length > 0 },
  );
}
