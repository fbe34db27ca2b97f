/**
 * Mẫu 05 of the 2025 set — Thông báo dừng giải quyết hồ sơ (reported new under ND 118/2025;
 * unverified, DOMAIN.md §1.3). The agency stops processing a dossier and says why and under which
 * provision; the content here is the minimum such a notice needs, not a copy of the official form.
 */
import {
  SEAL_SIGNATURE_NOTE,
  applicantLines,
  type FormContext,
  formHeading,
  openForm,
  signature,
} from './common.ts';
import type { StopProcessingViewModel } from './view-models.ts';

export async function renderStopProcessing(ctx: FormContext, vm: StopProcessingViewModel): Promise<Buffer> {
  const pdf = openForm(ctx, vm, `Mã hồ sơ ${vm.dossierCode}`);
  formHeading(pdf, ctx, vm);
  pdf.title(ctx.form.title);
  pdf.runs([{ text: 'Kính gửi: ' }, { text: vm.applicant.name, bold: true }], {
    align: 'center',
    gapAfter: 6,
  });
  pdf.runs(
    [
      { text: 'Vào ' },
      { text: vm.receivedAt, bold: true },
      { text: `, ${vm.agencyName} tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ ` },
      { text: vm.dossierCode, bold: true },
      { text: '.' },
    ],
    { align: 'justify' },
  );
  applicantLines(pdf, vm.applicant, { email: false });
  pdf.field('Nội dung yêu cầu giải quyết', vm.procedureName);
  pdf.moveDown(2);
  pdf.field('Căn cứ', vm.legalBasis, { align: 'justify' });
  pdf.text(`${vm.agencyName} thông báo dừng giải quyết hồ sơ nêu trên với lý do:`, { align: 'justify' });
  pdf.text(vm.reason, { bold: true, indent: 12, align: 'justify', gapAfter: 4 });
  pdf.text('Xin thông báo để Ông/Bà được biết./.', { gapAfter: 8 });
  pdf.signatures([signature(vm.signer, 'THỦ TRƯỞNG CƠ QUAN', SEAL_SIGNATURE_NOTE)]);
  return pdf.finish();
}
