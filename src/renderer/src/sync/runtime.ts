/**
 * The app's one sync engine: started after sign-in (useSyncEngine in App), stopped at
 * sign-out; system notifications for 补正 / 办结 where the clerk enabled them.
 */
import { useEffect } from 'react';
import i18next from 'i18next';
import type { StatusNotification } from '@core/sync/timeline';
import { activeCatalogVersionSetting, importCatalogText } from '../catalog/catalog-store';
import { getDb } from '../store/db';
import { navigate } from '../ui/router';
import { SyncEngine, type SyncReport } from './engine';
import { intakeClerksOf, isNotificationFor, loadSystemNotificationsOn } from './sync-store';
import { currentSession } from '../session/session-store';

let engine: SyncEngine | null = null;
let users = 0;

function create(): SyncEngine {
  return new SyncEngine({
    db: getDb(),
    importCatalog: (text, name) => importCatalogText(text, name),
    activeCatalogVersion: () => activeCatalogVersionSetting(),
    onNotifications: (n) => void showSystemNotifications(n),
  });
}

/** Starts the engine while the calling component is mounted (one engine however many callers). */
export function useSyncEngine(): void {
  useEffect(() => {
    users += 1;
    engine ??= create();
    engine.start();
    return () => {
      users -= 1;
      if (users === 0) engine?.stop();
    };
  }, []);
}

/** A sync run now (after settings change, "sync now", "retry now"); null when no engine runs. */
export function requestSync(): Promise<SyncReport> | null {
  return engine ? engine.syncNow() : null;
}

// ---- system notifications ----------------------------------------------------------------

export function systemNotificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export async function showSystemNotifications(notes: readonly StatusNotification[]): Promise<void> {
  if (!systemNotificationsSupported() || Notification.permission !== 'granted') return;
  if (!(await loadSystemNotificationsOn())) return;
  // only for the clerk signed in now, about their own cases, and never over a locked screen
  const session = await currentSession();
  if (!session || session.locked) return;
  const owners = await intakeClerksOf(notes.map((n) => n.caseId));
  for (const n of notes.filter((x) => isNotificationFor({ clerkId: owners.get(x.caseId) ?? '' }, session.clerkId)).slice(-5)) {
    try {
      const note = new Notification(i18next.t(`sync.notifications.title.${n.kind}`, { caseNumber: n.caseNumber }), {
        body: n.comment ?? i18next.t(`sync.notifications.body.${n.kind}`),
        tag: `onewindow-${n.cursor}`,
      });
      note.onclick = () => {
        window.focus();
        navigate({ name: 'case', id: n.caseId });
        note.close();
      };
    } catch {
      // Some hosts only allow notifications from a service worker: the in-app list has it.
    }
  }
}
