/**
 * What the training workspace keeps (Dexie tables of the training database, store/db.ts v8).
 * Types only, so store/db.ts can name them without importing the training feature.
 */
import type { DrillScore } from '@core/training/scoring';
import type { ScenarioPack } from '@core/training/scenario';

/** A drill being run (or run): the simulated visit, its timer and the training case it produced. */
export interface DrillRunRecord {
  id: string;
  packId: string;
  scenarioId: string;
  /** Coached: step-by-step feedback while the drill runs. */
  coached: boolean;
  traineeId: string;
  traineeName: string;
  /** ISO date-time the trainee started the drill (the timer starts here). */
  startedAt: string;
  state: 'running' | 'finished' | 'abandoned';
  /** The training case decided in this drill (set when the drill is scored). */
  caseId?: string;
  resultId?: string;
}

/** A scored drill, sent to the server's training area (never a department queue). */
export interface DrillResultRecord {
  id: string;
  runId: string;
  packId: string;
  scenarioId: string;
  scenarioTitle: string;
  level: number;
  traineeId: string;
  traineeName: string;
  centreCode: string;
  coached: boolean;
  total: number;
  criticalMistakes: number;
  startedAt: string;
  finishedAt: string;
  caseId: string | null;
  caseNumber: string | null;
  score: DrillScore;
  /** Sync to the server's training area. */
  state: 'queued' | 'sent' | 'needsFix';
  error?: string;
  /** Where it came from: drilled here, or pulled from the server (another workstation). */
  origin: 'local' | 'server';
}

/** A scenario pack available on this workstation. */
export interface ScenarioPackRecord {
  packId: string;
  title: string;
  importedAt: string;
  source: 'bundled' | 'file' | 'authored' | 'whatChanged';
  pack: ScenarioPack;
}

/** Drills a trainer assigned to a trainee (by 工号). */
export interface DrillAssignmentRecord {
  id: string;
  traineeId: string;
  /** `packId/scenarioId` */
  drills: string[];
  assignedBy: string;
  assignedAt: string;
  note?: string;
}
