/**
 * A small HTTP load generator (no dependency; raw keep-alive sockets: raw-http.ts): a closed loop at
 * fixed concurrency (each client sends its next request when the previous one is answered) and an
 * open loop at a fixed request rate (requests leave on schedule whether or not earlier ones have
 * been answered, so slow answers show up as latency instead of lowering the rate).
 */
import { request as httpRequest, type Agent } from 'node:http';
import { RawHttpPool } from './raw-http.ts';

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly requests: number;
  readonly ok: number;
  readonly errors: number;
  /** Answers by HTTP status ("network" for connection failures). */
  readonly statuses: Record<string, number>;
  readonly seconds: number;
  /** Successful (2xx) answers per second. */
  readonly okPerSecond: number;
  readonly latencyMs: Percentiles;
  /** Every successful answer's latency (only when asked for: `keepLatencies`). */
  readonly latencies?: readonly number[];
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Percentiles of a list of milliseconds (nearest rank), rounded to 0.01 ms. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: r(at(0.5)),
    p90: r(at(0.9)),
    p99: r(at(0.99)),
    max: r(sorted[sorted.length - 1] as number),
    mean: r(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

/** Several runs as one: counts and seconds added, percentiles over every latency (kept by each run). */
export function mergeLoadResults(runs: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  const sum = (f: (r: LoadResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    requests: sum((r) => r.requests),
    ok,
    errors: sum((r) => r.errors),
    statuses,
    seconds: Math.round(seconds * 100) / 100,
    okPerSecond: Math.round((ok / seconds) * 10) / 10,
    latencyMs: percentiles(
      runs.flatMap((r) => {
        if (!r.latencies) throw new Error('mergeLoadResults: a run kept no latencies');
        return r.latencies;
      }),
    ),
  };
}

/** One request; resolves with the status (0 on a network error) and the body. */
export function send(
  baseUrl: string,
  agent: Agent,
  req: LoadRequest,
): Promise<{ status: number; body: string }> {
  const url = new URL(req.path, baseUrl);
  return new Promise((resolve) => {
    const r = httpRequest(
      {
        agent,
        method: req.method,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...req.headers,
          ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    r.on('error', () => resolve({ status: 0, body: '' }));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

class Recorder {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  ok = 0;
  requests = 0;
  record(status: number, ms: number, measuring: boolean) {
    if (!measuring) return;
    this.requests += 1;
    this.statuses[status === 0 ? 'network' : String(status)] =
      (this.statuses[status === 0 ? 'network' : String(status)] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      this.ok += 1;
      this.latencies.push(ms);
    }
  }
  result(seconds: number, keepLatencies = false): LoadResult {
    return {
      ...(keepLatencies ? { latencies: this.latencies } : {}),
      requests: this.requests,
      ok: this.ok,
      errors: this.requests - this.ok,
      statuses: this.statuses,
      seconds: Math.round(seconds * 100) / 100,
      okPerSecond: Math.round((this.ok / seconds) * 10) / 10,
      latencyMs: percentiles(this.latencies),
    };
  }
}

/**
 * Closed loop: `concurrency` clients, each sending `next(i)` back to back for `warmupSeconds`
 * (not measured) and then `seconds` (measured).
 */
export async function closedLoop(options: {
  baseUrl: string;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** The request number `i` of the run, sent by client `worker` (0 … concurrency − 1). */
  next: (i: number, worker: number) => LoadRequest;
  /** Return every latency too (to merge runs: `mergeLoadResults`). */
  keepLatencies?: boolean;
}): Promise<LoadResult> {
  const pool = new RawHttpPool(options.baseUrl, options.concurrency);
  // A request object given again is sent with the bytes encoded the first time.
  const bytes = new WeakMap<LoadRequest, Buffer>();
  const encoded = (req: LoadRequest) => {
    let b = bytes.get(req);
    if (!b) bytes.set(req, (b = pool.encode(req)));
    return b;
  };
  const recorder = new Recorder();
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  let i = 0;
  const client = async (_: unknown, worker: number) => {
    for (;;) {
      const sent = performance.now();
      if (sent >= end) return;
      const { status } = await pool.request(encoded(options.next(i++, worker)));
      const done = performance.now();
      recorder.record(status, done - sent, sent >= measureFrom && done <= end);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  pool.close();
  return recorder.result(options.seconds, options.keepLatencies);
}

/** Open loop: `rate` requests per second on schedule for `warmupSeconds` + `seconds`. */
export async function openLoop(options: {
  baseUrl: string;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  maxInFlight?: number;
  next: (i: number) => LoadRequest;
}): Promise<LoadResult & { late: number }> {
  const pool = new RawHttpPool(options.baseUrl, options.maxInFlight ?? 256);
  const recorder = new Recorder();
  const total = Math.round(options.rate * (options.warmupSeconds + options.seconds));
  const warm = Math.round(options.rate * options.warmupSeconds);
  const start = performance.now();
  // Requests in flight are counted, not kept: a list of every request's promise would grow the
  // generator's heap until its garbage collector paused it, and its pauses would count as latency.
  let inFlight = 0;
  let allAnswered: (() => void) | undefined;
  let late = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -50) late += 1;
    // Latency counts from when the request was due (or sent, if it left up to 1 ms early), so a
    // stalled generator cannot hide queueing.
    const from = Math.max(due, performance.now());
    inFlight += 1;
    void pool.request(pool.encode(options.next(i))).then(({ status }) => {
      recorder.record(status, performance.now() - from, i >= warm);
      inFlight -= 1;
      if (inFlight === 0) allAnswered?.();
    });
  }
  if (inFlight > 0) await new Promise<void>((done) => (allAnswered = done));
  pool.close();
  return { ...recorder.result(options.seconds), late };
}
