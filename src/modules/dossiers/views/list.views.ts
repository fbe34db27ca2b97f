/**
 * Dossier lists: the scoped list with filters (overdue, nearly due, status, procedure, channel) and
 * pages, and the agency officer's inbox (what waits for them, soonest due first). Each row shows
 * the due and a countdown in working time ("còn 2 ngày làm việc", "quá hạn 3 giờ làm việc").
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { CHANNELS, DOSSIER_STATUSES, type Channel, type DossierStatus } from '../domain/types.ts';
import type { TimelinessView } from '../dossiers.service.ts';
import { DOSSIER_STYLESHEET, FIELD_LOOK, INPUT_LOOK, tag } from './components.ts';
import { selectInput, textInput } from '../../../views/form-components.ts';
import {
  BUCKET_LABELS,
  CHANNEL_LABELS,
  localTime,
  RESULT_LABELS,
  say,
  STATUS_LABELS,
  tr,
  type Countdown,
} from './labels.ts';

/** One dossier in a list. */
export interface ListRow {
  readonly code: string;
  readonly status: DossierStatus;
  readonly procedureName: string;
  readonly applicantName: string;
  readonly channel: Channel;
  readonly receivedAt: string | null;
  readonly dueAt: string | null;
  readonly timeliness: TimelinessView;
  readonly countdown: Countdown | undefined;
}

/** The list's filters as the query string carries them ('' = any). */
export interface ListFilter {
  readonly status: DossierStatus | '';
  readonly bucket: 'overdue' | 'nearly_due' | 'not_yet_due' | '';
  readonly procedure: string;
  readonly channel: Channel | '';
}

const STATUS_TAG: Readonly<Record<DossierStatus, Parameters<typeof tag>[1]>> = {
  submitted: 'grey',
  received: 'blue',
  in_progress: 'blue',
  supplement_requested: 'yellow',
  result_ready: 'purple',
  returned: 'green',
  rejected: 'red',
  stopped: 'red',
  withdrawn: 'grey',
};

/** The status as a coloured tag. */
export function statusTag(lang: Lang, status: DossierStatus): SafeHtml {
  return tag(say(lang, STATUS_LABELS[status]), STATUS_TAG[status]);
}

/** Timeliness in a cell: the countdown of an open dossier, the result of a finished one. */
export function timelinessCell(lang: Lang, t: TimelinessView, c: Countdown | undefined): SafeHtml {
  if (t.state === 'finished' && t.result)
    return html`${tag(say(lang, RESULT_LABELS[t.result]), t.late ? 'red' : 'green')}${
      t.apologized ? html` <span class="hint">(${tr(lang, 'đã hẹn lại', 'rescheduled')})</span>` : ''
    }`;
  if (t.state === 'open' && t.clockPaused)
    return html`<span class="hint">${tr(lang, 'Tạm dừng, chờ bổ sung', 'Paused for supplement')}</span>`;
  if (t.state === 'open' && t.lateReason === 'second_supplement')
    return html`${tag(say(lang, BUCKET_LABELS.overdue), 'red')}
      <span class="hint">${tr(lang, '(bổ sung lần 2)', '(second supplement)')}</span>`;
  if (t.state === 'open' && c) {
    const kind = c.overdue ? 'overdue' : t.bucket === 'nearly_due' ? 'nearly' : 'ok';
    return html`<span class="countdown ${kind}">${c.text}</span>`;
  }
  return html`<span class="hint">—</span>`;
}

/**
 * The rows as a table; below 640 px each row becomes a card whose cells carry their column name
 * (`data-label`), so the countdown is visible without scrolling sideways.
 */
function rowsTable(lang: Lang, rows: readonly ListRow[], caption: string): SafeHtml {
  const labels = [
    tr(lang, 'Mã hồ sơ', 'Code'),
    tr(lang, 'Thủ tục', 'Procedure'),
    tr(lang, 'Người nộp', 'Applicant'),
    tr(lang, 'Trạng thái', 'Status'),
    tr(lang, 'Hẹn trả', 'Due'),
    tr(lang, 'Thời hạn', 'Timeliness'),
  ];
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
    <table class="stack-table">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${labels.map((l) => html`<th scope="col">${l}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td data-label="${labels[0]}">
                <a href="/dossiers/${encodeURIComponent(r.code)}">${r.code}</a>
              </td>
              <td data-label="${labels[1]}">
                ${r.procedureName}<br /><span class="hint">${say(lang, CHANNEL_LABELS[r.channel])}</span>
              </td>
              <td data-label="${labels[2]}">${r.applicantName}</td>
              <td data-label="${labels[3]}">${statusTag(lang, r.status)}</td>
              <td data-label="${labels[4]}">${localTime(r.dueAt)}</td>
              <td data-label="${labels[5]}">${timelinessCell(lang, r.timeliness, r.countdown)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function query(filter: ListFilter, pageNo: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  if (pageNo > 1) params.set('page', String(pageNo));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The scoped dossier list with filters and pagination. */
export function listPage(
  ctx: PageContext,
  state: { filter: ListFilter; page: number; pageSize: number; total: number; rows: readonly ListRow[] },
): string {
  const { lang } = ctx;
  const { filter } = state;
  const title = tr(lang, 'Hồ sơ', 'Dossiers');
  const pages = Math.max(1, Math.ceil(state.total / state.pageSize));
  const quick = (label: string, f: Partial<ListFilter>) =>
    html`<li>
      <a href="/dossiers${query({ status: '', bucket: '', procedure: '', channel: '', ...f }, 1)}"
        >${label}</a
      >
    </li>`;
  return page(
    ctx,
    title,
    html`${DOSSIER_STYLESHEET}
      <h1>${title}</h1>
      <nav aria-label="${tr(lang, 'Lọc nhanh', 'Quick filters')}">
        <ul class="quick-filters">
          ${quick(say(lang, BUCKET_LABELS.overdue), { bucket: 'overdue' })}${quick(say(lang, BUCKET_LABELS.nearly_due), { bucket: 'nearly_due' })}${quick(
            tr(lang, 'Chờ chuyển', 'To forward'),
            { status: 'received' },
          )}${quick(tr(lang, 'Chờ trả kết quả', 'To return'), { status: 'result_ready' })}${quick(tr(lang, 'Tất cả', 'All'), {})}
        </ul>
      </nav>
      <form method="get" action="/dossiers" class="inline-form filters">
        ${selectInput(lang, {
          ...FIELD_LOOK,
          id: 'bucket',
          label: tr(lang, 'Thời hạn', 'Timeliness'),
          value: filter.bucket,
          options: [
            { value: '', label: tr(lang, 'Tất cả', 'All') },
            ...(['overdue', 'nearly_due', 'not_yet_due'] as const).map((b) => ({
              value: b,
              label: say(lang, BUCKET_LABELS[b]),
            })),
          ],
        })}
        ${selectInput(lang, {
          ...FIELD_LOOK,
          id: 'status',
          label: tr(lang, 'Trạng thái', 'Status'),
          value: filter.status,
          options: [
            { value: '', label: tr(lang, 'Tất cả', 'All') },
            ...DOSSIER_STATUSES.map((s) => ({ value: s, label: say(lang, STATUS_LABELS[s]) })),
          ],
        })}
        ${textInput(lang, { ...INPUT_LOOK, id: 'procedure', label: tr(lang, 'Mã thủ tục', 'Procedure code'), value: filter.procedure, width: 'w-medium', maxlength: 40 })}
        ${selectInput(lang, {
          ...FIELD_LOOK,
          id: 'channel',
          label: tr(lang, 'Kênh nộp', 'Channel'),
          value: filter.channel,
          options: [
            { value: '', label: tr(lang, 'Tất cả', 'All') },
            ...CHANNELS.map((c) => ({ value: c, label: say(lang, CHANNEL_LABELS[c]) })),
          ],
        })}
        <button type="submit" class="button secondary">${tr(lang, 'Lọc', 'Filter')}</button>
      </form>
      <p role="status">
        ${state.total}
        ${tr(lang, 'hồ sơ', state.total === 1 ? 'dossier' : 'dossiers')}${
          pages > 1 ? html` · ${tr(lang, 'trang', 'page')} ${state.page}/${pages}` : ''
        }
      </p>
      ${state.rows.length > 0 ? rowsTable(lang, state.rows, title) : ''}
      ${
        pages > 1
          ? html`<nav aria-label="${tr(lang, 'Phân trang', 'Pagination')}" class="pagination">
              ${state.page > 1 ? html`<a rel="prev" href="/dossiers${query(filter, state.page - 1)}">← ${tr(lang, 'Trang trước', 'Previous')}</a>` : ''}
              ${state.page < pages ? html`<a rel="next" href="/dossiers${query(filter, state.page + 1)}">${tr(lang, 'Trang sau', 'Next')} →</a>` : ''}
            </nav>`
          : ''
      }`,
  );
}

/** The agency officer's inbox: dossiers in progress (soonest due first) and those waiting for a supplement. */
export function inboxPage(
  ctx: PageContext,
  state: {
    agencies: readonly string[];
    waiting: readonly ListRow[];
    waitingTotal: number;
    paused: readonly ListRow[];
    pausedTotal: number;
  },
): string {
  const { lang } = ctx;
  const title = tr(lang, 'Hồ sơ cần xử lý', 'Dossiers to process');
  const more = (shown: number, total: number, status: DossierStatus) =>
    total > shown
      ? html`<p>
          <a href="/dossiers?status=${status}"
            >${tr(lang, `Xem tất cả ${total} hồ sơ`, `See all ${total} dossiers`)}</a
          >
        </p>`
      : '';
  return page(
    ctx,
    title,
    html`${DOSSIER_STYLESHEET}
      <h1>${title}</h1>
      <p class="hint">${tr(lang, 'Cơ quan', 'Agency')}: ${state.agencies.join(', ')}</p>
      <h2>${tr(lang, 'Đang giải quyết', 'In progress')} (${state.waitingTotal})</h2>
      ${
        state.waiting.length > 0
          ? rowsTable(lang, state.waiting, tr(lang, 'Đang giải quyết', 'In progress'))
          : html`<p>${tr(lang, 'Không có hồ sơ chờ xử lý.', 'Nothing waiting.')}</p>`
      }
      ${more(state.waiting.length, state.waitingTotal, 'in_progress')}
      <h2>${tr(lang, 'Chờ người nộp bổ sung', 'Waiting for a supplement')} (${state.pausedTotal})</h2>
      ${
        state.paused.length > 0
          ? rowsTable(lang, state.paused, tr(lang, 'Chờ người nộp bổ sung', 'Waiting for a supplement'))
          : html`<p>${tr(lang, 'Không có hồ sơ chờ bổ sung.', 'None.')}</p>`
      }
      ${more(state.paused.length, state.pausedTotal, 'supplement_requested')}`,
  );
}
