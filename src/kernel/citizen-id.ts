/**
 * Citizen identity numbers (số định danh cá nhân / CCCD), 12 digits (Luật Căn cước 2023 art. 12;
 * TT 59/2021/TT-BCA): digits 1–3 the province code of birth registration (001–096), digit 4 century
 * and sex, digits 5–6 the last two digits of the birth year, digits 7–12 random. There is no check digit.
 */
export interface CitizenIdInfo {
  readonly provinceCode: string;
  readonly sex: 'male' | 'female';
  readonly birthYear: number;
}

export type CitizenIdProblem = 'format' | 'province' | 'century';

/** Province codes that have ever existed in QĐ 124/2004 (01–96, with gaps), as used in ID numbers. */
const VALID_PROVINCE_CODES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42,
  44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
  87, 89, 91, 92, 93, 94, 95, 96,
]);

export function parseCitizenId(
  value: string,
): { ok: true; info: CitizenIdInfo } | { ok: false; problem: CitizenIdProblem } {
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'format' };
  const province = Number(value.slice(0, 3));
  if (!VALID_PROVINCE_CODES.has(province)) return { ok: false, problem: 'province' };
  const centuryDigit = Number(value[3]);
  const century = Math.floor(centuryDigit / 2); // 0 → 1900s, 1 → 2000s, 2 → 2100s …
  if (century > 1) return { ok: false, problem: 'century' }; // nobody alive was born after 2099
  const birthYear = 1900 + century * 100 + Number(value.slice(4, 6));
  return {
    ok: true,
    info: { provinceCode: value.slice(0, 3), sex: centuryDigit % 2 === 0 ? 'male' : 'female', birthYear },
  };
}
