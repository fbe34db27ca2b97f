/**
 * A readable, field-by-field diff between two versions of a procedure, for the staff page that
 * shows what a new announcing decision changed ("Thời hạn giải quyết: 5 → 3 ngày làm việc").
 *
 * Lists are matched by their natural key (a fee or a document by its name, a legal basis by its
 * text), so reordering produces no noise and a renamed document shows as removed + added.
 * Values are rendered in Vietnamese, the language of the page; labels come in both languages.
 */

import { formatLocalDateVi } from './local-date.ts';
import type {
  DocumentForm,
  FeeItem,
  OnlineLevel,
  ProcedureLevel,
  ProcedureStatus,
  ProcedureVersion,
  ProcessingStep,
  RequiredDocument,
  ResultKind,
  TimeUnit,
} from './procedure.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Path of the field, e.g. 'processingTime' or 'documents[Tờ khai đăng ký khai sinh]'. */
  readonly path: string;
  readonly labelVi: string;
  readonly labelEn: string;
  readonly kind: ChangeKind;
  /** Rendered old value (Vietnamese), null when added. */
  readonly before: string | null;
  /** Rendered new value (Vietnamese), null when removed. */
  readonly after: string | null;
}

export const LEVEL_LABELS_VI: Record<ProcedureLevel, string> = {
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
};
export const TIME_UNIT_LABELS_VI: Record<TimeUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};
export const DOCUMENT_FORM_LABELS_VI: Record<DocumentForm, string> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao chứng thực',
  copy: 'Bản sao',
};
export const RESULT_KIND_LABELS_VI: Record<ResultKind, string> = {
  paper: 'Bản giấy',
  electronic: 'Bản điện tử',
  both: 'Bản giấy và bản điện tử',
};
export const ONLINE_LEVEL_LABELS_VI: Record<OnlineLevel, string> = {
  full: 'Toàn trình',
  partial: 'Một phần',
  none: 'Không',
};
export const STATUS_LABELS_VI: Record<ProcedureStatus, string> = {
  draft: 'Dự thảo',
  published: 'Đang áp dụng',
  retired: 'Đã bãi bỏ',
};

/** 50000 → "50.000 đ" (Vietnamese digit grouping). */
export function formatVnd(amount: number): string {
  const digits = Math.abs(Math.trunc(amount)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${grouped} đ`;
}

const yesNo = (b: boolean): string => (b ? 'Có' : 'Không');

function renderFee(f: FeeItem): string {
  return `${formatVnd(f.amountVnd)}${f.appliesWhen !== undefined ? ` (${f.appliesWhen})` : ''}`;
}

function renderDocument(d: RequiredDocument): string {
  const parts = [
    `${DOCUMENT_FORM_LABELS_VI[d.form]}: ${d.count}`,
    d.mandatory ? 'bắt buộc' : 'không bắt buộc',
    ...(d.reusableFromDataStore ? ['có thể lấy từ kho dữ liệu'] : []),
    ...(d.blankFormFile !== undefined ? [`mẫu: ${d.blankFormFile}`] : []),
  ];
  return parts.join('; ');
}

function renderStep(s: ProcessingStep, index: number): string {
  return `${index + 1}. ${s.name}${s.agency !== undefined ? ` (${s.agency})` : ''}: ${s.sharePercent}%`;
}

type Labels = readonly [vi: string, en: string];

/** Items by key; a repeated key gets an occurrence suffix (" #2") so no item is lost. */
function keyedMap<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const base = key(item);
    let k = base;
    for (let n = 2; map.has(k); n++) k = `${base} #${n}`;
    map.set(k, item);
  }
  return map;
}

class DiffBuilder {
  readonly changes: FieldChange[] = [];

  scalar(path: string, [labelVi, labelEn]: Labels, before: string | null, after: string | null): void {
    if (before === after) return;
    const kind: ChangeKind = before === null ? 'added' : after === null ? 'removed' : 'changed';
    this.changes.push({ path, labelVi, labelEn, kind, before, after });
  }

  /** Compare two keyed lists; items are rendered with `render` and matched by `key`. */
  keyed<T>(
    path: string,
    labels: Labels,
    before: readonly T[],
    after: readonly T[],
    key: (item: T) => string,
    render: (item: T) => string,
  ): void {
    const oldByKey = keyedMap(before, key);
    const newByKey = keyedMap(after, key);
    for (const [k, item] of oldByKey) {
      const next = newByKey.get(k);
      this.scalar(`${path}[${k}]`, labels, render(item), next === undefined ? null : render(next));
    }
    for (const [k, item] of newByKey) {
      if (!oldByKey.has(k)) this.scalar(`${path}[${k}]`, labels, null, render(item));
    }
  }
}

/**
 * Field-by-field changes from `before` to `after` (usually consecutive versions of one code).
 * Returns an empty list when nothing a citizen or officer would notice has changed.
 */
export function diffVersions(before: ProcedureVersion, after: ProcedureVersion): FieldChange[] {
  const d = new DiffBuilder();
  const date = (v: string | null): string | null => (v === null ? null : formatLocalDateVi(v));

  d.scalar('code', ['Mã thủ tục', 'Procedure code'], before.code, after.code);
  d.scalar('name', ['Tên thủ tục', 'Name'], before.name, after.name);
  d.scalar(
    'levels',
    ['Cấp thực hiện', 'Levels'],
    before.levels.map((l) => LEVEL_LABELS_VI[l]).join(', '),
    after.levels.map((l) => LEVEL_LABELS_VI[l]).join(', '),
  );
  d.scalar('field', ['Lĩnh vực', 'Field'], before.field, after.field);
  d.scalar(
    'agency',
    ['Cơ quan thực hiện', 'Competent agency'],
    `${before.agency.name} (${before.agency.code})`,
    `${after.agency.name} (${after.agency.code})`,
  );
  d.keyed(
    'servicePointCodes',
    ['Nơi tiếp nhận', 'Receiving service points'],
    before.servicePointCodes,
    after.servicePointCodes,
    (c) => c,
    (c) => c,
  );
  d.scalar(
    'processingTime',
    ['Thời hạn giải quyết', 'Time limit'],
    `${before.processingTime.value} ${TIME_UNIT_LABELS_VI[before.processingTime.unit]}`,
    `${after.processingTime.value} ${TIME_UNIT_LABELS_VI[after.processingTime.unit]}`,
  );
  d.scalar(
    'cutoffTime',
    ['Giờ cắt', 'Same-day cut-off'],
    before.cutoffTime ?? null,
    after.cutoffTime ?? null,
  );
  d.keyed('fees', ['Phí, lệ phí', 'Fees'], before.fees, after.fees, (f) => f.name, renderFee);
  d.keyed(
    'documents',
    ['Thành phần hồ sơ', 'Required documents'],
    before.documents,
    after.documents,
    (x) => x.name,
    renderDocument,
  );
  d.scalar(
    'result',
    ['Kết quả', 'Result'],
    `${before.result.name} (${RESULT_KIND_LABELS_VI[before.result.kind]})`,
    `${after.result.name} (${RESULT_KIND_LABELS_VI[after.result.kind]})`,
  );
  d.scalar(
    'onlineLevel',
    ['Mức độ DVC trực tuyến', 'Online service level'],
    ONLINE_LEVEL_LABELS_VI[before.onlineLevel],
    ONLINE_LEVEL_LABELS_VI[after.onlineLevel],
  );
  d.scalar(
    'postal.sendDossier',
    ['Gửi hồ sơ qua BCCI', 'Dossier by post'],
    yesNo(before.postal.sendDossier),
    yesNo(after.postal.sendDossier),
  );
  d.scalar(
    'postal.receiveResult',
    ['Nhận kết quả qua BCCI', 'Result by post'],
    yesNo(before.postal.receiveResult),
    yesNo(after.postal.receiveResult),
  );
  d.scalar('oneStop', ['Một cửa', 'One-stop'], yesNo(before.oneStop), yesNo(after.oneStop));
  d.scalar(
    'feesBlockReturn',
    ['Nộp phí trước khi trả kết quả', 'Fees due before return'],
    yesNo(before.feesBlockReturn),
    yesNo(after.feesBlockReturn),
  );
  d.keyed(
    'legalBasis',
    ['Căn cứ pháp lý', 'Legal basis'],
    before.legalBasis,
    after.legalBasis,
    (b) => b,
    (b) => b,
  );
  d.scalar(
    'steps',
    ['Các bước xử lý', 'Processing steps'],
    before.steps.map(renderStep).join('\n') || null,
    after.steps.map(renderStep).join('\n') || null,
  );
  d.scalar(
    'status',
    ['Trạng thái', 'Status'],
    STATUS_LABELS_VI[before.status],
    STATUS_LABELS_VI[after.status],
  );
  d.scalar('validFrom', ['Hiệu lực từ', 'Valid from'], date(before.validFrom), date(after.validFrom));
  d.scalar('validTo', ['Hiệu lực đến', 'Valid to'], date(before.validTo), date(after.validTo));
  d.scalar(
    'decision',
    ['Quyết định công bố', 'Announcing decision'],
    before.decision === null
      ? null
      : `${before.decision.number} ngày ${formatLocalDateVi(before.decision.date)}`,
    after.decision === null
      ? null
      : `${after.decision.number} ngày ${formatLocalDateVi(after.decision.date)}`,
  );
  return d.changes;
}
