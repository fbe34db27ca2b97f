/**
 * The load generator's own process (generator-process.ts): reads its OpenLoopSpec from
 * MOTCUA_BENCH_OPEN_LOOP, runs the open loop and prints the result as JSON on stdout.
 */
import { openLoop } from './http-load.ts';
import type { MakeRequests, OpenLoopSpec } from './generator-process.ts';

const spec = JSON.parse(process.env.MOTCUA_BENCH_OPEN_LOOP ?? '') as OpenLoopSpec;
const factory = ((await import(spec.requests.module)) as Record<string, MakeRequests | undefined>)[
  spec.requests.name
];
if (typeof factory !== 'function')
  throw new Error(`${spec.requests.module} exports no request factory ${spec.requests.name}`);
const result = await openLoop({
  baseUrl: spec.baseUrl,
  rate: spec.rate,
  warmupSeconds: spec.warmupSeconds,
  seconds: spec.seconds,
  ...(spec.maxInFlight === undefined ? {} : { maxInFlight: spec.maxInFlight }),
  next: factory(spec.requests.args as never),
});
process.stdout.write(JSON.stringify(result));
