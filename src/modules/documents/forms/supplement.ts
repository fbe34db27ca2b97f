/**
 * Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5). The counter may ask for more documents only
 * once ("hướng dẫn một lần", ND 61/2018), so the slip lists every item with its reason in one table.
 * Field list: DOMAIN.md §1.3 [M].
 */
import { applicantLines, type FormContext, formHeading, openForm, signature } from './common.ts';
import type { SupplementViewModel } from './view-models.ts';

export async function renderSupplement(ctx: FormContext, vm: SupplementViewModel): Promise<Buffer> {
  const pdf = openForm(
    ctx,
    vm,
    vm.dossierCode === undefined ? 'Yêu cầu bổ sung hồ sơ' : `Mã hồ sơ ${vm.dossierCode}`,
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
  if (vm.receivedAt !== undefined) pdf.field('Thời gian nhận hồ sơ', vm.receivedAt);
  pdf.moveDown(2);
  pdf.text(
    'Sau khi xem xét, đối chiếu thành phần hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
    {
      align: 'justify',
    },
  );
  if (vm.reason !== undefined) pdf.field('Lý do', vm.reason, { align: 'justify' });
  // A "Lý do" column only when items carry their own reasons.
  const perItemReasons = vm.items.some((it) => it.reason !== undefined && it.reason !== '');
  pdf.table(
    perItemReasons
      ? [
          { header: 'TT', width: 6, align: 'center' },
          { header: 'Nội dung cần bổ sung, hoàn thiện', width: 50 },
          { header: 'Lý do', width: 44 },
        ]
      : [
          { header: 'TT', width: 6, align: 'center' },
          { header: 'Nội dung cần bổ sung, hoàn thiện', width: 94 },
        ],
    vm.items.map((it, i) =>
      perItemReasons ? [String(i + 1), it.item, it.reason ?? ''] : [String(i + 1), it.item],
    ),
  );
  pdf.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${vm.contact ?? '……………………'} để được hướng dẫn.`,
    { align: 'justify', gapAfter: 8 },
  );
  pdf.signatures([signature(vm.signer, 'NGƯỜI HƯỚNG DẪN')]);
  return pdf.finish();
}
