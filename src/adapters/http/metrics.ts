/** A tiny Prometheus text exporter: request counts and latency histogram per route and status class. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class Metrics {
  readonly #counts = new Map<string, number>();
  readonly #histograms = new Map<string, { buckets: number[]; sum: number; count: number }>();
  readonly #startedAt = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${method}",route="${route.replaceAll('"', '')}",status="${Math.floor(status / 100)}xx"`;
    this.#counts.set(labels, (this.#counts.get(labels) ?? 0) + 1);
    const h = this.#histograms.get(labels) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.#histograms.set(labels, h);
  }

  render(extra: Record<string, number> = {}): string {
    const lines: string[] = [];
    lines.push('# HELP motcua_http_requests_total HTTP requests by route and status class.');
    lines.push('# TYPE motcua_http_requests_total counter');
    for (const [labels, n] of this.#counts) lines.push(`motcua_http_requests_total{${labels}} ${n}`);
    lines.push('# HELP motcua_http_request_duration_seconds Request latency.');
    lines.push('# TYPE motcua_http_request_duration_seconds histogram');
    for (const [labels, h] of this.#histograms) {
      BUCKETS.forEach((b, i) =>
        lines.push(`motcua_http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.buckets[i] ?? 0}`),
      );
      lines.push(`motcua_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`motcua_http_request_duration_seconds_sum{${labels}} ${h.sum.toFixed(6)}`);
      lines.push(`motcua_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    lines.push('# HELP motcua_process_uptime_seconds Seconds since start.');
    lines.push('# TYPE motcua_process_uptime_seconds gauge');
    lines.push(`motcua_process_uptime_seconds ${((Date.now() - this.#startedAt) / 1000).toFixed(0)}`);
    lines.push('# TYPE motcua_process_resident_memory_bytes gauge');
    lines.push(`motcua_process_resident_memory_bytes ${process.memoryUsage().rss}`);
    lines.push('# TYPE motcua_process_heap_used_bytes gauge');
    lines.push(`motcua_process_heap_used_bytes ${process.memoryUsage().heapUsed}`);
    for (const [name, value] of Object.entries(extra)) {
      lines.push(`# TYPE ${name} gauge`);
      lines.push(`${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
