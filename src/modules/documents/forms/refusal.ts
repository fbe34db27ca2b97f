/**
 * Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5): the dossier is outside the counter's
 * scope or not eligible, and the applicant gets the reason in writing. Field list: DOMAIN.md §1.3 [M].
 */
import { applicantLines, type FormContext, formHeading, openForm, signature } from './common.ts';
import type { RefusalViewModel } from './view-models.ts';

export async function renderRefusal(ctx: FormContext, vm: RefusalViewModel): Promise<Buffer> {
  const pdf = openForm(
    ctx,
    vm,
    vm.dossierCode === undefined ? 'Từ chối tiếp nhận hồ sơ' : `Mã hồ sơ ${vm.dossierCode}`,
  );
  formHeading(pdf, ctx, vm);
  pdf.title(ctx.form.title);
  if (vm.dossierCode !== undefined) pdf.field('Mã hồ sơ', vm.dossierCode);
  pdf.runs([
    { text: `${vm.receivingUnitName} tiếp nhận hồ sơ của: ` },
    { text: vm.applicant.name, bold: true },
  ]);
  applicantLines(pdf, vm.applicant);
  pdf.field('Nội dung yêu cầu giải quyết', vm.procedureName);
  pdf.moveDown(2);
  pdf.text(`Qua xem xét, ${vm.receivingUnitName} từ chối tiếp nhận, giải quyết hồ sơ này với lý do:`, {
    align: 'justify',
  });
  pdf.text(vm.reason, { bold: true, indent: 12, align: 'justify', gapAfter: 4 });
  pdf.text('Xin thông báo để Ông/Bà được biết và thực hiện./.', { gapAfter: 8 });
  pdf.signatures([signature(vm.signer, 'NGƯỜI TIẾP NHẬN HỒ SƠ')]);
  return pdf.finish();
}
