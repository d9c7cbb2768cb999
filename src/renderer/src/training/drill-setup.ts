/**
 * What a drill needs in the training database before the trainee starts, so the intake meets
 * the scenario as a live window would:
 *
 * - a scenario whose applicant is on the 失信 list (circumstance `dishonest`, source `list`,
 *   or no source) has the applicant in the training database's dishonesty list — the list the
 *   deferral code reads (sealed, store/dishonesty-list.ts), so the intake
 *   shows the list's flag and refuses 容缺 on its own. A source `clerk` scenario seeds
 *   nothing: there the trainee has to flag it.
 *
 * Only ever the training database (`onewindow-training`): the live workstation's list is not
 * read or written. Entries seeded for one drill are taken out again when the next drill
 * starts (their IDs are kept under SEEDED_DISHONESTY_KEY), and entries already in the training
 * list (a trainer's import) are kept.
 */
import type { DishonestyEntry, DishonestyList } from '@core/lifecycle/dishonesty';
import { DISHONESTY_LIST_SCHEMA_VERSION } from '@core/lifecycle/dishonesty';
import type { Scenario } from '@core/training/scenario';
import { loadWholeDishonestyList, replaceDishonestyList } from '../store/dishonesty-list';
import { todayInChina } from '../intake/useIntakeModel';
import type { WorkstationDb } from '../store/db';

/** The IDs the last drill put into the training dishonesty list. */
export const SEEDED_DISHONESTY_KEY = 'training.seededDishonestyIds';

/** The list's source line when the drill seeds it (shown with the flag). */
export const DRILL_LIST_SOURCE = '培训演练名单（虚构，仅培训数据库）';

/**
 * The list entries a scenario needs: the applicant's ID (a person's ID number, an
 * organisation's USCC) when it is on the list. The listing body, date and reason come from the
 * scenario's note where it gives them (“示例市市场监督管理局于2026-05-10列入，原因：…”); the
 * date is never after `today`, so the entry counts.
 */
export function drillDishonestyEntries(s: Scenario, today: string): DishonestyEntry[] {
  const c = s.applicant.circumstances.find((x) => x.kind === 'dishonest' && x.source !== 'clerk');
  if (!c) return [];
  const party = s.applicant.party;
  const idNumber = party.kind === 'person' ? party.idNumber : party.uscc;
  const m = /([^（(，,；;：:\s]+?)于(\d{4}-\d{2}-\d{2})列入(?:[，,]\s*原因[：:]\s*([^）)]+))?/.exec(c.note);
  const listedAt = m?.[2] && m[2] <= today ? m[2] : today;
  return [{ idNumber, name: party.name, reason: m?.[3]?.trim() || c.note, listedBy: m?.[1] ?? '培训演练', listedAt }];
}

/** Sets up the training database for this scenario's drill (see the file comment). */
export async function prepareDrillState(db: WorkstationDb, s: Scenario, now: Date = new Date()): Promise<void> {
  const fresh = drillDishonestyEntries(s, todayInChina(now));
  // the list is sealed (store/dishonesty-list.ts): opened whole — a training list is small — and sealed again
  const list = await loadWholeDishonestyList(db);
  const seeded = new Set(((await db.settings.get(SEEDED_DISHONESTY_KEY))?.value as string[] | undefined) ?? []);
  const kept = (list?.entries ?? []).filter((e) => !seeded.has(e.idNumber) && !fresh.some((f) => f.idNumber === e.idNumber));
  const entries = [...kept, ...fresh];
  if (entries.length === 0 && (!list || list.source === DRILL_LIST_SOURCE)) await replaceDishonestyList(db, null);
  else
    await replaceDishonestyList(db, {
      schemaVersion: DISHONESTY_LIST_SCHEMA_VERSION,
      source: list?.source ?? DRILL_LIST_SOURCE,
      ...(list?.importedAt ? { importedAt: list.importedAt } : {}),
      entries,
    } satisfies DishonestyList);
  await db.settings.put({ key: SEEDED_DISHONESTY_KEY, value: fresh.map((e) => e.idNumber) });
}
