/**
 * The one catalog of stable error codes. Every code has an HTTP status and a message in
 * Vietnamese and English. docs/errors.md documents each code; a test keeps the two in sync.
 *
 * Services and domain code throw `AppError` (or return it inside a Result); the HTTP edge maps it
 * to an RFC 7807 problem document. Codes are SCREAMING_SNAKE, `MODULE_REASON`, never renamed.
 */

import { CALENDAR_ERROR_SPECS } from './calendar/calendar-error.ts';

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
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do đăng nhập sai nhiều lần.',
    en: 'The username or password is wrong, or the account is locked for a while after too many failed sign-ins.',
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
  // --- backup and restore (docs/operations.md)
  BACKUP_INVALID: {
    status: 422,
    vi: 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu MotCua.',
    en: 'The backup file is damaged or is not a MotCua backup.',
  },
  BACKUP_INCOMPATIBLE: {
    status: 409,
    vi: 'Tệp sao lưu được tạo ở phiên bản cơ sở dữ liệu khác; hãy khôi phục bằng phiên bản MotCua đã tạo ra nó.',
    en: 'The backup was made at another database migration level; restore it with the MotCua version that made it.',
  },
  BACKUP_TARGET_NOT_EMPTY: {
    status: 409,
    vi: 'Chỉ khôi phục vào cơ sở dữ liệu mới, chưa có dữ liệu.',
    en: 'A backup can only be restored into a new, empty database.',
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
    vi: 'Mật khẩu phải có ít nhất 12 ký tự.',
    en: 'The password must have at least 12 characters.',
  },
  // --- catalog
  PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục hành chính.', en: 'Procedure not found.' },
  PROCEDURE_NOT_IN_FORCE: {
    status: 404,
    vi: 'Thủ tục không có phiên bản còn hiệu lực vào ngày này.',
    en: 'The procedure has no version in force on that date.',
  },
  CATALOG_VERSION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiên bản thủ tục.',
    en: 'Procedure version not found.',
  },
  CATALOG_VERSION_NOT_DRAFT: {
    status: 409,
    vi: 'Chỉ phiên bản dự thảo mới được sửa hoặc công bố.',
    en: 'Only a draft version can be edited or published.',
  },
  CATALOG_VERSION_NOT_PUBLISHED: {
    status: 409,
    vi: 'Chỉ phiên bản đang công bố mới được bãi bỏ.',
    en: 'Only a published version can be retired.',
  },
  CATALOG_VERSION_INVALID: {
    status: 422,
    vi: 'Phiên bản thủ tục còn lỗi.',
    en: 'The procedure version has errors.',
  },
  CATALOG_VALID_FROM_REQUIRED: {
    status: 422,
    vi: 'Cần ngày bắt đầu hiệu lực để công bố.',
    en: 'A start of validity is needed to publish.',
  },
  CATALOG_VERSION_OVERLAP: {
    status: 409,
    vi: 'Thời gian hiệu lực trùng với một phiên bản đã công bố.',
    en: 'The validity window overlaps a published version.',
  },
  CATALOG_RETIRE_DATE_INVALID: {
    status: 422,
    vi: 'Ngày cuối hiệu lực phải nằm trong thời gian hiệu lực hiện có.',
    en: 'The last day must fall within the current validity window.',
  },
  CATALOG_IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp danh mục thủ tục có lỗi; chưa có dữ liệu nào được ghi.',
    en: 'The catalog file has errors; nothing was written.',
  },
  CATALOG_FORMAT_UNSUPPORTED: {
    status: 415,
    vi: 'Chỉ nhận tệp XLSX hoặc CSV.',
    en: 'Only XLSX or CSV files are accepted.',
  },
  // --- audit
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    vi: 'Nhật ký kiểm toán đã bị thay đổi.',
    en: 'The audit trail has been altered.',
  },
  // --- calendar (docs/time.md): the pure engine's codes, declared next to it
  ...CALENDAR_ERROR_SPECS,
  CALENDAR_REVISION_CONFLICT: {
    status: 409,
    vi: 'Lịch của năm vừa được người khác sửa. Vui lòng tải lại và sửa lại.',
    en: 'Someone else has just changed the calendar of this year. Reload it and make your change again.',
  },
  // --- dossiers (docs/dossiers.md)
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  DOSSIER_VERSION_CONFLICT: {
    status: 409,
    vi: 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thực hiện lại.',
    en: 'The dossier was changed by someone else. Reload it and try again.',
  },
  DOSSIER_ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not allowed in the dossier’s current state.',
  },
  DOSSIER_INCOMPLETE: {
    status: 422,
    vi: 'Hồ sơ chưa đầy đủ; đã lập phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ.',
    en: 'The dossier is incomplete; guidance on what to add has been recorded.',
  },
  DOSSIER_APPLICANT_INVALID: {
    status: 400,
    vi: 'Thông tin người nộp hồ sơ không hợp lệ.',
    en: 'The applicant’s details are not valid.',
  },
  DOSSIER_CODE_SEQUENCE_EXHAUSTED: {
    status: 409,
    vi: 'Bộ phận một cửa đã cấp đủ 9.999 mã hồ sơ trong ngày.',
    en: 'The service point has issued all 9,999 dossier codes for today.',
  },
  DOSSIER_PROCEDURE_NOT_IN_FORCE: {
    status: 422,
    vi: 'Thủ tục hành chính không có hiệu lực vào ngày tiếp nhận.',
    en: 'The procedure is not in force on the day of receipt.',
  },
  DOSSIER_PROCEDURE_NOT_OFFERED: {
    status: 422,
    vi: 'Thủ tục hành chính không được tiếp nhận tại bộ phận một cửa này.',
    en: 'This service point does not receive dossiers for the procedure.',
  },
  DOSSIER_CHANNEL_NOT_OFFERED: {
    status: 422,
    vi: 'Thủ tục không hỗ trợ hình thức nộp hoặc nhận kết quả đã chọn.',
    en: 'The procedure does not offer the chosen submission or return method.',
  },
  // --- citizen identification and online submission (docs/portal.md)
  IDENTITY_REQUIRED: {
    status: 401,
    vi: 'Cần xác minh danh tính (mã một lần hoặc đăng nhập VNeID) trước khi nộp hồ sơ trực tuyến.',
    en: 'Identify yourself (one-time code or VNeID-style login) before submitting online.',
  },
  IDENTITY_OTP_INVALID: {
    status: 400,
    vi: 'Mã xác minh không đúng.',
    en: 'The code is not right.',
  },
  IDENTITY_OTP_EXPIRED: {
    status: 410,
    vi: 'Mã xác minh đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu mã mới.',
    en: 'The code has expired or was already used. Ask for a new code.',
  },
  IDENTITY_OTP_LOCKED: {
    status: 429,
    vi: 'Nhập sai mã quá nhiều lần. Vui lòng yêu cầu mã mới.',
    en: 'Too many wrong codes. Ask for a new code.',
  },
  IDENTITY_OIDC_DISABLED: {
    status: 404,
    vi: 'Đăng nhập bằng tài khoản định danh điện tử chưa được cấu hình.',
    en: 'Login with the electronic identity provider is not configured.',
  },
  IDENTITY_OIDC_FAILED: {
    status: 401,
    vi: 'Không xác minh được đăng nhập từ nhà cung cấp định danh. Vui lòng thử lại.',
    en: 'The login from the identity provider could not be verified. Try again.',
  },
  SUBMISSION_NOT_ONLINE: {
    status: 422,
    vi: 'Thủ tục này không hỗ trợ nộp hồ sơ trực tuyến. Vui lòng nộp tại bộ phận một cửa hoặc qua bưu điện.',
    en: 'This procedure cannot be submitted online. Apply at a one-stop counter or by post.',
  },
  SUBMISSION_INCOMPLETE: {
    status: 422,
    vi: 'Hồ sơ trực tuyến còn thiếu giấy tờ bắt buộc.',
    en: 'The online dossier lacks mandatory documents.',
  },
  SUBMISSION_DRAFT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ đang soạn (có thể phiên đã hết hạn).',
    en: 'Draft not found (your session may have expired).',
  },
  DOSSIER_SERVICE_POINT_CLOSED: {
    status: 422,
    vi: 'Bộ phận một cửa không hoạt động vào ngày này.',
    en: 'The service point is not operating on this date.',
  },
  DOSSIER_DEADLINE_UNCOMPUTABLE: {
    status: 422,
    vi: 'Không tính được ngày hẹn trả với thời hạn giải quyết của thủ tục.',
    en: 'The appointment cannot be computed from the procedure’s time limit.',
  },
  DOSSIER_APOLOGY_LIMIT_REACHED: {
    status: 409,
    vi: 'Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần.',
    en: 'The dossier already has an apology with a new date; it may be rescheduled only once.',
  },
  DOSSIER_APOLOGY_TOO_LATE: {
    status: 409,
    vi: 'Phải xin lỗi và hẹn lại trước khi đến hạn trả kết quả.',
    en: 'The apology must be issued before the appointment has passed.',
  },
  DOSSIER_APOLOGY_NOT_LATER: {
    status: 422,
    vi: 'Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.',
    en: 'The new appointment must be later than the current one.',
  },
  DOSSIER_FEES_UNPAID: {
    status: 409,
    vi: 'Chưa nộp đủ phí, lệ phí nên chưa thể trả kết quả.',
    en: 'The result cannot be handed over until the fees are paid.',
  },
  DOSSIER_FEE_ALREADY_PAID: {
    status: 409,
    vi: 'Khoản phí này đã được thu.',
    en: 'This fee has already been paid.',
  },
  DOSSIER_FORM_NOT_AVAILABLE: {
    status: 404,
    vi: 'Hồ sơ không có biểu mẫu này.',
    en: 'This form does not exist for the dossier.',
  },
  // --- documents (forms, uploads)
  DOCUMENT_FORM_SET_NOT_FOUND: {
    status: 422,
    vi: 'Không có bộ biểu mẫu áp dụng cho ngày tiếp nhận hồ sơ này.',
    en: 'No form set applies to this receipt date.',
  },
  DOCUMENT_FORM_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy biểu mẫu trong bộ biểu mẫu.',
    en: 'The form is not part of the form set.',
  },
  DOCUMENT_FORM_MISMATCH: {
    status: 500,
    vi: 'Dữ liệu không đúng loại biểu mẫu được yêu cầu.',
    en: 'The data does not match the requested form.',
  },
  UPLOAD_EMPTY: { status: 400, vi: 'Tệp tải lên không có nội dung.', en: 'The uploaded file is empty.' },
  UPLOAD_TOO_LARGE: {
    status: 413,
    vi: 'Tệp tải lên vượt quá dung lượng cho phép.',
    en: 'The uploaded file is larger than allowed.',
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ chấp nhận tệp PDF, JPEG hoặc PNG.',
    en: 'Only PDF, JPEG or PNG files are accepted.',
  },
  UPLOAD_TYPE_MISMATCH: {
    status: 415,
    vi: 'Nội dung tệp không khớp với loại tệp khai báo.',
    en: 'The file content does not match its declared type.',
  },
  // --- notifications (docs/notifications.md)
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy thông báo.',
    en: 'The notification was not found.',
  },
  NOTIFICATION_NOT_RETRYABLE: {
    status: 409,
    vi: 'Chỉ gửi lại được thông báo đã thất bại hoặc đã ngừng thử lại.',
    en: 'Only a notification that failed or gave up can be requeued.',
  },
  // --- postal (docs/postal.md)
  POSTAL_TRACKING_NUMBER_INVALID: {
    status: 400,
    vi: 'Mã bưu gửi không hợp lệ (sai định dạng hoặc sai số kiểm tra). Vui lòng kiểm tra lại từng chữ số.',
    en: 'The tracking number is not valid (wrong format or check digit). Check every digit.',
  },
  POSTAL_ITEM_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bưu gửi.', en: 'Postal item not found.' },
  POSTAL_EVENT_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể ghi nhận thao tác này ở trạng thái hiện tại của bưu gửi.',
    en: 'This event is not allowed in the postal item’s current state.',
  },
  POSTAL_NOT_ASSIGNED_TO_YOU: {
    status: 403,
    vi: 'Bưu gửi này được phân công cho bưu tá khác.',
    en: 'This postal item is assigned to another courier.',
  },
  POSTAL_PICKUP_INCOMPLETE: {
    status: 422,
    vi: 'Hồ sơ chưa đủ thành phần; đã hướng dẫn người dân bổ sung. Chưa thu gom được hồ sơ.',
    en: 'The dossier is missing documents; the applicant has been guided. The dossier was not collected.',
  },
  POSTAL_ATTEMPTS_EXHAUSTED: {
    status: 409,
    vi: 'Đã hết số lần phát (thu gom) cho phép; cần chuyển trả hoặc hủy.',
    en: 'The maximum number of attempts has been reached; return or cancel the item.',
  },
  POSTAL_OPTION_NOT_OFFERED: {
    status: 422,
    vi: 'Thủ tục không cho phép gửi hồ sơ hoặc nhận kết quả qua dịch vụ bưu chính công ích như đã chọn.',
    en: 'The procedure does not allow the chosen postal option (sending the dossier or receiving the result).',
  },
  POSTAL_ADDRESS_INVALID: {
    status: 422,
    vi: 'Mã xã, phường của địa chỉ không phải đơn vị hành chính cấp xã đang có hiệu lực.',
    en: 'The address’s commune code is not a commune-level unit in force today.',
  },
  POSTAL_TARIFF_NOT_FOUND: {
    status: 422,
    vi: 'Chưa có bảng cước áp dụng cho vùng và khối lượng này.',
    en: 'No postage tariff applies to this zone and weight.',
  },
  POSTAL_COURIER_OUT_OF_AREA: {
    status: 422,
    vi: 'Bưu tá không phụ trách địa bàn của bưu gửi này.',
    en: 'The courier does not cover the area of this postal item.',
  },
  POSTAL_DOSSIER_NOT_ELIGIBLE: {
    status: 422,
    vi: 'Hồ sơ không đủ điều kiện cho yêu cầu bưu chính này (sai trạng thái hoặc thông tin người nộp không khớp).',
    en: 'The dossier cannot be used for this postal request (wrong state, or the applicant’s details do not match).',
  },
  POSTAL_REQUEST_DUPLICATE: {
    status: 409,
    vi: 'Hồ sơ đã có yêu cầu bưu chính đang thực hiện cho chiều này.',
    en: 'The dossier already has an open postal request for this leg.',
  },
  POSTAL_RECIPIENT_MISMATCH: {
    status: 422,
    vi: 'Số định danh của người nhận không khớp với người nộp hồ sơ.',
    en: 'The recipient’s ID number does not match the applicant’s.',
  },
  POSTAL_PHOTO_INVALID: {
    status: 415,
    vi: 'Ảnh phiếu ký nhận phải là tệp JPEG hoặc PNG trong giới hạn dung lượng.',
    en: 'The photo of the signed slip must be a JPEG or PNG within the size limit.',
  },
  POSTAL_RESULT_NOT_READY: {
    status: 409,
    vi: 'Hồ sơ chưa có kết quả để giao cho bưu tá.',
    en: 'The dossier has no result to hand to the courier yet.',
  },
  POSTAL_MANIFEST_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy biên bản giao nhận.',
    en: 'Hand-over manifest not found.',
  },
  POSTAL_MANIFEST_COUNT_MISMATCH: {
    status: 409,
    vi: 'Số bưu gửi xác nhận không khớp với biên bản giao nhận.',
    en: 'The confirmed count does not match the hand-over manifest.',
  },
  POSTAL_MANIFEST_ALREADY_CONFIRMED: {
    status: 409,
    vi: 'Biên bản giao nhận đã được bên này xác nhận.',
    en: 'This side has already confirmed the hand-over manifest.',
  },
  // --- feedback and complaints, PAKN (docs/feedback.md)
  FEEDBACK_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phản ánh, kiến nghị.',
    en: 'Feedback not found.',
  },
  FEEDBACK_TRANSITION_NOT_ALLOWED: {
    status: 409,
    vi: 'Phản ánh, kiến nghị ở trạng thái hiện tại không cho phép thao tác này.',
    en: 'This action is not allowed in the feedback’s current state.',
  },
  FEEDBACK_INFO_ALREADY_REQUESTED: {
    status: 409,
    vi: 'Chỉ được yêu cầu bổ sung thông tin một lần.',
    en: 'More information can be requested only once.',
  },
  FEEDBACK_DOSSIER_NOT_FOUND: {
    status: 422,
    vi: 'Không tìm thấy hồ sơ có mã này.',
    en: 'No dossier has this code.',
  },
  FEEDBACK_SERVICE_POINT_MISMATCH: {
    status: 422,
    vi: 'Hồ sơ không thuộc nơi tiếp nhận đã chọn.',
    en: 'The dossier does not belong to the chosen service point.',
  },
  FEEDBACK_AGENCY_NOT_FOUND: {
    status: 422,
    vi: 'Không tìm thấy cơ quan được giao xử lý.',
    en: 'The agency to assign was not found.',
  },
  FEEDBACK_TOKEN_INVALID: {
    status: 403,
    vi: 'Mã theo dõi không đúng.',
    en: 'The follow-up token is not valid.',
  },
  FEEDBACK_NOT_PUBLISHED: {
    status: 404,
    vi: 'Câu trả lời chưa được công khai.',
    en: 'The answer has not been published.',
  },
  FEEDBACK_VERSION_CONFLICT: {
    status: 409,
    vi: 'Phản ánh, kiến nghị vừa được người khác cập nhật. Vui lòng tải lại.',
    en: 'Someone else has just updated this feedback. Reload and try again.',
  },
  FEEDBACK_DEADLINE_RULES_MISSING: {
    status: 500,
    vi: 'Chưa cấu hình thời hạn xử lý phản ánh, kiến nghị.',
    en: 'The feedback deadline rules are not configured.',
  },
  FEEDBACK_DEADLINE_UNCOMPUTABLE: {
    status: 500,
    vi: 'Không tính được thời hạn xử lý phản ánh, kiến nghị.',
    en: 'The feedback deadline could not be computed.',
  },
  // --- post-office operations (docs/post-operations.md)
  OPERATIONS_STAFF_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy nhân viên.',
    en: 'Staff member not found.',
  },
  OPERATIONS_INSPECTION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy biên bản kiểm tra.',
    en: 'Inspection not found.',
  },
  OPERATIONS_ACTION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy biện pháp khắc phục.',
    en: 'Corrective action not found.',
  },
  OPERATIONS_ACTION_TRANSITION_INVALID: {
    status: 409,
    vi: 'Biện pháp khắc phục không thể chuyển sang trạng thái này.',
    en: 'The corrective action cannot move to this state.',
  },
  // --- citizen portal: public lookup and satisfaction rating (docs/portal.md)
  PORTAL_LOOKUP_FAILED: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ với mã hồ sơ và 4 số cuối điện thoại (hoặc mã QR) này. Vui lòng kiểm tra lại.',
    en: 'No dossier matches this code and these phone digits (or QR code). Check them and try again.',
  },
  RATING_NOT_YET: {
    status: 409,
    vi: 'Hồ sơ chưa được trả kết quả nên chưa thể đánh giá.',
    en: 'The dossier’s result has not been returned yet, so it cannot be rated.',
  },
  RATING_ALREADY_GIVEN: {
    status: 409,
    vi: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
    en: 'This dossier has already been rated. Each dossier can be rated once.',
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
