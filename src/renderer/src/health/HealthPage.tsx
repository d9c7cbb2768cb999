/** #/health (supervisor): this workstation's own figures, live, and the centre's workstations from the server, with warnings. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { healthWarnings, storageHeadroom, type CentreHealthResponse, type HealthReport, type HealthWarning } from '@core/quality/health';
import { useSession } from '../session/SessionGate';
import { collectHealth, fetchCentreHealth } from './health-report';
import { getHost } from '../platform/host';
import type { KeyProtection } from '@core/host/contract';
import './health.css';

const REFRESH_MS = 10_000;

function age(t: TFunction, seconds: number | null): string {
  if (seconds === null) return t('health.none');
  if (seconds < 3600) return t('health.minutesAgo', { n: Math.floor(seconds / 60) });
  return t('health.hoursAgo', { n: Math.round((seconds / 3600) * 10) / 10 });
}

function since(t: TFunction, at: string | null, nowMs: number): string {
  if (!at) return t('health.never');
  return age(t, Math.max(0, (nowMs - Date.parse(at)) / 1000));
}

function headroom(t: TFunction, r: HealthReport): string {
  const h = storageHeadroom(r);
  return h === null ? t('health.storageUnknown') : `${Math.round(h * 1000) / 10}%`;
}

function Warnings({ list, latest }: { list: HealthWarning[]; latest: string | null }) {
  const { t } = useTranslation();
  if (list.length === 0)
    return (
      <span className="tag tag-ok" data-testid="health-ok">
        {t('health.ok')}
      </span>
    );
  return (
    <span className="health-warnings">
      {list.map((w) => (
        <span key={w} className="tag tag-warn" data-warning={w} role="status">
          {t(`health.warn.${w}`, { latest: latest ?? '' })}
        </span>
      ))}
    </span>
  );
}

export function HealthPage() {
  const { t } = useTranslation();
  const { config } = useSession();
  const [own, setOwn] = useState<HealthReport | null>(null);
  const [centre, setCentre] = useState<{ ok: true; data: CentreHealthResponse } | { ok: false; message: string } | null | undefined>(undefined);
  const [now, setNow] = useState(Date.now());
  const refreshOwn = useCallback(() => {
    setNow(Date.now());
    void collectHealth().then(setOwn);
  }, []);
  const refreshCentre = useCallback(() => {
    void fetchCentreHealth().then(setCentre, (e: unknown) => setCentre({ ok: false, message: e instanceof Error ? e.message : String(e) }));
  }, []);
  useEffect(() => {
    refreshOwn();
    refreshCentre();
    const id = setInterval(refreshOwn, REFRESH_MS);
    return () => clearInterval(id);
  }, [refreshOwn, refreshCentre]);
  const latest = centre?.ok ? centre.data.latestCatalogVersion : null;

  return (
    <section className="health-page" data-testid="health-page">
      <h1 tabIndex={-1}>{t('health.title')}</h1>
      <p className="muted small">{t('health.intro')}</p>
      <h2>
        {t('health.thisWorkstation')} <span className="mono">{config.centreCode}-{config.workstationCode}</span>
      </h2>
      {own ? (
        <div className="health-own" data-testid="health-own">
          <dl className="health-figures">
            <Figure label={t('health.lastSync')} value={since(t, own.lastSyncAt, now)} id="lastSync" />
            <Figure label={t('health.oldestUnsent')} value={age(t, own.oldestUnsentSeconds)} id="oldestUnsent" />
            <Figure label={t('health.outbox')} value={String(own.outboxDepth)} id="outbox" />
            <Figure label={t('health.storage')} value={headroom(t, own)} id="storage" />
            <Figure label={t('health.appVersion')} value={own.appVersion} id="appVersion" />
            <Figure label={t('health.catalogVersion')} value={own.catalogVersion} id="catalogVersion" />
            <Figure label={t('health.liveCount')} value={String(own.liveCases)} id="liveCases" />
            <Figure label={t('health.trainingCount')} value={String(own.trainingCases)} id="trainingCases" />
          </dl>
          <Warnings list={healthWarnings(own, { latestCatalogVersion: latest })} latest={latest} />
          <KeyProtectionLine />
        </div>
      ) : (
        <div className="loading">{t('app.loading')}</div>
      )}
      <h2>
        {t('health.centre')}{' '}
        <button type="button" className="btn btn-small" onClick={() => { refreshOwn(); refreshCentre(); }} data-testid="health-refresh">
          {t('health.refresh')}
        </button>
      </h2>
      {centre === undefined && <div className="loading">{t('app.loading')}</div>}
      {centre === null && <p className="muted" data-testid="health-no-server">{t('health.serverNotConfigured')}</p>}
      {centre && !centre.ok && <p className="field-error">{t('health.loadFailed', { message: centre.message })}</p>}
      {centre?.ok && <CentreTable data={centre.data} />}
    </section>
  );
}

/** How the host keeps the data keys that seal personal data (OS key store, browser keys, or plain form an administrator allowed). */
function KeyProtectionLine() {
  const { t } = useTranslation();
  const [p, setP] = useState<KeyProtection | null>(null);
  useEffect(() => {
    void getHost()
      .info()
      .then((i) => setP(i.keyProtection ?? null), () => setP(null));
  }, []);
  const text =
    p === null
      ? t('security.keys.unknown')
      : p.state === 'osKeyStore'
        ? t('security.keys.protected', { backend: p.backend })
        : p.state === 'browser'
          ? t('security.keys.browser')
          : p.state === 'plaintextAllowed'
            ? t('security.keys.allowedPlaintext')
            : t('security.keys.refused');
  const warn = p?.state === 'plaintextAllowed' || p?.state === 'refused';
  return (
    <p className="health-keys" data-testid="health-key-protection" data-state={p?.state ?? 'unknown'}>
      <strong>{t('security.keys.title')}</strong>{' '}
      <span className={`tag ${warn ? 'tag-warn' : 'tag-ok'}`} role={warn ? 'status' : undefined}>
        {text}
      </span>
    </p>
  );
}

function Figure({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="health-figure" data-figure={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function CentreTable({ data }: { data: CentreHealthResponse }) {
  const { t } = useTranslation();
  const serverNow = Date.parse(data.serverTime);
  if (data.workstations.length === 0) return <p className="muted">{t('health.noWorkstations')}</p>;
  return (
    <table className="table" data-testid="health-centre">
      <thead>
        <tr>
          <th>{t('health.workstation')}</th>
          <th>{t('health.reportedAt')}</th>
          <th>{t('health.lastSync')}</th>
          <th>{t('health.oldestUnsent')}</th>
          <th className="num">{t('health.outbox')}</th>
          <th className="num">{t('health.storage')}</th>
          <th>{t('health.appVersion')}</th>
          <th>{t('health.catalogVersion')}</th>
          <th className="num">{t('health.liveCount')}</th>
          <th className="num">{t('health.trainingCount')}</th>
          <th>{t('health.status')}</th>
        </tr>
      </thead>
      <tbody>
        {data.workstations.map((w) => {
          const r = w.report;
          const elapsed = w.receivedAt ? Math.max(0, (serverNow - Date.parse(w.receivedAt)) / 1000) : 0;
          return (
            <tr key={w.workstationCode} data-testid="health-row" data-workstation={w.workstationCode} className={w.self ? 'health-self' : undefined}>
              <td className="mono">{w.workstationCode}</td>
              <td>{w.receivedAt ? since(t, w.receivedAt, serverNow) : t('health.never')}</td>
              {r ? (
                <>
                  <td>{since(t, r.lastSyncAt, Date.parse(r.reportedAt))}</td>
                  <td>{r.oldestUnsentSeconds === null ? t('health.none') : age(t, r.oldestUnsentSeconds + elapsed)}</td>
                  <td className="num">{r.outboxDepth}</td>
                  <td className="num">{headroom(t, r)}</td>
                  <td>{r.appVersion}</td>
                  <td>{r.catalogVersion}</td>
                  <td className="num">{r.liveCases}</td>
                  <td className="num">{r.trainingCases}</td>
                  <td>
                    <Warnings list={healthWarnings(r, { latestCatalogVersion: data.latestCatalogVersion, elapsedSeconds: elapsed })} latest={data.latestCatalogVersion} />
                  </td>
                </>
              ) : (
                <td colSpan={9} className="muted">
                  {t('health.never')}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
