/**
 * The server's training area: drill results, shared by the workstation's sender
 * and the service (src/server/training.ts). A result is a score summary — the trainee, the
 * scenario, the parts, the mistakes' kinds and keys — never a case, never an applicant's data
 * (the fictional applicant stays on the workstation), never a department queue.
 *
 * - `POST /api/v1/training/results` `{ results: TrainingResult[] }` (workstation token):
 *   idempotent by result id (same content → alreadyHave, other content → conflict).
 * - `GET /api/v1/training/results?centre=330106[&trainee=C0042]` (workstation token of that
 *   centre): every result of the centre's trainees, oldest first.
 */
import { z } from 'zod';
import { IsoDateTime } from '../intake/time';
import { isTrainingCaseNumber } from './isolation';
import type { DrillScore } from './scoring';

export const MAX_TRAINING_RESULTS_PER_PUSH = 100;

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const TrainingResultPart = z.strictObject({
  score: z.number().min(0).max(1),
  points: z.number().min(0).max(100),
  applicable: z.boolean(),
});

export const TrainingResultMistake = z.strictObject({
  kind: shortText(40),
  step: shortText(20),
  key: z.string().max(200).optional(),
  critical: z.string().max(60).optional(),
});
export type TrainingResultMistake = z.infer<typeof TrainingResultMistake>;

export const TrainingResult = z.strictObject({
  id: z.uuid(),
  traineeId: shortText(32),
  traineeName: shortText(30),
  packId: shortText(80),
  scenarioId: shortText(80),
  scenarioTitle: shortText(200),
  level: z.number().int().min(1).max(5),
  coached: z.boolean(),
  total: z.number().int().min(0).max(100),
  criticalMistakes: z.number().int().min(0).max(10),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  /** The training case's number: a PX number or nothing — a live case number is refused. */
  caseNumber: z
    .string()
    .max(40)
    .nullable()
    .refine((n) => n === null || isTrainingCaseNumber(n), 'not a training case number (PX)'),
  parts: z.record(z.enum(['identification', 'answers', 'materials', 'decision', 'applicant', 'time']), TrainingResultPart),
  mistakes: z.array(TrainingResultMistake).max(300),
});
export type TrainingResult = z.infer<typeof TrainingResult>;

export const TrainingResultsPush = z.strictObject({ results: z.array(TrainingResult).min(1).max(MAX_TRAINING_RESULTS_PER_PUSH) });

export const TrainingPushOutcome = z.enum(['stored', 'alreadyHave', 'conflict']);
export const TrainingResultsPushResponse = z.object({
  results: z.array(z.object({ id: z.string(), outcome: TrainingPushOutcome })),
});
export type TrainingResultsPushResponse = z.infer<typeof TrainingResultsPushResponse>;

/** A stored result as the trainer reads it: the result plus where and when it arrived. */
export const StoredTrainingResult = TrainingResult.extend({
  centreCode: z.string(),
  workstationCode: z.string(),
  receivedAt: z.string(),
});
export type StoredTrainingResult = z.infer<typeof StoredTrainingResult>;

export const TrainingResultsResponse = z.object({ results: z.array(StoredTrainingResult) });
export type TrainingResultsResponse = z.infer<typeof TrainingResultsResponse>;

export const TrainingResultsQuery = z.object({
  centre: z.string().regex(/^\d{6}$/),
  trainee: z.string().trim().min(1).max(32).optional(),
});

/** What is sent of a scored drill: the summary, no applicant data (mistakes without their values). */
export function trainingResultOf(r: {
  id: string;
  traineeId: string;
  traineeName: string;
  packId: string;
  scenarioId: string;
  scenarioTitle: string;
  level: number;
  coached: boolean;
  startedAt: string;
  finishedAt: string;
  caseNumber: string | null;
  score: DrillScore;
}): TrainingResult {
  const p = r.score.parts;
  const part = (x: { score: number; points: number; applicable: boolean }) => ({ score: x.score, points: x.points, applicable: x.applicable });
  return {
    id: r.id,
    traineeId: r.traineeId,
    traineeName: r.traineeName,
    packId: r.packId,
    scenarioId: r.scenarioId,
    scenarioTitle: r.scenarioTitle,
    level: r.level,
    coached: r.coached,
    total: r.score.total,
    criticalMistakes: r.score.critical.length,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    caseNumber: r.caseNumber,
    parts: {
      identification: part(p.identification),
      answers: part(p.answers),
      materials: part(p.materials),
      decision: part(p.decision),
      applicant: part(p.applicant),
      time: part(p.time),
    },
    mistakes: r.score.mistakes.slice(0, 300).map((m) => ({
      kind: m.kind,
      step: m.step,
      ...(m.key !== undefined ? { key: m.key.slice(0, 200) } : {}), // a checklist key or a field name, never a value
      ...(m.critical ? { critical: m.critical } : {}),
    })),
  };
}

/** Most common mistakes over results: `kind` + `key`, most frequent first. */
export function commonMistakes(results: readonly { mistakes: readonly { kind: string; key?: string | undefined }[] }[], limit = 10): { kind: string; key: string | null; count: number }[] {
  const counts = new Map<string, { kind: string; key: string | null; count: number }>();
  for (const r of results)
    for (const m of r.mistakes) {
      const id = `${m.kind}\u0000${m.key ?? ''}`;
      const c = counts.get(id) ?? { kind: m.kind, key: m.key ?? null, count: 0 };
      c.count += 1;
      counts.set(id, c);
    }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || (a.key ?? '').localeCompare(b.key ?? '')).slice(0, limit);
}
