/**
 * Citizen identification pages: "Xác minh danh tính" (e-mail or phone for a one-time code, or the
 * electronic identity login) and "Nhập mã xác minh". One question per page, errors summarised at the
 * top with the input kept; no JavaScript.
 */
import { html } from '../../../views/html.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { Citizen } from '../domain.ts';
import { csrfField, textInput, type FieldError } from '../../../views/form-components.ts';
import { L } from './kit.ts';

export function identifyPage(
  ctx: PageContext,
  form: { recipient: string; next: string },
  errors: readonly FieldError[],
  options: { oidcEnabled: boolean; citizen: Citizen | undefined; ttlMinutes: number },
): string {
  const { lang } = ctx;
  const title = L(lang, 'Xác minh danh tính để nộp hồ sơ trực tuyến', 'Identify yourself to apply online');
  const who = options.citizen;
  return page(
    ctx,
    title,
    html`${errorSummary(lang, errors)}
      <h1>${title}</h1>
      ${
        who
          ? html`<div class="panel success" role="status">
              <p>
                ${L(lang, 'Ông/Bà đã được xác minh', 'You are identified')}:
                ${who.fullName ?? who.email ?? who.phone ?? ''}
              </p>
              <p><a href="${form.next}">${L(lang, 'Tiếp tục', 'Continue')}</a></p>
            </div>`
          : ''
      }
      <form method="post" action="/dinh-danh/ma" novalidate>
        ${csrfField(ctx.csrfToken)}
        <input type="hidden" name="next" value="${form.next}" />
        ${textInput(lang, {
          errors,
          id: 'recipient',
          label: L(
            lang,
            'Địa chỉ e-mail hoặc số điện thoại di động',
            'E-mail address or mobile phone number',
          ),
          hint: L(
            lang,
            `Chúng tôi gửi một mã gồm 6 chữ số, có hiệu lực ${options.ttlMinutes} phút. Ví dụ: ten@example.vn hoặc 0912 345 678.`,
            `We send a 6-digit code, valid for ${options.ttlMinutes} minutes. For example: name@example.vn or 0912 345 678.`,
          ),
          value: form.recipient,
          autocomplete: 'email',
          width: 'wide',
        })}
        <button class="button" type="submit">${L(lang, 'Gửi mã xác minh', 'Send the code')}</button>
      </form>
      ${
        options.oidcEnabled
          ? html`<h2>${L(lang, 'Hoặc', 'Or')}</h2>
              <form method="get" action="/dinh-danh/oidc">
                <input type="hidden" name="next" value="${form.next}" />
                <button class="button secondary" type="submit">
                  ${L(lang, 'Đăng nhập bằng tài khoản định danh điện tử (VNeID)', 'Sign in with your electronic ID (VNeID)')}
                </button>
              </form>`
          : ''
      }`,
    { hasError: errors.length > 0 },
  );
}

export function verifyPage(
  ctx: PageContext,
  challenge: { id: string; sentTo: string; ttlMinutes: number },
  form: { code: string },
  errors: readonly FieldError[],
): string {
  const { lang } = ctx;
  const title = L(lang, 'Nhập mã xác minh', 'Enter the code');
  return page(
    ctx,
    title,
    html`${errorSummary(lang, errors)}
      <h1>${title}</h1>
      <p>
        ${L(lang, `Chúng tôi đã gửi mã gồm 6 chữ số đến ${challenge.sentTo}.`, `We sent a 6-digit code to ${challenge.sentTo}.`)}
      </p>
      <form method="post" action="/dinh-danh/xac-minh/${challenge.id}" novalidate>
        ${csrfField(ctx.csrfToken)}
        ${textInput(lang, {
          errors,
          id: 'code',
          label: L(lang, 'Mã xác minh', 'Code'),
          hint: L(
            lang,
            `Mã có hiệu lực ${challenge.ttlMinutes} phút.`,
            `The code is valid for ${challenge.ttlMinutes} minutes.`,
          ),
          value: form.code,
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          width: 'narrow',
        })}
        <button class="button" type="submit">${L(lang, 'Xác minh', 'Continue')}</button>
      </form>
      <p>
        <a href="/dinh-danh"
          >${L(lang, 'Không nhận được mã? Gửi lại mã', 'Did not get the code? Send a new one')}</a
        >
      </p>`,
    { hasError: errors.length > 0 },
  );
}
