/**
 * Loaded into a benchmarked MotCua process (`preload` of startChildServer), never into production:
 * on SIGUSR2 it runs a full garbage collection and writes the heap that survived it (the live heap)
 * to MOTCUA_BENCH_LIVE_HEAP_FILE. The heap sampled between collections saws up and down and, in a
 * one-minute run, may not have seen a single full collection, so its floor rises with garbage that
 * no collection has looked at yet; the live heap rises only with what the process keeps.
 *
 * `--expose-gc` is not allowed in NODE_OPTIONS; set as a V8 flag at run time it exposes `gc` to
 * contexts created afterwards, hence the new context.
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.MOTCUA_BENCH_LIVE_HEAP_FILE;
if (file) {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  process.on('SIGUSR2', () => {
    collect();
    writeFileSync(file, JSON.stringify({ at: Date.now(), heapUsed: process.memoryUsage().heapUsed }));
  });
}
