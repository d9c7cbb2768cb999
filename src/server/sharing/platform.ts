/**
 * The seam to a provincial data-sharing platform (省一体化数据共享平台): a signed HTTP request per
 * look-up, with a timeout per attempt, retries with exponential backoff and a circuit breaker
 * (cockatiel), so a slow or failing platform costs the window little and is left alone for a while.
 *
 * ## The signed protocol (docs/data-sharing.md)
 * `POST <baseUrl>/v1/licences/query`, JSON `{ typeCode, holderIdType, holderId, holderName, on }`,
 * headers `X-Ow-App-Key`, `X-Ow-Timestamp` (Unix ms), `X-Ow-Nonce` (random, once), and
 * `X-Ow-Signature` = hex HMAC-SHA256(appSecret, `METHOD\npath\ntimestamp\nnonce\nsha256hex(body)`).
 * The platform answers 200 `{ licences: [...] }` (empty when it holds none) signed the same way
 * over `status\npath\ntimestamp\nrequest nonce\nsha256hex(body)` — bound to our nonce, so an old
 * answer cannot be replayed; an answer whose signature does not check is refused (`badSignature`).
 * A timestamp more than 5 minutes off is refused both ways.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { z } from 'zod';
import { HolderIdType, LicenceStatus } from '../../core/sharing/licence';
import type { PlatformNote } from '../../core/sharing/protocol';
import type { LicenceRecord } from './registry';

export interface PlatformConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Per attempt (default 2000 ms). */
  timeoutMs?: number;
  /** Attempts in all (default 3: two retries). */
  attempts?: number;
  /** First backoff delay (default 100 ms; doubling, with jitter, at most 2 s). */
  backoffMs?: number;
  /** Consecutive failed look-ups that open the circuit (default 5). */
  breakAfter?: number;
  /** How long the circuit stays open before one trial request (default 30 s). */
  halfOpenAfterMs?: number;
  /** How long an answer is reused for the same holder and type (default 60 s). */
  cacheSeconds?: number;
}

export interface PlatformQuery {
  typeCode: string;
  holderIdType: HolderIdType;
  holderId: string;
  holderName: string;
  on: string;
}

export type PlatformResult = { ok: true; candidates: LicenceRecord[] } | { ok: false; note: PlatformNote };

export interface PlatformAdapter {
  readonly cacheSeconds: number;
  query(q: PlatformQuery): Promise<PlatformResult>;
}

export const QUERY_PATH = '/v1/licences/query';
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const sha256 = (b: string): string => createHash('sha256').update(b, 'utf8').digest('hex');

/** The signature over one request or answer (see the module comment). */
export function platformSignature(secret: string, first: string, path: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${first}\n${path}\n${timestamp}\n${nonce}\n${sha256(body)}`, 'utf8').digest('hex');
}

export function signatureMatches(expected: string, given: string | null | undefined): boolean {
  if (!given || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

const PlatformLicence = z.object({
  typeCode: z.string().min(1).max(64),
  number: z.string().min(1).max(100),
  issuer: z.string().min(1).max(200),
  holderName: z.string().min(1).max(200),
  holderIdType: HolderIdType,
  holderId: z.string().min(1).max(64),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  status: LicenceStatus,
  fields: z.record(z.string(), z.string()).default({}),
});
const PlatformAnswer = z.object({ licences: z.array(PlatformLicence).max(50) });

class PlatformFailure extends Error {
  constructor(
    readonly note: PlatformNote,
    /** Worth another attempt (a timeout, a 5xx, a dropped connection); a bad signature is not. */
    readonly transient: boolean,
  ) {
    super(note);
  }
}

export function createPlatformAdapter(config: PlatformConfig, now: () => Date = () => new Date()): PlatformAdapter {
  const base = config.baseUrl.replace(/\/+$/, '');
  const url = new URL(base + QUERY_PATH);
  const path = url.pathname;
  // Retried: a timeout (cockatiel's TaskCancelledError) and transient failures; never an open circuit.
  const transient = (e: unknown) => (e instanceof PlatformFailure && e.transient) || isTaskCancelledError(e);
  const policy = wrap(
    retry(
      handleWhen(transient),
      { maxAttempts: Math.max(0, (config.attempts ?? 3) - 1), backoff: new ExponentialBackoff({ initialDelay: config.backoffMs ?? 100, maxDelay: 2000 }) },
    ),
    circuitBreaker(
      handleWhen((e) => e instanceof PlatformFailure || isTaskCancelledError(e)),
      { halfOpenAfter: config.halfOpenAfterMs ?? 30_000, breaker: new ConsecutiveBreaker(config.breakAfter ?? 5) },
    ),
    timeout(config.timeoutMs ?? 2000, TimeoutStrategy.Aggressive),
  );

  async function attempt(q: PlatformQuery, signal: AbortSignal): Promise<LicenceRecord[]> {
    const body = JSON.stringify(q);
    const timestamp = String(now().getTime());
    const nonce = randomBytes(16).toString('hex');
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          'x-ow-app-key': config.appKey,
          'x-ow-timestamp': timestamp,
          'x-ow-nonce': nonce,
          'x-ow-signature': platformSignature(config.appSecret, 'POST', path, timestamp, nonce, body),
        },
        body,
      });
      text = await res.text();
    } catch (e) {
      if (signal.aborted) throw e; // the timeout's own cancellation
      throw new PlatformFailure('network', true);
    }
    if (res.status >= 500 || res.status === 429) throw new PlatformFailure('error', true);
    if (res.status !== 200) throw new PlatformFailure('error', false); // 401/403: our key or signature — retrying will not help
    const ts = res.headers.get('x-ow-timestamp') ?? '';
    const expected = platformSignature(config.appSecret, String(res.status), path, ts, nonce, text);
    if (!signatureMatches(expected, res.headers.get('x-ow-signature')) || Math.abs(Number(ts) - now().getTime()) > MAX_CLOCK_SKEW_MS)
      throw new PlatformFailure('badSignature', false);
    let parsed;
    try {
      parsed = PlatformAnswer.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) throw new PlatformFailure('badAnswer', false);
    return parsed.data.licences
      .filter((l) => l.typeCode === q.typeCode && l.holderIdType === q.holderIdType)
      .map((l) => ({ ...l, id: null, documentSha256: null }));
  }

  return {
    cacheSeconds: config.cacheSeconds ?? 60,
    async query(q) {
      try {
        return { ok: true, candidates: await policy.execute(({ signal }) => attempt(q, signal)) };
      } catch (e) {
        if (e instanceof PlatformFailure) return { ok: false, note: e.note };
        if (isBrokenCircuitError(e)) return { ok: false, note: 'circuitOpen' };
        if (isTaskCancelledError(e)) return { ok: false, note: 'timeout' };
        return { ok: false, note: 'error' };
      }
    },
  };
}

/** ONEWINDOW_PLATFORM_URL / _APP_KEY / _APP_SECRET (and _TIMEOUT_MS, _ATTEMPTS, _CACHE_SECONDS); null when no URL is set. */
export function platformConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig | null {
  const baseUrl = env.ONEWINDOW_PLATFORM_URL?.trim();
  if (!baseUrl) return null;
  const appKey = env.ONEWINDOW_PLATFORM_APP_KEY?.trim();
  const appSecret = env.ONEWINDOW_PLATFORM_APP_SECRET?.trim();
  if (!appKey || !appSecret) throw new Error('ONEWINDOW_PLATFORM_URL needs ONEWINDOW_PLATFORM_APP_KEY and ONEWINDOW_PLATFORM_APP_SECRET');
  if (!/^https?:\/\//.test(baseUrl)) throw new Error('ONEWINDOW_PLATFORM_URL must be an http(s):// URL');
  const num = (v: string | undefined) => (v?.trim() ? Number(v) : undefined);
  const c: PlatformConfig = { baseUrl, appKey, appSecret };
  const timeoutMs = num(env.ONEWINDOW_PLATFORM_TIMEOUT_MS);
  const attempts = num(env.ONEWINDOW_PLATFORM_ATTEMPTS);
  const cacheSeconds = num(env.ONEWINDOW_PLATFORM_CACHE_SECONDS);
  if (timeoutMs !== undefined) c.timeoutMs = timeoutMs;
  if (attempts !== undefined) c.attempts = attempts;
  if (cacheSeconds !== undefined) c.cacheSeconds = cacheSeconds;
  return c;
}
