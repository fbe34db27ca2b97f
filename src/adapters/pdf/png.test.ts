import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodeGrayPng, flattenPng } from './png.ts';

function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => number[]): Buffer {
  // A hand-built RGBA PNG with the Sub filter (1) on every row, so the decoder's filters are used.
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 1;
    let prev = [0, 0, 0, 0];
    for (let x = 0; x < width; x++) {
      const px = pixel(x, y);
      for (let c = 0; c < 4; c++) {
        rows[y * (width * 4 + 1) + 1 + x * 4 + c] = ((px[c] ?? 0) - (prev[c] ?? 0)) & 0xff;
      }
      prev = px;
    }
  }
  const gray = encodeGrayPng({ width: 1, height: 1, gray: new Uint8Array([0]) });
  // Reuse the signature and the chunk layout of a valid PNG, swapping IHDR and IDAT.
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]); // CRC is not checked by the decoder
  };
  return Buffer.concat([
    gray.subarray(0, 8),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('png', () => {
  it('round-trips a greyscale raster', () => {
    const gray = new Uint8Array([0, 255, 17, 200, 99, 1]);
    const back = decodePng(encodeGrayPng({ width: 3, height: 2, gray }));
    expect(back).toEqual({ width: 3, height: 2, gray });
  });

  it('flattens RGBA onto white as opaque greyscale (colour type 0)', () => {
    const src = rgbaPng(2, 2, (x, y) =>
      x === 0 ? [0, 0, 0, 255] : y === 0 ? [0, 0, 0, 0] : [255, 0, 0, 255],
    );
    const flat = flattenPng(src);
    expect(flat[25]).toBe(0); // IHDR colour type
    const { gray } = decodePng(flat);
    expect(Array.from(gray)).toEqual([0, 255, 0, 76]); // black, transparent → white, black, red → 0.299·255
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a........'))).toThrow(/not a PNG/);
  });
});
