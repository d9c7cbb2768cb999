/**
 * The shipped pack (resources/training/default-pack.json, written by
 * scripts/build-training-pack.mjs) against the default catalog: it imports with no error and no
 * warning, covers what an onboarding day needs, and every expected outcome is what the live
 * intake rules do with the expected facts — checked here directly with deriveChecklist,
 * checkApplicant, assessIntake and the decision builders, not with the training module's own
 * consistency check.
 */
import defaultPackJson from '../../../resources/training/default-pack.json';
import { describe, expect, it } from 'vitest';
import { checkResidentId, checkUscc } from '../identity';
import { checkApplicant } from '../intake/applicant';
import { deriveChecklist } from '../intake/checklist';
import { assessIntake, makeAcceptance, makeOneTimeNotice, makeRefusal } from '../intake/decision';
import { assessDeferral } from '../lifecycle/deferral';
import { defaultCatalog } from '../../../test/fixtures/training';
import { makeTrainingCaseNumber } from './isolation';
import { parseScenarioPackText, type Scenario } from './scenario';
import { attemptFromExpected, scoreDrill } from './scoring';

const text = JSON.stringify(defaultPackJson);
const catalog = defaultCatalog();
const parsed = parseScenarioPackText(text, catalog);
const scenarios: Scenario[] = parsed.ok ? parsed.pack.scenarios : [];

describe('default training pack', () => {
  it('imports against the default catalog with no error and no warning', () => {
    expect(parsed.ok ? [] : parsed.errors.map((e) => `${e.path}: ${e.message['en-US']}`)).toEqual([]);
    expect(parsed.warnings.map((e) => `${e.path}: ${e.message['en-US']}`)).toEqual([]);
  });

  it('has at least 15 scenarios, from easy (1) to tricky (5), written for the default catalog', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
    expect(new Set(scenarios.map((s) => s.level))).toEqual(new Set([1, 2, 3, 4, 5]));
    for (const s of scenarios) expect(s.catalogVersion).toBe(catalog.version);
  });

  it('covers the drills a new clerk needs', () => {
    const has = (pred: (s: Scenario) => boolean) => scenarios.some(pred);
    const subjectCode = (s: Scenario) => (s.expected.subject.kind === 'item' ? s.expected.subject.basicCode : null);
    // Items easily confused: 换领 vs 补领, 公积金租房 vs 购房提取.
    expect(has((s) => subjectCode(s) === '330002001000')).toBe(true);
    expect(has((s) => subjectCode(s) === '330002002000')).toBe(true);
    expect(has((s) => subjectCode(s) === '330009001000')).toBe(true);
    expect(has((s) => subjectCode(s) === '330009002000')).toBe(true);
    // A deferrable missing (容缺) vs a required missing.
    expect(has((s) => s.expected.decision.kind === 'deferral')).toBe(true);
    expect(
      has(
        (s) =>
          s.expected.decision.kind === 'oneTimeNotice' &&
          s.applicant.circumstances.some((c) => c.kind === 'asksForDeferral') &&
          !s.applicant.circumstances.some((c) => c.kind === 'dishonest'),
      ),
    ).toBe(true);
    // A dishonest applicant asking for 容缺: a notice, no 容缺.
    expect(
      has(
        (s) =>
          s.applicant.circumstances.some((c) => c.kind === 'dishonest') &&
          s.applicant.circumstances.some((c) => c.kind === 'asksForDeferral') &&
          s.expected.decision.kind === 'oneTimeNotice',
      ),
    ).toBe(true);
    // Bundles: 开办企业 and 新生儿出生.
    expect(has((s) => s.expected.subject.kind === 'bundle' && s.expected.subject.bundleId === 'start-business')).toBe(true);
    expect(has((s) => s.expected.subject.kind === 'bundle' && s.expected.subject.bundleId === 'newborn')).toBe(true);
    // An agent without an authorisation letter: the notice lists it.
    expect(
      has(
        (s) =>
          s.applicant.circumstances.some((c) => c.kind === 'agentWithoutAuthorisation') &&
          s.expected.decision.kind === 'oneTimeNotice' &&
          s.expected.decision.notice.includes('shared/power-of-attorney'),
      ),
    ).toBe(true);
    // Another jurisdiction: refuse, notJurisdiction, with where to apply.
    expect(has((s) => s.expected.decision.kind === 'refuse' && s.expected.decision.refusalCode === 'notJurisdiction' && !!s.expected.decision.whereToApply)).toBe(true);
    // A data-shared licence (免提交) the applicant did not bring.
    expect(
      has((s) => s.expected.materials['shared/business-licence']?.status === 'fetched' && s.applicant.documents.some((d) => d.key === 'shared/business-licence' && d.state === 'missing')),
    ).toBe(true);
    // An expired ID card (deficient here) — and one where it is the very reason (renewal).
    expect(has((s) => s.applicant.documents.some((d) => d.key === 'shared/applicant-id-card' && d.defect === 'expired'))).toBe(true);
    expect(has((s) => subjectCode(s) === '330002001000' && s.applicant.circumstances.some((c) => c.kind === 'expiredIdCard') && s.expected.decision.kind === 'accept')).toBe(true);
    // A USCC with a bad checksum, accepted after an override.
    expect(has((s) => s.applicant.party.kind === 'organisation' && !checkUscc(s.applicant.party.uscc).ok && s.expected.usccOverride)).toBe(true);
    // A perfect accept at level 1.
    expect(has((s) => s.level === 1 && s.expected.decision.kind === 'accept')).toBe(true);
  });

  it('uses valid identity numbers (fictional, but with the right check characters)', () => {
    for (const s of scenarios) {
      const p = s.applicant.party;
      if (p.kind === 'person') expect(checkResidentId(p.idNumber, s.drillDate).ok, `${s.id} applicant`).toBe(true);
      else {
        expect(checkUscc(p.uscc).ok, `${s.id} USCC`).toBe(!s.expected.usccOverride);
        if (p.legalRepresentativeIdNumber) expect(checkResidentId(p.legalRepresentativeIdNumber, s.drillDate).ok, `${s.id} rep`).toBe(true);
      }
      if (s.applicant.agent) expect(checkResidentId(s.applicant.agent.idNumber, s.drillDate).ok, `${s.id} agent`).toBe(true);
      expect(p.phone.startsWith('1380000') || p.phone.startsWith('0571-86'), `${s.id} phone looks fictional`).toBe(true);
    }
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const attempt = attemptFromExpected(s);
    const at = `${s.drillDate}T10:00:00+08:00`;
    const cn = makeTrainingCaseNumber({ centreCode: '330106', date: s.drillDate, sequence: 1 });
    if (!cn.ok) throw new Error('case number');
    const base = { at, by: 'trainee-1', caseNumber: cn.value };

    it('the expected outcome is what the intake rules do with the expected facts', () => {
      const check = checkApplicant({ applicant: attempt.applicant ?? undefined, agent: attempt.agent ?? null }, 'zh-CN', s.drillDate);
      expect(check.problems).toEqual([]);
      const d = s.expected.decision;
      if (d.kind === 'refuse') {
        const r = makeRefusal({ ...base, reason: { code: d.refusalCode, ...(d.whereToApply ? { whereToApply: d.whereToApply } : {}) } });
        expect(r.ok).toBe(true);
        return;
      }
      const cl = deriveChecklist(catalog, attempt.subject!, attempt.answers, { hasAgent: attempt.agent != null });
      expect(cl.problems).toEqual([]);
      expect(cl.unansweredQuestions).toEqual([]);
      // Every required/deferrable line has an expected state.
      for (const line of cl.materials) if (line.necessity !== 'optional') expect(Object.keys(s.expected.materials), line.key).toContain(line.key);
      const a = assessIntake(cl, attempt.materialStates, check);
      if (d.kind === 'accept') {
        expect(a.blockers).toEqual([]);
        const r = makeAcceptance({ ...base, checklist: cl, materialStates: attempt.materialStates, applicantCheck: check });
        expect(r.ok).toBe(true);
      }
      if (d.kind === 'oneTimeNotice') {
        const r = makeOneTimeNotice({ ...base, checklist: cl, materialStates: attempt.materialStates, applicantCheck: check });
        expect(r.ok).toBe(true);
        if (r.ok) expect(new Set(r.decision.items.map((i) => i.key))).toEqual(new Set(d.notice));
      }
      if (d.kind === 'deferral') {
        // Only the deferred lines stand in the way, they are all 容缺后补, no 即办 item needs them,
        // and the applicant is not on the dishonesty list.
        const open = new Set([...a.missing.map((l) => l.key), ...a.deficient.map((x) => x.line.key)]);
        expect(open).toEqual(new Set(d.deferred));
        expect(a.pending).toEqual([]);
        expect(new Set(a.deferrableMissing.map((l) => l.key))).toEqual(new Set(d.deferred));
        for (const b of a.blockers) expect(['materialMissing', 'materialDeficient', 'originalRequired']).toContain(b.kind);
        const immediate = new Set(cl.items.filter((i) => i.promisedLimit.kind === 'immediate').map((i) => i.basicCode));
        for (const key of d.deferred) {
          const line = cl.materials.find((l) => l.key === key)!;
          expect(line.necessity).toBe('deferrable');
          expect(line.itemCodes.some((c) => immediate.has(c))).toBe(false);
        }
        expect(s.applicant.circumstances.some((c) => c.kind === 'dishonest')).toBe(false);
      }
      // The 容缺 safeguards agree: allowed exactly for the expected deferrals.
      const dishonest = s.applicant.circumstances.some((c) => c.kind === 'dishonest');
      const deferral = assessDeferral(a, cl, {
        applicantDishonest: dishonest ? { flagged: true, source: 'list' } : null,
        policy: { requireSupervisorApproval: false },
      });
      expect(deferral.allowed).toBe(d.kind === 'deferral');
      if (d.kind === 'deferral') expect(new Set(deferral.deferrable.map((x) => x.key))).toEqual(new Set(d.deferred));
    });

    it('the model answer scores 100 with no mistake', () => {
      const score = scoreDrill(s, attempt, catalog);
      expect(score.mistakes).toEqual([]);
      expect(score.critical).toEqual([]);
      expect(score.total).toBe(100);
    });
  });
});
