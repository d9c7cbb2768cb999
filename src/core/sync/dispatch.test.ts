import { describe, expect, it } from 'vitest';
import { FOOD, HOTEL_BUNDLE, HYGIENE, INSURANCE, foodSubject, hotelSubject, makeIntakeCatalog } from '../../../test/fixtures/intake';
import type { DepartmentDecisionKind, DispatchState } from './protocol';
import { ALLOWED_DECISIONS, canClaim, decideTransition, isFinalDispatchState, mayDecide, resolveDepartments } from './dispatch';

const catalog = makeIntakeCatalog();

describe('resolveDepartments', () => {
  it('one item with no co-handling department: one dispatch', () => {
    const r = resolveDepartments(catalog, foodSubject());
    expect(r).toEqual({ ok: true, targets: [{ departmentCode: 'SCJG', basicCodes: [FOOD], roles: ['implementing'], itemNames: ['食品经营许可'] }] });
  });

  it('an item with a co-handling department (联办机构) fans out to both', () => {
    const r = resolveDepartments(catalog, { kind: 'item', basicCode: HYGIENE, handlingItemCodes: [] });
    expect(r.ok && r.targets.map((t) => [t.departmentCode, t.roles])).toEqual([
      ['WJJ', ['implementing']],
      ['SCJG', ['coHandling']],
    ]);
  });

  it('a bundle: one dispatch per department, a department responsible for two items gets one dispatch', () => {
    const r = resolveDepartments(catalog, hotelSubject());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.targets).toEqual([
      { departmentCode: 'WJJ', basicCodes: [HYGIENE], roles: ['implementing'], itemNames: ['公共场所卫生许可'] },
      // implements FOOD, co-handles HYGIENE
      { departmentCode: 'SCJG', basicCodes: [FOOD, HYGIENE], roles: ['implementing', 'coHandling'], itemNames: ['食品经营许可', '公共场所卫生许可'] },
    ]);
  });

  it('a bundle without its optional item', () => {
    const r = resolveDepartments(catalog, hotelSubject([HYGIENE]));
    expect(r.ok && r.targets.map((t) => t.departmentCode)).toEqual(['WJJ', 'SCJG']);
  });

  it('an item not in the catalog version is refused with its path', () => {
    const r = resolveDepartments(catalog, { kind: 'item', basicCode: '999999999999', handlingItemCodes: [] });
    expect(r).toMatchObject({ ok: false, paths: ['subject.basicCode'] });
    if (!r.ok) expect(r.reason).toContain('2026.11.1');
  });

  it('a bundle that is unknown, has a stranger item, or lacks a required item', () => {
    expect(resolveDepartments(catalog, { kind: 'bundle', bundleId: 'nope', basicCodes: [FOOD] })).toMatchObject({ ok: false, paths: ['subject.bundleId'] });
    expect(resolveDepartments(catalog, { kind: 'bundle', bundleId: HOTEL_BUNDLE, basicCodes: [HYGIENE, INSURANCE] })).toMatchObject({
      ok: false,
      paths: ['subject.basicCodes[1]'],
    });
    expect(resolveDepartments(catalog, { kind: 'bundle', bundleId: HOTEL_BUNDLE, basicCodes: [FOOD] })).toMatchObject({
      ok: false,
      paths: ['subject.basicCodes'],
    });
  });

  it('a department co-handling its own item is listed once', () => {
    const c = makeIntakeCatalog((i) => {
      i.items[0]!.coHandlingDepartmentCodes = ['SCJG', 'YBJ'];
    });
    const r = resolveDepartments(c, foodSubject());
    expect(r.ok && r.targets).toEqual([
      { departmentCode: 'SCJG', basicCodes: [FOOD], roles: ['implementing'], itemNames: ['食品经营许可'] },
      { departmentCode: 'YBJ', basicCodes: [FOOD], roles: ['coHandling'], itemNames: ['食品经营许可'] },
    ]);
  });
});

describe('dispatch state machine', () => {
  const all: DispatchState[] = ['queued', 'claimed', 'inReview', 'correctionRequested', 'approved', 'denied', 'returned'];
  const decisions: DepartmentDecisionKind[] = ['takenForReview', 'correctionRequested', 'approved', 'denied', 'returned'];

  it('a queued dispatch must be claimed first', () => {
    for (const d of decisions) expect(decideTransition('queued', d)).toMatchObject({ ok: false, code: 'notClaimed' });
  });

  it('nothing follows approved, denied or returned', () => {
    for (const s of ['approved', 'denied', 'returned'] as const) {
      expect(isFinalDispatchState(s)).toBe(true);
      for (const d of decisions) expect(decideTransition(s, d)).toMatchObject({ ok: false, code: 'final' });
    }
  });

  it('claimed → inReview → correctionRequested → inReview → approved', () => {
    expect(decideTransition('claimed', 'takenForReview')).toEqual({ ok: true, to: 'inReview' });
    expect(decideTransition('inReview', 'correctionRequested')).toEqual({ ok: true, to: 'correctionRequested' });
    expect(decideTransition('correctionRequested', 'takenForReview')).toEqual({ ok: true, to: 'inReview' });
    expect(decideTransition('inReview', 'approved')).toEqual({ ok: true, to: 'approved' });
  });

  it('a dispatch waiting for the fix (待补正) may be returned again, to add a point', () => {
    expect(decideTransition('correctionRequested', 'correctionRequested')).toEqual({ ok: true, to: 'correctionRequested' });
    // but a dispatch nobody holds is still claimed first
    expect(decideTransition('queued', 'correctionRequested')).toMatchObject({ ok: false, code: 'notClaimed' });
  });

  it('a dispatch in review is not taken for review twice', () => {
    expect(decideTransition('inReview', 'takenForReview')).toMatchObject({ ok: false, code: 'notAllowed' });
  });

  it('every allowed decision leads to a state from which the machine can still end', () => {
    for (const s of all)
      for (const d of ALLOWED_DECISIONS[s]) {
        const r = decideTransition(s, d);
        expect(r.ok).toBe(true);
      }
  });

  it('claims: queued yes, claimed only after the lease ran out, others never', () => {
    expect(canClaim({ state: 'queued', leaseUntil: null }, 1000)).toEqual({ ok: true });
    expect(canClaim({ state: 'claimed', leaseUntil: 2000 }, 1000)).toMatchObject({ ok: false, code: 'leased' });
    expect(canClaim({ state: 'claimed', leaseUntil: 1000 }, 1000)).toEqual({ ok: true });
    expect(canClaim({ state: 'inReview', leaseUntil: null }, 1000)).toMatchObject({ ok: false, code: 'notClaimable' });
    expect(canClaim({ state: 'approved', leaseUntil: null }, 1000)).toMatchObject({ ok: false, code: 'notClaimable' });
  });

  it('a live lease of a named worker keeps other named workers out', () => {
    const d = { state: 'claimed' as const, leaseUntil: 2000, leaseOwner: 'wang' };
    expect(mayDecide(d, 'wang', 'SCJG', 1000)).toEqual({ ok: true });
    expect(mayDecide(d, 'li', 'SCJG', 1000)).toMatchObject({ ok: false });
    expect(mayDecide(d, 'SCJG', 'SCJG', 1000)).toEqual({ ok: true }); // department-wide
    expect(mayDecide(d, 'li', 'SCJG', 2000)).toEqual({ ok: true }); // lease ran out
    expect(mayDecide({ ...d, leaseOwner: 'SCJG' }, 'li', 'SCJG', 1000)).toEqual({ ok: true });
  });
});
