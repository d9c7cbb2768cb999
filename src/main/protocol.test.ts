import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  appSchemePrivileges,
  contentTypeFor,
  createAppProtocolHandler,
  resolveAppPath,
} from './protocol';

const ROOT = path.resolve('/srv/onewindow/out/renderer');
const inRoot = (...p: string[]) => path.join(ROOT, ...p);

describe('appSchemePrivileges', () => {
  it('registers app: as a standard, secure scheme with fetch, and nothing more', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_ORIGIN).toBe('app://onewindow');
    expect(APP_INDEX_URL).toBe('app://onewindow/index.html');
  });
});

describe('resolveAppPath', () => {
  it('maps files under the root', () => {
    expect(resolveAppPath(ROOT, 'app://onewindow/index.html')).toBe(inRoot('index.html'));
    expect(resolveAppPath(ROOT, 'app://onewindow/assets/index-abc123.js')).toBe(inRoot('assets', 'index-abc123.js'));
    expect(resolveAppPath(ROOT, 'app://onewindow/assets/%E4%B8%80%E7%AA%97.svg')).toBe(inRoot('assets', '一窗.svg'));
  });

  it('maps the root to index.html and ignores query and fragment', () => {
    expect(resolveAppPath(ROOT, 'app://onewindow/')).toBe(inRoot('index.html'));
    expect(resolveAppPath(ROOT, 'app://onewindow')).toBe(inRoot('index.html'));
    expect(resolveAppPath(ROOT, 'app://onewindow/index.html?x=1#/cases/42')).toBe(inRoot('index.html'));
  });

  it.each([
    ['dot-dot', 'app://onewindow/../etc/passwd'],
    ['dot-dot in the middle', 'app://onewindow/assets/../../secret'],
    ['dot-dot that stays inside', 'app://onewindow/assets/../index.html'],
    ['single dot', 'app://onewindow/./index.html'],
    ['encoded dot-dot', 'app://onewindow/%2e%2e/etc/passwd'],
    ['upper-case encoded dot-dot', 'app://onewindow/%2E%2E/%2E%2E/etc/passwd'],
    ['half-encoded dot-dot', 'app://onewindow/.%2e/secret'],
    ['double-encoded dot-dot', 'app://onewindow/%252e%252e/secret'],
    ['encoded slash', 'app://onewindow/assets%2f..%2f..%2fsecret'],
    ['backslash', 'app://onewindow/..\\..\\secret'],
    ['backslash in a name', 'app://onewindow/assets\\index.js'],
    ['encoded backslash', 'app://onewindow/..%5c..%5csecret'],
    ['NUL byte', 'app://onewindow/index.html%00.png'],
    ['absolute path (double slash)', 'app://onewindow//etc/passwd'],
    ['Windows drive letter', 'app://onewindow/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://onewindow/C%3A/Windows/win.ini'],
    ['NTFS stream', 'app://onewindow/index.html::$DATA'],
    ['trailing dot (Windows alias)', 'app://onewindow/index.html.'],
    ['directory with trailing slash', 'app://onewindow/assets/'],
    ['bad percent-encoding', 'app://onewindow/%E4%B8'],
    ['other host', 'app://evil/index.html'],
    ['host with port', 'app://onewindow:8080/index.html'],
    ['credentials', 'app://user:pw@onewindow/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['http', 'http://onewindow/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ])('rejects %s', (_name, url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('never returns a path outside the root', () => {
    const probes = ['a', '..', '.', '%2e', '%2e%2e', '%2F', '%5C', '\\', '/', '', 'x%00', 'C:', '~'];
    for (const a of probes) {
      for (const b of probes) {
        const p = resolveAppPath(ROOT, `app://onewindow/${a}/${b}`);
        if (p !== null) expect(p.startsWith(ROOT + path.sep)).toBe(true);
      }
    }
  });
});

describe('contentTypeFor', () => {
  it('knows the build output types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.wasm')).toBe('application/wasm');
  });
  it('falls back to octet-stream', () => {
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [inRoot('index.html'), '<!doctype html><title>t</title>'],
    [inRoot('assets', 'app.js'), 'console.log(1)'],
  ]);
  const readFile = vi.fn(async (p: string) => {
    const text = files.get(p);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  });
  const handler = createAppProtocolHandler({
    rootDir: ROOT,
    headers: { 'Content-Security-Policy': "default-src 'self'" },
    readFile,
  });

  it('serves a file with its content type and the security headers', async () => {
    const res = await handler(new Request('app://onewindow/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root', async () => {
    const res = await handler(new Request('app://onewindow/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const res = await handler(new Request('app://onewindow/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('404s missing files with an empty body (no path in it)', async () => {
    const res = await handler(new Request('app://onewindow/nope.js'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });

  it('404s traversal attempts without touching the file system', async () => {
    readFile.mockClear();
    const res = await handler(new Request('app://onewindow/..%5c..%5c..%5cetc%5cpasswd'));
    expect(res.status).toBe(404);
    expect(readFile).not.toHaveBeenCalled();
  });

  it('dot segments already normalised by the URL parser stay inside the root', async () => {
    readFile.mockClear();
    // Request (like Chromium) turns this into app://onewindow/etc/passwd.
    const res = await handler(new Request('app://onewindow/%2e%2e/%2e%2e/etc/passwd'));
    expect(res.status).toBe(404);
    expect(readFile.mock.calls).toEqual([[inRoot('etc', 'passwd')]]);
  });

  it('refuses other methods', async () => {
    const res = await handler(new Request('app://onewindow/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
