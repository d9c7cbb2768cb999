/**
 * Version 1 of the workstation's database.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v01(db: Dexie): void {
  db.version(1).stores({
    catalogVersions: '&version, importedAt',
    settings: '&key',
  });
}
