/**
 * Postage (cước) from an effective-dated tariff: price bands by zone and weight.
 *
 * Zone = how far the address's commune is from the service point's unit (both as of the request day):
 *  - `same_commune`: the service point serves that very commune (a commune one-stop counter);
 *  - `same_province`: the commune and the service point's unit share the same province;
 *  - `other`: anything else (another province).
 * A band applies to weights up to and including `maxWeightGrams`; the lightest band that fits wins.
 * Pure: the rows in force are passed in.
 */
import { coversDate } from '../../../kernel/local-date.ts';
import type { InvalidParam } from '../../../kernel/errors.ts';

export const ZONES = ['same_commune', 'same_province', 'other'] as const;
export type Zone = (typeof ZONES)[number];

export interface TariffBand {
  readonly zone: Zone;
  readonly maxWeightGrams: number;
  readonly priceVnd: number;
}

export interface TariffRow extends TariffBand {
  readonly id: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** Weights are capped: a paper dossier or result above 30 kg is not a postal item. */
export const MAX_WEIGHT_GRAMS = 30_000;

/**
 * The zone between an address and a service point, from their unit chains (innermost first, as
 * OrgService.unitAncestors returns them: commune → … → province).
 */
export function zoneOf(addressUnits: readonly string[], servicePointUnits: readonly string[]): Zone {
  const commune = addressUnits[0];
  if (commune !== undefined && servicePointUnits[0] === commune) return 'same_commune';
  const province = addressUnits[addressUnits.length - 1];
  if (province !== undefined && servicePointUnits[servicePointUnits.length - 1] === province)
    return 'same_province';
  return 'other';
}

/** The band in force on `at` for the zone and weight, or undefined (no tariff, or too heavy). */
export function bandFor(
  rows: readonly TariffRow[],
  zone: Zone,
  weightGrams: number,
  at: string,
): TariffRow | undefined {
  return rows
    .filter(
      (r) => r.zone === zone && coversDate(r.validFrom, r.validTo, at) && weightGrams <= r.maxWeightGrams,
    )
    .sort((a, b) => a.maxWeightGrams - b.maxWeightGrams || b.validFrom.localeCompare(a.validFrom))[0];
}

/** Checks a new tariff: every zone priced, bands strictly increasing by weight, whole đồng, nothing duplicated. */
export function validateTariff(bands: readonly TariffBand[]): InvalidParam[] {
  const problems: InvalidParam[] = [];
  bands.forEach((b, i) => {
    if (!(ZONES as readonly string[]).includes(b.zone))
      problems.push({ name: `body/bands/${i}/zone`, reason: ZONES.join(', ') });
    if (!Number.isInteger(b.maxWeightGrams) || b.maxWeightGrams < 1 || b.maxWeightGrams > MAX_WEIGHT_GRAMS)
      problems.push({ name: `body/bands/${i}/maxWeightGrams`, reason: `1..${MAX_WEIGHT_GRAMS}` });
    if (!Number.isInteger(b.priceVnd) || b.priceVnd < 0)
      problems.push({ name: `body/bands/${i}/priceVnd`, reason: 'whole đồng ≥ 0' });
    if (bands.some((o, j) => j < i && o.zone === b.zone && o.maxWeightGrams === b.maxWeightGrams))
      problems.push({ name: `body/bands/${i}`, reason: 'the same zone and weight twice' });
  });
  for (const zone of ZONES) {
    if (!bands.some((b) => b.zone === zone))
      problems.push({ name: 'body/bands', reason: `no band for zone ${zone}` });
  }
  return problems;
}

/**
 * The demo tariff (illustrative, not VNPost's price list): documents up to 2 kg, three zones.
 * Loaded by the demo seed; production sets its own through `POST /api/v1/postal/tariff`.
 */
export const DEMO_TARIFF: readonly TariffBand[] = [
  { zone: 'same_commune', maxWeightGrams: 500, priceVnd: 15_000 },
  { zone: 'same_commune', maxWeightGrams: 2_000, priceVnd: 20_000 },
  { zone: 'same_province', maxWeightGrams: 500, priceVnd: 22_000 },
  { zone: 'same_province', maxWeightGrams: 2_000, priceVnd: 30_000 },
  { zone: 'other', maxWeightGrams: 500, priceVnd: 35_000 },
  { zone: 'other', maxWeightGrams: 2_000, priceVnd: 48_000 },
];
