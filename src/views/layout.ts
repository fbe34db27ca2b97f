/**
 * The page layout: skip link, header with navigation for the signed-in role, language switch,
 * demo banner, main content, footer. One small stylesheet, no JavaScript required.
 */
import type { Lang } from '../adapters/http/i18n.ts';
import { hasPermission, type Actor } from '../modules/access/domain.ts';
import { html, type SafeHtml } from './html.ts';
import { t } from './messages.ts';

export interface PageContext {
  readonly lang: Lang;
  readonly actor: Actor | undefined;
  readonly csrfToken: string;
  readonly demo: boolean;
  /** The current path with query, used for the language switch. */
  readonly path: string;
}

function langSwitchHref(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang === 'vi' ? 'en' : 'vi');
  return `${url.pathname}${url.search}`;
}

function navigation(ctx: PageContext): SafeHtml {
  const { lang, actor } = ctx;
  if (!actor)
    return html`<li><a href="/tra-cuu">${lang === 'vi' ? 'Tra cứu hồ sơ' : 'Check a dossier'}</a></li>
      <li><a href="/thu-tuc">${t(lang, 'procedures')}</a></li>
      <li><a href="/lich">${lang === 'vi' ? 'Lịch làm việc' : 'Calendar'}</a></li>
      <li><a href="/gop-y">${lang === 'vi' ? 'Góp ý' : 'Feedback'}</a></li>
      <li><a href="/minh-bach">${lang === 'vi' ? 'Công khai kết quả' : 'Public figures'}</a></li>
      <li><a href="/login">${t(lang, 'signIn')}</a></li>`;
  const roles = new Set(actor.grants.map((g) => g.role));
  const vi = lang === 'vi';
  return html`<li><a href="/">${t(lang, 'home')}</a></li>
    ${roles.has('clerk') ? html`<li><a href="/counter">${vi ? 'Tiếp nhận hồ sơ' : 'Receive a dossier'}</a></li>` : ''}
    ${hasPermission(actor, 'portal.kiosk') ? html`<li><a href="/kiosk/danh-gia">${vi ? 'Đánh giá tại quầy' : 'Rating kiosk'}</a></li>` : ''}
    ${roles.has('officer') ? html`<li><a href="/inbox">${vi ? 'Hồ sơ cần xử lý' : 'To process'}</a></li>` : ''}
    ${roles.has('clerk') || roles.has('officer') || roles.has('manager') ? html`<li><a href="/dossiers">${vi ? 'Hồ sơ' : 'Dossiers'}</a></li>` : ''}
    <li><a href="/org/units">${t(lang, 'units')}</a></li>
    <li><a href="/org/service-points">${t(lang, 'servicePoints')}</a></li>
    <li><a href="/org/agencies">${t(lang, 'agencies')}</a></li>
    <li><a href="/thu-tuc">${t(lang, 'procedures')}</a></li>
    ${roles.has('manager') || roles.has('admin') || roles.has('auditor') ? html`<li><a href="/org/coverage">${t(lang, 'coverage')}</a></li>` : ''}
    ${hasPermission(actor, 'reports.read') ? html`<li><a href="/reports">${vi ? 'Báo cáo' : 'Reports'}</a></li>` : ''}
    ${roles.has('admin') ? html`<li><a href="/admin/users">${t(lang, 'staff')}</a></li>` : ''}
    ${hasPermission(actor, 'catalog.manage') ? html`<li><a href="/admin/catalog">${t(lang, 'catalogAdmin')}</a></li>` : ''}
    ${hasPermission(actor, 'calendar.manage') ? html`<li><a href="/admin/calendar/${new Date().getUTCFullYear()}">${vi ? 'Lịch làm việc' : 'Calendar'}</a></li>` : html`<li><a href="/lich">${vi ? 'Lịch làm việc' : 'Calendar'}</a></li>`}
    ${hasPermission(actor, 'notifications.read') ? html`<li><a href="/admin/notifications">${vi ? 'Thông báo' : 'Notifications'}</a></li>` : ''}
    ${hasPermission(actor, 'feedback.read') ? html`<li><a href="/admin/feedback">${vi ? 'Phản ánh, kiến nghị' : 'Feedback'}</a></li>` : ''}
    ${hasPermission(actor, 'operations.read') ? html`<li><a href="/operations/staff">${vi ? 'Vận hành Bưu điện' : 'Post operations'}</a></li>` : ''}
    <li>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" /><button type="submit">
          ${t(lang, 'signOut')} (${actor.username})
        </button>
      </form>
    </li>`;
}

export function page(
  ctx: PageContext,
  title: string,
  body: SafeHtml,
  options: { hasError?: boolean } = {},
): string {
  const { lang } = ctx;
  const fullTitle = `${options.hasError ? t(lang, 'errorPrefix') : ''}${title} — MotCua`;
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${fullTitle}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">${t(lang, 'skipToContent')}</a>
        <header class="header">
          <a class="brand" href="/">${t(lang, 'appName')}</a>
          <nav aria-label="${lang === 'vi' ? 'Điều hướng chính' : 'Main navigation'}">
            <ul>
              ${navigation(ctx)}
              <li>
                <a href="${langSwitchHref(ctx.path, lang)}" lang="${lang === 'vi' ? 'en' : 'vi'}"
                  >${t(lang, 'switchLang')}</a
                >
              </li>
            </ul>
          </nav>
        </header>
        ${ctx.demo ? html`<div class="banner" role="note">${t(lang, 'demoBanner')}</div>` : ''}
        <main id="main" tabindex="-1">${body}</main>
        <footer>MotCua · <a href="/api/v1/docs">${t(lang, 'apiDocs')}</a></footer>
      </body>
    </html>`.value;
}

/** GOV.UK error summary: listed at the top, linking to each field. */
export function errorSummary(lang: Lang, errors: readonly { field: string; message: string }[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${t(lang, 'errorSummary')}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}
