/**
 * Loads the administrative units of Gia Lai (before and after 1 July 2025) from
 * data/units/gia-lai-units.json (sources inside the file; see docs/units.md for what is missing).
 *
 * Conventions (documented in docs/units.md):
 * - Units that existed before the 2025 reform get validFrom = UNIT_HORIZON_START, the start of the
 *   period MotCua covers, not their legal creation date (which the sources do not give).
 * - Old Bình Định's units are known only as predecessors of the new communes (code, name, district);
 *   they are loaded so that successions resolve, with the same horizon convention.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../../adapters/db/database.ts';
import { adminUnits, unitSuccessions } from '../../adapters/db/schema.ts';

export const UNIT_HORIZON_START = '2020-01-01';
export const REFORM_DATE = '2025-07-01';
const DAY_BEFORE_REFORM = '2025-06-30';
export const UNITS_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/units/gia-lai-units.json',
);

interface OldCommune {
  code: string;
  name: string;
  type: string;
  district: string;
  fullName: string;
  source: string;
  abolishedFrom?: string;
  nameFrom2024_11_01?: string;
  note?: string;
}
interface NewCommune {
  code: string;
  name: string;
  type: string;
  fullName: string;
  source: string;
  resolutionClause: string;
  formedFromOld: { code: string; name: string; district: string; oldProvince: string; part: string }[];
}
interface UnitsFile {
  before2025: {
    province: { code: string; name: string; fullName: string };
    districts: { code: string; name: string; type: string; fullName: string; source: string }[];
    communes: OldCommune[];
  };
  after2025: {
    province: { code: string; name: string; fullName: string; source: string };
    communes: NewCommune[];
  };
}

type UnitRow = typeof adminUnits.$inferInsert;
type SuccessionRow = typeof unitSuccessions.$inferInsert;

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Builds the unit and succession rows from the data file (pure apart from reading the file). */
export function buildUnitRows(file: UnitsFile = JSON.parse(readFileSync(UNITS_FILE, 'utf8')) as UnitsFile) {
  const units: UnitRow[] = [];
  const successions: SuccessionRow[] = [];
  const b = file.before2025;
  units.push({
    code: b.province.code,
    name: b.province.name,
    fullName: b.province.fullName,
    kind: 'tỉnh',
    level: 'province',
    parentCode: null,
    validFrom: UNIT_HORIZON_START,
    validTo: DAY_BEFORE_REFORM,
    source: 'dvhcvn-2024; madnh-2023',
  });
  for (const d of b.districts) {
    units.push({
      code: d.code,
      name: d.name,
      fullName: d.fullName,
      kind: d.type,
      level: 'district',
      parentCode: b.province.code,
      validFrom: UNIT_HORIZON_START,
      validTo: DAY_BEFORE_REFORM,
      source: d.source,
    });
  }
  for (const c of b.communes) {
    const end = c.abolishedFrom ? dayBefore(c.abolishedFrom) : DAY_BEFORE_REFORM;
    const base = { code: c.code, kind: c.type, level: 'commune', parentCode: c.district, source: c.source };
    if (c.nameFrom2024_11_01) {
      units.push({
        ...base,
        name: c.name,
        fullName: c.fullName,
        validFrom: UNIT_HORIZON_START,
        validTo: '2024-10-31',
      });
      units.push({
        ...base,
        name: c.nameFrom2024_11_01,
        fullName: `${capitalise(c.type)} ${c.nameFrom2024_11_01}`,
        validFrom: '2024-11-01',
        validTo: end,
      });
    } else {
      units.push({
        ...base,
        name: c.name,
        fullName: c.fullName,
        validFrom: UNIT_HORIZON_START,
        validTo: end,
      });
    }
    if (c.abolishedFrom) {
      const target = /\((\d{5})\)/.exec(c.note ?? '')?.[1];
      if (target)
        successions.push({
          fromCode: c.code,
          toCode: target,
          effectiveOn: c.abolishedFrom,
          kind: 'merge',
          part: 'full',
          legalBasis: 'NQ 1195/NQ-UBTVQH15',
        });
    }
  }

  // Old Bình Định (52), known through the predecessors of the new communes.
  const oldBinhDinhDistricts = new Map<string, string>();
  const oldBinhDinhCommunes = new Map<string, { name: string; district: string }>();
  for (const c of file.after2025.communes) {
    for (const p of c.formedFromOld) {
      if (!p.oldProvince.startsWith('52')) continue;
      const [districtCode = '', ...rest] = p.district.split(' ');
      oldBinhDinhDistricts.set(districtCode, rest.join(' '));
      oldBinhDinhCommunes.set(p.code, { name: p.name, district: districtCode });
    }
  }
  if (oldBinhDinhCommunes.size > 0) {
    units.push({
      code: '52',
      name: 'Bình Định',
      fullName: 'Tỉnh Bình Định',
      kind: 'tỉnh',
      level: 'province',
      parentCode: null,
      validFrom: UNIT_HORIZON_START,
      validTo: DAY_BEFORE_REFORM,
      source: 'dvhcvn-2025 (as predecessors in NQ 1664)',
    });
    for (const [code, fullName] of oldBinhDinhDistricts) {
      const kind = /^(Thành phố|Thị xã|Huyện)/.exec(fullName)?.[1] ?? 'huyện';
      units.push({
        code,
        name: fullName.replace(/^(Thành phố|Thị xã|Huyện)\s+/, ''),
        fullName,
        kind: kind.toLowerCase(),
        level: 'district',
        parentCode: '52',
        validFrom: UNIT_HORIZON_START,
        validTo: DAY_BEFORE_REFORM,
        source: 'dvhcvn-2025 (as predecessors in NQ 1664)',
      });
    }
    for (const [code, c] of oldBinhDinhCommunes) {
      const kind = /^(Phường|Xã|Thị trấn)/.exec(c.name)?.[1] ?? 'xã';
      units.push({
        code,
        name: c.name.replace(/^(Phường|Xã|Thị trấn)\s+/, ''),
        fullName: c.name,
        kind: kind.toLowerCase(),
        level: 'commune',
        parentCode: c.district,
        validFrom: UNIT_HORIZON_START,
        validTo: DAY_BEFORE_REFORM,
        source: 'dvhcvn-2025 (as predecessors in NQ 1664)',
      });
    }
  }

  // The merged Gia Lai (52) from 1 July 2025: no district level.
  const a = file.after2025;
  units.push({
    code: a.province.code,
    name: a.province.name,
    fullName: a.province.fullName,
    kind: 'tỉnh',
    level: 'province',
    parentCode: null,
    validFrom: REFORM_DATE,
    validTo: null,
    source: a.province.source,
  });
  successions.push({
    fromCode: b.province.code,
    toCode: a.province.code,
    effectiveOn: REFORM_DATE,
    kind: 'merge',
    part: 'full',
    legalBasis: 'NQ 202/2025/QH15; NQ 60-NQ/TW',
  });
  successions.push({
    fromCode: '52',
    toCode: a.province.code,
    effectiveOn: REFORM_DATE,
    kind: 'merge',
    part: 'full',
    legalBasis: 'NQ 202/2025/QH15; NQ 60-NQ/TW',
  });
  for (const c of a.communes) {
    units.push({
      code: c.code,
      name: c.name,
      fullName: c.fullName,
      kind: c.type,
      level: 'commune',
      parentCode: a.province.code,
      validFrom: REFORM_DATE,
      validTo: null,
      source: c.source,
    });
    for (const p of c.formedFromOld) {
      successions.push({
        fromCode: p.code,
        toCode: c.code,
        effectiveOn: REFORM_DATE,
        kind: p.part === 'full' ? 'merge' : 'split',
        part: p.part,
        legalBasis: c.resolutionClause,
      });
    }
  }
  return { units, successions };
}

export async function loadReferenceUnits(tx: Executor): Promise<{ units: number; successions: number }> {
  const { units, successions } = buildUnitRows();
  for (let i = 0; i < units.length; i += 200) await tx.insert(adminUnits).values(units.slice(i, i + 200));
  for (let i = 0; i < successions.length; i += 200)
    await tx.insert(unitSuccessions).values(successions.slice(i, i + 200));
  return { units: units.length, successions: successions.length };
}
