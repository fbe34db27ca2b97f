/**
 * Report pages (manager, auditor): the monthly TTHC report, the province dashboard and the QĐ 766
 * index. Server-rendered, no JavaScript; charts are inline SVG drawn here (role="img" with a text
 * alternative; the numbers are always in the table next to them). Vietnamese first, `?lang=en`.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import type { DashboardReport, MonthlyReport } from '../reports.service.ts';
import { GROUP_BY } from '../reports.service.ts';
import type { ReportTable } from './tables.ts';

const tr = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

function fmt(lang: Lang, v: number | string | null, percent?: boolean): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (percent) return v.toFixed(2);
  return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

export function reportTableHtml(lang: Lang, table: ReportTable): SafeHtml {
  const groups: { label: string; span: number }[] = [];
  for (const c of table.columns) {
    const label = c.group ? (lang === 'vi' ? c.group.vi : c.group.en) : '';
    const last = groups[groups.length - 1];
    if (last && last.label === label && label !== '') last.span += 1;
    else groups.push({ label, span: 1 });
  }
  const hasGroups = table.columns.some((c) => c.group);
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  return html`<div
    class="table-wrap"
    role="region"
    tabindex="0"
    aria-label="${lang === 'vi' ? table.title.vi : table.title.en}"
  >
    <table>
      <caption class="hint">
        ${lang === 'vi' ? table.subtitle.vi : table.subtitle.en}
      </caption>
      <thead>
        ${
          hasGroups
            ? html`<tr>
                <td></td>
                ${groups.map((g) =>
                  g.label === ''
                    ? html`<td colspan="${g.span}"></td>`
                    : html`<th scope="colgroup" colspan="${g.span}">${g.label}</th>`,
                )}
              </tr>`
            : ''
        }
        <tr>
          <th scope="col">${lang === 'vi' ? table.labelHeader.vi : table.labelHeader.en}</th>
          ${table.columns.map((c) => html`<th scope="col">${lang === 'vi' ? c.vi : c.en}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r === table.total ? (lang === 'vi' ? r.label : 'Total') : r.label}</th>
              ${r.cells.map((v, k) => html`<td class="num">${fmt(lang, v, table.columns[k]?.percent)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export interface BarSegment {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

/** A horizontal stacked bar per row, with a legend; the SVG carries its own text alternative. */
export function stackedBars(
  lang: Lang,
  title: string,
  rows: readonly { label: string; segments: readonly BarSegment[] }[],
): SafeHtml {
  const width = 720;
  const labelW = 240;
  const barH = 18;
  const gap = 8;
  const legendH = 24;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const height = legendH + rows.length * (barH + gap) + 4;
  const legend = rows[0]?.segments ?? [];
  const desc = rows
    .map((r) => `${r.label}: ${r.segments.map((s) => `${s.label} ${s.value}`).join(', ')}`)
    .join('; ');
  return html`<figure class="chart">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="${title}. ${desc}"
      viewBox="0 0 ${width} ${height}"
      width="100%"
      style="max-width:${width}px"
    >
      <title>${title}</title>
      ${legend.map(
        (s, i) =>
          html`<rect x="${labelW + i * 120}" y="4" width="12" height="12" fill="${s.color}"></rect>
            <text x="${labelW + i * 120 + 16}" y="14" font-size="12" fill="#0b0c0c">${s.label}</text>`,
      )}
      ${rows.map((r, i) => {
        const y = legendH + i * (barH + gap);
        let x = labelW;
        return html`<text x="${labelW - 6}" y="${y + 13}" font-size="12" text-anchor="end" fill="#0b0c0c">
            ${r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}
          </text>
          ${r.segments.map((s) => {
            const w = ((width - labelW - 10) * s.value) / max;
            const rect = html`<rect
              x="${x.toFixed(1)}"
              y="${y}"
              width="${w.toFixed(1)}"
              height="${barH}"
              fill="${s.color}"
            ></rect>`;
            x += w;
            return rect;
          })}`;
      })}
    </svg>
    <figcaption class="hint">
      ${tr(lang, 'Số liệu chi tiết ở bảng dưới.', 'Exact figures in the table below.')}
    </figcaption>
  </figure>`;
}

const COLORS = {
  early: '#00703c',
  onTime: '#1d70b8',
  late: '#d4351c',
  within: '#85994b',
  overdue: '#942514',
  paused: '#6f777b',
  nearly: '#f47738',
};

function downloads(lang: Lang, base: string): SafeHtml {
  const sep = base.includes('?') ? '&' : '?';
  return html`<p>
    ${tr(lang, 'Tải về', 'Download')}:
    <a href="${base}${sep}format=xlsx">XLSX</a> · <a href="${base}${sep}format=pdf">PDF</a> ·
    <a href="${base}${sep}format=json">JSON</a>
  </p>`;
}

function nav(lang: Lang): SafeHtml {
  return html`<nav aria-label="${tr(lang, 'Các báo cáo', 'Reports')}">
    <ul class="inline-list">
      <li><a href="/reports/monthly">${tr(lang, 'Báo cáo tháng (TTHC)', 'Monthly TTHC report')}</a></li>
      <li><a href="/reports/dashboard">${tr(lang, 'Bảng điều hành', 'Dashboard')}</a></li>
      <li><a href="/reports/index-766">${tr(lang, 'Bộ chỉ số 766', 'QĐ 766 index')}</a></li>
    </ul>
  </nav>`;
}

const GROUP_NAMES: Record<string, [string, string]> = {
  none: ['Không nhóm', 'No grouping'],
  service_point: ['Điểm phục vụ', 'Service point'],
  unit: ['Đơn vị hành chính', 'Administrative unit'],
  field: ['Lĩnh vực', 'Field'],
  agency: ['Cơ quan', 'Agency'],
  channel: ['Kênh nộp', 'Channel'],
  operator: ['Đơn vị vận hành (Bưu điện / khác)', 'Operator (post / other)'],
};

export function reportsIndexPage(ctx: PageContext): string {
  const { lang } = ctx;
  return page(
    ctx,
    tr(lang, 'Báo cáo', 'Reports'),
    html`<h1>${tr(lang, 'Báo cáo', 'Reports')}</h1>
      <p class="hint">
        ${tr(
          lang,
          'Ba định nghĩa khác nhau, tính từ cùng lịch sử hồ sơ: báo cáo định kỳ của Chính phủ, bảng điều hành một cửa của tỉnh và Bộ chỉ số 766.',
          'Three different definitions, computed from the same dossier history: the government periodic report, the province one-stop dashboard and the QĐ 766 index.',
        )}
      </p>
      ${nav(lang)}`,
  );
}

export function monthlyPage(ctx: PageContext, r: MonthlyReport, table: ReportTable, query: string): string {
  const { lang } = ctx;
  const f = r.totals;
  const title = tr(lang, 'Báo cáo tình hình, kết quả giải quyết TTHC', 'Monthly TTHC report');
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      ${nav(lang)}
      <form method="get" action="/reports/monthly" class="inline-form">
        <div>
          <label for="period">${tr(lang, 'Kỳ (tháng)', 'Period (month)')}</label>
          <input type="month" id="period" name="period" value="${r.period.key}" />
        </div>
        <div>
          <label for="unit">${tr(lang, 'Mã đơn vị', 'Unit code')}</label>
          <input type="text" id="unit" name="unit" value="${r.unit ?? ''}" />
        </div>
        <div>
          <label for="groupBy">${tr(lang, 'Nhóm theo', 'Group by')}</label>
          <select id="groupBy" name="groupBy">
            ${GROUP_BY.map(
              (g) =>
                html`<option value="${g}" ${g === r.groupBy ? 'selected' : ''}>
                  ${lang === 'vi' ? GROUP_NAMES[g]![0] : GROUP_NAMES[g]![1]}
                </option>`,
            )}
          </select>
        </div>
        <input type="hidden" name="lang" value="${lang}" />
        <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
      </form>
      <p class="hint">
        ${tr(
          lang,
          `Ngày chốt số liệu: ngày ${r.cutoffDay} hằng tháng. Tổng số = kỳ trước chuyển qua + mới tiếp nhận = đã giải quyết + đang giải quyết + chờ bổ sung + rút + dừng + từ chối.`,
          `Cut-off day: ${r.cutoffDay}. Total = carried over + new = resolved + in progress + waiting for supplement + withdrawn + stopped + rejected.`,
        )}
      </p>
      ${stackedBars(lang, tr(lang, 'Kết quả giải quyết', 'Results'), [
        {
          label: tr(lang, 'Tổng cộng', 'Total'),
          segments: [
            { label: tr(lang, 'Trước hạn', 'Early'), value: f.resolvedEarly, color: COLORS.early },
            { label: tr(lang, 'Đúng hạn', 'On time'), value: f.resolvedOnTime, color: COLORS.onTime },
            { label: tr(lang, 'Quá hạn', 'Late'), value: f.resolvedLate, color: COLORS.late },
            {
              label: tr(lang, 'Đang, trong hạn', 'In progress, within'),
              value: f.inProgressWithinTime,
              color: COLORS.within,
            },
            {
              label: tr(lang, 'Đang, quá hạn', 'In progress, overdue'),
              value: f.inProgressOverdue,
              color: COLORS.overdue,
            },
          ],
        },
      ])}
      ${reportTableHtml(lang, table)} ${downloads(lang, `/api/v1/reports/monthly${query}`)}`,
  );
}

export function dashboardPage(
  ctx: PageContext,
  r: DashboardReport,
  table: ReportTable,
  query: string,
): string {
  const { lang } = ctx;
  const f = r.figures;
  const title = tr(lang, 'Bảng điều hành một cửa', 'One-stop dashboard');
  const q = (extra: string) => `/dossiers?${extra}`;
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      ${nav(lang)}
      <form method="get" action="/reports/dashboard" class="inline-form">
        <div>
          <label for="at">${tr(lang, 'Đến hết ngày', 'As of the end of')}</label>
          <input type="date" id="at" name="at" value="${r.at}" />
        </div>
        <div>
          <label for="unit">${tr(lang, 'Mã đơn vị', 'Unit code')}</label>
          <input type="text" id="unit" name="unit" value="${r.unit ?? ''}" />
        </div>
        <input type="hidden" name="lang" value="${lang}" />
        <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
      </form>
      <ul class="cards">
        <li><strong>${f.toHandle}</strong> ${tr(lang, 'cần xử lý', 'to handle')}</li>
        <li><strong>${fmt(lang, f.lateRate, true)}%</strong> ${tr(lang, 'tỉ lệ trễ hạn', 'late rate')}</li>
        <li>
          <strong>${fmt(lang, f.onTimeRate, true)}%</strong> ${tr(lang, 'tỉ lệ đúng hạn', 'on-time rate')}
        </li>
      </ul>
      ${stackedBars(
        lang,
        tr(lang, 'Đang xử lý theo hạn', 'In progress by deadline'),
        [
          { label: tr(lang, 'Tổng cộng', 'Total'), figures: f },
          ...r.byServicePoint.slice(0, 12).map((x) => ({ label: x.label, figures: x.figures })),
        ].map((x) => ({
          label: x.label,
          segments: [
            { label: tr(lang, 'Trễ', 'Late'), value: x.figures.inProgressLate, color: COLORS.late },
            {
              label: tr(lang, 'Sắp trễ', 'Nearly late'),
              value: x.figures.inProgressNearlyLate,
              color: COLORS.nearly,
            },
            {
              label: tr(lang, 'Chưa đến hạn', 'Not yet due'),
              value: x.figures.inProgressNotYetDue,
              color: COLORS.within,
            },
            {
              label: tr(lang, 'Chờ bổ sung', 'Supplement'),
              value: x.figures.waitingSupplement,
              color: COLORS.paused,
            },
          ],
        })),
      )}
      <h2>${tr(lang, 'Xem danh sách hồ sơ (hiện tại)', 'Drill down to the dossiers (current)')}</h2>
      <ul>
        <li><a href="${q('bucket=overdue')}">${tr(lang, 'Đang xử lý, trễ hạn', 'In progress, late')}</a></li>
        <li>
          <a href="${q('bucket=nearly_due')}"
            >${tr(lang, 'Đang xử lý, sắp trễ', 'In progress, nearly late')}</a
          >
        </li>
        <li>
          <a href="${q('bucket=not_yet_due')}"
            >${tr(lang, 'Đang xử lý, chưa đến hạn', 'In progress, not yet due')}</a
          >
        </li>
        <li>
          <a href="${q('status=supplement_requested')}"
            >${tr(lang, 'Chờ bổ sung', 'Waiting for supplement')}</a
          >
        </li>
        <li>
          <a href="${q('status=result_ready')}"
            >${tr(lang, 'Đã xử lý, chưa nhận kết quả', 'Done, not yet collected')}</a
          >
        </li>
      </ul>
      ${reportTableHtml(lang, table)} ${downloads(lang, `/api/v1/reports/dashboard${query}`)}`,
  );
}

export function index766Page(
  ctx: PageContext,
  r: {
    period: { key: string };
    unit: string | null;
    groups: readonly { group: number; nameVi: string; nameEn: string; maxPoints: number; points: number }[];
    total: number;
  },
  table: ReportTable,
  query: string,
): string {
  const { lang } = ctx;
  const title = tr(
    lang,
    'Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)',
    'Service-quality index (QĐ 766)',
  );
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      ${nav(lang)}
      <form method="get" action="/reports/index-766" class="inline-form">
        <div>
          <label for="period">${tr(lang, 'Kỳ (tháng)', 'Period (month)')}</label>
          <input type="month" id="period" name="period" value="${r.period.key}" />
        </div>
        <div>
          <label for="unit">${tr(lang, 'Mã đơn vị', 'Unit code')}</label>
          <input type="text" id="unit" name="unit" value="${r.unit ?? ''}" />
        </div>
        <input type="hidden" name="lang" value="${lang}" />
        <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
      </form>
      <p class="hint">
        ${tr(
          lang,
          'Chỉ số cần số liệu bên ngoài MotCua được nhập tay kèm nguồn hoặc ghi “không có số liệu”, không ước đoán.',
          'Indicators that need data from outside MotCua are entered by hand with their source, or shown as not available — never guessed.',
        )}
      </p>
      ${stackedBars(
        lang,
        tr(lang, 'Điểm theo nhóm', 'Points by group'),
        r.groups.map((g) => ({
          label: `${g.group}. ${lang === 'vi' ? g.nameVi : g.nameEn}`,
          segments: [
            { label: tr(lang, 'Điểm đạt', 'Points'), value: g.points, color: COLORS.onTime },
            {
              label: tr(lang, 'Còn lại', 'Remaining'),
              value: Math.max(0, g.maxPoints - g.points),
              color: '#b1b4b6',
            },
          ],
        })),
      )}
      <p><strong>${tr(lang, 'Tổng điểm', 'Total')}: ${fmt(lang, r.total, true)} / 100</strong></p>
      ${reportTableHtml(lang, table)} ${downloads(lang, `/api/v1/reports/index-766${query}`)}`,
  );
}
