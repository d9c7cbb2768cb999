/**
 * The training workspace's data: scenario packs, drill runs, scored results and assignments,
 * all in the training database (store/db.ts `getTrainingDb()`), never the live one.
 *
 * A drill run: the trainee starts a scenario (timer starts), finds the item and does a real
 * intake in training mode; `linkDraftToRun` (called by the intake when a training draft
 * starts) ties the draft to the running drill, and `scoreDecidedTrainingCase` (called by the
 * intake after a training decision) scores it with the core (scoreDrill) and stores the result,
 * queued for the server's training area (result-sender.ts).
 */
import { useEffect } from 'react';
import { useLiveQuery } from '../store/live-query';
import type { IntakeCase } from '@core/intake/case';
import { ScenarioPack, type Scenario } from '@core/training/scenario';
import { attemptFromCase, scoreDrill } from '@core/training/scoring';
import { isTrainingCase } from '@core/training/isolation';
import { getTrainingDb, type WorkstationDb } from '../store/db';
import type { DrillAssignmentRecord, DrillResultRecord, DrillRunRecord, ScenarioPackRecord } from '../store/training-records';
import { prepareDrillState } from './drill-setup';
import { requirePermission } from '../session/session-store';

export const DEFAULT_PACK_ID = 'default-onboarding';

/** Listeners told when a drill is scored (the dock shows the result; the sender sends it). */
const scoredListeners = new Set<(r: DrillResultRecord) => void>();
export function onDrillScored(fn: (r: DrillResultRecord) => void): () => void {
  scoredListeners.add(fn);
  return () => scoredListeners.delete(fn);
}

/** The shipped pack is in the training database (added on first use, replaced when the app ships a newer one). */
export async function ensureDefaultPack(db: WorkstationDb = getTrainingDb(), now: Date = new Date()): Promise<void> {
  // Loaded on first use (its own chunk): the live intake path never carries the training pack.
  const { default: defaultPackJson } = await import('../../../../resources/training/default-pack.json');
  const pack = ScenarioPack.parse(defaultPackJson);
  const existing = await db.scenarioPacks.get(pack.packId);
  if (existing && existing.source === 'bundled' && JSON.stringify(existing.pack) === JSON.stringify(pack)) return;
  if (existing && existing.source !== 'bundled') return;
  await db.scenarioPacks.put({ packId: pack.packId, title: pack.title, importedAt: now.toISOString(), source: 'bundled', pack });
}

export function usePacks(): ScenarioPackRecord[] | undefined {
  // Not inside the live query: a live query is read-only.
  useEffect(() => void ensureDefaultPack().catch(() => undefined), []);
  return useLiveQuery(async () => {
    return (await getTrainingDb().scenarioPacks.toArray()).sort((a, b) => (a.source === 'bundled' ? -1 : b.source === 'bundled' ? 1 : a.importedAt.localeCompare(b.importedAt)));
  }, []);
}

export const drillRef = (packId: string, scenarioId: string): string => `${packId}/${scenarioId}`;

export function findScenario(packs: readonly ScenarioPackRecord[], packId: string, scenarioId: string): Scenario | undefined {
  return packs.find((p) => p.packId === packId)?.pack.scenarios.find((s) => s.id === scenarioId);
}

/** A stored pack (undefined when there is none with that id). */
export function loadPack(packId: string): Promise<ScenarioPackRecord | undefined> {
  return getTrainingDb().scenarioPacks.get(packId);
}

export async function loadScenario(packId: string, scenarioId: string, db: WorkstationDb = getTrainingDb()): Promise<Scenario | undefined> {
  return (await db.scenarioPacks.get(packId))?.pack.scenarios.find((s) => s.id === scenarioId);
}

/** Stores a pack (imported, authored, generated). Same packId replaces the stored one. */
export async function savePack(pack: ScenarioPack, source: ScenarioPackRecord['source'], now: Date = new Date()): Promise<void> {
  await requirePermission('trainingAuthor'); // checked here, not only by the trainer's screen
  await getTrainingDb().scenarioPacks.put({ packId: pack.packId, title: pack.title, importedAt: now.toISOString(), source, pack });
}

export async function deletePack(packId: string): Promise<void> {
  await requirePermission('trainingAuthor');
  await getTrainingDb().scenarioPacks.delete(packId);
}

// ---- runs ---------------------------------------------------------------------------------

export function useRunningDrill(): DrillRunRecord | null | undefined {
  return useLiveQuery(async () => (await getTrainingDb().drillRuns.where('state').equals('running').first()) ?? null, []);
}

/** The latest drill run if it finished with a result (the dock keeps its score until dismissed); else null. */
export function useLastFinishedDrill(): DrillRunRecord | null | undefined {
  return useLiveQuery(async () => {
    const r = await getTrainingDb().drillRuns.orderBy('startedAt').last();
    return r && r.state === 'finished' && r.resultId ? r : null;
  }, []);
}

export async function startDrill(args: { packId: string; scenarioId: string; coached: boolean; traineeId: string; traineeName: string; now?: Date }): Promise<DrillRunRecord> {
  const db = getTrainingDb();
  const now = args.now ?? new Date();
  // The training database as the scenario needs it (e.g. a 失信 applicant on the list).
  const scenario = await loadScenario(args.packId, args.scenarioId, db);
  if (scenario) await prepareDrillState(db, scenario, now);
  const run: DrillRunRecord = {
    id: crypto.randomUUID(),
    packId: args.packId,
    scenarioId: args.scenarioId,
    coached: args.coached,
    traineeId: args.traineeId,
    traineeName: args.traineeName,
    startedAt: now.toISOString(),
    state: 'running',
  };
  await db.transaction('rw', db.drillRuns, async () => {
    // One drill at a time: a drill left running is abandoned.
    const running = await db.drillRuns.where('state').equals('running').toArray();
    if (running.length) await db.drillRuns.bulkPut(running.map((r) => ({ ...r, state: 'abandoned' as const })));
    await db.drillRuns.put(run);
  });
  return run;
}

export async function abandonDrill(runId: string): Promise<void> {
  await getTrainingDb().drillRuns.update(runId, { state: 'abandoned' });
}

/** Called by the intake when a training draft starts: the running drill works on this draft. */
export async function linkDraftToRun(caseId: string): Promise<void> {
  const db = getTrainingDb();
  const run = await db.drillRuns.where('state').equals('running').first();
  if (run) await db.drillRuns.update(run.id, { caseId });
}

/**
 * Called by the intake after a decision in training mode: scores the running drill on this
 * case and stores the result (queued for the server's training area). Returns it, or null when
 * no drill was running for this case (free practice in training mode).
 */
export async function scoreDecidedTrainingCase(c: IntakeCase, db: WorkstationDb = getTrainingDb()): Promise<DrillResultRecord | null> {
  if (!isTrainingCase(c) || !c.decision) return null;
  const run = await db.drillRuns.where('state').equals('running').first();
  if (!run || (run.caseId && run.caseId !== c.id)) return null;
  const scenario = await loadScenario(run.packId, run.scenarioId, db);
  const catalogRecord = await db.catalogVersions.get(c.catalogVersion);
  if (!scenario || !catalogRecord) return null;
  const d = c.decision;
  const finishedAt = d.at;
  const attempt = attemptFromCase(c, { startedAt: run.startedAt, finishedAt }, { deferral: d.kind === 'accept' && !!d.deferral });
  const score = scoreDrill(scenario, attempt, catalogRecord.catalog);
  const result: DrillResultRecord = {
    id: crypto.randomUUID(),
    runId: run.id,
    packId: run.packId,
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    level: scenario.level,
    traineeId: run.traineeId,
    traineeName: run.traineeName,
    centreCode: c.clerk.centreCode,
    coached: run.coached,
    total: score.total,
    criticalMistakes: score.critical.length,
    startedAt: run.startedAt,
    finishedAt,
    caseId: c.id,
    caseNumber: c.caseNumber ?? null,
    score,
    state: 'queued',
    origin: 'local',
  };
  await db.transaction('rw', db.drillRuns, db.drillResults, async () => {
    await db.drillResults.put(result);
    await db.drillRuns.update(run.id, { state: 'finished', caseId: c.id, resultId: result.id });
  });
  for (const fn of scoredListeners) fn(result);
  return result;
}

// ---- results and assignments ----------------------------------------------------------------

export function useResult(id: string): DrillResultRecord | null | undefined {
  return useLiveQuery(async () => (await getTrainingDb().drillResults.get(id)) ?? null, [id]);
}

export function useResults(traineeId?: string): DrillResultRecord[] | undefined {
  return useLiveQuery(async () => {
    const db = getTrainingDb();
    const rows = traineeId ? await db.drillResults.where('traineeId').equals(traineeId).toArray() : await db.drillResults.toArray();
    return rows.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  }, [traineeId]);
}

export function useAssignments(traineeId?: string): DrillAssignmentRecord[] | undefined {
  return useLiveQuery(async () => {
    const db = getTrainingDb();
    const rows = traineeId ? await db.drillAssignments.where('traineeId').equals(traineeId).toArray() : await db.drillAssignments.toArray();
    return rows.sort((a, b) => b.assignedAt.localeCompare(a.assignedAt));
  }, [traineeId]);
}

export async function assignDrills(args: { traineeIds: string[]; drills: string[]; assignedBy: string; note?: string; now?: Date }): Promise<void> {
  await requirePermission('trainingAuthor');
  const at = (args.now ?? new Date()).toISOString();
  const rows: DrillAssignmentRecord[] = args.traineeIds.map((traineeId) => ({
    id: crypto.randomUUID(),
    traineeId,
    drills: [...args.drills],
    assignedBy: args.assignedBy,
    assignedAt: at,
    ...(args.note ? { note: args.note } : {}),
  }));
  await getTrainingDb().drillAssignments.bulkPut(rows);
}

export async function removeAssignment(id: string): Promise<void> {
  await requirePermission('trainingAuthor');
  await getTrainingDb().drillAssignments.delete(id);
}
