/** What a limiter says about one request. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a token is available (Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

export interface TenantRateLimiter {
  take(tenantId: string): Promise<RateDecision>;
}

/** Seconds (at least 1, an integer as Retry-After needs) until the bucket holds one token again. */
export function retryAfterFor(tokens: number, ratePerSecond: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / ratePerSecond));
}

/**
 * Token buckets in process memory, one per tenant: `rate` tokens a second refill a bucket of
 * `burst`. Exact for one replica; with several replicas each holds its own buckets (the
 * Redis limiter shares them). Keys are authenticated tenant ids, so the map is bounded by the
 * number of tenants.
 */
export class InMemoryTokenBuckets implements TenantRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async take(tenantId: string): Promise<RateDecision> {
    return this.takeSync(tenantId);
  }

  takeSync(tenantId: string): RateDecision {
    const now = this.now();
    const b = this.buckets.get(tenantId) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    this.buckets.set(tenantId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: retryAfterFor(b.tokens, this.rate) };
  }
}
