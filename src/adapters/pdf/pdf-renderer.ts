/**
 * A small PDF layout helper over pdfkit, for the one-stop forms (biểu mẫu) MotCua prints.
 *
 * Why a wrapper at all: pdfkit is a low-level canvas (place text at x/y, draw lines). The forms need
 * the same few things again and again — the Vietnamese administrative header, labelled lines,
 * tables whose cells wrap and whose header repeats after a page break, signature blocks, a QR code
 * and a barcode — and they need them to behave identically on every form. Keeping pdfkit behind this
 * class also keeps it out of the form renderers, which only describe content.
 *
 * Fonts: the 14 standard PDF fonts cannot show Vietnamese (they are WinAnsi-encoded), so DejaVu Sans
 * regular and bold are embedded as subsets. Every string is NFC-normalised before layout, so text
 * extracted from the PDF equals the NFC input ("Nguyễn Thị Ánh Tuyết", "Đắk Đoa").
 *
 * Determinism: the PDF's CreationDate comes from the caller (pdfkit would use the clock), and the
 * document ID pdfkit derives from the info dictionary is therefore stable too. Two renders of the same
 * input produce the same bytes, which the tests rely on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { flattenPng } from './png.ts';
import { nfc } from '../../kernel/text/normalize.ts';

/** Paper sizes used by the forms: A5 for the slips, A4 for the register (TT 01/2018). */
export type PaperSize = 'A4' | 'A5';
export type Orientation = 'portrait' | 'landscape';

/** Portrait width × height in PDF points (1/72 in), as pdfkit defines them. */
export const PAPER_POINTS: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
};

/**
 * QR code settings. Error correction M survives a scuffed or folded slip; the PNG has a 1-module
 * border and the layout leaves white space around it. Exported so tests can rebuild the matrix.
 */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 1, scale: 4 } as const;

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface PdfOptions {
  readonly size: PaperSize;
  readonly orientation?: Orientation;
  /** Document title (PDF metadata, shown by viewers instead of the file name). */
  readonly title: string;
  readonly subject?: string;
  /** Fixed creation date: pass the business time of the document, never the clock, for stable output. */
  readonly creationDate: Date;
  /** Base font size in points. Defaults to 8.5 on A5 (DejaVu Sans is wide) and 9.5 on A4. */
  readonly fontSize?: number;
  readonly margins?: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
  };
}

export interface TextStyle {
  readonly bold?: boolean;
  readonly size?: number;
  readonly align?: Align;
  /** Offset from the left content edge. */
  readonly indent?: number;
  /** Width of the text box; defaults to the rest of the content width after `indent`. */
  readonly width?: number;
  /** Space after the paragraph, in points. Defaults to 2. */
  readonly gapAfter?: number;
  readonly underline?: boolean;
  /** Break a heading that needs two lines into two lines of similar length. */
  readonly balance?: boolean;
}

/** One run of a mixed-style line (e.g. a regular label followed by a bold value). */
export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
}

/**
 * The two-column header of Vietnamese administrative documents (layout of Nghị định 30/2020/NĐ-CP,
 * as used by the forms of TT 01/2018/TT-VPCP): issuing body on the left, national title on the right.
 */
export interface HeaderBlock {
  /** Upper line on the left: the governing body, e.g. "UBND TỈNH GIA LAI". */
  readonly parentAgency?: string;
  /** Lower, bold line on the left: e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG". */
  readonly unit: string;
  /** Text after "Số: ". When absent, a dotted blank is printed to be filled by hand. */
  readonly documentNumber?: string;
  /** Full place-and-date line, e.g. "Gia Lai, ngày 14 tháng 9 năm 2022" (see formatPlaceDate). */
  readonly placeDate?: string;
  /** Left column width as a share of the content width (default 0.42). */
  readonly leftShare?: number;
}

export interface TableColumn {
  readonly header: string;
  /** Relative width; the widths are scaled to the content width. */
  readonly width: number;
  readonly align?: Align;
  /** Columns with the same consecutive `group` get a shared header cell above their own. */
  readonly group?: string;
}

export interface TableOptions {
  readonly fontSize?: number;
  /** Print a row "(1) (2) …" under the header, as Vietnamese registers do. */
  readonly numberRow?: boolean;
  readonly padding?: number;
  readonly minRowHeight?: number;
}

/** One signature column: "NGƯỜI NỘP HỒ SƠ / (Ký và ghi rõ họ tên) / … / Nguyễn Văn A". */
export interface SignatureBlock {
  readonly title: string;
  readonly note?: string;
  readonly name?: string;
  /** Line above the title, e.g. the place-and-date line or "KT. GIÁM ĐỐC". */
  readonly above?: string;
}

export const DOTS = '……………………';

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | undefined;

/** DejaVu Sans regular and bold, read once from the `dejavu-fonts-ttf` package. */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontCache;
}

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const LINE_WIDTH = 0.5;

/** The QR code of `text` as an opaque greyscale PNG (see png.ts for why), with the settings in QR_OPTIONS. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png' }).then(flattenPng);
}

/** A Code 128 barcode of `text` as a PNG (no human-readable line: the forms print the code as text). */
export function code128Png(text: string): Promise<Buffer> {
  return bwipjs
    .toBuffer({ bcid: 'code128', text, scale: 3, height: 8, includetext: false, paddingwidth: 0 })
    .then(flattenPng);
}

export class PdfRenderer {
  readonly #doc: PDFKit.PDFDocument;
  readonly #done: Promise<Buffer>;
  readonly #baseSize: number;
  /** A right-hand box (e.g. a QR code) that paragraphs flow beside until y passes its bottom. */
  #float: { bottom: number; width: number } | undefined;

  private constructor(options: PdfOptions) {
    const margins =
      options.margins ??
      (options.size === 'A5'
        ? { top: 24, bottom: 28, left: 30, right: 30 }
        : { top: 30, bottom: 34, left: 36, right: 36 });
    this.#baseSize = options.fontSize ?? (options.size === 'A5' ? 8.5 : 9.5);
    this.#doc = new PDFDocument({
      size: options.size,
      layout: options.orientation ?? 'portrait',
      margins,
      bufferPages: true,
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: nfc(options.title),
        ...(options.subject === undefined ? {} : { Subject: nfc(options.subject) }),
        Creator: 'MotCua',
        Producer: 'MotCua (PDFKit)',
        CreationDate: options.creationDate,
      },
    });
    const chunks: Buffer[] = [];
    this.#doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.#done = new Promise((resolve, reject) => {
      this.#doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.#doc.on('error', reject);
    });
    const f = fonts();
    this.#doc.registerFont(REGULAR, f.regular);
    this.#doc.registerFont(BOLD, f.bold);
    this.#doc.font(REGULAR).fontSize(this.#baseSize).lineGap(1);
  }

  static create(options: PdfOptions): PdfRenderer {
    return new PdfRenderer(options);
  }

  // ------------------------------------------------------------------ geometry

  get left(): number {
    return this.#doc.page.margins.left;
  }
  get contentWidth(): number {
    return this.#doc.page.width - this.#doc.page.margins.left - this.#doc.page.margins.right;
  }
  get right(): number {
    return this.left + this.contentWidth;
  }
  /** The y where usable space ends on the current page. */
  get bottom(): number {
    return this.#doc.page.height - this.#doc.page.margins.bottom;
  }
  get top(): number {
    return this.#doc.page.margins.top;
  }
  get y(): number {
    return this.#doc.y;
  }
  set y(value: number) {
    this.#doc.y = value;
  }
  get baseSize(): number {
    return this.#baseSize;
  }

  moveDown(points: number): void {
    this.#doc.y += points;
  }

  /** Starts a new page when fewer than `height` points remain on this one. */
  ensureSpace(height: number): void {
    if (this.#doc.y + height > this.bottom && this.#doc.y > this.top + 1) this.addPage();
  }

  addPage(): void {
    this.#float = undefined;
    this.#doc.addPage();
    this.#doc.x = this.left;
    this.#doc.y = this.top;
  }

  /**
   * Reserves `width` points on the right from the current y down to `bottom` (an image placed
   * there): paragraphs started above `bottom` are narrowed, tables and signatures start below it.
   */
  floatRight(width: number, bottom: number): void {
    this.#float = { width, bottom };
  }

  /** Default paragraph width at the current y, after `indent` and any float. */
  #flowWidth(indent: number): number {
    const f = this.#float;
    const narrowed = f !== undefined && this.#doc.y < f.bottom ? f.width : 0;
    return this.contentWidth - indent - narrowed;
  }

  /** Moves below the float, for content that needs the full width. */
  clearFloat(): void {
    if (this.#float !== undefined) this.#doc.y = Math.max(this.#doc.y, this.#float.bottom);
    this.#float = undefined;
  }

  #font(bold: boolean | undefined, size: number | undefined): void {
    this.#doc.font(bold === true ? BOLD : REGULAR).fontSize(size ?? this.#baseSize);
  }

  /**
   * Breaks a centred heading that does not fit on one line into two lines of similar length, so
   * "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" never leaves "QUẢ" alone on the second line. Uses the
   * current font; text that needs three lines or more is left to the normal wrapping.
   */
  #balanced(text: string, width: number): string {
    if (text.includes('\n') || this.#doc.widthOfString(text) <= width) return text;
    const words = text.split(' ');
    let best: { text: string; widest: number } | undefined;
    for (let i = 1; i < words.length; i++) {
      const a = words.slice(0, i).join(' ');
      const b = words.slice(i).join(' ');
      const widest = Math.max(this.#doc.widthOfString(a), this.#doc.widthOfString(b));
      if (widest <= width && (best === undefined || widest < best.widest))
        best = { text: `${a}\n${b}`, widest };
    }
    return best?.text ?? text;
  }

  /**
   * Height of `text` in `width` with the current font. Hard line breaks are measured line by line:
   * pdfkit counts the "\n" as part of the last word, so a line that nearly fills the width followed
   * by a break wraps into an extra empty line.
   */
  #heightOf(text: string, width: number): number {
    return text
      .split('\n')
      .reduce((sum, line) => sum + this.#doc.heightOfString(line === '' ? ' ' : line, { width }), 0);
  }

  /** Draws `text` line by line at (x, y) (see #heightOf) and returns its height. */
  #drawLines(
    text: string,
    x: number,
    y: number,
    options: { width: number; align: Align; clip?: boolean },
  ): number {
    let at = y;
    for (const line of text.split('\n')) {
      const h = this.#doc.heightOfString(line === '' ? ' ' : line, { width: options.width });
      if (line !== '') {
        this.#doc.text(line, x, at, {
          width: options.width,
          align: options.align,
          ...(options.clip === true ? { height: h + 1 } : {}),
        });
      }
      at += h;
    }
    return at - y;
  }

  /** Height `text` would take in `width` with the given style (no drawing). */
  measure(text: string, width: number, style: { bold?: boolean; size?: number } = {}): number {
    this.#font(style.bold, style.size);
    return this.#heightOf(nfc(text), width);
  }

  // ------------------------------------------------------------------ text

  /**
   * A paragraph at the current y. Moves to a new page first when it would not fit but would fit on
   * an empty page; longer paragraphs flow across pages.
   */
  text(text: string, style: TextStyle = {}): void {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.#flowWidth(indent);
    this.#font(style.bold, style.size);
    const value = style.balance === true ? this.#balanced(nfc(text), width) : nfc(text);
    const height = this.measure(value, width, style);
    if (height <= this.bottom - this.top) this.ensureSpace(height);
    this.#font(style.bold, style.size);
    // Line by line, for the reason given at #heightOf; each line may still flow onto a new page.
    for (const line of value.split('\n')) {
      this.#doc.text(line === '' ? ' ' : line, this.left + indent, this.#doc.y, {
        width,
        align: style.align ?? 'left',
        underline: style.underline ?? false,
      });
    }
    this.#doc.x = this.left;
    this.#doc.y += style.gapAfter ?? 2;
  }

  /** A line of runs with mixed weights, wrapping as one paragraph (e.g. "Mã hồ sơ: " + bold code). */
  runs(runs: readonly TextRun[], style: Omit<TextStyle, 'bold' | 'underline'> = {}): void {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.#flowWidth(indent);
    const parts = runs.filter((r) => r.text.length > 0);
    if (parts.length === 0) return;
    // Measure with the bold face, which is wider: a safe upper bound for the page-break check.
    const height = this.measure(parts.map((r) => r.text).join(''), width, {
      bold: true,
      size: style.size ?? this.#baseSize,
    });
    if (height <= this.bottom - this.top) this.ensureSpace(height);
    // pdfkit mis-places centred `continued` runs, so a centred line that fits is placed by hand.
    if (style.align === 'center') {
      const widths = parts.map((run) => {
        this.#font(run.bold, style.size);
        return this.#doc.widthOfString(nfc(run.text));
      });
      const total = widths.reduce((a, w) => a + w, 0);
      if (total <= width) {
        let x = this.left + indent + (width - total) / 2;
        const y = this.#doc.y;
        parts.forEach((run, i) => {
          this.#font(run.bold, style.size);
          this.#doc.text(nfc(run.text), x, y, { lineBreak: false });
          x += widths[i] ?? 0;
        });
        this.#font(true, style.size);
        this.#doc.x = this.left;
        this.#doc.y = y + this.#doc.currentLineHeight(true) + (style.gapAfter ?? 2);
        return;
      }
    }
    parts.forEach((run, i) => {
      this.#font(run.bold, style.size);
      const continued = i < parts.length - 1;
      const value = nfc(run.text);
      if (i === 0) {
        const align = style.align === 'center' ? 'left' : (style.align ?? 'left');
        this.#doc.text(value, this.left + indent, this.#doc.y, { width, align, continued });
      } else {
        this.#doc.text(value, { continued });
      }
    });
    this.#doc.x = this.left;
    this.#doc.y += style.gapAfter ?? 2;
  }

  /** "Label: value" with the value in bold, or a dotted blank when the value is missing. */
  field(
    label: string,
    value: string | number | undefined | null,
    style: Omit<TextStyle, 'bold' | 'underline'> = {},
  ): void {
    const shown = value === undefined || value === null || value === '' ? DOTS : String(value);
    this.runs([{ text: `${label}: ` }, { text: shown, bold: shown !== DOTS }], style);
  }

  /** A horizontal line across `width` (centred on the content area by default). */
  rule(width: number, options: { x?: number; gapAfter?: number } = {}): void {
    const x = options.x ?? this.left + (this.contentWidth - width) / 2;
    const y = this.#doc.y;
    this.#doc
      .save()
      .lineWidth(LINE_WIDTH)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
    this.#doc.y = y + (options.gapAfter ?? 2);
  }

  // ------------------------------------------------------------------ header

  /**
   * The administrative header. Left: governing body, unit (bold, with a short rule under it),
   * "Số: …". Right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc" with a rule
   * of its own width, then the place-and-date line. "Số" and the date share a baseline, as on paper.
   */
  header(block: HeaderBlock): void {
    const doc = this.#doc;
    const size = this.#baseSize - 0.5;
    const gutter = 6;
    const leftWidth = this.contentWidth * (block.leftShare ?? 0.42);
    const rightWidth = this.contentWidth - leftWidth - gutter;
    const rightX = this.left + leftWidth + gutter;
    const top = doc.y;

    // Left column
    let y = top;
    const drawCentered = (text: string, x: number, width: number, bold: boolean): number => {
      this.#font(bold, size);
      const value = this.#balanced(nfc(text), width);
      const h = this.#drawLines(value, x, y, { width, align: 'center', clip: true });
      y += h;
      return h;
    };
    if (block.parentAgency !== undefined && block.parentAgency !== '')
      drawCentered(block.parentAgency, this.left, leftWidth, false);
    drawCentered(block.unit, this.left, leftWidth, true);
    const unitRuleWidth = Math.min(leftWidth * 0.4, 60);
    y += 2;
    doc
      .save()
      .lineWidth(LINE_WIDTH)
      .moveTo(this.left + (leftWidth - unitRuleWidth) / 2, y)
      .lineTo(this.left + (leftWidth + unitRuleWidth) / 2, y)
      .stroke()
      .restore();
    const leftBottom = y + 4;

    // Right column
    y = top;
    drawCentered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightWidth, true);
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    this.#font(true, size);
    const mottoWidth = Math.min(doc.widthOfString(motto), rightWidth);
    drawCentered(motto, rightX, rightWidth, true);
    y += 1;
    doc
      .save()
      .lineWidth(LINE_WIDTH)
      .moveTo(rightX + (rightWidth - mottoWidth) / 2, y)
      .lineTo(rightX + (rightWidth + mottoWidth) / 2, y)
      .stroke()
      .restore();
    const rightBottom = y + 4;

    // "Số: …" and the place/date line on one baseline under the taller column.
    y = Math.max(leftBottom, rightBottom) + 2;
    const lineTop = y;
    drawCentered(`Số: ${block.documentNumber ?? DOTS}`, this.left, leftWidth, false);
    const leftEnd = y;
    y = lineTop;
    drawCentered(block.placeDate ?? `${DOTS}, ngày … tháng … năm …`, rightX, rightWidth, false);
    doc.x = this.left;
    doc.y = Math.max(leftEnd, y) + 8;
  }

  /** A centred bold title, optionally followed by a regular subtitle line. */
  title(title: string, subtitle?: string): void {
    this.text(title, {
      bold: true,
      size: this.#baseSize + 2,
      align: 'center',
      balance: true,
      gapAfter: subtitle === undefined ? 8 : 1,
    });
    if (subtitle !== undefined) this.text(subtitle, { align: 'center', gapAfter: 8 });
  }

  // ------------------------------------------------------------------ table

  /**
   * A bordered table with wrapping cells. Rows never split: a row that does not fit moves to the next
   * page, where the header is drawn again. Grouped columns get a shared header cell (the register's
   * "Ngày, tháng, năm" over five date columns).
   */
  table(
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
    options: TableOptions = {},
  ): void {
    this.clearFloat();
    const doc = this.#doc;
    const size = options.fontSize ?? this.#baseSize - 0.5;
    const pad = options.padding ?? 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const cellHeight = (text: string, width: number, bold: boolean): number =>
      this.measure(text, width - 2 * pad, { bold, size }) + 2 * pad;

    // Group spans: consecutive columns sharing `group`.
    interface Span {
      label: string;
      from: number;
      to: number;
    }
    const spans: Span[] = [];
    columns.forEach((c, i) => {
      if (c.group === undefined) return;
      const last = spans.at(-1);
      if (last !== undefined && last.label === c.group && last.to === i - 1) last.to = i;
      else spans.push({ label: c.group, from: i, to: i });
    });
    const spanWidth = (s: Span): number => widths.slice(s.from, s.to + 1).reduce((a, w) => a + w, 0);
    const h1 =
      spans.length === 0 ? 0 : Math.max(...spans.map((s) => cellHeight(s.label, spanWidth(s), true)));
    let h2 = Math.max(
      ...columns.map((c, i) => (c.group === undefined ? 0 : cellHeight(c.header, widths[i] ?? 0, true))),
      0,
    );
    for (const [i, c] of columns.entries()) {
      if (c.group === undefined) h2 = Math.max(h2, cellHeight(c.header, widths[i] ?? 0, true) - h1);
    }
    const numberRowHeight = options.numberRow === true ? size + 2 * pad : 0;
    const headerHeight = h1 + h2 + numberRowHeight;

    const cell = (
      text: string,
      x: number,
      y: number,
      w: number,
      h: number,
      bold: boolean,
      align: Align,
      vcenter: boolean,
    ): void => {
      doc.save().lineWidth(LINE_WIDTH).rect(x, y, w, h).stroke().restore();
      if (text === '') return;
      this.#font(bold, size);
      const value = nfc(text);
      const textHeight = this.#heightOf(value, w - 2 * pad);
      const ty = vcenter ? y + (h - textHeight) / 2 : y + pad;
      this.#drawLines(value, x + pad, ty, { width: w - 2 * pad, align, clip: true });
    };

    const drawHeader = (): void => {
      const y0 = doc.y;
      for (const s of spans) cell(s.label, xs[s.from] ?? 0, y0, spanWidth(s), h1, true, 'center', true);
      columns.forEach((c, i) => {
        const x = xs[i] ?? 0;
        const w = widths[i] ?? 0;
        if (c.group === undefined) cell(c.header, x, y0, w, h1 + h2, true, 'center', true);
        else cell(c.header, x, y0 + h1, w, h2, true, 'center', true);
        if (options.numberRow === true)
          cell(`(${i + 1})`, x, y0 + h1 + h2, w, numberRowHeight, false, 'center', true);
      });
      doc.y = y0 + headerHeight;
    };

    const minRow = options.minRowHeight ?? 0;
    const firstRowHeight =
      rows[0] === undefined
        ? 0
        : Math.max(minRow, ...rows[0].map((t, i) => cellHeight(t, widths[i] ?? 0, false)));
    this.ensureSpace(headerHeight + firstRowHeight);
    drawHeader();
    for (const row of rows) {
      const h = Math.max(minRow, ...columns.map((_, i) => cellHeight(row[i] ?? '', widths[i] ?? 0, false)));
      if (doc.y + h > this.bottom) {
        this.addPage();
        drawHeader();
      }
      const y0 = doc.y;
      columns.forEach((c, i) =>
        cell(row[i] ?? '', xs[i] ?? 0, y0, widths[i] ?? 0, h, false, c.align ?? 'left', false),
      );
      doc.y = y0 + h;
    }
    doc.x = this.left;
    doc.y += 4;
  }

  // ------------------------------------------------------------------ signatures

  /**
   * Signature columns side by side. A single block sits in the right half, where Vietnamese documents
   * put the signer. The whole row moves to the next page rather than split.
   */
  signatures(blocks: readonly SignatureBlock[], options: { space?: number } = {}): void {
    this.clearFloat();
    const doc = this.#doc;
    const space = options.space ?? 36;
    const columns = blocks.length === 1 ? 2 : blocks.length;
    const width = this.contentWidth / columns;
    const heightOf = (b: SignatureBlock): number =>
      (b.above === undefined ? 0 : this.measure(b.above, width)) +
      this.measure(b.title, width, { bold: true }) +
      (b.note === undefined ? 0 : this.measure(b.note, width)) +
      space +
      (b.name === undefined ? 0 : this.measure(b.name, width, { bold: true }));
    this.ensureSpace(Math.max(...blocks.map(heightOf)));
    const top = doc.y;
    let bottom = top;
    blocks.forEach((b, i) => {
      const x = this.left + width * (blocks.length === 1 ? 1 : i);
      let y = top;
      const line = (text: string, bold: boolean): void => {
        this.#font(bold, undefined);
        const value = nfc(text);
        y += this.#drawLines(value, x, y, { width, align: 'center', clip: true });
      };
      if (b.above !== undefined) line(b.above, false);
      line(b.title, true);
      if (b.note !== undefined) line(b.note, false);
      y += space;
      if (b.name !== undefined) line(b.name, true);
      bottom = Math.max(bottom, y);
    });
    doc.x = this.left;
    doc.y = bottom + 6;
  }

  // ------------------------------------------------------------------ images

  /** Embeds the QR code of `text` (a URL) as a PNG, `size` points square, at (x, y). */
  async qrCode(text: string, at: { x: number; y: number; size: number }): Promise<void> {
    const png = await qrPng(text);
    this.#doc.image(png, at.x, at.y, { width: at.size, height: at.size });
  }

  /** Embeds a Code 128 barcode of `text` as a PNG, `width` × `height` points, at (x, y). */
  async barcode(text: string, at: { x: number; y: number; width: number; height: number }): Promise<void> {
    const png = await code128Png(text);
    this.#doc.image(png, at.x, at.y, { width: at.width, height: at.height });
  }

  /** Draws small text at an absolute position without moving the flow (captions under images). */
  caption(
    text: string,
    at: { x: number; y: number; width: number; align?: Align; size?: number; bold?: boolean },
  ): number {
    this.#font(at.bold, at.size ?? this.#baseSize - 2);
    const value = nfc(text);
    const y = this.#doc.y;
    const h = this.#drawLines(value, at.x, at.y, {
      width: at.width,
      align: at.align ?? 'center',
      clip: true,
    });
    this.#doc.y = y;
    this.#doc.x = this.left;
    return h;
  }

  // ------------------------------------------------------------------ output

  /**
   * Finishes the document. With more than one page, writes "Trang i/n" in the bottom margin of each
   * (the margin is lifted while writing so pdfkit does not start another page).
   */
  async finish(): Promise<Buffer> {
    const doc = this.#doc;
    const range = doc.bufferedPageRange();
    if (range.count > 1) {
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        const bottomMargin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        this.#font(false, this.#baseSize - 2);
        doc.text(`Trang ${i + 1}/${range.count}`, this.left, doc.page.height - bottomMargin + 8, {
          width: this.contentWidth,
          align: 'right',
          lineBreak: false,
        });
        doc.page.margins.bottom = bottomMargin;
      }
    }
    doc.flushPages();
    doc.end();
    return this.#done;
  }
}

// ------------------------------------------------------------------ formatting helpers

/**
 * "Gia Lai, ngày 05 tháng 02 năm 2025" from a place and a local date `YYYY-MM-DD`. Days below 10 and
 * the months 1 and 2 get a leading zero, the convention of Vietnamese administrative documents
 * (attributed to Nghị định 30/2020/NĐ-CP, Phụ lục I; not verified against the text here). The zero
 * keeps a handwritten "1" or "2" from being extended into "11"/"12" after signing.
 */
export function formatPlaceDate(place: string, localDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (m === null) throw new RangeError(`not a local date: ${localDate}`);
  const [, year, month, day] = m as unknown as [string, string, string, string];
  const d = Number(day);
  const mo = Number(month);
  const dayText = d < 10 ? `0${d}` : String(d);
  const monthText = mo <= 2 ? `0${mo}` : String(mo);
  return `${place}, ngày ${dayText} tháng ${monthText} năm ${year}`;
}
