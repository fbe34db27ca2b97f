import { describe, expect, it } from 'vitest';
import { diffVersions, formatVnd } from './diff.ts';
import { sampleVersion } from './testkit.ts';

describe('diffVersions', () => {
  it('is empty for identical versions', () => {
    expect(diffVersions(sampleVersion(), sampleVersion())).toEqual([]);
  });

  it('lists changes field by field, matching list items by name', () => {
    const before = sampleVersion();
    const after = sampleVersion({
      version: 2,
      processingTime: { value: 3, unit: 'working_days' },
      fees: [{ name: 'Lệ phí', amountVnd: 10000, appliesWhen: 'Đăng ký không đúng hạn' }],
      documents: [
        ...before.documents,
        { name: 'Giấy chứng sinh', form: 'original', count: 1, mandatory: true, reusableFromDataStore: true },
      ],
      postal: { sendDossier: true, receiveResult: false },
      legalBasis: ['Luật Hộ tịch số 60/2014/QH13', 'Nghị định số 123/2015/NĐ-CP'],
      validFrom: '2025-07-01',
    });
    const changes = diffVersions(before, after);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['processingTime', 'changed'],
      ['fees[Lệ phí]', 'changed'],
      ['documents[Giấy chứng sinh]', 'added'],
      ['postal.receiveResult', 'changed'],
      ['legalBasis[Nghị định số 123/2015/NĐ-CP]', 'added'],
      ['validFrom', 'changed'],
    ]);
    expect(changes[0]).toMatchObject({
      labelVi: 'Thời hạn giải quyết',
      before: '0 ngày làm việc',
      after: '3 ngày làm việc',
    });
    expect(changes[1]?.after).toBe('10.000 đ (Đăng ký không đúng hạn)');
    expect(changes[2]?.after).toContain('có thể lấy từ kho dữ liệu');
    expect(changes[5]).toMatchObject({ before: '01/07/2024', after: '01/07/2025' });
  });

  it('shows removed items and keeps duplicates apart', () => {
    const before = sampleVersion({
      fees: [
        { name: 'Phí', amountVnd: 1000 },
        { name: 'Phí', amountVnd: 2000 },
      ],
    });
    const after = sampleVersion({ fees: [{ name: 'Phí', amountVnd: 1000 }], decision: null });
    expect(diffVersions(before, after).map((c) => [c.path, c.kind, c.before])).toEqual([
      ['fees[Phí #2]', 'removed', '2.000 đ'],
      ['decision', 'removed', '1096/QĐ-UBND ngày 20/06/2024'],
    ]);
  });

  it('formats đồng with Vietnamese grouping', () => {
    expect(formatVnd(0)).toBe('0 đ');
    expect(formatVnd(1250000)).toBe('1.250.000 đ');
  });
});
