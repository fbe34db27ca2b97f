/**
 * Mẫu 04. Under TT 01/2018: "Phiếu xin lỗi và hẹn lại ngày trả kết quả" — the competent agency
 * apologises, gives the reason for the delay and a new return date ([V] content, DOMAIN.md §1.6).
 * Under the 2025 set (unverified): "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" — the
 * same facts, worded as a request to extend the processing time. The set decides the wording.
 */
import {
  SEAL_SIGNATURE_NOTE,
  applicantLines,
  type FormContext,
  formHeading,
  openForm,
  signature,
} from './common.ts';
import type { ApologyViewModel } from './view-models.ts';

export async function renderApology(ctx: FormContext, vm: ApologyViewModel): Promise<Buffer> {
  const extension = ctx.form.title.includes('GIA HẠN');
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
  pdf.field('Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả', vm.originalDueAt);
  pdf.moveDown(2);
  pdf.text(`Tuy nhiên đến nay, ${vm.agencyName} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.`, {
    align: 'justify',
  });
  pdf.field('Lý do', vm.reason, { align: 'justify' });
  const apology =
    vm.apology ??
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${vm.agencyName} xin lỗi Ông/Bà và ` +
      (extension
        ? 'đề nghị gia hạn thời gian giải quyết hồ sơ đến:'
        : 'sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào:');
  pdf.text(apology, { align: 'justify' });
  pdf.field(
    extension ? 'Thời hạn giải quyết đề nghị gia hạn đến' : 'Thời gian hẹn trả kết quả mới',
    vm.newDueAt,
    { gapAfter: 4 },
  );
  pdf.text('Mong nhận được sự thông cảm của Ông/Bà./.', { gapAfter: 8 });
  pdf.signatures([signature(vm.signer, 'THỦ TRƯỞNG CƠ QUAN', SEAL_SIGNATURE_NOTE)]);
  return pdf.finish();
}
