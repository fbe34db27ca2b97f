import { describe, expect, it } from 'vitest';
import { catalogSplit, generateCatalog, mulberry32, proportionalSplit } from './generate.ts';
import { isValidProcedureCode, validateProcedureVersion } from './procedure.ts';

describe('generateCatalog', () => {
  const catalog = generateCatalog({ count: 1958, seed: 2022 });

  it('reproduces the Gia Lai 2022 split', () => {
    const count = (pred: (v: (typeof catalog)[number]) => boolean): number => catalog.filter(pred).length;
    expect(catalog).toHaveLength(1958);
    expect(count((v) => v.levels[0] === 'province')).toBe(1470);
    expect(count((v) => v.levels[0] === 'district')).toBe(315);
    expect(count((v) => v.levels[0] === 'commune')).toBe(173);
    expect(count((v) => v.oneStop)).toBe(1866);
    expect(count((v) => !v.oneStop)).toBe(92);
  });

  it('makes valid, unique, clearly generated codes and unique names', () => {
    expect(new Set(catalog.map((v) => v.code)).size).toBe(1958);
    expect(new Set(catalog.map((v) => v.name)).size).toBe(1958);
    for (const v of catalog) {
      expect(v.code.endsWith('.GEN')).toBe(true);
      expect(isValidProcedureCode(v.code)).toBe(true);
      expect(validateProcedureVersion(v)).toEqual([]);
    }
  });

  it('is deterministic per seed and varied', () => {
    expect(generateCatalog({ count: 50, seed: 7 })).toEqual(generateCatalog({ count: 50, seed: 7 }));
    expect(generateCatalog({ count: 50, seed: 7 })).not.toEqual(generateCatalog({ count: 50, seed: 8 }));
    expect(generateCatalog({ count: 20, random: mulberry32(3) })).toEqual(
      generateCatalog({ count: 20, seed: 3 }),
    );
    expect(new Set(catalog.map((v) => v.onlineLevel)).size).toBe(3);
    expect(new Set(catalog.map((v) => v.processingTime.unit)).size).toBe(4);
    expect(catalog.some((v) => v.postal.sendDossier) && catalog.some((v) => !v.postal.sendDossier)).toBe(
      true,
    );
  });

  it('scales the split proportionally for other counts', () => {
    expect(catalogSplit(100)).toEqual({ province: 75, district: 16, commune: 9, oneStop: 95, notOneStop: 5 });
    for (const n of [0, 1, 7, 333, 5000]) {
      const s = catalogSplit(n);
      expect(s.province + s.district + s.commune).toBe(n);
      expect(s.oneStop + s.notOneStop).toBe(n);
    }
    expect(proportionalSplit(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(() => generateCatalog({ count: -1 })).toThrow(RangeError);
  });
});
