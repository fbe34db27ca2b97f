/**
 * The columns of the catalog spreadsheet (XLSX and CSV share them), modelled on the export of the
 * National TTHC Database with the extra columns MotCua needs (agency code, postal options,
 * processing steps, versioning). docs/catalog.md renders this table for people; keep the two in
 * step (a test checks every header appears there).
 *
 * Headers are matched diacritics- and case-insensitively, in any order, so a file whose headers
 * were retyped without accents still imports.
 */

import { foldVietnamese } from '../../../kernel/text/normalize.ts';

export interface ColumnDoc {
  /** Header text as exported. */
  readonly header: string;
  /** Stable key, used in code and in error paths. */
  readonly key: ColumnKey;
  readonly required: boolean;
  readonly meaning: string;
  readonly format: string;
  readonly example: string;
}

export type ColumnKey =
  | 'code'
  | 'version'
  | 'status'
  | 'name'
  | 'levels'
  | 'field'
  | 'agencyCode'
  | 'agencyName'
  | 'servicePoints'
  | 'timeValue'
  | 'timeUnit'
  | 'cutoff'
  | 'fees'
  | 'documents'
  | 'resultName'
  | 'resultKind'
  | 'online'
  | 'postalSend'
  | 'postalReceive'
  | 'oneStop'
  | 'feesBlockReturn'
  | 'legalBasis'
  | 'steps'
  | 'decisionNumber'
  | 'decisionDate'
  | 'validFrom'
  | 'validTo';

export const COLUMNS: readonly ColumnDoc[] = [
  {
    header: 'Mã thủ tục',
    key: 'code',
    required: true,
    meaning: 'Mã TTHC trên CSDL quốc gia về TTHC',
    format: 'D.DDDDDD, có thể thêm hậu tố .XXX',
    example: '1.001193',
  },
  {
    header: 'Phiên bản',
    key: 'version',
    required: false,
    meaning: 'Số phiên bản của thủ tục trong MotCua; để trống khi nhập mới',
    format: 'Số nguyên ≥ 1',
    example: '2',
  },
  {
    header: 'Trạng thái',
    key: 'status',
    required: false,
    meaning: 'Trạng thái phiên bản; để trống = Dự thảo',
    format: 'Dự thảo | Đang áp dụng | Đã bãi bỏ',
    example: 'Đang áp dụng',
  },
  {
    header: 'Tên thủ tục',
    key: 'name',
    required: true,
    meaning: 'Tên thủ tục hành chính như đã công bố',
    format: 'Văn bản một dòng',
    example: 'Thủ tục đăng ký khai sinh',
  },
  {
    header: 'Cấp thực hiện',
    key: 'levels',
    required: true,
    meaning: 'Cấp chính quyền thực hiện',
    format: 'Cấp tỉnh; Cấp huyện; Cấp xã — nhiều giá trị ngăn bởi dấu ;',
    example: 'Cấp xã',
  },
  {
    header: 'Lĩnh vực',
    key: 'field',
    required: true,
    meaning: 'Lĩnh vực của thủ tục',
    format: 'Văn bản một dòng',
    example: 'Hộ tịch',
  },
  {
    header: 'Mã cơ quan thực hiện',
    key: 'agencyCode',
    required: true,
    meaning: 'Mã cơ quan có thẩm quyền trong MotCua (xem danh sách cơ quan)',
    format: 'Chữ in hoa, số, . _ -',
    example: 'UBND-XA',
  },
  {
    header: 'Cơ quan thực hiện',
    key: 'agencyName',
    required: true,
    meaning: 'Tên cơ quan có thẩm quyền giải quyết',
    format: 'Văn bản một dòng',
    example: 'Ủy ban nhân dân cấp xã',
  },
  {
    header: 'Nơi tiếp nhận',
    key: 'servicePoints',
    required: false,
    meaning: 'Mã các điểm tiếp nhận; để trống = mọi điểm ở cấp thực hiện',
    format: 'Các mã ngăn bởi dấu ;',
    example: 'TTPVHCC-TINH; BC-IA-GRAI',
  },
  {
    header: 'Thời hạn giải quyết',
    key: 'timeValue',
    required: true,
    meaning: 'Thời hạn theo quy định; 0 = trong ngày',
    format: 'Số (dấu thập phân . hoặc ,); có thể viết kèm đơn vị, ví dụ "5 ngày làm việc"',
    example: '3',
  },
  {
    header: 'Đơn vị thời hạn',
    key: 'timeUnit',
    required: false,
    meaning: 'Đơn vị của thời hạn; bắt buộc trừ khi cột Thời hạn giải quyết đã ghi kèm đơn vị',
    format: 'Ngày làm việc | Giờ làm việc | Ngày | Tháng',
    example: 'Ngày làm việc',
  },
  {
    header: 'Giờ cắt',
    key: 'cutoff',
    required: false,
    meaning: 'Hồ sơ nhận sau giờ này tính từ ngày làm việc tiếp theo',
    format: 'HH:MM (24 giờ)',
    example: '15:00',
  },
  {
    header: 'Phí, lệ phí',
    key: 'fees',
    required: false,
    meaning: 'Các khoản phí, lệ phí; mỗi khoản một dòng',
    format:
      'Tên | Số tiền (đồng) | Điều kiện áp dụng (nếu có); hoặc mảng JSON [{"name","amountVnd","appliesWhen"}]',
    example: 'Lệ phí đăng ký khai sinh không đúng hạn | 8000 | Đăng ký khai sinh quá hạn',
  },
  {
    header: 'Thành phần hồ sơ',
    key: 'documents',
    required: false,
    meaning: 'Giấy tờ phải nộp; mỗi giấy tờ một dòng',
    format:
      'Tên | Bản chính/Bản sao chứng thực/Bản sao | Số lượng | Bắt buộc (Có/Không) | Lấy từ kho dữ liệu (Có/Không) | Tệp mẫu (nếu có); hoặc mảng JSON',
    example: 'Tờ khai đăng ký khai sinh | Bản chính | 1 | Có | Không | TK-khai-sinh.docx',
  },
  {
    header: 'Kết quả',
    key: 'resultName',
    required: true,
    meaning: 'Tên kết quả giải quyết',
    format: 'Văn bản một dòng',
    example: 'Giấy khai sinh',
  },
  {
    header: 'Loại kết quả',
    key: 'resultKind',
    required: false,
    meaning: 'Kết quả bản giấy, điện tử hay cả hai; để trống = Bản giấy',
    format: 'Bản giấy | Bản điện tử | Bản giấy và bản điện tử',
    example: 'Bản giấy và bản điện tử',
  },
  {
    header: 'Mức độ DVC trực tuyến',
    key: 'online',
    required: false,
    meaning: 'Mức độ dịch vụ công trực tuyến theo Nghị định 42/2022/NĐ-CP; để trống = Không',
    format: 'Toàn trình | Một phần | Không',
    example: 'Toàn trình',
  },
  {
    header: 'BCCI gửi hồ sơ',
    key: 'postalSend',
    required: false,
    meaning: 'Nhận hồ sơ qua dịch vụ bưu chính công ích; để trống = Không',
    format: 'Có | Không',
    example: 'Có',
  },
  {
    header: 'BCCI nhận kết quả',
    key: 'postalReceive',
    required: false,
    meaning: 'Trả kết quả qua dịch vụ bưu chính công ích; để trống = Không',
    format: 'Có | Không',
    example: 'Có',
  },
  {
    header: 'Một cửa',
    key: 'oneStop',
    required: false,
    meaning: 'Thực hiện theo cơ chế một cửa; để trống = Có',
    format: 'Có | Không',
    example: 'Có',
  },
  {
    header: 'Thu phí trước khi trả kết quả',
    key: 'feesBlockReturn',
    required: false,
    meaning: 'Chỉ trả kết quả khi đã nộp đủ phí, lệ phí; để trống = Không',
    format: 'Có | Không',
    example: 'Không',
  },
  {
    header: 'Căn cứ pháp lý',
    key: 'legalBasis',
    required: false,
    meaning: 'Văn bản quy định thủ tục; mỗi văn bản một dòng',
    format: 'Mỗi dòng một văn bản; hoặc mảng JSON các chuỗi',
    example: 'Luật Hộ tịch số 60/2014/QH13',
  },
  {
    header: 'Các bước xử lý',
    key: 'steps',
    required: false,
    meaning: 'Quy trình nội bộ và tỷ lệ thời gian của từng bước; tổng phải bằng 100',
    format: 'Tên bước | Cơ quan (có thể trống) | Tỷ lệ %; mỗi bước một dòng; hoặc mảng JSON',
    example: 'Tiếp nhận hồ sơ | Bộ phận Một cửa | 10',
  },
  {
    header: 'Quyết định công bố',
    key: 'decisionNumber',
    required: false,
    meaning: 'Số quyết định công bố thủ tục',
    format: 'Văn bản một dòng',
    example: '1096/QĐ-UBND',
  },
  {
    header: 'Ngày công bố',
    key: 'decisionDate',
    required: false,
    meaning: 'Ngày ký quyết định công bố',
    format: 'DD/MM/YYYY (hoặc YYYY-MM-DD)',
    example: '20/06/2024',
  },
  {
    header: 'Hiệu lực từ',
    key: 'validFrom',
    required: false,
    meaning: 'Ngày phiên bản bắt đầu có hiệu lực; bắt buộc khi Đang áp dụng',
    format: 'DD/MM/YYYY (hoặc YYYY-MM-DD)',
    example: '01/07/2024',
  },
  {
    header: 'Hiệu lực đến',
    key: 'validTo',
    required: false,
    meaning: 'Ngày cuối cùng có hiệu lực; để trống = chưa hết hiệu lực',
    format: 'DD/MM/YYYY (hoặc YYYY-MM-DD)',
    example: '',
  },
];

/** The folded form of a header, for matching. */
export function headerKey(header: string): string {
  return foldVietnamese(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_HEADER = new Map(COLUMNS.map((c) => [headerKey(c.header), c]));

/** Other headers seen in national-database exports, mapped to our columns. */
const HEADER_ALIASES: Readonly<Record<string, ColumnKey>> = {
  'ma tthc': 'code',
  'ma thu tuc hanh chinh': 'code',
  'ten tthc': 'name',
  'ten thu tuc hanh chinh': 'name',
  'cap thuc hien tthc': 'levels',
  'linh vuc thuc hien': 'field',
  'co quan giai quyet': 'agencyName',
  'thoi han': 'timeValue',
  'phi le phi': 'fees',
  'le phi': 'fees',
  'ket qua thuc hien': 'resultName',
  'muc do dvc': 'online',
  'can cu phap ly cua tthc': 'legalBasis',
  'so quyet dinh cong bo': 'decisionNumber',
};

/** The column a header names, if any. */
export function columnForHeader(header: string): ColumnDoc | undefined {
  const key = headerKey(header);
  const direct = BY_HEADER.get(key);
  if (direct !== undefined) return direct;
  const alias = HEADER_ALIASES[key];
  return alias === undefined ? undefined : COLUMNS.find((c) => c.key === alias);
}

/** The header of a column key. */
export function headerOf(key: ColumnKey): string {
  return COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** Which column a domain validation path (e.g. `documents[2].count`) belongs to. */
export function columnForPath(path: string): ColumnKey {
  const root = path.replace(/\[.*$/, '').replace(/\..*$/, '');
  switch (true) {
    case path.startsWith('agency.code'):
      return 'agencyCode';
    case path.startsWith('agency'):
      return 'agencyName';
    case path.startsWith('processingTime.unit'):
      return 'timeUnit';
    case path.startsWith('processingTime'):
      return 'timeValue';
    case path.startsWith('result.kind'):
      return 'resultKind';
    case path.startsWith('result'):
      return 'resultName';
    case path.startsWith('postal.sendDossier'):
      return 'postalSend';
    case path.startsWith('postal.receiveResult'):
      return 'postalReceive';
    case path.startsWith('decision.date'):
      return 'decisionDate';
    case path.startsWith('decision'):
      return 'decisionNumber';
    default:
      break;
  }
  const map: Readonly<Record<string, ColumnKey>> = {
    code: 'code',
    version: 'version',
    status: 'status',
    name: 'name',
    levels: 'levels',
    field: 'field',
    servicePointCodes: 'servicePoints',
    cutoffTime: 'cutoff',
    fees: 'fees',
    documents: 'documents',
    onlineLevel: 'online',
    oneStop: 'oneStop',
    feesBlockReturn: 'feesBlockReturn',
    legalBasis: 'legalBasis',
    steps: 'steps',
    validFrom: 'validFrom',
    validTo: 'validTo',
  };
  return map[root] ?? 'name';
}
