import { describe, expect, it } from 'vitest';
import { DepartmentDecision, PushRequest } from './protocol';

describe('protocol schemas', () => {
  it('refuses an empty push batch', () => {
    expect(PushRequest.safeParse({ cases: [] }).success).toBe(false);
  });
  it('a denial needs its reason; a correction needs a comment', () => {
    expect(DepartmentDecision.safeParse({ kind: 'denied' }).success).toBe(false);
    expect(DepartmentDecision.safeParse({ kind: 'correctionRequested' }).success).toBe(false);
    expect(DepartmentDecision.safeParse({ kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '号码空号' }] }).success).toBe(true);
    expect(DepartmentDecision.safeParse({ kind: 'approved', resultReady: true }).success).toBe(true);
  });
});
