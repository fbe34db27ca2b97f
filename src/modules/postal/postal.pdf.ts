/**
 * Printed papers of the postal work, on the documents module's PdfRenderer (DejaVu Sans, Code 128):
 *  - the courier's daily run sheet (bảng kê thu gom, phát): one block per item with the Code 128
 *    barcode of its tracking number, what to do, where, when, the cash to collect, and a signature line;
 *  - the hand-over manifest (biên bản giao nhận) between a counter and a courier: the items with
 *    their barcodes, the count, and both sides' confirmations and signatures.
 * Deterministic: the creation date is the business time passed in, never the clock.
 */
import { DOTS, formatPlaceDate, PdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import { formatLocalDateTime, localDateOf } from '../../kernel/local-date.ts';
import type { ItemView, ManifestView } from './postal.service.ts';
import { STATUS_LABELS } from './domain/tracking.ts';
import { formatVnd } from './format.ts';

const PARENT = 'BƯU ĐIỆN TỈNH GIA LAI';
const UNIT = 'DỊCH VỤ BƯU CHÍNH CÔNG ÍCH';

const LEG_TEXT = { pickup: 'Thu gom hồ sơ', delivery: 'Phát kết quả' } as const;
const BARCODE = { width: 165, height: 30 };

/** One item block: barcode and number on the left, the lines on the right. */
async function itemBlock(pdf: PdfRenderer, trackingNumber: string, lines: readonly string[]): Promise<void> {
  const textIndent = BARCODE.width + 12;
  const textWidth = pdf.contentWidth - textIndent;
  const height =
    Math.max(
      BARCODE.height + 14,
      lines.reduce((h, l) => h + pdf.measure(l, textWidth) + 1, 0),
    ) + 8;
  pdf.ensureSpace(height);
  const top = pdf.y;
  await pdf.barcode(trackingNumber, { x: pdf.left, y: top, width: BARCODE.width, height: BARCODE.height });
  pdf.caption(trackingNumber, {
    x: pdf.left,
    y: top + BARCODE.height + 2,
    width: BARCODE.width,
    bold: true,
    size: pdf.baseSize,
  });
  pdf.y = top;
  for (const line of lines) pdf.text(line, { indent: textIndent, width: textWidth, gapAfter: 1 });
  pdf.y = Math.max(pdf.y, top + BARCODE.height + 14) + 4;
  pdf.rule(pdf.contentWidth, { x: pdf.left, gapAfter: 6 });
}

export interface RunSheetModel {
  readonly courier: { readonly username: string; readonly name: string };
  readonly day: string;
  readonly printedAt: Date;
  readonly items: readonly ItemView[];
}

/** The courier's run sheet for a day (A4). Personal data: printed for the courier, the read is audited by the service. */
export async function renderRunSheet(vm: RunSheetModel): Promise<Buffer> {
  const pdf = PdfRenderer.create({
    size: 'A4',
    title: `Bảng kê ${vm.courier.username} ${vm.day}`,
    creationDate: vm.printedAt,
  });
  pdf.header({ parentAgency: PARENT, unit: UNIT, placeDate: formatPlaceDate('Gia Lai', vm.day) });
  pdf.title('BẢNG KÊ THU GOM HỒ SƠ VÀ PHÁT KẾT QUẢ', `Bưu tá: ${vm.courier.name} (${vm.courier.username})`);
  const pickups = vm.items.filter((i) => i.leg === 'pickup').length;
  const total = vm.items.reduce(
    (s, i) =>
      s +
      (['assigned', 'with_courier', 'out_for_delivery', 'attempt_failed'].includes(i.status)
        ? i.cashDueVnd
        : 0),
    0,
  );
  pdf.field('Số bưu gửi', `${vm.items.length} (thu gom: ${pickups}, phát: ${vm.items.length - pickups})`);
  pdf.field('Tổng số tiền phải thu', formatVnd(total), { gapAfter: 8 });
  for (const [i, item] of vm.items.entries()) {
    const who = item.address.contactName ?? item.applicant.fullName;
    const phone = item.address.phone ?? item.applicant.phone;
    await itemBlock(pdf, item.trackingNumber, [
      `${i + 1}. ${LEG_TEXT[item.leg]} — ${STATUS_LABELS[item.status].vi}`,
      `${item.procedure.name}${item.dossierCode ? ` · Mã hồ sơ ${item.dossierCode}` : ''}`,
      `Người ${item.leg === 'pickup' ? 'gửi' : 'nhận'}: ${who} · ĐT: ${phone}`,
      `Địa chỉ: ${item.address.text}`,
      item.window
        ? `Hẹn thu gom: ${item.window.from}–${item.window.to} ngày ${item.window.date.split('-').reverse().join('/')}`
        : `Bộ phận một cửa: ${item.servicePoint.name}`,
      `Thu: ${formatVnd(item.cashDueVnd)} (cước ${formatVnd(item.postageVnd)}${item.feesVnd ? `, phí ${formatVnd(item.feesVnd)}` : ''}${item.codVnd ? `, thu hộ ${formatVnd(item.codVnd)}` : ''}) · Lần phát: ${item.attempts}/${item.maxAttempts}`,
      `Ký nhận: ${DOTS}${DOTS}`,
    ]);
  }
  pdf.signatures([
    { title: 'BƯU TÁ', note: '(Ký và ghi rõ họ tên)', name: vm.courier.name },
    { title: 'KIỂM SOÁT VIÊN', note: '(Ký và ghi rõ họ tên)' },
  ]);
  return pdf.finish();
}

export interface ManifestModel {
  readonly manifest: ManifestView;
  /** Details of the items (no personal data): leg and dossier code. */
  readonly items: ReadonlyMap<
    string,
    {
      readonly leg: 'pickup' | 'delivery';
      readonly dossierCode: string | null;
      readonly procedureName: string;
    }
  >;
}

const sideName = (m: ManifestView, side: 'courier' | 'counter'): string =>
  side === 'courier'
    ? `Bưu tá ${m.courier.name}`
    : `${m.servicePoint.name}${m.clerk ? ` — ${m.clerk.name}` : ''}`;

const confirmation = (at: string | null, count: number, total: number): string =>
  at
    ? `Đã xác nhận ${count}/${total} bưu gửi lúc ${formatLocalDateTime(new Date(at))}`
    : `CHƯA XÁC NHẬN (${count}/${total})`;

/** The hand-over manifest (A4), with each side's confirmation as recorded. */
export async function renderManifest(vm: ManifestModel): Promise<Buffer> {
  const m = vm.manifest;
  const created = new Date(m.createdAt);
  const pdf = PdfRenderer.create({
    size: 'A4',
    title: `Biên bản giao nhận ${m.number}`,
    creationDate: created,
  });
  pdf.header({
    parentAgency: PARENT,
    unit: UNIT,
    documentNumber: m.number,
    placeDate: formatPlaceDate('Gia Lai', localDateOf(created)),
  });
  pdf.title(
    'BIÊN BẢN GIAO NHẬN HỒ SƠ, KẾT QUẢ',
    m.direction === 'to_counter' ? 'Bưu tá giao cho Bộ phận một cửa' : 'Bộ phận một cửa giao cho bưu tá',
  );
  pdf.field('Bên giao', sideName(m, m.giver.side));
  pdf.field('Bên nhận', sideName(m, m.receiver.side));
  pdf.field('Thời gian lập', formatLocalDateTime(created));
  pdf.field('Số lượng', `${m.itemCount} bưu gửi`);
  pdf.field('Bên giao', confirmation(m.giver.confirmedAt, m.giver.confirmedCount, m.itemCount));
  pdf.field('Bên nhận', confirmation(m.receiver.confirmedAt, m.receiver.confirmedCount, m.itemCount), {
    gapAfter: 8,
  });
  for (const [i, line] of m.items.entries()) {
    const d = vm.items.get(line.trackingNumber);
    await itemBlock(pdf, line.trackingNumber, [
      `${i + 1}. ${d ? LEG_TEXT[d.leg] : ''}${d?.dossierCode ? ` · Mã hồ sơ ${d.dossierCode}` : ''}`,
      d?.procedureName ?? '',
      `Giao: ${line.giverConfirmedAt ? formatLocalDateTime(new Date(line.giverConfirmedAt)) : 'chưa xác nhận'} · Nhận: ${line.receiverConfirmedAt ? formatLocalDateTime(new Date(line.receiverConfirmedAt)) : 'chưa xác nhận'}`,
    ]);
  }
  pdf.text(`Tổng cộng: ${m.itemCount} bưu gửi.`, { bold: true, gapAfter: 8 });
  pdf.signatures([
    {
      title: 'BÊN GIAO',
      note: '(Ký và ghi rõ họ tên)',
      name: m.giver.side === 'courier' ? m.courier.name : (m.clerk?.name ?? undefined),
    },
    {
      title: 'BÊN NHẬN',
      note: '(Ký và ghi rõ họ tên)',
      name: m.receiver.side === 'courier' ? m.courier.name : (m.clerk?.name ?? undefined),
    },
  ]);
  return pdf.finish();
}
