/**
 * The UI is served from `app://onewindow/` — not file:// — so that the app has
 * one stable origin (`app://onewindow`) for IndexedDB, a secure context, and a
 * place to attach response headers (CSP).
 *
 * Pure module: no Electron import. index.ts passes the privileges to
 * protocol.registerSchemesAsPrivileged and the handler to protocol.handle.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'onewindow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * - standard: real origin (`app://onewindow`), relative URLs, IndexedDB/localStorage.
 * - secure: a secure context (crypto.subtle, navigator.storage.persist, no mixed-content games).
 * - supportFetchAPI: the renderer may `fetch('./something.json')` from its own bundle.
 * - corsEnabled is deliberately NOT set: every request is same-origin, and the flag
 *   would make the scheme's content readable cross-origin.
 * - bypassCSP, allowServiceWorkers, stream, codeCache: not needed.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Characters never allowed in a path segment after percent-decoding; `%` too,
 * so a double-encoded `%252e%252e` cannot become `..` anywhere downstream.
 */
const FORBIDDEN_SEGMENT_CHARS = /[\\/:*?"<>|%\x00-\x1f\x7f]/;

/**
 * Maps `app://onewindow/<path>` to a file under rootDir, or null when the URL
 * is not ours or could escape rootDir. Rejects (rather than normalises) `..`
 * and `.` segments in any spelling, backslashes, encoded slashes, drive letters
 * and colons, empty segments (`//`), and other schemes or hosts.
 * `/` maps to index.html. Query and fragment are ignored.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  // Look at the raw text first: the URL parser would silently normalise
  // `a/../b` and `%2e%2e`, and we would rather refuse than guess.
  if (/\\|%5c/i.test(requestUrl)) return null;
  const rawPath = rawPathOf(requestUrl);
  if (rawPath === null) return null;
  if (/%2f|%00/i.test(rawPath)) return null;

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null;
  if (url.port !== '' || url.username !== '' || url.password !== '') return null;

  const rawSegments = rawPath.split('/').slice(1); // rawPath starts with '/'
  const segments: string[] = [];
  for (const [i, raw] of rawSegments.entries()) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '') {
      // Only a trailing slash on the root ("/") is allowed; "//" or "/dir/" are not.
      if (i === rawSegments.length - 1 && rawSegments.length === 1) continue;
      return null;
    }
    if (seg === '.' || seg === '..' || FORBIDDEN_SEGMENT_CHARS.test(seg)) return null;
    // Windows quirks: "file." and "file " resolve to "file".
    if (/[. ]$/.test(seg)) return null;
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  const rel = path.relative(root, resolved);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return resolved;
}

/** The path part of a URL as written (before any normalisation), or null. */
function rawPathOf(requestUrl: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*(\/[^?#]*)?/i.exec(requestUrl);
  if (!m) return null;
  return m[1] ?? '/';
}

export interface AppProtocolOptions {
  /** Absolute path of the built renderer (out/renderer). */
  rootDir: string;
  /** Extra response headers for every response (CSP and friends). */
  headers: Readonly<Record<string, string>>;
  /** Injected for tests; defaults to fs.promises.readFile. */
  readFile?: (filePath: string) => Promise<Uint8Array>;
}

/**
 * A handler for `protocol.handle('app', …)`. Only GET/HEAD; files only (no
 * directory listings, no SPA fallback — the renderer uses hash routing);
 * 404 with an empty body otherwise, so nothing about the file system leaks.
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((p: string) => readFile(p));
  const baseHeaders = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    ...options.headers,
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...baseHeaders, Allow: 'GET, HEAD' } });
    }
    const filePath = resolveAppPath(options.rootDir, request.url);
    if (filePath === null) return notFound(baseHeaders);
    let body: Uint8Array;
    try {
      body = await read(filePath);
    } catch {
      return notFound(baseHeaders);
    }
    const headers = {
      ...baseHeaders,
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': String(body.byteLength),
    };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
}

function notFound(headers: Record<string, string>): Response {
  return new Response(null, { status: 404, headers });
}
