/**
 * Scanned documents (số hóa): only PDF, JPEG and PNG are accepted, recognised by their magic bytes
 * rather than by the declared Content-Type or file name, which the uploader controls.
 */
export const ALLOWED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** Default upload limit (a setting: `dossiers.maxUploadBytes`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The content type proven by the first bytes, or null when it is none of the allowed types. */
export function sniffContentType(bytes: Uint8Array): AllowedContentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}
