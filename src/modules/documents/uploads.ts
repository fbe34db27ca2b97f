/**
 * Checking uploaded files (scans of dossier documents, số hóa) before they are stored.
 *
 * Only PDF, JPEG and PNG are accepted, and the type is proven by the file's first bytes (its "magic
 * number"), never taken from the Content-Type header or the file name: both are chosen by the
 * uploader, so an HTML page or an executable renamed `giay-to.pdf` would otherwise be stored and
 * later served to an officer's browser as a PDF. When the uploader does declare a type (header or
 * extension), it must agree with the bytes: a PNG sent as `application/pdf` is refused too, because
 * a disagreement is either a broken client or an attempt to smuggle content past a filter.
 *
 * Files are addressed by the SHA-256 of their bytes, so the same scan uploaded twice is stored once
 * and a stored file can be verified against its address.
 *
 * Pure apart from hashing (node:crypto); the HTTP layer maps the errors (415/413/400).
 */
import { createHash } from 'node:crypto';
import { AppError, err, ok, type Result } from '../../kernel/errors.ts';

/** Default upload limit (a setting: `dossiers.maxUploadBytes`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const ALLOWED_UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadType = (typeof ALLOWED_UPLOAD_TYPES)[number];

/** Magic bytes at offset 0 of each accepted type. */
const SIGNATURES: readonly { readonly type: UploadType; readonly magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** Canonical extension of each type, for storage names and downloads. */
export const UPLOAD_EXTENSIONS: Readonly<Record<UploadType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** File-name extensions a client may use for each type. */
const EXTENSION_TYPES: Readonly<Record<string, UploadType>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
};

/** Non-standard Content-Type spellings browsers and scanners send for accepted types. */
const TYPE_ALIASES: Readonly<Record<string, UploadType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
};

/**
 * Declared types that say nothing about the content (a client that did not know): the bytes alone
 * decide. Anything else declared must match.
 */
const UNINFORMATIVE_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The accepted type the bytes prove, or null. Checks offset 0 only: no "PDF header somewhere in the first KB". */
export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  for (const { type, magic } of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** `sha256:<64 hex>`: the content address of the bytes. */
export function contentAddress(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface UploadInput {
  readonly bytes: Uint8Array;
  /** Content-Type sent by the client, if any (parameters such as `; charset=` are ignored). */
  readonly declaredType?: string | undefined;
  /** Original file name, if any; only its extension is checked. */
  readonly fileName?: string | undefined;
  /** Largest accepted size in bytes (a setting; the dossier module's default is 10 MiB). */
  readonly maxBytes: number;
}

export interface CheckedUpload {
  /** The sniffed type: what the file is, whatever it was called. */
  readonly contentType: UploadType;
  readonly size: number;
  /** SHA-256 of the bytes, lower-case hex (the stored_file key). */
  readonly sha256: string;
  /** `sha256:<hex>`. */
  readonly address: string;
  readonly extension: string;
}

function normaliseDeclared(declared: string): string {
  const base = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  return TYPE_ALIASES[base] ?? base;
}

function extensionOf(fileName: string): string | undefined {
  const name = fileName.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? undefined : name.slice(dot + 1).toLowerCase();
}

/**
 * Checks an upload: not empty, within `maxBytes`, bytes of an accepted type, and declared type and
 * file extension (when given) consistent with the bytes. Returns the sniffed type and the content
 * address, or the first failure:
 * - `UPLOAD_EMPTY` (400): no bytes;
 * - `UPLOAD_TOO_LARGE` (413): more than `maxBytes`;
 * - `UPLOAD_TYPE_NOT_ALLOWED` (415): the bytes are not PDF/JPEG/PNG, or the declared type or the
 *   extension names a type that is not accepted (`.exe`, `text/html`);
 * - `UPLOAD_TYPE_MISMATCH` (415): an accepted type is declared but the bytes are another one.
 *
 * `details` carry only types and sizes, never the file name (it may contain personal data).
 */
export function checkUpload(input: UploadInput): Result<CheckedUpload> {
  const { bytes, maxBytes } = input;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    throw new RangeError(`maxBytes must be a positive integer: ${maxBytes}`);
  if (bytes.length === 0) return err(new AppError('UPLOAD_EMPTY'));
  if (bytes.length > maxBytes) {
    return err(new AppError('UPLOAD_TOO_LARGE', { details: { size: bytes.length, maxBytes } }));
  }
  const sniffed = sniffUploadType(bytes);
  const declared = input.declaredType === undefined ? '' : normaliseDeclared(input.declaredType);
  const extension = input.fileName === undefined ? undefined : extensionOf(input.fileName);
  const declaredType = UNINFORMATIVE_TYPES.has(declared) ? undefined : declared;
  const extensionType = extension === undefined ? undefined : EXTENSION_TYPES[extension];

  if (sniffed === null) {
    return err(
      new AppError('UPLOAD_TYPE_NOT_ALLOWED', {
        details: { allowed: ALLOWED_UPLOAD_TYPES, ...(declaredType === undefined ? {} : { declaredType }) },
      }),
    );
  }
  if (declaredType !== undefined && !(ALLOWED_UPLOAD_TYPES as readonly string[]).includes(declaredType)) {
    return err(
      new AppError('UPLOAD_TYPE_NOT_ALLOWED', { details: { allowed: ALLOWED_UPLOAD_TYPES, declaredType } }),
    );
  }
  if (extension !== undefined && extensionType === undefined) {
    return err(
      new AppError('UPLOAD_TYPE_NOT_ALLOWED', { details: { allowed: ALLOWED_UPLOAD_TYPES, extension } }),
    );
  }
  if (declaredType !== undefined && declaredType !== sniffed) {
    return err(new AppError('UPLOAD_TYPE_MISMATCH', { details: { declaredType, detectedType: sniffed } }));
  }
  if (extensionType !== undefined && extensionType !== sniffed) {
    return err(new AppError('UPLOAD_TYPE_MISMATCH', { details: { extension, detectedType: sniffed } }));
  }
  const sha256 = sha256Hex(bytes);
  return ok({
    contentType: sniffed,
    size: bytes.length,
    sha256,
    address: `sha256:${sha256}`,
    extension: UPLOAD_EXTENSIONS[sniffed],
  });
}
