/**
 * #/settings — the connection to the department-queue service, entered once by an
 * administrator: the server address (http(s), no credentials in it) and this workstation's
 * token (kept in IndexedDB, shown masked once saved); "test connection"; and whether 补正 /
 * 办结 also raise a system notification (permission is asked only when switched on).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { HealthResponse, StatusEventsResponse } from '@core/sync/protocol';
import { isLoopbackOrigin, maskToken, parseServerUrl, WorkstationToken } from '@core/sync/serverConfig';
import { FormField } from '../ui/FormField';
import { getHost } from '../platform/host';
import { apiRequest } from '../sync/api';
import { requestSync, systemNotificationsSupported } from '../sync/runtime';
import { clearServerConfigAsSupervisor, loadServerConfig, loadSystemNotificationsOn, saveServerConfigAsSupervisor, saveSystemNotificationsOn } from '../sync/sync-store';
import '../sync/sync.css';
import { DeferralSettings } from '../deferral/DeferralSettings';
import { MaterialsSettings } from '../materials/MaterialsSettings'; // 材料电子化
import { IdleLockSettings } from '../session/IdleLockSettings';

type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok'; db: string; migration: number } | { kind: 'failed'; message: string };

export function SettingsPage() {
  const { t } = useTranslation();
  const saved = useLiveQuery(async () => ({ config: await loadServerConfig(), notify: await loadSystemNotificationsOn() }), []);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ url?: string; token?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [hostKind, setHostKind] = useState<'electron' | 'browser'>('browser');
  const [permission, setPermission] = useState<string>(systemNotificationsSupported() ? Notification.permission : 'unsupported');

  useEffect(() => {
    void getHost()
      .info()
      .then((i) => setHostKind(i.kind))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (saved?.config && url === '') setUrl(saved.config.serverUrl);
    // only when the saved value first arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved?.config?.serverUrl]);

  if (!saved) return <div className="loading">{t('app.loading')}</div>;

  const validate = (): { url: string; token: string } | null => {
    const next: { url?: string; token?: string } = {};
    const u = parseServerUrl(url);
    if (!u.ok) next.url = t(`settings.errors.url.${u.error}`);
    const typed = token.trim();
    const tokenToUse = typed === '' ? (saved.config?.token ?? '') : typed;
    if (tokenToUse === '') next.token = t('settings.errors.token.empty');
    else if (!WorkstationToken.safeParse(tokenToUse).success) next.token = t('settings.errors.token.invalid');
    setErrors(next);
    return u.ok && !next.token ? { url: u.url, token: tokenToUse } : null;
  };

  const onSave = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const v = validate();
    if (!v) return;
    await saveServerConfigAsSupervisor({ serverUrl: v.url, token: v.token, savedAt: new Date().toISOString() });
    setUrl(v.url);
    setToken('');
    setMessage(t('settings.saved'));
    void requestSync();
  };

  const onTest = async () => {
    const v = validate();
    if (!v) return;
    setTest({ kind: 'testing' });
    const target = { serverUrl: v.url, token: v.token };
    const health = await apiRequest(target, '/health', HealthResponse, { auth: false });
    if (!health.ok) {
      setTest({ kind: 'failed', message: failureText(health.kind, health.status, health.message) });
      return;
    }
    const authed = await apiRequest(target, '/status-events?after=0&limit=1', StatusEventsResponse);
    if (!authed.ok) {
      setTest({ kind: 'failed', message: failureText(authed.kind, authed.status, authed.message) });
      return;
    }
    setTest({ kind: 'ok', db: health.data.db, migration: health.data.migration });
  };

  const failureText = (kind: string, status: number | null, detail: string) =>
    `${t(`settings.test.failed.${kind}`)}${status !== null ? ` (HTTP ${status})` : ''}${kind === 'network' || kind === 'malformed' ? '' : ` — ${detail}`}`;

  const parsedUrl = parseServerUrl(url);
  const cspWarning = parsedUrl.ok && !isLoopbackOrigin(parsedUrl.origin) ? (hostKind === 'browser' ? t('settings.csp.browser') : t('settings.csp.electron', { origin: parsedUrl.origin })) : null;

  const toggleNotify = async (on: boolean) => {
    if (on && systemNotificationsSupported() && Notification.permission !== 'granted') {
      const p = await Notification.requestPermission().catch(() => 'denied' as NotificationPermission);
      setPermission(p);
      if (p !== 'granted') {
        await saveSystemNotificationsOn(false);
        return;
      }
    }
    await saveSystemNotificationsOn(on);
  };

  return (
    <section className="settings-page" data-testid="settings-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('settings.title')}</h1>
      </div>

      <form className="panel settings-form" onSubmit={(e) => void onSave(e)} noValidate>
        <h2>{t('settings.server.title')}</h2>
        <p className="muted small">{t('settings.server.intro')}</p>
        <FormField
          label={t('settings.server.url')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="http://127.0.0.1:8787"
          error={errors.url}
          hint={t('settings.server.urlHint')}
          autoComplete="off"
          spellCheck={false}
          data-testid="server-url"
        />
        <FormField
          label={t('settings.server.token')}
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder={saved.config ? maskToken(saved.config.token) : ''}
          error={errors.token}
          hint={saved.config ? t('settings.server.tokenSaved', { masked: maskToken(saved.config.token) }) : t('settings.server.tokenHint')}
          autoComplete="off"
          data-testid="server-token"
        />
        {saved.config && (
          <div className="muted small" data-testid="saved-token">
            {t('settings.server.current', { url: saved.config.serverUrl, masked: maskToken(saved.config.token) })}
          </div>
        )}
        {cspWarning && (
          <div className="alert" role="note" data-testid="csp-warning">
            {cspWarning}
          </div>
        )}
        <div className="actions settings-actions">
          <button type="submit" className="btn btn-primary" data-testid="save-server">
            {t('settings.save')}
          </button>
          <button type="button" className="btn" data-testid="test-connection" disabled={test.kind === 'testing'} onClick={() => void onTest()}>
            {test.kind === 'testing' ? t('settings.test.testing') : t('settings.test.button')}
          </button>
          {saved.config && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                void clearServerConfigAsSupervisor();
                setUrl('');
                setToken('');
                setMessage(t('settings.cleared'));
              }}
            >
              {t('settings.clear')}
            </button>
          )}
        </div>
        {message && (
          <div className="alert alert-ok" role="status" data-testid="settings-message">
            {message}
          </div>
        )}
        {test.kind === 'ok' && (
          <div className="alert alert-ok" role="status" data-testid="test-result" data-ok="true">
            {t('settings.test.ok', { db: test.db, migration: test.migration })}
          </div>
        )}
        {test.kind === 'failed' && (
          <div className="alert alert-error" role="alert" data-testid="test-result" data-ok="false">
            {test.message}
          </div>
        )}
      </form>

      <div className="panel settings-form">
        <h2>{t('settings.notifications.title')}</h2>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={saved.notify && permission === 'granted'}
            disabled={permission === 'unsupported'}
            onChange={(e) => void toggleNotify(e.target.checked)}
            data-testid="system-notifications"
          />{' '}
          {t('settings.notifications.enable')}
        </label>
        <p className="muted small">
          {permission === 'unsupported'
            ? t('settings.notifications.unsupported')
            : permission === 'denied'
              ? t('settings.notifications.denied')
              : t('settings.notifications.hint')}
        </p>
      </div>
      <IdleLockSettings />
      <DeferralSettings />
      <MaterialsSettings />
    </section>
  );
}
