/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ — Mẫu 05 (2018) / 06 (2025), A5. It travels with the
 * paper dossier: each hand-over is one row ("1. Giao: … 2. Nhận: …", the time, both signatures, the
 * step's result). Columns as in three public implementations (DOMAIN.md §1.3, [V-impl]). Rows still
 * to come are printed blank, to be filled by hand, and the barcode lets each desk scan the dossier.
 */
import { type FormContext, formHeading, openForm } from './common.ts';
import type { ControlRowView, ControlSlipViewModel, StepResult } from './view-models.ts';

export const STEP_RESULT_LABELS: Readonly<Record<StepResult, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

const BLANK_TIME = '…giờ…phút, ngày…/…/…';
const SHORT_DOTS = '…………';

function rowCells(row: ControlRowView, index: number): string[] {
  return [
    `${index}. Giao: ${row.from}\n${index + 1}. Nhận: ${row.to}`,
    `${row.at ?? BLANK_TIME}\nNgười giao: ${row.senderName ?? ''}\nNgười nhận: ${row.receiverName ?? ''}`,
    row.result === undefined ? '' : STEP_RESULT_LABELS[row.result],
    row.note ?? '',
  ];
}

export async function renderControlSlip(ctx: FormContext, vm: ControlSlipViewModel): Promise<Buffer> {
  const pdf = openForm(ctx, vm, `Mã hồ sơ ${vm.dossierCode}`);
  formHeading(pdf, ctx, vm);
  pdf.title(ctx.form.title);
  const top = pdf.y;
  const barcodeWidth = 130;
  const textWidth = pdf.contentWidth - barcodeWidth - 10;
  pdf.runs([{ text: 'Mã hồ sơ: ' }, { text: vm.dossierCode, bold: true }], { width: textWidth });
  pdf.runs([{ text: '(Kèm theo hồ sơ của: ' }, { text: vm.applicant.name, bold: true }, { text: ')' }], {
    width: textWidth,
  });
  await pdf.barcode(vm.dossierCode, { x: pdf.right - barcodeWidth, y: top, width: barcodeWidth, height: 22 });
  pdf.y = Math.max(pdf.y, top + 26);
  pdf.field('Số điện thoại', vm.applicant.phone);
  pdf.field('Nội dung yêu cầu giải quyết', vm.procedureName);
  pdf.field('Thời gian nhận hồ sơ', vm.receivedAt);
  pdf.field('Thời gian hẹn trả kết quả', vm.dueAt, { gapAfter: 4 });

  const rows = vm.rows.map((r, i) => rowCells(r, 2 * i + 1));
  for (let i = 0; i < (vm.blankRows ?? 0); i++) {
    const n = 2 * (vm.rows.length + i) + 1;
    rows.push([
      `${n}. Giao: ${SHORT_DOTS}\n${n + 1}. Nhận: ${SHORT_DOTS}`,
      `${BLANK_TIME}\nNgười giao:\nNgười nhận:`,
      '',
      '',
    ]);
  }
  pdf.table(
    [
      { header: 'TÊN CƠ QUAN', width: 30 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 36 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/Đúng hạn/Quá hạn)', width: 20, align: 'center' },
      { header: 'GHI CHÚ', width: 14 },
    ],
    rows,
    { minRowHeight: 58 },
  );
  return pdf.finish();
}
