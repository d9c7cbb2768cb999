/**
 * Several departments implementing one basic code (实施编码): the checklist, the decision, the
 * printed notice and the dispatch follow the implementation a case names, and a case that names
 * only the basic code (taken in before implementation codes existed) still resolves.
 */
import { describe, expect, it } from 'vitest';
import { Subject, recordDecision, type MaterialState } from './case';
import { makeCaseNumber } from './caseNumber';
import { deriveChecklist } from './checklist';
import { makeAcceptance } from './decision';
import { acceptanceNoticeContent } from './documents';
import { resolveDepartments } from '../sync/dispatch';
import { createCalendar } from '../calendar/calendar';
import type { Catalog } from '../catalog/schema';
import { checkCatalogQuality } from '../catalog/quality';
import { FOOD, foodSubject, makeDraft, makeIntakeCatalog, personApplicant } from '../../../test/fixtures/intake';

const SECOND = '11330106MB2C00567840001170030001';

function twoImplementations(): Catalog {
  const c = makeIntakeCatalog();
  const first = c.items.find((i) => i.basicCode === FOOD)!;
  first.implementationCode = '11330106MB2C00123440001170030001';
  const second = structuredClone(first);
  second.implementationCode = SECOND;
  second.departmentCode = c.departments.find((d) => d.code !== first.departmentCode)!.code;
  second.coHandlingDepartmentCodes = [];
  const rename = (code: string) => `${code}-B`;
  second.handlingItems = second.handlingItems.map((h) => ({ ...h, code: rename(h.code) }));
  second.materials = second.materials.map((m) => ({ ...m, handlingItems: m.handlingItems.map(rename) }));
  second.promisedLimit = { kind: 'calendarDays', days: 10 };
  second.handlingItems = second.handlingItems.map(({ promisedLimit: _drop, ...h }) => h);
  second.specialProcedures = [{ name: '听证', days: 20, unit: 'calendarDays', description: '听证所需时间不计入办理时限' }];
  c.items.push(second);
  return c;
}

const catalog = twoImplementations();
const VALID = { valid: true, problems: [] };
const number = () => {
  const r = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '12', sequence: 3 });
  if (!r.ok) throw new Error('fixture');
  return r.value;
};

function accept(subject: Subject) {
  const answers = { 'shared/premises-ownership': 'owned' };
  const draft = makeDraft({ subject, applicant: personApplicant(), answers });
  const checklist = deriveChecklist(catalog, subject, answers, { hasAgent: false });
  const states: Record<string, MaterialState> = {};
  for (const l of checklist.materials) states[l.key] = { status: 'receivedOriginal' };
  const r = makeAcceptance({ at: '2026-11-30T09:31:00+08:00', by: 'C0107', caseNumber: number(), checklist, materialStates: states, applicantCheck: VALID, calendar: createCalendar([]) });
  return { draft, checklist, r, states };
}

describe('two implementations of one basic code', () => {
  it('is a valid catalog', () => {
    expect(checkCatalogQuality(catalog).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the checklist follows the implementation the case names', () => {
    const subject = { ...foodSubject([`${FOOD}-01-B`]), implementationCode: SECOND };
    const cl = deriveChecklist(catalog, subject, {}, { hasAgent: false });
    expect(cl.problems).toEqual([]);
    expect(cl.items[0]).toMatchObject({ basicCode: FOOD, implementationCode: SECOND, departmentCode: catalog.items.at(-1)!.departmentCode });
    expect(cl.items[0]!.specialProcedures).toEqual([{ name: '听证', days: 20, unit: 'calendarDays', description: '听证所需时间不计入办理时限' }]);
  });

  it('a case naming only the basic code (taken in before) still resolves, to the first implementation', () => {
    const old = Subject.parse({ kind: 'item', basicCode: FOOD, handlingItemCodes: [`${FOOD}-01`] });
    const cl = deriveChecklist(catalog, old, {}, { hasAgent: false });
    expect(cl.problems).toEqual([]);
    expect(cl.items[0]!.implementationCode).toBe('11330106MB2C00123440001170030001');
  });

  it('the promised date counts calendar days, and the notice names the implementation, its department and its special procedures', () => {
    const subject = { ...foodSubject([`${FOOD}-01-B`]), implementationCode: SECOND };
    const { draft, r, states } = accept(subject);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 2026-11-30 + 10 calendar days = 2026-12-10 (Thursday)
    expect(r.decision.promisedDates[0]).toMatchObject({ implementationCode: SECOND, limit: { kind: 'calendarDays', days: 10 }, date: '2026-12-10' });
    const doc = acceptanceNoticeContent(recordDecision({ ...draft, materialStates: states }, r.decision), catalog, r.decision);
    expect(doc.items[0]).toMatchObject({ implementationCode: SECOND, department: { code: catalog.items.at(-1)!.departmentCode } });
    expect(doc.promised[0]!.limitText).toBe('10个自然日');
    expect(doc.specialProcedures).toEqual([{ itemName: '食品经营许可', text: '听证（20个自然日）：听证所需时间不计入办理时限' }]);
  });

  it('the case goes to the department of the implementation it names', () => {
    const second = resolveDepartments(catalog, { ...foodSubject([`${FOOD}-01-B`]), implementationCode: SECOND });
    const old = resolveDepartments(catalog, foodSubject());
    expect(second.ok && second.targets.map((t) => t.departmentCode)).toEqual([catalog.items.at(-1)!.departmentCode]);
    expect(old.ok && old.targets[0]!.departmentCode).toBe(catalog.items.find((i) => i.basicCode === FOOD)!.departmentCode);
  });
});
