/**
 * A known data set for the dashboards and the quality review, built in Node from the core's
 * own case functions and stored through the app's `?bench=1` quality hook (the app's store
 * code, cases sealed as the app seals them). Figures worked out by hand in dashboards.spec.
 */
import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { recordDecision, type Decision, type IntakeCase } from '../../src/core/intake/case';
import { makeCaseNumber } from '../../src/core/intake/caseNumber';
import { FOOD, foodSubject, IDS, makeClerk, makeDraft, personApplicant } from '../fixtures/intake';
import type { QualitySeed } from '../../src/renderer/src/dashboards/bench-hooks';

export const ITEM_NAME = '食品经营许可';
export const clerks = {
  wang: { clerkId: 'C0042', name: '王晓梅', windowNo: '7' },
  li: { clerkId: 'C0107', name: '李娜', windowNo: '12' },
};

let sequence = 0;

/** Beijing time on a date: `2026-11-30T09:00:00+08:00`. */
export const bj = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

export interface CaseSpec {
  clerk: { clerkId: string; name: string; windowNo: string };
  date: string;
  start: string;
  end: string;
  kind: Decision['kind'];
  idNumber: string;
  /** 容缺: one material deferred to this deadline, not supplied. */
  deferredUntil?: string;
  /** A 一件事 case of these items instead of the single food item. */
  bundle?: { id: string; basicCodes: string[] };
}

export function makeCaseOf(s: CaseSpec): IntakeCase {
  const id = randomUUID();
  const draft = makeDraft({
    id,
    subject: s.bundle ? { kind: 'bundle', bundleId: s.bundle.id, basicCodes: s.bundle.basicCodes } : foodSubject(),
    clerk: makeClerk({ ...s.clerk, centreCode: '330106', centreName: '示例市民中心', workstationId: 'ws-e2e' }),
    applicant: { ...personApplicant(), idNumber: s.idNumber },
    agent: null,
    createdAt: bj(s.date, s.start),
    updatedAt: bj(s.date, s.start),
  });
  sequence += 1;
  const n = makeCaseNumber({ centreCode: '330106', date: s.date, workstationCode: '7K', sequence });
  if (!n.ok) throw new Error(n.reason);
  const at = bj(s.date, s.end);
  const base = { at, by: s.clerk.clerkId, caseNumber: n.value };
  const decision: Decision =
    s.kind === 'accept'
      ? {
          kind: 'accept',
          ...base,
          promisedDates: [{ basicCode: FOOD, itemName: ITEM_NAME, handlingItemCodes: [`${FOOD}-01`], limit: { kind: 'workingDays', days: 5 }, date: '2026-12-07', provisional: false }],
          received: [{ key: 'shared/application-form', name: '食品经营许可申请书', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 }],
          ...(s.deferredUntil
            ? {
                deferral: {
                  schemaVersion: 1,
                  caseId: id,
                  caseNumber: n.value,
                  acceptedAt: at,
                  acceptedBy: s.clerk.clerkId,
                  materials: [
                    { key: `${FOOD}/layout`, name: '经营场所和设备布局、操作流程示意图', itemCodes: [FOOD], type: 'original', forms: ['paper'], copies: 1, acceptanceStandard: '标明功能区域', problem: 'missing', reason: '未提交' },
                  ],
                  deadline: { date: s.deferredUntil, workingDays: 1, provisional: false, limitDays: 5, limitItemCodes: [FOOD] },
                  commitment: { signedAt: at, applicantName: '张伟', signedBy: 'applicant' },
                  consequences: '逾期未补齐的，视为申请人撤回申请。',
                  approvalRequired: false,
                  supplements: [],
                },
              }
            : {}),
        }
      : s.kind === 'oneTimeNotice'
        ? {
            kind: 'oneTimeNotice',
            ...base,
            items: [{ key: `${FOOD}/layout`, name: '经营场所和设备布局、操作流程示意图', itemCodes: [FOOD], problem: 'missing', reason: '未提交', acceptanceStandard: '标明功能区域、设备位置和操作流程', necessity: 'required' }],
          }
        : {
            kind: 'refuse',
            ...base,
            reason: { code: 'notJurisdiction', text: '不属于本中心受理范围', whereToApply: '市级政务服务中心' },
            rights: {
              reconsideration: { days: 60, law: '《中华人民共和国行政复议法》', body: '西湖区人民政府', text: '可在 60 日内申请行政复议' },
              litigation: { months: 6, law: '《中华人民共和国行政诉讼法》', court: '西湖区人民法院', text: '可在 6 个月内提起行政诉讼' },
            },
          };
  return recordDecision(draft, decision);
}

/** Stores the data set through the app (the page must have been opened with ?bench=1). */
export async function seedQuality(page: Page, seed: QualitySeed): Promise<void> {
  await page.waitForFunction(() => !!window.__oneWindowQuality);
  const n = await page.evaluate((s) => window.__oneWindowQuality!.seed(s), seed);
  expect(n).toBe(seed.cases.length);
}

export { IDS };
