import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../kernel';
import { agentPerson, makeDraft, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';
import {
  AuditEntry,
  appendEntry,
  auditEntryHash,
  caseAuditChanges,
  caseHistory,
  chainHead,
  changedFields,
  genesisHash,
  nextEntry,
  redactIdentity,
  sha256HexOf,
  verifyChain,
  withServerTime,
  type AuditDraftInput,
} from './audit';

const CASE_A = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CASE_B = '0b7e2a1c-3d4e-4f50-9a6b-7c8d9e0f1a2b';
const actor = { clerkId: 'C0107', role: 'clerk' as const, workstationId: 'WS-330106-12' };

function draft(caseId: string, n: number, extra: Partial<AuditDraftInput> = {}): AuditDraftInput {
  return {
    caseId,
    action: n === 1 ? 'case.created' : 'answer.set',
    actor,
    deviceTime: `2026-11-30T09:${String(10 + n).padStart(2, '0')}:00+08:00`,
    catalogVersion: '2026.11.1',
    ...(n > 1 ? { before: null, after: { key: `000117003000/q${n}`, option: 'yes' } } : {}),
    ...extra,
  };
}

/** A log of `n` entries for each case, the two cases interleaved as on a workstation. */
function makeLog(n = 6, cases = [CASE_A, CASE_B]): AuditEntry[] {
  let log: AuditEntry[] = [];
  for (let i = 1; i <= n; i += 1) for (const c of cases) log = appendEntry(log, draft(c, i));
  return log;
}

const only = (log: AuditEntry[], caseId = CASE_A) => log.filter((e) => e.caseId === caseId);
const rehash = (e: AuditEntry): AuditEntry => ({ ...e, hash: auditEntryHash(e) });

describe('SHA-256 (@noble/hashes)', () => {
  it('gives the FIPS 180-2 test vectors', () => {
    expect(sha256HexOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexOf('受理')).toHaveLength(64); // UTF-8
  });
});

describe('appending', () => {
  it('chains entries per case from a genesis bound to the case id', () => {
    const log = makeLog(3);
    const a = only(log);
    expect(a.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(a[0]!.prevHash).toBe(genesisHash(CASE_A));
    expect(genesisHash(CASE_A)).not.toBe(genesisHash(CASE_B));
    expect(a[1]!.prevHash).toBe(a[0]!.hash);
    expect(a[2]!.prevHash).toBe(a[1]!.hash);
    for (const e of log) expect(AuditEntry.safeParse(e).success).toBe(true);
  });

  it('hashes the canonical JSON of the entry without hash and serverTime', () => {
    const e = nextEntry(null, draft(CASE_A, 2));
    const { hash, ...rest } = e;
    expect(hash).toBe(sha256HexOf(canonicalJson(rest)));
    // key order does not matter; serverTime and extra store fields are not hashed
    const shuffled = Object.fromEntries(Object.entries(e).reverse()) as AuditEntry;
    expect(auditEntryHash(shuffled)).toBe(hash);
    const synced = withServerTime(e, '2026-11-30T01:20:03Z');
    expect(synced.serverTime).toBe('2026-11-30T01:20:03Z');
    expect(auditEntryHash(synced)).toBe(hash);
    expect(auditEntryHash({ ...e, id: 42 } as AuditEntry)).toBe(hash);
    expect(verifyChain([withServerTime(nextEntry(null, draft(CASE_A, 1)), '2026-11-30T01:20:03Z')]).ok).toBe(true);
    expect(() => withServerTime(e, 'yesterday')).toThrow(RangeError);
  });

  it('leaves the log unchanged and validates the draft', () => {
    const log = makeLog(1);
    const longer = appendEntry(log, draft(CASE_A, 2));
    expect(log).toHaveLength(2);
    expect(longer).toHaveLength(3);
    expect(() => appendEntry(log, { ...draft(CASE_A, 2), deviceTime: '2026-11-30 09:00' })).toThrow();
    expect(() => appendEntry(log, { ...draft(CASE_A, 2), action: 'case.deleted' as never })).toThrow();
    expect(() => appendEntry(log, { ...draft(CASE_A, 2), actor: { ...actor, role: 'admin' as never } })).toThrow();
    expect(() => nextEntry(log[1], draft(CASE_A, 2))).toThrow(RangeError); // log[1] is case B's
  });

  it('keeps before/after minimal with changedFields', () => {
    expect(changedFields({ name: '张伟', phone: '13805710123', address: 'x' }, { name: '张伟', phone: '13805710124' })).toEqual({
      before: { address: 'x', phone: '13805710123' },
      after: { address: null, phone: '13805710124' },
    });
    expect(changedFields({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toBeNull();
    expect(changedFields(undefined, { kind: 'person' })).toEqual({ before: { kind: null }, after: { kind: 'person' } });
  });
});

describe('verifyChain', () => {
  it('accepts an intact log of several cases', () => {
    expect(verifyChain(makeLog(6))).toEqual({ ok: true, cases: 2, entries: 12 });
    expect(verifyChain([])).toEqual({ ok: true, cases: 0, entries: 0 });
  });

  it('detects an altered entry (hash left as it was)', () => {
    const log = makeLog(6);
    const a = only(log);
    const target = a[2]!; // seq 3
    const tampered = log.map((e) => (e === target ? { ...e, after: { key: '000117003000/q3', option: 'no' } } : e));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, caseId: CASE_A, firstBadSeq: 3, kind: 'altered' });
    // the actor, the device time, the catalog version are covered too
    for (const change of [{ actor: { ...actor, clerkId: 'C0999' } }, { deviceTime: '2026-11-29T09:13:00+08:00' }, { catalogVersion: '2026.10.1' }]) {
      const t = log.map((e) => (e === target ? { ...e, ...change } : e));
      expect(verifyChain(t)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'altered' });
    }
  });

  it('detects an altered entry whose hash was recomputed (the next entry no longer links to it)', () => {
    const log = makeLog(6);
    const target = only(log)[2]!;
    const tampered = log.map((e) => (e === target ? rehash({ ...e, after: { key: '000117003000/q3', option: 'no' } }) : e));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, caseId: CASE_A, firstBadSeq: 3, kind: 'altered' });
  });

  it('detects a removed entry', () => {
    const log = makeLog(6);
    const a = only(log);
    expect(verifyChain(log.filter((e) => e !== a[3]))).toMatchObject({ ok: false, caseId: CASE_A, firstBadSeq: 4, kind: 'removed' });
    expect(verifyChain(log.filter((e) => e !== a[0]))).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'removed' });
  });

  it('detects a removed entry when the later ones were renumbered', () => {
    const a = only(makeLog(6));
    const cut = [...a.slice(0, 2), ...a.slice(3).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(verifyChain(cut)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'removed' });
    // renumbered and rehashed: the link to the missing entry is still broken
    const rehashed = [...a.slice(0, 2), ...a.slice(3).map((e) => rehash({ ...e, seq: e.seq - 1 }))];
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, firstBadSeq: 2 });
    // the first entry gone, the rest renumbered and rehashed: nothing links to the genesis
    const headless = a.slice(1).map((e) => rehash({ ...e, seq: e.seq - 1 }));
    expect(verifyChain(headless)).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'removed' });
  });

  it('detects reordered entries', () => {
    const log = makeLog(6);
    const a = only(log);
    const swapped = [a[0]!, a[1]!, a[3]!, a[2]!, a[4]!, a[5]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'reordered' });
    // the seq numbers swapped too (a store that sorts by seq)
    const renumbered = [a[0]!, a[1]!, { ...a[3]!, seq: 3 }, { ...a[2]!, seq: 4 }, a[4]!, a[5]!];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'reordered' });
  });

  it('detects an inserted entry', () => {
    const a = only(makeLog(6));
    // a forged entry slipped in after seq 2, properly hashed and linked, with a seq already taken
    const forged = nextEntry(a[1]!, draft(CASE_A, 3, { action: 'material.set', after: { key: 'shared/biz-lic', status: 'receivedOriginal' } }));
    expect(verifyChain([...a.slice(0, 2), forged, ...a.slice(2)])).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'inserted' });
    // … and the later entries renumbered and rehashed to make room
    const renumbered = [...a.slice(0, 2), forged, ...a.slice(2).map((e) => rehash({ ...e, seq: e.seq + 1 }))];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'inserted' });
    // at the very start
    const first = nextEntry(null, draft(CASE_A, 1, { actor: { ...actor, clerkId: 'C0999' } }));
    expect(verifyChain([first, ...a])).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'inserted' });
  });

  it('detects an entry moved to another case', () => {
    const log = makeLog(3);
    const b2 = only(log, CASE_B)[1]!;
    // taken out of case B and appended to case A, relinked and rehashed: A looks fine, B has a gap
    const moved = [...log.filter((e) => e !== b2), rehash({ ...b2, caseId: CASE_A, seq: 4, prevHash: only(log)[2]!.hash })];
    expect(verifyChain(only(moved)).ok).toBe(true);
    expect(verifyChain(moved)).toMatchObject({ ok: false, caseId: CASE_B, firstBadSeq: 2, kind: 'removed' });
  });

  it('catches truncation and a rewritten tail against an anchor, and a deleted log against requireCases', () => {
    const log = makeLog(6);
    const a = only(log);
    const anchor = chainHead(log, CASE_A)!;
    expect(anchor).toEqual({ seq: 6, hash: a[5]!.hash });
    expect(verifyChain(log, { anchors: { [CASE_A]: anchor } }).ok).toBe(true);
    // the last entry cut off: invisible to the chain alone, not to the anchor
    const truncated = log.filter((e) => e !== a[5]);
    expect(verifyChain(truncated).ok).toBe(true);
    expect(verifyChain(truncated, { anchors: new Map([[CASE_A, anchor]]) })).toMatchObject({ ok: false, caseId: CASE_A, firstBadSeq: 6, kind: 'removed' });
    // the last entry altered and rehashed
    const rewritten = log.map((e) => (e === a[5] ? rehash({ ...e, after: { forged: true } }) : e));
    expect(verifyChain(rewritten).ok).toBe(true);
    expect(verifyChain(rewritten, { anchors: { [CASE_A]: anchor } })).toMatchObject({ ok: false, firstBadSeq: 6, kind: 'altered' });
    // a case's whole log deleted
    const withoutA = log.filter((e) => e.caseId !== CASE_A);
    expect(verifyChain(withoutA).ok).toBe(true);
    expect(verifyChain(withoutA, { requireCases: [CASE_A, CASE_B] })).toMatchObject({ ok: false, caseId: CASE_A, firstBadSeq: 1, kind: 'removed' });
    expect(verifyChain(withoutA, { anchors: { [CASE_A]: anchor } })).toMatchObject({ ok: false, caseId: CASE_A, kind: 'removed' });
  });
});

describe('caseHistory', () => {
  it('gives one case’s entries by seq with its verification', () => {
    const log = makeLog(4);
    const h = caseHistory([...log].reverse(), CASE_B);
    expect(h.entries.map((e) => [e.caseId, e.seq])).toEqual([1, 2, 3, 4].map((s) => [CASE_B, s]));
    // verified in stored order: reversed is not the chain's order
    expect(h.verification).toMatchObject({ ok: false, kind: 'reordered' });
    expect(caseHistory(log, CASE_B).verification).toEqual({ ok: true, cases: 1, entries: 4 });
    const altered = log.map((e) => (e.caseId === CASE_A && e.seq === 2 ? { ...e, after: 'x' } : e));
    expect(caseHistory(altered, CASE_B).verification.ok).toBe(true);
    expect(caseHistory(altered, CASE_A).verification).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'altered' });
    expect(caseHistory(log, '00000000-0000-4000-8000-000000000000').verification).toMatchObject({ ok: false, kind: 'removed' });
    const head = chainHead(log, CASE_A)!;
    expect(caseHistory(log.slice(0, -2), CASE_A, head).verification).toMatchObject({ ok: false, kind: 'removed', firstBadSeq: 4 });
  });
});

describe('what a case change records (caseAuditChanges, redactIdentity)', () => {
  const IDS_IN_FULL = /\d{17}[\dX]|1[3-9]\d{9}/;

  it('records creation, then only the fields that changed, identity values masked', () => {
    const d0 = makeDraft();
    const created = caseAuditChanges(null, d0);
    expect(created.map((c) => c.action)).toEqual(['case.created']);
    const d1 = { ...d0, answers: { 'shared/premises': 'owned' }, materialStates: { 'shared/biz-lic': { status: 'receivedOriginal' as const } } };
    expect(caseAuditChanges(d0, d1).map((c) => c.action)).toEqual(['answer.set', 'material.set']);
    expect(caseAuditChanges(d1, d1)).toEqual([]); // an autosave without a change records nothing
    // 原件核验后退还 is recorded as its own state, not as an original received
    const checked = { ...d1, materialStates: { 'shared/biz-lic': { status: 'originalCheckedCopyKept' as const } } };
    expect(caseAuditChanges(d1, checked)).toEqual([
      { action: 'material.set', before: { 'shared/biz-lic': { status: 'receivedOriginal' } }, after: { 'shared/biz-lic': { status: 'originalCheckedCopyKept' } } },
    ]);
    const d2 = { ...d1, applicant: personApplicant(), agent: agentPerson(), step: 'review' as const };
    const ch = caseAuditChanges(d1, d2);
    expect(ch.map((c) => c.action)).toEqual(['applicant.updated', 'agent.updated', 'step.changed']);
    const text = JSON.stringify(ch);
    expect(text).not.toMatch(IDS_IN_FULL);
    expect(text).not.toContain(personApplicant().name);
    expect(ch[0]!.after).toMatchObject({ idNumber: '330106********1236', name: '张*', phone: '138****0123' });
    // one field changed: only that field
    const d3 = { ...d2, applicant: { ...personApplicant(), phone: '13912345678' } };
    expect(caseAuditChanges(d2, d3)).toEqual([{ action: 'applicant.updated', before: { phone: '138****0123' }, after: { phone: '139****5678' } }]);
  });

  it('keeps an organisation’s name and USCC (public registration data), masks its legal representative', () => {
    const d0 = makeDraft();
    const ch = caseAuditChanges(d0, { ...d0, applicant: organisationApplicant() });
    expect(ch[0]!.after).toMatchObject({ name: organisationApplicant().name, uscc: organisationApplicant().uscc, legalRepresentative: '王*' });
    expect(JSON.stringify(ch)).not.toMatch(IDS_IN_FULL);
    expect(redactIdentity({ commitment: { applicantName: '张伟', signerName: '李四' }, deep: [{ idNumber: '11010519491231002X' }] })).toEqual({
      commitment: { applicantName: '张*', signerName: '李*' },
      deep: [{ idNumber: '110105********002X' }],
    });
  });
});

describe('a tampered workstation log built from real case changes', () => {
  function realLog(): AuditEntry[] {
    let log: AuditEntry[] = [];
    const d0 = makeDraft();
    const steps = [d0, { ...d0, answers: { 'shared/premises': 'owned' } }, { ...d0, answers: { 'shared/premises': 'owned' }, applicant: personApplicant() }];
    let prev: typeof d0 | null = null;
    for (const [i, s] of steps.entries()) {
      for (const c of caseAuditChanges(prev, s)) log = appendEntry(log, { ...c, caseId: s.id, actor, deviceTime: `2026-11-30T09:1${i}:00+08:00`, catalogVersion: s.catalogVersion });
      prev = s;
    }
    return log;
  }

  it('verifies intact, and names the first broken entry when one is altered, removed or two are swapped', () => {
    const log = realLog();
    expect(log.map((e) => e.action)).toEqual(['case.created', 'answer.set', 'applicant.updated']);
    expect(verifyChain(log)).toMatchObject({ ok: true, entries: 3 });
    const altered = log.map((e) => (e.seq === 2 ? { ...e, after: { 'shared/premises': 'leased' } } : e));
    expect(verifyChain(altered)).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'altered' });
    expect(verifyChain(log.filter((e) => e.seq !== 2))).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'removed' });
    expect(verifyChain([log[0]!, log[2]!, log[1]!])).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'reordered' });
    // the actor or the device time changed afterwards: both are hashed
    expect(verifyChain(log.map((e) => (e.seq === 3 ? { ...e, actor: { ...e.actor, clerkId: 'C9999' } } : e)))).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'altered' });
    expect(verifyChain(log.map((e) => (e.seq === 1 ? { ...e, deviceTime: '2026-11-29T09:10:00+08:00' } : e)))).toMatchObject({ ok: false, firstBadSeq: 1 });
    // the server's time is outside the hash (filled in after the entry was chained)
    expect(verifyChain(log.map((e) => withServerTime(e, '2026-11-30T01:20:00Z'))).ok).toBe(true);
  });
});
