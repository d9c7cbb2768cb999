import { describe, expect, it } from 'vitest';
import { canonicalJson, DepartmentDecision, PushRequest } from './protocol';

describe('canonicalJson', () => {
  it('is the same for the same content whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
  it('drops undefined properties and keeps nulls', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
  it('differs when any value differs', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

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
