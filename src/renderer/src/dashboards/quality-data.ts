/**
 * The decided cases of this workstation's database as the dashboards and the review sampling
 * read them (core/quality/metrics.ts MetricCase), with names for the keys. One read of each
 * table; the per-case work is core's (toMetricCase). Training data never enters: the live
 * database is read whatever the mode.
 */
import type { IntakeCase } from '@core/intake/case';
import { toMetricCase, type MetricCase, type Rating, type TrainingScore } from '@core/quality/metrics';
import { deferralInfoOf, ratingOf, trainingScoreOf, type DeferralRecordLike } from '@core/quality/sources';
import type { StatusEvent } from '@core/sync/protocol';
import { chinaToday } from '../cases/cases-store';
import { getLiveDb, getTrainingDb, type WorkstationDb } from '../store/db';

export interface QualityData {
  cases: MetricCase[];
  /** clerkId → name, centre code → name, item code → name (as recorded on the cases). */
  clerkNames: Map<string, string>;
  centreNames: Map<string, string>;
  itemNames: Map<string, string>;
  /** case id → what was applied for, by name: the item's, or the bundle's for a 一件事 case. */
  subjectNames: Map<string, string>;
  trainingScores: TrainingScore[];
  /** Whether the training results table exists in the training database. */
  hasTraining: boolean;
  loadedAt: number;
}

/** The live database (training mode works on its own; see store/db.ts). */
export function liveDb(): WorkstationDb {
  return getLiveDb();
}

function trainingDb(): WorkstationDb | null {
  return getTrainingDb();
}

async function loadTrainingScores(): Promise<{ scores: TrainingScore[]; has: boolean }> {
  const db = trainingDb();
  if (!db) return { scores: [], has: false };
  try {
    const table = db.tables.find((t) => t.name === 'drillResults');
    if (!table) return { scores: [], has: false };
    const rows = (await table.toArray()) as Record<string, unknown>[];
    return { scores: rows.map((r) => trainingScoreOf(r)).filter((s): s is TrainingScore => s !== null), has: true };
  } catch {
    return { scores: [], has: false };
  }
}

function subjectNames(c: IntakeCase, names: Map<string, string>, subjectName: string): void {
  if (c.subject.kind === 'item') {
    if (!names.has(c.subject.basicCode)) names.set(c.subject.basicCode, subjectName);
  }
}

export async function loadQualityData(db: WorkstationDb = liveDb(), now: Date = new Date()): Promise<QualityData> {
  const asOf = chinaToday(now);
  const [records, events, ratingRows, supplements, training] = await Promise.all([
    db.cases.where('status').anyOf(['accepted', 'noticeIssued', 'refused']).toArray(),
    db.statusEvents.toArray(),
    db.ratings.toArray(),
    db.supplements.toArray(),
    loadTrainingScores(),
  ]);
  const eventsByCase = new Map<string, StatusEvent[]>();
  for (const e of events) {
    const list = eventsByCase.get(e.caseId);
    if (list) list.push(e);
    else eventsByCase.set(e.caseId, [e]);
  }
  const ratingsByNumber = new Map<string, Rating[]>();
  for (const r of ratingRows) {
    if (r.training) continue;
    const q = ratingOf(r.rating);
    const list = ratingsByNumber.get(q.caseNumber);
    if (list) list.push(q);
    else ratingsByNumber.set(q.caseNumber, [q]);
  }
  const deferrals = new Map(supplements.map((s) => [s.caseId, deferralInfoOf(s.record as DeferralRecordLike)]));
  const clerkNames = new Map<string, string>();
  const centreNames = new Map<string, string>();
  const itemNames = new Map<string, string>();
  const subjects = new Map<string, string>();
  const cases: MetricCase[] = [];
  for (const r of records) {
    const c = r.case;
    const number = c.caseNumber ?? c.decision?.caseNumber ?? r.caseNumber;
    const accepted = c.decision?.kind === 'accept' ? c.decision : null;
    const deferral = deferrals.get(c.id) ?? (accepted?.deferral ? deferralInfoOf(accepted.deferral) : null);
    const m = toMetricCase(c, eventsByCase.get(c.id) ?? [], ratingsByNumber.get(number) ?? [], { asOf, deferral });
    if (!m) continue;
    // sealed records keep the applicant only as a blind index: the same key for the same person
    const idKey = (r as { idKey?: string }).idKey;
    cases.push(idKey ? { ...m, applicantId: idKey } : m);
    clerkNames.set(c.clerk.clerkId, c.clerk.name);
    centreNames.set(c.clerk.centreCode, c.clerk.centreName);
    subjectNames(c, itemNames, r.subjectName);
    if (r.subjectName) subjects.set(c.id, r.subjectName);
  }
  return { cases, clerkNames, centreNames, itemNames, subjectNames: subjects, trainingScores: training.scores, hasTraining: training.has, loadedAt: now.getTime() };
}
