/**
 * Fixtures of the postal tests: a published procedure that allows both postal legs, the demo
 * tariff, request bodies, and HTTP helpers.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { ProcedureVersionInput } from '../../src/modules/catalog/domain/procedure.ts';
import { DEMO_TARIFF } from '../../src/modules/postal/domain/tariff.ts';
import { bearer, type TestApp } from '../helpers/test-app.ts';

export const PROCEDURE_CODE = '9.900001';
export const SERVICE_POINT = 'H21.52'; // demo.clerk's counter (provincial TTPVHCC, unit 52)
export const COMMUNE = '21583'; // Phường Quy Nhơn (unit 52): zone same_province
export const OLD_COMMUNE = '23779'; // Xã Ia Tô before 1/7/2025: no longer valid
export const FEE_VND = 200_000;
export const APPLICANT = {
  kind: 'person',
  fullName: 'Nguyễn Văn An',
  idNumber: '064095000123',
  phone: '0912 345 678',
} as const;
export const STREET = '12 Trần Hưng Đạo';

/** A provincial procedure of Sở Tư pháp accepting both postal legs, with a 200 000 đ fee that blocks the return. */
export function postalProcedure(overrides: Partial<ProcedureVersionInput> = {}): ProcedureVersionInput {
  return {
    code: PROCEDURE_CODE,
    name: 'Cấp Phiếu lý lịch tư pháp (thử nghiệm bưu chính)',
    levels: ['province', 'commune'],
    field: 'Lý lịch tư pháp',
    agency: { code: 'SO-TU-PHAP', name: 'Sở Tư pháp' },
    servicePointCodes: [],
    processingTime: { value: 5, unit: 'working_days' },
    fees: [
      { name: 'Phí cung cấp thông tin lý lịch tư pháp', amountVnd: FEE_VND },
      { name: 'Phí cấp thêm phiếu', amountVnd: 5_000, appliesWhen: 'Khi yêu cầu từ 3 phiếu trở lên' },
    ],
    documents: [
      {
        name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
        form: 'original',
        count: 1,
        mandatory: true,
        reusableFromDataStore: false,
      },
      { name: 'Bản chụp Căn cước', form: 'copy', count: 1, mandatory: true, reusableFromDataStore: true },
      {
        name: 'Văn bản ủy quyền',
        form: 'certified_copy',
        count: 1,
        mandatory: false,
        reusableFromDataStore: false,
      },
    ],
    result: { name: 'Phiếu lý lịch tư pháp', kind: 'paper' },
    onlineLevel: 'partial',
    postal: { sendDossier: true, receiveResult: true },
    oneStop: true,
    legalBasis: ['Luật Lý lịch tư pháp 2009'],
    feesBlockReturn: true,
    steps: [
      { name: 'Thẩm định', sharePercent: 60 },
      { name: 'Ký duyệt', sharePercent: 40 },
    ],
    validFrom: '2025-07-01',
    validTo: null,
    decision: { number: '99/QĐ-UBND', date: '2025-06-25' },
    ...overrides,
  };
}

/** Publishes a procedure through the catalog (the app's procedure source). */
export async function publishProcedure(
  t: TestApp,
  input: ProcedureVersionInput = postalProcedure(),
): Promise<void> {
  const catalog = t.app.services.catalog;
  const actor = { id: null, label: 'test' };
  const draft = await catalog.createDraft(actor, input, t.clock.now());
  await catalog.publish(
    actor,
    input.code,
    draft.version,
    { validFrom: input.validFrom ?? '2025-07-01' },
    t.clock.now(),
  );
}

/** The demo tariff from 2025-07-01 (set by the system: a past date is allowed there). */
export async function setTariff(t: TestApp): Promise<void> {
  await t.app.services.postal.setTariff(null, { validFrom: '2025-07-01', bands: DEMO_TARIFF }, t.clock.now());
}

export function requestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const address = { communeCode: COMMUNE, street: STREET };
  return {
    procedureCode: PROCEDURE_CODE,
    servicePointCode: SERVICE_POINT,
    applicant: APPLICANT,
    pickup: { address, window: { date: '2026-03-02', from: '13:30', to: '16:30' } },
    delivery: { address },
    ...overrides,
  };
}

export async function call(
  t: TestApp,
  user: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers = user ? bearer(await t.tokenFor(user)) : {};
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Records an event on an item. */
export function event(
  t: TestApp,
  user: string,
  tn: string,
  body: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return call(t, user, 'POST', `/api/v1/postal/items/${tn}/events`, body);
}

export const COMPLETE_PICKUP = {
  type: 'pick-up',
  checklist: [
    { index: 1, present: true },
    { index: 2, present: true },
    { index: 3, present: false },
  ],
  slipSignedByApplicant: true,
  slipSignedByCourier: true,
  sealed: true,
  cashCollected: true,
};

/** A 1×1 PNG (the signed slip's photo in tests). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
