/**
 * Pure rules around intake and documents: applicant checks (citizen ID, tax code), completeness,
 * fees, dossier codes, form sets (numbering shift on 1 July 2025) and file type sniffing.
 */
import { describe, expect, it } from 'vitest';
import {
  formatDossierCode,
  MAX_DAILY_SEQUENCE,
  parseDossierCode,
} from '../../src/modules/dossiers/domain/dossier-code.ts';
import { sniffUploadType as sniffContentType } from '../../src/modules/documents/uploads.ts';
import {
  FORM_NUMBERS,
  formData,
  formKindOf,
  formNoOf,
  formSetOf,
  intakeFormData,
  registerData,
  type FormNo,
} from '../../src/modules/dossiers/domain/forms.ts';
import { formSetById } from '../../src/modules/documents/forms/form-sets.ts';
import {
  buildFees,
  channelProblems,
  checkCompleteness,
  phoneLast4,
  validateApplicant,
} from '../../src/modules/dossiers/domain/intake.ts';
import type { Applicant } from '../../src/modules/dossiers/domain/types.ts';
import { at, CLERK, COMMANDS, must, newDossier, ORGANISATION, PERSON, procedureVersion } from './builders.ts';
import type { DossierCommand } from '../../src/modules/dossiers/domain/lifecycle.ts';

describe('applicant', () => {
  it('accepts a valid person and organisation', () => {
    expect(validateApplicant(PERSON)).toEqual([]);
    expect(validateApplicant(ORGANISATION)).toEqual([]);
    expect(validateApplicant({ ...ORGANISATION, taxCode: '5900123456' } as Applicant)).toEqual([]);
  });

  it.each([
    ['06409500012', '12 digits'],
    ['064095000123x', '12 digits'],
    ['099095000123', 'province'],
    ['064495000123', 'century'],
  ])('refuses the citizen ID %s', (idNumber, reason) => {
    const problems = validateApplicant({ ...PERSON, idNumber } as Applicant);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ name: 'body/applicant/idNumber', code: 'DOSSIER_APPLICANT_INVALID' });
    expect(problems[0]!.reason).toContain(reason);
  });

  it.each(['590012345', '59001234567', '5900123456-01', '5900123456_001'])(
    'refuses the tax code %s',
    (taxCode) => {
      expect(validateApplicant({ ...ORGANISATION, taxCode } as Applicant).map((p) => p.name)).toEqual([
        'body/applicant/taxCode',
      ]);
    },
  );

  it('checks phone and e-mail, and keeps the last four digits of the phone', () => {
    expect(validateApplicant({ ...PERSON, phone: '12345', email: 'not-mail' }).map((p) => p.name)).toEqual([
      'body/applicant/phone',
      'body/applicant/email',
    ]);
    expect(phoneLast4('0912 345 678')).toBe('5678');
  });
});

describe('completeness (guidance, Mẫu 02)', () => {
  const v = procedureVersion();
  it('finds nothing missing in a complete dossier', () => {
    expect(
      checkCompleteness(
        v,
        [
          { index: 1, form: 'original', count: 1, attached: false, reused: false },
          { index: 2, form: 'copy', count: 1, attached: false, reused: true },
        ],
        'counter',
      ),
    ).toEqual([]);
  });

  it('lists absent, wrong form, short count, unattached online and non-reusable documents', () => {
    const missing = checkCompleteness(
      v,
      [
        { index: 1, form: 'copy', count: 1, attached: true, reused: false },
        { index: 3, form: 'original', count: 1, attached: true, reused: true },
      ],
      'online',
    );
    expect(missing.map((m) => [m.index, m.problem])).toEqual([
      [1, 'form'],
      [2, 'absent'],
      [3, 'not_reusable'],
    ]);
    expect(
      checkCompleteness(
        v,
        [
          { index: 1, form: 'original', count: 1, attached: false, reused: false },
          { index: 2, form: 'certified_copy', count: 1, attached: true, reused: false },
        ],
        'online',
      ).map((m) => m.problem),
    ).toEqual(['not_attached']);
    expect(
      checkCompleteness(
        procedureVersion({ documents: [{ ...v.documents[0]!, count: 2 }] }),
        [{ index: 1, form: 'original', count: 1, attached: false, reused: false }],
        'counter',
      )[0]!.problem,
    ).toBe('count');
  });

  it('an original satisfies a copy; an optional document may be left out', () => {
    expect(
      checkCompleteness(
        v,
        [
          { index: 1, form: 'original', count: 1, attached: false, reused: false },
          { index: 2, form: 'original', count: 1, attached: false, reused: false },
        ],
        'postal',
      ),
    ).toEqual([]);
  });
});

describe('fees and channels', () => {
  it('charges unconditional items by default, exactly the listed items otherwise, amounts from the procedure', () => {
    const v = procedureVersion();
    const now = at('2026-03-02 09:00');
    expect(buildFees(v, undefined, now)).toMatchObject({
      ok: true,
      value: [{ seq: 1, amountVnd: 200_000, payment: null }],
    });
    const listed = buildFees(
      v,
      [{ index: 2 }, { index: 1, payment: { method: 'vietqr', receiptNumber: 'QR-9' } }],
      now,
    );
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { seq: 1, amountVnd: 5_000 },
        { seq: 2, amountVnd: 200_000, payment: { method: 'vietqr', receiptNumber: 'QR-9' } },
      ],
    });
    expect(buildFees(v, [{ index: 3 }], now).ok).toBe(false);
  });

  it('refuses channels the procedure does not offer', () => {
    const v = procedureVersion({
      onlineLevel: 'none',
      postal: { sendDossier: false, receiveResult: false },
      result: { name: 'x', kind: 'paper' },
    });
    expect(channelProblems(v, 'online', 'online')).toHaveLength(2);
    expect(channelProblems(v, 'postal', 'postal')).toHaveLength(2);
    expect(channelProblems(v, 'counter', 'counter')).toEqual([]);
  });
});

describe('dossier codes', () => {
  it('formats {servicePoint}-{YYMMDD}-{NNNN} and parses it back', () => {
    const code = formatDossierCode('H21.52.23776', '2026-03-02', 7);
    expect(code).toBe('H21.52.23776-260302-0007');
    expect(parseDossierCode(code)).toEqual({
      servicePointCode: 'H21.52.23776',
      yymmdd: '260302',
      sequence: 7,
    });
    expect(formatDossierCode('H21.65', '2022-09-14', 11)).toBe('H21.65-220914-0011'); // the Gia Lai example
  });

  it('has a ceiling of 9,999 a day', () => {
    expect(formatDossierCode('H21.52', '2026-03-02', MAX_DAILY_SEQUENCE)).toBe('H21.52-260302-9999');
    expect(() => formatDossierCode('H21.52', '2026-03-02', 10_000)).toThrow(RangeError);
    expect(() => formatDossierCode('H21.52', '2026-03-02', 0)).toThrow(RangeError);
    expect(parseDossierCode('H21.52-260302-0000')).toBeUndefined();
    expect(parseDossierCode('H21.52-261302-0001')).toBeUndefined();
  });
});

describe('forms', () => {
  const ctx = { now: at('2026-03-10 08:00') };

  it('picks the set by receipt date: 2018 numbering before 1 July 2025, 2025 numbering after', () => {
    const old = newDossier({
      at: at('2025-06-30 16:00'),
      version: procedureVersion({ validFrom: '2025-01-01' }),
    });
    const recent = newDossier({ at: at('2025-07-01 07:30') });
    expect(formSetOf(old)).toBe('TT01/2018');
    expect(formSetOf(recent)).toBe('ND118/2025');
    expect(formNoOf('TT01/2018', 'control')).toBe('05');
    expect(formNoOf('ND118/2025', 'control')).toBe('06');
    expect(formNoOf('ND118/2025', 'stop')).toBe('05');
    expect(formNoOf('TT01/2018', 'register')).toBe('06');
    expect(formNoOf('ND118/2025', 'register')).toBe('07');
    expect(formData(old, '05', ctx)).toMatchObject({ ok: true, value: { kind: 'control' } });
    expect(formData(old, '07', ctx)).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_FORM_NOT_AVAILABLE' },
    });
    expect(formData(recent, '05', ctx)).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_FORM_NOT_AVAILABLE' },
    }); // not stopped
    expect(formData(recent, '06', ctx)).toMatchObject({ ok: true, value: { kind: 'control' } });
  });

  it('fills Mẫu 01 with the appointment text, documents and fees', () => {
    const d = newDossier({ at: at('2026-03-02 09:05') });
    const r = formData(d, '01', { ...ctx, lookupUrl: 'https://motcua.example/tra-cuu/x?token=y' });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'receipt') return;
    expect(r.value).toMatchObject({
      dossierCode: 'H21.52-260302-0001',
      receivedAt: '09 giờ 05 phút, ngày 02/03/2026',
      dueAt: '09 giờ 05 phút, ngày 09/03/2026',
      legalTimeLimit: '5 ngày làm việc',
      issuer: { unit: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH GIA LAI', place: 'Gia Lai' },
      issuedOn: '2026-03-10',
      lookupUrl: 'https://motcua.example/tra-cuu/x?token=y',
      receiverSigner: { name: CLERK.name },
    });
    expect(r.value.documents).toEqual([
      { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', form: 'Bản chính', count: 1 },
      { name: 'Căn cước công dân', form: 'Bản sao', count: 1 },
    ]);
  });

  it('fills Mẫu 04 (apology), 05 (stop notice, 2025) and the control slip rows', () => {
    let d = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);
    d = must(
      d,
      { action: 'apologize', reason: 'Cần xác minh', newDueAt: at('2026-03-12 17:00') },
      at('2026-03-06 10:00'),
    );
    expect(formData(d, '04', ctx)).toMatchObject({
      ok: true,
      value: {
        kind: 'apology',
        reason: 'Cần xác minh',
        newDueAt: '17 giờ 00 phút, ngày 12/03/2026',
        originalDueAt: '09 giờ 00 phút, ngày 09/03/2026',
      },
    });
    const control = formData(d, '06', ctx);
    expect(control).toMatchObject({
      ok: true,
      value: {
        rows: [{ from: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai', to: 'Sở Tư pháp', result: 'early' }],
      },
    });
    const stopped = must(
      d,
      { action: 'stop', reason: 'Hồ sơ giả mạo', legalBasis: 'khoản 2 Điều 22 Nghị định 118/2025/NĐ-CP' },
      at('2026-03-07 09:00'),
    );
    expect(formData(stopped, '05', ctx)).toMatchObject({
      ok: true,
      value: { kind: 'stop', legalBasis: 'khoản 2 Điều 22 Nghị định 118/2025/NĐ-CP' },
    });
  });

  it('builds Mẫu 02 for intake guidance and the register rows', () => {
    const guidance = intakeFormData(
      {
        id: 'g1',
        kind: 'guided',
        at: at('2026-03-02 09:00'),
        servicePoint: { code: 'H21.52', name: 'TTPVHCC', address: 'Quy Nhơn, Gia Lai' },
        procedure: { code: '1.001193', name: 'Cấp Phiếu lý lịch tư pháp' },
        applicant: PERSON,
        missing: [
          { index: 2, name: 'Căn cước công dân', requiredForm: 'copy', requiredCount: 1, problem: 'absent' },
        ],
        reason: null,
        officer: { name: CLERK.name },
      },
      ctx,
    );
    expect(guidance).toMatchObject({
      kind: 'supplement',
      items: [{ item: 'Căn cước công dân (Bản sao, 1 bản)', reason: 'Chưa nộp' }],
    });
    const register = registerData(
      { name: 'TTPVHCC', address: 'Gia Lai' },
      { from: '2026-03-01', to: '2026-03-31' },
      [newDossier()],
      ctx,
    );
    expect(register.period).toBe('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(register.rows[0]).toMatchObject({
      sequence: 1,
      dossierCode: 'H21.52-260302-0001',
      receivedAt: '2026-03-02T09:00',
      dueAt: '2026-03-09T09:00',
    });
  });
});

describe('contract with the documents module', () => {
  it('every form number maps to the same kind in both modules, in both sets', () => {
    const old = newDossier({
      at: at('2025-06-30 16:00'),
      version: procedureVersion({ validFrom: '2025-01-01' }),
    });
    const recent = newDossier({ at: at('2025-07-01 07:30') });
    for (const d of [old, recent]) {
      const set = formSetById(formSetOf(d));
      for (const form of set.forms) {
        expect(formKindOf(formSetOf(d), form.no as FormNo)).toBe(form.kind);
      }
      expect(FORM_NUMBERS.filter((n) => formKindOf(formSetOf(d), n) !== undefined)).toHaveLength(
        set.forms.length,
      );
    }
  });
});

describe('file types by magic bytes', () => {
  it('accepts PDF, JPEG, PNG and nothing else, whatever the name says', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffContentType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});
