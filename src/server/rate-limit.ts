/** Per-address token buckets in memory: a steady rate with a burst allowance; answers how long to wait. */
export interface RateLimitOptions {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests added back per second. */
  perSecond: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private readonly options: RateLimitOptions;

  constructor(options: RateLimitOptions) {
    this.options = options;
  }

  /** Takes one token for `key`; returns 0 when allowed, or the seconds to wait before the next try. */
  take(key: string, now = Date.now()): number {
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  /** Forgets full buckets so memory stays bounded under many addresses. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.options.perSecond >= this.options.burst) this.buckets.delete(key);
    }
  }
}
