/**
 * Sổ theo dõi hồ sơ — Mẫu 06 (2018) / 07 (2025), A4 landscape. Columns as DOMAIN.md §1.3 lists them
 * ([M]): the five date columns share a "Ngày, tháng, năm" header, and a "(1) … (14)" row numbers the
 * columns as Vietnamese registers do. Long registers run over pages with the header repeated.
 */
import { PdfRenderer, type TableColumn } from '../../../adapters/pdf/pdf-renderer.ts';
import { type FormContext, formNumberLine } from './common.ts';
import { localDateTimeText } from './format.ts';
import type { LocalDateTime, RegisterRowView, RegisterViewModel } from './view-models.ts';

const DATE_GROUP = 'Ngày, tháng, năm';

/** The register's columns, shared by the PDF and the XLSX export. */
export const REGISTER_COLUMNS: readonly TableColumn[] = [
  { header: 'STT', width: 22, align: 'center' },
  { header: 'Mã hồ sơ', width: 88 },
  { header: 'Tên TTHC', width: 100 },
  { header: 'Số lượng hồ sơ (bộ)', width: 32, align: 'center' },
  { header: 'Tên cá nhân, tổ chức', width: 74 },
  { header: 'Địa chỉ, số điện thoại', width: 84 },
  { header: 'Cơ quan chủ trì giải quyết', width: 64 },
  { header: 'Nhận hồ sơ', width: 48, align: 'center', group: DATE_GROUP },
  { header: 'Hẹn trả kết quả', width: 48, align: 'center', group: DATE_GROUP },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 48, align: 'center', group: DATE_GROUP },
  { header: 'Có kết quả giải quyết', width: 48, align: 'center', group: DATE_GROUP },
  { header: 'Trả kết quả', width: 48, align: 'center', group: DATE_GROUP },
  { header: 'Ký nhận', width: 38 },
  { header: 'Ghi chú', width: 44 },
];

/** A date cell: date over time. Absent and empty values (a step not reached) print blank. */
const when = (value: LocalDateTime | undefined): string =>
  value === undefined || value === '' ? '' : localDateTimeText(value).replace(' ', '\n');

/** "Địa chỉ, số điện thoại" as printed: both, one or neither. */
export function addressAndPhone(row: RegisterRowView): string {
  return [row.address, row.phone].filter((v): v is string => v !== undefined && v !== '').join(', ');
}

export async function renderRegister(ctx: FormContext, vm: RegisterViewModel): Promise<Buffer> {
  const creationDate = new Date(vm.generatedAt);
  if (Number.isNaN(creationDate.getTime()))
    throw new RangeError(`generatedAt is not an instant: ${vm.generatedAt}`);
  const pdf = PdfRenderer.create({
    size: ctx.form.paper,
    orientation: ctx.form.orientation,
    title: `Mẫu số ${ctx.form.no} – ${ctx.form.title}`,
    subject: vm.issuer.unit,
    creationDate,
    fontSize: 8.5,
    margins: { top: 28, bottom: 30, left: 28, right: 28 },
  });
  const top = pdf.y;
  pdf.caption(formNumberLine(ctx), { x: pdf.left, y: top, width: pdf.contentWidth, align: 'right', size: 7 });
  if (vm.issuer.parentAgency !== undefined)
    pdf.text(vm.issuer.parentAgency, { width: 260, align: 'center', gapAfter: 0 });
  pdf.text(vm.issuer.unit, { bold: true, width: 260, align: 'center', gapAfter: 6 });
  pdf.title(
    ctx.form.title,
    [vm.bookNo === undefined ? undefined : `Quyển số: ${vm.bookNo}`, vm.period]
      .filter((v) => v !== undefined)
      .join(' — ') || undefined,
  );
  pdf.table(
    REGISTER_COLUMNS,
    vm.rows.map((r) => [
      String(r.sequence),
      r.dossierCode,
      r.procedureName,
      String(r.setCount),
      r.applicantName,
      addressAndPhone(r),
      r.leadAgency,
      when(r.receivedAt),
      when(r.dueAt),
      when(r.forwardedAt),
      when(r.resultAt),
      when(r.returnedAt),
      r.signedBy ?? '',
      r.note ?? '',
    ]),
    { numberRow: true, fontSize: 7, padding: 2.5, minRowHeight: 22 },
  );
  return pdf.finish();
}
