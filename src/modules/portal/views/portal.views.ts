/**
 * Citizen portal pages (GOV.UK Design System patterns in MotCua's look, no JavaScript): the lookup
 * form, the dossier's public status page, the rating form and its confirmation, and the counter
 * tablet (kiosk) screens. Vietnamese first, English second. Errors are summarised at the top and
 * repeated at their field, with what was typed kept.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { ERROR_CATALOG, type AppError } from '../../../kernel/errors.ts';
import { formatLocalDateTime } from '../../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import {
  csrfField,
  radioGroup,
  textArea,
  textInput,
  type FieldError,
} from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import {
  MAX_COMMENT_LENGTH,
  RATING_LABELS,
  RATINGS,
  type PublicDossierView,
  type Rating,
  type Text,
} from '../domain.ts';
import type { KioskDossier, RatingReceipt } from '../portal.service.ts';

export const PORTAL_CSS_PATH = '/portal/assets/portal.css';

const tr = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);
const txt = (lang: Lang, t: Text): string => t[lang];
const when = (iso: string | null | undefined): string => (iso ? formatLocalDateTime(new Date(iso)) : '—');
const enc = encodeURIComponent;

/** The portal's text inputs: a `field` wrapper, autocomplete off unless a caller names a token. */
const PORTAL_INPUT = { group: 'field', autocomplete: 'off' } as const;

/** A portal page: the layout with the portal stylesheet and a `.portal` wrapper. */
export function portalPage(
  ctx: PageContext,
  title: string,
  body: SafeHtml,
  options: { hasError?: boolean; kiosk?: boolean } = {},
): string {
  const wrapped = html`<div class="portal${options.kiosk ? ' kiosk' : ''}">${body}</div>`;
  const full = page(ctx, title, wrapped, options).replace(
    '<link rel="stylesheet" href="/assets/app.css" />',
    `<link rel="stylesheet" href="/assets/app.css" /><link rel="stylesheet" href="${PORTAL_CSS_PATH}" />`,
  );
  // Kiosk mode: the tablet is in the citizen's hands, so no site navigation (the screens carry
  // their own language switch and way back).
  return options.kiosk ? full.replace(/<nav\b[\s\S]*?<\/nav>/, '') : full;
}

/** The same page in the other language (`?lang=`), as the layout's switch does. */
function langSwitch(ctx: PageContext): SafeHtml {
  const url = new URL(ctx.path, 'http://x');
  const other = ctx.lang === 'vi' ? 'en' : 'vi';
  url.searchParams.set('lang', other);
  return html`<a href="${url.pathname}${url.search}" lang="${other}" hreflang="${other}"
    >${ctx.lang === 'vi' ? 'English' : 'Tiếng Việt'}</a
  >`;
}

/** The message of an error for a page, at `field` (the form's first field when the error has none). */
export function errorsOf(lang: Lang, error: AppError, field: string): FieldError[] {
  const message = ERROR_CATALOG[error.code][lang];
  if (error.invalidParams && error.invalidParams.length > 0)
    return error.invalidParams.map((p) => ({
      field: p.name.replace(/^(body|querystring|params)\/?/, '') || field,
      message,
    }));
  return [{ field, message }];
}

/** The dossier code as printed on the receipt (lookup and kiosk forms). */
function dossierCodeField(lang: Lang, value: string, errors: readonly FieldError[]): SafeHtml {
  return textInput(lang, {
    ...PORTAL_INPUT,
    id: 'code',
    label: tr(lang, 'Mã hồ sơ', 'Dossier code'),
    value,
    errors,
    hint: tr(lang, 'Ví dụ: H21.52-260302-0001', 'For example: H21.52-260302-0001'),
    maxlength: 100,
  });
}

// ---------------------------------------------------------------- lookup

export interface LookupForm {
  readonly code: string;
  readonly phone4: string;
}

export function lookupFormPage(
  ctx: PageContext,
  form: LookupForm,
  errors: readonly FieldError[] = [],
): string {
  const { lang } = ctx;
  const title = tr(lang, 'Tra cứu hồ sơ', 'Check a dossier');
  return portalPage(
    ctx,
    title,
    html`${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <p>
        ${tr(
          lang,
          'Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, và 4 số cuối của số điện thoại bạn đã khai khi nộp hồ sơ.',
          'Enter the dossier code printed on your receipt and the last 4 digits of the phone number you gave when you applied.',
        )}
      </p>
      <form method="post" action="/tra-cuu" novalidate>
        ${csrfField(ctx.csrfToken)} ${dossierCodeField(lang, form.code, errors)}
        ${textInput(lang, {
          ...PORTAL_INPUT,
          id: 'phone4',
          label: tr(lang, '4 số cuối điện thoại', 'Last 4 digits of your phone'),
          value: form.phone4,
          errors,
          hint: tr(lang, 'Ví dụ: 5678', 'For example: 5678'),
          inputmode: 'numeric',
          width: 'narrow',
          maxlength: 4,
        })}
        <button type="submit" class="button">${tr(lang, 'Tra cứu', 'Check')}</button>
      </form>
      <p>
        ${tr(
          lang,
          'Nếu có Giấy tiếp nhận, bạn cũng có thể quét mã QR in trên giấy để xem hồ sơ.',
          'If you have the receipt, you can also scan its QR code to see your dossier.',
        )}
      </p>`,
    { hasError: errors.length > 0 },
  );
}

function timeline(lang: Lang, view: PublicDossierView): SafeHtml {
  if (view.timeline.length === 0) return html``;
  return html`<h2>${tr(lang, 'Quá trình giải quyết', 'Progress')}</h2>
    <ol class="timeline">
      ${view.timeline.map(
        (s) => html`<li><span class="when">${when(s.at)}</span> <span>${txt(lang, s.label)}</span></li>`,
      )}
    </ol>`;
}

/** The public status page of a dossier. `ratingHref`: where the rating link goes (with the token when the holder came by QR). */
export function resultPage(ctx: PageContext, view: PublicDossierView, ratingHref: string): string {
  const { lang } = ctx;
  const title = tr(lang, `Hồ sơ ${view.code}`, `Dossier ${view.code}`);
  const latestApology = view.apologies[view.apologies.length - 1];
  const row = (dt: string, dd: SafeHtml | string) =>
    html`<div>
      <dt>${dt}</dt>
      <dd>${dd}</dd>
    </div>`;
  return portalPage(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p class="status-line">
        ${tr(lang, 'Tình trạng', 'Status')}:
        <strong class="tag status">${txt(lang, view.statusLabel)}</strong>
      </p>
      <dl class="summary">
        ${row(tr(lang, 'Thủ tục', 'Procedure'), view.procedure.name)}
        ${row(tr(lang, 'Nơi tiếp nhận', 'Received at'), `${view.servicePoint.name}, ${view.servicePoint.address}`)}
        ${view.receivedAt ? row(tr(lang, 'Ngày tiếp nhận', 'Received on'), when(view.receivedAt)) : ''}
        ${
          view.appointment.dueAt && !view.returnedAt && !view.closing
            ? row(tr(lang, 'Hẹn trả kết quả', 'Result due'), when(view.appointment.dueAt))
            : ''
        }
        ${view.returnedAt ? row(tr(lang, 'Ngày trả kết quả', 'Result handed over'), when(view.returnedAt)) : ''}
      </dl>
      ${
        view.supplement
          ? html`<div class="panel notice" role="region" aria-labelledby="supplement-title">
              <h2 id="supplement-title">${tr(lang, 'Cần bổ sung giấy tờ', 'More documents needed')}</h2>
              <p>${view.supplement.reason}</p>
              ${
                view.supplement.items.length > 0
                  ? html`<p>${tr(lang, 'Bạn cần mang đến:', 'Please bring:')}</p>
                      <ul>
                        ${view.supplement.items.map((i) => html`<li>${i}</li>`)}
                      </ul>`
                  : ''
              }
              <p>
                ${tr(lang, 'Nộp bổ sung tại', 'Bring them to')}:
                <strong>${view.supplement.bringTo.name}</strong>, ${view.supplement.bringTo.address}.
                ${tr(
                  lang,
                  'Thời hạn giải quyết tạm dừng cho đến khi bạn bổ sung đủ.',
                  'The time limit is paused until you bring them.',
                )}
              </p>
            </div>`
          : ''
      }
      ${
        latestApology
          ? html`<div class="panel notice" role="region" aria-labelledby="apology-title">
              <h2 id="apology-title">${tr(lang, 'Thư xin lỗi và hẹn lại', 'Apology and new date')}</h2>
              <p>
                ${tr(
                  lang,
                  'Cơ quan giải quyết xin lỗi vì hồ sơ chưa được giải quyết đúng hẹn.',
                  'The agency apologises: your dossier was not decided on time.',
                )}
                ${latestApology.reason ? html`${tr(lang, 'Lý do', 'Reason')}: ${latestApology.reason}.` : ''}
              </p>
              <p>
                ${tr(lang, 'Ngày hẹn mới', 'New date')}: <strong>${when(latestApology.newDueAt)}</strong>
                (${tr(lang, 'hẹn cũ', 'previously')} ${when(latestApology.previousDueAt)}).
              </p>
            </div>`
          : ''
      }
      ${
        view.result
          ? html`<div class="panel success" role="region" aria-labelledby="result-title">
              <h2 id="result-title">${tr(lang, 'Kết quả', 'Result')}</h2>
              <p>
                ${tr(lang, 'Có kết quả từ', 'Ready since')} ${when(view.result.readyAt)}.
                ${txt(lang, view.result.methodLabel)}.
              </p>
              ${
                view.result.collectAt && !view.returnedAt
                  ? html`<p>
                      ${tr(lang, 'Nơi nhận kết quả', 'Collect it at')}:
                      <strong>${view.result.collectAt.name}</strong>, ${view.result.collectAt.address}.
                      ${tr(
                        lang,
                        'Mang theo Giấy tiếp nhận và giấy tờ tùy thân (hoặc giấy ủy quyền).',
                        'Bring the receipt and an identity document (or a letter of authorisation).',
                      )}
                    </p>`
                  : ''
              }
              ${view.result.postal.map(
                (p) =>
                  html`<p>
                    ${tr(lang, 'Số hiệu bưu gửi', 'Tracking number')}:
                    <a href="/tracking?q=${enc(p.trackingNumber)}">${p.trackingNumber}</a> —
                    ${txt(lang, p.statusLabel)}
                  </p>`,
              )}
            </div>`
          : ''
      }
      ${
        view.closing
          ? html`<div class="panel notice">
              <h2>${txt(lang, view.statusLabel)}</h2>
              <p>${view.closing.reason}</p>
            </div>`
          : ''
      }
      ${
        view.rating.open
          ? html`<p>
              <a class="button" href="${ratingHref}"
                >${tr(lang, 'Đánh giá mức độ hài lòng', 'Rate your satisfaction')}</a
              >
            </p>`
          : view.rating.given
            ? html`<p>${tr(lang, 'Cảm ơn bạn đã đánh giá.', 'Thank you for your rating.')}</p>`
            : ''
      }
      ${timeline(lang, view)}
      <p><a href="/tra-cuu">${tr(lang, 'Tra cứu hồ sơ khác', 'Check another dossier')}</a></p>`,
  );
}

// ---------------------------------------------------------------- rating

export interface RatingForm {
  readonly rating: string;
  readonly comment: string;
  readonly phone4: string;
}

export function ratingFormPage(
  ctx: PageContext,
  state: { code: string; token?: string | undefined; form: RatingForm; errors: readonly FieldError[] },
): string {
  const { lang } = ctx;
  const { code, token, form, errors } = state;
  const title = tr(lang, 'Đánh giá mức độ hài lòng', 'Rate your satisfaction');
  return portalPage(
    ctx,
    title,
    html`${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <p>
        ${tr(lang, 'Hồ sơ', 'Dossier')} <strong>${code}</strong>.
        ${tr(lang, 'Mỗi hồ sơ được đánh giá một lần.', 'Each dossier can be rated once.')}
      </p>
      <form method="post" action="/danh-gia/${enc(code)}" novalidate>
        ${csrfField(ctx.csrfToken)}
        ${
          token
            ? html`<input type="hidden" name="token" value="${token}" />`
            : textInput(lang, {
                ...PORTAL_INPUT,
                id: 'phone4',
                label: tr(lang, '4 số cuối điện thoại', 'Last 4 digits of your phone'),
                value: form.phone4,
                errors,
                hint: tr(
                  lang,
                  'Số điện thoại bạn đã khai khi nộp hồ sơ',
                  'The phone number you gave when you applied',
                ),
                inputmode: 'numeric',
                width: 'narrow',
                maxlength: 4,
              })
        }
        ${radioGroup(lang, errors, {
          name: 'rating',
          legend: tr(
            lang,
            'Bạn có hài lòng với việc giải quyết hồ sơ?',
            'How satisfied are you with how your dossier was handled?',
          ),
          value: form.rating,
          options: RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r][lang] })),
          group: 'field',
          itemClass: 'radio',
        })}
        ${textArea(lang, {
          id: 'comment',
          label: tr(lang, 'Góp ý (không bắt buộc)', 'Comment (optional)'),
          hint: tr(
            lang,
            `Tối đa ${MAX_COMMENT_LENGTH} ký tự. Không ghi thông tin cá nhân.`,
            `At most ${MAX_COMMENT_LENGTH} characters. Do not include personal details.`,
          ),
          value: form.comment,
          rows: 4,
          errors,
          group: 'field',
        })}
        <button type="submit" class="button">${tr(lang, 'Gửi đánh giá', 'Send rating')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function ratingDonePage(ctx: PageContext, receipt: RatingReceipt): string {
  const { lang } = ctx;
  const title = tr(lang, 'Cảm ơn bạn đã đánh giá', 'Thank you for your rating');
  return portalPage(
    ctx,
    title,
    html`<div class="panel success" role="status">
        <h1>${title}</h1>
        <p>
          ${tr(lang, 'Hồ sơ', 'Dossier')} <strong>${receipt.code}</strong>: ${txt(lang, receipt.ratingLabel)}.
        </p>
      </div>
      <p><a href="/tra-cuu">${tr(lang, 'Tra cứu hồ sơ', 'Check a dossier')}</a></p>`,
  );
}

/** The rating cannot be given (already given, or not returned yet): said plainly, with a way on. */
export function ratingClosedPage(ctx: PageContext, code: string, error: AppError): string {
  const { lang } = ctx;
  const title = ERROR_CATALOG[error.code][lang];
  return portalPage(
    ctx,
    tr(lang, 'Đánh giá mức độ hài lòng', 'Rate your satisfaction'),
    html`<h1>${tr(lang, 'Đánh giá mức độ hài lòng', 'Rate your satisfaction')}</h1>
      <div class="panel notice" role="status"><p>${tr(lang, 'Hồ sơ', 'Dossier')} ${code}: ${title}</p></div>
      <p><a href="/tra-cuu">${tr(lang, 'Tra cứu hồ sơ', 'Check a dossier')}</a></p>`,
  );
}

// ---------------------------------------------------------------- kiosk (counter tablet)

export function kioskWaitingPage(
  ctx: PageContext,
  state: { code: string; errors: readonly FieldError[]; done: boolean },
): string {
  const { lang } = ctx;
  const title = tr(lang, 'Đánh giá tại quầy', 'Counter rating');
  return portalPage(
    ctx,
    title,
    html`${errorSummary(lang, state.errors)}
      ${
        state.done
          ? html`<div class="panel success" role="status">
              <p>${tr(lang, 'Cảm ơn ông/bà đã đánh giá!', 'Thank you for your rating!')}</p>
            </div>`
          : ''
      }
      <h1>${title}</h1>
      <p>
        ${tr(
          lang,
          'Nhân viên nhập mã hồ sơ vừa trả kết quả, rồi đưa máy cho người dân chọn mức độ hài lòng.',
          'The clerk enters the code of the dossier just returned, then hands the tablet to the citizen.',
        )}
      </p>
      <form method="post" action="/kiosk/danh-gia" novalidate>
        ${csrfField(ctx.csrfToken)} ${dossierCodeField(lang, state.code, state.errors)}
        <button type="submit" class="button">${tr(lang, 'Mời đánh giá', 'Ask for a rating')}</button>
      </form>
      <p class="kiosk-links">
        ${langSwitch(ctx)} ·
        <a href="/">${tr(lang, 'Thoát chế độ đánh giá tại quầy', 'Leave the rating kiosk')}</a>
      </p>`,
    { hasError: state.errors.length > 0, kiosk: true },
  );
}

/** Stars rather than emoji: every font of a counter tablet has U+2605. */
const KIOSK_ICONS: Record<Rating, string> = { very_satisfied: '★★★', satisfied: '★★', not_satisfied: '★' };

export function kioskRatePage(ctx: PageContext, dossier: KioskDossier): string {
  const { lang } = ctx;
  const title = tr(lang, 'Ông/bà có hài lòng không?', 'Are you satisfied?');
  return portalPage(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>${tr(lang, 'Hồ sơ', 'Dossier')} <strong>${dossier.code}</strong> — ${dossier.procedureName}</p>
      <form method="post" action="/kiosk/danh-gia/${enc(dossier.code)}" class="kiosk-buttons">
        ${csrfField(ctx.csrfToken)}
        ${RATINGS.map(
          (r) =>
            html`<button type="submit" name="rating" value="${r}" class="kiosk-button ${r}">
              <span aria-hidden="true">${KIOSK_ICONS[r]}</span> ${RATING_LABELS[r][lang]}
            </button>`,
        )}
      </form>
      <p class="kiosk-links">
        ${langSwitch(ctx)} ·
        <a href="/kiosk/danh-gia">${tr(lang, 'Quay lại (không đánh giá)', 'Back (no rating)')}</a>
      </p>`,
    { kiosk: true },
  );
}
