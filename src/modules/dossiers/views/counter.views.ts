/**
 * The counter screen (quầy tiếp nhận): find the procedure, tick the documents presented, enter the
 * applicant, the return method and the fees, then receive — or refuse with a reason. Built for the
 * keyboard: the search box has focus on arrival, results are links, every field is reachable with
 * Tab, and Enter in any field receives the dossier (the first submit button). No JavaScript.
 *
 * The outcome pages: received (code, appointment, print links), guidance (Mẫu 02: what is missing)
 * and refusal (Mẫu 03 with the reason).
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { DocumentForm, FeeItem, RequiredDocument, TimeUnit } from '../../catalog/domain/procedure.ts';
import type { RefusalViewModel, SupplementViewModel } from '../../documents/forms/view-models.ts';
import type { Dossier, ReturnMethod } from '../domain/types.ts';
import { DOSSIER_STYLESHEET, FIELD_LOOK, INPUT_LOOK, summaryList } from './components.ts';
import {
  checkbox,
  radios,
  selectInput,
  textArea,
  textInput,
  type FieldError,
} from '../../../views/form-components.ts';
import {
  appointmentText,
  DOCUMENT_FORM_NAMES,
  localTime,
  PAYMENT_LABELS,
  RETURN_LABELS,
  say,
  tr,
  vnd,
} from './labels.ts';

/** A hit of the procedure search, offered at the clerk's service point. */
export interface ProcedureHit {
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly agencyName: string;
}

/** The procedure version in force, as the intake form needs it. */
export interface CounterProcedure {
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly field: string;
  readonly agencyName: string;
  readonly timeLimit: { readonly value: number; readonly unit: TimeUnit };
  readonly documents: readonly RequiredDocument[];
  readonly fees: readonly FeeItem[];
  readonly returnMethods: readonly ReturnMethod[];
}

/** Everything the counter page shows. `form` holds the raw values typed (kept after an error). */
export interface CounterState {
  readonly servicePoints: readonly { readonly code: string; readonly name: string }[];
  readonly servicePoint: { readonly code: string; readonly name: string };
  readonly q: string;
  readonly hits: readonly ProcedureHit[] | undefined;
  readonly procedure: CounterProcedure | undefined;
  readonly form: Readonly<Record<string, string>>;
  readonly errors: readonly FieldError[];
  /** Idempotency key of this rendering of the form: a double submit receives once. */
  readonly key: string;
}

const TIME_UNITS: Readonly<Record<TimeUnit, { vi: string; en: string }>> = {
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  working_hours: { vi: 'giờ làm việc', en: 'working hours' },
  calendar_days: { vi: 'ngày', en: 'days' },
  months: { vi: 'tháng', en: 'months' },
};

/** "5 ngày làm việc", "Trong ngày" (0 days). */
export function timeLimitText(lang: Lang, t: { value: number; unit: TimeUnit }): string {
  if (t.value === 0) return tr(lang, 'Trong ngày', 'Within the day');
  return `${t.value} ${say(lang, TIME_UNITS[t.unit])}`;
}

/** The default values of the intake form for a procedure: documents unticked with the required form and count, unconditional fees charged. */
export function defaultIntakeForm(p: CounterProcedure): Record<string, string> {
  const form: Record<string, string> = {
    kind: 'person',
    returnMethod: p.returnMethods[0] ?? 'counter',
    payMethod: 'cash',
  };
  p.documents.forEach((d, i) => {
    form[`doc${i + 1}_form`] = d.form;
    form[`doc${i + 1}_count`] = String(d.count);
  });
  p.fees.forEach((f, i) => {
    if (f.amountVnd > 0 && f.appliesWhen === undefined) form[`fee${i + 1}`] = '1';
  });
  return form;
}

function searchSection(ctx: PageContext, s: CounterState): SafeHtml {
  const { lang } = ctx;
  return html`<section aria-labelledby="search-title">
    <h2 id="search-title">${tr(lang, '1. Chọn thủ tục hành chính', '1. Choose the procedure')}</h2>
    <form method="get" action="/counter" class="inline-form search-form" role="search">
      ${s.servicePoints.length > 1 ? html`<input type="hidden" name="servicePoint" value="${s.servicePoint.code}" />` : ''}
      ${textInput(lang, {
        ...INPUT_LOOK,
        id: 'q',
        label: tr(lang, 'Tên hoặc mã thủ tục', 'Procedure name or code'),
        hint: tr(
          lang,
          'Gõ không dấu cũng được, ví dụ: ly lich tu phap',
          'Accents are optional, e.g. ly lich tu phap',
        ),
        value: s.q,
        type: 'search',
        autofocus: s.procedure === undefined,
      })}
      <button type="submit" class="button secondary">${tr(lang, 'Tìm thủ tục', 'Search')}</button>
    </form>
    ${
      s.hits === undefined
        ? ''
        : s.hits.length === 0
          ? html`<p class="panel" role="status">
              ${tr(
                lang,
                'Không tìm thấy thủ tục nào đang có hiệu lực và được tiếp nhận tại bộ phận một cửa này.',
                'No procedure in force and received at this service point matches.',
              )}
            </p>`
          : html`<p role="status" class="hint">${s.hits.length} ${tr(lang, 'thủ tục', 'procedures')}</p>
              <ol class="hits">
                ${s.hits.map(
                  (h) =>
                    html`<li>
                      <a
                        href="/counter?procedure=${encodeURIComponent(h.code)}${s.servicePoints.length > 1 ? `&servicePoint=${encodeURIComponent(s.servicePoint.code)}` : ''}"
                        >${h.name}</a
                      >
                      <span class="hint">${h.code} · ${h.field} · ${h.agencyName}</span>
                    </li>`,
                )}
              </ol>`
    }
  </section>`;
}

function documentItem(
  lang: Lang,
  d: RequiredDocument,
  i: number,
  form: Readonly<Record<string, string>>,
  errors: readonly FieldError[],
): SafeHtml {
  const n = i + 1;
  const id = `doc${n}`;
  const requirement = `${say(lang, DOCUMENT_FORM_NAMES[d.form])}, ${d.count} ${tr(lang, 'bản', d.count > 1 ? 'copies' : 'copy')} · ${
    d.mandatory ? tr(lang, 'Bắt buộc', 'Required') : tr(lang, 'Nếu có', 'If applicable')
  }${d.reusableFromDataStore ? tr(lang, ' · Có thể khai thác từ kho dữ liệu', ' · Reusable from the data store') : ''}`;
  return html`<li class="doc-item">
    ${checkbox({ id, label: html`<span class="doc-name">${n}. ${d.name}</span>`, checked: form[id] === '1', hint: requirement })}
    <div class="doc-details">
      ${selectInput(lang, {
        ...FIELD_LOOK,
        id: `${id}_form`,
        label: tr(lang, 'Hình thức', 'Form'),
        value: form[`${id}_form`],
        options: (['original', 'certified_copy', 'copy'] as const satisfies readonly DocumentForm[]).map(
          (f) => ({
            value: f,
            label: say(lang, DOCUMENT_FORM_NAMES[f]),
          }),
        ),
      })}
      ${textInput(lang, {
        ...INPUT_LOOK,
        id: `${id}_count`,
        label: tr(lang, 'Số bản', 'Copies'),
        value: form[`${id}_count`],
        inputmode: 'numeric',
        width: 'w-short',
        maxlength: 3,
        errors,
      })}
      <div class="doc-flags">
        ${checkbox({ id: `${id}_attached`, label: tr(lang, 'Đã số hóa', 'Scanned'), checked: form[`${id}_attached`] === '1' })}
        ${
          d.reusableFromDataStore
            ? checkbox({
                id: `${id}_reused`,
                label: tr(lang, 'Khai thác từ kho dữ liệu', 'Reused from data store'),
                checked: form[`${id}_reused`] === '1',
              })
            : ''
        }
      </div>
    </div>
  </li>`;
}

function intakeForm(ctx: PageContext, s: CounterState, p: CounterProcedure): SafeHtml {
  const { lang } = ctx;
  const f = s.form;
  const errors = s.errors;
  const returnChoices = p.returnMethods.map((m) => ({ value: m, label: say(lang, RETURN_LABELS[m]) }));
  return html`<form method="post" action="/counter" novalidate class="intake">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
    <input type="hidden" name="key" value="${s.key}" />
    <input type="hidden" name="startedAt" value="${f.startedAt ?? ''}" />
    <input type="hidden" name="procedure" value="${p.code}" />
    <input type="hidden" name="servicePoint" value="${s.servicePoint.code}" />

    <section aria-labelledby="procedure-title" class="panel">
      <h2 id="procedure-title">${p.name}</h2>
      ${summaryList([
        [tr(lang, 'Mã thủ tục', 'Code'), `${p.code} (${tr(lang, 'phiên bản', 'version')} ${p.version})`],
        [tr(lang, 'Lĩnh vực', 'Field'), p.field],
        [tr(lang, 'Cơ quan giải quyết', 'Competent agency'), p.agencyName],
        [tr(lang, 'Thời hạn giải quyết', 'Time limit'), timeLimitText(lang, p.timeLimit)],
      ])}
      <p><a href="/counter">${tr(lang, 'Chọn thủ tục khác', 'Choose another procedure')}</a></p>
    </section>

    <fieldset id="documents" class="section">
      <legend><h2>${tr(lang, '2. Thành phần hồ sơ', '2. Documents presented')}</h2></legend>
      <p class="hint">
        ${tr(lang, 'Đánh dấu giấy tờ người nộp xuất trình; thiếu giấy tờ bắt buộc sẽ lập Phiếu hướng dẫn (Mẫu 02).', 'Tick what the applicant presents; a missing required document produces the guidance form (Mẫu 02).')}
      </p>
      <ol class="doc-list">
        ${p.documents.map((d, i) => documentItem(lang, d, i, f, errors))}
      </ol>
    </fieldset>

    <fieldset id="applicant" class="section">
      <legend><h2>${tr(lang, '3. Người nộp hồ sơ', '3. Applicant')}</h2></legend>
      ${radios(lang, {
        id: 'kind',
        name: 'kind',
        legend: tr(lang, 'Là', 'Is'),
        value: f.kind ?? 'person',
        inline: true,
        options: [
          { value: 'person', label: tr(lang, 'Cá nhân', 'A person') },
          { value: 'organisation', label: tr(lang, 'Tổ chức', 'An organisation') },
        ],
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: 'fullName', label: tr(lang, 'Họ và tên (hoặc tên tổ chức)', 'Full name (or organisation name)'), value: f.fullName, errors, maxlength: 200 })}
      ${textInput(lang, {
        ...INPUT_LOOK,
        id: 'idNumber',
        label: tr(lang, 'Số định danh cá nhân (cá nhân)', 'Personal ID number (person)'),
        hint: tr(lang, '12 chữ số trên thẻ căn cước', '12 digits on the ID card'),
        value: f.idNumber,
        inputmode: 'numeric',
        maxlength: 12,
        width: 'w-medium',
        errors,
      })}
      ${textInput(lang, {
        ...INPUT_LOOK,
        id: 'taxCode',
        label: tr(lang, 'Mã số thuế (tổ chức)', 'Tax code (organisation)'),
        hint: tr(
          lang,
          '10 chữ số, hoặc 10 chữ số-3 chữ số cho đơn vị phụ thuộc',
          '10 digits, or 10 digits-3 digits for a branch',
        ),
        value: f.taxCode,
        maxlength: 14,
        width: 'w-medium',
        errors,
      })}
      ${textInput(lang, { ...INPUT_LOOK, id: 'representative', label: tr(lang, 'Người đại diện (tổ chức, nếu có)', 'Representative (organisation, if any)'), value: f.representative, maxlength: 200 })}
      ${textInput(lang, { ...INPUT_LOOK, id: 'phone', label: tr(lang, 'Số điện thoại', 'Phone'), value: f.phone, type: 'tel', inputmode: 'tel', width: 'w-medium', errors, maxlength: 20 })}
      ${textInput(lang, { ...INPUT_LOOK, id: 'email', label: tr(lang, 'Thư điện tử (nếu có)', 'E-mail (optional)'), value: f.email, type: 'email', errors, maxlength: 200 })}
      ${textInput(lang, { ...INPUT_LOOK, id: 'address', label: tr(lang, 'Địa chỉ', 'Address'), value: f.address, errors, maxlength: 500 })}
    </fieldset>

    <fieldset class="section">
      <legend><h2>${tr(lang, '4. Hình thức nhận kết quả', '4. How the result is returned')}</h2></legend>
      ${radios(lang, { id: 'returnMethod', name: 'returnMethod', legend: tr(lang, 'Nhận kết quả', 'Return'), value: f.returnMethod, options: returnChoices, errors })}
      ${textInput(lang, {
        ...INPUT_LOOK,
        id: 'deliveryAddress',
        label: tr(lang, 'Địa chỉ nhận kết quả qua bưu chính', 'Delivery address (postal return)'),
        hint: tr(lang, 'Chỉ khi nhận qua bưu chính', 'Only for a postal return'),
        value: f.deliveryAddress,
        errors,
        maxlength: 500,
      })}
    </fieldset>

    <fieldset id="fees" class="section">
      <legend><h2>${tr(lang, '5. Phí, lệ phí', '5. Fees')}</h2></legend>
      ${
        p.fees.length === 0
          ? html`<p>${tr(lang, 'Thủ tục không thu phí, lệ phí.', 'The procedure has no fees.')}</p>`
          : html`<ul class="fee-list">
                ${p.fees.map(
                  (fee, i) =>
                    html`<li>
                      ${checkbox({
                        id: `fee${i + 1}`,
                        label: `${fee.name}: ${vnd(fee.amountVnd)}`,
                        checked: f[`fee${i + 1}`] === '1',
                        hint: fee.appliesWhen,
                      })}
                      ${textInput(lang, {
                        ...INPUT_LOOK,
                        id: `fee${i + 1}_receipt`,
                        label: tr(lang, 'Số biên lai (nếu đã thu)', 'Receipt number (if paid now)'),
                        value: f[`fee${i + 1}_receipt`],
                        width: 'w-medium',
                        maxlength: 100,
                        errors,
                      })}
                    </li>`,
                )}
              </ul>
              ${selectInput(lang, {
                ...FIELD_LOOK,
                id: 'payMethod',
                label: tr(lang, 'Hình thức thu', 'Payment method'),
                value: f.payMethod,
                options: (['cash', 'bank_transfer', 'vietqr'] as const).map((m) => ({
                  value: m,
                  label: say(lang, PAYMENT_LABELS[m]),
                })),
              })}`
      }
    </fieldset>

    <div class="actions-row">
      <button type="submit" name="outcome" value="receive" class="button">
        ${tr(lang, 'Tiếp nhận hồ sơ', 'Receive the dossier')}
      </button>
    </div>

    <details class="refuse" ${f.outcome === 'refuse' ? html` open` : ''}>
      <summary>${tr(lang, 'Từ chối tiếp nhận (Mẫu 03)', 'Refuse at intake (Mẫu 03)')}</summary>
      ${textArea(lang, {
        ...FIELD_LOOK,
        id: 'reason',
        label: tr(lang, 'Lý do từ chối', 'Reason for refusal'),
        hint: tr(
          lang,
          'Ví dụ: thủ tục không thuộc thẩm quyền của cơ quan',
          'E.g. the procedure is not within the agency’s competence',
        ),
        value: f.reason,
        errors,
        maxlength: 2000,
      })}
      <button type="submit" name="outcome" value="refuse" class="button warning">
        ${tr(lang, 'Từ chối tiếp nhận', 'Refuse')}
      </button>
    </details>
  </form>`;
}

/** The counter screen: search, then the intake form of the chosen procedure. */
export function counterPage(ctx: PageContext, s: CounterState): string {
  const { lang } = ctx;
  const title = tr(lang, 'Tiếp nhận hồ sơ', 'Receive a dossier');
  return page(
    ctx,
    title,
    html`${DOSSIER_STYLESHEET}${errorSummary(lang, s.errors)}
      <h1>${title}</h1>
      <p class="hint">${s.servicePoint.name} (${s.servicePoint.code})</p>
      ${
        s.servicePoints.length > 1
          ? html`<form method="get" action="/counter" class="inline-form">
              ${selectInput(lang, {
                ...FIELD_LOOK,
                id: 'servicePoint',
                label: tr(lang, 'Bộ phận một cửa', 'Service point'),
                value: s.servicePoint.code,
                options: s.servicePoints.map((sp) => ({ value: sp.code, label: `${sp.name} (${sp.code})` })),
              })}
              <button type="submit" class="button secondary">${tr(lang, 'Đổi', 'Change')}</button>
            </form>`
          : ''
      }
      ${s.procedure ? intakeForm(ctx, s, s.procedure) : searchSection(ctx, s)}`,
    { hasError: s.errors.length > 0 },
  );
}

/** Links to a dossier's printable forms that apply now. */
export interface FormLink {
  readonly no: string;
  readonly title: string;
}

/** The confirmation after receipt: the code, the appointment, and the print links. */
export function receivedPage(ctx: PageContext, d: Dossier, forms: readonly FormLink[]): string {
  const { lang } = ctx;
  const title = tr(lang, 'Đã tiếp nhận hồ sơ', 'Dossier received');
  const paid = d.fees.filter((f) => f.payment !== null);
  return page(
    ctx,
    `${title} ${d.code}`,
    html`${DOSSIER_STYLESHEET}
      <div class="panel success confirmation" role="status">
        <h1>${title}</h1>
        <p>${tr(lang, 'Mã hồ sơ', 'Dossier code')}</p>
        <p class="big-code">${d.code}</p>
        <p>
          ${tr(lang, 'Hẹn trả kết quả', 'Appointment')}:
          <strong class="appointment">${appointmentText(lang, d.originalDueAt ?? d.dueAt)}</strong>
        </p>
      </div>
      <h2>${tr(lang, 'In giấy tờ', 'Print')}</h2>
      <ul class="print-links">
        ${forms.map(
          (f) =>
            html`<li>
              <a href="/api/v1/dossiers/${encodeURIComponent(d.code)}/forms/${f.no}.pdf" class="form-link"
                >${tr(lang, 'Mẫu', 'Form')} ${f.no}: ${f.title} (PDF)</a
              >
            </li>`,
        )}
      </ul>
      ${summaryList([
        [tr(lang, 'Thủ tục', 'Procedure'), d.procedure.name],
        [tr(lang, 'Người nộp', 'Applicant'), d.applicant.fullName],
        [tr(lang, 'Tiếp nhận lúc', 'Received at'), localTime(d.receivedAt)],
        [tr(lang, 'Nhận kết quả', 'Return'), say(lang, RETURN_LABELS[d.returnMethod])],
        [
          tr(lang, 'Phí, lệ phí', 'Fees'),
          d.fees.length === 0
            ? tr(lang, 'Không', 'None')
            : `${vnd(d.fees.reduce((sum, f) => sum + f.amountVnd, 0))} (${tr(lang, 'đã thu', 'paid')} ${vnd(paid.reduce((sum, f) => sum + f.amountVnd, 0))})`,
        ],
      ])}
      <p class="actions-row">
        <a class="button" href="/counter">${tr(lang, 'Tiếp nhận hồ sơ mới', 'Receive another dossier')}</a>
        <a class="button secondary" href="/counter?procedure=${encodeURIComponent(d.procedure.code)}"
          >${tr(lang, 'Cùng thủ tục', 'Same procedure')}</a
        >
        <a class="button secondary" href="/dossiers/${encodeURIComponent(d.code)}"
          >${tr(lang, 'Xem hồ sơ', 'View the dossier')}</a
        >
      </p>`,
  );
}

/** The outcome of an intake that made no dossier: guidance (Mẫu 02) or refusal (Mẫu 03). */
export function intakeRecordPage(
  ctx: PageContext,
  id: string,
  vm: SupplementViewModel | RefusalViewModel,
  formNo: string,
): string {
  const { lang } = ctx;
  const guided = vm.kind === 'supplement';
  const title = guided
    ? tr(lang, 'Hồ sơ chưa đầy đủ: hướng dẫn bổ sung', 'Incomplete: guidance given')
    : tr(lang, 'Đã từ chối tiếp nhận hồ sơ', 'Dossier refused at intake');
  return page(
    ctx,
    title,
    html`${DOSSIER_STYLESHEET}
      <div class="panel ${guided ? 'notice' : 'refused'}" role="status">
        <h1>${title}</h1>
        <p>${vm.procedureName}</p>
        <p>${tr(lang, 'Người nộp', 'Applicant')}: ${vm.applicant.name}</p>
      </div>
      ${
        vm.kind === 'supplement'
          ? html`<h2>${tr(lang, 'Giấy tờ cần bổ sung, hoàn thiện', 'What to add or complete')}</h2>
              <ul class="missing">
                ${vm.items.map((i) => html`<li>${i.item}${i.reason ? html` — <span class="hint">${i.reason}</span>` : ''}</li>`)}
              </ul>
              <p>
                ${tr(lang, 'Không cấp mã hồ sơ. Khi người nộp mang đủ giấy tờ, tiếp nhận lại.', 'No code was issued. Receive again when the documents are complete.')}
              </p>`
          : html`<h2>${tr(lang, 'Lý do', 'Reason')}</h2>
              <p class="reason">${vm.reason}</p>`
      }
      <p>
        <a class="form-link" href="/api/v1/intake-records/${id}/form.pdf"
          >${tr(lang, 'In', 'Print')} ${tr(lang, 'Mẫu', 'Form')} ${formNo}:
          ${
            guided
              ? tr(lang, 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', 'Request to complete the dossier')
              : tr(lang, 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', 'Refusal notice')
          }
          (PDF)</a
        >
      </p>
      <p>
        <a class="button" href="/counter">${tr(lang, 'Tiếp nhận hồ sơ mới', 'Receive another dossier')}</a>
      </p>`,
  );
}
