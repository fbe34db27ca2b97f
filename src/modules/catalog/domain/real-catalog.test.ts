import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realEntryToDraft, type RealCatalogFile } from './real-catalog.ts';
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
});
