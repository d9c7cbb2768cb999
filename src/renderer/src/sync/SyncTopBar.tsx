/**
 * Top-bar pieces of sync: the online/offline indicator, the progress bar while a backlog
 * drains ("正在同步 12/240"), and the bell with the unread 补正 / 办结 notifications.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useLiveQuery } from '../store/live-query';
import { isTrainingMode, type NotificationRecord } from '../store/db';
import { useCatalog } from '../catalog/CatalogContext';
import { departmentName } from '../catalog/department-name';
import { navigate } from '../ui/router';
import { useLocale } from '../i18n/useLocale';
import { countUnreadNotifications, latestNotifications, loadServerConfig, loadSyncStatus, markAllNotificationsRead, markNotificationRead, useLiveSyncStatus } from './sync-store';
import { useSession } from '../session/SessionGate';
import { formatTime } from './format';
import { classifySyncError } from './errors';

/** The last problem in words (the indicator's tooltip has no room for a second tooltip). */
function syncErrorSentence(t: TFunction, raw: string): string {
  const e = classifySyncError(raw);
  return t(`sync.errors.${e.key}`, e.params);
}
import './sync.css';

function subscribeOnline(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

export function useNavigatorOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

export type IndicatorState = 'online' | 'offline' | 'notConfigured' | 'unauthorized' | 'unknown' | 'training';

export function SyncIndicator() {
  // Training mode works on its own database, which never holds a server: say so plainly rather
  // than "sync not configured" (switching mode reloads the app, so this never changes in place).
  return isTrainingMode() ? <TrainingSyncIndicator /> : <LiveSyncIndicator />;
}

function TrainingSyncIndicator() {
  const { t } = useTranslation();
  return (
    <span className="sync-indicator sync-training" data-testid="sync-indicator" data-state="training" title={t('training.mode.syncIndicatorTitle')}>
      <span className="sync-dot" aria-hidden />
      <span>{t('training.mode.syncIndicator')}</span>
    </span>
  );
}

function LiveSyncIndicator() {
  const { t } = useTranslation();
  const locale = useLocale();
  const online = useNavigatorOnline();
  const live = useLiveSyncStatus();
  const info = useLiveQuery(async () => ({ configured: (await loadServerConfig()) !== null, status: await loadSyncStatus() }), []);
  if (!info) return null;
  const { configured, status } = info;
  let state: IndicatorState;
  if (!configured) state = 'notConfigured';
  else if (!online) state = 'offline';
  else if (!status) state = 'unknown';
  else if (status.outcome === 'ok') state = 'online';
  else if (status.outcome === 'unauthorized') state = 'unauthorized';
  else if (status.outcome === 'notConfigured') state = 'unknown';
  else state = 'offline';
  const last = status?.lastSuccessAt ? t('sync.indicator.lastSync', { time: formatTime(status.lastSuccessAt, locale) }) : t('sync.indicator.never');
  return (
    <a
      className={`sync-indicator sync-${state}`}
      href="#/sync"
      data-testid="sync-indicator"
      data-state={state}
      data-running={live.running ? 'true' : 'false'}
      title={`${t(`sync.indicator.${state}`)} · ${last}${status?.detail ? ` · ${syncErrorSentence(t, status.detail)}` : ''}`}
    >
      <span className="sync-dot" aria-hidden />
      <span>{t(`sync.indicator.${state}`)}</span>
    </a>
  );
}

export function SyncProgress() {
  const { t } = useTranslation();
  const live = useLiveSyncStatus();
  if (!live.running || live.phase !== 'push' || live.total === 0) return null;
  return (
    <div className="sync-progress" role="status" data-testid="sync-progress">
      <progress value={live.done} max={live.total} />
      <span>{live.kind ? t('sync.progressKind', { kind: t(`sync.kinds.${live.kind}`, { defaultValue: live.kind }), done: live.done, total: live.total }) : t('sync.progress', { done: live.done, total: live.total })}</span>
    </div>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // only the signed-in clerk's own notifications (a window PC is shared across shifts)
  const clerkId = useSession().session.clerkId;
  const unread = useLiveQuery(() => countUnreadNotifications(clerkId), [clerkId]) ?? 0;
  const latest =
    useLiveQuery(
      async (): Promise<NotificationRecord[]> => (open ? latestNotifications(clerkId, 20) : []),
      [open, clerkId],
    ) ?? [];
  const { departments } = useCatalog();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="btn btn-quiet bell-button"
        aria-label={t('sync.notifications.bell', { count: unread })}
        aria-expanded={open}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-popup" role="dialog" aria-label={t('sync.notifications.title.list')} data-testid="notification-list">
          <div className="bell-head">
            <strong>{t('sync.notifications.title.list')}</strong>
            {unread > 0 && (
              <button type="button" className="btn btn-small" onClick={() => void markAllNotificationsRead(clerkId)}>
                {t('sync.notifications.markAllRead')}
              </button>
            )}
          </div>
          {latest.length === 0 ? (
            <div className="muted bell-empty">{t('sync.notifications.empty')}</div>
          ) : (
            <ul className="bell-list">
              {latest.map((n) => (
                <li key={n.cursor} className={n.unread ? 'bell-item unread' : 'bell-item'} data-testid="notification-item" data-kind={n.kind}>
                  <button
                    type="button"
                    onClick={() => {
                      void markNotificationRead(n.cursor);
                      setOpen(false);
                      navigate({ name: 'case', id: n.caseId });
                    }}
                  >
                    <span className={`tag ${n.kind === 'approved' ? 'tag-ok' : 'tag-warn'}`}>{t(`sync.timeline.kinds.${n.kind}`)}</span>{' '}
                    <span className="mono">{n.caseNumber}</span>
                    <div className="small muted">
                      {n.departmentCode ? departmentName(departments, n.departmentCode, locale) : ''} · {formatTime(Date.parse(n.at), locale)}
                    </div>
                    {n.comment && <div className="small">{n.comment}</div>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
