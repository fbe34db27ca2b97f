/**
 * The courier's check at pickup (QĐ 45/2016/QĐ-TTg, collection procedure): count the documents
 * with the applicant against the procedure's public list; if something is missing, guide the
 * applicant once (all missing items at once); both sign the dossier slip; seal in the applicant's
 * presence; collect fees. This file decides completeness; lifecycle.ts records the event.
 */
import { err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';

/** A document of the procedure's list as the postal request keeps it (1-based index). */
export interface PostalDocument {
  readonly index: number;
  readonly name: string;
  readonly form: 'original' | 'certified_copy' | 'copy';
  readonly count: number;
  readonly mandatory: boolean;
}

/** One line of the courier's checklist: the document at `index` was presented (in the required form and count) or not. */
export interface ChecklistEntry {
  readonly index: number;
  readonly present: boolean;
}

export interface ChecklistOutcome {
  readonly presented: readonly PostalDocument[];
  /** Mandatory documents not presented: the guidance lists all of them at once. */
  readonly missing: readonly PostalDocument[];
}

/**
 * Compares the checklist with the list. Every document must be answered exactly once (an
 * unanswered mandatory document is a client error, not a missing document), indexes must exist.
 */
export function evaluateChecklist(
  documents: readonly PostalDocument[],
  checklist: readonly ChecklistEntry[],
): Result<ChecklistOutcome, InvalidParam[]> {
  const problems: InvalidParam[] = [];
  const seen = new Map<number, boolean>();
  checklist.forEach((c, i) => {
    if (!documents.some((d) => d.index === c.index))
      problems.push({
        name: `body/checklist/${i}/index`,
        reason: `the procedure has documents 1..${documents.length}`,
      });
    else if (seen.has(c.index)) problems.push({ name: `body/checklist/${i}/index`, reason: 'listed twice' });
    seen.set(c.index, c.present);
  });
  for (const d of documents) {
    if (d.mandatory && !seen.has(d.index))
      problems.push({ name: 'body/checklist', reason: `answer document ${d.index} (${d.name})` });
  }
  if (problems.length > 0) return err(problems);
  return ok({
    presented: documents.filter((d) => seen.get(d.index) === true),
    missing: documents.filter((d) => d.mandatory && seen.get(d.index) !== true),
  });
}
