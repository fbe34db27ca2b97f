/**
 * Runs the open-loop load generator in a Node process of its own. A latency is counted from the
 * moment its request was due, so any pause of the generating process counts as the server's
 * latency. The bench process holds what it needed to set the run up (PGlite's WebAssembly heap after
 * finding the route, a pg client, a million-row load), and its garbage collector paused the loop for
 * up to 100 ms: measured, the lookup's p99 was 27–54 ms in the bench process and 3–4 ms from a
 * clean one, against the same server and database.
 *
 * The requests are made in the child by a factory (a module's export called with JSON arguments),
 * since a function cannot cross the process boundary.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadRequest, LoadResult } from './http-load.ts';

export interface RequestFactory {
  /** The module's URL (`new URL('./x.ts', import.meta.url).href`). */
  readonly module: string;
  /** The export: `(args) => (i: number) => LoadRequest`. */
  readonly name: string;
  readonly args: unknown;
}

export interface OpenLoopSpec {
  readonly baseUrl: string;
  readonly rate: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly maxInFlight?: number;
  readonly requests: RequestFactory;
}

export type MakeRequests = (args: never) => (i: number) => LoadRequest;

/** `openLoop` (http-load.ts) in a fresh process; resolves with its result. */
export function openLoopInOwnProcess(spec: OpenLoopSpec): Promise<LoadResult & { late: number }> {
  const main = fileURLToPath(new URL('./generator-main.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, MOTCUA_BENCH_OPEN_LOOP: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LoadResult & { late: number });
      } catch (error) {
        reject(new Error(`load generator printed no result: ${String(error)}`));
      }
    });
  });
}
