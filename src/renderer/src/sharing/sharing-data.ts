/** What the 减材料 figures read: the live database's decided cases (training never enters). */
import type { IntakeCase } from '@core/intake/case';
import { getLiveDb, type WorkstationDb } from '../store/db';

export async function loadDecidedCases(db: WorkstationDb = getLiveDb()): Promise<IntakeCase[]> {
  const records = await db.cases.where('status').anyOf(['accepted', 'noticeIssued', 'refused']).toArray();
  return records.map((r) => r.case).filter((c) => c.training !== true);
}
