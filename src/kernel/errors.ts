/**
 * The one catalog of stable error codes. Every code has an HTTP status and a message in
 * Vietnamese and English. docs/errors.md documents each code; a test keeps the two in sync.
 *
 * Services and domain code throw `AppError` (or return it inside a Result); the HTTP edge maps it
 * to an RFC 7807 problem document. Codes are SCREAMING_SNAKE, `MODULE_REASON`, never renamed.
 */

export interface ErrorSpec {
  readonly status: number;
  readonly vi: string;
  readonly en: string;
}

export const ERROR_CATALOG = {
  // --- HTTP edge / generic
  VALIDATION_FAILED: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ.',
    en: 'The request data is not valid.',
  },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ.', en: 'The request is malformed.' },
  AUTH_REQUIRED: { status: 401, vi: 'Cần đăng nhập.', en: 'You need to sign in.' },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is wrong.',
  },
  AUTH_LOCKED: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.',
    en: 'Too many failed sign-ins. Try again later.',
  },
  AUTH_CSRF_INVALID: {
    status: 403,
    vi: 'Phiên biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.',
    en: 'The form has expired. Reload the page and submit again.',
  },
  FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Định dạng dữ liệu không được hỗ trợ.',
    en: 'The content type is not supported.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    en: 'Too many requests. Try again later.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
    en: 'The Idempotency-Key was already used for a different request.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
    en: 'There is a problem with the service. Try again later.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable. Try again later.',
  },
  // --- platform / storage
  DB_LOCKED: {
    status: 500,
    vi: 'Thư mục dữ liệu đang được một tiến trình MotCua khác sử dụng.',
    en: 'The data folder is in use by another MotCua process.',
  },
  // --- organisation
  UNIT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đơn vị hành chính.',
    en: 'Administrative unit not found.',
  },
  SERVICE_POINT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy bộ phận một cửa.',
    en: 'Service point not found.',
  },
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan.', en: 'Agency not found.' },
  // --- access
  USER_EXISTS: { status: 409, vi: 'Tên đăng nhập đã tồn tại.', en: 'That username is already taken.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản.', en: 'User not found.' },
  USER_ROLE_SCOPE_INVALID: {
    status: 422,
    vi: 'Vai trò hoặc phạm vi không hợp lệ.',
    en: 'The role or its scope is not valid.',
  },
  PASSWORD_TOO_WEAK: {
    status: 422,
    vi: 'Mật khẩu phải có ít nhất 10 ký tự.',
    en: 'The password must have at least 10 characters.',
  },
  // --- audit
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    vi: 'Nhật ký kiểm toán đã bị thay đổi.',
    en: 'The audit trail has been altered.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** One invalid input field, as in RFC 7807 `invalidParams`. */
export interface InvalidParam {
  readonly name: string;
  readonly reason: string;
  readonly code?: string;
}

/** A failure with a stable code. `details` is safe to show to the caller; never put personal data in it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly invalidParams: readonly InvalidParam[] | undefined;

  constructor(
    code: ErrorCode,
    options: {
      detail?: string;
      details?: Record<string, unknown>;
      invalidParams?: readonly InvalidParam[];
    } = {},
  ) {
    super(options.detail ?? ERROR_CATALOG[code].en);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = options.details;
    this.invalidParams = options.invalidParams;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** A Result for expected business outcomes (Kysely's migrator style: return, don't throw). */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
