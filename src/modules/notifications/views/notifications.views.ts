/**
 * The staff page /admin/notifications: counts per status, a filter, the messages (recipient masked,
 * no body) and a requeue button on failed / gave-up messages for staff who may retry.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { formatLocalDateTime } from '../../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import { STATUSES, type NotificationStatus } from '../domain.ts';
import type { NotificationPage, StuckEventView } from '../notifications.service.ts';

const TEXT = {
  title: { vi: 'Thông báo gửi người dân', en: 'Notifications to applicants' },
  intro: {
    vi: 'Thư điện tử và tin nhắn gửi người nộp hồ sơ, với tình trạng gửi. Người nhận được che một phần.',
    en: 'E-mails and text messages to applicants, with their delivery status. Recipients are partly hidden.',
  },
  all: { vi: 'Tất cả', en: 'All' },
  filter: { vi: 'Lọc theo tình trạng', en: 'Filter by status' },
  show: { vi: 'Xem', en: 'Show' },
  created: { vi: 'Tạo lúc', en: 'Created' },
  dossier: { vi: 'Hồ sơ', en: 'Dossier' },
  channel: { vi: 'Kênh', en: 'Channel' },
  recipient: { vi: 'Người nhận', en: 'Recipient' },
  template: { vi: 'Mẫu', en: 'Template' },
  status: { vi: 'Tình trạng', en: 'Status' },
  attempts: { vi: 'Số lần gửi', en: 'Attempts' },
  lastError: { vi: 'Lỗi gần nhất', en: 'Last error' },
  next: { vi: 'Lần gửi tiếp theo', en: 'Next attempt' },
  retry: { vi: 'Gửi lại', en: 'Requeue' },
  requeued: { vi: 'Đã đưa thông báo vào hàng đợi gửi lại', en: 'The notification was requeued' },
  none: { vi: 'Không có thông báo nào.', en: 'No notifications.' },
  previous: { vi: 'Trang trước', en: 'Previous page' },
  nextPage: { vi: 'Trang sau', en: 'Next page' },
  page: { vi: 'Trang', en: 'Page' },
  noEmail: {
    vi: 'Chưa cấu hình máy chủ thư (MOTCUA_SMTP_HOST): thư điện tử được giữ trong hàng đợi.',
    en: 'No SMTP server is configured (MOTCUA_SMTP_HOST): e-mails stay queued.',
  },
  noSms: {
    vi: 'Chưa cấu hình cổng SMS (MOTCUA_SMS_URL): tin nhắn được giữ trong hàng đợi.',
    en: 'No SMS gateway is configured (MOTCUA_SMS_URL): text messages stay queued.',
  },
  stuck: { vi: 'Sự kiện chưa tạo được thông báo', en: 'Events not yet turned into notifications' },
  stuckHint: {
    vi: 'Dữ liệu sự kiện không đủ để tạo thông báo; hệ thống sẽ thử lại.',
    en: 'The event data is not enough to make a notification; it will be tried again.',
  },
  topic: { vi: 'Sự kiện', en: 'Event' },
} as const;

const STATUS_NAMES: Record<NotificationStatus, { vi: string; en: string }> = {
  queued: { vi: 'Đang chờ gửi', en: 'Queued' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  failed: { vi: 'Bị từ chối', en: 'Failed' },
  gave_up: { vi: 'Ngừng thử lại', en: 'Gave up' },
};

const TEMPLATE_NAMES: Record<string, { vi: string; en: string }> = {
  received: { vi: 'Tiếp nhận hồ sơ', en: 'Received' },
  'supplement-requested': { vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
  apology: { vi: 'Xin lỗi, hẹn lại', en: 'Apology, new date' },
  'result-ready': { vi: 'Có kết quả', en: 'Result ready' },
  'out-for-delivery': { vi: 'Đang chuyển phát', en: 'Out for delivery' },
  delivered: { vi: 'Đã phát', en: 'Delivered' },
  'rating-invitation': { vi: 'Mời đánh giá', en: 'Rating invitation' },
  submitted: { vi: 'Đã gửi hồ sơ trực tuyến', en: 'Submitted online' },
  'one-time-code': { vi: 'Mã xác minh', en: 'One-time code' },
  'feedback-update': { vi: 'Phản ánh, kiến nghị', en: 'Feedback' },
};

const tx = (lang: Lang, key: keyof typeof TEXT) => TEXT[key][lang];
const when = (iso: string | null) => (iso ? formatLocalDateTime(new Date(iso)) : '');

/** What the page shows besides the list. */
export interface NotificationsPageState {
  readonly status: NotificationStatus | undefined;
  readonly canRetry: boolean;
  readonly requeued?: number | undefined;
  readonly channels: readonly string[];
  readonly stuck: readonly StuckEventView[];
}

function pageLink(state: NotificationsPageState, n: number): string {
  const q = new URLSearchParams();
  if (state.status) q.set('status', state.status);
  q.set('page', String(n));
  return `/admin/notifications?${q.toString()}`;
}

/** Renders /admin/notifications. */
export function notificationsPage(
  ctx: PageContext,
  data: NotificationPage,
  state: NotificationsPageState,
): string {
  const { lang } = ctx;
  const lastPage = Math.max(1, Math.ceil(data.total / data.pageSize));
  const waiting: SafeHtml[] = [];
  if (!state.channels.includes('email') && data.queuedByChannel.email > 0)
    waiting.push(html`<li>${tx(lang, 'noEmail')} (${data.queuedByChannel.email})</li>`);
  if (!state.channels.includes('sms') && data.queuedByChannel.sms > 0)
    waiting.push(html`<li>${tx(lang, 'noSms')} (${data.queuedByChannel.sms})</li>`);
  return page(
    ctx,
    tx(lang, 'title'),
    html`${
        state.requeued
          ? html`<div class="panel success" role="status">
              <h2>${tx(lang, 'requeued')}: #${state.requeued}</h2>
            </div>`
          : ''
      }
      <h1>${tx(lang, 'title')}</h1>
      <p class="hint">${tx(lang, 'intro')}</p>
      <ul class="cards">
        ${STATUSES.map(
          (s) =>
            html`<li>
              <a href="/admin/notifications?status=${s}">${STATUS_NAMES[s][lang]}</a>:
              <strong>${data.counts[s]}</strong>
            </li>`,
        )}
      </ul>
      ${
        waiting.length
          ? html`<div class="panel" role="note">
              <ul>
                ${waiting}
              </ul>
            </div>`
          : ''
      }
      <form method="get" action="/admin/notifications" class="inline-form">
        <div>
          <label for="status">${tx(lang, 'filter')}</label>
          <select id="status" name="status">
            <option value="">${tx(lang, 'all')}</option>
            ${STATUSES.map((s) => html`<option value="${s}" ${state.status === s ? html` selected` : ''}>${STATUS_NAMES[s][lang]}</option>`)}
          </select>
        </div>
        <button type="submit" class="button secondary">${tx(lang, 'show')}</button>
      </form>
      ${
        data.items.length === 0
          ? html`<p>${tx(lang, 'none')}</p>`
          : html`<div class="table-wrap">
                <table>
                  <caption class="hint">
                    ${tx(lang, 'page')} ${data.page}/${lastPage} · ${data.total}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">${tx(lang, 'created')}</th>
                      <th scope="col">${tx(lang, 'dossier')}</th>
                      <th scope="col">${tx(lang, 'template')}</th>
                      <th scope="col">${tx(lang, 'channel')}</th>
                      <th scope="col">${tx(lang, 'recipient')}</th>
                      <th scope="col">${tx(lang, 'status')}</th>
                      <th scope="col" class="num">${tx(lang, 'attempts')}</th>
                      <th scope="col">${tx(lang, 'lastError')}</th>
                      ${state.canRetry ? html`<th scope="col"><span class="visually-hidden">${tx(lang, 'retry')}</span></th>` : ''}
                    </tr>
                  </thead>
                  <tbody>
                    ${data.items.map(
                      (m) =>
                        html`<tr>
                          <td>${m.id}</td>
                          <td>${when(m.createdAt)}</td>
                          <td>${m.dossierCode ?? ''}</td>
                          <td>${TEMPLATE_NAMES[m.template]?.[lang] ?? m.template} (${m.language})</td>
                          <td>${m.channel === 'email' ? 'E-mail' : 'SMS'}</td>
                          <td>${m.recipient}</td>
                          <td>
                            <span class="tag"
                              >${STATUS_NAMES[m.status as NotificationStatus]?.[lang] ?? m.status}</span
                            >
                            ${m.status === 'sent' ? html`<br /><span class="hint">${when(m.sentAt)}</span>` : ''}
                            ${
                              m.status === 'queued' && m.nextAttemptAt
                                ? html`<br /><span class="hint"
                                      >${tx(lang, 'next')}: ${when(m.nextAttemptAt)}</span
                                    >`
                                : ''
                            }
                          </td>
                          <td class="num">${m.attempts}</td>
                          <td>${m.lastError ?? ''}</td>
                          ${
                            state.canRetry
                              ? html`<td>
                                  ${
                                    m.status === 'failed' || m.status === 'gave_up'
                                      ? html`<form method="post" action="/admin/notifications/${m.id}/retry">
                                          <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                                          <button type="submit" class="button secondary">
                                            ${tx(lang, 'retry')}<span class="visually-hidden"> #${m.id}</span>
                                          </button>
                                        </form>`
                                      : ''
                                  }
                                </td>`
                              : ''
                          }
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <nav aria-label="${tx(lang, 'page')}">
                ${data.page > 1 ? html`<a href="${pageLink(state, data.page - 1)}">${tx(lang, 'previous')}</a>` : ''}
                ${data.page < lastPage ? html` <a href="${pageLink(state, data.page + 1)}">${tx(lang, 'nextPage')}</a>` : ''}
              </nav>`
      }
      ${
        state.stuck.length
          ? html`<h2>${tx(lang, 'stuck')}</h2>
              <p class="hint">${tx(lang, 'stuckHint')}</p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">${tx(lang, 'topic')}</th>
                      <th scope="col">${tx(lang, 'created')}</th>
                      <th scope="col" class="num">${tx(lang, 'attempts')}</th>
                      <th scope="col">${tx(lang, 'next')}</th>
                      <th scope="col">${tx(lang, 'lastError')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${state.stuck.map(
                      (e) =>
                        html`<tr>
                          <td>${e.outboxId}</td>
                          <td>${e.topic}</td>
                          <td>${when(e.createdAt)}</td>
                          <td class="num">${e.attempts}</td>
                          <td>${when(e.nextAttemptAt)}</td>
                          <td>${e.lastError ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : ''
      }`,
  );
}
