/**
 * Uploads are recognised by their bytes: a table of genuine and disguised files, the size limit and
 * the content address.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../src/adapters/pdf/pdf-renderer.ts';
import { ERROR_CATALOG, type ErrorCode } from '../../src/kernel/errors.ts';
import {
  checkUpload,
  contentAddress,
  sniffUploadType,
  type UploadInput,
} from '../../src/modules/documents/uploads.ts';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const PDF = bytes('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const JPEG = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  'JFIF\0',
  [0x01, 0x01, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9],
);
const PNG = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0, 0, 0, 13],
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0],
);
const HTML = bytes('<!DOCTYPE html><html><script>alert(1)</script></html>');
const EXE = bytes('MZ\x90\x00\x03\x00\x00\x00', 'This program cannot be run in DOS mode.');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], 'word/document.xml');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg"/>');
/** A PDF header that is not at offset 0 (readers tolerate it; we do not). */
const PDF_LATE = bytes('<html>', '%PDF-1.4');
const PDF_TRUNCATED_MAGIC = bytes('%PDF');

const MB = 1024 * 1024;

const TABLE: { name: string; input: Omit<UploadInput, 'maxBytes'>; expect: string | ErrorCode }[] = [
  {
    name: 'genuine PDF',
    input: { bytes: PDF, declaredType: 'application/pdf', fileName: 'to-khai.pdf' },
    expect: 'application/pdf',
  },
  {
    name: 'genuine JPEG (image/jpg alias, .JPG)',
    input: { bytes: JPEG, declaredType: 'image/jpg', fileName: 'CCCD.JPG' },
    expect: 'image/jpeg',
  },
  {
    name: 'genuine PNG with charset parameter',
    input: { bytes: PNG, declaredType: 'image/png; charset=binary', fileName: 'scan.png' },
    expect: 'image/png',
  },
  {
    name: 'PDF declared as octet-stream, no name',
    input: { bytes: PDF, declaredType: 'application/octet-stream' },
    expect: 'application/pdf',
  },
  { name: 'PDF with nothing declared', input: { bytes: PDF }, expect: 'application/pdf' },
  {
    name: 'HTML renamed .pdf',
    input: { bytes: HTML, declaredType: 'application/pdf', fileName: 'giay-to.pdf' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'EXE renamed .pdf',
    input: { bytes: EXE, declaredType: 'application/pdf', fileName: 'hoa-don.pdf' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'DOCX (zip) renamed .png',
    input: { bytes: ZIP, fileName: 'anh.png' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'GIF as image/gif',
    input: { bytes: GIF, declaredType: 'image/gif' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'SVG as image/svg+xml',
    input: { bytes: SVG, declaredType: 'image/svg+xml' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'PDF header not at offset 0',
    input: { bytes: PDF_LATE, declaredType: 'application/pdf' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: '"%PDF" without the dash',
    input: { bytes: PDF_TRUNCATED_MAGIC },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'PNG claiming to be a PDF',
    input: { bytes: PNG, declaredType: 'application/pdf', fileName: 'x.pdf' },
    expect: 'UPLOAD_TYPE_MISMATCH',
  },
  {
    name: 'PNG named .pdf, type not declared',
    input: { bytes: PNG, fileName: 'x.pdf' },
    expect: 'UPLOAD_TYPE_MISMATCH',
  },
  {
    name: 'JPEG declared image/png',
    input: { bytes: JPEG, declaredType: 'image/png' },
    expect: 'UPLOAD_TYPE_MISMATCH',
  },
  {
    name: 'PDF declared text/html',
    input: { bytes: PDF, declaredType: 'text/html' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  { name: 'PDF named .exe', input: { bytes: PDF, fileName: 'setup.exe' }, expect: 'UPLOAD_TYPE_NOT_ALLOWED' },
  {
    name: 'PDF named .pdf.exe',
    input: { bytes: PDF, declaredType: 'application/pdf', fileName: 'to-khai.pdf.exe' },
    expect: 'UPLOAD_TYPE_NOT_ALLOWED',
  },
  {
    name: 'empty file',
    input: { bytes: new Uint8Array(0), declaredType: 'application/pdf' },
    expect: 'UPLOAD_EMPTY',
  },
];

describe('checkUpload: genuine and disguised files', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const result = checkUpload({ ...row.input, maxBytes: 10 * MB });
      if (row.expect in ERROR_CATALOG) {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe(row.expect);
          expect(result.error.status).toBe(ERROR_CATALOG[row.expect as ErrorCode].status);
        }
      } else {
        expect(result.ok && result.value.contentType).toBe(row.expect);
      }
    });
  }
});

describe('size limit and address', () => {
  it('accepts a file of exactly maxBytes and refuses one byte more with 413', () => {
    const exact = new Uint8Array(1000);
    exact.set(PDF);
    expect(checkUpload({ bytes: exact, maxBytes: 1000 }).ok).toBe(true);
    const over = new Uint8Array(1001);
    over.set(PDF);
    const result = checkUpload({ bytes: over, maxBytes: 1000 });
    expect(!result.ok && [result.error.code, result.error.status, result.error.details]).toEqual([
      'UPLOAD_TOO_LARGE',
      413,
      { size: 1001, maxBytes: 1000 },
    ]);
  });

  it('refuses a nonsensical limit (a configuration error, not a user error)', () => {
    expect(() => checkUpload({ bytes: PDF, maxBytes: 0 })).toThrow(RangeError);
  });

  it('addresses content by SHA-256: same bytes, same address, whatever the name', () => {
    const a = checkUpload({ bytes: PDF, fileName: 'a.pdf', maxBytes: MB });
    const b = checkUpload({ bytes: Buffer.from(PDF), fileName: 'b.pdf', maxBytes: MB });
    const expected = createHash('sha256').update(PDF).digest('hex');
    expect(a.ok && a.value).toMatchObject({
      sha256: expected,
      address: `sha256:${expected}`,
      size: PDF.length,
      extension: 'pdf',
    });
    expect(b.ok && b.value.sha256).toBe(expected);
    expect(contentAddress(PNG)).not.toBe(contentAddress(PDF));
    expect(contentAddress(new Uint8Array(0))).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('never puts the file name in error details (it may hold personal data)', () => {
    const result = checkUpload({ bytes: HTML, fileName: 'CCCD Nguyễn Thị Ánh Tuyết.pdf', maxBytes: MB });
    expect(!result.ok && JSON.stringify(result.error.details)).not.toContain('Tuyết');
  });

  it('recognises the PDFs MotCua itself renders', async () => {
    const pdf = PdfRenderer.create({ size: 'A5', title: 't', creationDate: new Date(0) });
    pdf.text('Giấy tiếp nhận');
    expect(sniffUploadType(await pdf.finish())).toBe('application/pdf');
  });
});
