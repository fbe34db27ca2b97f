/**
 * The three exported reports as table models (exports.ts renders them to XLSX and PDF): coverage with
 * staffing per service point, clerk figures, and the public transparency figures. The columns carry the
 * same numbers as the JSON answers (tests read the XLSX back and compare).
 */
import { formatLocalDate } from '../../kernel/local-date.ts';
import type { PointStaffing } from '../org/org.service.ts';
import type { ReportFile } from './exports.ts';
import type { ClerkFigure, TransparencyView } from './operations.service.ts';

const LEVEL_VI: Record<string, string> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' };
const OPERATOR_VI: Record<string, string> = { post: 'Bưu điện', government: 'Cơ quan nhà nước' };

export interface CoverageModel {
  readonly at: string;
  readonly province: { post: number; total: number };
  readonly district: { post: number; total: number };
  readonly commune: { post: number; total: number };
  readonly staffing: { postStaff: number; agencyStaff: number; byAgency: Record<string, number> };
  readonly servicePoints: readonly PointStaffing[];
}

export function coverageFile(c: CoverageModel, generatedAt: Date, day: string): ReportFile {
  const agencies = Object.keys(c.staffing.byAgency).sort();
  const subtitle = `Tại ngày ${formatLocalDate(c.at)}`;
  return {
    title: `Phạm vi Bưu điện đảm nhận ${c.at}`,
    generatedAt,
    day,
    sheets: [
      {
        name: 'Tổng hợp',
        title: 'BỘ PHẬN MỘT CỬA DO BƯU ĐIỆN ĐẢM NHẬN',
        subtitle,
        columns: [
          { header: 'Cấp', width: 14, kind: 'text' },
          { header: 'Do Bưu điện đảm nhận', width: 14, kind: 'integer' },
          { header: 'Tổng số bộ phận một cửa', width: 14, kind: 'integer' },
        ],
        rows: (['province', 'district', 'commune'] as const).map((l) => [
          LEVEL_VI[l]!,
          c[l].post,
          c[l].total,
        ]),
      },
      {
        name: 'Nhân sự tổng hợp',
        title: 'NHÂN SỰ TẠI CÁC BỘ PHẬN MỘT CỬA',
        subtitle,
        columns: [
          { header: 'Nhân sự', width: 36, kind: 'text' },
          { header: 'Số người', width: 12, kind: 'integer' },
        ],
        rows: [
          ['Nhân viên Bưu điện', c.staffing.postStaff],
          ['Cán bộ cơ quan (giữ nhân sự riêng)', c.staffing.agencyStaff],
          ...agencies.map((a) => [`Trong đó ${a}`, c.staffing.byAgency[a] ?? 0]),
        ],
      },
      {
        name: 'Nhân sự theo bộ phận',
        title: 'NHÂN SỰ TẠI BỘ PHẬN MỘT CỬA',
        subtitle,
        columns: [
          { header: 'Mã', width: 14, kind: 'text' },
          { header: 'Bộ phận một cửa', width: 40, kind: 'text' },
          { header: 'Cấp', width: 9, kind: 'text' },
          { header: 'Đơn vị vận hành', width: 16, kind: 'text' },
          { header: 'Nhân viên Bưu điện', width: 11, kind: 'integer' },
          { header: 'Cán bộ cơ quan', width: 11, kind: 'integer' },
          ...agencies.map((a) => ({ header: `Trong đó ${a}`, width: 11, kind: 'integer' as const })),
          { header: 'Nhân viên Bưu điện đã phân công', width: 13, kind: 'integer' },
          { header: 'Cán bộ cơ quan đã phân công', width: 13, kind: 'integer' },
        ],
        rows: c.servicePoints
          .filter(
            (p) =>
              p.operator === 'post' || p.postStaff + p.agencyStaff + p.assignedPost + p.assignedAgency > 0,
          )
          .map((p) => [
            p.code,
            p.name,
            LEVEL_VI[p.level] ?? p.level,
            OPERATOR_VI[p.operator] ?? p.operator,
            p.postStaff,
            p.agencyStaff,
            ...agencies.map((a) => p.byAgency[a] ?? 0),
            p.assignedPost,
            p.assignedAgency,
          ]),
      },
    ],
  };
}

export function clerkFile(
  figures: readonly ClerkFigure[],
  period: { from: string; to: string },
  generatedAt: Date,
  day: string,
): ReportFile {
  return {
    title: `Số liệu nhân viên tiếp nhận ${period.from} ${period.to}`,
    generatedAt,
    day,
    sheets: [
      {
        name: 'Nhân viên tiếp nhận',
        title: 'SỐ LIỆU NHÂN VIÊN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
        subtitle: `Từ ngày ${formatLocalDate(period.from)} đến ngày ${formatLocalDate(period.to)}`,
        columns: [
          { header: 'Tên đăng nhập', width: 20, kind: 'text' },
          { header: 'Họ và tên', width: 28, kind: 'text' },
          { header: 'Hồ sơ đã tiếp nhận', width: 12, kind: 'integer' },
          { header: 'Hồ sơ đã trả kết quả', width: 12, kind: 'integer' },
          { header: 'Số lượt tại quầy có ghi thời gian', width: 14, kind: 'integer' },
          { header: 'Thời gian tại quầy, trung vị (phút)', width: 14, kind: 'decimal' },
        ],
        rows: figures.map((f) => [
          f.username,
          f.name,
          f.received,
          f.returned,
          f.counterSessions,
          f.medianCounterSeconds === null ? null : Math.round(f.medianCounterSeconds / 6) / 10,
        ]),
      },
    ],
  };
}

export function transparencyFile(v: TransparencyView, generatedAt: Date, day: string): ReportFile {
  const columns = (first: string) =>
    [
      { header: 'Mã', width: 16, kind: 'text' },
      { header: first, width: 44, kind: 'text' },
      { header: 'Hồ sơ đã giải quyết', width: 12, kind: 'integer' },
      { header: 'Giải quyết đúng hạn', width: 12, kind: 'integer' },
      { header: 'Tỉ lệ đúng hạn (%)', width: 12, kind: 'percent' },
      { header: 'Tỉ lệ hài lòng (%)', width: 12, kind: 'percent' },
    ] as const;
  const subtitle = `Từ ngày ${formatLocalDate(v.from)} đến ngày ${formatLocalDate(v.to)}`;
  const note = v.satisfactionAvailable ? undefined : 'Tỉ lệ hài lòng: chưa có dữ liệu.';
  const rows = (list: TransparencyView['servicePoints']) =>
    list.map((r) => [r.code, r.name, r.resolved, r.onTime, r.onTimeRate, r.satisfactionRate]);
  return {
    title: `Công khai kết quả giải quyết ${v.from} ${v.to}`,
    generatedAt,
    day,
    sheets: [
      {
        name: 'Theo bộ phận một cửa',
        title: 'KẾT QUẢ GIẢI QUYẾT THEO BỘ PHẬN MỘT CỬA',
        subtitle,
        columns: columns('Bộ phận một cửa'),
        rows: rows(v.servicePoints),
        ...(note ? { note } : {}),
      },
      {
        name: 'Theo cơ quan',
        title: 'KẾT QUẢ GIẢI QUYẾT THEO CƠ QUAN',
        subtitle,
        columns: columns('Cơ quan'),
        rows: rows(v.agencies),
        ...(note ? { note } : {}),
      },
    ],
  };
}
