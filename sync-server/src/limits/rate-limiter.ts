/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets keyed by a string (an IP address, a person). Keys that have refilled completely
 * are forgotten during a sweep every few thousand calls, so memory follows the number of recently
 * active keys and no timer is needed: a server that refuses thousands of connections keeps no
 * per-connection timer behind.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private calls = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` tokens from `key`'s bucket; false (and nothing taken) when it has too few. */
  take(key: string, cost = 1): boolean {
    const now = this.now();
    if (++this.calls % 4096 === 0) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const refilled = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    bucket.at = now;
    if (refilled < cost) {
      bucket.tokens = refilled;
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens = refilled - cost;
    this.buckets.set(key, bucket);
    return true;
  }

  /** How many keys are remembered; for tests and metrics. */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    const full = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at >= full) this.buckets.delete(key);
    }
  }
}
