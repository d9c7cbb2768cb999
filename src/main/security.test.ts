import { describe, expect, it, vi } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  appResponseHeaders,
  buildCsp,
  DEFAULT_CONNECT_SRC,
  hardenSession,
  hardenWebContents,
  isAllowedNavigation,
  isPermissionAllowed,
  isSafeCspSource,
  normalizeHttpOrigin,
  originOf,
  secureWebPreferences,
  syncOriginsFromEnv,
  trustedOrigins,
  type HardenableSession,
  type HardenableWebContents,
  type NavigationEventLike,
} from './security';

const APP = ['app://onewindow'];

describe('originOf', () => {
  it('handles app: (which Node gives an opaque origin) and http(s)', () => {
    expect(originOf('app://onewindow/index.html#/x')).toBe('app://onewindow');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('https://example.gov.cn/a?b')).toBe('https://example.gov.cn');
  });
  it('returns null for host-less and unparsable URLs', () => {
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('normalizeHttpOrigin / syncOriginsFromEnv', () => {
  it('accepts clean http(s) origins', () => {
    expect(normalizeHttpOrigin('https://queue.example.gov.cn')).toBe('https://queue.example.gov.cn');
    expect(normalizeHttpOrigin(' http://10.0.0.5:8080/ ')).toBe('http://10.0.0.5:8080');
  });
  it('rejects paths, credentials, queries and other schemes', () => {
    expect(normalizeHttpOrigin('https://x.cn/api')).toBeNull();
    expect(normalizeHttpOrigin('https://u:p@x.cn')).toBeNull();
    expect(normalizeHttpOrigin('https://x.cn?a')).toBeNull();
    expect(normalizeHttpOrigin('ftp://x.cn')).toBeNull();
    expect(normalizeHttpOrigin("https://x.cn; script-src 'unsafe-eval'")).toBeNull();
  });
  it('parses a comma-separated list and drops junk and duplicates', () => {
    expect(syncOriginsFromEnv(undefined)).toEqual([]);
    expect(syncOriginsFromEnv('https://a.cn, https://a.cn/ ,nonsense,http://10.1.1.1:9000')).toEqual([
      'https://a.cn',
      'http://10.1.1.1:9000',
    ]);
  });
});

describe('trustedOrigins', () => {
  it('is only app://onewindow when packaged, whatever the environment says', () => {
    expect(trustedOrigins('http://localhost:5173', true)).toEqual(['app://onewindow']);
    expect(trustedOrigins(undefined, false)).toEqual(['app://onewindow']);
  });
  it('adds the dev server origin in development', () => {
    expect(trustedOrigins('http://localhost:5173/', false)).toEqual(['app://onewindow', 'http://localhost:5173']);
  });
  it('ignores a dev server URL that is not http(s)', () => {
    expect(trustedOrigins('file:///tmp/x.html', false)).toEqual(['app://onewindow']);
    expect(trustedOrigins('javascript:alert(1)', false)).toEqual(['app://onewindow']);
  });
});

describe('buildCsp', () => {
  it('is strict by default', () => {
    const csp = buildCsp();
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(csp).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain('unsafe-inline');
  });

  it('adds connect-src sources (the sync server)', () => {
    const csp = buildCsp({ connectSrc: ['https://queue.example.gov.cn', ...DEFAULT_CONNECT_SRC] });
    expect(csp).toContain(
      "connect-src 'self' https://queue.example.gov.cn http://127.0.0.1:* http://localhost:*;",
    );
  });

  it('refuses sources that could inject directives', () => {
    expect(() => buildCsp({ connectSrc: ["https://x.cn; script-src 'unsafe-inline'"] })).toThrow();
    expect(() => buildCsp({ connectSrc: ['*'] })).toThrow();
    expect(() => buildCsp({ connectSrc: ['https:'] })).toThrow();
    expect(() => buildCsp({ connectSrc: ["'unsafe-eval'"] })).toThrow();
    expect(isSafeCspSource('http://[::1]:8080')).toBe(true);
    expect(isSafeCspSource('https://x.cn/path')).toBe(false);
  });

  it('goes into the app:// response headers', () => {
    expect(appResponseHeaders('CSP')).toMatchObject({ 'Content-Security-Policy': 'CSP' });
  });
});

describe('isAllowedNavigation', () => {
  it('allows only app://onewindow by default', () => {
    expect(isAllowedNavigation('app://onewindow/index.html#/cases')).toBe(true);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
    expect(isAllowedNavigation('about:blank')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/')).toBe(false);
  });
  it('allows the dev server only when it is in the allowed list', () => {
    expect(isAllowedNavigation('http://localhost:5173/#/x', [...APP, 'http://localhost:5173'])).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', [...APP, 'http://localhost:5173'])).toBe(false);
  });
});

function fakeContents() {
  const listeners = new Map<string, (e: NavigationEventLike) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableWebContents = {
    on: ((event: string, listener: (e: NavigationEventLike) => void) => {
      listeners.set(event, listener);
      return contents;
    }) as HardenableWebContents['on'],
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
  };
  const fire = (event: string, url = '') => {
    const e = { url, preventDefault: vi.fn() };
    listeners.get(event)!(e);
    return e.preventDefault;
  };
  return { contents, listeners, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('wires every navigation event, webview and window.open', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP);
    expect([...f.listeners.keys()].sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );
  });

  it('prevents navigation away from the app and allows in-app navigation', () => {
    const log = vi.fn();
    const f = fakeContents();
    hardenWebContents(f.contents, APP, log);
    for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(f.fire(ev, 'https://evil.example/?id=110101199001011234')).toHaveBeenCalled();
      expect(f.fire(ev, 'app://onewindow/index.html')).not.toHaveBeenCalled();
    }
    // logs carry no URL (it could hold personal data)
    expect(log.mock.calls.flat().join(' ')).not.toMatch(/evil|1101/);
  });

  it('always prevents <webview> and denies window.open', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP);
    expect(f.fire('will-attach-webview')).toHaveBeenCalled();
    expect(f.open('https://example.com')).toEqual({ action: 'deny' });
    expect(f.open('app://onewindow/index.html')).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('grants only the allow-listed permissions, only to our origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://onewindow/index.html', APP)).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'app://onewindow', APP)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example', APP)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, APP)).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://onewindow', APP)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example', APP)).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(p, 'app://onewindow', APP)).toBe(false);
    }
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications', 'persistent-storage']);
  });

  it('hardenSession installs request, check and device handlers', () => {
    let request: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined;
    let device: Parameters<HardenableSession['setDevicePermissionHandler']>[0] | undefined;
    hardenSession(
      {
        setPermissionRequestHandler: (h) => (request = h),
        setPermissionCheckHandler: (h) => (check = h),
        setDevicePermissionHandler: (h) => (device = h),
      },
      APP,
    );
    const cb = vi.fn();
    request!(null, 'media', cb, { requestingUrl: 'app://onewindow/index.html' });
    expect(cb).toHaveBeenLastCalledWith(false);
    // the document camera: video for the app's own pages, never the microphone, never elsewhere
    request!(null, 'media', cb, { requestingUrl: 'app://onewindow/index.html', mediaTypes: ['video'] });
    expect(cb).toHaveBeenLastCalledWith(true);
    request!(null, 'media', cb, { requestingUrl: 'app://onewindow/index.html', mediaTypes: ['video', 'audio'] });
    expect(cb).toHaveBeenLastCalledWith(false);
    request!(null, 'media', cb, { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    expect(cb).toHaveBeenLastCalledWith(false);
    expect(check!(null, 'media', 'app://onewindow', { mediaType: 'video' })).toBe(true);
    expect(check!(null, 'media', 'app://onewindow', { mediaType: 'audio' })).toBe(false);
    request!(null, 'clipboard-sanitized-write', cb, { requestingUrl: 'app://onewindow/index.html' });
    expect(cb).toHaveBeenLastCalledWith(true);
    request!(null, 'clipboard-sanitized-write', cb, { requestingUrl: 'https://evil.example/' });
    expect(cb).toHaveBeenLastCalledWith(false);
    expect(check!(null, 'geolocation', 'app://onewindow', {})).toBe(false);
    expect(check!(null, 'persistent-storage', 'app://onewindow', {})).toBe(true);
    expect(device!({})).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('turns every isolation on and every risky feature off', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});
