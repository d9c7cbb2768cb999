/** What the audit hooks need of the store (kept apart so the hooks import no feature module). */
export { getDb, type WorkstationDb } from '../store/db';
export type { RatingRecord as RatingRecordLike } from '../store/records';
