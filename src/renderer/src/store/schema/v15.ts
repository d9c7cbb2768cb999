/**
 * Version 15 of the workstation's database.
 * Material pages (材料电子化): `pages`, one row per page of a case, keyed by the case and the
 * page's SHA-256 (its content address), the bytes sealed with AES-GCM as a Blob
 * (store/page-store.ts). Indexed by case (the case view's "材料上传中 n/m"), by upload state
 * (the pages channel) and by when the service confirmed it (the retention sweep).
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v15(db: Dexie): void {
  db.version(15).stores({
    pages: '&[caseId+sha256], caseId, state, confirmedAt',
  });
}
