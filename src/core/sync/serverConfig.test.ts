import { describe, expect, it } from 'vitest';
import { isLoopbackOrigin, maskToken, parseServerUrl, SyncServerConfig } from './serverConfig';

describe('parseServerUrl', () => {
  it('accepts http(s) addresses and normalises them without a trailing slash', () => {
    expect(parseServerUrl(' http://127.0.0.1:8787/ ')).toEqual({ ok: true, url: 'http://127.0.0.1:8787', origin: 'http://127.0.0.1:8787' });
    expect(parseServerUrl('https://Queue.Example.gov.cn')).toEqual({ ok: true, url: 'https://queue.example.gov.cn', origin: 'https://queue.example.gov.cn' });
    expect(parseServerUrl('https://gw.example.cn/onewindow/')).toMatchObject({ ok: true, url: 'https://gw.example.cn/onewindow' });
  });
  it('refuses other schemes, credentials, queries, fragments and junk', () => {
    expect(parseServerUrl('')).toEqual({ ok: false, error: 'empty' });
    expect(parseServerUrl('queue.example.cn')).toEqual({ ok: false, error: 'malformed' });
    expect(parseServerUrl('ftp://example.cn')).toEqual({ ok: false, error: 'scheme' });
    expect(parseServerUrl('javascript:alert(1)')).toEqual({ ok: false, error: 'scheme' });
    expect(parseServerUrl('file:///etc/passwd')).toEqual({ ok: false, error: 'scheme' });
    expect(parseServerUrl('http://admin:secret@127.0.0.1:8787')).toEqual({ ok: false, error: 'credentials' });
    expect(parseServerUrl('http://user@127.0.0.1:8787')).toEqual({ ok: false, error: 'credentials' });
    expect(parseServerUrl('http://127.0.0.1:8787/?token=x')).toEqual({ ok: false, error: 'queryOrFragment' });
    expect(parseServerUrl('http://127.0.0.1:8787/#x')).toEqual({ ok: false, error: 'queryOrFragment' });
  });
});

describe('server config', () => {
  it('stores only normalised addresses and usable tokens', () => {
    expect(SyncServerConfig.safeParse({ serverUrl: 'http://127.0.0.1:8787', token: 'ws_0123456789abcdef', savedAt: 'x' }).success).toBe(true);
    expect(SyncServerConfig.safeParse({ serverUrl: 'http://127.0.0.1:8787/', token: 'ws_0123456789abcdef', savedAt: 'x' }).success).toBe(false);
    expect(SyncServerConfig.safeParse({ serverUrl: 'http://127.0.0.1:8787', token: 'has space inside', savedAt: 'x' }).success).toBe(false);
    expect(SyncServerConfig.safeParse({ serverUrl: 'http://127.0.0.1:8787', token: 'short', savedAt: 'x' }).success).toBe(false);
  });
  it('masks the token to its last four characters', () => {
    expect(maskToken('ws_0123456789abcdef')).toBe('••••••••cdef');
    expect(maskToken('abc')).toBe('••••');
  });
  it('knows which origins the browser build may reach', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:8787')).toBe(true);
    expect(isLoopbackOrigin('http://localhost:9000')).toBe(true);
    expect(isLoopbackOrigin('https://queue.example.gov.cn')).toBe(false);
    expect(isLoopbackOrigin('nonsense')).toBe(false);
  });
});
