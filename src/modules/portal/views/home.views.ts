/**
 * The public home page (anonymous visitors) and the contact points of the one-stop counters.
 */
import { html } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { searchBox } from '../../catalog/views/catalog.views.ts';
import { L } from '../../identity/views/kit.ts';

export function publicHomePage(ctx: PageContext): string {
  const { lang } = ctx;
  const title = L(lang, 'Dịch vụ hành chính công qua Bưu điện', 'Public services through the post office');
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>
        ${L(lang, 'Tìm thủ tục, nộp hồ sơ trực tuyến, tra cứu tình trạng hồ sơ và tìm bộ phận một cửa gần nhất.', 'Find a procedure, apply online, follow your dossier and find a one-stop counter.')}
      </p>
      ${searchBox(lang, '', { heading: true })}
      <p>
        <a href="/thu-tuc">${L(lang, 'Tất cả thủ tục', 'All procedures')}</a> ·
        <a href="/thu-tuc/thong-ke">${L(lang, 'Thống kê thủ tục', 'Procedure statistics')}</a>
      </p>
      <ul class="cards">
        <li>
          <h2><a href="/tra-cuu">${L(lang, 'Tra cứu hồ sơ', 'Follow your dossier')}</a></h2>
          <p>
            ${L(lang, 'Bằng mã hồ sơ và 4 số cuối điện thoại, hoặc mã QR trên giấy hẹn.', 'With the dossier code and the last 4 digits of your phone, or the QR code on your receipt.')}
          </p>
        </li>
        <li>
          <h2><a href="/thu-tuc?online=full">${L(lang, 'Nộp hồ sơ trực tuyến', 'Apply online')}</a></h2>
          <p>
            ${L(lang, 'Chọn thủ tục có dịch vụ công trực tuyến, rồi chọn “Nộp trực tuyến”.', 'Choose a procedure offered online, then “Apply online”.')}
          </p>
        </li>
        <li>
          <h2><a href="/diem-phuc-vu">${L(lang, 'Bộ phận một cửa', 'One-stop counters')}</a></h2>
          <p>
            ${L(lang, 'Địa chỉ, giờ làm việc của các điểm tiếp nhận hồ sơ.', 'Addresses and opening hours of the counters.')}
          </p>
        </li>
        <li>
          <h2><a href="/lich">${L(lang, 'Lịch làm việc', 'Calendar')}</a></h2>
          <p>${L(lang, 'Ngày nghỉ lễ, ngày làm bù.', 'Public holidays and make-up working days.')}</p>
        </li>
      </ul>
      <p class="hint"><a href="/login">${L(lang, 'Đăng nhập dành cho cán bộ', 'Staff sign-in')}</a></p>`,
  );
}

export interface ContactPoint {
  readonly code: string;
  readonly name: string;
  readonly address: string;
  readonly level: string;
  readonly operator: string;
  readonly saturdayMorning: boolean;
}

const LEVEL: Record<string, { vi: string; en: string }> = {
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  district: { vi: 'Cấp huyện', en: 'District' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
};

export function contactPointsPage(
  ctx: PageContext,
  where: { level: string; page: number; pages: number },
  points: readonly ContactPoint[],
): string {
  const { lang } = ctx;
  const title = L(lang, 'Bộ phận một cửa: địa chỉ và giờ làm việc', 'One-stop counters: addresses and hours');
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>
        ${L(lang, 'Các bộ phận một cửa làm việc theo giờ hành chính từ thứ Hai đến thứ Sáu, trừ ngày nghỉ (xem', 'Counters work office hours Monday to Friday, except days off (see the')}
        <a href="/lich">${L(lang, 'lịch làm việc', 'calendar')}</a>).
      </p>
      <nav aria-label="${L(lang, 'Cấp', 'Level')}">
        <ul class="inline-list">
          ${(['province', 'district', 'commune'] as const).map(
            (l) =>
              html`<li>
                ${
                  l === where.level
                    ? html`<strong aria-current="page">${LEVEL[l]![lang]}</strong>`
                    : html`<a href="/diem-phuc-vu?cap=${l}">${LEVEL[l]![lang]}</a>`
                }
              </li>`,
          )}
        </ul>
      </nav>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${title}
          </caption>
          <thead>
            <tr>
              <th scope="col">${L(lang, 'Bộ phận một cửa', 'Counter')}</th>
              <th scope="col">${L(lang, 'Địa chỉ', 'Address')}</th>
              <th scope="col">${L(lang, 'Điện thoại', 'Phone')}</th>
              <th scope="col">${L(lang, 'Giờ làm việc', 'Hours')}</th>
            </tr>
          </thead>
          <tbody>
            ${points.map(
              (p) =>
                html`<tr>
                  <td>
                    ${p.name}<br /><span class="hint"
                      >${LEVEL[p.level]?.[lang] ?? p.level}${p.operator === 'post' ? L(lang, ' · do Bưu điện đảm nhận', ' · run by the post office') : ''}</span
                    >
                  </td>
                  <td>${p.address}</td>
                  <td>${L(lang, 'Chưa có trong dữ liệu', 'Not in the data yet')}</td>
                  <td>
                    ${L(lang, 'Thứ Hai–Thứ Sáu', 'Mon–Fri')}${p.saturdayMorning ? L(lang, '; sáng thứ Bảy', '; Saturday morning') : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        where.pages > 1
          ? html`<nav class="pagination" aria-label="${L(lang, 'Trang', 'Pages')}">
              ${where.page > 1 ? html`<a href="/diem-phuc-vu?cap=${where.level}&amp;trang=${where.page - 1}">« ${L(lang, 'Trang trước', 'Previous')}</a>` : ''}
              <span
                >${L(lang, `Trang ${where.page}/${where.pages}`, `Page ${where.page} of ${where.pages}`)}</span
              >
              ${where.page < where.pages ? html`<a href="/diem-phuc-vu?cap=${where.level}&amp;trang=${where.page + 1}">${L(lang, 'Trang sau', 'Next')} »</a>` : ''}
            </nav>`
          : ''
      }`,
  );
}
