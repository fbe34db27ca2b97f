/**
 * The PdfRenderer on its own: Vietnamese text survives the round trip (embedded DejaVu, NFC),
 * tables wrap and break across pages with their header repeated, and the place-and-date line follows
 * the administrative convention.
 */
import { describe, expect, it } from 'vitest';
import { PdfRenderer, formatPlaceDate } from '../../src/adapters/pdf/pdf-renderer.ts';
import { pageSizes, pdfText } from './pdf-support.ts';

const CREATED = new Date('2022-09-14T01:30:00Z');

async function render(
  draw: (pdf: PdfRenderer) => void | Promise<void>,
  size: 'A4' | 'A5' = 'A5',
): Promise<Buffer> {
  const pdf = PdfRenderer.create({ size, title: 'Thử nghiệm', creationDate: CREATED });
  await draw(pdf);
  return pdf.finish();
}

describe('Vietnamese text', () => {
  const samples = [
    'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    'Nguyễn Thị Ánh Tuyết',
    'Đắk Đoa',
    'Rơ Châm H’Luyn, Ia Grai, Chư Păh',
  ];

  it('extracts exactly the NFC input, regular and bold', async () => {
    const text = await pdfText(
      await render((pdf) => {
        for (const s of samples) pdf.text(s);
        for (const s of samples) pdf.text(s, { bold: true });
      }),
    );
    for (const s of samples) expect(text.split(s).length - 1, s).toBe(2);
  });

  it('normalises decomposed (NFD) input to NFC', async () => {
    const nfd = 'Nguyễn Thị Ánh Tuyết'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Ánh Tuyết');
    const text = await pdfText(
      await render((pdf) => {
        pdf.field('Họ và tên', nfd);
        pdf.text(`Người nộp: ${nfd}`);
        pdf.table([{ header: 'Tên', width: 1 }], [[`Ô: ${nfd}`]]);
      }),
    );
    expect(text).toContain('Họ và tên: Nguyễn Thị Ánh Tuyết');
    expect(text).toContain('Người nộp: Nguyễn Thị Ánh Tuyết');
    expect(text).toContain('Ô: Nguyễn Thị Ánh Tuyết');
    expect(text).not.toContain(nfd);
  });
});

describe('tables', () => {
  it('wrap long cells and repeat the header on every page', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      String(i + 1),
      `Giấy tờ số ${i + 1}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở`,
      'Bản sao',
    ]);
    const pdf = await render((r) =>
      r.table(
        [
          { header: 'TT', width: 8 },
          { header: 'Tên giấy tờ kèm theo', width: 70 },
          { header: 'Hình thức', width: 22 },
        ],
        rows,
      ),
    );
    const pages = (await pageSizes(pdf)).length;
    expect(pages).toBeGreaterThan(2);
    const text = await pdfText(pdf);
    expect(text.split('Tên giấy tờ kèm theo').length - 1).toBe(pages);
    expect(text).toContain(
      'Giấy tờ số 60: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở',
    );
    expect(text).toContain(`Trang ${pages}/${pages}`);
  });

  it('print a grouped header over its columns and a column-number row', async () => {
    const text = await pdfText(
      await render(
        (r) =>
          r.table(
            [
              { header: 'STT', width: 1 },
              { header: 'Nhận hồ sơ', width: 2, group: 'Ngày, tháng, năm' },
              { header: 'Trả kết quả', width: 2, group: 'Ngày, tháng, năm' },
            ],
            [['1', '14/09/2022', '28/09/2022']],
            { numberRow: true },
          ),
        'A4',
      ),
    );
    expect(text.split('Ngày, tháng, năm').length - 1).toBe(1);
    expect(text).toMatch(/\(1\).*\(2\).*\(3\)/);
  });
});

describe('header and dates', () => {
  it('prints the national title, the unit and the place-and-date line', async () => {
    const text = await pdfText(
      await render((r) =>
        r.header({
          parentAgency: 'UBND TỈNH GIA LAI',
          unit: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
          documentNumber: '12/TTPVHCC',
          placeDate: formatPlaceDate('Gia Lai', '2025-02-05'),
        }),
      ),
    );
    for (const s of [
      'UBND TỈNH GIA LAI',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/TTPVHCC',
      'Gia Lai, ngày 05 tháng 02 năm 2025',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('pads days below 10 and the months 1 and 2 with a zero', () => {
    expect(formatPlaceDate('Gia Lai', '2025-02-05')).toBe('Gia Lai, ngày 05 tháng 02 năm 2025');
    expect(formatPlaceDate('Đắk Đoa', '2022-09-14')).toBe('Đắk Đoa, ngày 14 tháng 9 năm 2022');
    expect(formatPlaceDate('Pleiku', '2024-12-31')).toBe('Pleiku, ngày 31 tháng 12 năm 2024');
    expect(() => formatPlaceDate('Pleiku', '31/12/2024')).toThrow(RangeError);
  });
});
