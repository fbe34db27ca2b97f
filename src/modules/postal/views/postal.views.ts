/**
 * Server-rendered postal pages (GOV.UK patterns, no JavaScript): public tracking, the public
 * request form (or a clerk's phone request), the courier's phone page (360 px, 48 px targets),
 * the counter page, and the managers' custody view. Vietnamese first, English second.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { ERROR_CATALOG, type AppError } from '../../../kernel/errors.ts';
import { formatLocalDateTime } from '../../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { selectInput, textInput, type FieldError } from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import { FAIL_REASONS, type ItemStatus, type Leg } from '../domain/lifecycle.ts';
import { FAIL_REASON_LABELS, STATUS_LABELS, type TrackingItem } from '../domain/tracking.ts';
import { formatVnd } from '../format.ts';
import type { CashDayView, CustodyRow, ItemSummary, ItemView, ManifestView } from '../postal.service.ts';

export const POSTAL_CSS_PATH = '/postal/assets/postal.css';

const tr = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);
const when = (iso: string | null | undefined): string => (iso ? formatLocalDateTime(new Date(iso)) : '—');
const LEG_TEXT: Record<Leg, { vi: string; en: string }> = {
  pickup: { vi: 'Thu gom hồ sơ', en: 'Dossier pickup' },
  delivery: { vi: 'Phát kết quả', en: 'Result delivery' },
};
const legText = (lang: Lang, leg: Leg): string => LEG_TEXT[leg][lang];
const statusText = (lang: Lang, status: ItemStatus): string => STATUS_LABELS[status][lang];

/** Field errors from an AppError: each invalid parameter at its field, or one message at the top. */
export function errorsOf(lang: Lang, error: AppError): FieldError[] {
  const message = ERROR_CATALOG[error.code][lang];
  if (error.invalidParams && error.invalidParams.length > 0)
    return error.invalidParams.map((p) => ({
      field: p.name.replace(/^body\/?/, '').replace(/\//g, '-') || 'main',
      message: `${message} ${p.reason}`,
    }));
  return [{ field: 'main', message }];
}

/** A postal page: the layout, the postal stylesheet, and a `.postal` wrapper for the touch-size rules. */
export function postalPage(
  ctx: PageContext,
  title: string,
  body: SafeHtml,
  options: { hasError?: boolean } = {},
): string {
  return page(ctx, title, html`<div class="postal">${body}</div>`, options).replace(
    '<link rel="stylesheet" href="/assets/app.css" />',
    `<link rel="stylesheet" href="/assets/app.css" /><link rel="stylesheet" href="${POSTAL_CSS_PATH}" />`,
  );
}

function flash(message: string | undefined): SafeHtml | string {
  return message ? html`<div class="panel success" role="status">${message}</div>` : '';
}

function checkbox(
  name: string,
  label: string,
  options: { value?: string; checked?: boolean; id?: string } = {},
): SafeHtml {
  const id = options.id ?? name;
  return html`<label class="check" for="${id}"
    ><input
      type="checkbox"
      id="${id}"
      name="${name}"
      value="${options.value ?? '1'}"
      ${options.checked ? html`checked` : ''}
    /><span>${label}</span></label
  >`;
}

// ---------------------------------------------------------------- tracking (public)

export function trackingPage(
  ctx: PageContext,
  state: { query: string; items?: readonly TrackingItem[]; errors?: readonly FieldError[] },
): string {
  const { lang } = ctx;
  const errors = state.errors ?? [];
  const title = tr(lang, 'Tra cứu bưu gửi hồ sơ, kết quả', 'Track a dossier or result');
  return postalPage(
    ctx,
    title,
    html`${errorSummary(
        lang,
        errors.map((e) => ({ ...e, field: 'q' })),
      )}
      <h1>${title}</h1>
      <form method="get" action="/tracking">
        ${textInput(lang, {
          id: 'q',
          label: tr(lang, 'Mã bưu gửi hoặc mã hồ sơ', 'Tracking number or dossier code'),
          value: state.query,
          errors: errors.map((e) => ({ ...e, field: 'q' })),
          hint: tr(lang, 'Ví dụ: EE123456785VN', 'For example: EE123456785VN'),
          autocomplete: 'off',
        })}
        <button type="submit" class="button">${tr(lang, 'Tra cứu', 'Track')}</button>
      </form>
      ${(state.items ?? []).map(
        (item) =>
          html`<section aria-labelledby="t-${item.trackingNumber}">
            <h2 id="t-${item.trackingNumber}"><span class="tn">${item.trackingNumber}</span></h2>
            <p>${legText(lang, item.leg)} — <strong>${item.statusLabel[lang]}</strong></p>
            <ol class="steps">
              ${item.steps.map(
                (s) =>
                  html`<li>
                    <strong>${s.label[lang]}</strong><br />
                    <time datetime="${s.at}">${when(s.at)}</time>${s.place ? html` · ${s.place}` : ''}
                  </li>`,
              )}
            </ol>
          </section>`,
      )}`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- request (public, or a clerk by phone)

export interface RequestFormValues {
  readonly procedureCode: string;
  readonly servicePointCode: string;
  readonly fullName: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly communeCode: string;
  readonly street: string;
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly delivery: boolean;
  readonly cod: boolean;
}

export function requestPage(
  ctx: PageContext,
  state: {
    values: RequestFormValues;
    errors: readonly FieldError[];
    communes: readonly { code: string; name: string }[];
    servicePoints: readonly { code: string; name: string }[];
    created?: { items: readonly ItemSummary[] } | undefined;
    phone: boolean;
  },
): string {
  const { lang } = ctx;
  const v = state.values;
  const errors = state.errors;
  const title = state.phone
    ? tr(lang, 'Yêu cầu thu gom hồ sơ qua điện thoại', 'Pickup request taken by phone')
    : tr(lang, 'Yêu cầu bưu điện đến nhận hồ sơ', 'Ask the post to collect your dossier');
  if (state.created) {
    return postalPage(
      ctx,
      title,
      html`<div class="panel success" role="status">
          <h1>${tr(lang, 'Đã ghi nhận yêu cầu', 'Request registered')}</h1>
          <p>
            ${tr(lang, 'Giữ lại mã bưu gửi để tra cứu:', 'Keep the tracking numbers to follow your request:')}
          </p>
          <ul>
            ${state.created.items.map(
              (i) =>
                html`<li>
                  ${legText(lang, i.leg)}: <strong class="tn">${i.trackingNumber}</strong> —
                  ${tr(lang, 'cước', 'postage')}
                  ${formatVnd(i.postageVnd)}${i.cashDueVnd !== i.postageVnd ? html`; ${tr(lang, 'tổng phải trả khi gặp bưu tá', 'to pay the courier')} ${formatVnd(i.cashDueVnd)}` : ''}
                  · <a href="/tracking?q=${i.trackingNumber}">${tr(lang, 'Tra cứu', 'Track')}</a>
                </li>`,
            )}
          </ul>
        </div>
        <p><a href="/postal/request">${tr(lang, 'Gửi yêu cầu khác', 'Make another request')}</a></p>`,
    );
  }
  const select = (
    id: string,
    label: string,
    options: readonly { code: string; name: string }[],
    value: string,
  ) =>
    selectInput(lang, {
      id,
      label,
      options: [
        { value: '', label: tr(lang, '— Chọn —', '— Choose —') },
        ...options.map((o) => ({ value: o.code, label: o.name })),
      ],
      value,
      errors,
    });
  return postalPage(
    ctx,
    title,
    html`${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <p>
        ${tr(
          lang,
          'Theo Quyết định 45/2016/QĐ-TTg, bạn có thể gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích. Bưu tá sẽ kiểm đếm hồ sơ cùng bạn, niêm phong và thu cước, phí, lệ phí.',
          'Under Decision 45/2016/QĐ-TTg you may send your dossier and receive the result through the public postal service. The courier checks the documents with you, seals the dossier and collects postage and fees.',
        )}
      </p>
      <form method="post" action="/postal/request" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <fieldset>
          <legend>${tr(lang, 'Thủ tục', 'Procedure')}</legend>
          ${textInput(lang, {
            id: 'procedureCode',
            label: tr(lang, 'Mã thủ tục hành chính', 'Procedure code'),
            value: v.procedureCode,
            errors,
            hint: tr(
              lang,
              'Ví dụ: 1.001193 (xem trên Cổng dịch vụ công)',
              'For example: 1.001193 (see the public service portal)',
            ),
          })}
          ${select('servicePointCode', tr(lang, 'Bộ phận một cửa giải quyết', 'Service point handling it'), state.servicePoints, v.servicePointCode)}
        </fieldset>
        <fieldset>
          <legend>${tr(lang, 'Người nộp hồ sơ', 'Applicant')}</legend>
          ${textInput(lang, { id: 'applicant-fullName', label: tr(lang, 'Họ và tên', 'Full name'), value: v.fullName, errors, autocomplete: 'name' })}
          ${textInput(lang, { id: 'applicant-idNumber', label: tr(lang, 'Số định danh cá nhân (12 số)', 'Personal ID number (12 digits)'), value: v.idNumber, errors, inputmode: 'numeric' })}
          ${textInput(lang, { id: 'applicant-phone', label: tr(lang, 'Số điện thoại', 'Phone'), value: v.phone, errors, type: 'tel', autocomplete: 'tel' })}
        </fieldset>
        <fieldset>
          <legend>${tr(lang, 'Địa chỉ nhận hồ sơ', 'Where to collect the dossier')}</legend>
          ${select('pickup-address-communeCode', tr(lang, 'Xã, phường', 'Commune'), state.communes, v.communeCode)}
          ${textInput(lang, { id: 'pickup-address-street', label: tr(lang, 'Số nhà, đường, thôn', 'House, street, hamlet'), value: v.street, errors, autocomplete: 'street-address' })}
          ${textInput(lang, { id: 'pickup-window-date', label: tr(lang, 'Ngày hẹn', 'Date'), value: v.date, errors, type: 'date' })}
          ${textInput(lang, { id: 'pickup-window-from', label: tr(lang, 'Từ giờ', 'From'), value: v.from, errors, type: 'time' })}
          ${textInput(lang, { id: 'pickup-window-to', label: tr(lang, 'Đến giờ', 'To'), value: v.to, errors, type: 'time' })}
        </fieldset>
        <fieldset>
          <legend>${tr(lang, 'Nhận kết quả', 'The result')}</legend>
          ${checkbox('delivery', tr(lang, 'Phát kết quả về cùng địa chỉ', 'Deliver the result to the same address'), { checked: v.delivery })}
          ${checkbox('cod', tr(lang, 'Nộp phí, lệ phí khi nhận kết quả (thu hộ)', 'Pay the fees when the result is delivered (cash on delivery)'), { checked: v.cod })}
        </fieldset>
        <button type="submit" class="button">${tr(lang, 'Gửi yêu cầu', 'Send the request')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- courier

function summaryLine(lang: Lang, i: ItemSummary | ItemView): SafeHtml {
  return html`${legText(lang, i.leg)} ·
    <strong>${statusText(lang, i.status)}</strong
    >${i.cashDueVnd > 0 ? html` · ${tr(lang, 'Thu', 'Collect')} ${formatVnd(i.cashDueVnd)}` : ''}`;
}

export function courierHomePage(
  ctx: PageContext,
  state: {
    day: string;
    items: readonly ItemView[];
    manifests: readonly ManifestView[];
    message?: string | undefined;
    errors?: readonly FieldError[];
  },
): string {
  const { lang } = ctx;
  const errors = state.errors ?? [];
  const title = tr(lang, 'Việc của bưu tá hôm nay', 'Today’s courier work');
  const pending = state.manifests.filter(
    (m) => m.receiver.side === 'courier' && m.receiver.confirmedAt === null,
  );
  return postalPage(
    ctx,
    title,
    html`${errorSummary(lang, errors)}${flash(state.message)}
      <h1>${title}</h1>
      <form method="get" action="/postal/courier/find">
        ${textInput(lang, { id: 'tn', label: tr(lang, 'Quét hoặc nhập mã bưu gửi', 'Scan or type a tracking number'), errors: errors.filter((e) => e.field === 'tn'), autocomplete: 'off' })}
        <button type="submit" class="button secondary">${tr(lang, 'Mở', 'Open')}</button>
      </form>
      <p class="actions">
        <a
          class="button secondary"
          href="/api/v1/postal/run-sheet?courier=${ctx.actor?.username ?? ''}&amp;day=${state.day}"
          >${tr(lang, 'Bảng kê (PDF)', 'Run sheet (PDF)')}</a
        >
      </p>
      ${pending.map(
        (m) =>
          html`<div class="panel">
            <p>
              ${tr(lang, 'Biên bản', 'Manifest')} <strong>${m.number}</strong>: ${m.itemCount}
              ${tr(lang, 'bưu gửi chờ bạn xác nhận', 'items waiting for your confirmation')}
            </p>
            <form method="post" action="/postal/manifests/${m.id}/confirm">
              <input type="hidden" name="_csrf" value="${ctx.csrfToken}" /><input
                type="hidden"
                name="back"
                value="/postal/courier"
              />
              ${textInput(lang, { id: `count-${m.id}`, label: tr(lang, 'Số bưu gửi bạn đã đếm', 'Items you counted'), inputmode: 'numeric', type: 'number' })}
              <button type="submit" class="button">${tr(lang, 'Xác nhận đã nhận', 'Confirm receipt')}</button>
            </form>
          </div>`,
      )}
      <h2>${tr(lang, 'Bưu gửi', 'Items')} (${state.items.length})</h2>
      <ul class="item-list">
        ${state.items.map(
          (i) =>
            html`<li>
              <a class="item-link tn" href="/postal/courier/items/${i.trackingNumber}">${i.trackingNumber}</a>
              ${summaryLine(lang, i)}<br />${i.address.text}${i.window ? html`<br />${tr(lang, 'Hẹn', 'Window')} ${i.window.from}–${i.window.to}` : ''}
            </li>`,
        )}
      </ul>`,
    { hasError: errors.length > 0 },
  );
}

export function courierItemPage(
  ctx: PageContext,
  state: { item: ItemView; message?: string | undefined; errors?: readonly FieldError[] },
): string {
  const { lang } = ctx;
  const i = state.item;
  const errors = state.errors ?? [];
  const action = `/postal/courier/items/${i.trackingNumber}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
  const button = (type: string, label: string, secondary = false) =>
    html`<form method="post" action="${action}">
      ${csrf}<input type="hidden" name="type" value="${type}" /><button
        type="submit"
        class="button${secondary ? ' secondary' : ''}"
      >
        ${label}
      </button>
    </form>`;
  const forms: SafeHtml[] = [];
  if (i.leg === 'pickup' && i.status === 'assigned') {
    forms.push(
      html`<form method="post" action="${action}">
        ${csrf}<input type="hidden" name="type" value="pick-up" />
        <fieldset>
          <legend>
            ${tr(lang, 'Kiểm đếm hồ sơ cùng người dân', 'Check the documents with the applicant')}
          </legend>
          ${i.documents.map((d) =>
            checkbox(
              'present',
              `${d.index}. ${d.name} (${d.count} ${d.form === 'original' ? tr(lang, 'bản chính', 'original') : d.form === 'certified_copy' ? tr(lang, 'bản sao chứng thực', 'certified copy') : tr(lang, 'bản sao', 'copy')})${d.mandatory ? '' : tr(lang, ' — nếu có', ' — if any')}`,
              { value: String(d.index), id: `present-${d.index}` },
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>${tr(lang, 'Phiếu hồ sơ, niêm phong, thu tiền', 'Slip, seal, cash')}</legend>
          ${checkbox('slipSignedByApplicant', tr(lang, 'Người dân đã ký phiếu hồ sơ', 'The applicant signed the dossier slip'))}
          ${checkbox('slipSignedByCourier', tr(lang, 'Bưu tá đã ký phiếu hồ sơ', 'I signed the dossier slip'))}
          ${checkbox('sealed', tr(lang, 'Đã niêm phong trước mặt người dân', 'Sealed in the applicant’s presence'))}
          ${i.cashDueVnd > 0 ? checkbox('cashCollected', `${tr(lang, 'Đã thu', 'Collected')} ${formatVnd(i.cashDueVnd)}`) : ''}
        </fieldset>
        <button type="submit" class="button">${tr(lang, 'Nhận hồ sơ', 'Collect the dossier')}</button>
      </form>`,
    );
  }
  if (i.leg === 'pickup' && i.status === 'picked_up')
    forms.push(button('hand-over', tr(lang, 'Bàn giao cho bộ phận một cửa', 'Hand over at the counter')));
  if (i.leg === 'delivery' && (i.status === 'assigned' || i.status === 'handover_pending'))
    forms.push(
      button('take-over', tr(lang, 'Nhận kết quả từ bộ phận một cửa', 'Take the result from the counter')),
    );
  if (
    i.leg === 'delivery' &&
    (i.status === 'with_courier' || i.status === 'attempt_failed') &&
    i.attempts < i.maxAttempts
  )
    forms.push(button('out-for-delivery', tr(lang, 'Đi phát', 'Out for delivery')));
  if (i.leg === 'delivery' && i.status === 'out_for_delivery') {
    forms.push(
      html`<form method="post" action="${action}" enctype="multipart/form-data">
        ${csrf}<input type="hidden" name="type" value="deliver" />
        <fieldset>
          <legend>${tr(lang, 'Phát thành công', 'Delivered')}</legend>
          ${textInput(lang, { id: 'recipient-name', label: tr(lang, 'Họ tên người nhận', 'Recipient’s name'), errors })}
          ${textInput(lang, { id: 'recipient-idNumber', label: tr(lang, 'Số định danh người nhận (đã kiểm tra giấy tờ)', 'Recipient’s ID number (document checked)'), errors, inputmode: 'numeric' })}
          ${checkbox('authorised', tr(lang, 'Người được ủy quyền nhận thay', 'An authorised person receives it'))}
          ${textInput(lang, { id: 'recipient-authorisationRef', label: tr(lang, 'Số giấy ủy quyền (nếu có)', 'Authorisation reference (if any)'), errors })}
          <label for="photo"
            >${tr(lang, 'Ảnh phiếu đã ký (JPEG, PNG; không bắt buộc)', 'Photo of the signed slip (JPEG, PNG; optional)')}</label
          >
          <input type="file" id="photo" name="photo" accept="image/jpeg,image/png" capture="environment" />
          ${i.cashDueVnd > 0 ? checkbox('cashCollected', `${tr(lang, 'Đã thu', 'Collected')} ${formatVnd(i.cashDueVnd)}`) : ''}
        </fieldset>
        <button type="submit" class="button">${tr(lang, 'Xác nhận đã phát', 'Confirm delivery')}</button>
      </form>`,
    );
  }
  if (
    (i.leg === 'delivery' && i.status === 'out_for_delivery') ||
    (i.leg === 'pickup' && i.status === 'assigned')
  ) {
    forms.push(
      html`<form method="post" action="${action}">
        ${csrf}<input type="hidden" name="type" value="fail-attempt" />
        <fieldset>
          <legend>
            ${i.leg === 'pickup' ? tr(lang, 'Thu gom không thành công', 'Pickup failed') : tr(lang, 'Phát không thành công', 'Delivery failed')}
          </legend>
          <label for="reason">${tr(lang, 'Lý do', 'Reason')}</label>
          <select id="reason" name="reason">
            ${FAIL_REASONS.map((r) => html`<option value="${r}">${FAIL_REASON_LABELS[r][lang]}</option>`)}
          </select>
          ${textInput(lang, { id: 'note', label: tr(lang, 'Ghi chú', 'Note'), errors })}
        </fieldset>
        <button type="submit" class="button secondary">
          ${tr(lang, 'Ghi nhận không thành công', 'Record the failed attempt')}
        </button>
      </form>`,
    );
  }
  if (i.leg === 'delivery' && (i.status === 'attempt_failed' || i.status === 'with_courier'))
    forms.push(
      button(
        'hand-over',
        tr(lang, 'Chuyển trả kết quả về bộ phận một cửa', 'Return the result to the counter'),
        true,
      ),
    );
  return postalPage(
    ctx,
    i.trackingNumber,
    html`${errorSummary(lang, errors)}${flash(state.message)}
      <p><a href="/postal/courier">${tr(lang, '← Danh sách', '← List')}</a></p>
      <h1 class="tn">${i.trackingNumber}</h1>
      <p>${summaryLine(lang, i)}</p>
      <dl>
        <dt>${tr(lang, 'Thủ tục', 'Procedure')}</dt>
        <dd>${i.procedure.name}</dd>
        ${
          i.dossierCode
            ? html`<dt>${tr(lang, 'Mã hồ sơ', 'Dossier')}</dt>
                <dd>${i.dossierCode}</dd>`
            : ''
        }
        <dt>${i.leg === 'pickup' ? tr(lang, 'Người gửi', 'Sender') : tr(lang, 'Người nhận', 'Recipient')}</dt>
        <dd>${i.address.contactName ?? i.applicant.fullName}</dd>
        <dt>${tr(lang, 'Điện thoại', 'Phone')}</dt>
        <dd>
          <a href="tel:${(i.address.phone ?? i.applicant.phone).replace(/\s/g, '')}"
            >${i.address.phone ?? i.applicant.phone}</a
          >
        </dd>
        <dt>${tr(lang, 'Địa chỉ', 'Address')}</dt>
        <dd>${i.address.text}</dd>
        ${
          i.window
            ? html`<dt>${tr(lang, 'Hẹn', 'Window')}</dt>
                <dd>${i.window.from}–${i.window.to}, ${i.window.date.split('-').reverse().join('/')}</dd>`
            : ''
        }
        <dt>${tr(lang, 'Phải thu', 'To collect')}</dt>
        <dd class="amount">${formatVnd(i.cashDueVnd)}</dd>
        <dt>${tr(lang, 'Lần phát', 'Attempts')}</dt>
        <dd>${i.attempts}/${i.maxAttempts}</dd>
        <dt>${tr(lang, 'Bộ phận một cửa', 'Counter')}</dt>
        <dd>${i.servicePoint.name}</dd>
      </dl>
      <div class="actions">${forms}</div>
      <h2>${tr(lang, 'Hành trình', 'History')}</h2>
      <ol class="steps">
        ${i.events.map((e) => html`<li>${when(e.at)} · ${statusText(lang, e.to as ItemStatus)} · ${e.actor}</li>`)}
      </ol>`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- counter

export function counterPage(
  ctx: PageContext,
  state: {
    servicePoint: { code: string; name: string };
    servicePoints: readonly { code: string; name: string }[];
    day: string;
    items: readonly ItemSummary[];
    manifests: readonly ManifestView[];
    cash: readonly CashDayView[];
    couriers: readonly { username: string; name: string }[];
    message?: string | undefined;
    errors?: readonly FieldError[];
  },
): string {
  const { lang } = ctx;
  const errors = state.errors ?? [];
  const title = `${tr(lang, 'Bưu chính công ích', 'Public postal service')} — ${state.servicePoint.name}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
  const act = (i: ItemSummary, type: string, label: string) =>
    html`<form method="post" action="/postal/counter/items/${i.trackingNumber}">
      ${csrf}<input type="hidden" name="type" value="${type}" /><input
        type="hidden"
        name="sp"
        value="${state.servicePoint.code}"
      /><button type="submit" class="button">${label}</button>
    </form>`;
  const actionsOf = (i: ItemSummary): SafeHtml[] => {
    const out: SafeHtml[] = [];
    if (i.leg === 'pickup' && (i.status === 'picked_up' || i.status === 'handover_pending'))
      out.push(act(i, 'take-over', tr(lang, 'Nhận hồ sơ (tiếp nhận)', 'Take over (receive the dossier)')));
    if (i.leg === 'delivery' && i.status === 'assigned')
      out.push(act(i, 'hand-over', tr(lang, 'Giao kết quả cho bưu tá', 'Hand the result to the courier')));
    if (i.leg === 'delivery' && ['with_courier', 'attempt_failed', 'return_pending'].includes(i.status))
      out.push(act(i, 'take-over', tr(lang, 'Nhận lại kết quả', 'Take the result back')));
    if (['created', 'assigned'].includes(i.status) && i.courier === null)
      out.push(act(i, 'assign', tr(lang, 'Phân công bưu tá', 'Assign a courier')));
    return out;
  };
  const waiting = state.manifests.filter(
    (m) => m.receiver.side === 'counter' && m.receiver.confirmedAt === null,
  );
  return postalPage(
    ctx,
    title,
    html`${errorSummary(lang, errors)}${flash(state.message)}
      <h1>${title}</h1>
      ${
        state.servicePoints.length > 1
          ? html`<form method="get" action="/postal/counter" class="inline-form">
              <div>
                <label for="sp">${tr(lang, 'Bộ phận một cửa', 'Service point')}</label>
                <select id="sp" name="sp">
                  ${state.servicePoints.map((s) => html`<option value="${s.code}" ${s.code === state.servicePoint.code ? html`selected` : ''}>${s.name}</option>`)}
                </select>
              </div>
              <button type="submit" class="button secondary">${tr(lang, 'Xem', 'Show')}</button>
            </form>`
          : ''
      }
      <p class="actions">
        <a class="button secondary" href="/postal/request"
          >${tr(lang, 'Nhận yêu cầu qua điện thoại', 'Take a phone request')}</a
        >
      </p>
      ${waiting.map(
        (m) =>
          html`<div class="panel">
            <p>
              ${tr(lang, 'Biên bản', 'Manifest')}
              <strong>${m.number}</strong> ${tr(lang, 'của bưu tá', 'from courier')} ${m.courier.name}:
              ${m.itemCount} ${tr(lang, 'bưu gửi', 'items')}
            </p>
            <form method="post" action="/postal/manifests/${m.id}/confirm">
              ${csrf}<input type="hidden" name="back" value="/postal/counter?sp=${state.servicePoint.code}" />
              ${textInput(lang, { id: `count-${m.id}`, label: tr(lang, 'Số bưu gửi đã đếm', 'Items counted'), type: 'number', inputmode: 'numeric' })}
              <button type="submit" class="button">${tr(lang, 'Xác nhận đã nhận', 'Confirm receipt')}</button>
            </form>
            <p>
              <a href="/api/v1/postal/manifests/${m.id}/pdf"
                >${tr(lang, 'Biên bản (PDF)', 'Manifest (PDF)')}</a
              >
            </p>
          </div>`,
      )}
      <h2>${tr(lang, 'Bưu gửi đang mở', 'Open items')} (${state.items.length})</h2>
      <ul class="item-list">
        ${state.items.map(
          (i) =>
            html`<li>
              <span class="tn"><strong>${i.trackingNumber}</strong></span> · ${summaryLine(lang, i)}
              ${i.dossierCode ? html`<br />${tr(lang, 'Hồ sơ', 'Dossier')} ${i.dossierCode}` : ''}
              ${i.courier ? html`<br />${tr(lang, 'Bưu tá', 'Courier')}: ${i.courier.name}` : ''}
              <div class="actions">${actionsOf(i)}</div>
            </li>`,
        )}
      </ul>
      <h2>${tr(lang, 'Tiền bưu tá nộp', 'Cash handed over by couriers')}</h2>
      <form method="post" action="/postal/counter/cash">
        ${csrf}<input type="hidden" name="sp" value="${state.servicePoint.code}" />
        <label for="courier">${tr(lang, 'Bưu tá', 'Courier')}</label>
        <select id="courier" name="courier">
          ${state.couriers.map((c) => html`<option value="${c.username}">${c.name} (${c.username})</option>`)}
        </select>
        ${textInput(lang, { id: 'day', label: tr(lang, 'Ngày thu', 'Day collected'), value: state.day, errors, type: 'date' })}
        ${textInput(lang, { id: 'amountVnd', label: tr(lang, 'Số tiền nộp (đồng)', 'Amount handed over (đồng)'), errors, type: 'number', inputmode: 'numeric' })}
        <button type="submit" class="button">${tr(lang, 'Ghi nhận tiền nộp', 'Record the cash')}</button>
      </form>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${tr(lang, 'Đối soát tiền trong ngày', 'Cash reconciliation of the day')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Bưu tá', 'Courier')}</th>
              <th scope="col" class="num">${tr(lang, 'Đã thu', 'Collected')}</th>
              <th scope="col" class="num">${tr(lang, 'Đã nộp', 'Handed over')}</th>
              <th scope="col" class="num">${tr(lang, 'Chênh lệch', 'Difference')}</th>
            </tr>
          </thead>
          <tbody>
            ${state.cash.map(
              (c) =>
                html`<tr>
                  <td>${c.courier}</td>
                  <td class="num">${formatVnd(c.collected.total)}</td>
                  <td class="num">${formatVnd(c.handedOver)}</td>
                  <td class="num ${c.flagged ? 'flag' : ''}">
                    ${formatVnd(c.difference)}${c.flagged ? html` <span>(${c.status === 'short' ? tr(lang, 'thiếu', 'short') : tr(lang, 'thừa', 'over')})</span>` : html` ✓`}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- custody (managers)

export function custodyPage(
  ctx: PageContext,
  state: { at: string; idleHours: number; flagged: number; items: readonly CustodyRow[] },
): string {
  const { lang } = ctx;
  const title = tr(lang, 'Theo dõi giao nhận hồ sơ giấy', 'Chain of custody of paper dossiers');
  const holder = (r: CustodyRow) =>
    r.holder.kind === 'citizen'
      ? tr(lang, 'Người dân', 'Citizen')
      : r.holder.kind === 'courier'
        ? `${tr(lang, 'Bưu tá', 'Courier')} ${r.holder.name ?? ''}`
        : (r.holder.name ?? '');
  const flagText = (f: CustodyRow['flags'][number]) =>
    f.kind === 'idle'
      ? `${tr(lang, 'Không có thao tác', 'No event for')} ${f.hours} ${tr(lang, 'giờ', 'hours')}`
      : `${tr(lang, 'Biên bản', 'Manifest')} ${f.manifestNumber}: ${f.confirmedBy === 'giver' ? tr(lang, 'bên nhận chưa xác nhận', 'receiver has not confirmed') : tr(lang, 'bên giao chưa xác nhận', 'giver has not confirmed')}`;
  return postalPage(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>
        ${tr(lang, 'Thời điểm', 'As of')} ${when(state.at)} · ${tr(lang, 'Ngưỡng tồn đọng', 'Idle threshold')}
        ${state.idleHours} ${tr(lang, 'giờ', 'hours')} ·
        <strong class="${state.flagged > 0 ? 'flag' : ''}"
          >${state.flagged} ${tr(lang, 'cảnh báo', 'flagged')}</strong
        >
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${title}
          </caption>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Mã bưu gửi', 'Tracking number')}</th>
              <th scope="col">${tr(lang, 'Trạng thái', 'Status')}</th>
              <th scope="col">${tr(lang, 'Đang giữ', 'Held by')}</th>
              <th scope="col">${tr(lang, 'Từ lúc', 'Since')}</th>
              <th scope="col">${tr(lang, 'Cảnh báo', 'Flags')}</th>
            </tr>
          </thead>
          <tbody>
            ${state.items.map(
              (r) =>
                html`<tr>
                  <td class="tn">${r.trackingNumber}${r.dossierCode ? html`<br />${r.dossierCode}` : ''}</td>
                  <td>${legText(lang, r.leg)}: ${statusText(lang, r.status)}</td>
                  <td>${holder(r)}</td>
                  <td>${when(r.holder.since)}</td>
                  <td>
                    ${
                      r.flags.length === 0
                        ? '—'
                        : html`<ul>
                            ${r.flags.map((f) => html`<li class="flag">${flagText(f)}</li>`)}
                          </ul>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}
