/**
 * Reading back the PDFs the renderer produces, for assertions: text (pdf-parse), page sizes, embedded
 * images, and a minimal PNG decoder so an embedded QR code can be compared module by module with the
 * matrix `qrcode` computes for the URL (no QR decoder is installed; this checks the same thing from
 * the other side: the pixels on the page are exactly the symbol of that URL).
 */
import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';

/**
 * Text of every page with runs of whitespace (line breaks from wrapping) collapsed to one space.
 * Deliberately not NFC-normalised: the tests check that the PDF itself carries NFC text.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.text
      .replace(/-- \d+ of \d+ --/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  } finally {
    await parser.destroy();
  }
}

/** Width × height of every page, in points. */
export async function pageSizes(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    return (info.pages ?? []).map((p) => ({ width: p.width, height: p.height }));
  } finally {
    await parser.destroy();
  }
}

export interface ExtractedImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  /** PNG bytes as pdf-parse re-encodes the image. */
  readonly png: Uint8Array;
}

export async function pdfImages(pdf: Buffer): Promise<ExtractedImage[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getImage({ imageThreshold: 0, imageDataUrl: false });
    return result.pages.flatMap((p) =>
      p.images.map((i) => ({ page: p.pageNumber, width: i.width, height: i.height, png: i.data })),
    );
  } finally {
    await parser.destroy();
  }
}

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** Luminance 0–255 per pixel, row-major (alpha composited on white). */
  readonly gray: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB, RGBA) to luminance. */
export function decodePng(png: Uint8Array): Raster {
  const buf = Buffer.from(png);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9] ?? 0;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (channels === undefined) throw new Error(`PNG colour type ${colorType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    const lum =
      channels >= 3
        ? 0.299 * (out[p] ?? 0) + 0.587 * (out[p + 1] ?? 0) + 0.114 * (out[p + 2] ?? 0)
        : (out[p] ?? 0);
    const alpha = channels === 4 ? (out[p + 3] ?? 255) : channels === 2 ? (out[p + 1] ?? 255) : 255;
    gray[i] = Math.round((lum * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, gray };
}

/**
 * Reads an N×N module grid from a raster with a `margin`-module quiet zone, sampling the centre of
 * each module: 1 = dark.
 */
export function sampleModules(raster: Raster, size: number, margin: number): number[] {
  const modulePx = raster.width / (size + 2 * margin);
  const bits: number[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = Math.floor((margin + col + 0.5) * modulePx);
      const y = Math.floor((margin + row + 0.5) * modulePx);
      bits.push((raster.gray[y * raster.width + x] ?? 255) < 128 ? 1 : 0);
    }
  }
  return bits;
}
