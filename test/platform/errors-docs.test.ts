import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../src/kernel/errors.ts';

/** Fastify's errors.test.js idea: the catalog and docs/errors.md list exactly the same codes. */
describe('docs/errors.md documents every error code', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1] ?? ''));
  it('has a row for every code in the catalog, with its status', () => {
    for (const [code, spec] of Object.entries(ERROR_CATALOG)) {
      expect(documented.has(code), `${code} missing from docs/errors.md`).toBe(true);
      expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\| ${spec.status} \\|`, 'm'));
    }
  });
  it('lists no code that does not exist', () => {
    for (const code of documented)
      expect(code in ERROR_CATALOG, `${code} is documented but not in the catalog`).toBe(true);
  });
});
