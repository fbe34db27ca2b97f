import { html } from '../../../views/html.ts';
import { fieldErrorMessage, textInput, type FieldError } from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import { ROLE_NAMES, t } from '../../../views/messages.ts';
import { ROLES, type RoleGrant } from '../domain.ts';

export function loginPage(ctx: PageContext, state: { username?: string; errors?: FieldError[] }): string {
  const { lang } = ctx;
  const errors = state.errors ?? [];
  const has = (f: string) => errors.some((e) => e.field === f);
  return page(
    ctx,
    t(lang, 'signIn'),
    html`${errorSummary(lang, errors)}
      <h1>${t(lang, 'signIn')}</h1>
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <div class="${has('username') ? 'field-error' : ''}">
          <label for="username">${t(lang, 'username')}</label>${fieldErrorMessage(lang, errors, 'username')}
          <input
            type="text"
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            value="${state.username ?? ''}"
            ${has('username') ? html` aria-describedby="username-error"` : ''}
          />
        </div>
        <div class="${has('password') ? 'field-error' : ''}">
          <label for="password">${t(lang, 'password')}</label>${fieldErrorMessage(lang, errors, 'password')}
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="current-password"
            ${has('password') ? html` aria-describedby="password-error"` : ''}
          />
        </div>
        <button type="submit" class="button">${t(lang, 'signIn')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}

export function scopeText(grant: RoleGrant): string {
  return Object.entries(grant.scope)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

export function usersPage(
  ctx: PageContext,
  users: readonly { username: string; fullName: string; active: boolean; roles: readonly RoleGrant[] }[],
  state: { created?: string; form?: Record<string, string>; errors?: FieldError[] },
): string {
  const { lang } = ctx;
  const form = state.form ?? {};
  const errors = state.errors ?? [];
  const has = (f: string) => errors.some((e) => e.field === f);
  const input = (name: string, label: string, type = 'text', autocomplete = 'off') =>
    textInput(lang, {
      id: name,
      label,
      type,
      autocomplete,
      value: type === 'password' ? '' : (form[name] ?? ''),
      errors,
    });
  return page(
    ctx,
    t(lang, 'staff'),
    html`${errorSummary(lang, errors)}
      ${state.created ? html`<div class="panel success" role="status"><h2>${t(lang, 'accountCreated')}: ${state.created}</h2></div>` : ''}
      <h1>${t(lang, 'staff')}</h1>
      <div class="table-wrap">
        <table>
          <caption class="hint">
            ${users.length} ${lang === 'vi' ? 'tài khoản' : 'accounts'}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t(lang, 'username')}</th>
              <th scope="col">${t(lang, 'fullName')}</th>
              <th scope="col">${t(lang, 'role')}</th>
            </tr>
          </thead>
          <tbody>
            ${users.map(
              (u) =>
                html`<tr>
                  <td>${u.username}</td>
                  <td>${u.fullName}</td>
                  <td>
                    ${u.roles.map((g) => html`${ROLE_NAMES[g.role]?.[lang] ?? g.role}${scopeText(g) ? html` <span class="hint">(${scopeText(g)})</span>` : ''}<br />`)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>${t(lang, 'createAccount')}</h2>
      <form method="post" action="/admin/users" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        ${input('username', t(lang, 'username'))} ${input('fullName', t(lang, 'fullName'))}
        ${input('password', t(lang, 'password'), 'password', 'new-password')}
        <div class="${has('role') ? 'field-error' : ''}">
          <label for="role">${t(lang, 'role')}</label>${fieldErrorMessage(lang, errors, 'role')}
          <select id="role" name="role">
            ${ROLES.map((r) => html`<option value="${r}" ${form.role === r ? html` selected` : ''}>${ROLE_NAMES[r]?.[lang] ?? r}</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>${t(lang, 'scope')}</legend>
          ${input('servicePoint', lang === 'vi' ? 'Mã bộ phận một cửa (nhân viên tiếp nhận)' : 'Service point code (clerk)')}
          ${input('unit', lang === 'vi' ? 'Mã đơn vị hành chính' : 'Administrative unit code')}
          ${input('agency', lang === 'vi' ? 'Mã cơ quan (cán bộ)' : 'Agency code (officer)')}
          ${input('field', lang === 'vi' ? 'Lĩnh vực' : 'Procedure field')}
        </fieldset>
        <button type="submit" class="button">${t(lang, 'createAccount')}</button>
      </form>`,
    { hasError: errors.length > 0 },
  );
}
