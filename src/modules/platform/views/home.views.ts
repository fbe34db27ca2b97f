import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { ROLE_NAMES, t } from '../../../views/messages.ts';
import type { Role } from '../../access/domain.ts';
import { scopeText } from '../../access/views/access.views.ts';
import { publicHomePage } from '../../portal/views/home.views.ts';
import type { Lang } from '../../../adapters/http/i18n.ts';

/** What each role does first; links to the pages its permissions open. */
function tasksFor(role: Role, lang: Lang): SafeHtml {
  const vi = lang === 'vi';
  const link = (href: string, text: string) => html`<li><a href="${href}">${text}</a></li>`;
  switch (role) {
    case 'clerk':
      return html`<ul>
        ${link('/counter', vi ? 'Tiếp nhận hồ sơ mới' : 'Receive a dossier')}${link('/dossiers?status=received', vi ? 'Hồ sơ chờ chuyển cơ quan giải quyết' : 'Dossiers to forward')}${link('/dossiers?status=result_ready', vi ? 'Hồ sơ có kết quả, chờ trả' : 'Results to return')}${link('/dossiers?bucket=overdue', vi ? 'Hồ sơ quá hạn' : 'Overdue dossiers')}
        ${link('/postal/counter', vi ? 'Bưu chính công ích: nhận hồ sơ, giao kết quả cho bưu tá' : 'Public postal service: items and couriers')}
        ${link('/org/service-points?operator=post', vi ? 'Bộ phận một cửa do Bưu điện đảm nhận' : 'Post-run service points')}${link('/org/agencies', vi ? 'Cơ quan giải quyết' : 'Competent agencies')}
      </ul>`;
    case 'officer':
      return html`<ul>
        ${link('/inbox', vi ? 'Hồ sơ cần xử lý' : 'Dossiers to process')}${link('/dossiers?bucket=nearly_due', vi ? 'Hồ sơ sắp đến hạn' : 'Nearly due')}${link('/dossiers?bucket=overdue', vi ? 'Hồ sơ quá hạn' : 'Overdue dossiers')}
        ${link('/org/agencies', vi ? 'Cơ quan và cán bộ tại quầy' : 'Agencies and their counter staff')}
      </ul>`;
    case 'courier':
      return html`<ul>
        ${link('/postal/courier', vi ? 'Việc thu gom, phát hôm nay' : 'Today’s pickups and deliveries')}
        ${link('/org/service-points?operator=post', vi ? 'Điểm giao nhận hồ sơ' : 'Hand-over points')}
      </ul>`;
    case 'manager':
      return html`<ul>
        ${link('/dossiers', vi ? 'Hồ sơ trong phạm vi quản lý' : 'Dossiers in your scope')}${link('/dossiers?bucket=overdue', vi ? 'Hồ sơ quá hạn' : 'Overdue dossiers')}
        ${link('/postal/custody', vi ? 'Theo dõi giao nhận hồ sơ giấy (bưu chính)' : 'Chain of custody (postal)')}
        ${link('/org/coverage', t(lang, 'coverage'))}${link('/org/service-points', t(lang, 'servicePoints'))}
      </ul>`;
    case 'admin':
      return html`<ul>
        ${link('/admin/users', t(lang, 'staff'))}${link('/admin/catalog', t(lang, 'catalogAdmin'))}${link('/org/units', t(lang, 'units'))}${link('/org/coverage', t(lang, 'coverage'))}
      </ul>`;
    case 'auditor':
      return html`<ul>
        ${link('/api/v1/audit/verify', vi ? 'Kiểm tra chuỗi nhật ký kiểm toán' : 'Verify the audit chain')}${link('/org/coverage', t(lang, 'coverage'))}
      </ul>`;
  }
}

export function homePage(ctx: PageContext): string {
  const { lang, actor } = ctx;
  // Anonymous visitors get the citizen portal's home (procedure search, lookup, online submission).
  if (!actor) return publicHomePage(ctx);
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
