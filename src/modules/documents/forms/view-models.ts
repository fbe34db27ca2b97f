/**
 * View models of the one-stop forms: plain, JSON-friendly data, already in the words and formats the
 * paper shows. The dossier module builds them (it knows the dossier, the unit, the clock); the form
 * renderers only lay them out. Keeping the boundary at plain data means a form can be re-printed
 * years later from a stored view model and come out the same.
 *
 * Times a citizen reads ("08 giờ 30 phút, ngày 14/09/2022") arrive as text (see `vnDateTimeText` in
 * format.ts); the register's dates arrive as local wall-clock values because the XLSX export needs
 * real dates.
 *
 * Every view model has a `kind`. Form numbers differ between the 2018 and the 2025 sets (the
 * control slip is 05 in one and 06 in the other), so renderers are chosen by kind and `renderForm`
 * checks that the form number asked for has the kind of the view model given.
 */

/**
 * A local date `YYYY-MM-DD` or local date-time `YYYY-MM-DDTHH:mm`, Vietnam wall-clock time. In a
 * register row, an empty string means "not reached", like an absent optional value.
 */
export type LocalDateTime = string;

/** The body that issues the document, as printed in the header. */
export interface IssuerView {
  /** Upper line, the governing body: "UBND TỈNH GIA LAI". Optional. */
  readonly parentAgency?: string;
  /** Lower, bold line: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" or "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ". */
  readonly unit: string;
  /** Place for the date line: "Gia Lai", "Đắk Đoa". */
  readonly place: string;
}

/** What every printed document carries besides its content. */
export interface DocumentMeta {
  readonly issuer: IssuerView;
  /** Text after "Số: ", e.g. "125/TTPVHCC". Omitted: a dotted blank is printed. */
  readonly documentNumber?: string;
  /** Local date of the document, `YYYY-MM-DD`, for "…, ngày … tháng … năm …". */
  readonly issuedOn: string;
  /** ISO-8601 instant used as the PDF CreationDate: same input, same bytes. */
  readonly generatedAt: string;
}

export interface ApplicantView {
  readonly name: string;
  readonly address?: string;
  readonly phone?: string;
  readonly email?: string;
}

/** A person who signs: the role printed in bold, an optional note and name. */
export interface SignerView {
  /** "NGƯỜI TIẾP NHẬN HỒ SƠ", "GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" … */
  readonly title: string;
  /** "(Ký và ghi rõ họ tên)" by default. */
  readonly note?: string;
  readonly name?: string;
}

/** One line of "Thành phần hồ sơ": the document, its form (bản chính / bản sao / bản chụp), how many. */
export interface SubmittedDocumentView {
  readonly name: string;
  readonly form: string;
  readonly count: number;
}

export interface FeeView {
  readonly name: string;
  readonly amountVnd: number;
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (both sets). */
export interface ReceiptViewModel extends DocumentMeta {
  readonly kind: 'receipt';
  readonly dossierCode: string;
  /** "Liên 1: Lưu" / "Liên 2: Giao người nộp hồ sơ". */
  readonly copyLabel?: string;
  /** Subject of "… tiếp nhận hồ sơ của:", e.g. "Trung tâm Phục vụ hành chính công tỉnh Gia Lai". */
  readonly receivingUnitName: string;
  readonly applicant: ApplicantView;
  /** "Nội dung yêu cầu giải quyết": the procedure name. */
  readonly procedureName: string;
  readonly documents: readonly SubmittedDocumentView[];
  /** "Số lượng hồ sơ: … (bộ)". */
  readonly setCount: number;
  /** "Thời gian giải quyết hồ sơ theo quy định là: …", e.g. "10 ngày làm việc". */
  readonly legalTimeLimit: string;
  /** "08 giờ 30 phút, ngày 14/09/2022". */
  readonly receivedAt: string;
  readonly dueAt: string;
  /** "Đăng ký nhận kết quả tại: …": counter, public postal service, online. */
  readonly returnMethod: string;
  readonly fees?: readonly FeeView[];
  readonly hotline?: string;
  /** The public lookup URL the QR code encodes (`{publicBaseUrl}/tra-cuu/{code}?token=…`). */
  readonly lookupUrl?: string;
  /** "Vào Sổ theo dõi hồ sơ, Quyển số: … Số thứ tự: …". */
  readonly register?: { readonly bookNo: string; readonly sequence: string };
  /** Extra lines, e.g. "Khi đến nhận kết quả, mang theo Giấy tiếp nhận này và giấy tờ tùy thân." */
  readonly notes?: readonly string[];
  readonly applicantSigner?: SignerView;
  readonly receiverSigner?: SignerView;
}

/** One item to supplement or complete, with its own reason when there is one (Mẫu 02). */
export interface SupplementItemView {
  readonly item: string;
  readonly reason?: string;
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (both sets). */
export interface SupplementViewModel extends DocumentMeta {
  readonly kind: 'supplement';
  readonly dossierCode?: string;
  readonly receivingUnitName: string;
  readonly applicant: ApplicantView;
  readonly procedureName: string;
  readonly receivedAt?: string;
  /** Reason for the whole request, printed above the list ("Hồ sơ chưa đầy đủ, …"). */
  readonly reason?: string;
  readonly items: readonly SupplementItemView[];
  /** Whom to contact with questions: "Bộ phận một cửa, số điện thoại 0269 …". */
  readonly contact?: string;
  readonly signer: SignerView;
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (both sets). */
export interface RefusalViewModel extends DocumentMeta {
  readonly kind: 'refusal';
  readonly dossierCode?: string;
  readonly receivingUnitName: string;
  readonly applicant: ApplicantView;
  readonly procedureName: string;
  readonly reason: string;
  readonly signer: SignerView;
}

/**
 * Mẫu 04 — 2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả; 2025: Văn bản xin lỗi và đề nghị gia hạn
 * thời gian giải quyết. Same facts (reason, new date, apology); the wording differs by set.
 */
export interface ApologyViewModel extends DocumentMeta {
  readonly kind: 'apology';
  readonly dossierCode: string;
  /** The competent agency that apologises, e.g. "Sở Tư pháp tỉnh Gia Lai". */
  readonly agencyName: string;
  readonly applicant: ApplicantView;
  readonly procedureName: string;
  readonly receivedAt: string;
  /** The appointment printed on Mẫu 01. */
  readonly originalDueAt: string;
  readonly reason: string;
  /** The new return date (2018) or the proposed extended deadline (2025). */
  readonly newDueAt: string;
  /** Replaces the standard apology sentence when given. */
  readonly apology?: string;
  readonly signer: SignerView;
}

/** Mẫu 05 (2025 only) — Thông báo dừng giải quyết hồ sơ. */
export interface StopProcessingViewModel extends DocumentMeta {
  readonly kind: 'stop';
  readonly dossierCode: string;
  readonly agencyName: string;
  readonly applicant: ApplicantView;
  readonly procedureName: string;
  readonly receivedAt: string;
  readonly reason: string;
  /** The provision that allows stopping, e.g. "khoản 2 Điều … Nghị định 118/2025/NĐ-CP"; blank if absent. */
  readonly legalBasis?: string;
  readonly signer: SignerView;
}

/** Result of one processing step on the control slip, compared with the time allotted to it. */
export type StepResult = 'early' | 'on_time' | 'late';

/** One hand-over on the control slip: "1. Giao: … 2. Nhận: …", when, result, note. */
export interface ControlRowView {
  /** Who hands over, e.g. "Bộ phận TN&TKQ". */
  readonly from: string;
  /** Who receives, e.g. "Sở Tư pháp". */
  readonly to: string;
  /** "09 giờ 15 phút, ngày 15/09/2022"; omitted: a blank to fill by hand. */
  readonly at?: string;
  readonly result?: StepResult;
  readonly note?: string;
  readonly senderName?: string;
  readonly receiverName?: string;
}

/** Mẫu 05 (2018) / 06 (2025) — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSlipViewModel extends DocumentMeta {
  readonly kind: 'control';
  readonly dossierCode: string;
  readonly applicant: ApplicantView;
  readonly procedureName: string;
  readonly receivedAt: string;
  readonly dueAt?: string;
  readonly rows: readonly ControlRowView[];
  /** Empty rows after the filled ones, for the hand-overs still to come (the slip travels on paper). */
  readonly blankRows?: number;
}

/** One line of the register (Sổ theo dõi hồ sơ). */
export interface RegisterRowView {
  readonly sequence: number;
  readonly dossierCode: string;
  readonly procedureName: string;
  readonly setCount: number;
  readonly applicantName: string;
  readonly address?: string;
  readonly phone?: string;
  /** "Cơ quan chủ trì giải quyết". */
  readonly leadAgency: string;
  readonly receivedAt: LocalDateTime;
  readonly dueAt: LocalDateTime;
  readonly forwardedAt?: LocalDateTime;
  readonly resultAt?: LocalDateTime;
  readonly returnedAt?: LocalDateTime;
  /** "Ký nhận": printed name of who collected the result, if recorded electronically. */
  readonly signedBy?: string;
  readonly note?: string;
}

/** Mẫu 06 (2018) / 07 (2025) — Sổ theo dõi hồ sơ. */
export interface RegisterViewModel extends DocumentMeta {
  readonly kind: 'register';
  /** "Quyển số". */
  readonly bookNo?: string;
  /** Period covered, e.g. "Từ ngày 01/09/2022 đến ngày 30/09/2022". */
  readonly period?: string;
  readonly rows: readonly RegisterRowView[];
}

export type FormViewModel =
  | ReceiptViewModel
  | SupplementViewModel
  | RefusalViewModel
  | ApologyViewModel
  | StopProcessingViewModel
  | ControlSlipViewModel
  | RegisterViewModel;

export type FormKind = FormViewModel['kind'];

/** The view model type of a form kind. */
export type ViewModelOf<K extends FormKind> = Extract<FormViewModel, { kind: K }>;
