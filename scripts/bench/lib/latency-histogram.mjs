// Log-bucketed latency histogram (about 1 % resolution) so that millions of samples from
// several worker processes can be merged by adding arrays, instead of shipping every sample.
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2200; // 1.01^2200 µs ≈ 3e9 µs: anything slower is clamped into the last bucket.

export class LatencyHistogram {
  constructor(counts) {
    this.counts = counts ? Uint32Array.from(counts) : new Uint32Array(BUCKETS);
    this.total = this.counts.reduce((a, b) => a + b, 0);
  }

  recordMicros(us) {
    const index = us < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
    this.counts[index] += 1;
    this.total += 1;
  }

  merge(other) {
    for (let k = 0; k < BUCKETS; k += 1) this.counts[k] += other.counts[k];
    this.total += other.total;
    return this;
  }

  /** Upper edge of the bucket holding quantile q, in milliseconds; null when empty. */
  quantileMs(q) {
    if (this.total === 0) return null;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let k = 0; k < BUCKETS; k += 1) {
      seen += this.counts[k];
      if (seen >= rank) return GROWTH ** (k + 1) / 1000;
    }
    return GROWTH ** BUCKETS / 1000;
  }

  summary() {
    return { count: this.total, p50: this.quantileMs(0.5), p99: this.quantileMs(0.99), p999: this.quantileMs(0.999) };
  }

  toJSON() {
    return Array.from(this.counts);
  }
}

/** Microseconds on CLOCK_MONOTONIC, which every process on this machine shares. */
export function nowMicros() {
  return Number(process.hrtime.bigint() / 1000n);
}
