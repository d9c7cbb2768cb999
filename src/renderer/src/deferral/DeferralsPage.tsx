/**
 * #/deferrals — 容缺跟踪: every open deferral (earliest deadline first; due soon and overdue
 * highlighted), with a filter for overdue ones, and recording a supplement at the window
 * (before or after the deadline). Supplements are kept per case in the `supplements` table
 * and forwarded to the departments as a new version of the case (shown per material).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { openDeferrals, overdueDeferrals, recordSupplement, supplementErrorMessage, type SupplementStatus } from '@core/lifecycle/deferral';
import type { DeferralRecord, Supplement } from '@core/lifecycle/deferralRecord';
import type { IntakeCase } from '@core/intake/case';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { hrefFor } from '../ui/router';
import { nowIso } from '../intake/intake-store';
import { todayInChina } from '../intake/useIntakeModel';
import { loadDeferralRecords, loadDeferralRecordsOnly, saveSupplementAndForward } from './deferral-store';
import { storedRevisionsOf } from '../correction/revision-store';
import { requestSync } from '../sync/runtime';
import { useCan } from '../session/RequireRole';
import './deferral.css';

export function OverdueBadge() {
  const count = useLiveQuery(async () => overdueDeferrals(await loadDeferralRecordsOnly(), todayInChina()).length, []);
  if (!count) return null;
  return (
    <span className="nav-count" data-testid="overdue-count">
      {count}
    </span>
  );
}

export function DeferralsPage() {
  const { t } = useTranslation();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const data = useLiveQuery(async () => loadDeferralRecords(), []);
  if (!data) return <div className="loading">{t('app.loading')}</div>;
  const today = todayInChina();
  const byId = new Map(data.map((d) => [d.record.caseId, d]));
  const all = openDeferrals(data.map((d) => d.record), today);
  const rows = overdueOnly ? all.filter((s) => s.overall === 'overdue') : all;
  return (
    <section data-testid="deferrals-page">
      <h1 tabIndex={-1}>{t('deferral.page.title')}</h1>
      <p className="muted small">{t('deferral.page.intro')}</p>
      <div className="actions" role="radiogroup">
        <label>
          <input type="radio" name="deferral-filter" checked={!overdueOnly} onChange={() => setOverdueOnly(false)} data-testid="filter-all" /> {t('deferral.page.all')}
        </label>{' '}
        <label>
          <input type="radio" name="deferral-filter" checked={overdueOnly} onChange={() => setOverdueOnly(true)} data-testid="filter-overdue" /> {t('deferral.page.overdueOnly')}
        </label>
      </div>
      <OverdueForSupervisors data={data} today={today} />
      {rows.length === 0 ? (
        <p className="muted" data-testid="deferrals-none">{t('deferral.page.none')}</p>
      ) : (
        <table className="table" data-testid="deferrals-table">
          <thead>
            <tr>
              <th>{t('deferral.page.caseNumber')}</th>
              <th>{t('deferral.page.applicant')}</th>
              <th>{t('deferral.page.deadline')}</th>
              <th>{t('deferral.page.materials')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const d = byId.get(s.caseId)!;
              return <DeferralRow key={s.caseId} status={s} c={d.c} record={d.record} />;
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DeferralRow({ status: s, c, record }: { status: SupplementStatus; c: IntakeCase | null; record: DeferralRecord }) {
  const { t } = useTranslation();
  const revisions = useLiveQuery(() => storedRevisionsOf(s.caseId), [s.caseId]) ?? [];
  const forwardOf = (key: string) => revisions.find((r) => r.record.reason.kind === 'supplement' && r.record.reason.keys.includes(key));
  const cls = s.overall === 'overdue' ? 'deferral-row-overdue' : s.daysLeft <= 2 ? 'deferral-row-soon' : '';
  return (
    <tr className={cls} data-testid="deferral-row" data-case-number={s.caseNumber} data-overall={s.overall}>
      <td>
        <a href={hrefFor({ name: 'case', id: s.caseId })}>{s.caseNumber}</a>
      </td>
      <td>{c?.applicant?.name ?? '—'}</td>
      <td>
        {s.deadline}
        <div className="small" data-testid="deferral-days-left">
          {s.daysLeft < 0 ? t('deferral.page.overdueBy', { count: -s.daysLeft }) : s.daysLeft === 0 ? t('deferral.page.dueToday') : t('deferral.page.dueIn', { count: s.daysLeft })}
        </div>
      </td>
      <td>
        <ul className="plain">
          {s.materials.map((m) => (
            <li key={m.key} data-testid="deferral-material" data-state={m.state}>
              {m.name} — <strong>{t(`deferral.page.state.${m.state}`)}</strong>
              {(m.state === 'supplied' || m.state === 'suppliedLate') && (() => {
                const f = forwardOf(m.key);
                if (!f) return null;
                return (
                  <span className="small muted" data-testid="supplement-forwarded" data-state={f.state}>
                    {' '}· {f.state === 'sent' ? t('lifecycle.supplement.forwarded', { revision: f.revision }) : f.state === 'needsFix' ? t('lifecycle.supplement.sendFailed', { reason: f.error ?? '' }) : t('lifecycle.supplement.pending')}
                  </span>
                );
              })()}
              {(m.state === 'outstanding' || m.state === 'overdue') && <SupplementForm c={c} record={record} materialKey={m.key} name={m.name} />}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

function SupplementForm({ c, record, materialKey, name }: { c: IntakeCase | null; record: DeferralRecord; materialKey: string; name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { clerk } = useSession();
  const material = record.materials.find((m) => m.key === materialKey)!;
  const [status, setStatus] = useState<Supplement['status']>(material.type === 'copy' ? 'receivedCopy' : 'receivedOriginal');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const r = recordSupplement(record, { key: materialKey, at: nowIso(), by: clerk.clerkId, status });
    if (!r.ok) {
      setError(r.errors.map((e) => supplementErrorMessage(e, locale)).join(' '));
      return;
    }
    try {
      const { revision } = await saveSupplementAndForward(c, r.record, r.record.supplements[r.record.supplements.length - 1]!);
      if (revision !== null) void requestSync();
    } catch (e) {
      setError(t('lifecycle.supplement.sendFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="small">
      <select aria-label={t('deferral.page.record')} value={status} onChange={(e) => setStatus(e.target.value as Supplement['status'])} data-testid="supplement-status">
        <option value="receivedOriginal">{t('deferral.page.status.receivedOriginal')}</option>
        <option value="receivedCopy">{t('deferral.page.status.receivedCopy')}</option>
        {material.forms.includes('dataSharing') && <option value="fetched">{t('deferral.page.status.fetched')}</option>}
      </select>{' '}
      <button type="button" className="btn" onClick={() => void submit()} data-testid="record-supplement" aria-label={`${t('deferral.page.record')} ${name}`}>
        {t('deferral.page.record')}
      </button>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
    </div>
  );
}

/** Supervisors: every clerk's overdue supplements on this workstation, most overdue first, with who accepted them. */
function OverdueForSupervisors({ data, today }: { data: { c: IntakeCase | null; record: DeferralRecord }[]; today: string }) {
  const { t } = useTranslation();
  const allowed = useCan('dashboards');
  if (!allowed) return null;
  const byId = new Map(data.map((d) => [d.record.caseId, d]));
  const overdue = overdueDeferrals(data.map((d) => d.record), today).sort((a, b) => a.daysLeft - b.daysLeft);
  return (
    <section className="card overdue-panel" data-testid="overdue-supervisor">
      <h2>{t('lifecycle.overdue.title')}</h2>
      {overdue.length === 0 ? (
        <p className="muted small">{t('lifecycle.overdue.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('deferral.page.caseNumber')}</th>
              <th>{t('lifecycle.overdue.clerk')}</th>
              <th>{t('deferral.page.applicant')}</th>
              <th>{t('lifecycle.overdue.deadline')}</th>
              <th>{t('lifecycle.overdue.days')}</th>
              <th>{t('deferral.page.materials')}</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map((s) => {
              const d = byId.get(s.caseId)!;
              const clerk = d.c?.clerk;
              return (
                <tr key={s.caseId} className="deferral-row-overdue" data-testid="overdue-supervisor-row" data-case-number={s.caseNumber}>
                  <td>
                    <a href={hrefFor({ name: 'case', id: s.caseId })}>{s.caseNumber}</a>
                  </td>
                  <td data-testid="overdue-clerk">{clerk ? `${clerk.name}（${clerk.clerkId}）· ${t('lifecycle.overdue.window', { n: clerk.windowNo })}` : d.record.acceptedBy}</td>
                  <td>{d.c?.applicant?.name ?? '—'}</td>
                  <td>{s.deadline}</td>
                  <td>{t('lifecycle.overdue.daysValue', { n: -s.daysLeft })}</td>
                  <td>{s.materials.filter((m) => m.state === 'overdue').map((m) => m.name).join('、')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
