/**
 * Demo service points, agencies and staffing reproducing the 2022 scenario of the Báo Gia Lai
 * interview: the post runs the provincial Public Administration Service Centre, 17/17 district
 * one-stop departments and 14/220 commune ones (from 2020), with BHXH and Công an keeping their own
 * staff. Which 14 communes is not public except Ia Tô (Ia Grai): the other 13 are a demo choice,
 * and the service-point codes (`H21.<unit code>`) are illustrative — see docs/units.md.
 * After 1 July 2025: the provincial TTPVHCC and one commune TTPVHCC per new commune.
 */
import type { Executor } from '../../adapters/db/database.ts';
import { agencies, counterStaffing, servicePoints } from '../../adapters/db/schema.ts';
import { buildUnitRows, REFORM_DATE } from './reference-data.ts';

export const ROLLOUT_START = '2020-02-21'; // pilot scheme approved by the provincial People's Committee on 21/2/2020
const END_OLD = '2025-06-30';
/** Ia Tô (Ia Grai) is documented; the 13 others are the first commune by code of 13 other districts. */
export const IA_TO_COMMUNE = '23779'; // Xã Ia Tô, huyện Ia Grai (628)

type SpRow = typeof servicePoints.$inferInsert;
type AgencyRow = typeof agencies.$inferInsert;
type StaffRow = typeof counterStaffing.$inferInsert;

export function buildDemoOrganisation() {
  const { units } = buildUnitRows();
  const oldCommunes = units.filter(
    (u) => u.level === 'commune' && u.validFrom < REFORM_DATE && /^2[34]/.test(u.code),
  );
  const oldDistricts = units.filter((u) => u.level === 'district' && u.parentCode === '64');
  const newCommunes = units.filter((u) => u.level === 'commune' && u.validFrom === REFORM_DATE);

  // The 14 post-run commune one-stop departments.
  const postCommunes = new Set<string>();
  if (oldCommunes.some((c) => c.code === IA_TO_COMMUNE)) postCommunes.add(IA_TO_COMMUNE);
  for (const d of oldDistricts) {
    if (postCommunes.size >= 14) break;
    if (d.code === '628') continue; // Ia Grai is represented by Ia Tô
    const first = oldCommunes
      .filter((c) => c.parentCode === d.code && c.validTo === END_OLD)
      .sort((a, b) => a.code.localeCompare(b.code))[0];
    if (first) postCommunes.add(first.code);
  }

  const sps: SpRow[] = [];
  sps.push({
    code: 'H21.64',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
    level: 'province',
    unitCode: '64',
    address: 'Pleiku, Gia Lai',
    operator: 'post',
    counters: 40,
    validFrom: ROLLOUT_START,
    validTo: END_OLD,
    postOperatedFrom: ROLLOUT_START,
  });
  for (const d of oldDistricts) {
    sps.push({
      code: `H21.${d.code}`,
      name: `Bộ phận Một cửa ${d.fullName}`,
      level: 'district',
      unitCode: d.code,
      address: `${d.fullName}, Gia Lai`,
      operator: 'post',
      counters: 6,
      validFrom: ROLLOUT_START,
      validTo: END_OLD,
      postOperatedFrom: ROLLOUT_START,
    });
  }
  // One commune one-stop department per commune (the same code keeps one row: a renamed commune keeps its counter).
  const seen = new Set<string>();
  for (const c of oldCommunes) {
    if (seen.has(c.code)) continue;
    seen.add(c.code);
    const versions = oldCommunes.filter((v) => v.code === c.code);
    const last = versions[versions.length - 1] ?? c;
    const post = postCommunes.has(c.code);
    sps.push({
      code: `H21.${c.code}`,
      name: `Bộ phận Một cửa ${last.fullName}`,
      level: 'commune',
      unitCode: c.code,
      address: `${last.fullName}, Gia Lai`,
      operator: post ? 'post' : 'government',
      counters: post ? 2 : 1,
      validFrom: ROLLOUT_START,
      validTo: last.validTo ?? END_OLD,
      postOperatedFrom: post ? ROLLOUT_START : null,
    });
  }
  sps.push({
    code: 'H21.52',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai',
    level: 'province',
    unitCode: '52',
    address: 'Quy Nhơn, Gia Lai',
    operator: 'post',
    counters: 60,
    validFrom: REFORM_DATE,
    validTo: null,
    postOperatedFrom: REFORM_DATE,
  });
  // After the reform (demo): the post keeps the counters of the communes that succeed the 14 pilot communes.
  const { successions } = buildUnitRows();
  const postNewCommunes = new Set(
    successions
      .filter((s) => postCommunes.has(s.fromCode) && s.effectiveOn === REFORM_DATE)
      .map((s) => s.toCode),
  );
  for (const c of newCommunes) {
    const post = postNewCommunes.has(c.code);
    sps.push({
      code: `H21.52.${c.code}`,
      name: `Trung tâm Phục vụ hành chính công ${c.fullName}`,
      level: 'commune',
      unitCode: c.code,
      address: `${c.fullName}, Gia Lai`,
      operator: post ? 'post' : 'government',
      counters: 2,
      validFrom: REFORM_DATE,
      validTo: null,
      postOperatedFrom: post ? REFORM_DATE : null,
    });
  }

  const ags: AgencyRow[] = [
    {
      code: 'SO-TU-PHAP',
      name: 'Sở Tư pháp',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'SO-XAY-DUNG',
      name: 'Sở Xây dựng',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'SO-TN-MT',
      name: 'Sở Tài nguyên và Môi trường',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
      validTo: END_OLD,
    },
    {
      code: 'SO-NN-MT',
      name: 'Sở Nông nghiệp và Môi trường',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: REFORM_DATE,
    },
    {
      code: 'SO-KH-DT',
      name: 'Sở Kế hoạch và Đầu tư',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
      validTo: '2025-02-28',
    },
    {
      code: 'SO-TAI-CHINH',
      name: 'Sở Tài chính',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'SO-GTVT',
      name: 'Sở Giao thông vận tải',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
      validTo: '2025-02-28',
    },
    {
      code: 'SO-LD-TBXH',
      name: 'Sở Lao động - Thương binh và Xã hội',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
      validTo: '2025-02-28',
    },
    {
      code: 'SO-NOI-VU',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'BHXH-TINH',
      name: 'Bảo hiểm xã hội tỉnh Gia Lai',
      kind: 'vertical',
      level: 'province',
      unitCode: null,
      keepsOwnStaffAtCounters: true,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'CONG-AN-TINH',
      name: 'Công an tỉnh Gia Lai',
      kind: 'vertical',
      level: 'province',
      unitCode: null,
      keepsOwnStaffAtCounters: true,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'THUE-TINH',
      name: 'Thuế tỉnh Gia Lai',
      kind: 'vertical',
      level: 'province',
      unitCode: null,
      keepsOwnStaffAtCounters: true,
      validFrom: ROLLOUT_START,
    },
    {
      code: 'UBND-HUYEN',
      name: 'Ủy ban nhân dân cấp huyện',
      kind: 'peoples_committee',
      level: 'district',
      unitCode: null,
      validFrom: ROLLOUT_START,
      validTo: END_OLD,
    },
    {
      code: 'UBND-XA',
      name: 'Ủy ban nhân dân cấp xã',
      kind: 'peoples_committee',
      level: 'commune',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      // Procedures the Chủ tịch UBND tỉnh decides (the Sở receives the dossier): data/catalog.
      code: 'UBND-TINH',
      name: 'Ủy ban nhân dân tỉnh Gia Lai',
      kind: 'peoples_committee',
      level: 'province',
      unitCode: null,
      validFrom: ROLLOUT_START,
    },
    {
      // Commune police (cư trú procedures); like the provincial police, own staff at the counters.
      code: 'CONG-AN-XA',
      name: 'Công an cấp xã',
      kind: 'vertical',
      level: 'commune',
      unitCode: null,
      keepsOwnStaffAtCounters: true,
      validFrom: ROLLOUT_START,
    },
  ];
  for (const d of oldDistricts) {
    ags.push({
      code: `UBND-${d.code}`,
      name: `Ủy ban nhân dân ${d.fullName}`,
      kind: 'peoples_committee',
      level: 'district',
      unitCode: d.code,
      validFrom: ROLLOUT_START,
      validTo: END_OLD,
    });
  }
  for (const c of newCommunes) {
    ags.push({
      code: `UBND-${c.code}-2025`,
      name: `Ủy ban nhân dân ${c.fullName}`,
      kind: 'peoples_committee',
      level: 'commune',
      unitCode: c.code,
      validFrom: REFORM_DATE,
    });
  }

  // Staffing (demo figures): post staff at every post-run counter; BHXH and Công an keep their own people
  // at the provincial centre and the district one-stop departments.
  const staff: StaffRow[] = [];
  for (const sp of sps) {
    if (sp.operator !== 'post') continue;
    const post = sp.level === 'province' ? 20 : sp.level === 'district' ? 4 : 1;
    staff.push({
      servicePointCode: sp.code,
      employer: 'post',
      agencyCode: null,
      headcount: post,
      validFrom: sp.validFrom,
      validTo: sp.validTo ?? null,
    });
    if (sp.level !== 'commune') {
      for (const agency of ['BHXH-TINH', 'CONG-AN-TINH']) {
        staff.push({
          servicePointCode: sp.code,
          employer: 'agency',
          agencyCode: agency,
          headcount: sp.level === 'province' ? 3 : 1,
          validFrom: sp.validFrom,
          validTo: sp.validTo ?? null,
        });
      }
    }
  }
  return {
    servicePoints: sps,
    agencies: ags,
    staffing: staff,
    postCommunes: [...postCommunes],
    postNewCommunes: [...postNewCommunes],
  };
}

export async function loadDemoOrganisation(tx: Executor) {
  const { servicePoints: sps, agencies: ags, staffing } = buildDemoOrganisation();
  for (let i = 0; i < sps.length; i += 200) await tx.insert(servicePoints).values(sps.slice(i, i + 200));
  for (let i = 0; i < ags.length; i += 200) await tx.insert(agencies).values(ags.slice(i, i + 200));
  for (let i = 0; i < staffing.length; i += 200)
    await tx.insert(counterStaffing).values(staffing.slice(i, i + 200));
  return { servicePoints: sps.length, agencies: ags.length, staffing: staffing.length };
}
