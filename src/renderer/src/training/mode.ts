/**
 * Entering and leaving training mode — an explicit act (a button with a confirmation), kept
 * across reloads (localStorage flag, store/db.ts), and visible at a glance (training bar and
 * watermark, TrainingChrome.tsx).
 *
 * While training mode is on the whole app works on the training database
 * (`onewindow-training`): `getDb()` returns it. Entering copies into it only what a drill
 * needs from the live workstation — the catalog versions and the one in use, the holiday data,
 * the signed-in clerk and the workstation set-up with the reserved workstation code `PX` (so
 * every training case number is a PX number). Never the sync server's address or token: the
 * sync engine finds no server in the training database (sync-store's loadServerConfig refuses
 * it as well), so nothing drilled can be pushed. Live drafts and cases are never opened.
 * Switching reloads the app so every screen, query and the sync engine start again on the
 * right database.
 */
import { ACTIVE_CATALOG_KEY } from '../catalog/catalog-store';
import { CLERK_SESSION_KEY, WORKSTATION_KEY } from '../session/session-store';
import { SYNC_HOLIDAYS_KEY } from '../sync/sync-store';
import { TRAINING_MODE_KEY, getLiveDb, getTrainingDb, isTrainingMode } from '../store/db';
import { ensureDefaultPack } from './drill-store';

/** Settings copied from the live workstation into the training database (and nothing else). */
export const COPIED_SETTINGS = [ACTIVE_CATALOG_KEY, SYNC_HOLIDAYS_KEY, CLERK_SESSION_KEY] as const;

/** Makes the training database ready to work on: catalogs, clerk, workstation code PX, the default pack. */
export async function prepareTrainingWorkspace(): Promise<void> {
  const live = getLiveDb();
  const training = getTrainingDb();
  const [catalogs, settings, workstation] = await Promise.all([
    live.catalogVersions.toArray(),
    live.settings.bulkGet([...COPIED_SETTINGS]),
    live.settings.get(WORKSTATION_KEY),
  ]);
  await training.transaction('rw', training.catalogVersions, training.settings, async () => {
    await training.catalogVersions.bulkPut(catalogs);
    for (const s of settings) if (s) await training.settings.put(s);
    // The set-up as it is: a training decision always takes the reserved code PX (intake-store decide()).
    if (workstation) await training.settings.put(workstation);
  });
  // Local accounts, so signing in again inside training mode works as at the live window.
  const liveUsers = live.tables.find((t) => t.name === 'users');
  const trainingUsers = training.tables.find((t) => t.name === 'users');
  if (liveUsers && trainingUsers) await trainingUsers.bulkPut(await liveUsers.toArray());
  await ensureDefaultPack(training);
}

function reloadAt(hash: string): void {
  window.location.hash = hash;
  window.location.reload();
}

export async function enterTrainingMode(): Promise<void> {
  if (isTrainingMode()) return;
  await prepareTrainingWorkspace();
  localStorage.setItem(TRAINING_MODE_KEY, '1');
  reloadAt('#/training');
}

export function leaveTrainingMode(): void {
  localStorage.removeItem(TRAINING_MODE_KEY);
  reloadAt('#/training');
}
