/**
 * Version 14 of the workstation's database.
 * Personal data sealed everywhere: the 失信 list moves out of the settings table into sealed
 * buckets found by blind index (store/dishonesty-list.ts); the sync token, departments'
 * comments, rating comments, PDF copies and a case's 失信 reason are sealed
 * (store/sealed-records.ts, store/case-store.ts); the rows stored before are sealed here.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';
import type { CaseRecord, NotificationRecord } from '../db';
import { sealStoredCaseDishonestyReasons } from '../case-sealing';
import {
  sealStoredCaseDocuments,
  sealStoredNotifications,
  sealStoredRatings,
  sealStoredServerConfig,
  sealStoredStatusEvents,
} from '../sealed-records';
import { sealStoredDishonestyList } from '../dishonesty-list';
import { tagStoredAccounts } from '../record-tags';

export function v14(db: Dexie): void {
  db.version(14)
    .stores({
      dishonestyBuckets: '&bucket',
    })
    .upgrade(async (tx) => {
      await sealStoredDishonestyList(tx.table('settings'), tx.table('dishonestyBuckets'));
      await sealStoredServerConfig(tx.table('settings'));
      await sealStoredStatusEvents(tx.table('statusEvents'));
      await sealStoredNotifications(tx.table('notifications'));
      await sealStoredRatings(tx.table('ratings'));
      await sealStoredCaseDocuments(tx.table('caseDocuments'));
      await sealStoredCaseDishonestyReasons(tx.table('cases'));
      // each notification is for the clerk who took its case in
      const notes = (await tx.table('notifications').toArray()) as NotificationRecord[];
      const owners = new Map(((await tx.table('cases').bulkGet([...new Set(notes.map((n) => n.caseId))])) as (CaseRecord | undefined)[]).filter((r) => !!r).map((r) => [r!.id, r!.case.clerk?.clerkId ?? '']));
      const unowned = notes.filter((n) => n.clerkId === undefined).map((n) => ({ ...n, clerkId: owners.get(n.caseId) ?? '' }));
      if (unowned.length > 0) await tx.table('notifications').bulkPut(unowned);
      // accounts and 容缺 approvers get their authentication tag (store/record-tags.ts)
      await tagStoredAccounts(tx.table('users'), tx.table('settings'));
    });
}
