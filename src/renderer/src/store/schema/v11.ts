/**
 * Version 11 of the workstation's database.
 * Personal data at rest, the rest of it: the hand-out's recipient and the
 * supplements table's copy of the 容缺 commitment are sealed too (store/sealed-records.ts);
 * the rows stored before are sealed here. No index changes.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';
import { sealStoredHandouts, sealStoredSupplements } from '../sealed-records';

export function v11(db: Dexie): void {
  db.version(11)
    .stores({})
    .upgrade(async (tx) => {
      await sealStoredHandouts(tx.table('handouts'));
      await sealStoredSupplements(tx.table('supplements'));
    });
}
