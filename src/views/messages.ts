/** UI strings, Vietnamese first, English second. */
import type { Lang } from '../adapters/http/i18n.ts';

const MESSAGES = {
  appName: { vi: 'MotCua — Một cửa Bưu điện', en: 'MotCua — Post office one-stop' },
  skipToContent: { vi: 'Chuyển đến nội dung chính', en: 'Skip to main content' },
  demoBanner: {
    vi: 'Dữ liệu minh họa: các tài khoản, bộ phận một cửa và số liệu là dữ liệu thử nghiệm.',
    en: 'Demo data: accounts, service points and figures are for demonstration.',
  },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  home: { vi: 'Trang chủ', en: 'Home' },
  units: { vi: 'Đơn vị hành chính', en: 'Administrative units' },
  servicePoints: { vi: 'Bộ phận một cửa', en: 'Service points' },
  agencies: { vi: 'Cơ quan', en: 'Agencies' },
  coverage: { vi: 'Phạm vi Bưu điện đảm nhận', en: 'Post office coverage' },
  staff: { vi: 'Quản lý tài khoản', en: 'Staff accounts' },
  errorSummary: { vi: 'Có lỗi cần sửa', en: 'There is a problem' },
  errorPrefix: { vi: 'Lỗi: ', en: 'Error: ' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  asOf: { vi: 'Tại ngày', en: 'As of' },
  level: { vi: 'Cấp', en: 'Level' },
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  all: { vi: 'Tất cả', en: 'All' },
  show: { vi: 'Xem', en: 'Show' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên', en: 'Name' },
  parent: { vi: 'Trực thuộc', en: 'Parent' },
  validFrom: { vi: 'Hiệu lực từ', en: 'Valid from' },
  validTo: { vi: 'Hiệu lực đến', en: 'Valid to' },
  operator: { vi: 'Đơn vị vận hành', en: 'Operator' },
  operatorPost: { vi: 'Bưu điện', en: 'Post office' },
  operatorGovernment: { vi: 'Cơ quan nhà nước', en: 'Government' },
  postRuns: { vi: 'Bưu điện đảm nhận', en: 'Run by the post' },
  total: { vi: 'Tổng số', en: 'Total' },
  keepsOwnStaff: { vi: 'Có cán bộ riêng tại quầy', en: 'Keeps own staff at counters' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  createAccount: { vi: 'Tạo tài khoản', en: 'Create account' },
  accountCreated: { vi: 'Đã tạo tài khoản', en: 'Account created' },
  welcome: { vi: 'Xin chào', en: 'Welcome' },
  yourRoles: { vi: 'Vai trò của bạn', en: 'Your roles' },
  postStaff: { vi: 'Nhân viên Bưu điện', en: 'Post office staff' },
  agencyStaff: { vi: 'Cán bộ cơ quan (BHXH, Công an…)', en: 'Agency staff (BHXH, Police…)' },
  notFoundTitle: { vi: 'Không tìm thấy trang', en: 'Page not found' },
  problemTitle: { vi: 'Hệ thống đang gặp sự cố', en: 'There is a problem with the service' },
  publicIntro: {
    vi: 'Hệ thống tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính do Bưu điện tỉnh đảm nhận.',
    en: 'The system the provincial post office uses to receive dossiers and return results of administrative procedures.',
  },
  successors: { vi: 'Đơn vị kế thừa', en: 'Successors' },
  apiDocs: { vi: 'Tài liệu API', en: 'API documentation' },
  procedures: { vi: 'Thủ tục hành chính', en: 'Procedures' },
  catalogAdmin: { vi: 'Danh mục thủ tục', en: 'Procedure catalog' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey): string {
  return MESSAGES[key][lang];
}

export const ROLE_NAMES: Record<string, { vi: string; en: string }> = {
  clerk: { vi: 'Nhân viên tiếp nhận (Bưu điện)', en: 'Counter clerk (post)' },
  officer: { vi: 'Cán bộ cơ quan giải quyết', en: 'Agency officer' },
  courier: { vi: 'Bưu tá', en: 'Courier' },
  manager: { vi: 'Quản lý', en: 'Manager' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  auditor: { vi: 'Kiểm toán', en: 'Auditor' },
};
