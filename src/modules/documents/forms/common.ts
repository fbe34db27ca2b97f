/**
 * Pieces every form shares: opening the document at the form's paper size, the small form-number
 * line, the administrative header, the applicant block and signatures. Form renderers stay a
 * readable list of what the paper says.
 */
import { formatPlaceDate, PdfRenderer, type SignatureBlock } from '../../../adapters/pdf/pdf-renderer.ts';
import type { FormDefinition, FormSet } from './form-sets.ts';
import type { ApplicantView, DocumentMeta, SignerView } from './view-models.ts';

/** The form being rendered: its definition and the set it belongs to. */
export interface FormContext {
  readonly set: FormSet;
  readonly form: FormDefinition;
}

export const DEFAULT_SIGNATURE_NOTE = '(Ký và ghi rõ họ tên)';
export const SEAL_SIGNATURE_NOTE = '(Ký, ghi rõ họ tên và đóng dấu)';

/**
 * A renderer at the form's paper size, with the creation date taken from the view model so that
 * re-printing the same view model gives the same bytes.
 */
export function openForm(ctx: FormContext, meta: DocumentMeta, subject: string): PdfRenderer {
  const creationDate = new Date(meta.generatedAt);
  if (Number.isNaN(creationDate.getTime()))
    throw new RangeError(`generatedAt is not an instant: ${meta.generatedAt}`);
  return PdfRenderer.create({
    size: ctx.form.paper,
    orientation: ctx.form.orientation,
    title: `Mẫu số ${ctx.form.no} – ${ctx.form.title}`,
    subject,
    creationDate,
  });
}

/** "Mẫu số 01 (TT 01/2018/TT-VPCP)", or "Mẫu số 05" when the set's source is unverified. */
export function formNumberLine(ctx: FormContext): string {
  return ctx.set.printedRef === null
    ? `Mẫu số ${ctx.form.no}`
    : `Mẫu số ${ctx.form.no} (${ctx.set.printedRef})`;
}

/** The form-number line in small type at the top right, then the header. */
export function formHeading(
  pdf: PdfRenderer,
  ctx: FormContext,
  meta: DocumentMeta,
  copyLabel?: string,
): void {
  const top = pdf.y;
  const h = pdf.caption(formNumberLine(ctx), {
    x: pdf.left,
    y: top,
    width: pdf.contentWidth,
    align: 'right',
  });
  if (copyLabel !== undefined)
    pdf.caption(copyLabel, { x: pdf.left, y: top, width: pdf.contentWidth, align: 'left' });
  pdf.moveDown(h + 4);
  pdf.header({
    ...(meta.issuer.parentAgency === undefined ? {} : { parentAgency: meta.issuer.parentAgency }),
    unit: meta.issuer.unit,
    ...(meta.documentNumber === undefined ? {} : { documentNumber: meta.documentNumber }),
    placeDate: formatPlaceDate(meta.issuer.place, meta.issuedOn),
  });
}

/** Name, address, phone and e-mail lines; missing values print as dotted blanks to fill by hand. */
export function applicantLines(
  pdf: PdfRenderer,
  applicant: ApplicantView,
  options: { email?: boolean } = {},
): void {
  pdf.field('Địa chỉ', applicant.address);
  if (options.email === false) {
    pdf.field('Số điện thoại', applicant.phone);
    return;
  }
  pdf.runs([
    { text: 'Số điện thoại: ' },
    { text: applicant.phone ?? '……………', bold: applicant.phone !== undefined },
    { text: '    Email: ' },
    { text: applicant.email ?? '……………', bold: applicant.email !== undefined },
  ]);
}

/** A signer as a signature block, with the default note. */
export function signature(
  signer: SignerView | undefined,
  fallbackTitle: string,
  note = DEFAULT_SIGNATURE_NOTE,
): SignatureBlock {
  return {
    title: signer?.title ?? fallbackTitle,
    note: signer?.note ?? note,
    ...(signer?.name === undefined ? {} : { name: signer.name }),
  };
}
