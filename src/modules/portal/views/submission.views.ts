/**
 * The online submission wizard's pages (GOV.UK patterns: start page, one question per page, errors
 * summarised at the top with the input kept, check your answers with change links, confirmation
 * with the reference and what happens next). Server-rendered, no JavaScript.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { ProcedureVersion } from '../../catalog/domain/procedure.ts';
import type { ReturnMethod, ServicePointRef } from '../../dossiers/domain/types.ts';
import type { Citizen } from '../../identity/domain.ts';
import {
  csrfField,
  errorMessage,
  radioGroup,
  textInput,
  type FieldError,
} from '../../../views/form-components.ts';
import { L } from '../../identity/views/kit.ts';
import type { DraftView } from '../submission.service.ts';

const FORM_NAMES: Record<string, { vi: string; en: string }> = {
  original: { vi: 'bản chính', en: 'original' },
  certified_copy: { vi: 'bản sao có chứng thực', en: 'certified copy' },
  copy: { vi: 'bản sao', en: 'copy' },
};

export const RETURN_NAMES: Record<ReturnMethod, { vi: string; en: string; hintVi: string; hintEn: string }> =
  {
    counter: {
      vi: 'Nhận tại bộ phận một cửa',
      en: 'Collect it at the one-stop counter',
      hintVi: 'Mang theo giấy tờ tùy thân khi đến nhận.',
      hintEn: 'Bring an identity document.',
    },
    postal: {
      vi: 'Nhận qua dịch vụ bưu chính công ích (Bưu điện chuyển phát đến địa chỉ)',
      en: 'By public postal service (the post office delivers it to your address)',
      hintVi: 'Cước chuyển phát theo bảng giá của Bưu điện.',
      hintEn: 'Postage as in the post office’s tariff.',
    },
    online: {
      vi: 'Nhận kết quả điện tử',
      en: 'Electronic result',
      hintVi: 'Kết quả bản điện tử, tra cứu bằng mã hồ sơ.',
      hintEn: 'An electronic result, found with the dossier code.',
    },
  };

const back = (href: string, lang: Lang): SafeHtml =>
  html`<p><a href="${href}">« ${L(lang, 'Quay lại', 'Back')}</a></p>`;

function citizenBar(ctx: PageContext, citizen: Citizen | undefined): SafeHtml | '' {
  if (!citizen) return '';
  const who = citizen.fullName ?? citizen.email ?? citizen.phone ?? '';
  return html`<form class="inline-form" method="post" action="/dinh-danh/thoat">
    <p class="hint">${L(ctx.lang, 'Đã xác minh', 'Identified')}: ${who}</p>
    ${csrfField(ctx.csrfToken)}
    <button class="button secondary" type="submit">${L(ctx.lang, 'Thoát', 'Sign out')}</button>
  </form>`;
}

/** /nop-truc-tuyen/{code}: the start page. */
export function startPage(
  ctx: PageContext,
  v: ProcedureVersion,
  citizen: Citizen | undefined,
  servicePoints: number,
): string {
  const { lang } = ctx;
  const title = L(lang, `Nộp hồ sơ trực tuyến: ${v.name}`, `Apply online: ${v.name}`);
  const path = `/nop-truc-tuyen/${encodeURIComponent(v.code)}`;
  return page(
    ctx,
    title,
    html`<p><a href="/thu-tuc/${v.code}">« ${L(lang, 'Thông tin thủ tục', 'About the procedure')}</a></p>
      <p class="caption">${L(lang, 'Mã thủ tục', 'Procedure code')} ${v.code}</p>
      <h1>${title}</h1>
      <p>${L(lang, 'Ông/Bà sẽ cần:', 'You will need:')}</p>
      <ul>
        <li>
          ${L(lang, 'địa chỉ e-mail hoặc số điện thoại để nhận mã xác minh (hoặc tài khoản định danh điện tử);', 'an e-mail address or phone number for a verification code (or your electronic ID);')}
        </li>
        <li>${L(lang, 'số định danh cá nhân (12 chữ số);', 'your personal ID number (12 digits);')}</li>
        ${
          v.documents.length > 0
            ? html`<li>
                ${L(lang, 'bản quét hoặc ảnh chụp (PDF, JPEG, PNG, tối đa 10 MB mỗi tệp) của:', 'a scan or photo (PDF, JPEG, PNG, up to 10 MB each) of:')}
                <ul>
                  ${v.documents.map(
                    (d) =>
                      html`<li>
                        ${d.name}
                        (${FORM_NAMES[d.form]?.[lang] ?? d.form})${d.mandatory ? '' : L(lang, ' — nếu có', ' — if any')}
                      </li>`,
                  )}
                </ul>
              </li>`
            : ''
        }
      </ul>
      <p>
        ${L(lang, 'Hồ sơ được gửi đến bộ phận một cửa; cán bộ kiểm tra và tiếp nhận, sau đó Ông/Bà nhận thông báo ngày hẹn trả kết quả.', 'Your dossier goes to a one-stop counter; a clerk checks and receives it, then you are told the date the result is due.')}
        ${
          v.onlineLevel === 'partial'
            ? L(
                lang,
                ' Thủ tục này là dịch vụ trực tuyến một phần: có thể Ông/Bà phải nộp bản giấy hoặc nhận kết quả tại quầy.',
                ' This procedure is partly online: you may have to bring paper documents or collect the result at the counter.',
              )
            : ''
        }
      </p>
      ${
        servicePoints === 0
          ? html`<div class="panel" role="note">
              ${L(lang, 'Hiện chưa có bộ phận một cửa nào nhận thủ tục này trực tuyến.', 'No one-stop counter takes this procedure online at the moment.')}
            </div>`
          : citizen
            ? html`<form method="post" action="${path}">
                ${csrfField(ctx.csrfToken)}
                <button class="button" type="submit">${L(lang, 'Bắt đầu', 'Start now')}</button>
              </form>`
            : html`<p>
                <a class="button" href="/dinh-danh?next=${encodeURIComponent(path)}"
                  >${L(lang, 'Xác minh danh tính và bắt đầu', 'Identify yourself and start')}</a
                >
              </p>`
      }`,
  );
}

/** A procedure that cannot be submitted online: say so and where to go instead. */
export function notOnlinePage(ctx: PageContext, v: ProcedureVersion): string {
  const { lang } = ctx;
  const title = L(
    lang,
    'Thủ tục này không nộp trực tuyến được',
    'This procedure cannot be applied for online',
  );
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>${v.name} (${v.code})</p>
      <p>
        ${L(lang, 'Vui lòng nộp hồ sơ trực tiếp tại bộ phận một cửa', 'Please apply at a one-stop counter')}${
          v.postal.sendDossier
            ? L(
                lang,
                ' hoặc gửi qua dịch vụ bưu chính công ích',
                ' or send the dossier by public postal service',
              )
            : ''
        }.
      </p>
      <p>
        <a href="/thu-tuc/${v.code}"
          >${L(lang, 'Xem giấy tờ cần chuẩn bị', 'See which documents to bring')}</a
        >
        ·
        <a href="/diem-phuc-vu">${L(lang, 'Địa chỉ bộ phận một cửa', 'One-stop counters')}</a>
      </p>`,
  );
}

export function servicePointPage(
  ctx: PageContext,
  draft: DraftView,
  points: readonly ServicePointRef[],
  errors: readonly FieldError[],
  value: string,
): string {
  const { lang } = ctx;
  const title = L(
    lang,
    'Ông/Bà nộp hồ sơ đến bộ phận một cửa nào?',
    'Which one-stop counter should receive your dossier?',
  );
  const error = errors.find((e) => e.field === 'servicePoint')?.message;
  return page(
    ctx,
    title,
    html`${back(`/nop-truc-tuyen/${draft.procedureCode}`, lang)} ${errorSummary(lang, errors)}
      <form method="post" action="/ho-so-nop/${draft.id}/noi-nop" novalidate>
        ${csrfField(ctx.csrfToken)}
        <div class="${error ? 'field-error' : ''}">
          <h1><label for="servicePoint">${title}</label></h1>
          <span class="hint" id="servicePoint-hint"
            >${L(lang, 'Thường là nơi Ông/Bà cư trú.', 'Usually where you live.')}</span
          >
          ${errorMessage(lang, 'servicePoint', error)}
          <select id="servicePoint" name="servicePoint" aria-describedby="servicePoint-hint">
            <option value="">${L(lang, '— Chọn —', '— Choose —')}</option>
            ${points.map(
              (p) =>
                html`<option value="${p.code}" ${p.code === value ? html`selected` : ''}>${p.name}</option>`,
            )}
          </select>
        </div>
        <button class="button" type="submit">${L(lang, 'Tiếp tục', 'Continue')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export interface ApplicantForm {
  readonly fullName: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
}

export function applicantPage(
  ctx: PageContext,
  draft: DraftView,
  form: ApplicantForm,
  errors: readonly FieldError[],
  backHref: string,
  change: boolean,
): string {
  const { lang } = ctx;
  const title = L(lang, 'Thông tin người nộp hồ sơ', 'Your details');
  return page(
    ctx,
    title,
    html`${back(backHref, lang)} ${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <form method="post" action="/ho-so-nop/${draft.id}/nguoi-nop${change ? '?sua=1' : ''}" novalidate>
        ${csrfField(ctx.csrfToken)}
        ${textInput(lang, { errors, id: 'fullName', label: L(lang, 'Họ và tên', 'Full name'), value: form.fullName, autocomplete: 'name', width: 'wide' })}
        ${textInput(lang, { errors, id: 'idNumber', label: L(lang, 'Số định danh cá nhân', 'Personal ID number'), hint: L(lang, '12 chữ số, in trên thẻ căn cước.', '12 digits, printed on your ID card.'), value: form.idNumber, inputmode: 'numeric' })}
        ${textInput(lang, { errors, id: 'phone', label: L(lang, 'Số điện thoại', 'Phone number'), hint: L(lang, 'Để tra cứu hồ sơ (4 số cuối) và nhận tin nhắn.', 'To look up the dossier (last 4 digits) and get text messages.'), value: form.phone, type: 'tel', autocomplete: 'tel' })}
        ${textInput(lang, { errors, id: 'email', label: L(lang, 'E-mail (không bắt buộc)', 'E-mail (optional)'), hint: L(lang, 'Để nhận thư xác nhận và thông báo.', 'For the confirmation and notices.'), value: form.email, type: 'email', autocomplete: 'email', width: 'wide' })}
        ${textInput(lang, { errors, id: 'address', label: L(lang, 'Địa chỉ cư trú', 'Address'), value: form.address, autocomplete: 'street-address', width: 'wide' })}
        <button class="button" type="submit">${L(lang, 'Tiếp tục', 'Continue')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function uploadPage(
  ctx: PageContext,
  draft: DraftView,
  v: ProcedureVersion,
  index: number,
  errors: readonly FieldError[],
  backHref: string,
  change: boolean,
): string {
  const { lang } = ctx;
  const doc = v.documents[index - 1]!;
  const title = L(lang, `Tải lên: ${doc.name}`, `Upload: ${doc.name}`);
  const current = draft.files.find((f) => f.documentIndex === index);
  const error = errors.find((e) => e.field === 'file')?.message;
  return page(
    ctx,
    title,
    html`${back(backHref, lang)} ${errorSummary(lang, errors)}
      <p class="caption">
        ${L(lang, `Giấy tờ ${index} trên ${v.documents.length}`, `Document ${index} of ${v.documents.length}`)}
      </p>
      <form
        method="post"
        action="/ho-so-nop/${draft.id}/giay-to/${index}${change ? '?sua=1' : ''}"
        enctype="multipart/form-data"
        novalidate
      >
        ${csrfField(ctx.csrfToken)}
        <div class="${error ? 'field-error' : ''}">
          <h1><label for="file">${title}</label></h1>
          <span class="hint" id="file-hint"
            >${FORM_NAMES[doc.form]?.[lang] ?? doc.form}${doc.count > 1 ? ` × ${doc.count}` : ''}.
            ${doc.mandatory ? L(lang, 'Bắt buộc.', 'Required.') : L(lang, 'Không bắt buộc.', 'Optional.')}
            ${L(lang, 'PDF, JPEG hoặc PNG, tối đa 10 MB.', 'PDF, JPEG or PNG, up to 10 MB.')}</span
          >
          ${
            current
              ? html`<p>
                  ${L(lang, 'Đã tải lên', 'Uploaded')}:
                  <strong>${current.fileName}</strong> (${Math.ceil(current.size / 1024)} KB).
                  ${L(lang, 'Chọn tệp khác nếu muốn thay.', 'Choose another file to replace it.')}
                </p>`
              : ''
          }
          ${errorMessage(lang, 'file', error)}
          <input
            id="file"
            name="file"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-describedby="file-hint${error ? ' file-error' : ''}"
          />
        </div>
        <button class="button" type="submit">${L(lang, 'Tiếp tục', 'Continue')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function returnMethodPage(
  ctx: PageContext,
  draft: DraftView,
  allowed: readonly ReturnMethod[],
  form: { returnMethod: string; deliveryAddress: string },
  errors: readonly FieldError[],
  backHref: string,
  change: boolean,
): string {
  const { lang } = ctx;
  const title = L(lang, 'Ông/Bà muốn nhận kết quả bằng cách nào?', 'How do you want to receive the result?');
  return page(
    ctx,
    title,
    html`${back(backHref, lang)} ${errorSummary(lang, errors)}
      <form method="post" action="/ho-so-nop/${draft.id}/nhan-ket-qua${change ? '?sua=1' : ''}" novalidate>
        ${csrfField(ctx.csrfToken)}
        ${radioGroup(lang, errors, {
          name: 'returnMethod',
          legend: title,
          headingLegend: true,
          value: form.returnMethod,
          options: allowed.map((m) => ({
            value: m,
            label: RETURN_NAMES[m][lang],
            hint: lang === 'vi' ? RETURN_NAMES[m].hintVi : RETURN_NAMES[m].hintEn,
            ...(m === 'postal'
              ? {
                  extra: textInput(lang, {
                    errors,
                    id: 'deliveryAddress',
                    label: L(
                      lang,
                      'Địa chỉ nhận kết quả (nếu nhận qua bưu chính)',
                      'Delivery address (if by post)',
                    ),
                    value: form.deliveryAddress,
                    autocomplete: 'street-address',
                    width: 'wide',
                  }),
                }
              : {}),
          })),
        })}
        <button class="button" type="submit">${L(lang, 'Tiếp tục', 'Continue')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function checkAnswersPage(
  ctx: PageContext,
  draft: DraftView,
  v: ProcedureVersion,
  servicePoint: ServicePointRef | undefined,
  errors: readonly FieldError[],
  citizen: Citizen | undefined,
): string {
  const { lang } = ctx;
  const title = L(lang, 'Kiểm tra thông tin trước khi nộp', 'Check your answers before submitting');
  const a = draft.applicant;
  const base = `/ho-so-nop/${draft.id}`;
  const row = (label: string, value: SafeHtml | string, href: string, what: string, id?: string) =>
    html`<div ${id ? html`id="${id}"` : ''}>
      <dt>${label}</dt>
      <dd>${value}</dd>
      <dd>
        <a href="${href}">${L(lang, 'Thay đổi', 'Change')}<span class="visually-hidden"> ${what}</span></a>
      </dd>
    </div>`;
  return page(
    ctx,
    title,
    html`${citizenBar(ctx, citizen)} ${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <h2>${v.name}</h2>
      <dl class="summary">
        ${row(L(lang, 'Nơi nộp', 'Counter'), servicePoint?.name ?? '—', `${base}/noi-nop`, L(lang, 'nơi nộp', 'counter'))}
        ${row(L(lang, 'Họ và tên', 'Full name'), a?.fullName ?? '—', `${base}/nguoi-nop?sua=1`, L(lang, 'họ và tên', 'full name'), 'applicant')}
        ${row(L(lang, 'Số định danh cá nhân', 'Personal ID number'), a && a.kind === 'person' ? a.idNumber : '—', `${base}/nguoi-nop?sua=1`, L(lang, 'số định danh', 'ID number'))}
        ${row(L(lang, 'Số điện thoại', 'Phone'), a?.phone ?? '—', `${base}/nguoi-nop?sua=1`, L(lang, 'số điện thoại', 'phone'))}
        ${row(L(lang, 'E-mail', 'E-mail'), a?.email || '—', `${base}/nguoi-nop?sua=1`, 'e-mail')}
        ${row(L(lang, 'Địa chỉ', 'Address'), a?.address ?? '—', `${base}/nguoi-nop?sua=1`, L(lang, 'địa chỉ', 'address'))}
        ${v.documents.map((d, i) => {
          const f = draft.files.find((x) => x.documentIndex === i + 1);
          return row(
            d.name,
            f ? f.fileName : L(lang, 'Chưa tải lên', 'Not uploaded'),
            `${base}/giay-to/${i + 1}?sua=1`,
            d.name,
            `doc-${i + 1}`,
          );
        })}
        ${row(
          L(lang, 'Nhận kết quả', 'Result'),
          draft.returnMethod
            ? `${RETURN_NAMES[draft.returnMethod][lang]}${draft.returnMethod === 'postal' && draft.deliveryAddress ? `: ${draft.deliveryAddress}` : ''}`
            : '—',
          `${base}/nhan-ket-qua?sua=1`,
          L(lang, 'cách nhận kết quả', 'how to receive the result'),
        )}
      </dl>
      <h2>${L(lang, 'Gửi hồ sơ', 'Submit your dossier')}</h2>
      <p>
        ${L(lang, 'Bằng việc gửi hồ sơ, Ông/Bà cam đoan các thông tin trên là đúng sự thật.', 'By submitting, you confirm that these details are true.')}
      </p>
      <form method="post" action="${base}/kiem-tra">
        ${csrfField(ctx.csrfToken)}
        <button class="button" type="submit">${L(lang, 'Đồng ý và gửi hồ sơ', 'Accept and submit')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function confirmationPage(
  ctx: PageContext,
  code: string,
  v: ProcedureVersion | undefined,
  email: string | null,
): string {
  const { lang } = ctx;
  const title = L(lang, 'Đã gửi hồ sơ', 'Dossier submitted');
  return page(
    ctx,
    title,
    html`<div class="panel success">
        <h1>${title}</h1>
        <p>${L(lang, 'Mã hồ sơ của Ông/Bà', 'Your dossier code')}</p>
        <p><strong class="reference">${code}</strong></p>
      </div>
      ${v ? html`<p>${v.name}</p>` : ''}
      ${email ? html`<p>${L(lang, `Chúng tôi đã gửi thư xác nhận đến ${email}.`, `We have sent a confirmation to ${email}.`)}</p>` : ''}
      <h2>${L(lang, 'Việc gì xảy ra tiếp theo', 'What happens next')}</h2>
      <ol>
        <li>
          ${L(lang, 'Cán bộ bộ phận một cửa kiểm tra hồ sơ, thường trong một ngày làm việc.', 'A clerk at the one-stop counter checks your dossier, usually within one working day.')}
        </li>
        <li>
          ${L(lang, 'Khi hồ sơ được tiếp nhận, Ông/Bà nhận thông báo kèm ngày hẹn trả kết quả. Nếu cần bổ sung, Ông/Bà được hướng dẫn một lần, đầy đủ.', 'When it is received, you are told the date the result is due. If anything is missing, you are told once, in full.')}
        </li>
        <li>
          ${L(lang, 'Ông/Bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối điện thoại.', 'You can follow your dossier with its code and the last 4 digits of your phone.')}
        </li>
      </ol>
      <p>
        <a href="/tra-cuu?code=${encodeURIComponent(code)}"
          >${L(lang, 'Tra cứu hồ sơ', 'Look up your dossier')}</a
        >
      </p>`,
  );
}
