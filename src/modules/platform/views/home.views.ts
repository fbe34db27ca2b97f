import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { ROLE_NAMES, t } from '../../../views/messages.ts';
import type { Role } from '../../access/domain.ts';
import { scopeText } from '../../access/views/access.views.ts';
import type { Lang } from '../../../adapters/http/i18n.ts';

/** What each role does first; links to the pages its permissions open. */
function tasksFor(role: Role, lang: Lang): SafeHtml {
  const vi = lang === 'vi';
  const link = (href: string, text: string) => html`<li><a href="${href}">${text}</a></li>`;
  switch (role) {
    case 'clerk':
      return html`<ul>
        ${link('/org/service-points?operator=post', vi ? 'Bộ phận một cửa do Bưu điện đảm nhận' : 'Post-run service points')}${link('/org/agencies', vi ? 'Cơ quan giải quyết' : 'Competent agencies')}
      </ul>`;
    case 'officer':
      return html`<ul>
        ${link('/org/agencies', vi ? 'Cơ quan và cán bộ tại quầy' : 'Agencies and their counter staff')}
      </ul>`;
    case 'courier':
      return html`<ul>
        ${link('/org/service-points?operator=post', vi ? 'Điểm giao nhận hồ sơ' : 'Hand-over points')}
      </ul>`;
    case 'manager':
      return html`<ul>
        ${link('/org/coverage', t(lang, 'coverage'))}${link('/org/service-points', t(lang, 'servicePoints'))}
      </ul>`;
    case 'admin':
      return html`<ul>
        ${link('/admin/users', t(lang, 'staff'))}${link('/org/units', t(lang, 'units'))}${link('/org/coverage', t(lang, 'coverage'))}
      </ul>`;
    case 'auditor':
      return html`<ul>
        ${link('/api/v1/audit/verify', vi ? 'Kiểm tra chuỗi nhật ký kiểm toán' : 'Verify the audit chain')}${link('/org/coverage', t(lang, 'coverage'))}
      </ul>`;
  }
}

export function homePage(ctx: PageContext): string {
  const { lang, actor } = ctx;
  if (!actor) {
    return page(
      ctx,
      t(lang, 'appName'),
      html`<h1>${t(lang, 'appName')}</h1>
        <p>${t(lang, 'publicIntro')}</p>
        <p><a class="button" href="/login">${t(lang, 'signIn')}</a></p>`,
    );
  }
  return page(
    ctx,
    t(lang, 'home'),
    html`<h1>${t(lang, 'welcome')}, ${actor.fullName}</h1>
      <h2>${t(lang, 'yourRoles')}</h2>
      <ul class="cards">
        ${actor.grants.map(
          (g) =>
            html`<li>
              <h3>${ROLE_NAMES[g.role]?.[lang] ?? g.role}</h3>
              ${scopeText(g) ? html`<p class="hint">${scopeText(g)}</p>` : ''}${tasksFor(g.role, lang)}
            </li>`,
        )}
      </ul>`,
  );
}
