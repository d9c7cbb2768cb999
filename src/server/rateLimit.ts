/**
 * Rate limits, per client address, checked before any token is looked up (@fastify/rate-limit's
 * in-memory store, used through `createRateLimit` so that it runs first in the service's own
 * onRequest hook, ahead of authentication):
 *
 * - `perAddress`: every /api/v1 request from an address counts, valid token or not — a flood
 *   of random tokens is turned away without a database lookup each;
 * - `failedAuth`: stricter, only 401s count (an unknown, malformed or revoked token); past it
 *   the address gets 429 for anything that needs a token until the window ends — guessing
 *   tokens is slow, a misconfigured workstation does not hammer the database.
 *
 * A centre's workstations may share one address (NAT), so `perAddress` is sized for a whole
 * centre. Each API node limits on its own; behind a load balancer set `trustProxy` there so
 * that the address is the client's.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimitOptions {
  perAddress: Limit;
  failedAuth: Limit;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  perAddress: { max: 1200, windowMs: 60_000 },
  failedAuth: { max: 30, windowMs: 300_000 },
};

/** `ONEWINDOW_RATE_LIMIT`: `<requests>/<seconds>` per address, optionally `,<failed>/<seconds>`; `off`. */
export function parseRateLimit(v: string | undefined): RateLimitOptions | false {
  if (!v) return DEFAULT_RATE_LIMIT;
  if (v === 'off') return false;
  const m = /^(\d+)\/(\d+)(?:,(\d+)\/(\d+))?$/.exec(v.trim());
  if (!m) throw new Error('ONEWINDOW_RATE_LIMIT is <requests>/<seconds>[,<failed authentications>/<seconds>] (e.g. 1200/60,30/300) or off');
  const limit = (max: string, s: string): Limit => {
    const l = { max: Number(max), windowMs: Number(s) * 1000 };
    if (!(l.max >= 1 && l.windowMs >= 1000)) throw new Error('ONEWINDOW_RATE_LIMIT: at least 1 request in at least 1 second');
    return l;
  };
  return { perAddress: limit(m[1]!, m[2]!), failedAuth: m[3] ? limit(m[3], m[4]!) : DEFAULT_RATE_LIMIT.failedAuth };
}
