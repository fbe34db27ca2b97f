/**
 * The live heap of a MotCua process started with bench/lib/live-heap-probe.ts: bytes that survive a
 * full garbage collection, asked for by signal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The probe module, for startChildServer's `preload`. */
export const LIVE_HEAP_PROBE = fileURLToPath(new URL('./live-heap-probe.ts', import.meta.url));

/** Collects garbage in process `pid` and resolves with the heap that survived (bytes). */
export async function liveHeap(pid: number, file: string, timeoutMs = 5_000): Promise<number> {
  const asked = Date.now();
  process.kill(pid, 'SIGUSR2');
  const deadline = asked + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    if (!existsSync(file)) continue;
    try {
      const answer = JSON.parse(readFileSync(file, 'utf8')) as { at: number; heapUsed: number };
      if (answer.at >= asked) return answer.heapUsed;
    } catch {
      // being written
    }
  }
  throw new Error(`no live heap from process ${pid} within ${timeoutMs} ms`);
}
