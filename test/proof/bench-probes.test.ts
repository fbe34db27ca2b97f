/**
 * The benchmarks' separate processes: the open-loop generator runs in a process of its own
 * (bench/lib/generator-process.ts) and sends, on schedule, the requests its factory makes; the
 * live-heap probe (bench/lib/live-heap-probe.ts), loaded into a child process, answers a signal with
 * the heap that survived a full collection.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoopInOwnProcess } from '../../bench/lib/generator-process.ts';
import { liveHeap, LIVE_HEAP_PROBE } from '../../bench/lib/live-heap.ts';

let server: Server;
let base: string;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const answer = req.url?.startsWith('/gone/') ? 404 : 200;
    res.writeHead(answer, { 'content-length': '2' });
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((done) => server.close(() => done())));

const lookups = new URL('../../bench/lib/load-dossiers.ts', import.meta.url).href;

describe('open loop in its own process', () => {
  it('sends rate × seconds requests made by the factory, and counts their answers', async () => {
    paths.length = 0;
    const result = await openLoopInOwnProcess({
      baseUrl: base,
      rate: 200,
      warmupSeconds: 0.5,
      seconds: 1,
      maxInFlight: 8,
      requests: { module: lookups, name: 'lookupRequests', args: { route: '/probe/:code', dossiers: 5 } },
    });
    expect(paths).toHaveLength(300);
    for (const path of paths) expect(path).toMatch(/^\/probe\/LKP-000000([1-5])\?token=tok-0{15}\1$/);
    expect(result).toMatchObject({ requests: 200, ok: 200, errors: 0, statuses: { '200': 200 } });
    expect(result.latencyMs.p99).toBeGreaterThan(0);
  }, 30_000);

  it('counts error answers as errors', async () => {
    const result = await openLoopInOwnProcess({
      baseUrl: base,
      rate: 100,
      warmupSeconds: 0,
      seconds: 0.5,
      requests: { module: lookups, name: 'lookupRequests', args: { route: '/gone/:code', dossiers: 1 } },
    });
    expect(result).toMatchObject({ requests: 50, ok: 0, errors: 50, statuses: { '404': 50 } });
  }, 30_000);

  it('fails when the module has no such factory', async () => {
    await expect(
      openLoopInOwnProcess({
        baseUrl: base,
        rate: 10,
        warmupSeconds: 0,
        seconds: 0.1,
        requests: { module: lookups, name: 'noSuchFactory', args: {} },
      }),
    ).rejects.toThrow(/exited with 1/);
  }, 30_000);
});

describe('live heap probe', () => {
  it('answers a signal with the heap that survives a full collection: garbage goes, kept data stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-probe-'));
    const file = join(dir, 'live.json');
    // A process that keeps ~40 MB on "keep" and makes ~40 MB of garbage on "litter".
    const script = `
      const kept = [];
      process.stdin.setEncoding('utf8').on('data', (line) => {
        if (line.includes('keep')) for (let i = 0; i < 400; i++) kept.push(new Array(12_500).fill(i));
        if (line.includes('litter')) { let junk = []; for (let i = 0; i < 400; i++) junk.push(new Array(12_500).fill(i)); globalThis.last = junk.length; junk = null; }
        process.stdout.write('done\\n');
      });
      process.stdout.write('ready\\n');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', LIVE_HEAP_PROBE, '-e', script], {
      env: { ...process.env, MOTCUA_BENCH_LIVE_HEAP_FILE: file },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const next = () => new Promise<void>((done) => child.stdout.once('data', () => done()));
    try {
      await next();
      const before = await liveHeap(child.pid ?? 0, file);
      child.stdin.write('litter\n');
      await next();
      const afterGarbage = await liveHeap(child.pid ?? 0, file);
      child.stdin.write('keep\n');
      await next();
      const afterKeeping = await liveHeap(child.pid ?? 0, file);
      expect(afterGarbage - before).toBeLessThan(5_000_000);
      expect(afterKeeping - before).toBeGreaterThan(30_000_000);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
