import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { t } from '../../../views/messages.ts';
import { formatLocalDate } from '../../../kernel/local-date.ts';
import type { PointStaffing, UnitView } from '../org.service.ts';
import type { Lang } from '../../../adapters/http/i18n.ts';

type CoverageRow = {
  at: string;
  province: { post: number; total: number };
  district: { post: number; total: number };
  commune: { post: number; total: number };
  staffing: { postStaff: number; agencyStaff: number };
};

const levelName = (lang: Lang, level: string) =>
  level === 'province'
    ? t(lang, 'province')
    : level === 'district'
      ? t(lang, 'district')
      : t(lang, 'commune');

function levelSelect(lang: Lang, selected: string | undefined): SafeHtml {
  return html`<div>
    <label for="level">${t(lang, 'level')}</label
    ><select id="level" name="level">
      <option value="">${t(lang, 'all')}</option>
      ${(['province', 'district', 'commune'] as const).map((l) => html`<option value="${l}" ${selected === l ? html` selected` : ''}>${levelName(lang, l)}</option>`)}
    </select>
  </div>`;
}

function dateInput(lang: Lang, at: string): SafeHtml {
  return html`<div>
    <label for="at">${t(lang, 'asOf')}</label><input type="date" id="at" name="at" value="${at}" />
  </div>`;
}

export function coverageTable(lang: Lang, rows: readonly CoverageRow[]): SafeHtml {
  return html`<div class="table-wrap">
    <table>
      <caption class="hint">
        ${lang === 'vi' ? 'Số bộ phận một cửa do Bưu điện đảm nhận / tổng số' : 'Service points run by the post / total'}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'asOf')}</th>
          <th scope="col" class="num">${t(lang, 'province')}</th>
          <th scope="col" class="num">${t(lang, 'district')}</th>
          <th scope="col" class="num">${t(lang, 'commune')}</th>
          <th scope="col" class="num">${t(lang, 'postStaff')}</th>
          <th scope="col" class="num">${t(lang, 'agencyStaff')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${formatLocalDate(r.at)}</th>
              <td class="num">${r.province.post}/${r.province.total}</td>
              <td class="num">${r.district.post}/${r.district.total}</td>
              <td class="num">${r.commune.post}/${r.commune.total}</td>
              <td class="num">${r.staffing.postStaff}</td>
              <td class="num">${r.staffing.agencyStaff}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function unitsPage(
  ctx: PageContext,
  filter: { at: string; level: string | undefined; parent: string },
  items: readonly UnitView[],
): string {
  const { lang } = ctx;
  return page(
    ctx,
    t(lang, 'units'),
    html`<h1>${t(lang, 'units')}</h1>
      <form method="get" action="/org/units" class="inline-form">
        ${dateInput(lang, filter.at)} ${levelSelect(lang, filter.level)}
        <div>
          <label for="parent">${t(lang, 'parent')}</label
          ><input
            type="text"
            id="parent"
            name="parent"
            value="${filter.parent}"
            inputmode="numeric"
            style="max-width:8em"
          />
        </div>
        <button class="button secondary" type="submit">${t(lang, 'show')}</button>
      </form>
      <p>${items.length} ${lang === 'vi' ? 'đơn vị' : 'units'}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, 'code')}</th>
              <th scope="col">${t(lang, 'name')}</th>
              <th scope="col">${t(lang, 'level')}</th>
              <th scope="col">${t(lang, 'parent')}</th>
              <th scope="col">${t(lang, 'validFrom')}</th>
              <th scope="col">${t(lang, 'validTo')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (u) =>
                html`<tr>
                  <td>${u.code}</td>
                  <td><a href="/org/units?at=${filter.at}&amp;parent=${u.code}">${u.fullName}</a></td>
                  <td>${levelName(lang, u.level)}</td>
                  <td>${u.parentCode ?? ''}</td>
                  <td>${formatLocalDate(u.validFrom)}</td>
                  <td>${u.validTo ? formatLocalDate(u.validTo) : '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}

export function servicePointsPage(
  ctx: PageContext,
  filter: { at: string; level: string | undefined; operator: string | undefined },
  items: readonly {
    code: string;
    name: string;
    level: string;
    unitCode: string;
    operator: string;
    counters: number;
  }[],
  coverage: CoverageRow,
): string {
  const { lang } = ctx;
  return page(
    ctx,
    t(lang, 'servicePoints'),
    html`<h1>${t(lang, 'servicePoints')}</h1>
      ${coverageTable(lang, [coverage])}
      <form method="get" action="/org/service-points" class="inline-form">
        ${dateInput(lang, filter.at)} ${levelSelect(lang, filter.level)}
        <div>
          <label for="operator">${t(lang, 'operator')}</label
          ><select id="operator" name="operator">
            <option value="">${t(lang, 'all')}</option>
            <option value="post" ${filter.operator === 'post' ? html` selected` : ''}>
              ${t(lang, 'operatorPost')}
            </option>
            <option value="government" ${filter.operator === 'government' ? html` selected` : ''}>
              ${t(lang, 'operatorGovernment')}
            </option>
          </select>
        </div>
        <button class="button secondary" type="submit">${t(lang, 'show')}</button>
      </form>
      <p>${items.length} ${lang === 'vi' ? 'bộ phận' : 'service points'}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, 'code')}</th>
              <th scope="col">${t(lang, 'name')}</th>
              <th scope="col">${t(lang, 'level')}</th>
              <th scope="col">${t(lang, 'operator')}</th>
              <th scope="col" class="num">${lang === 'vi' ? 'Số quầy' : 'Counters'}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (s) =>
                html`<tr>
                  <td>${s.code}</td>
                  <td>${s.name}</td>
                  <td>${levelName(lang, s.level)}</td>
                  <td>
                    ${s.operator === 'post' ? html`<span class="tag post">${t(lang, 'operatorPost')}</span>` : html`<span class="tag">${t(lang, 'operatorGovernment')}</span>`}
                  </td>
                  <td class="num">${s.counters}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}

export function agenciesPage(
  ctx: PageContext,
  at: string,
  items: readonly { code: string; name: string; level: string; keepsOwnStaffAtCounters: boolean }[],
): string {
  const { lang } = ctx;
  return page(
    ctx,
    t(lang, 'agencies'),
    html`<h1>${t(lang, 'agencies')}</h1>
      <form method="get" action="/org/agencies" class="inline-form">
        ${dateInput(lang, at)}<button class="button secondary" type="submit">${t(lang, 'show')}</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, 'code')}</th>
              <th scope="col">${t(lang, 'name')}</th>
              <th scope="col">${t(lang, 'level')}</th>
              <th scope="col">${t(lang, 'keepsOwnStaff')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (a) =>
                html`<tr>
                  <td>${a.code}</td>
                  <td>${a.name}</td>
                  <td>${levelName(lang, a.level)}</td>
                  <td>${a.keepsOwnStaffAtCounters ? t(lang, 'yes') : t(lang, 'no')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}

/** Staffing per service point on the chosen date: post-run points, and any point with staff recorded. */
function staffingTable(
  lang: Lang,
  detail: { at: string; servicePoints: readonly PointStaffing[] },
): SafeHtml {
  const rows = detail.servicePoints.filter(
    (p) => p.operator === 'post' || p.postStaff + p.agencyStaff + p.assignedPost + p.assignedAgency > 0,
  );
  const agencies = [...new Set(rows.flatMap((p) => Object.keys(p.byAgency)))].sort();
  const vi = lang === 'vi';
  return html`<h2>
      ${vi ? 'Nhân sự theo bộ phận một cửa' : 'Staffing per service point'} (${formatLocalDate(detail.at)})
    </h2>
    <p>
      <a href="/api/v1/reports/coverage?at=${detail.at}&format=xlsx"
        >${vi ? 'Tải Excel (XLSX)' : 'Download Excel (XLSX)'}</a
      >
      · <a href="/api/v1/reports/coverage?at=${detail.at}&format=pdf">${vi ? 'Tải PDF' : 'Download PDF'}</a>
    </p>
    <div
      class="table-wrap"
      role="region"
      tabindex="0"
      aria-label="${vi ? 'Nhân sự theo bộ phận một cửa' : 'Staffing per service point'}"
    >
      <table>
        <caption class="hint">
          ${vi ? 'Định biên (số người) và số người đã được phân công đích danh' : 'Headcount and named staff assigned'}
        </caption>
        <thead>
          <tr>
            <th scope="col">${vi ? 'Bộ phận một cửa' : 'Service point'}</th>
            <th scope="col" class="num">${t(lang, 'postStaff')}</th>
            <th scope="col" class="num">${t(lang, 'agencyStaff')}</th>
            ${agencies.map((a) => html`<th scope="col" class="num">${a}</th>`)}
            <th scope="col" class="num">
              ${vi ? 'Đã phân công (Bưu điện / cơ quan)' : 'Assigned (post / agency)'}
            </th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.name} <span class="hint">${p.code}</span></th>
                <td class="num">${p.postStaff}</td>
                <td class="num">${p.agencyStaff}</td>
                ${agencies.map((a) => html`<td class="num">${p.byAgency[a] ?? 0}</td>`)}
                <td class="num">${p.assignedPost} / ${p.assignedAgency}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function coveragePage(
  ctx: PageContext,
  at: string,
  series: readonly CoverageRow[],
  detail?: { at: string; servicePoints: readonly PointStaffing[] },
): string {
  const { lang } = ctx;
  return page(
    ctx,
    t(lang, 'coverage'),
    html`<h1>${t(lang, 'coverage')}</h1>
      <p class="hint">
        ${lang === 'vi' ? 'Từ 2020, Bưu điện tỉnh Gia Lai đảm nhận Trung tâm Phục vụ hành chính công tỉnh, 17/17 bộ phận một cửa cấp huyện và 14/220 cấp xã. Từ 01/7/2025 không còn cấp huyện (Nghị định 118/2025/NĐ-CP).' : 'From 2020 the Gia Lai post office ran the provincial centre, 17/17 district and 14/220 commune one-stop departments. From 1 July 2025 there is no district level (Decree 118/2025).'}
      </p>
      <form method="get" action="/org/coverage" class="inline-form">
        ${dateInput(lang, at)}<button class="button secondary" type="submit">${t(lang, 'show')}</button>
      </form>
      ${coverageTable(lang, series)} ${detail ? staffingTable(lang, detail) : ''}`,
  );
}
