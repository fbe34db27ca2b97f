/**
 * Deterministic synthetic procedure catalogs for tests, benchmarks and demos.
 *
 * The default shape is Gia Lai's catalog as reported in the 2022 interview (DOMAIN.md §0):
 * 1,958 procedures — 1,470 provincial, 315 district, 173 commune — of which 1,866 go through the
 * one-stop counter and 92 do not. For another `count` the same proportions are kept by the
 * largest-remainder method, so the parts always add up to `count` exactly.
 *
 * Names are built from real field vocabularies (lĩnh vực, actions and objects seen in the
 * national database) so that search benchmarks see realistic token statistics. Every generated
 * code is `9.NNNNNN.GEN`: it passes the code validator, cannot collide with a real code (real
 * codes start with 1–6 in the data seen) and says "generated" to anyone who reads it.
 *
 * Randomness comes only from the PRNG passed in or built from `seed` (no Math.random), so the same
 * seed always gives the same catalog.
 */

import type { LocalDate } from './local-date.ts';
import type {
  AgencyRef,
  FeeItem,
  OnlineLevel,
  ProcedureLevel,
  ProcedureVersion,
  ProcessingStep,
  RequiredDocument,
  TimeUnit,
} from './procedure.ts';

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Mulberry32: a tiny, fast 32-bit PRNG with good statistical quality for test data. Not for
 * anything security-related.
 */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateCatalogOptions {
  /** Number of procedures; default 1,958 (Gia Lai 2022). */
  readonly count?: number;
  /** Seed for the built-in PRNG; ignored when `random` is given. Default 1. */
  readonly seed?: number;
  /** A PRNG to draw from instead of the seeded built-in one. */
  readonly random?: RandomSource;
}

/** Gia Lai 2022 figures (DOMAIN.md §0). */
export const GIA_LAI_2022 = {
  total: 1958,
  province: 1470,
  district: 315,
  commune: 173,
  oneStop: 1866,
  notOneStop: 92,
} as const;

/** Split `total` into parts proportional to `weights` (largest remainder; sums exactly). */
export function proportionalSplit(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/** How a catalog of `count` procedures splits by level and one-stop, scaled from Gia Lai 2022. */
export function catalogSplit(count: number): {
  province: number;
  district: number;
  commune: number;
  oneStop: number;
  notOneStop: number;
} {
  const [province = 0, district = 0, commune = 0] = proportionalSplit(count, [
    GIA_LAI_2022.province,
    GIA_LAI_2022.district,
    GIA_LAI_2022.commune,
  ]);
  const [oneStop = 0, notOneStop = 0] = proportionalSplit(count, [
    GIA_LAI_2022.oneStop,
    GIA_LAI_2022.notOneStop,
  ]);
  return { province, district, commune, oneStop, notOneStop };
}

interface FieldVocabulary {
  readonly field: string;
  readonly agency: AgencyRef;
  readonly actions: readonly string[];
  readonly objects: readonly string[];
  readonly documents: readonly string[];
  readonly result: string;
}

const A = {
  tuPhap: { code: 'SO-TU-PHAP', name: 'Sở Tư pháp' },
  xayDung: { code: 'SO-XAY-DUNG', name: 'Sở Xây dựng' },
  tnmt: { code: 'SO-TN-MT', name: 'Sở Tài nguyên và Môi trường' },
  gtvt: { code: 'SO-GTVT', name: 'Sở Giao thông vận tải' },
  khdt: { code: 'SO-KH-DT', name: 'Sở Kế hoạch và Đầu tư' },
  yTe: { code: 'SO-Y-TE', name: 'Sở Y tế' },
  gddt: { code: 'SO-GD-DT', name: 'Sở Giáo dục và Đào tạo' },
  ldtbxh: { code: 'SO-LD-TBXH', name: 'Sở Lao động - Thương binh và Xã hội' },
  nnptnt: { code: 'SO-NN-PTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn' },
  congThuong: { code: 'SO-CONG-THUONG', name: 'Sở Công Thương' },
  vhttdl: { code: 'SO-VH-TT-DL', name: 'Sở Văn hóa, Thể thao và Du lịch' },
  noiVu: { code: 'SO-NOI-VU', name: 'Sở Nội vụ' },
  congAn: { code: 'CONG-AN-TINH', name: 'Công an tỉnh' },
  bhxh: { code: 'BHXH-TINH', name: 'Bảo hiểm xã hội tỉnh' },
  huyen: { code: 'UBND-HUYEN', name: 'Ủy ban nhân dân cấp huyện' },
  xa: { code: 'UBND-XA', name: 'Ủy ban nhân dân cấp xã' },
} as const satisfies Record<string, AgencyRef>;

const COMMON_DOCS = [
  'Đơn đề nghị theo mẫu',
  'Tờ khai theo mẫu',
  'Giấy tờ chứng minh nhân thân của người nộp hồ sơ',
  'Văn bản ủy quyền (trường hợp nộp thay)',
];

const PROVINCE_FIELDS: readonly FieldVocabulary[] = [
  {
    field: 'Đất đai',
    agency: A.tnmt,
    actions: ['Cấp', 'Cấp lại', 'Cấp đổi', 'Đăng ký', 'Đính chính'],
    objects: [
      'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      'biến động quyền sử dụng đất',
      'giao đất, cho thuê đất',
      'chuyển mục đích sử dụng đất',
      'gia hạn sử dụng đất ngoài khu công nghệ cao',
    ],
    documents: [
      'Bản gốc Giấy chứng nhận đã cấp',
      'Hợp đồng chuyển nhượng quyền sử dụng đất',
      'Trích đo địa chính thửa đất',
    ],
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
  },
  {
    field: 'Môi trường',
    agency: A.tnmt,
    actions: ['Cấp', 'Cấp lại', 'Điều chỉnh', 'Thẩm định', 'Phê duyệt'],
    objects: [
      'giấy phép môi trường',
      'báo cáo đánh giá tác động môi trường',
      'phương án cải tạo, phục hồi môi trường',
    ],
    documents: ['Báo cáo đánh giá tác động môi trường', 'Báo cáo đề xuất cấp giấy phép môi trường'],
    result: 'Giấy phép môi trường',
  },
  {
    field: 'Tài nguyên nước',
    agency: A.tnmt,
    actions: ['Cấp', 'Gia hạn', 'Điều chỉnh', 'Cấp lại'],
    objects: [
      'giấy phép khai thác, sử dụng nước mặt',
      'giấy phép khai thác nước dưới đất',
      'giấy phép xả nước thải vào nguồn nước',
    ],
    documents: ['Đề án khai thác, sử dụng nước', 'Kết quả phân tích chất lượng nguồn nước'],
    result: 'Giấy phép tài nguyên nước',
  },
  {
    field: 'Hoạt động xây dựng',
    agency: A.xayDung,
    actions: ['Cấp', 'Cấp lại', 'Điều chỉnh', 'Gia hạn', 'Thẩm định'],
    objects: [
      'giấy phép xây dựng công trình',
      'chứng chỉ hành nghề hoạt động xây dựng',
      'chứng chỉ năng lực hoạt động xây dựng',
      'báo cáo nghiên cứu khả thi đầu tư xây dựng',
      'thiết kế xây dựng triển khai sau thiết kế cơ sở',
    ],
    documents: [
      'Bản vẽ thiết kế xây dựng',
      'Giấy tờ hợp pháp về đất đai',
      'Báo cáo kết quả thẩm tra thiết kế',
    ],
    result: 'Giấy phép xây dựng',
  },
  {
    field: 'Nhà ở',
    agency: A.xayDung,
    actions: ['Công nhận', 'Thẩm định', 'Chấp thuận', 'Thông báo'],
    objects: ['nhà ở xã hội', 'chủ đầu tư dự án xây dựng nhà ở', 'giá bán, giá thuê mua nhà ở xã hội'],
    documents: ['Hồ sơ dự án đầu tư xây dựng nhà ở', 'Văn bản đề nghị của chủ đầu tư'],
    result: 'Văn bản chấp thuận',
  },
  {
    field: 'Đường bộ',
    agency: A.gtvt,
    actions: ['Cấp', 'Cấp lại', 'Đổi', 'Gia hạn', 'Thu hồi'],
    objects: [
      'giấy phép kinh doanh vận tải bằng xe ô tô',
      'phù hiệu xe ô tô kinh doanh vận tải',
      'giấy phép lưu hành xe quá tải trọng',
      'giấy phép đào tạo lái xe ô tô',
      'giấy phép thi công công trình trên đường bộ',
    ],
    documents: [
      'Giấy đăng ký xe',
      'Giấy chứng nhận kiểm định an toàn kỹ thuật',
      'Bản sao giấy chứng nhận đăng ký kinh doanh',
    ],
    result: 'Giấy phép',
  },
  {
    field: 'Đường thủy nội địa',
    agency: A.gtvt,
    actions: ['Cấp', 'Cấp lại', 'Đăng ký', 'Xóa đăng ký'],
    objects: [
      'giấy chứng nhận đăng ký phương tiện thủy nội địa',
      'giấy phép hoạt động bến thủy nội địa',
      'chứng chỉ chuyên môn thuyền viên',
    ],
    documents: ['Giấy chứng nhận an toàn kỹ thuật phương tiện', 'Biên lai nộp lệ phí trước bạ'],
    result: 'Giấy chứng nhận đăng ký phương tiện',
  },
  {
    field: 'Thành lập và hoạt động của doanh nghiệp',
    agency: A.khdt,
    actions: ['Đăng ký thành lập', 'Đăng ký thay đổi', 'Thông báo', 'Giải thể', 'Tạm ngừng kinh doanh'],
    objects: [
      'công ty trách nhiệm hữu hạn một thành viên',
      'công ty trách nhiệm hữu hạn hai thành viên trở lên',
      'công ty cổ phần',
      'doanh nghiệp tư nhân',
      'công ty hợp danh',
      'chi nhánh, văn phòng đại diện, địa điểm kinh doanh',
    ],
    documents: [
      'Giấy đề nghị đăng ký doanh nghiệp',
      'Điều lệ công ty',
      'Danh sách thành viên',
      'Bản sao giấy tờ pháp lý của cá nhân',
    ],
    result: 'Giấy chứng nhận đăng ký doanh nghiệp',
  },
  {
    field: 'Đầu tư tại Việt Nam',
    agency: A.khdt,
    actions: ['Cấp', 'Điều chỉnh', 'Chấp thuận', 'Gia hạn', 'Chấm dứt'],
    objects: [
      'giấy chứng nhận đăng ký đầu tư',
      'chủ trương đầu tư',
      'dự án đầu tư',
      'tiến độ thực hiện dự án đầu tư',
    ],
    documents: [
      'Văn bản đề nghị thực hiện dự án đầu tư',
      'Đề xuất dự án đầu tư',
      'Báo cáo năng lực tài chính của nhà đầu tư',
    ],
    result: 'Giấy chứng nhận đăng ký đầu tư',
  },
  {
    field: 'Lý lịch tư pháp',
    agency: A.tuPhap,
    actions: ['Cấp'],
    objects: [
      'Phiếu lý lịch tư pháp số 1',
      'Phiếu lý lịch tư pháp số 2',
      'Phiếu lý lịch tư pháp cho cơ quan, tổ chức',
    ],
    documents: [
      'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
      'Bản chụp giấy tờ tùy thân',
      'Giấy tờ chứng minh nơi cư trú',
    ],
    result: 'Phiếu lý lịch tư pháp',
  },
  {
    field: 'Công chứng',
    agency: A.tuPhap,
    actions: ['Cấp', 'Thu hồi', 'Đăng ký hoạt động', 'Thay đổi nội dung đăng ký hoạt động', 'Bổ nhiệm'],
    objects: ['thẻ công chứng viên', 'văn phòng công chứng', 'công chứng viên'],
    documents: ['Đơn đề nghị', 'Quyết định bổ nhiệm công chứng viên', 'Giấy tờ chứng minh về trụ sở'],
    result: 'Quyết định',
  },
  {
    field: 'Khám bệnh, chữa bệnh',
    agency: A.yTe,
    actions: ['Cấp', 'Cấp lại', 'Điều chỉnh', 'Gia hạn'],
    objects: [
      'giấy phép hành nghề khám bệnh, chữa bệnh',
      'giấy phép hoạt động phòng khám đa khoa',
      'giấy phép hoạt động phòng chẩn trị y học cổ truyền',
    ],
    documents: ['Văn bằng chuyên môn', 'Giấy chứng nhận đủ sức khỏe hành nghề', 'Bản kê khai nhân sự'],
    result: 'Giấy phép hoạt động',
  },
  {
    field: 'Dược phẩm',
    agency: A.yTe,
    actions: ['Cấp', 'Cấp lại', 'Điều chỉnh'],
    objects: [
      'chứng chỉ hành nghề dược',
      'giấy chứng nhận đủ điều kiện kinh doanh dược',
      'giấy xác nhận nội dung quảng cáo thuốc',
    ],
    documents: ['Bản sao văn bằng chuyên môn', 'Giấy xác nhận thời gian thực hành', 'Tài liệu kỹ thuật'],
    result: 'Giấy chứng nhận',
  },
  {
    field: 'Giáo dục và Đào tạo',
    agency: A.gddt,
    actions: ['Cho phép', 'Công nhận', 'Cấp', 'Cấp lại', 'Chỉnh sửa nội dung'],
    objects: [
      'thành lập trường trung học phổ thông',
      'hoạt động giáo dục',
      'bản sao văn bằng tốt nghiệp',
      'văn bằng, chứng chỉ',
      'trung tâm ngoại ngữ, tin học',
    ],
    documents: ['Tờ trình đề nghị', 'Đề án thành lập', 'Bản sao văn bằng đã cấp'],
    result: 'Quyết định',
  },
  {
    field: 'Việc làm',
    agency: A.ldtbxh,
    actions: ['Cấp', 'Cấp lại', 'Gia hạn', 'Xác nhận'],
    objects: [
      'giấy phép lao động cho người nước ngoài',
      'giấy phép hoạt động dịch vụ việc làm',
      'người lao động nước ngoài không thuộc diện cấp giấy phép lao động',
    ],
    documents: ['Văn bản đề nghị', 'Giấy chứng nhận sức khỏe', 'Phiếu lý lịch tư pháp', 'Ảnh màu 4x6'],
    result: 'Giấy phép lao động',
  },
  {
    field: 'Người có công',
    agency: A.ldtbxh,
    actions: ['Giải quyết', 'Công nhận', 'Cấp', 'Di chuyển hồ sơ'],
    objects: [
      'chế độ trợ cấp đối với thân nhân liệt sĩ',
      'liệt sĩ',
      'giấy chứng nhận thương binh',
      'hồ sơ người có công với cách mạng',
    ],
    documents: ['Bản khai cá nhân', 'Giấy báo tử', 'Giấy xác nhận quan hệ thân nhân'],
    result: 'Quyết định trợ cấp',
  },
  {
    field: 'Trồng trọt',
    agency: A.nnptnt,
    actions: ['Cấp', 'Cấp lại', 'Công nhận'],
    objects: [
      'giấy chứng nhận đủ điều kiện buôn bán phân bón',
      'giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật',
      'cây đầu dòng, vườn cây đầu dòng',
    ],
    documents: [
      'Văn bản đề nghị',
      'Bản thuyết minh điều kiện buôn bán',
      'Giấy chứng nhận bồi dưỡng chuyên môn',
    ],
    result: 'Giấy chứng nhận',
  },
  {
    field: 'Thú y',
    agency: A.nnptnt,
    actions: ['Cấp', 'Cấp lại', 'Gia hạn'],
    objects: [
      'giấy chứng nhận đủ điều kiện vệ sinh thú y',
      'chứng chỉ hành nghề thú y',
      'giấy chứng nhận cơ sở an toàn dịch bệnh động vật',
    ],
    documents: ['Đơn đăng ký', 'Bản thuyết minh điều kiện vệ sinh thú y', 'Kết quả xét nghiệm'],
    result: 'Giấy chứng nhận',
  },
  {
    field: 'Lưu thông hàng hóa trong nước',
    agency: A.congThuong,
    actions: ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'],
    objects: [
      'giấy phép bán buôn rượu',
      'giấy phép bán buôn sản phẩm thuốc lá',
      'giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu',
    ],
    documents: ['Đơn đề nghị cấp giấy phép', 'Bản sao hợp đồng mua bán', 'Bảng kê địa điểm kinh doanh'],
    result: 'Giấy phép kinh doanh',
  },
  {
    field: 'Văn hóa',
    agency: A.vhttdl,
    actions: ['Cấp', 'Cấp lại', 'Thông báo', 'Cho phép'],
    objects: [
      'giấy phép tổ chức lễ hội',
      'giấy phép kinh doanh dịch vụ karaoke',
      'giấy phép triển lãm mỹ thuật',
      'tổ chức biểu diễn nghệ thuật',
    ],
    documents: ['Văn bản đề nghị', 'Chương trình, kịch bản', 'Danh sách người tham gia'],
    result: 'Giấy phép',
  },
  {
    field: 'Lữ hành',
    agency: A.vhttdl,
    actions: ['Cấp', 'Cấp lại', 'Cấp đổi', 'Thu hồi'],
    objects: [
      'giấy phép kinh doanh dịch vụ lữ hành nội địa',
      'thẻ hướng dẫn viên du lịch',
      'biển hiệu phương tiện vận tải khách du lịch',
    ],
    documents: ['Đơn đề nghị', 'Giấy chứng nhận ký quỹ', 'Bằng tốt nghiệp chuyên ngành'],
    result: 'Giấy phép',
  },
  {
    field: 'Thi đua, khen thưởng',
    agency: A.noiVu,
    actions: ['Tặng', 'Xét tặng', 'Đề nghị'],
    objects: [
      'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      'danh hiệu Chiến sĩ thi đua cấp tỉnh',
      'Cờ thi đua của Ủy ban nhân dân tỉnh',
      'danh hiệu Tập thể lao động xuất sắc',
    ],
    documents: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích', 'Biên bản họp Hội đồng thi đua'],
    result: 'Quyết định khen thưởng',
  },
  {
    field: 'Cấp, quản lý căn cước',
    agency: A.congAn,
    actions: ['Cấp', 'Cấp đổi', 'Cấp lại', 'Xác nhận'],
    objects: ['thẻ căn cước', 'số định danh cá nhân', 'thông tin về cư trú'],
    documents: ['Tờ khai căn cước', 'Thẻ căn cước cũ'],
    result: 'Thẻ căn cước',
  },
  {
    field: 'Thu bảo hiểm xã hội',
    agency: A.bhxh,
    actions: ['Đăng ký', 'Điều chỉnh', 'Cấp lại', 'Cấp'],
    objects: [
      'tham gia bảo hiểm xã hội bắt buộc',
      'thông tin sổ bảo hiểm xã hội',
      'thẻ bảo hiểm y tế',
      'bảo hiểm xã hội tự nguyện',
    ],
    documents: ['Tờ khai tham gia bảo hiểm xã hội', 'Danh sách lao động tham gia'],
    result: 'Sổ bảo hiểm xã hội, thẻ bảo hiểm y tế',
  },
];

const DISTRICT_FIELDS: readonly FieldVocabulary[] = [
  {
    field: 'Hộ tịch',
    agency: A.huyen,
    actions: ['Đăng ký', 'Đăng ký lại', 'Ghi vào Sổ hộ tịch'],
    objects: [
      'khai sinh có yếu tố nước ngoài',
      'kết hôn có yếu tố nước ngoài',
      'khai tử có yếu tố nước ngoài',
      'thay đổi, cải chính, bổ sung thông tin hộ tịch',
      'nhận cha, mẹ, con có yếu tố nước ngoài',
    ],
    documents: ['Tờ khai đăng ký hộ tịch theo mẫu', 'Giấy chứng sinh', 'Giấy tờ chứng minh nhân thân'],
    result: 'Trích lục hộ tịch',
  },
  {
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    agency: A.huyen,
    actions: [
      'Đăng ký thành lập',
      'Đăng ký thay đổi nội dung đăng ký',
      'Tạm ngừng kinh doanh',
      'Chấm dứt hoạt động',
      'Cấp lại',
    ],
    objects: ['hộ kinh doanh', 'giấy chứng nhận đăng ký hộ kinh doanh'],
    documents: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao giấy tờ pháp lý của cá nhân'],
    result: 'Giấy chứng nhận đăng ký hộ kinh doanh',
  },
  {
    field: 'Hoạt động xây dựng',
    agency: A.huyen,
    actions: ['Cấp', 'Cấp lại', 'Điều chỉnh', 'Gia hạn'],
    objects: [
      'giấy phép xây dựng nhà ở riêng lẻ',
      'giấy phép xây dựng có thời hạn',
      'giấy phép di dời công trình',
    ],
    documents: ['Bản vẽ thiết kế', 'Giấy tờ chứng minh quyền sử dụng đất'],
    result: 'Giấy phép xây dựng',
  },
  {
    field: 'Đất đai',
    agency: A.huyen,
    actions: ['Giao đất', 'Cho thuê đất', 'Chuyển mục đích sử dụng đất', 'Thu hồi đất'],
    objects: ['đối với hộ gia đình, cá nhân', 'để thực hiện dự án', 'nông nghiệp'],
    documents: ['Đơn xin giao đất, cho thuê đất', 'Trích lục bản đồ địa chính'],
    result: 'Quyết định',
  },
  {
    field: 'Giáo dục và Đào tạo',
    agency: A.huyen,
    actions: ['Thành lập', 'Cho phép hoạt động giáo dục', 'Sáp nhập, chia, tách', 'Giải thể'],
    objects: [
      'trường mầm non',
      'trường tiểu học',
      'trường trung học cơ sở',
      'nhóm trẻ, lớp mẫu giáo độc lập',
    ],
    documents: ['Tờ trình', 'Đề án', 'Danh sách cán bộ quản lý, giáo viên'],
    result: 'Quyết định',
  },
  {
    field: 'Chứng thực',
    agency: A.huyen,
    actions: ['Chứng thực', 'Cấp bản sao từ sổ gốc'],
    objects: [
      'bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp',
      'chữ ký người dịch',
      'việc sửa lỗi sai sót trong hợp đồng',
    ],
    documents: ['Bản chính giấy tờ', 'Bản dịch'],
    result: 'Bản sao được chứng thực',
  },
  {
    field: 'Bảo trợ xã hội',
    agency: A.huyen,
    actions: ['Thực hiện', 'Điều chỉnh', 'Thôi hưởng'],
    objects: [
      'trợ cấp xã hội hằng tháng',
      'hỗ trợ kinh phí chăm sóc, nuôi dưỡng',
      'tiếp nhận đối tượng vào cơ sở trợ giúp xã hội',
    ],
    documents: ['Tờ khai đề nghị trợ giúp xã hội', 'Giấy xác nhận khuyết tật'],
    result: 'Quyết định trợ cấp',
  },
  {
    field: 'Lưu thông hàng hóa trong nước',
    agency: A.huyen,
    actions: ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'],
    objects: [
      'giấy phép bán lẻ rượu',
      'giấy phép bán lẻ sản phẩm thuốc lá',
      'giấy phép sản xuất rượu thủ công',
    ],
    documents: ['Đơn đề nghị cấp giấy phép', 'Bản sao giấy chứng nhận đăng ký hộ kinh doanh'],
    result: 'Giấy phép',
  },
];

const COMMUNE_FIELDS: readonly FieldVocabulary[] = [
  {
    field: 'Hộ tịch',
    agency: A.xa,
    actions: ['Đăng ký', 'Đăng ký lại', 'Cấp bản sao trích lục', 'Đăng ký lưu động'],
    objects: [
      'khai sinh',
      'kết hôn',
      'khai tử',
      'nhận cha, mẹ, con',
      'giám hộ',
      'chấm dứt giám hộ',
      'thay đổi, cải chính hộ tịch',
    ],
    documents: ['Tờ khai theo mẫu', 'Giấy chứng sinh', 'Giấy báo tử', 'Giấy tờ chứng minh nơi cư trú'],
    result: 'Giấy khai sinh, trích lục hộ tịch',
  },
  {
    field: 'Chứng thực',
    agency: A.xa,
    actions: ['Chứng thực', 'Cấp bản sao có chứng thực'],
    objects: [
      'bản sao từ bản chính giấy tờ, văn bản',
      'chữ ký trong các giấy tờ, văn bản',
      'hợp đồng, giao dịch liên quan đến tài sản là động sản',
      'văn bản thỏa thuận phân chia di sản',
    ],
    documents: ['Bản chính giấy tờ, văn bản', 'Dự thảo hợp đồng, giao dịch'],
    result: 'Bản sao được chứng thực',
  },
  {
    field: 'Bảo trợ xã hội',
    agency: A.xa,
    actions: ['Xác định', 'Đổi, cấp lại', 'Hỗ trợ'],
    objects: ['mức độ khuyết tật', 'giấy xác nhận khuyết tật', 'chi phí mai táng', 'hộ nghèo, hộ cận nghèo'],
    documents: ['Đơn đề nghị', 'Bản sao giấy tờ liên quan'],
    result: 'Giấy xác nhận',
  },
  {
    field: 'Người có công',
    agency: A.xa,
    actions: ['Giải quyết', 'Xác nhận', 'Hỗ trợ'],
    objects: ['chế độ mai táng phí', 'thân nhân người có công', 'trợ cấp thờ cúng liệt sĩ'],
    documents: ['Bản khai theo mẫu', 'Bản sao giấy chứng tử'],
    result: 'Quyết định',
  },
  {
    field: 'Phổ biến giáo dục pháp luật',
    agency: A.xa,
    actions: ['Công nhận', 'Thôi làm', 'Thanh toán thù lao cho'],
    objects: ['hòa giải viên', 'tổ trưởng tổ hòa giải', 'tuyên truyền viên pháp luật'],
    documents: ['Văn bản đề nghị', 'Biên bản bầu hòa giải viên'],
    result: 'Quyết định',
  },
  {
    field: 'Tín ngưỡng, tôn giáo',
    agency: A.xa,
    actions: ['Đăng ký', 'Thông báo'],
    objects: ['hoạt động tín ngưỡng', 'sinh hoạt tôn giáo tập trung', 'danh mục hoạt động tôn giáo'],
    documents: ['Văn bản đăng ký', 'Danh mục hoạt động'],
    result: 'Văn bản chấp thuận',
  },
];

const QUALIFIERS = [
  '',
  '',
  '',
  ' đối với tổ chức',
  ' đối với cá nhân',
  ' trường hợp bị mất, hỏng',
  ' do thay đổi thông tin',
  ' cho người nước ngoài',
  ' tại khu vực biên giới',
  ' (thực hiện tại cấp tỉnh)',
];

function pick<T>(rnd: RandomSource, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function shuffle<T>(rnd: RandomSource, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

function weighted<T>(rnd: RandomSource, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  const last = options[options.length - 1];
  if (last === undefined) throw new RangeError('weighted pick from an empty list');
  return last[0];
}

const TIME_CHOICES: ReadonlyArray<readonly [{ value: number; unit: TimeUnit }, number]> = [
  [{ value: 0, unit: 'working_days' }, 4],
  [{ value: 1, unit: 'working_days' }, 4],
  [{ value: 3, unit: 'working_days' }, 8],
  [{ value: 5, unit: 'working_days' }, 14],
  [{ value: 7, unit: 'working_days' }, 6],
  [{ value: 10, unit: 'working_days' }, 14],
  [{ value: 15, unit: 'working_days' }, 12],
  [{ value: 20, unit: 'working_days' }, 8],
  [{ value: 30, unit: 'working_days' }, 6],
  [{ value: 45, unit: 'working_days' }, 3],
  [{ value: 4, unit: 'working_hours' }, 3],
  [{ value: 8, unit: 'working_hours' }, 2],
  [{ value: 30, unit: 'calendar_days' }, 3],
  [{ value: 60, unit: 'calendar_days' }, 2],
  [{ value: 3, unit: 'months' }, 1],
];

const FEE_AMOUNTS = [5000, 10000, 20000, 30000, 50000, 100000, 200000, 300000, 500000, 1000000, 2000000];

const VALID_FROM: readonly LocalDate[] = [
  '2021-07-01',
  '2022-01-01',
  '2022-07-01',
  '2023-03-15',
  '2024-01-01',
  '2024-07-01',
];

function generateSteps(rnd: RandomSource, agency: AgencyRef): ProcessingStep[] {
  const receive = pick(rnd, [5, 10]);
  const ret = 5;
  const review = pick(rnd, [50, 60, 65, 70]);
  const sign = 100 - receive - ret - review;
  return [
    { name: 'Tiếp nhận, kiểm tra và chuyển hồ sơ', agency: 'Bộ phận Một cửa', sharePercent: receive },
    { name: 'Thẩm định hồ sơ', agency: agency.name, sharePercent: review },
    { name: 'Trình ký, ban hành kết quả', agency: agency.name, sharePercent: sign },
    { name: 'Trả kết quả', agency: 'Bộ phận Một cửa', sharePercent: ret },
  ];
}

function generateDocuments(rnd: RandomSource, vocab: FieldVocabulary): RequiredDocument[] {
  const names = shuffle(rnd, [...vocab.documents, ...COMMON_DOCS]).slice(0, 1 + Math.floor(rnd() * 4));
  return names.map((name, i) => {
    const doc: RequiredDocument = {
      name,
      form:
        i === 0
          ? 'original'
          : weighted(rnd, [
              ['original', 3],
              ['certified_copy', 3],
              ['copy', 2],
            ] as const),
      count: rnd() < 0.85 ? 1 : 2,
      mandatory: !name.includes('trường hợp'),
      reusableFromDataStore: rnd() < 0.2,
    };
    return name.includes('theo mẫu') ? { ...doc, blankFormFile: `mau-${i + 1}.docx` } : doc;
  });
}

function generateFees(rnd: RandomSource): FeeItem[] {
  const r = rnd();
  if (r < 0.45) return [];
  const fees: FeeItem[] = [{ name: 'Lệ phí', amountVnd: pick(rnd, FEE_AMOUNTS) }];
  if (r > 0.85) {
    fees.push({
      name: 'Phí thẩm định',
      amountVnd: pick(rnd, FEE_AMOUNTS),
      appliesWhen: 'Khi hồ sơ phải thẩm định',
    });
  }
  return fees;
}

/**
 * Generate `count` synthetic, published procedures (version 1 each) with the Gia Lai 2022 split.
 * Deterministic for a given seed or PRNG. All of them pass `validateProcedureVersion`.
 */
export function generateCatalog(options: GenerateCatalogOptions = {}): ProcedureVersion[] {
  const count = options.count ?? GIA_LAI_2022.total;
  if (!Number.isSafeInteger(count) || count < 0 || count > 999_999) {
    throw new RangeError(`count must be an integer from 0 to 999999, got ${count}`);
  }
  const rnd = options.random ?? mulberry32(options.seed ?? 1);
  const split = catalogSplit(count);
  const levels: ProcedureLevel[] = shuffle(rnd, [
    ...Array<ProcedureLevel>(split.province).fill('province'),
    ...Array<ProcedureLevel>(split.district).fill('district'),
    ...Array<ProcedureLevel>(split.commune).fill('commune'),
  ]);
  const oneStop: boolean[] = shuffle(rnd, [
    ...Array<boolean>(split.oneStop).fill(true),
    ...Array<boolean>(split.notOneStop).fill(false),
  ]);

  const usedNames = new Map<string, number>();
  return levels.map((level, i) => {
    const vocabs =
      level === 'province' ? PROVINCE_FIELDS : level === 'district' ? DISTRICT_FIELDS : COMMUNE_FIELDS;
    const vocab = pick(rnd, vocabs);
    const base = `${pick(rnd, vocab.actions)} ${pick(rnd, vocab.objects)}${pick(rnd, QUALIFIERS)}`;
    const seen = usedNames.get(base) ?? 0;
    usedNames.set(base, seen + 1);
    // Keep names unique so search results are unambiguous; the suffix reads like a real variant.
    const name = seen === 0 ? base : `${base} (trường hợp ${seen + 1})`;
    const time = weighted(rnd, TIME_CHOICES);
    const onlineLevel = weighted<OnlineLevel>(rnd, [
      ['full', 1618],
      ['partial', 143],
      ['none', 197],
    ]);
    const validFrom = pick(rnd, VALID_FROM);
    const fees = generateFees(rnd);
    const version: ProcedureVersion = {
      code: `9.${String(i + 1).padStart(6, '0')}.GEN`,
      name,
      levels: [level],
      field: vocab.field,
      agency: vocab.agency,
      servicePointCodes: [],
      processingTime: time,
      fees,
      documents: generateDocuments(rnd, vocab),
      result: { name: vocab.result, kind: onlineLevel === 'full' ? 'both' : 'paper' },
      onlineLevel,
      postal: { sendDossier: rnd() < 0.85, receiveResult: rnd() < 0.9 },
      oneStop: oneStop[i] ?? true,
      legalBasis: [],
      feesBlockReturn: fees.length > 0 && rnd() < 0.7,
      steps: generateSteps(rnd, vocab.agency),
      version: 1,
      status: 'published',
      validFrom,
      validTo: null,
      decision: { number: `${100 + Math.floor(rnd() * 2900)}/QĐ-UBND`, date: validFrom },
    };
    return time.value === 0 ? { ...version, cutoffTime: '15:00' } : version;
  });
}
