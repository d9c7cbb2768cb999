import { describe, expect, it } from 'vitest';
import { createDraft, recordDecision, type IntakeCase } from '../intake/case';
import { defaultCatalog, scenario } from '../../../test/fixtures/training';
import {
  type DrillAttempt,
  type DrillResult,
  PAR_SECONDS_BY_LEVEL,
  SCORE_WEIGHTS,
  attemptFromCase,
  attemptFromExpected,
  drillResult,
  readiness,
  scoreDrill,
  stepFeedback,
  timeScore,
} from './scoring';

const catalog = defaultCatalog();

function run(id: string, change: (a: DrillAttempt) => void) {
  const s = scenario(id);
  const a = attemptFromExpected(s);
  change(a);
  return { s, a, score: scoreDrill(s, a, catalog) };
}

describe('weights', () => {
  it('add up to 100 and par times rise with the level', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    for (let l = 1; l < 5; l++) expect(PAR_SECONDS_BY_LEVEL[l + 1]!).toBeGreaterThan(PAR_SECONDS_BY_LEVEL[l]!);
  });

  it('time: no penalty up to par, gentle above (half at double par, none left at triple)', () => {
    expect(timeScore(100, 300)).toBe(1);
    expect(timeScore(300, 300)).toBe(1);
    expect(timeScore(600, 300)).toBe(0.5);
    expect(timeScore(900, 300)).toBe(0);
    expect(timeScore(5000, 300)).toBe(0);
  });
});

describe('scoreDrill: item identification', () => {
  it('换领 for a lost card: the item mistake cites the catalog’s own condition', () => {
    const { score } = run('id-card-lost-replacement', (a) => {
      a.subject = { kind: 'item', basicCode: '330002001000', handlingItemCodes: ['330002001000-01'] };
    });
    const m = score.mistakes.find((x) => x.kind === 'item')!;
    expect(m.expected).toContain('居民身份证补领');
    expect(m.given).toContain('居民身份证换领');
    expect(m.explanation['zh-CN']).toContain('居民身份证丢失或被盗');
    expect(m.explanation['zh-CN']).toContain('《中华人民共和国居民身份证法》');
    expect(score.parts.identification.score).toBe(0);
    expect(score.total).toBeLessThan(80);
  });

  it('the wrong handling item keeps 0.7 of the part', () => {
    const { score } = run('housing-fund-second-hand-purchase', (a) => {
      a.subject = { kind: 'item', basicCode: '330009001000', handlingItemCodes: ['330009001000-01'] };
    });
    expect(score.parts.identification.score).toBeCloseTo(0.7);
    const m = score.mistakes.find((x) => x.kind === 'handlingItem')!;
    expect(m.expected).toContain('购买存量住房（二手房）提取');
    expect(m.given).toContain('购买新建商品住房提取');
  });

  it('a single item where the bundle is expected', () => {
    const { score } = run('start-business-bundle', (a) => {
      a.subject = { kind: 'item', basicCode: '330001002000', handlingItemCodes: [] };
    });
    const m = score.mistakes.find((x) => x.kind === 'bundle')!;
    expect(m.explanation['zh-CN']).toContain('开办企业一件事');
    expect(m.explanation['zh-CN']).toContain('一套材料');
  });

  it('a bundle item left out', () => {
    const { score } = run('start-business-bundle', (a) => {
      if (a.subject?.kind === 'bundle') a.subject.basicCodes = a.subject.basicCodes.filter((c) => c !== '330008002000');
    });
    expect(score.parts.identification.score).toBeCloseTo(0.8);
    expect(score.mistakes.find((x) => x.kind === 'bundleItems')?.explanation['zh-CN']).toContain('发票领用');
  });
});

describe('scoreDrill: answers and materials', () => {
  it('a wrong answer names the materials it decides', () => {
    const { score } = run('elderly-allowance-agent-without-authorisation', (a) => {
      a.answers['shared/applicant-is-agent'] = 'self';
    });
    const m = score.mistakes.find((x) => x.kind === 'answer')!;
    expect(m.expected).toBe('委托他人代办');
    expect(m.given).toBe('本人办理');
    expect(m.explanation['zh-CN']).toContain('授权委托书');
  });

  it('demanding a data-shared licence: explanation cites Decree 716 and the acceptance standard', () => {
    const { score } = run('prepackaged-food-filing', (a) => {
      a.materialStates['shared/business-licence'] = { status: 'missing' };
    });
    const m = score.mistakes.find((x) => x.kind === 'material' && x.key === 'shared/business-licence')!;
    expect(m.expected).toBe('数据共享调取（免提交）');
    expect(m.given).toBe('缺失（未提交）');
    expect(m.explanation['zh-CN']).toContain('国务院令第716号');
    expect(m.explanation['zh-CN']).toContain('受理标准：在有效期内，登记状态为存续');
    expect(m.explanation['zh-CN']).toContain('《中华人民共和国食品安全法》');
    expect(score.parts.materials.score).toBeCloseTo(2 / 3);
    // Under this attempt a notice would be the rule; the trainee still accepted: critical? No — nothing was really missing.
    expect(score.critical).toEqual([]);
  });

  it('an expired card marked deficient for a renewal: explanation quotes the standard', () => {
    const { score } = run('id-card-expired-renewal', (a) => {
      a.materialStates['shared/applicant-id-card'] = { status: 'deficient', reason: '已过有效期' };
    });
    const m = score.mistakes.find((x) => x.key === 'shared/applicant-id-card')!;
    expect(m.explanation['zh-CN']).toContain('不应判为不符合要求');
    expect(m.explanation['zh-CN']).toContain('为申请人本人的原证，领取新证时交回');
  });

  it('a copy and an original are the same where the catalog takes either', () => {
    const { score } = run('food-licence-deferral', (a) => {
      a.materialStates['330001005000/layout'] = { status: 'receivedOriginal' };
      a.materialStates['shared/legal-rep-id-card'] = { status: 'receivedCopy' };
    });
    expect(score.mistakes).toEqual([]);
    expect(score.total).toBe(100);
  });

  it('an unchecked line is a mistake', () => {
    const { score } = run('social-card-first', (a) => {
      delete a.materialStates['shared/applicant-id-card'];
    });
    expect(score.mistakes.find((x) => x.key === 'shared/applicant-id-card')?.given).toBe('未核验');
  });
});

describe('scoreDrill: decisions and critical mistakes', () => {
  it('accepting with an expired ID card (standard: 在有效期内) is critical', () => {
    const { score } = run('no-criminal-record-expired-id', (a) => {
      a.materialStates['shared/applicant-id-card'] = { status: 'receivedOriginal' };
      a.decisionKind = 'accept';
    });
    expect(score.critical).toEqual(['acceptedWithMaterialMissing']);
    const d = score.mistakes.find((x) => x.kind === 'decision')!;
    expect(d.critical).toBe('acceptedWithMaterialMissing');
    expect(d.explanation['zh-CN']).toContain('第三十二条第一款第（四）项');
    const m = score.mistakes.find((x) => x.key === 'shared/applicant-id-card')!;
    expect(m.explanation['zh-CN']).toContain('已过有效期');
    expect(m.explanation['zh-CN']).toContain('受理标准：在有效期内');
  });

  it('容缺 for a dishonest applicant is critical', () => {
    const { score } = run('hygiene-licence-dishonest-deferral', (a) => {
      a.decisionKind = 'deferral';
    });
    expect(score.critical).toEqual(['deferralForDishonest']);
    expect(score.parts.decision.score).toBe(0);
    expect(score.mistakes.find((x) => x.kind === 'decision')?.explanation['zh-CN']).toContain('失信');
  });

  it('容缺 past a required material is critical; 容缺 on a 即办 item is wrong but not critical', () => {
    const required = run('food-licence-required-missing', (a) => void (a.decisionKind = 'deferral')).score;
    expect(required.critical).toEqual(['acceptedWithMaterialMissing']);
    expect(required.mistakes.find((x) => x.kind === 'decision')?.explanation['zh-CN']).toContain('必备材料');
    const immediate = run('unemployment-registration-immediate-no-deferral', (a) => void (a.decisionKind = 'deferral')).score;
    expect(immediate.critical).toEqual([]);
    expect(immediate.mistakes.find((x) => x.kind === 'decision')?.explanation['zh-CN']).toContain('即办件');
  });

  it('accepting another jurisdiction’s matter is critical', () => {
    const { score } = run('individual-business-other-province', (a) => {
      a.decisionKind = 'accept';
      delete a.refusalCode;
    });
    expect(score.critical).toEqual(['acceptedOutsideJurisdiction']);
    expect(score.mistakes.find((x) => x.kind === 'decision')?.explanation['zh-CN']).toContain('第三十二条第一款第（二）项');
  });

  it('a refusal without where to apply, and with the wrong code', () => {
    const noWhere = run('individual-business-other-province', (a) => void (a.whereToApply = '请到有关部门办理')).score;
    expect(noWhere.parts.decision.score).toBeCloseTo(0.8);
    expect(noWhere.mistakes.map((m) => m.kind)).toEqual(['whereToApply']);
    const wrongCode = run('individual-business-other-province', (a) => void (a.refusalCode = 'other')).score;
    expect(wrongCode.mistakes.map((m) => m.kind)).toEqual(['refusalCode']);
  });

  it('a refused case scores answers and materials as not applicable', () => {
    const { score } = run('individual-business-other-province', () => {});
    expect(score.parts.answers.applicable).toBe(false);
    expect(score.parts.materials.applicable).toBe(false);
    expect(score.total).toBe(100);
    expect(score.parts.decision.points).toBeCloseTo((100 * 25) / 60, 1);
  });

  it('a notice that leaves a material out', () => {
    const { score } = run('company-capital-increase-two-defects', (a) => {
      a.materialStates['shared/power-of-attorney'] = { status: 'receivedOriginal' };
    });
    const m = score.mistakes.find((x) => x.kind === 'noticeList')!;
    expect(m.explanation['zh-CN']).toContain('漏列');
    expect(m.explanation['zh-CN']).toContain('授权委托书');
    expect(score.parts.decision.score).toBeCloseTo(0.7);
    // The power of attorney states another matter: explanation names the defect and Civil Code Art. 165.
    const pm = score.mistakes.find((x) => x.key === 'shared/power-of-attorney')!;
    expect(pm.explanation['zh-CN']).toContain('载明的事项与本次申请不一致');
    expect(pm.explanation['zh-CN']).toContain('第一百六十五条');
  });

  it('no decision at all', () => {
    const { score } = run('social-card-first', (a) => void (a.decisionKind = null));
    expect(score.mistakes.find((x) => x.kind === 'decision')?.given).toBe('（未作决定）');
  });
});

describe('scoreDrill: applicant data', () => {
  it('compares normalised: full-width digits, spaces, lower-case x, phone dashes', () => {
    const s = scenario('id-card-expired-renewal');
    const a = attemptFromExpected(s);
    const p = a.applicant!;
    if (p.kind !== 'person') throw new Error();
    const wide = [...p.idNumber!].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    a.applicant = { ...p, name: ` ${p.name} `, idNumber: `${wide.slice(0, 6)} ${wide.slice(6)}`.toLowerCase(), phone: '138-0000-1201' };
    expect(scoreDrill(s, a, catalog).mistakes).toEqual([]);
  });

  it('a typo in the name is one field of three', () => {
    const { score } = run('social-card-first', (a) => {
      if (a.applicant?.kind === 'person') a.applicant.name = '何家琪';
    });
    const m = score.mistakes.find((x) => x.key === 'applicant.name')!;
    expect(m.kind).toBe('applicantData');
    expect(m.expected).toBe('何佳琪');
    expect(m.given).toBe('何家琪');
    expect(score.parts.applicant.score).toBeCloseTo(2 / 3);
  });

  it('an agent not recorded, and an agent recorded for someone who came in person', () => {
    const missing = run('elderly-allowance-agent-without-authorisation', (a) => void (a.agent = null)).score;
    expect(missing.mistakes.find((x) => x.key === 'agent')?.explanation['zh-CN']).toContain('马丽华');
    const extra = run('social-card-first', (a) => void (a.agent = { name: '某某', idType: 'residentId', idNumber: '11010519491231002X', phone: '13800009999' })).score;
    expect(extra.mistakes.find((x) => x.key === 'agent')?.kind).toBe('agentData');
  });

  it('a failing USCC needs the recorded override', () => {
    const { score } = run('employer-social-insurance-uscc-checksum', (a) => {
      if (a.applicant?.kind === 'organisation') delete a.applicant.usccOverride;
    });
    const m = score.mistakes.find((x) => x.kind === 'usccOverride')!;
    expect(m.explanation['zh-CN']).toContain('GB 32100-2015');
  });
});

describe('scoreDrill: time', () => {
  it('over par costs a little; unreadable timestamps leave the part out', () => {
    const s = scenario('social-card-first'); // level 1: par 180 s
    const slow = scoreDrill(s, attemptFromExpected(s, { startedAt: '2026-12-01T09:00:00+08:00', finishedAt: '2026-12-01T09:06:00+08:00' }), catalog);
    expect(slow.parts.time.seconds).toBe(360);
    expect(slow.parts.time.score).toBe(0.5);
    expect(slow.total).toBe(98); // 5 × 0.5 lost, rounded
    expect(slow.mistakes.map((m) => m.kind)).toEqual(['time']);
    const broken = scoreDrill(s, { ...attemptFromExpected(s), startedAt: 'nonsense' }, catalog);
    expect(broken.parts.time.applicable).toBe(false);
    expect(broken.total).toBe(100);
  });
});

describe('scoreDrill: robustness', () => {
  it('an empty attempt scores low and does not throw; so does a catalog without the item', () => {
    const s = scenario('start-business-bundle');
    const empty = scoreDrill(s, {}, catalog);
    expect(empty.total).toBeLessThan(10);
    expect(empty.mistakes.length).toBeGreaterThan(5);
    const bare = { ...catalog, items: catalog.items.filter((i) => i.basicCode !== '330001002000'), bundles: [] };
    expect(() => scoreDrill(s, attemptFromExpected(s), bare)).not.toThrow();
  });
});

describe('stepFeedback (coached mode)', () => {
  it('gives only the mistakes of the step asked for', () => {
    const s = scenario('food-licence-deferral');
    const partial: Partial<DrillAttempt> = {
      subject: { kind: 'item', basicCode: '330001005000', handlingItemCodes: ['330001005000-01'] },
      answers: { 'shared/applicant-is-agent': 'self', '330001005000/onsite-prep': 'no' },
      materialStates: { '330001005000/application': { status: 'receivedOriginal' }, 'shared/business-licence': { status: 'missing' } },
    };
    expect(stepFeedback(s, 'subject', partial, catalog)).toEqual([]);
    const answers = stepFeedback(s, 'answers', partial, catalog);
    expect(answers.map((m) => m.key)).toEqual(['330001005000/onsite-prep']);
    const materials = stepFeedback(s, 'materials', partial, catalog);
    expect(materials.find((m) => m.key === 'shared/business-licence')?.explanation['zh-CN']).toContain('免于提交');
    expect(materials.filter((m) => m.given === '未核验').length).toBe(3);
    expect(stepFeedback(s, 'decision', partial, catalog).map((m) => m.kind)).toEqual(['decision']);
  });
});

describe('attemptFromCase', () => {
  it('reads subject, answers, states, people and the decision from a training case', () => {
    const clerk = { clerkId: 't1', name: '学员', windowNo: '9', centreCode: '330106', centreName: '示例市民中心', workstationId: 'ws' };
    const draft: IntakeCase = {
      ...createDraft({ id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', clerk, catalogVersion: '2026.11.1', subject: { kind: 'item', basicCode: '330001001000', handlingItemCodes: [] }, at: '2026-12-01T09:00:00+08:00' }),
      answers: { x: 'y' },
    };
    const refused = recordDecision(draft, {
      kind: 'refuse',
      at: '2026-12-01T09:05:00+08:00',
      by: 't1',
      caseNumber: 'N',
      reason: { code: 'notJurisdiction', text: '不属于', whereToApply: '苏州市姑苏区市场监督管理局' },
      rights: {
        reconsideration: { days: 60, law: 'l', body: 'b', text: 't' },
        litigation: { months: 6, law: 'l', court: 'c', text: 't' },
      },
    });
    const a = attemptFromCase(refused, { startedAt: draft.createdAt, finishedAt: '2026-12-01T09:05:00+08:00' });
    expect(a.decisionKind).toBe('refuse');
    expect(a.refusalCode).toBe('notJurisdiction');
    expect(a.whereToApply).toContain('苏州');
    expect(a.answers).toEqual({ x: 'y' });
    expect(attemptFromCase(draft, { startedAt: draft.createdAt, finishedAt: draft.createdAt }).decisionKind).toBeNull();
  });
});

describe('readiness', () => {
  const r = (score: number, day: number, critical = 0): DrillResult => ({
    scenarioId: `s${day}`,
    score,
    criticalMistakes: critical,
    finishedAt: `2026-12-${String(day).padStart(2, '0')}T10:00:00+08:00`,
  });

  it('is not ready with fewer than 5 drills', () => {
    const x = readiness([r(100, 1), r(100, 2)]);
    expect(x.ready).toBe(false);
    expect(x.reasons[0]!['zh-CN']).toContain('还需完成 3 次');
  });

  it('is ready when the last 5 average ≥ 85 with no critical mistake', () => {
    const x = readiness([r(40, 1, 1), r(90, 2), r(85, 3), r(80, 4), r(95, 5), r(90, 6)]);
    expect(x.considered.map((d) => d.scenarioId)).toEqual(['s6', 's5', 's4', 's3', 's2']);
    expect(x.average).toBe(88);
    expect(x.ready).toBe(true);
  });

  it('is not ready with a critical mistake in the window, whatever the average', () => {
    const x = readiness([r(100, 1), r(100, 2), r(100, 3), r(100, 4), r(95, 5, 1)]);
    expect(x.ready).toBe(false);
    expect(x.criticalDrills).toBe(1);
  });

  it('is not ready below the average, and orders by time not by input', () => {
    const x = readiness([r(95, 9), r(60, 1), r(80, 5), r(80, 6), r(80, 7), r(80, 8)]);
    expect(x.considered[0]!.scenarioId).toBe('s9');
    expect(x.average).toBe(83);
    expect(x.ready).toBe(false);
  });

  it('takes a drill score', () => {
    const s = scenario('social-card-first');
    const d = drillResult(scoreDrill(s, attemptFromExpected(s), catalog), '2026-12-01T10:00:00+08:00');
    expect(d).toEqual({ scenarioId: 'social-card-first', score: 100, criticalMistakes: 0, finishedAt: '2026-12-01T10:00:00+08:00' });
  });
});
