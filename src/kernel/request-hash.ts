/**
 * The fingerprint of a request body for Idempotency-Key replays: SHA-256 of its stable JSON (keys
 * sorted, undefined members left out), so the same body sent with its keys in another order is
 * recognised as the same request. Deterministic and free of I/O.
 */
import { createHash } from 'node:crypto';

/** Stable JSON (sorted keys) so the same body in another key order hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The fingerprint of a request body: sha256Hex(stableJson(body)). */
export function requestHash(body: unknown): string {
  return sha256Hex(stableJson(body));
}
