// A latency histogram in microseconds with logarithmic buckets (2 % wide): small to send between processes,
// mergeable, and precise enough for p50 / p99.
const GROWTH = 1.02;
const LOG = Math.log(GROWTH);
const BUCKETS = 1200; // up to 1.02^1200 us, far beyond any run

export class Histogram {
  constructor(counts) {
    this.counts = counts ? Array.from(counts) : new Array(BUCKETS).fill(0);
    this.n = this.counts.reduce((a, b) => a + b, 0);
  }

  record(us) {
    const i = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(us) / LOG));
    this.counts[i]++;
    this.n++;
  }

  merge(other) {
    const c = other instanceof Histogram ? other.counts : other;
    for (let i = 0; i < BUCKETS; i++) {
      this.counts[i] += c[i];
      this.n += c[i];
    }
    return this;
  }

  /** The upper bound (us) of the bucket holding quantile q (0..1). */
  quantile(q) {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.pow(GROWTH, i);
    }
    return Infinity;
  }

  toJSON() {
    return this.counts;
  }
}
