/**
 * Version 8 of the workstation's database.
 * Training mode: drills, results, scenario packs and assignments — used in the training database.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v08(db: Dexie): void {
  db.version(8).stores({
    drillRuns: '&id, state, startedAt',
    drillResults: '&id, traineeId, scenarioId, finishedAt, state',
    scenarioPacks: '&packId, importedAt',
    drillAssignments: '&id, traineeId, assignedAt',
  });
}
