import { describe, expect, it } from 'vitest';
import { defaultCatalog, scenario } from '../../../test/fixtures/training';
import { makeTrainingCaseNumber } from './isolation';
import { commonMistakes, TrainingResult, trainingResultOf } from './protocol';
import { attemptFromExpected, scoreDrill } from './scoring';

function summary(mistake: boolean, caseNumber: string | null = null) {
  const s = scenario('social-card-first');
  const a = attemptFromExpected(s);
  if (mistake) a.materialStates = { ...a.materialStates, 'shared/applicant-id-card': { status: 'missing' } };
  const score = scoreDrill(s, a, defaultCatalog());
  return trainingResultOf({
    id: '7f6c1c1e-6c0b-4e57-9d8e-2b7c3f1a9e01',
    traineeId: 'C0042',
    traineeName: '王晓梅',
    packId: 'default-onboarding',
    scenarioId: s.id,
    scenarioTitle: s.title,
    level: s.level,
    coached: false,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    caseNumber,
    score,
  });
}

describe('training results protocol', () => {
  it('a result is the score summary: parts and mistake kinds/keys, never the applicant’s values', () => {
    const r = summary(true);
    expect(TrainingResult.safeParse(r).success).toBe(true);
    expect(r.total).toBeLessThan(100);
    expect(r.mistakes).toContainEqual({ kind: 'material', step: 'materials', key: 'shared/applicant-id-card' });
    const text = JSON.stringify(r);
    const p = scenario('social-card-first').applicant.party;
    if (p.kind !== 'person') throw new Error('person');
    expect(text).not.toContain(p.idNumber);
    expect(text).not.toContain(p.phone);
    expect(text).not.toContain('explanation');
  });

  it('only a training (PX) case number or none is accepted', () => {
    const px = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 3 });
    if (!px.ok) throw new Error(px.reason);
    expect(TrainingResult.safeParse(summary(false, px.value)).success).toBe(true);
    expect(TrainingResult.safeParse(summary(false, null)).success).toBe(true);
    expect(TrainingResult.safeParse(summary(false, '330106-261201-7K0001-5')).success).toBe(false);
    expect(TrainingResult.safeParse({ ...summary(false), extra: 1 }).success).toBe(false);
    expect(TrainingResult.safeParse({ ...summary(false), total: 101 }).success).toBe(false);
  });

  it('common mistakes: by kind and key, most frequent first, deterministic ties', () => {
    const rows = [
      { mistakes: [{ kind: 'material', key: 'a/x' }, { kind: 'decision' }] },
      { mistakes: [{ kind: 'material', key: 'a/x' }, { kind: 'answer', key: 'q' }] },
      { mistakes: [{ kind: 'decision' }, { kind: 'material', key: 'a/x' }] },
    ];
    expect(commonMistakes(rows)).toEqual([
      { kind: 'material', key: 'a/x', count: 3 },
      { kind: 'decision', key: null, count: 2 },
      { kind: 'answer', key: 'q', count: 1 },
    ]);
    expect(commonMistakes(rows, 1)).toHaveLength(1);
    expect(commonMistakes([])).toEqual([]);
  });
});
