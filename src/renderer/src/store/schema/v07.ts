/**
 * Version 7 of the workstation's database.
 * 统一窗口出件 and 好差评: hand-outs and ratings, pushed by sync/handout-sender.ts.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v07(db: Dexie): void {
  db.version(7).stores({
    handouts: '&id, caseId, state',
    ratings: '&id, caseId, state, caseNumber',
  });
}
