/**
 * One case's audit history (supervisors): its entries in chain order — who, workstation,
 * device and server time, catalog version, before → after (identity values masked in the log
 * itself) — and a button that verifies the chain and names the first broken entry.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { AUDIT_ACTION_LABELS, type ChainVerification, type JsonValue } from '@core/quality/audit';
import { ROLE_LABELS } from '@core/quality/roles';
import { useLocale } from '../i18n/useLocale';
import { caseNumberOfStoredCase } from './audit-store';
import { historyOf } from '../store/audit-log';
import { useCan } from '../session/RequireRole';
import './audit.css';

export function VerificationNote({ v, testId }: { v: ChainVerification; testId: string }) {
  const { t } = useTranslation();
  if (v.ok)
    return (
      <div className="alert alert-ok" role="status" data-testid={testId} data-ok="true">
        {t('audit.ok', { cases: v.cases, entries: v.entries })}
      </div>
    );
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-ok="false" data-first-bad={v.firstBadSeq} data-kind={v.kind}>
      {t('audit.broken', { caseId: v.caseId, seq: v.firstBadSeq, kind: t(`audit.kinds.${v.kind}`) })}
    </div>
  );
}

function compact(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

const time = (s: string | undefined) => (s ? s.replace('T', ' ').slice(0, 19) : '');

export function CaseAuditHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [result, setResult] = useState<ChainVerification | null>(null);
  const data = useLiveQuery(async () => ({ h: await historyOf(caseId), number: await caseNumberOfStoredCase(caseId) }), [caseId]);
  if (!data) return <div className="loading">{t('app.loading')}</div>;
  const { h, number } = data;
  return (
    <section className="audit-history" data-testid="case-audit-history" aria-label={t('audit.history')}>
      <div className="page-head">
        <h2>{t('audit.historyOf', { caseNumber: number || caseId })}</h2>
        <button type="button" className="btn" onClick={async () => setResult(await historyOf(caseId).then((x) => x.verification))} data-testid="audit-verify-case">
          {t('audit.verifyCase')}
        </button>
      </div>
      {result && <VerificationNote v={result} testId="audit-verify-result" />}
      {h.entries.length === 0 ? (
        <p className="muted">{t('audit.none')}</p>
      ) : (
        <table className="table compact" data-testid="audit-entries">
          <thead>
            <tr>
              <th>{t('audit.cols.seq')}</th>
              <th>{t('audit.cols.time')}</th>
              <th>{t('audit.cols.serverTime')}</th>
              <th>{t('audit.cols.who')}</th>
              <th>{t('audit.cols.action')}</th>
              <th>{t('audit.cols.change')}</th>
              <th>{t('audit.cols.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {h.entries.map((e) => (
              <tr
                key={`${e.seq}-${e.hash}`}
                data-testid="audit-entry"
                data-action={e.action}
                data-seq={e.seq}
                className={result && !result.ok && e.seq >= result.firstBadSeq ? 'audit-broken' : undefined}
              >
                <td>{e.seq}</td>
                <td className="nowrap">{time(e.deviceTime)}</td>
                <td className="nowrap">{e.serverTime ? time(new Date(e.serverTime).toISOString()) + 'Z' : <span className="muted small">{t('audit.notSynced')}</span>}</td>
                <td>
                  {e.actor.clerkId} <span className="muted small">{ROLE_LABELS[e.actor.role]?.[locale] ?? e.actor.role}</span>
                  <div className="muted small">{t('audit.workstation', { id: e.actor.workstationId.slice(0, 8) })}</div>
                </td>
                <td>
                  {AUDIT_ACTION_LABELS[e.action]?.[locale] ?? e.action}
                  <div className="muted small">{e.catalogVersion}</div>
                </td>
                <td className="audit-change">
                  {e.before !== undefined && <div className="muted">{compact(e.before)}</div>}
                  <div>{compact(e.after)}</div>
                </td>
                <td className="mono small" title={e.hash}>
                  {e.hash.slice(0, 10)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The history section of the case page: supervisors only (auditLog permission). */
export function SupervisorHistory({ caseId }: { caseId: string }) {
  const allowed = useCan('auditLog');
  return allowed ? (
    <div className="no-print">
      <CaseAuditHistory caseId={caseId} />
    </div>
  ) : null;
}
