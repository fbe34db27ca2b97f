/**
 * Reading back the PDFs the renderer produces, for assertions: text (pdf-parse), page sizes, embedded
 * images, and (from src/adapters/pdf/png.ts) a minimal PNG decoder so an embedded QR code can be compared module by module with the
 * matrix `qrcode` computes for the URL (no QR decoder is installed; this checks the same thing from
 * the other side: the pixels on the page are exactly the symbol of that URL).
 */
import { PDFParse } from 'pdf-parse';
import type { Raster } from '../../src/adapters/pdf/png.ts';

export { decodePng, type Raster } from '../../src/adapters/pdf/png.ts';

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
