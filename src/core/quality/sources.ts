/**
 * What the dashboards and the review sampling read, from the records the workstation keeps:
 * the 容缺 record as DeferralInfo, a 好差评 as the dashboards' Rating, and the
 * training results as TrainingScore. Pure.
 */
import { chinaDateOf } from '../intake/time';
import type { DeferralInfo, Rating, TrainingScore } from './metrics';

/** The fields of a 容缺 record (core/lifecycle/deferralRecord.ts) this needs. */
export interface DeferralRecordLike {
  materials: readonly { key: string }[];
  deadline: { date: string };
  supplements?: readonly { key: string; at: string }[];
}

function chinaDay(at: string): string {
  try {
    return chinaDateOf(at);
  } catch {
    return at.slice(0, 10);
  }
}

/** Each deferred material with the deadline and the day (China) it was supplied, null if not yet. */
export function deferralInfoOf(r: DeferralRecordLike): DeferralInfo {
  const supplied = new Map<string, string>();
  for (const s of r.supplements ?? []) {
    const day = chinaDay(s.at);
    const prev = supplied.get(s.key);
    if (prev === undefined || day < prev) supplied.set(s.key, day);
  }
  return { materials: r.materials.map((m) => ({ key: m.key, deadline: r.deadline.date, suppliedOn: supplied.get(m.key) ?? null })) };
}

/** A rating as the hand-out screen records it (core/lifecycle/ratingSchema.ts) → the dashboards' Rating. */
export function ratingOf(r: { caseNumber: string; level: Rating['level']; at: string; channel?: string }): Rating {
  return { caseNumber: r.caseNumber, level: r.level, at: r.at, ...(r.channel === 'onSite' || r.channel === 'online' ? { channel: r.channel } : {}) };
}

/** A finished drill result (`total` 0–100) → a TrainingScore; null when it has no total or trainee. */
export function trainingScoreOf(r: { traineeId?: unknown; total?: unknown; finishedAt?: unknown; centreCode?: unknown }): TrainingScore | null {
  if (typeof r.traineeId !== 'string' || typeof r.total !== 'number' || !Number.isFinite(r.total) || typeof r.finishedAt !== 'string') return null;
  return {
    clerkId: r.traineeId,
    score: Math.max(0, Math.min(100, r.total)),
    date: chinaDay(r.finishedAt),
    ...(typeof r.centreCode === 'string' ? { centreCode: r.centreCode } : {}),
  };
}
