import { describe, expect, it } from 'vitest';
import { failureOf } from './sharing-client';
import { messagesZh } from '../i18n/resources';

type Failure = Parameters<typeof failureOf>[0];
const fail = (kind: Failure['kind'], status: number | null, message: string): Failure => ({ ok: false, kind, status, message, paths: [] });
const zhSync = (messagesZh as { sync: { errors: Record<string, string> } }).sync.errors;

describe('look-up failures, mapped as the sync code maps them', () => {
  it('no answer (the browser’s "Failed to fetch", a timeout) is offline: the line offers paper or 由部门调取', () => {
    expect(failureOf(fail('network', null, 'Failed to fetch'))).toEqual({ kind: 'offline', configured: true, errorKey: 'network' });
    expect(failureOf(fail('timeout', null, 'timeout'))).toEqual({ kind: 'offline', configured: true, errorKey: 'timeout' });
  });

  it('an answer that is a refusal names its kind, with a Chinese sentence for each', () => {
    const cases: [Failure, string][] = [
      [fail('server', 429, 'rate limited'), 'rateLimited'],
      [fail('unauthorized', 401, 'bad token'), 'unauthorized'],
      [fail('rejected', 400, 'caseId: invalid'), 'refused'],
      [fail('server', 503, 'maintenance'), 'serverBusy'],
      [fail('malformed', 200, 'malformed answer at lookupId'), 'malformed'],
    ];
    for (const [f, key] of cases) {
      const r = failureOf(f);
      expect(r).toMatchObject({ kind: 'failed', errorKey: key });
      expect(zhSync[key]).toMatch(/[\u4e00-\u9fff]/);
      expect(zhSync[key]).not.toMatch(/fetch/i);
    }
  });
});
