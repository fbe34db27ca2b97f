/**
 * Every report as one tabular model (title, grouped column headers, rows of numbers), shared by the
 * HTML pages, the XLSX and the PDF exports, so the three never disagree. Headers are Vietnamese
 * first with the English in `en`.
 */
import { formatLocalDate } from '../../../kernel/local-date.ts';
import type { Indicator } from '../domain/index766.ts';
import type { DashboardFigures, MonthlyFigures } from '../domain/report.ts';
import type { DashboardReport, MonthlyReport } from '../reports.service.ts';

export interface TableColumn {
  readonly vi: string;
  readonly en: string;
  /** Shared header above consecutive columns with the same group. */
  readonly group?: { vi: string; en: string };
  /** Percent columns are written with two decimals. */
  readonly percent?: boolean;
}

export type Cell = number | string | null;

export interface ReportTable {
  readonly title: { vi: string; en: string };
  readonly subtitle: { vi: string; en: string };
  readonly labelHeader: { vi: string; en: string };
  readonly columns: readonly TableColumn[];
  readonly rows: readonly { label: string; cells: readonly Cell[] }[];
  readonly total: { label: string; cells: readonly Cell[] } | null;
}

const G = {
  received: { vi: 'Số hồ sơ nhận giải quyết', en: 'Dossiers to resolve' },
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
  progress: { vi: 'Đang giải quyết', en: 'In progress' },
  residual: { vi: 'Khác (để đối chiếu)', en: 'Residual (to reconcile)' },
};

export const MONTHLY_COLUMNS: readonly (TableColumn & { value: (f: MonthlyFigures) => number })[] = [
  { vi: 'Tổng số', en: 'Total', group: G.received, value: (f) => f.total },
  { vi: 'Kỳ trước chuyển qua', en: 'Carried over', group: G.received, value: (f) => f.carriedOver },
  { vi: 'Mới tiếp nhận', en: 'New', group: G.received, value: (f) => f.newReceived },
  { vi: 'Trực tuyến', en: 'Online', group: G.received, value: (f) => f.newOnline },
  {
    vi: 'Trực tiếp và BCCI',
    en: 'Counter and postal',
    group: G.received,
    value: (f) => f.newCounterAndPostal,
  },
  { vi: 'Tổng', en: 'Total', group: G.resolved, value: (f) => f.resolved },
  { vi: 'Trước hạn', en: 'Early', group: G.resolved, value: (f) => f.resolvedEarly },
  { vi: 'Đúng hạn', en: 'On time', group: G.resolved, value: (f) => f.resolvedOnTime },
  { vi: 'Quá hạn', en: 'Late', group: G.resolved, value: (f) => f.resolvedLate },
  { vi: 'Tổng', en: 'Total', group: G.progress, value: (f) => f.inProgress },
  { vi: 'Trong hạn', en: 'Within time', group: G.progress, value: (f) => f.inProgressWithinTime },
  { vi: 'Quá hạn', en: 'Overdue', group: G.progress, value: (f) => f.inProgressOverdue },
  { vi: 'Chờ bổ sung', en: 'Waiting for supplement', group: G.residual, value: (f) => f.waitingSupplement },
  { vi: 'Rút hồ sơ', en: 'Withdrawn', group: G.residual, value: (f) => f.withdrawn },
  { vi: 'Dừng xử lý', en: 'Stopped', group: G.residual, value: (f) => f.stopped },
  { vi: 'Từ chối', en: 'Rejected', group: G.residual, value: (f) => f.rejected },
];

const GROUP_LABELS: Record<string, { vi: string; en: string }> = {
  none: { vi: 'Phạm vi', en: 'Scope' },
  service_point: { vi: 'Điểm phục vụ', en: 'Service point' },
  unit: { vi: 'Đơn vị hành chính', en: 'Administrative unit' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  agency: { vi: 'Cơ quan giải quyết', en: 'Agency' },
  channel: { vi: 'Kênh nộp', en: 'Channel' },
  operator: { vi: 'Đơn vị vận hành', en: 'Operator' },
};

const periodText = (first: string, last: string) => ({
  vi: `Kỳ báo cáo: từ ngày ${formatLocalDate(first)} đến ngày ${formatLocalDate(last)}`,
  en: `Reporting period: ${formatLocalDate(first)} to ${formatLocalDate(last)}`,
});

export function monthlyTable(r: MonthlyReport): ReportTable {
  const scope = r.unit ?? 'toàn tỉnh';
  return {
    title: {
      vi: `BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC — ${scope}`,
      en: `Report on administrative procedure handling — ${r.unit ?? 'whole province'}`,
    },
    subtitle: periodText(r.period.first, r.period.last),
    labelHeader: GROUP_LABELS[r.groupBy] ?? GROUP_LABELS.none!,
    columns: MONTHLY_COLUMNS,
    rows: r.rows.map((row) => ({
      label: row.label === row.key ? row.key : `${row.label} (${row.key})`,
      cells: MONTHLY_COLUMNS.map((c) => c.value(row.figures)),
    })),
    total: { label: 'Tổng cộng', cells: MONTHLY_COLUMNS.map((c) => c.value(r.totals)) },
  };
}

const D = {
  handle: { vi: 'Cần xử lý', en: 'To handle' },
  progress: { vi: 'Đang xử lý', en: 'In progress' },
  done: { vi: 'Đã xử lý', en: 'Done' },
  rate: { vi: 'Tỉ lệ (%)', en: 'Rates (%)' },
};

export const DASHBOARD_COLUMNS: readonly (TableColumn & { value: (f: DashboardFigures) => number | null })[] =
  [
    { vi: 'Tổng', en: 'Total', group: D.handle, value: (f) => f.toHandle },
    { vi: 'Đã tiếp nhận', en: 'Received', group: D.handle, value: (f) => f.received },
    { vi: 'Tồn kỳ trước', en: 'Carried over', group: D.handle, value: (f) => f.carriedOver },
    { vi: 'Trễ', en: 'Late', group: D.progress, value: (f) => f.inProgressLate },
    { vi: 'Sắp trễ', en: 'Nearly late', group: D.progress, value: (f) => f.inProgressNearlyLate },
    { vi: 'Chưa đến hạn', en: 'Not yet due', group: D.progress, value: (f) => f.inProgressNotYetDue },
    { vi: 'Chờ bổ sung', en: 'Waiting for supplement', group: D.progress, value: (f) => f.waitingSupplement },
    { vi: 'Trễ', en: 'Late', group: D.done, value: (f) => f.doneLate },
    { vi: 'Sớm, đúng hạn', en: 'Early or on time', group: D.done, value: (f) => f.doneEarly },
    { vi: 'Chưa nhận', en: 'Not yet collected', group: D.done, value: (f) => f.doneNotCollected },
    {
      vi: 'Từ chối, dừng, rút',
      en: 'Rejected, stopped, withdrawn',
      group: D.done,
      value: (f) => f.closedOtherwise,
    },
    { vi: 'Tỉ lệ trễ hạn', en: 'Late rate', group: D.rate, percent: true, value: (f) => f.lateRate },
    { vi: 'Tỉ lệ đúng hạn', en: 'On-time rate', group: D.rate, percent: true, value: (f) => f.onTimeRate },
  ];

export function dashboardTable(r: DashboardReport): ReportTable {
  return {
    title: {
      vi: `THỐNG KÊ TÌNH HÌNH XỬ LÝ HỒ SƠ — ${r.unit ?? 'toàn tỉnh'}`,
      en: `Dossier handling dashboard — ${r.unit ?? 'whole province'}`,
    },
    subtitle: periodText(r.from, r.at),
    labelHeader: GROUP_LABELS.service_point!,
    columns: DASHBOARD_COLUMNS,
    rows: r.byServicePoint.map((row) => ({
      label: `${row.label} (${row.key})`,
      cells: DASHBOARD_COLUMNS.map((c) => c.value(row.figures)),
    })),
    total: { label: 'Tổng cộng', cells: DASHBOARD_COLUMNS.map((c) => c.value(r.figures)) },
  };
}

export const INDEX_COLUMNS: readonly TableColumn[] = [
  { vi: 'Nhóm', en: 'Group' },
  { vi: 'Công thức', en: 'Formula' },
  { vi: 'Tử số', en: 'Numerator' },
  { vi: 'Mẫu số', en: 'Denominator' },
  { vi: 'Tỉ lệ (%)', en: 'Ratio (%)', percent: true },
  { vi: 'Ngưỡng (%)', en: 'Threshold (%)' },
  { vi: 'Điểm tối đa', en: 'Max points' },
  { vi: 'Điểm', en: 'Points' },
  { vi: 'Ghi chú, nguồn', en: 'Note, source' },
];

export function index766Table(r: {
  period: { first: string; last: string };
  unit: string | null;
  indicators: readonly Indicator[];
  groups: readonly { group: number; nameVi: string; maxPoints: number; points: number }[];
  total: number;
}): ReportTable {
  return {
    title: {
      vi: `BỘ CHỈ SỐ QĐ 766/QĐ-TTg — ${r.unit ?? 'toàn tỉnh'}`,
      en: `QĐ 766 service-quality index — ${r.unit ?? 'whole province'}`,
    },
    subtitle: periodText(r.period.first, r.period.last),
    labelHeader: { vi: 'Chỉ số', en: 'Indicator' },
    columns: INDEX_COLUMNS,
    rows: [
      ...r.indicators.map((i) => ({
        label: `${i.id} ${i.nameVi}`,
        cells: [
          i.group,
          i.formula,
          i.numerator,
          i.denominator,
          i.ratio,
          i.threshold,
          i.maxPoints,
          i.points,
          [
            i.status === 'computed' ? '' : i.status === 'manual' ? 'Nhập tay' : 'Không có số liệu',
            i.note ?? '',
            i.pointsBasis === 'equal_split' ? 'Điểm chia đều trong nhóm (chưa có văn bản phân bổ)' : '',
          ]
            .filter((x) => x !== '')
            .join('; '),
        ] as Cell[],
      })),
      ...r.groups.map((g) => ({
        label: `Nhóm ${g.group}: ${g.nameVi}`,
        cells: [g.group, '', null, null, null, null, g.maxPoints, g.points, ''] as Cell[],
      })),
    ],
    total: { label: 'Tổng điểm', cells: ['', '', null, null, null, null, 100, r.total, ''] },
  };
}
