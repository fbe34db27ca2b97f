/**
 * Every form of both sets renders, says what the dossier says (code, appointment, Vietnamese names
 * exactly as given), on the paper the set prescribes; the QR code on Mẫu 01 is the symbol of the
 * lookup URL; the set is chosen by the receipt date.
 */
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAPER_POINTS, QR_OPTIONS } from '../../src/adapters/pdf/pdf-renderer.ts';
import { isAppError } from '../../src/kernel/errors.ts';
import {
  FORM_SETS,
  type FormSetId,
  type FormViewModel,
  formDefinition,
  formFor,
  formSet,
  renderForm,
  renderFormFor,
} from '../../src/modules/documents/forms/index.ts';
import * as fx from './fixtures.ts';
import { decodePng, pageSizes, pdfImages, pdfText, sampleModules } from './pdf-support.ts';

const A5 = { width: PAPER_POINTS.A5[0], height: PAPER_POINTS.A5[1] };
const A4_LANDSCAPE = { width: PAPER_POINTS.A4[1], height: PAPER_POINTS.A4[0] };

/** The view model each kind is tested with, and what its PDF must say. */
const CASES: Record<FormViewModel['kind'], { vm: () => FormViewModel; says: string[] }> = {
  receipt: {
    vm: fx.receipt,
    says: [
      fx.CODE,
      fx.APPLICANT,
      fx.RECEIVED_AT,
      fx.DUE_AT,
      'Cấp bản sao trích lục khai sinh',
      '10 ngày làm việc',
      '8.000 đồng',
    ],
  },
  supplement: {
    vm: fx.supplement,
    says: [fx.CODE, fx.APPLICANT, fx.RECEIVED_AT, 'Chưa có chứng thực chữ ký của người ủy quyền'],
  },
  refusal: { vm: fx.refusal, says: [fx.CODE, fx.APPLICANT, 'đề nghị liên hệ nơi đã đăng ký khai sinh'] },
  apology: {
    vm: fx.apology,
    says: [fx.CODE, fx.APPLICANT, fx.DUE_AT, '16 giờ 00 phút, ngày 05/10/2022', 'Cần xác minh thông tin'],
  },
  stop: {
    vm: fx.stopProcessing,
    says: ['H21.65-250801-0004', fx.APPLICANT, 'Nghị định 118/2025/NĐ-CP', 'đề nghị dừng giải quyết hồ sơ'],
  },
  control: {
    vm: fx.controlSlip,
    says: [
      fx.CODE,
      fx.APPLICANT,
      fx.DUE_AT,
      'Trước hạn',
      'Đúng hạn',
      '1. Giao: Bộ phận TN&TKQ huyện Đắk Đoa',
      'Rơ Châm H’Luyn',
    ],
  },
  register: {
    vm: () => fx.register(3),
    says: ['H21.65-220914-0001', 'H21.65-220914-0003', fx.APPLICANT, '14/09/2022'],
  },
};

interface Rendered {
  readonly setId: FormSetId;
  readonly no: string;
  readonly kind: FormViewModel['kind'];
  readonly title: string;
  readonly paper: string;
  readonly text: string;
  readonly sizes: { width: number; height: number }[];
}

const rendered: Rendered[] = [];

beforeAll(async () => {
  for (const set of FORM_SETS) {
    for (const form of set.forms) {
      const pdf = await renderForm(set.id, form.no, CASES[form.kind].vm());
      rendered.push({
        setId: set.id,
        no: form.no,
        kind: form.kind,
        title: form.title,
        paper: form.paper,
        text: await pdfText(pdf),
        sizes: await pageSizes(pdf),
      });
    }
  }
});

describe('every form of both sets', () => {
  it('renders all 13 forms (6 of 2018, 7 of 2025)', () => {
    expect(rendered.filter((r) => r.setId === 'TT01/2018').map((r) => r.no)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
    ]);
    expect(rendered.filter((r) => r.setId === 'ND118/2025').map((r) => r.no)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
    ]);
  });

  it('prints the title, the form number and the content of the view model, exactly', () => {
    for (const r of rendered) {
      expect(r.text, `${r.setId} ${r.no}`).toContain(r.title);
      expect(r.text, `${r.setId} ${r.no}`).toContain(`Mẫu số ${r.no}`);
      for (const phrase of CASES[r.kind].says)
        expect(r.text, `${r.setId} ${r.no}: ${phrase}`).toContain(phrase);
    }
  });

  it('puts the place of the unit in the date line and the header lines', () => {
    const receipt = rendered.find((r) => r.setId === 'TT01/2018' && r.no === '01');
    expect(receipt?.text).toContain('Đắk Đoa, ngày 14 tháng 9 năm 2022');
    expect(receipt?.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(receipt?.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(receipt?.text).toContain('Số: 125/TN&TKQ');
  });

  it('prints slips on A5 portrait and the register on A4 landscape', () => {
    for (const r of rendered) {
      const expected = r.paper === 'A5' ? A5 : A4_LANDSCAPE;
      expect(r.sizes.length, `${r.setId} ${r.no}`).toBeGreaterThan(0);
      for (const size of r.sizes) {
        expect(size.width, `${r.setId} ${r.no}`).toBeCloseTo(expected.width, 1);
        expect(size.height, `${r.setId} ${r.no}`).toBeCloseTo(expected.height, 1);
      }
    }
    expect(A5).toEqual({ width: 419.53, height: 595.28 });
  });

  it('fits the 2018 slips (01–05) on one A5 page', () => {
    for (const r of rendered.filter((x) => x.setId === 'TT01/2018' && x.kind !== 'register')) {
      expect(r.sizes, `${r.no}`).toHaveLength(1);
    }
  });

  it('words form 04 by set: a new return date in 2018, an extension request in 2025', () => {
    const f2018 = rendered.find((r) => r.setId === 'TT01/2018' && r.no === '04');
    const f2025 = rendered.find((r) => r.setId === 'ND118/2025' && r.no === '04');
    expect(f2018?.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(f2018?.text).toContain('Thời gian hẹn trả kết quả mới');
    expect(f2025?.text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(f2025?.text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến');
  });

  it('does not print the unverified 2025 circular number on the paper', () => {
    for (const r of rendered.filter((x) => x.setId === 'ND118/2025')) expect(r.text).not.toContain('03/2025');
    for (const r of rendered.filter((x) => x.setId === 'TT01/2018'))
      expect(r.text).toContain('TT 01/2018/TT-VPCP');
  });
});

describe('Mẫu 01 codes', () => {
  it('embeds the QR code of the lookup URL, module for module, and a barcode', async () => {
    const pdf = await renderForm('TT01/2018', '01', fx.receipt());
    const images = await pdfImages(pdf);
    expect(images).toHaveLength(2);
    const qr = images.find((i) => i.width === i.height);
    const barcode = images.find((i) => i.width > 3 * i.height);
    expect(qr).toBeDefined();
    expect(barcode).toBeDefined();
    const symbol = QRCode.create(fx.LOOKUP_URL, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
    const expected = Array.from(symbol.modules.data, (b) => (b ? 1 : 0));
    const embedded = sampleModules(
      decodePng(qr?.png ?? new Uint8Array()),
      symbol.modules.size,
      QR_OPTIONS.margin,
    );
    expect(embedded).toEqual(expected);
    // …and it is not the symbol of another URL.
    const other = QRCode.create(`${fx.LOOKUP_URL}x`, {
      errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel,
    });
    expect(embedded).not.toEqual(Array.from(other.modules.data, (b) => (b ? 1 : 0)));
  });

  it('has no QR code when there is no lookup URL', async () => {
    const { lookupUrl: _omit, ...vm } = fx.receipt();
    const images = await pdfImages(await renderForm('TT01/2018', '01', vm));
    expect(images.filter((i) => i.width === i.height)).toHaveLength(0);
  });

  it('prints dotted blanks for missing values rather than "undefined"', async () => {
    const { register: _r, applicant, ...rest } = fx.receipt();
    const text = await pdfText(
      await renderForm('TT01/2018', '01', { ...rest, applicant: { name: applicant.name } }),
    );
    expect(text).not.toContain('undefined');
    expect(text).toContain('Quyển số: ……');
  });
});

describe('output', () => {
  it('is byte-for-byte the same for the same view model (CreationDate comes from the input)', async () => {
    // Rendered concurrently, as the server does: an image embedded asynchronously (pdfkit does that
    // for PNGs with alpha) would let the object order in the file depend on timing.
    const renders = await Promise.all(
      Array.from({ length: 8 }, () => renderForm('TT01/2018', '01', fx.receipt())),
    );
    const [a] = renders;
    if (a === undefined) throw new Error('no render');
    // pdfkit names embedded font subsets with a per-process counter-based tag (e.g. /BZZZZZ+DejaVuSans);
    // everything else must be identical.
    const stable = (pdf: Buffer) => pdf.toString('latin1').replace(/\/[A-Z]{6}\+/g, '/TAG+');
    for (const other of renders) expect(stable(other) === stable(a)).toBe(true);
    // The cause, checked directly: no image carries a soft mask (an alpha channel).
    expect(a.toString('latin1')).toContain('/Subtype /Image');
    expect(a.toString('latin1')).not.toContain('/SMask');
    const c = await renderForm('TT01/2018', '01', {
      ...fx.receipt(),
      generatedAt: '2022-09-14T01:31:00.000Z',
    });
    expect(a.equals(c)).toBe(false);
    expect(a.toString('latin1')).toContain('(D:20220914013000Z)');
  });

  it('embeds the DejaVu fonts (no standard 14 font, which cannot show Vietnamese)', async () => {
    const raw = (await renderForm('TT01/2018', '01', fx.receipt())).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times-Roman|Courier)/);
  });

  it('runs a long register over pages, numbering them and repeating the header', async () => {
    const pdf = await renderForm('TT01/2018', '06', fx.register(40));
    const sizes = await pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(2);
    const text = await pdfText(pdf);
    expect(text).toContain(`Trang 1/${sizes.length}`);
    expect(text).toContain(`Trang ${sizes.length}/${sizes.length}`);
    expect(text.split('Cơ quan chủ trì giải quyết').length - 1).toBe(sizes.length);
    expect(text).toContain('H21.65-220914-0040');
  });
});

describe('form registry', () => {
  it('chooses the set by the receipt date, with 1 July 2025 as the switch', () => {
    expect(formSet('2019-01-06').id).toBe('TT01/2018');
    expect(formSet('2025-06-30').id).toBe('TT01/2018');
    expect(formSet('2025-07-01').id).toBe('ND118/2025');
    expect(formSet('2031-12-31').id).toBe('ND118/2025');
  });

  it('refuses dates before TT 01/2018 took effect, and non-dates', () => {
    expect(() => formSet('2019-01-05')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_FORM_SET_NOT_FOUND' }),
    );
    expect(() => formSet('2025-02-30')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('knows number, title and paper of each form; the control slip moves from 05 to 06', () => {
    expect(formDefinition('TT01/2018', '05')).toMatchObject({ kind: 'control', paper: 'A5' });
    expect(formDefinition('ND118/2025', '05')).toMatchObject({
      kind: 'stop',
      title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
    });
    expect(formDefinition('ND118/2025', '6')).toMatchObject({ kind: 'control' });
    expect(formFor('2022-09-14', 'register')).toMatchObject({
      setId: 'TT01/2018',
      no: '06',
      paper: 'A4',
      orientation: 'landscape',
    });
    expect(formFor('2025-07-01', 'register')).toMatchObject({ setId: 'ND118/2025', no: '07', paper: 'A4' });
    expect(() => formFor('2022-09-14', 'stop')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_FORM_NOT_FOUND' }),
    );
    expect(() => formDefinition('TT01/2018', '07')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_FORM_NOT_FOUND' }),
    );
  });

  it('refuses a view model of another kind than the form number asked for', async () => {
    const error: unknown = await renderForm('ND118/2025', '05', fx.controlSlip()).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('DOCUMENT_FORM_MISMATCH');
    expect(isAppError(error) && error.status).toBe(500);
    await expect(renderForm('ND118/2025', '06', fx.controlSlip())).resolves.toBeInstanceOf(Buffer);
  });

  it('renderFormFor picks the form number from the receipt date', async () => {
    const early = await renderFormFor('2022-09-14', fx.controlSlip());
    const late = await renderFormFor('2025-08-01', fx.in2025(fx.controlSlip()));
    expect(early.form.no).toBe('05');
    expect(late.form.no).toBe('06');
    expect(await pdfText(late.pdf)).toContain('Mẫu số 06');
  });
});
