import { describe, expect, it } from 'vitest';
import { IntakeCase, recordDecision, type MaterialState } from './case';
import { makeCaseNumber } from './caseNumber';
import { deriveChecklist } from './checklist';
import { makeOneTimeNotice } from './decision';
import { canFollowUp, followUpDraft } from './followUp';
import { agentPerson, foodSubject, makeClerk, makeDraft, makeIntakeCatalog, personApplicant } from '../../../test/fixtures/intake';
import { toMetricCase } from '../quality/metrics';

const catalog = makeIntakeCatalog();
const AT = '2026-11-30T09:31:00+08:00';
const BACK = '2026-12-02T14:00:00+08:00';
const NEW_ID = '0b7a3c1e-2f4d-4e5a-9b6c-7d8e9f0a1b2c';

function noticeCase(): IntakeCase {
  const answers = { 'shared/premises-ownership': 'owned' };
  const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: true });
  const states: Record<string, MaterialState> = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
  const [first, second] = checklist.materials;
  states[first!.key] = { status: 'missing' };
  states[second!.key] = { status: 'deficient', reason: '复印件不清晰' };
  const draft = makeDraft({ answers, applicant: personApplicant(), agent: agentPerson(), materialStates: states, fields: { x: { a: '1' } } });
  const cn = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '12', sequence: 3 });
  if (!cn.ok) throw new Error('fixture');
  const r = makeOneTimeNotice({ at: AT, by: 'C0107', caseNumber: cn.value, checklist, materialStates: states, applicantCheck: { valid: true, problems: [] } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return recordDecision(draft, r.decision);
}

describe('followUpDraft (再次受理 after a one-time notice)', () => {
  it('carries everything over, reopens exactly the lines the notice listed, and links to the notice case', () => {
    const notice = noticeCase();
    expect(canFollowUp(notice)).toBe(true);
    const listed = notice.decision!.kind === 'oneTimeNotice' ? notice.decision!.items.map((m) => m.key) : [];
    expect(listed).toHaveLength(2);
    const d = followUpDraft(notice, { id: NEW_ID, clerk: makeClerk(), at: BACK });
    expect(IntakeCase.safeParse(d).success).toBe(true);
    expect(d).toMatchObject({ id: NEW_ID, status: 'draft', step: 'materials', subject: notice.subject, answers: notice.answers, applicant: notice.applicant, agent: notice.agent, fields: notice.fields, catalogVersion: notice.catalogVersion, createdAt: BACK });
    expect(d.followsUp).toEqual({ caseId: notice.id, caseNumber: notice.caseNumber, noticeKeys: listed });
    for (const key of listed) expect(d.materialStates[key]).toBeUndefined(); // to check again
    const kept = Object.keys(notice.materialStates).filter((k) => !listed.includes(k));
    expect(kept.length).toBeGreaterThan(0);
    for (const key of kept) expect(d.materialStates[key]).toEqual(notice.materialStates[key]);
    expect(d.decision).toBeUndefined();
    expect(d.caseNumber).toBeUndefined();
    expect(d.history?.[0]?.note).toContain(notice.caseNumber!);
    // the notice case itself is untouched
    expect(notice.status).toBe('noticeIssued');
  });

  it('only a notice case can be followed up', () => {
    expect(canFollowUp(makeDraft())).toBe(false);
    expect(() => followUpDraft(makeDraft(), { id: NEW_ID, clerk: makeClerk(), at: BACK })).toThrow(RangeError);
  });

  it('the metric record of the later acceptance carries the link', () => {
    const notice = noticeCase();
    const d = followUpDraft(notice, { id: NEW_ID, clerk: makeClerk(), at: BACK });
    expect(toMetricCase({ ...d, status: 'noticeIssued', caseNumber: notice.caseNumber, decision: { ...notice.decision!, at: BACK } } as IntakeCase, [], [])?.followsUp).toBe(notice.id);
  });
});
