/**
 * Unguessable tokens (the public lookup token printed on the receipt) from the operating system's
 * CSPRNG, fetched a page at a time: one `randomFillSync` call per 4 KiB instead of one per token,
 * as Node's own `randomUUID` does. Every byte is handed out once and wiped from the page.
 */
import { randomFillSync } from 'node:crypto';

const PAGE_BYTES = 4096;
let page = Buffer.alloc(0);
let offset = 0;

/** `bytes` random bytes (1–256) as base64url text (18 bytes: 24 characters). */
export function randomToken(bytes = 18): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 256)
    throw new RangeError(`randomToken: 1 to 256 bytes, not ${bytes}`);
  if (offset + bytes > page.length) {
    page = randomFillSync(Buffer.allocUnsafe(PAGE_BYTES));
    offset = 0;
  }
  const token = page.toString('base64url', offset, offset + bytes);
  page.fill(0, offset, offset + bytes);
  offset += bytes;
  return token;
}
