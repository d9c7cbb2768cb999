/**
 * The workstation's connection to the department-queue service, as an administrator
 * enters it once in Settings: the server address and the workstation's token.
 *
 * The address is http(s) only, with no credentials, query or fragment (a token in a URL
 * ends up in logs); a path prefix is allowed for a service behind a reverse proxy.
 * Stored normalised without a trailing slash, so `${serverUrl}/api/v1/…` is always right.
 */
import { z } from 'zod';

export type ServerUrlError = 'empty' | 'malformed' | 'scheme' | 'credentials' | 'queryOrFragment';

export type ServerUrlResult = { ok: true; url: string; origin: string } | { ok: false; error: ServerUrlError };

export function parseServerUrl(input: string): ServerUrlResult {
  const s = input.trim();
  if (s === '') return { ok: false, error: 'empty' };
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, error: 'malformed' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, error: 'scheme' };
  if (u.username !== '' || u.password !== '') return { ok: false, error: 'credentials' };
  if (u.search !== '' || u.hash !== '' || s.includes('?') || s.includes('#')) return { ok: false, error: 'queryOrFragment' };
  if (u.hostname === '') return { ok: false, error: 'malformed' };
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.origin}${path}`, origin: u.origin };
}

/** Whether an origin is this machine (the only sync servers the browser build's CSP lets it reach). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
  } catch {
    return false;
  }
}

/** Tokens are opaque printable strings (no spaces: they go in an Authorization header). */
export const WorkstationToken = z
  .string()
  .trim()
  .min(8, 'too short')
  .max(512, 'too long')
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const SyncServerConfig = z.object({
  serverUrl: z.string().refine((s) => {
    const r = parseServerUrl(s);
    return r.ok && r.url === s;
  }, 'not a normalised http(s) server address'),
  token: WorkstationToken,
  /** ISO, when the administrator saved it. */
  savedAt: z.string(),
});
export type SyncServerConfig = z.infer<typeof SyncServerConfig>;

/** The token as shown after saving: its last four characters only. */
export function maskToken(token: string): string {
  const t = token.trim();
  if (t.length <= 4) return '••••';
  return `••••••••${t.slice(-4)}`;
}
