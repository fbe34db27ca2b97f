/**
 * `npm start` runs the server with the flags of src/node-flags.ts (V8 reads them at start-up only),
 * and the processes the tests and benchmarks start are the same (child-server.ts uses the list).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('server Node.js flags', () => {
  it('are passed by npm start, before the entry, to node itself', () => {
    const words = (pkg.scripts.start ?? '').split(/\s+/);
    expect(words[0]).toBe('node');
    const entry = words.indexOf('src/main.ts');
    expect(entry).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) {
      const at = words.indexOf(flag);
      expect(at, flag).toBeGreaterThan(0);
      expect(at, flag).toBeLessThan(entry);
    }
    expect(words.slice(words.indexOf('--import'), words.indexOf('--import') + 2)).toEqual([
      '--import',
      'tsx',
    ]);
  });

  it('are each accepted by this Node.js (a flag it did not know would stop the start)', () => {
    for (const flag of SERVER_NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0] ?? flag), flag).toBe(true);
  });
});
