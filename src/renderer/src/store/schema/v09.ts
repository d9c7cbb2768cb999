/**
 * Version 9 of the workstation's database.
 * Roles and quality review: local accounts (PBKDF2 password hashes), supervisors' reviews.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v09(db: Dexie): void {
  db.version(9).stores({
    users: '&userId, role',
    reviews: '&caseId, clerkId, weekKey, reviewedAt',
  });
}
