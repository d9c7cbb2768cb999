import { describe, expect, it } from 'vitest';
import { zhCN } from '../i18n/zh-CN';
import { enUS } from '../i18n/en-US';
import { classifySyncError } from './errors';

describe('sync errors in the clerk’s words', () => {
  it.each([
    ['Failed to fetch', 'network'], // Chromium
    ['NetworkError when attempting to fetch resource.', 'network'], // Firefox
    ['Load failed', 'network'], // Safari
    ['fetch failed', 'network'], // Node
    ['timeout', 'timeout'],
    ['HTTP 401: the token is not valid', 'unauthorized'],
    ['HTTP 429: slow down', 'rateLimited'],
    ['HTTP 503: maintenance', 'serverBusy'],
    ['HTTP 500: internal error', 'serverError'],
    ['HTTP 413: too large', 'refused'],
    ['malformed answer at results.0.caseId', 'malformed'],
    ['no result for this case in the answer', 'noResult'],
    ['local: QuotaExceededError', 'local'],
    ['catalog: HTTP 502: bad gateway', 'serverBusy'], // a reference-data pull names itself first
    ['something else entirely', 'other'],
  ])('%s → %s', (raw, key) => {
    const e = classifySyncError(raw);
    expect(e.key).toBe(key);
    expect(e.detail).toBe(raw);
  });

  it('keeps the HTTP status for the sentence', () => {
    expect(classifySyncError('HTTP 500: boom').params).toEqual({ status: '500' });
  });

  it('every key has a sentence in both languages, and the Chinese one is Chinese', () => {
    const zh = zhCN.sync.errors as Record<string, string>;
    const en = enUS.sync.errors as Record<string, string>;
    for (const raw of ['Failed to fetch', 'timeout', 'HTTP 401', 'HTTP 429', 'HTTP 503', 'HTTP 500', 'HTTP 400', 'malformed answer', 'no result for this case in the answer', 'local: X', '?']) {
      const { key } = classifySyncError(raw);
      expect(zh[key]).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key]).toBeTruthy();
    }
  });
});
