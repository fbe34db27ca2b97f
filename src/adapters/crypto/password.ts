/**
 * Password hashing with scrypt (node:crypto, no native build): `scrypt$N$r$p$salt$hash`, base64url.
 */
import {
  randomBytes,
  randomFillSync,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that never matches, used to spend the same time when the username does not exist. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

/**
 * Random bytes from the operating system's CSPRNG, fetched a page at a time: one `randomFillSync`
 * per 4 KiB instead of one call per secret (a dossier intake makes one; Node's own `randomUUID`
 * caches the same way). Every byte is handed out once and wiped from the page.
 */
const PAGE_BYTES = 4096;
let page = Buffer.alloc(0);
let offset = 0;

/**
 * A random secret of `bytes` bytes (1–256) as base64url text: session, CSRF and lookup tokens,
 * passwords printed once.
 */
export function randomSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 256)
    throw new RangeError(`randomSecret: 1 to 256 bytes, not ${bytes}`);
  if (offset + bytes > page.length) {
    page = randomFillSync(Buffer.allocUnsafe(PAGE_BYTES));
    offset = 0;
  }
  const secret = page.toString('base64url', offset, offset + bytes);
  page.fill(0, offset, offset + bytes);
  offset += bytes;
  return secret;
}
