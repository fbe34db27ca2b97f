/**
 * The QĐ 766/QĐ-TTg service-quality index (DOMAIN.md §3) for a unit and a period, from what
 * MotCua records. Each indicator shows its numerator, denominator, formula, threshold and points;
 * indicators that need data MotCua does not hold are either entered by hand (with their source) or
 * shown as not available with the reason — never guessed.
 *
 * Points: the group maxima are in the decision (18/20/22/22/18); inside a group, only some splits
 * are known (2.1 = 20; 5.1 = 5, 5.2 = 5, 5.3 = 2, 5.4 = 6; DVCQG splits group 3 into online
 * services 12 + online payment 10). Where the split is not published, the group's points are shared
 * equally among its listed indicators, and the indicator says so (`pointsBasis: 'equal_split'`).
 */
import type { MonthlyFigures } from './report.ts';
import type { Flows } from './report.ts';

export type IndicatorStatus = 'computed' | 'manual' | 'not_available';

export interface Indicator {
  readonly id: string;
  readonly group: number;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly formula: string;
  readonly status: IndicatorStatus;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** Ratio in percent (2 decimals), null when not available or 0/0. */
  readonly ratio: number | null;
  /** Ratio at or above which the full points are earned (percent); null = proportional to 100%. */
  readonly threshold: number | null;
  readonly maxPoints: number;
  readonly pointsBasis: 'decision' | 'equal_split';
  readonly points: number | null;
  /** Source of a hand-entered figure, or why the indicator is not available. */
  readonly note: string | null;
}

export interface Group766 {
  readonly group: number;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly maxPoints: number;
  /** Sum of the points of the available indicators. */
  readonly points: number;
  /** Points that could not be scored (indicators not available). */
  readonly unscoredPoints: number;
}

export const GROUPS = [
  { group: 1, nameVi: 'Công khai, minh bạch', nameEn: 'Publicity and transparency', maxPoints: 18 },
  { group: 2, nameVi: 'Tiến độ, kết quả giải quyết', nameEn: 'Progress and results', maxPoints: 20 },
  { group: 3, nameVi: 'Cung cấp dịch vụ trực tuyến', nameEn: 'Online services', maxPoints: 22 },
  { group: 4, nameVi: 'Số hóa hồ sơ', nameEn: 'Digitisation of dossiers', maxPoints: 22 },
  { group: 5, nameVi: 'Mức độ hài lòng', nameEn: 'Satisfaction', maxPoints: 18 },
] as const;

/** A hand-entered indicator value with its source (report_setting `index766.manual`). */
export interface ManualValue {
  readonly numerator: number;
  readonly denominator: number;
  readonly source: string;
}

/** Facts from outside the aggregates (catalog, ratings, PAKN); null = table not present. */
export interface OtherFacts {
  readonly catalog: { readonly procedures: number; readonly online: number } | null;
  readonly ratings: { readonly disliked: number } | null;
  readonly pakn: {
    readonly total: number;
    readonly classified: number;
    readonly decided: number;
    readonly onTime: number;
    readonly unsatisfiedOrLate: number;
  } | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function score(ratio: number | null, threshold: number | null, max: number): number | null {
  if (ratio === null) return null;
  const full = threshold ?? 100;
  return round2(Math.min(1, ratio / full) * max);
}

interface Spec {
  id: string;
  group: number;
  nameVi: string;
  nameEn: string;
  formula: string;
  threshold: number | null;
  maxPoints: number;
  pointsBasis: 'decision' | 'equal_split';
}

function indicator(
  spec: Spec,
  value: { num: number; den: number } | { manual: ManualValue } | { unavailable: string },
): Indicator {
  if ('unavailable' in value)
    return {
      ...spec,
      status: 'not_available',
      numerator: null,
      denominator: null,
      ratio: null,
      points: null,
      note: value.unavailable,
    };
  const [num, den, status, note] =
    'manual' in value
      ? [value.manual.numerator, value.manual.denominator, 'manual' as const, value.manual.source]
      : [value.num, value.den, 'computed' as const, null];
  const ratio = den === 0 ? null : round2((num / den) * 100);
  return {
    ...spec,
    status,
    numerator: num,
    denominator: den,
    ratio,
    points: score(ratio, spec.threshold, spec.maxPoints),
    note: den === 0 ? (note ?? 'mẫu số bằng 0 / denominator is 0') : note,
  };
}

const NO_SYNC =
  'MotCua không đồng bộ với Cổng DVCQG; cần số liệu DVCQG (nhập tay) / needs DVCQG data (enter by hand)';

export function index766(
  monthly: MonthlyFigures,
  flows: Flows,
  other: OtherFacts,
  manual: Readonly<Record<string, ManualValue>>,
): { indicators: Indicator[]; groups: Group766[]; total: number; maxTotal: number } {
  const out: Indicator[] = [];
  const manualOr = (spec: Spec, reason: string) =>
    out.push(
      indicator(spec, manual[spec.id] ? { manual: manual[spec.id] as ManualValue } : { unavailable: reason }),
    );
  const g1 = (id: string, vi: string, en: string, formula: string): Spec => ({
    id,
    group: 1,
    nameVi: vi,
    nameEn: en,
    formula,
    threshold: null,
    maxPoints: 4.5,
    pointsBasis: 'equal_split',
  });
  manualOr(
    g1(
      '1.1',
      'TTHC được công bố đúng hạn',
      'Procedures announced on time',
      'QĐ công bố đúng hạn / QĐ công bố trong kỳ',
    ),
    'Cần ngày hiệu lực của văn bản QPPL / needs the legal texts’ effective dates',
  );
  manualOr(
    g1(
      '1.2',
      'TTHC công khai đúng hạn trên CSDL quốc gia',
      'Procedures published on time on the national database',
      'TTHC công khai đúng hạn / TTHC công bố',
    ),
    NO_SYNC,
  );
  manualOr(
    g1(
      '1.3',
      'TTHC công khai đầy đủ thành phần',
      'Procedures published with all components',
      'TTHC đủ thành phần / TTHC công khai',
    ),
    NO_SYNC,
  );
  manualOr(
    g1(
      '1.4',
      'Hồ sơ đồng bộ lên Cổng DVCQG',
      'Dossiers synced to the national portal',
      'Hồ sơ đồng bộ / max(HTBC quốc gia, DVCQG)',
    ),
    NO_SYNC,
  );

  const onTime = monthly.resolvedEarly + monthly.resolvedOnTime + monthly.inProgressWithinTime;
  out.push(
    indicator(
      {
        id: '2.1',
        group: 2,
        nameVi: 'Tỉ lệ hồ sơ giải quyết trước hạn, đúng hạn',
        nameEn: 'Early and on-time ratio',
        formula:
          '(đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết)',
        threshold: null,
        maxPoints: 20,
        pointsBasis: 'decision',
      },
      { num: onTime, den: monthly.resolved + monthly.inProgress },
    ),
  );

  const g3 = (
    id: string,
    vi: string,
    en: string,
    formula: string,
    threshold: number | null,
    max: number,
  ): Spec => ({
    id,
    group: 3,
    nameVi: vi,
    nameEn: en,
    formula,
    threshold,
    maxPoints: max,
    pointsBasis: 'equal_split',
  });
  const s31 = g3(
    '3.1',
    'TTHC cung cấp dịch vụ công trực tuyến',
    'Procedures offered online',
    'TTHC trực tuyến (toàn trình + một phần) / TTHC',
    80,
    4,
  );
  out.push(
    indicator(
      s31,
      other.catalog
        ? { num: other.catalog.online, den: other.catalog.procedures }
        : { unavailable: 'Không có danh mục TTHC / no catalog' },
    ),
  );
  manualOr(
    g3(
      '3.2',
      'Dịch vụ trực tuyến có phát sinh hồ sơ',
      'Online services that received dossiers',
      'DVC có hồ sơ trực tuyến / DVC trực tuyến',
      null,
      4,
    ),
    'Không giữ trong số liệu tổng hợp theo TTHC / not kept per procedure in the aggregates',
  );
  out.push(
    indicator(
      g3(
        '3.3',
        'Hồ sơ trực tuyến có kết quả điện tử',
        'Online dossiers with an electronic result',
        'hồ sơ đã giải quyết nộp trực tuyến có kết quả điện tử / hồ sơ đã giải quyết',
        50,
        4,
      ),
      { num: flows.res_online_eresult, den: monthly.resolved },
    ),
  );
  manualOr(
    g3(
      '3.5',
      'TTHC tích hợp thanh toán trực tuyến trên DVCQG',
      'Procedures with online payment on the national portal',
      'TTHC có nghĩa vụ tài chính tích hợp thanh toán / TTHC có nghĩa vụ tài chính',
      80,
      5,
    ),
    NO_SYNC,
  );
  out.push(
    indicator(
      g3(
        '3.6',
        'Hồ sơ thanh toán trực tuyến',
        'Dossiers paid online',
        'hồ sơ đã giải quyết có phí, thanh toán trực tuyến / hồ sơ đã giải quyết có phí',
        null,
        5,
      ),
      { num: flows.res_paid_online, den: flows.res_fee },
    ),
  );

  const g4 = (id: string, vi: string, en: string, formula: string, threshold: number | null): Spec => ({
    id,
    group: 4,
    nameVi: vi,
    nameEn: en,
    formula,
    threshold,
    maxPoints: 4.4,
    pointsBasis: 'equal_split',
  });
  out.push(
    indicator(
      g4(
        '4.1',
        'Hồ sơ có kết quả điện tử',
        'Dossiers with an electronic result',
        'hồ sơ có kết quả điện tử / hồ sơ đã giải quyết',
        null,
      ),
      { num: flows.res_eresult, den: monthly.resolved },
    ),
  );
  out.push(
    indicator(
      g4(
        '4.2',
        'Hồ sơ được số hóa',
        'Digitised dossiers',
        'hồ sơ đủ tệp thành phần và có kết quả điện tử / hồ sơ đã giải quyết',
        80,
      ),
      { num: flows.res_digitised, den: monthly.resolved },
    ),
  );
  out.push(
    indicator(
      g4(
        '4.3',
        'Tái sử dụng dữ liệu số hóa',
        'Re-use of digitised data',
        'hồ sơ có thành phần tái sử dụng / hồ sơ đã giải quyết',
        80,
      ),
      { num: flows.res_reused, den: monthly.resolved },
    ),
  );
  manualOr(
    g4(
      '4.4',
      'Hồ sơ số hóa liên kết kho dữ liệu DVCQG',
      'Digitised dossiers linked to the national data store',
      'hồ sơ lấy từ kho DMQG / hồ sơ',
      null,
    ),
    NO_SYNC,
  );
  manualOr(
    g4(
      '4.5',
      'Sử dụng dữ liệu dân cư (VNeID)',
      'Use of population data (VNeID)',
      'hồ sơ xác thực VNeID / hồ sơ',
      null,
    ),
    'Cờ xác thực VNeID chưa lưu trên hồ sơ / VNeID flag not stored on dossiers',
  );

  const g5 = (
    id: string,
    vi: string,
    en: string,
    formula: string,
    threshold: number | null,
    max: number,
  ): Spec => ({
    id,
    group: 5,
    nameVi: vi,
    nameEn: en,
    formula,
    threshold,
    maxPoints: max,
    pointsBasis: 'decision',
  });
  const noPakn = 'Chưa có bảng PAKN / PAKN tables not present';
  out.push(
    indicator(
      g5('5.1', 'PAKN được phân loại', 'Feedback classified by type', 'PAKN đã phân loại / PAKN', null, 5),
      other.pakn ? { num: other.pakn.classified, den: other.pakn.total } : { unavailable: noPakn },
    ),
  );
  out.push(
    indicator(
      g5(
        '5.2',
        'PAKN xử lý đúng hạn',
        'Feedback handled on time',
        'PAKN xử lý đúng hạn / PAKN đã xử lý',
        null,
        5,
      ),
      other.pakn ? { num: other.pakn.onTime, den: other.pakn.decided } : { unavailable: noPakn },
    ),
  );
  out.push(
    indicator(
      g5(
        '5.3',
        'Hài lòng về xử lý PAKN',
        'Satisfaction with feedback handling',
        '(PAKN − không hài lòng, trễ hạn) / PAKN',
        null,
        2,
      ),
      other.pakn
        ? { num: other.pakn.total - other.pakn.unsatisfiedOrLate, den: other.pakn.total }
        : { unavailable: noPakn },
    ),
  );
  const resolved = monthly.resolved;
  out.push(
    indicator(
      g5(
        '5.4',
        'Mức độ hài lòng về giải quyết TTHC',
        'Satisfaction with procedure handling',
        '100% − (tỉ lệ hồ sơ trễ hạn + tỉ lệ hồ sơ bị phản ánh/không hài lòng)',
        90,
        6,
      ),
      other.ratings
        ? { num: Math.max(0, resolved - monthly.resolvedLate - other.ratings.disliked), den: resolved }
        : { unavailable: 'Chưa có bảng đánh giá / ratings table not present' },
    ),
  );

  const groups: Group766[] = GROUPS.map((g) => {
    const list = out.filter((i) => i.group === g.group);
    const points = round2(list.reduce((s, i) => s + (i.points ?? 0), 0));
    const unscored = round2(list.filter((i) => i.points === null).reduce((s, i) => s + i.maxPoints, 0));
    return { ...g, points, unscoredPoints: unscored };
  });
  return {
    indicators: out,
    groups,
    total: round2(groups.reduce((s, g) => s + g.points, 0)),
    maxTotal: 100,
  };
}
