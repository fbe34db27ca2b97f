/**
 * Words the catalog pages print, Vietnamese first and English second, and the formatting of
 * time limits, amounts and dates for citizens.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { formatLocalDate } from '../../../kernel/local-date.ts';
import { formatVnd } from '../domain/diff.ts';
import type {
  DocumentForm,
  OnlineLevel,
  ProcedureContent,
  ProcedureLevel,
  ProcedureStatus,
  ResultKind,
  TimeUnit,
} from '../domain/procedure.ts';

/** A text in both languages. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Picks the text of `lang`. */
export const L = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);

/** Administrative levels. */
export const LEVEL: Record<ProcedureLevel, Bilingual> = {
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  district: { vi: 'Cấp huyện', en: 'District' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
};

/** Units of the time limit, as they follow a number. */
export const TIME_UNIT: Record<TimeUnit, Bilingual> = {
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  working_hours: { vi: 'giờ làm việc', en: 'working hours' },
  calendar_days: { vi: 'ngày', en: 'days' },
  months: { vi: 'tháng', en: 'months' },
};

/** How a document is presented. */
export const DOCUMENT_FORM: Record<DocumentForm, Bilingual> = {
  original: { vi: 'Bản chính', en: 'Original' },
  certified_copy: { vi: 'Bản sao chứng thực', en: 'Certified copy' },
  copy: { vi: 'Bản sao', en: 'Copy' },
};

/** Paper or electronic result. */
export const RESULT_KIND: Record<ResultKind, Bilingual> = {
  paper: { vi: 'Bản giấy', en: 'On paper' },
  electronic: { vi: 'Bản điện tử', en: 'Electronic' },
  both: { vi: 'Bản giấy và bản điện tử', en: 'On paper and electronic' },
};

/** Online service levels (Nghị định 42/2022/NĐ-CP). */
export const ONLINE: Record<OnlineLevel, Bilingual> = {
  full: { vi: 'Toàn trình', en: 'Fully online' },
  partial: { vi: 'Một phần', en: 'Partly online' },
  none: { vi: 'Không', en: 'Not online' },
};

/** Version states. */
export const STATUS: Record<ProcedureStatus, Bilingual> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  published: { vi: 'Đang áp dụng', en: 'Published' },
  retired: { vi: 'Đã bãi bỏ', en: 'Retired' },
};

/** Postal filter of the search (the `postal` query parameter). */
export const POSTAL_FILTER = {
  send: { vi: 'Gửi hồ sơ qua bưu điện', en: 'Send the dossier by post' },
  receive: { vi: 'Nhận kết quả qua bưu điện', en: 'Receive the result by post' },
  both: { vi: 'Gửi hồ sơ và nhận kết quả qua bưu điện', en: 'Both ways by post' },
  none: { vi: 'Không qua bưu điện', en: 'Not by post' },
} as const satisfies Record<string, Bilingual>;
/** A value of the `postal` search filter. */
export type PostalFilter = keyof typeof POSTAL_FILTER;

/** Có / Không, Yes / No. */
export const yesNo = (lang: Lang, b: boolean): string => (b ? L(lang, 'Có', 'Yes') : L(lang, 'Không', 'No'));

/** 2.5 → "2,5" in Vietnamese. */
function formatNumber(lang: Lang, n: number): string {
  return lang === 'vi' ? String(n).replace('.', ',') : String(n);
}

/** "3 ngày làm việc", "Trong ngày", "Trong ngày; hồ sơ nhận sau 15:00 …". */
export function timeLimitText(
  lang: Lang,
  p: Pick<ProcedureContent, 'processingTime' | 'cutoffTime'>,
): string {
  const { value, unit } = p.processingTime;
  const base =
    value === 0
      ? L(lang, 'Trong ngày', 'Within the day')
      : `${formatNumber(lang, value)} ${TIME_UNIT[unit][lang]}`;
  if (p.cutoffTime === undefined) return base;
  return `${base}${L(
    lang,
    `; hồ sơ nhận sau ${p.cutoffTime} được tính từ ngày làm việc tiếp theo`,
    `; dossiers received after ${p.cutoffTime} count from the next working day`,
  )}`;
}

/** 8000 → "8.000 đ"; 0 → "Miễn phí". */
export function amountText(lang: Lang, amountVnd: number): string {
  return amountVnd === 0 ? L(lang, 'Miễn phí (0 đ)', 'Free (0 đ)') : formatVnd(amountVnd);
}

/** A local date as dd/MM/yyyy, or a dash. */
export const dateText = (date: string | null | undefined): string => (date ? formatLocalDate(date) : '—');

/** "Cấp tỉnh, Cấp xã". */
export const levelsText = (lang: Lang, levels: readonly ProcedureLevel[]): string =>
  levels.map((l) => LEVEL[l][lang]).join(', ');

/** How the procedure uses the post (BCCI). */
export function postalText(lang: Lang, p: ProcedureContent['postal']): string {
  if (p.sendDossier && p.receiveResult)
    return L(
      lang,
      'Gửi hồ sơ và nhận kết quả qua bưu điện',
      'Send the dossier and receive the result by post',
    );
  if (p.sendDossier) return L(lang, 'Gửi hồ sơ qua bưu điện', 'Send the dossier by post');
  if (p.receiveResult) return L(lang, 'Nhận kết quả qua bưu điện', 'Receive the result by post');
  return L(lang, 'Không qua bưu điện', 'Not by post');
}

/** A path with query parameters; empty values are left out. */
export function hrefWith(
  path: string,
  params: Readonly<Record<string, string | number | undefined>>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
}
