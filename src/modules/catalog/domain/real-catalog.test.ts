import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isCompleteRealEntry,
  REAL_COMPLETE_FIELDS,
  realEntryToDraft,
  type RealCatalogFile,
  type RealProcedureEntry,
} from './real-catalog.ts';
import { isValidProcedureCode, validateProcedureVersion, type ProcedureLevel } from './procedure.ts';

const file = JSON.parse(
  readFileSync(new URL('../../../../data/catalog/procedures.real.json', import.meta.url), 'utf8'),
) as RealCatalogFile;

describe('data/catalog/procedures.real.json', () => {
  it('is marked as real data with sources', () => {
    expect(file.generated).toBe(false);
    expect(file.sources.length).toBeGreaterThan(10);
    expect(file.note.length).toBeGreaterThan(50);
  });

  it('has at least 60 procedures with valid, unique national codes across all levels', () => {
    expect(file.procedures.length).toBeGreaterThanOrEqual(60);
    const codes = file.procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isValidProcedureCode(code)).toBe(true);
    const levels = new Set<ProcedureLevel>(file.procedures.flatMap((p) => p.levels));
    expect([...levels].sort()).toEqual(['commune', 'district', 'province']);
  });

  it('never leaves a gap unexplained: every null field is listed as unverified', () => {
    for (const p of file.procedures) {
      expect(p.source).toMatch(/^https?:\/\//);
      expect(p.evidence.length).toBeGreaterThan(0);
      const nullable = ['processingTime', 'fees', 'documents', 'result', 'onlineLevel', 'postal'] as const;
      for (const key of nullable) {
        if (p[key] === null) {
          expect(
            p.unverified.some((u) => u.startsWith(key)),
            `${p.code} ${key}`,
          ).toBe(true);
        }
      }
    }
  });

  it('turns complete entries into valid drafts and refuses incomplete ones', () => {
    let drafts = 0;
    for (const p of file.procedures) {
      const draft = realEntryToDraft(p);
      if (p.processingTime === null || p.result === null) {
        expect(draft).toBeNull();
        continue;
      }
      drafts++;
      expect(draft).not.toBeNull();
      if (draft !== null) expect(validateProcedureVersion(draft), p.code).toEqual([]);
    }
    expect(drafts).toBeGreaterThanOrEqual(10);
  });

  describe('complete entries (issue #3: at least 60)', () => {
    const complete = file.procedures.filter(isCompleteRealEntry);

    it('has at least 60 complete entries, across all three levels', () => {
      expect(complete.length).toBeGreaterThanOrEqual(60);
      const levels = new Set<ProcedureLevel>(complete.flatMap((p) => p.levels));
      expect([...levels].sort()).toEqual(['commune', 'district', 'province']);
    });

    it('gives every complete entry every field and a source', () => {
      for (const p of complete) {
        for (const key of REAL_COMPLETE_FIELDS) {
          const value = p[key];
          expect(value, `${p.code} ${key}`).not.toBeNull();
          expect(value, `${p.code} ${key}`).not.toBeUndefined();
          if (typeof value === 'string') expect(value.length, `${p.code} ${key}`).toBeGreaterThan(0);
          if (Array.isArray(value) && key !== 'fees') {
            expect(value.length, `${p.code} ${key}`).toBeGreaterThan(0);
          }
        }
        expect(isValidProcedureCode(p.code), p.code).toBe(true);
        expect(p.processingTime?.value, p.code).toBeGreaterThanOrEqual(0);
        for (const fee of p.fees ?? []) {
          expect(Number.isInteger(fee.amountVnd) && fee.amountVnd >= 0, `${p.code} ${fee.name}`).toBe(true);
        }
        for (const doc of p.documents ?? []) expect(doc.name.length, p.code).toBeGreaterThan(0);
        expect(p.source, p.code).toMatch(/^https?:\/\//);
        expect(p.evidence.length, p.code).toBeGreaterThan(0);
        for (const ev of p.evidence) {
          expect(ev.ref.length, p.code).toBeGreaterThan(0);
          expect(ev.supports.length, p.code).toBeGreaterThan(0);
        }
        expect(
          p.unverified.some((u) => /^code\b/.test(u)),
          `${p.code} has its code in doubt`,
        ).toBe(false);
        const draft = realEntryToDraft(p);
        expect(draft, p.code).not.toBeNull();
        if (draft !== null) expect(validateProcedureVersion(draft), p.code).toEqual([]);
      }
    });

    it('does not count an entry with an unconfirmed field or a doubtful code', () => {
      const base = complete[0] as RealProcedureEntry;
      expect(isCompleteRealEntry(base)).toBe(true);
      const variants: RealProcedureEntry[] = [
        { ...base, fees: null, unverified: [...base.unverified, 'fees'] },
        { ...base, processingTime: null },
        { ...base, documents: [] },
        { ...base, documents: null },
        { ...base, result: null },
        { ...base, legalBasis: [] },
        { ...base, source: 'not a url' },
        { ...base, evidence: [] },
        { ...base, unverified: [...base.unverified, 'code: seen only in public code'] },
      ];
      for (const v of variants) expect(isCompleteRealEntry(v)).toBe(false);
      expect(isCompleteRealEntry({ ...base, fees: [] })).toBe(true);
    });
  });
});
