/**
 * Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5). Items 1–6 follow the numbered layout that
 * several independent public templates share (DOMAIN.md §1.3); fees, hotline, QR code and the notes
 * are the additions implementations commonly make. The dossier code is printed as text and as a
 * Code 128 barcode (TT 01/2018 Art. 19 allows bar and QR codes alongside the code), and the QR code
 * opens the public lookup page.
 */
import { DOTS } from '../../../adapters/pdf/pdf-renderer.ts';
import { applicantLines, type FormContext, formHeading, openForm, signature } from './common.ts';
import { vnd } from './format.ts';
import type { ReceiptViewModel } from './view-models.ts';

const QR_SIZE = 62;

export async function renderReceipt(ctx: FormContext, vm: ReceiptViewModel): Promise<Buffer> {
  const pdf = openForm(ctx, vm, `Mã hồ sơ ${vm.dossierCode}`);
  formHeading(pdf, ctx, vm, vm.copyLabel);
  pdf.title(ctx.form.title);

  // The QR code sits at the right; the code, its barcode and the applicant lines flow beside it.
  if (vm.lookupUrl !== undefined) {
    const top = pdf.y;
    const x = pdf.right - QR_SIZE;
    await pdf.qrCode(vm.lookupUrl, { x, y: top, size: QR_SIZE });
    const h = pdf.caption('Quét mã để tra cứu', { x: x - 8, y: top + QR_SIZE + 1, width: QR_SIZE + 16 });
    pdf.floatRight(QR_SIZE + 12, top + QR_SIZE + 2 + h);
  }
  pdf.runs([{ text: 'Mã hồ sơ: ' }, { text: vm.dossierCode, bold: true }], { size: pdf.baseSize + 1.5 });
  await pdf.barcode(vm.dossierCode, { x: pdf.left, y: pdf.y, width: 200, height: 18 });
  pdf.moveDown(22);
  pdf.runs([
    { text: `${vm.receivingUnitName} tiếp nhận hồ sơ của: ` },
    { text: vm.applicant.name, bold: true },
  ]);
  applicantLines(pdf, vm.applicant);
  pdf.field('Nội dung yêu cầu giải quyết', vm.procedureName, { gapAfter: 4 });

  pdf.text('1. Thành phần hồ sơ nộp gồm:');
  pdf.table(
    [
      { header: 'TT', width: 5, align: 'center' },
      { header: 'Tên loại giấy tờ', width: 50 },
      { header: 'Hình thức (bản chính, bản sao, bản chụp)', width: 33, align: 'center' },
      { header: 'Số lượng', width: 12, align: 'center' },
    ],
    vm.documents.map((d, i) => [String(i + 1), d.name, d.form, String(d.count)]),
  );
  pdf.field('2. Số lượng hồ sơ', `${String(vm.setCount).padStart(2, '0')} (bộ)`);
  pdf.field('3. Thời gian giải quyết hồ sơ theo quy định là', vm.legalTimeLimit);
  pdf.field('4. Thời gian nhận hồ sơ', vm.receivedAt);
  pdf.field('5. Thời gian trả kết quả giải quyết hồ sơ', vm.dueAt);
  pdf.field('6. Đăng ký nhận kết quả tại', vm.returnMethod);
  if (vm.fees !== undefined && vm.fees.length > 0) {
    pdf.field('Phí, lệ phí', vm.fees.map((f) => `${f.name}: ${vnd(f.amountVnd)}`).join('; '));
  }
  pdf.runs([
    { text: 'Vào Sổ theo dõi hồ sơ, Quyển số: ' },
    { text: vm.register?.bookNo ?? DOTS, bold: vm.register !== undefined },
    { text: '   Số thứ tự: ' },
    { text: vm.register?.sequence ?? DOTS, bold: vm.register !== undefined },
  ]);
  if (vm.hotline !== undefined) pdf.field('Đường dây nóng', vm.hotline);
  for (const note of vm.notes ?? []) pdf.text(note, { size: pdf.baseSize - 1 });
  // The QR's address in words too, for a phone without a camera (it carries the same secret token).
  if (vm.lookupUrl !== undefined) pdf.text(`Tra cứu hồ sơ: ${vm.lookupUrl}`, { size: pdf.baseSize - 1.5 });
  pdf.moveDown(4);
  pdf.signatures([
    signature(vm.applicantSigner, 'NGƯỜI NỘP HỒ SƠ'),
    signature(vm.receiverSigner, 'NGƯỜI TIẾP NHẬN HỒ SƠ'),
  ]);
  return pdf.finish();
}
