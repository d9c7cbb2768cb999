/**
 * The workstation's HTTP client for the department-queue service (/api/v1).
 *
 * Never throws and never trusts an answer: every request has a timeout (AbortController,
 * 15 s by default), and every body is validated with zod. A malformed answer is treated
 * like no answer (a network error, for backoff purposes).
 */
import { z } from 'zod';
import { API_PREFIX, ApiError } from '@core/sync/protocol';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface ServerTarget {
  serverUrl: string;
  token: string;
}

export type ApiFailureKind =
  /** No answer: DNS, refused, reset, offline, CSP/CORS blocked. */
  | 'network'
  | 'timeout'
  /** 401 / 403: the token is wrong, revoked, or not a workstation's. */
  | 'unauthorized'
  /** 400 / 409 / 413 / 422: the request (its data) was refused as a whole. */
  | 'rejected'
  /** 429, 5xx and other statuses: try again later. */
  | 'server'
  /** 2xx with a body that is not what the protocol says. */
  | 'malformed';

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      kind: ApiFailureKind;
      status: number | null;
      message: string;
      paths: string[];
      /** 429 / 503 with a Retry-After in seconds. */
      retryAfterSeconds?: number;
    };

/** What a 4xx/5xx body may say: the protocol's ApiError, else a few common shapes, read leniently. */
const LooseErrorBody = z
  .object({
    error: z.string().max(200).optional(),
    message: z.string().max(2000).optional(),
    reason: z.string().max(2000).optional(),
    paths: z.array(z.string().max(200)).max(50).optional(),
  })
  .loose();

function describeError(json: unknown, status: number): { message: string; paths: string[] } {
  const api = ApiError.safeParse(json);
  if (api.success) return { message: (api.data.error.message || api.data.error.code).slice(0, 500), paths: (api.data.error.paths ?? []).slice(0, 50) };
  const loose = LooseErrorBody.safeParse(json);
  const b = loose.success ? loose.data : {};
  return { message: (b.reason ?? b.message ?? b.error ?? `HTTP ${status}`).slice(0, 500), paths: (b.paths ?? []).slice(0, 50) };
}

function failureKind(status: number): ApiFailureKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 400 || status === 409 || status === 413 || status === 422) return 'rejected';
  return 'server';
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** A body already serialised as JSON (instead of `body`). */
  bodyText?: string;
  /** Send the bearer token (all but /health). */
  auth?: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export async function apiRequest<S extends z.ZodType>(target: ServerTarget, path: string, schema: S, opts: RequestOptions = {}): Promise<ApiResult<z.infer<S>>> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.auth !== false) headers['Authorization'] = `Bearer ${target.token}`;
    const bodyText = opts.bodyText ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
    if (bodyText !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${target.serverUrl}${API_PREFIX}${path}`, {
        method: opts.method ?? 'GET',
        headers,
        ...(bodyText !== undefined ? { body: bodyText } : {}),
        signal: ctrl.signal,
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
      });
    } catch (e) {
      if (ctrl.signal.aborted) return { ok: false, kind: 'timeout', status: null, message: 'timeout', paths: [] };
      return { ok: false, kind: 'network', status: null, message: e instanceof Error ? e.message.slice(0, 200) || e.name : 'network', paths: [] };
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      return { ok: false, kind: ctrl.signal.aborted ? 'timeout' : 'network', status: res.status, message: 'body-read-failed', paths: [] };
    }
    let json: unknown = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const { message, paths } = describeError(json, res.status);
      const retryAfter = Number(res.headers.get('Retry-After'));
      return {
        ok: false,
        kind: failureKind(res.status),
        status: res.status,
        message,
        paths,
        ...((res.status === 429 || res.status === 503) && Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, kind: 'malformed', status: res.status, message: `malformed answer${first ? ` at ${first.path.join('.') || '(root)'}` : ''}`, paths: [] };
    }
    return { ok: true, status: res.status, data: parsed.data };
  } finally {
    clearTimeout(timer);
  }
}
