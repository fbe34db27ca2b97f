/**
 * Words and formats the dossier pages share: statuses, channels, timeliness, event names, Vietnam
 * local times and the due countdown ("còn 2 ngày làm việc", "quá hạn 3 giờ làm việc"). Vietnamese
 * first, English second; every text goes through `html` in the views.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { workingMinutesBetween, type WorkingCalendar } from '../../../kernel/calendar/index.ts';
import { formatLocalDateTime, VN_OFFSET_MS } from '../../../kernel/local-date.ts';
import type { DocumentForm } from '../../catalog/domain/procedure.ts';
import type { Channel, DossierStatus, PaymentMethod, ReturnMethod, StepResult } from '../domain/types.ts';

/** A text in both languages. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Picks the text of the page's language. */
export const tr = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);

/** The text of a bilingual label in `lang`. */
export const say = (lang: Lang, label: Bilingual): string => label[lang];

/** Dossier statuses as staff say them. */
export const STATUS_LABELS: Readonly<Record<DossierStatus, Bilingual>> = {
  submitted: { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting receipt' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  in_progress: { vi: 'Đang giải quyết', en: 'In progress' },
  supplement_requested: { vi: 'Chờ bổ sung', en: 'Awaiting supplement' },
  result_ready: { vi: 'Có kết quả, chờ trả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  rejected: { vi: 'Từ chối giải quyết', en: 'Rejected' },
  stopped: { vi: 'Dừng giải quyết', en: 'Stopped' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
};

/** Submission channels. */
export const CHANNEL_LABELS: Readonly<Record<Channel, Bilingual>> = {
  counter: { vi: 'Trực tiếp tại quầy', en: 'At the counter' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Qua bưu chính công ích', en: 'By public postal service' },
};

/** How the applicant receives the result. */
export const RETURN_LABELS: Readonly<Record<ReturnMethod, Bilingual>> = {
  counter: { vi: 'Nhận tại Bộ phận một cửa', en: 'Collect at the counter' },
  postal: { vi: 'Nhận qua bưu chính công ích', en: 'By public postal service' },
  online: { vi: 'Nhận trực tuyến (kết quả điện tử)', en: 'Online (electronic result)' },
};

/** How a document is presented (bản chính, bản sao …). */
export const DOCUMENT_FORM_NAMES: Readonly<Record<DocumentForm, Bilingual>> = {
  original: { vi: 'Bản chính', en: 'Original' },
  certified_copy: { vi: 'Bản sao có chứng thực', en: 'Certified copy' },
  copy: { vi: 'Bản sao', en: 'Copy' },
};

/** Payment methods of fees. */
export const PAYMENT_LABELS: Readonly<Record<PaymentMethod, Bilingual>> = {
  cash: { vi: 'Tiền mặt', en: 'Cash' },
  bank_transfer: { vi: 'Chuyển khoản', en: 'Bank transfer' },
  vietqr: { vi: 'VietQR', en: 'VietQR' },
  online: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
};

/** Early / on time / late of a step or of the whole dossier (Trước hạn / Đúng hạn / Quá hạn). */
export const RESULT_LABELS: Readonly<Record<StepResult, Bilingual>> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

/** Deadline buckets of open dossiers (the list's filters). */
export const BUCKET_LABELS: Readonly<Record<'overdue' | 'nearly_due' | 'not_yet_due', Bilingual>> = {
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  nearly_due: { vi: 'Sắp đến hạn', en: 'Nearly due' },
  not_yet_due: { vi: 'Trong hạn', en: 'Not yet due' },
};

/** Names of the dossier events in the timeline. */
export const EVENT_LABELS: Readonly<Record<string, Bilingual>> = {
  'dossier.submitted': { vi: 'Nộp hồ sơ', en: 'Submitted' },
  'dossier.received': { vi: 'Tiếp nhận hồ sơ', en: 'Received' },
  'dossier.forwarded': { vi: 'Chuyển hồ sơ đến cơ quan giải quyết', en: 'Forwarded to the agency' },
  'dossier.handed-over': { vi: 'Bàn giao giữa các bước xử lý', en: 'Handed over' },
  'dossier.supplement-requested': { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  'dossier.supplemented': { vi: 'Đã bổ sung hồ sơ', en: 'Supplemented' },
  'dossier.rejected': { vi: 'Từ chối giải quyết', en: 'Rejected' },
  'dossier.stopped': { vi: 'Dừng giải quyết', en: 'Processing stopped' },
  'dossier.withdrawn': { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  'dossier.apologized': { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology with a new date' },
  'dossier.result-ready': { vi: 'Có kết quả giải quyết', en: 'Result ready' },
  'dossier.returned': { vi: 'Trả kết quả', en: 'Result returned' },
  'dossier.fee-paid': { vi: 'Thu phí, lệ phí', en: 'Fee paid' },
};

const WEEKDAYS: Readonly<Record<Lang, readonly string[]>> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Vietnam local time `HH:mm dd/MM/yyyy`, or an em dash. */
export function localTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? '—' : formatLocalDateTime(d);
}

/** An appointment as people say it: "09:00 Thứ Hai, 09/03/2026". */
export function appointmentText(lang: Lang, at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  const local = new Date(d.getTime() + VN_OFFSET_MS);
  const [time, date] = formatLocalDateTime(d).split(' ');
  return `${time ?? ''} ${WEEKDAYS[lang][local.getUTCDay()] ?? ''}, ${date ?? ''}`;
}

/** Amount in đồng with Vietnamese thousands separators: "200.000 đ". */
export function vnd(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** Standard working day used for countdowns (the default schedule: 07:00–11:30, 13:30–17:00). */
export const WORKING_DAY_MINUTES = 480;

/** Working time as text: "2 ngày 3 giờ", "3 giờ", "dưới 1 giờ" (followed by "làm việc"). */
function workingSpan(lang: Lang, minutes: number): string {
  const days = Math.floor(minutes / WORKING_DAY_MINUTES);
  const hours = Math.floor((minutes % WORKING_DAY_MINUTES) / 60);
  if (days === 0 && hours === 0) return tr(lang, 'dưới 1 giờ làm việc', 'less than 1 working hour');
  const parts: string[] = [];
  if (days > 0) parts.push(tr(lang, `${days} ngày`, `${days} working day${days > 1 ? 's' : ''}`));
  if (hours > 0)
    parts.push(tr(lang, `${hours} giờ`, `${hours} ${days > 0 ? '' : 'working '}hour${hours > 1 ? 's' : ''}`));
  return lang === 'vi' ? `${parts.join(' ')} làm việc` : parts.join(' ');
}

/** The countdown of an open dossier: how much working time is left, or how long it is overdue. */
export interface Countdown {
  readonly text: string;
  readonly overdue: boolean;
  readonly minutes: number;
}

/** "còn 2 ngày làm việc" / "quá hạn 3 giờ làm việc", in working time of `calendar`. */
export function countdown(lang: Lang, calendar: WorkingCalendar, now: Date, due: Date | string): Countdown {
  const dueAt = typeof due === 'string' ? new Date(due) : due;
  if (dueAt.getTime() >= now.getTime()) {
    const minutes = workingMinutesBetween(calendar, now.getTime(), dueAt.getTime());
    return {
      text: tr(lang, `còn ${workingSpan(lang, minutes)}`, `${workingSpan(lang, minutes)} left`),
      overdue: false,
      minutes,
    };
  }
  const minutes = workingMinutesBetween(calendar, dueAt.getTime(), now.getTime());
  return {
    text: tr(lang, `quá hạn ${workingSpan(lang, minutes)}`, `overdue by ${workingSpan(lang, minutes)}`),
    overdue: true,
    minutes,
  };
}

/** A value of `data` as text, if it is a non-empty string. */
export function textOf(data: unknown, key: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A value of `data` as a list of strings. */
export function listOf(data: unknown, key: string): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const v = (data as Record<string, unknown>)[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A value of `data` as a number. */
export function numberOf(data: unknown, key: string): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
