/**
 * Security policy for every web contents and the default session: CSP,
 * navigation and window-open denial, permission handlers, webPreferences.
 *
 * Pure module: Electron objects come in as small structural interfaces so that
 * the tests run in plain Node (importing 'electron' there would throw).
 * Nothing here logs URLs — only fixed event names.
 */
import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from './protocol';

// ---------------------------------------------------------------------------
// Origins

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL gives an opaque origin
 * ("null") for non-special schemes such as app:, so build it by hand there.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  if (u.host === '') return null;
  return `${u.protocol}//${u.host}`.toLowerCase();
}

/** An http(s) origin with no path/query/credentials, normalised; else null. */
export function normalizeHttpOrigin(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '') return null;
  return u.origin;
}

/**
 * The origins the renderer is loaded from: always app://onewindow; in
 * development (unpackaged) also the electron-vite dev server.
 */
export function trustedOrigins(devServerUrl: string | undefined, isPackaged: boolean): string[] {
  const origins = [APP_ORIGIN];
  if (!isPackaged && devServerUrl) {
    const dev = originOf(devServerUrl);
    if (dev !== null && /^https?:\/\//.test(dev)) origins.push(dev);
  }
  return origins;
}

// ---------------------------------------------------------------------------
// Content-Security-Policy

/**
 * Where the renderer may connect besides 'self' when no sync server is
 * configured: the department-queue service on this machine (the one-command
 * local setup). A sync server elsewhere is added with ONEWINDOW_SYNC_ORIGIN.
 */
export const DEFAULT_CONNECT_SRC: readonly string[] = ['http://127.0.0.1:*', 'http://localhost:*'];

/**
 * Sync server origins from an environment variable: a comma-separated list of
 * http(s) origins. Anything that is not a clean origin is dropped.
 */
export function syncOriginsFromEnv(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const origin = normalizeHttpOrigin(part);
    if (origin && !out.includes(origin)) out.push(origin);
  }
  return out;
}

/** A CSP host-source we are willing to emit: scheme://host[:port|:*], no path, nothing that could end a directive. */
const CSP_SOURCE_RE = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?$/i;

export function isSafeCspSource(source: string): boolean {
  return CSP_SOURCE_RE.test(source);
}

export interface CspOptions {
  /** Extra connect-src sources (sync server origins). Unsafe entries throw. */
  connectSrc?: readonly string[];
}

export function buildCsp(options: CspOptions = {}): string {
  const connect = ["'self'"];
  for (const src of options.connectSrc ?? []) {
    if (!isSafeCspSource(src)) throw new Error('unsafe connect-src source');
    if (!connect.includes(src)) connect.push(src);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['worker-src', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers added to every app:// response. */
export function appResponseHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

// ---------------------------------------------------------------------------
// Navigation and new windows

/** Only our own pages: app://onewindow/… (and the dev server in development). */
export function isAllowedNavigation(url: string, allowedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

export interface NavigationEventLike {
  url: string;
  preventDefault(): void;
}

/** The part of WebContents that hardenWebContents touches. */
export interface HardenableWebContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (e: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type SecurityLog = (event: string) => void;

/**
 * Wire the navigation policy onto one web contents (called from
 * app 'web-contents-created', so it covers every contents, not just ours).
 * No new windows at all; no navigation off our origin; no <webview>.
 */
export function hardenWebContents(
  contents: HardenableWebContents,
  allowedOrigins: readonly string[],
  log: SecurityLog = () => {},
): void {
  const guardNavigation = (name: string) => (e: NavigationEventLike) => {
    if (!isAllowedNavigation(e.url, allowedOrigins)) {
      e.preventDefault();
      log(`${name}-denied`);
    }
  };
  contents.on('will-navigate', guardNavigation('navigate'));
  contents.on('will-frame-navigate', guardNavigation('frame-navigate'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.on('will-attach-webview', (e) => {
    e.preventDefault();
    log('webview-denied');
  });
  contents.setWindowOpenHandler(() => {
    log('window-open-denied');
    return { action: 'deny' };
  });
}

// ---------------------------------------------------------------------------
// Permissions

/**
 * Permissions our own pages may have; everything else is denied, and nothing
 * at all is granted to other origins.
 * - clipboard-sanitized-write: "copy case number / copy checklist" buttons.
 * - persistent-storage: navigator.storage.persist(), so Chromium never evicts
 *   the IndexedDB that holds unsent cases under disk pressure.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'persistent-storage',
  // 补正 / 办结 alerts, only after the clerk opts in on the Settings page
  'notifications',
]);

/**
 * The document camera (高拍仪) is a UVC camera the capture panel opens with getUserMedia: the app's
 * own pages may use video, never the microphone. Electron asks with permission 'media' and the
 * media types (a request lists them, a check names one).
 */
export function isCameraOnly(details: { mediaTypes?: readonly string[]; mediaType?: string } | undefined): boolean {
  if (!details) return false;
  if (Array.isArray(details.mediaTypes)) return details.mediaTypes.length > 0 && details.mediaTypes.every((t) => t === 'video');
  return details.mediaType === 'video';
}

export function isPermissionAllowed(
  permission: string,
  requestingUrlOrOrigin: string | undefined,
  allowedOrigins: readonly string[],
  mediaDetails?: { mediaTypes?: readonly string[]; mediaType?: string },
): boolean {
  if (permission === 'media') {
    if (!isCameraOnly(mediaDetails) || !requestingUrlOrOrigin) return false;
    const origin = originOf(requestingUrlOrOrigin);
    return origin !== null && allowedOrigins.includes(origin);
  }
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (!requestingUrlOrOrigin) return false;
  const origin = originOf(requestingUrlOrOrigin);
  return origin !== null && allowedOrigins.includes(origin);
}

/** The part of Session that hardenSession touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; mediaTypes?: readonly string[] },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: { mediaType?: string } | undefined) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export function hardenSession(
  session: HardenableSession,
  allowedOrigins: readonly string[],
  log: SecurityLog = () => {},
): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const ok = isPermissionAllowed(permission, details?.requestingUrl, allowedOrigins, details);
    if (!ok) log(`permission-denied:${permission}`);
    callback(ok);
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, allowedOrigins, details),
  );
  // WebHID / WebUSB / Web Serial: no device access from the renderer.
  session.setDevicePermissionHandler(() => false);
}

// ---------------------------------------------------------------------------
// webPreferences

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Middle-click would ask for a new window (denied anyway); switch it off at the source.
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}
