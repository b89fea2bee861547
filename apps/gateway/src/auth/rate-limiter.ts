/**
 * Token bucket per API key: `perMinute` requests a minute on average, bursts up to the
 * same number. In memory, so each gateway replica limits on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** 0 when the request may proceed (and `tokens` are counted); otherwise seconds until it would. */
  take(key: string, tokens = 1): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    // A charge larger than the bucket is allowed once it is (nearly: the request's own token is
    // gone) full, so one costly request is possible but then takes the key's budget for as long as it is worth.
    const needed = Math.min(tokens, Math.max(1, this.perMinute - 1));
    if (bucket.tokens >= needed) {
      bucket.tokens -= tokens;
      return 0;
    }
    return Math.max(1, Math.ceil((needed - bucket.tokens) / this.refillPerMs / 1000));
  }
}
