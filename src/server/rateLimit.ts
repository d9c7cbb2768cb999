/**
 * A token bucket per key (a token's actor, or the client address when there is no valid
 * token), in memory: `perSecond` requests a second on average, bursts up to `burst`.
 * Each API node limits on its own; behind a load balancer the effective limit is per
 * node, which is fine for what this protects against (a runaway client).
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 20, burst: 40 };

interface Bucket {
  tokens: number;
  at: number; // ms
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    /** Milliseconds, monotonic enough (injected by tests). */
    private readonly clock: () => number,
  ) {
    if (!(options.perSecond > 0) || !(options.burst >= 1)) throw new RangeError('rate limit: perSecond > 0 and burst ≥ 1');
  }

  take(key: string): TakeResult {
    const now = this.clock();
    const { perSecond, burst } = this.options;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= 10_000) this.prune(now);
      b = { tokens: burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perSecond)) };
  }

  /** Drops buckets that have refilled (they would start full anyway). */
  private prune(now: number): void {
    const { perSecond, burst } = this.options;
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(k);
  }
}
