// Latency recording and summaries for one phase on one target.

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (x, d = 3) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Collects latencies, errors (unexpected status or transport failure) and verification failures. */
export class Recorder {
  constructor(name) {
    this.name = name;
    this.latencies = [];
    this.errors = 0;
    this.verifyFailures = 0;
    this.samples = [];
    this.activeMs = 0;
    this.byType = new Map();
  }

  /** A successful request; `type` (optional) keeps a per-request-type breakdown. */
  ok(ms, type) {
    this.latencies.push(ms);
    if (type) {
      if (!this.byType.has(type)) this.byType.set(type, []);
      this.byType.get(type).push(ms);
    }
  }

  error(msg) {
    this.errors += 1;
    if (this.samples.length < 5) this.samples.push(`error: ${msg}`);
  }

  fail(msg) {
    this.verifyFailures += 1;
    if (this.samples.length < 5) this.samples.push(`verify: ${msg}`);
  }

  /** Checks a condition about a response; false = one verification failure. */
  check(cond, msg) {
    if (!cond) this.fail(typeof msg === 'function' ? msg() : msg);
    return Boolean(cond);
  }

  get requests() {
    return this.latencies.length + this.errors;
  }

  summary() {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      requests: this.requests,
      seconds: round(this.activeMs / 1000),
      rps: this.activeMs > 0 ? round((this.requests / this.activeMs) * 1000, 1) : null,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? null),
      mean: round(sorted.length ? sum / sorted.length : null),
      errors: this.errors,
      verifyFailures: this.verifyFailures,
      samples: this.samples,
      byType: Object.fromEntries([...this.byType].map(([t, xs]) => {
        const s = [...xs].sort((a, b) => a - b);
        return [t, { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)) }];
      })),
    };
  }
}

/** Median of a slice of latencies (large-group flatness: first tenth vs last tenth). */
export function medianOf(xs) {
  return percentile([...xs].sort((a, b) => a - b), 50);
}

export { round };
