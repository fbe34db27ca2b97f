/**
 * Sample view models for the form tests: real-looking Gia Lai data with the Vietnamese names the
 * font must render (Nguyễn Thị Ánh Tuyết, Đắk Đoa). Every builder returns a fresh object.
 */
import type {
  ApologyViewModel,
  ControlSlipViewModel,
  DocumentMeta,
  FormViewModel,
  ReceiptViewModel,
  RefusalViewModel,
  RegisterRowView,
  RegisterViewModel,
  StopProcessingViewModel,
  SupplementViewModel,
} from '../../src/modules/documents/forms/index.ts';

export const CODE = 'H21.65-220914-0011';
export const APPLICANT = 'Nguyễn Thị Ánh Tuyết';
export const PLACE = 'Đắk Đoa';
export const RECEIVED_AT = '08 giờ 30 phút, ngày 14/09/2022';
export const DUE_AT = '16 giờ 00 phút, ngày 28/09/2022';
export const LOOKUP_URL = `https://motcua.example.gov.vn/tra-cuu/${CODE}?token=q7Xk2mVb9TzR4pLw`;

export function meta(issuedOn = '2022-09-14'): DocumentMeta {
  return {
    issuer: { parentAgency: 'UBND HUYỆN ĐẮK ĐOA', unit: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', place: PLACE },
    documentNumber: '125/TN&TKQ',
    issuedOn,
    generatedAt: '2022-09-14T01:30:00.000Z',
  };
}

const applicant = {
  name: APPLICANT,
  address: 'Thôn 3, xã Glar, huyện Đắk Đoa, tỉnh Gia Lai',
  phone: '0905 123 456',
  email: 'anhtuyet@example.vn',
};

export function receipt(): ReceiptViewModel {
  return {
    ...meta(),
    kind: 'receipt',
    dossierCode: CODE,
    copyLabel: 'Liên 2: Giao người nộp hồ sơ',
    receivingUnitName: 'Bộ phận Tiếp nhận và Trả kết quả huyện Đắk Đoa',
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    documents: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch', form: 'Bản chính', count: 1 },
      { name: 'Căn cước công dân của người yêu cầu', form: 'Bản chụp', count: 1 },
      { name: 'Giấy ủy quyền (trường hợp ủy quyền thực hiện)', form: 'Bản chính', count: 1 },
    ],
    setCount: 1,
    legalTimeLimit: '10 ngày làm việc',
    receivedAt: RECEIVED_AT,
    dueAt: DUE_AT,
    returnMethod: 'Qua dịch vụ bưu chính công ích',
    fees: [
      { name: 'Lệ phí', amountVnd: 8000 },
      { name: 'Cước chuyển phát', amountVnd: 25000 },
    ],
    hotline: '0269 3 822 822',
    lookupUrl: LOOKUP_URL,
    register: { bookNo: '03', sequence: '0011' },
    notes: ['Khi đến nhận kết quả, mang theo Giấy tiếp nhận này và giấy tờ tùy thân.'],
    applicantSigner: { title: 'NGƯỜI NỘP HỒ SƠ', name: APPLICANT },
    receiverSigner: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: 'Trần Văn Đức' },
  };
}

export function supplement(): SupplementViewModel {
  return {
    ...meta(),
    kind: 'supplement',
    dossierCode: CODE,
    receivingUnitName: 'Bộ phận Tiếp nhận và Trả kết quả huyện Đắk Đoa',
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    receivedAt: RECEIVED_AT,
    items: [
      { item: 'Căn cước công dân của người yêu cầu', reason: 'Bản chụp mờ, không đọc được số định danh' },
      { item: 'Giấy ủy quyền', reason: 'Chưa có chứng thực chữ ký của người ủy quyền' },
    ],
    contact: 'Bộ phận Tiếp nhận và Trả kết quả, số điện thoại 0269 3 822 822',
    signer: { title: 'NGƯỜI HƯỚNG DẪN', name: 'Trần Văn Đức' },
  };
}

export function refusal(): RefusalViewModel {
  return {
    ...meta(),
    kind: 'refusal',
    dossierCode: CODE,
    receivingUnitName: 'Bộ phận Tiếp nhận và Trả kết quả huyện Đắk Đoa',
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    reason:
      'Việc khai sinh không đăng ký tại Ủy ban nhân dân huyện Đắk Đoa; đề nghị liên hệ nơi đã đăng ký khai sinh.',
    signer: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: 'Trần Văn Đức' },
  };
}

export function apology(): ApologyViewModel {
  return {
    ...meta('2022-09-27'),
    issuer: { parentAgency: 'UBND TỈNH GIA LAI', unit: 'SỞ TƯ PHÁP', place: 'Gia Lai' },
    kind: 'apology',
    dossierCode: CODE,
    agencyName: 'Sở Tư pháp tỉnh Gia Lai',
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    receivedAt: RECEIVED_AT,
    originalDueAt: DUE_AT,
    reason: 'Cần xác minh thông tin đăng ký khai sinh tại Ủy ban nhân dân xã Glar.',
    newDueAt: '16 giờ 00 phút, ngày 05/10/2022',
    signer: { title: 'GIÁM ĐỐC', name: 'Lê Thị Hồng Nhung' },
  };
}

export function stopProcessing(): StopProcessingViewModel {
  return {
    ...meta('2025-08-04'),
    issuer: { parentAgency: 'UBND TỈNH GIA LAI', unit: 'SỞ TƯ PHÁP', place: 'Gia Lai' },
    kind: 'stop',
    dossierCode: 'H21.65-250801-0004',
    agencyName: 'Sở Tư pháp tỉnh Gia Lai',
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    receivedAt: '09 giờ 05 phút, ngày 01/08/2025',
    reason: 'Người yêu cầu đã có văn bản đề nghị dừng giải quyết hồ sơ.',
    legalBasis: 'Nghị định 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ',
    signer: { title: 'GIÁM ĐỐC', name: 'Lê Thị Hồng Nhung' },
  };
}

export function controlSlip(): ControlSlipViewModel {
  return {
    ...meta(),
    kind: 'control',
    dossierCode: CODE,
    applicant,
    procedureName: 'Cấp bản sao trích lục khai sinh',
    receivedAt: RECEIVED_AT,
    dueAt: DUE_AT,
    rows: [
      {
        from: 'Bộ phận TN&TKQ huyện Đắk Đoa',
        to: 'Phòng Tư pháp huyện Đắk Đoa',
        at: '14 giờ 00 phút, ngày 14/09/2022',
        result: 'early',
        senderName: 'Trần Văn Đức',
        receiverName: 'Rơ Châm H’Luyn',
      },
      {
        from: 'Phòng Tư pháp huyện Đắk Đoa',
        to: 'Bộ phận TN&TKQ huyện Đắk Đoa',
        at: '10 giờ 15 phút, ngày 27/09/2022',
        result: 'on_time',
        note: 'Đã ký duyệt',
      },
    ],
    blankRows: 2,
  };
}

export function registerRows(count = 3): RegisterRowView[] {
  const rows: RegisterRowView[] = [];
  for (let i = 1; i <= count; i++) {
    rows.push({
      sequence: i,
      dossierCode: `H21.65-220914-${String(i).padStart(4, '0')}`,
      procedureName: i % 2 === 0 ? 'Đăng ký kết hôn' : 'Cấp bản sao trích lục khai sinh',
      setCount: i % 3 === 0 ? 2 : 1,
      applicantName: i === 1 ? APPLICANT : `Phạm Văn Hùng ${i}`,
      address: 'Thôn 3, xã Glar, huyện Đắk Đoa',
      phone: '0905 123 456',
      leadAgency: 'Phòng Tư pháp huyện Đắk Đoa',
      receivedAt: '2022-09-14T08:30',
      dueAt: '2022-09-28T16:00',
      ...(i === 1
        ? { forwardedAt: '2022-09-14T14:00', resultAt: '2022-09-27', returnedAt: '2022-09-28T09:10' }
        : {}),
      ...(i === 2 ? { note: 'Bổ sung hồ sơ 1 lần' } : {}),
    });
  }
  return rows;
}

export function register(count = 3): RegisterViewModel {
  return {
    ...meta('2022-09-30'),
    kind: 'register',
    bookNo: '03',
    period: 'Tháng 9 năm 2022',
    rows: registerRows(count),
  };
}

/** Copies a view model with another receipt-era date (2025 set tests). */
export function in2025<T extends FormViewModel>(vm: T): T {
  return { ...vm, issuedOn: '2025-08-04', generatedAt: '2025-08-04T02:00:00.000Z' };
}
