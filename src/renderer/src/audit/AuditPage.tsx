/**
 * #/audit (supervisors): verify every chain on this workstation, find a case's history by case
 * number or id, and the latest actions. #/audit/<caseId> opens one case's history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { AUDIT_ACTION_LABELS, type ChainVerification } from '@core/quality/audit';
import { ROLE_LABELS } from '@core/quality/roles';
import { hrefFor, navigate } from '../ui/router';
import { useLocale } from '../i18n/useLocale';
import { findAuditedCaseId, loadRecentAuditEntries } from './audit-store';
import { verifyWorkstationLog } from '../store/audit-log';
import { CaseAuditHistory, VerificationNote } from './CaseAuditHistory';
import './audit.css';

export function AuditPage({ caseId }: { caseId?: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [result, setResult] = useState<ChainVerification | 'busy' | null>(null);
  const recent = useLiveQuery(() => loadRecentAuditEntries(30), []);

  async function open() {
    const id = await findAuditedCaseId(query);
    setNotFound(!id);
    if (id) navigate({ name: 'audit', caseId: id });
  }

  async function verify() {
    setResult('busy');
    setResult(await verifyWorkstationLog());
  }

  return (
    <section className="audit" data-testid="audit-page">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('audit.title')}</h1>
          <p className="muted small">{t('audit.intro')}</p>
        </div>
        <div>
          <button type="button" className="btn" onClick={() => void verify()} disabled={result === 'busy'} data-testid="audit-verify-all">
            {result === 'busy' ? t('audit.verifying') : t('audit.verifyAll')}
          </button>
        </div>
      </div>
      {result && result !== 'busy' && <VerificationNote v={result} testId="audit-verify-all-result" />}

      <form
        className="audit-find"
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <label htmlFor="audit-find">{t('audit.findLabel')}</label>
        <input id="audit-find" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('audit.findPlaceholder')} data-testid="audit-find" />
        <button type="submit" className="btn btn-primary">
          {t('audit.open')}
        </button>
        {notFound && (
          <span className="field-error" role="alert" data-testid="audit-not-found">
            {t('audit.notFound')}
          </span>
        )}
      </form>

      {caseId ? (
        <CaseAuditHistory caseId={caseId} />
      ) : (
        <>
          <h2>{t('audit.recent')}</h2>
          {recent && recent.length === 0 && <p className="muted">{t('audit.none')}</p>}
          {recent && recent.length > 0 && (
            <table className="table compact" data-testid="audit-recent">
              <thead>
                <tr>
                  <th>{t('audit.cols.time')}</th>
                  <th>{t('audit.cols.caseNumber')}</th>
                  <th>{t('audit.cols.action')}</th>
                  <th>{t('audit.cols.who')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.key}>
                    <td className="nowrap">{r.deviceTime.replace('T', ' ').slice(0, 19)}</td>
                    <td>
                      <a href={hrefFor({ name: 'audit', caseId: r.caseId })}>{r.caseNumber || `${r.caseId.slice(0, 8)}…`}</a>
                    </td>
                    <td>{AUDIT_ACTION_LABELS[r.action][locale]}</td>
                    <td>
                      {r.actor.clerkId} <span className="muted small">{ROLE_LABELS[r.actor.role]?.[locale] ?? r.actor.role}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
