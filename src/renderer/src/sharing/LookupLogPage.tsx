/**
 * #/lookups (supervisors): the centre's data-sharing look-ups as the service recorded them —
 * who looked up whose licence or basic records, for which case, with what answer — and whether
 * the case was ever pushed. A look-up whose case never reached the service is highlighted: a
 * look-up of someone's data should lead to a case.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateOf, chinaDateTimeOf } from '@core/intake/time';
import { LookupOutcome } from '@core/sharing/lookup';
import { loadLookupLog, type LookupLogEntry, type SharingFailure } from './sharing-client';
import './sharing.css';

/** YYYY-MM-DD (China) → the ISO instant that day starts (China midnight). */
function chinaMidnight(date: string, plusDays = 0): string {
  const d = new Date(`${date}T00:00:00+08:00`);
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
}

/** The look-up's time in China (the service answers in UTC). */
function chinaTime(at: string): string {
  try {
    const d = chinaDateTimeOf(at);
    return `${d.date} ${d.time}`;
  } catch {
    return at;
  }
}

export function LookupLogPage() {
  const { t } = useTranslation();
  const today = chinaDateOf(new Date().toISOString());
  const [from, setFrom] = useState(() => chinaDateOf(new Date(Date.now() - 6 * 86_400_000).toISOString()));
  const [to, setTo] = useState(today);
  const [rows, setRows] = useState<LookupLogEntry[] | 'loading' | null>(null);
  const [failure, setFailure] = useState<SharingFailure | null>(null);

  const load = async () => {
    setRows('loading');
    setFailure(null);
    const r = await loadLookupLog({ from: chinaMidnight(from), to: chinaMidnight(to, 1) });
    if (r.ok) setRows(r.data);
    else {
      setRows(null);
      setFailure(r.failure);
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- load once on opening; the button loads again
  useEffect(() => void load(), []);

  const list = Array.isArray(rows) ? rows : [];
  const notPushed = list.filter((r) => r.casePushed === false).length;
  const failureText = !failure
    ? null
    : failure.kind === 'offline'
      ? failure.configured
        ? t(`sync.errors.${failure.errorKey ?? 'network'}`, { status: '' })
        : t('sharing.notConfigured')
      : failure.kind === 'noClerk'
        ? t('sharing.noClerk')
        : t(`sync.errors.${failure.errorKey}`, { status: /HTTP (\d{3})/.exec(failure.detail)?.[1] ?? '' });

  return (
    <section className="lookup-log" data-testid="lookup-log-page">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('sharing.log.title')}</h1>
          <p className="muted small">{t('sharing.log.intro')}</p>
        </div>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label>
          {t('sharing.log.from')} <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>{' '}
        <label>
          {t('sharing.log.to')} <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>{' '}
        <button type="submit" className="btn btn-primary">{t('sharing.log.load')}</button>
      </form>
      {failureText && <div className="alert alert-error" role="alert" data-testid="lookup-log-error">{failureText}</div>}
      {rows === 'loading' && <p className="muted">{t('sharing.log.loading')}</p>}
      {Array.isArray(rows) && rows.length === 0 && <p className="muted">{t('sharing.log.empty')}</p>}
      {list.length > 0 && (
        <>
          {notPushed > 0 && <p className="alert alert-warn" data-testid="lookup-not-pushed">{t('sharing.log.notPushedCount', { count: notPushed })}</p>}
          <table data-testid="lookup-log">
            <thead>
              <tr>
                <th>{t('sharing.log.at')}</th>
                <th>{t('sharing.log.clerk')}</th>
                <th>{t('sharing.log.workstation')}</th>
                <th>{t('sharing.log.kind')}</th>
                <th>{t('sharing.log.holder')}</th>
                <th>{t('sharing.log.outcome')}</th>
                <th>{t('sharing.log.case')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.lookupId} className={r.casePushed === false ? 'not-pushed' : ''} data-testid="lookup-row" data-pushed={String(r.casePushed ?? '')}>
                  <td>{chinaTime(r.at ?? r.answeredAt ?? '')}</td>
                  <td>{r.clerkId ?? ''}</td>
                  <td>{r.workstationId ?? ''}</td>
                  <td>{r.typeCode ?? r.kind ?? ''}</td>
                  <td>{r.holderMasked ?? ''}</td>
                  <td data-outcome={r.outcome ?? ''}>
                    {LookupOutcome.safeParse(r.outcome).success ? t(`sharing.log.outcomes.${r.outcome}`) : (r.outcome ?? '')}
                    {r.licenceNumber ? ` · ${r.licenceNumber}` : ''}
                  </td>
                  <td>
                    <code className="small">{(r.caseId ?? '').slice(0, 8)}</code> {r.casePushed === false ? t('sharing.log.notPushed') : t('sharing.log.pushed')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
