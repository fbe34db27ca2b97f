import { describe, expect, it } from 'vitest';
import {
  isValidCutoffTime,
  isValidProcedureCode,
  isValidUnitCode,
  validateProcedureVersion,
} from './procedure.ts';
import { sampleVersion } from './testkit.ts';
import { addDays, formatLocalDateVi, isLocalDate } from './local-date.ts';

describe('codes', () => {
  it.each(['1.004946', '2.000635', '1.000948.H38', '3.000323', '9.000001.GEN'])('accepts %s', (c) => {
    expect(isValidProcedureCode(c)).toBe(true);
  });
  it.each([
    '1.00494',
    '1004946',
    '1.004946.',
    '1.004946.h38',
    '1.004946.38',
    'T-GLA-123456-TT',
    ' 1.004946',
    '12.004946',
  ])('rejects %s', (c) => {
    expect(isValidProcedureCode(c)).toBe(false);
  });
  it('checks unit codes and cut-off times', () => {
    expect(isValidUnitCode('SO-TU-PHAP')).toBe(true);
    expect(isValidUnitCode('H21.65')).toBe(true);
    expect(isValidUnitCode('so tu phap')).toBe(false);
    expect(isValidCutoffTime('15:00')).toBe(true);
    expect(isValidCutoffTime('24:00')).toBe(false);
    expect(isValidCutoffTime('9:00')).toBe(false);
  });
});

describe('local dates', () => {
  it('validates real calendar dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('01/07/2025')).toBe(false);
  });
  it('adds days across months and years', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(formatLocalDateVi('2025-07-01')).toBe('01/07/2025');
  });
});

describe('validateProcedureVersion', () => {
  it('accepts a well-formed version', () => {
    expect(validateProcedureVersion(sampleVersion())).toEqual([]);
  });

  it('reports every problem at once with path, code and both languages', () => {
    const problems = validateProcedureVersion(
      sampleVersion({
        code: '1.0049',
        name: ' ',
        levels: [],
        agency: { code: 'so tu phap', name: 'Sở Tư pháp' },
        processingTime: { value: -1, unit: 'working_days' },
        cutoffTime: '25:00',
        fees: [{ name: 'Lệ phí', amountVnd: 1.5 }],
        documents: [
          { name: 'Tờ khai', form: 'original', count: 0, mandatory: true, reusableFromDataStore: false },
        ],
        steps: [
          { name: 'A', sharePercent: 50 },
          { name: 'B', sharePercent: 40 },
        ],
        validFrom: '2025-07-01',
        validTo: '2025-06-30',
      }),
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.code]));
    expect(byPath).toEqual({
      code: 'INVALID_PROCEDURE_CODE',
      name: 'REQUIRED',
      levels: 'REQUIRED',
      'agency.code': 'INVALID_UNIT_CODE',
      'processingTime.value': 'OUT_OF_RANGE',
      cutoffTime: 'INVALID_TIME',
      'fees[0].amountVnd': 'NOT_AN_INTEGER',
      'documents[0].count': 'OUT_OF_RANGE',
      steps: 'STEP_SHARES_NOT_100',
      validTo: 'VALIDITY_REVERSED',
    });
    for (const p of problems) {
      expect(p.vi.length).toBeGreaterThan(0);
      expect(p.en.length).toBeGreaterThan(0);
    }
    expect(problems.find((p) => p.code === 'STEP_SHARES_NOT_100')?.en).toContain('90%');
  });

  it('allows decimal step shares that add up to 100', () => {
    const steps = [
      { name: 'A', sharePercent: 33.3 },
      { name: 'B', sharePercent: 33.3 },
      { name: 'C', sharePercent: 33.4 },
    ];
    expect(validateProcedureVersion(sampleVersion({ steps }))).toEqual([]);
    expect(validateProcedureVersion(sampleVersion({ steps: [] }))).toEqual([]);
  });

  it('needs a start date when published and an end date when retired', () => {
    expect(validateProcedureVersion(sampleVersion({ validFrom: null })).map((p) => p.code)).toEqual([
      'VALID_FROM_REQUIRED',
    ]);
    expect(validateProcedureVersion(sampleVersion({ status: 'retired' })).map((p) => p.code)).toEqual([
      'VALID_TO_REQUIRED',
    ]);
    expect(validateProcedureVersion(sampleVersion({ status: 'draft', validFrom: null }))).toEqual([]);
  });

  it('rejects line breaks in single-line fields but allows them in legal basis', () => {
    const problems = validateProcedureVersion(
      sampleVersion({ name: 'Đăng ký\nkhai sinh', legalBasis: ['Luật Hộ tịch\nĐiều 16'] }),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([['name', 'CONTROL_CHARACTERS']]);
  });

  it('rejects duplicate levels and service points', () => {
    const problems = validateProcedureVersion(
      sampleVersion({ levels: ['commune', 'commune'], servicePointCodes: ['BC-1', 'BC-1'] }),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['DUPLICATE', 'DUPLICATE']);
  });
});
