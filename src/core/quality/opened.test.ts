import { describe, expect, it } from 'vitest';
import { appendEntry, verifyChain, type AuditEntry } from './audit';
import { OPENED_QUIET_MINUTES, shouldRecordOpening } from './opened';

const CASE = '11111111-2222-4333-8444-555555555555';
const OTHER = '11111111-2222-4333-8444-666666666666';
const at = (hhmmss: string) => `2026-11-30T${hhmmss}+08:00`;

function log(...opens: [caseId: string, clerkId: string, time: string][]): AuditEntry[] {
  let entries: AuditEntry[] = [];
  entries = appendEntry(entries, { caseId: CASE, action: 'case.created', actor: { clerkId: 'C0042', role: 'clerk', workstationId: 'ws-1' }, deviceTime: at('08:00:00'), catalogVersion: '2026.11.1' });
  for (const [caseId, clerkId, time] of opens)
    entries = appendEntry(entries, { caseId, action: 'case.opened', actor: { clerkId, role: clerkId.startsWith('S') ? 'supervisor' : 'clerk', workstationId: 'ws-1' }, deviceTime: time, catalogVersion: '2026.11.1' });
  return entries;
}

describe('case.opened: once per user and case per few minutes', () => {
  it('records the first opening (other actions do not count)', () => {
    expect(shouldRecordOpening(log(), { caseId: CASE, clerkId: 'C0042', now: at('08:01:00') })).toBe(true);
  });

  it('does not record the same user again within the quiet minutes, and does from the minute they end', () => {
    const entries = log([CASE, 'C0042', at('09:00:00')]);
    expect(OPENED_QUIET_MINUTES).toBe(5);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:00:00') })).toBe(false);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:04:59') })).toBe(false);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:05:00') })).toBe(true);
    // the same instant written with another offset is the same instant
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: '2026-11-30T01:03:00Z' })).toBe(false);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:02:00') }, 1)).toBe(true);
  });

  it('records another user, and the same user on another case', () => {
    const entries = log([CASE, 'C0042', at('09:00:00')], [OTHER, 'S0001', at('09:00:30')]);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'S0001', now: at('09:01:00') })).toBe(true);
    expect(shouldRecordOpening(entries, { caseId: OTHER, clerkId: 'C0042', now: at('09:01:00') })).toBe(true);
    expect(shouldRecordOpening(entries, { caseId: OTHER, clerkId: 'S0001', now: at('09:01:00') })).toBe(false);
  });

  it('goes by the latest opening of the user, whatever the order of the entries', () => {
    const entries = log([CASE, 'C0042', at('09:00:00')], [CASE, 'C0042', at('09:10:00')]).reverse();
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:12:00') })).toBe(false);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('09:15:00') })).toBe(true);
  });

  it('records again when the clock went back (the last opening lies in the future)', () => {
    const entries = log([CASE, 'C0042', at('09:00:00')]);
    expect(shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: at('08:59:00') })).toBe(true);
  });

  it('keeps a chain of openings verifiable, and refuses a time without an offset', () => {
    const entries = log([CASE, 'C0042', at('09:00:00')], [CASE, 'S0001', at('09:01:00')], [CASE, 'C0042', at('09:06:00')]);
    expect(verifyChain(entries).ok).toBe(true);
    expect(() => shouldRecordOpening(entries, { caseId: CASE, clerkId: 'C0042', now: '2026-11-30 09:00' })).toThrow(RangeError);
  });
});
