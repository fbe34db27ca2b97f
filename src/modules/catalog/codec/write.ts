/**
 * From procedure versions to spreadsheet rows (the inverse of table.ts): one row per version,
 * columns in the documented order, every value written so that reading it back gives the same
 * version.
 */

import type { ProcedureVersion, ProcedureVersionInput } from '../domain/procedure.ts';
import {
  ONLINE_SPEC,
  RESULT_KIND_SPEC,
  STATUS_SPEC,
  TIME_UNIT_SPEC,
  writeBoolean,
  writeCodeList,
  writeDate,
  writeDocuments,
  writeFees,
  writeLevels,
  writeSteps,
  writeTextList,
} from './cells.ts';
import { COLUMNS, type ColumnKey } from './columns.ts';

/** The header row. */
export function headerRow(): string[] {
  return COLUMNS.map((c) => c.header);
}

/** The cells of one version, in column order. */
export function versionRow(v: ProcedureVersion | ProcedureVersionInput): string[] {
  const cell: Record<ColumnKey, string> = {
    code: v.code,
    version: v.version === undefined ? '' : String(v.version),
    status: v.status === undefined ? '' : STATUS_SPEC.labels[v.status],
    name: v.name,
    levels: writeLevels(v.levels),
    field: v.field,
    agencyCode: v.agency.code,
    agencyName: v.agency.name,
    servicePoints: writeCodeList(v.servicePointCodes),
    timeValue: String(v.processingTime.value),
    timeUnit: TIME_UNIT_SPEC.labels[v.processingTime.unit],
    cutoff: v.cutoffTime ?? '',
    fees: writeFees(v.fees),
    documents: writeDocuments(v.documents),
    resultName: v.result.name,
    resultKind: RESULT_KIND_SPEC.labels[v.result.kind],
    online: ONLINE_SPEC.labels[v.onlineLevel],
    postalSend: writeBoolean(v.postal.sendDossier),
    postalReceive: writeBoolean(v.postal.receiveResult),
    oneStop: writeBoolean(v.oneStop),
    feesBlockReturn: writeBoolean(v.feesBlockReturn),
    legalBasis: writeTextList(v.legalBasis),
    steps: writeSteps(v.steps),
    decisionNumber: v.decision?.number ?? '',
    decisionDate: v.decision === null ? '' : writeDate(v.decision.date),
    validFrom: v.validFrom === null ? '' : writeDate(v.validFrom),
    validTo: v.validTo === null ? '' : writeDate(v.validTo),
  };
  return COLUMNS.map((c) => cell[c.key]);
}
