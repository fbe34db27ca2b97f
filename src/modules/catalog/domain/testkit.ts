/**
 * TEST-ONLY fixtures for the catalog domain (not exported from the module index).
 */

import type { ProcedureVersion } from './procedure.ts';

/** A valid published version used as the base of most tests. */
export function sampleVersion(overrides: Partial<ProcedureVersion> = {}): ProcedureVersion {
  return {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    levels: ['commune'],
    field: 'Hộ tịch',
    agency: { code: 'UBND-XA', name: 'Ủy ban nhân dân cấp xã' },
    servicePointCodes: [],
    processingTime: { value: 0, unit: 'working_days' },
    cutoffTime: '15:00',
    fees: [{ name: 'Lệ phí', amountVnd: 8000, appliesWhen: 'Đăng ký không đúng hạn' }],
    documents: [
      {
        name: 'Tờ khai đăng ký khai sinh',
        form: 'original',
        count: 1,
        mandatory: true,
        reusableFromDataStore: false,
        blankFormFile: 'TK-KS.docx',
      },
    ],
    result: { name: 'Giấy khai sinh', kind: 'both' },
    onlineLevel: 'full',
    postal: { sendDossier: true, receiveResult: true },
    oneStop: true,
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    feesBlockReturn: false,
    steps: [
      { name: 'Tiếp nhận', agency: 'Bộ phận Một cửa', sharePercent: 10 },
      { name: 'Giải quyết', sharePercent: 80 },
      { name: 'Trả kết quả', sharePercent: 10 },
    ],
    version: 1,
    status: 'published',
    validFrom: '2024-07-01',
    validTo: null,
    decision: { number: '1096/QĐ-UBND', date: '2024-06-20' },
    ...overrides,
  };
}
