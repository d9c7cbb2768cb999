/** Catalog management: import a catalog file, see every version, compare two of them. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import type { CatalogIssue } from '@core/catalog/issues';
import { getHost } from '../platform/host';
import { activateCatalogVersion, catalogVersionsByImport, importCatalogText, type ImportOutcome } from './catalog-store';
import { useCatalog } from './CatalogContext';
import { useLocale } from '../i18n/useLocale';
import { CatalogDiffView } from './CatalogDiffView';
import { NationalReport } from './NationalReport';

type Feedback = { outcome: ImportOutcome; fileName: string } | { readError: string } | null;

export function CatalogAdminPage() {
  const { t } = useTranslation();
  const view = useCatalog();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const versions = useLiveQuery(() => catalogVersionsByImport(), []) ?? [];
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('');

  const onImport = async () => {
    setFeedback(null);
    let file;
    try {
      file = await getHost().openTextFile({ title: t('admin.import'), extensions: ['json'] });
    } catch (e) {
      setFeedback({ readError: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!file) return;
    setBusy(true);
    try {
      const outcome = await importCatalogText(file.text, file.name);
      setFeedback({ outcome, fileName: file.name });
    } catch (e) {
      setFeedback({ readError: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const onExport = () =>
    void getHost().saveTextFile({
      suggestedName: `catalog-${view.catalog.version}.json`,
      text: JSON.stringify(view.catalog, null, 2),
      mimeType: 'application/json',
    });

  const fromRec = versions.find((v) => v.version === from);
  const toRec = versions.find((v) => v.version === to);
  return (
    <section className="admin">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('admin.title')}</h1>
        <div className="actions">
          <button type="button" className="btn" onClick={onExport}>{t('admin.exportCurrent')}</button>
          <button type="button" className="btn btn-primary" onClick={onImport} disabled={busy} data-testid="import-catalog">
            {busy ? t('admin.importing') : t('admin.import')}
          </button>
        </div>
      </div>
      <p className="muted">{t('admin.intro')}</p>
      <ImportFeedback feedback={feedback} />

      <h2>{t('admin.versions')}</h2>
      <table className="table" data-testid="catalog-versions">
        <thead>
          <tr>
            <th>{t('admin.version')}</th>
            <th>{t('admin.effectiveDate')}</th>
            <th>{t('admin.items')}</th>
            <th>{t('admin.source')}</th>
            <th>{t('admin.importedAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td className="mono">{v.version}</td>
              <td>{v.effectiveDate}</td>
              <td>{v.itemCount}</td>
              <td>{v.source.kind === 'bundled' ? t('admin.sourceBundled') : t('admin.sourceFile', { name: v.source.name })}</td>
              <td>{new Date(v.importedAt).toLocaleString()}</td>
              <td>
                {v.version === view.catalog.version ? (
                  <span className="tag tag-ok">{t('admin.active')}</span>
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => void activateCatalogVersion(v.version)}>
                    {t('admin.activate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {versions.length > 1 && (
        <>
          <h2>{t('admin.compare')}</h2>
          <div className="form-row">
            <label>
              {t('admin.from')}{' '}
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
                <option value="" />
                {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
              </select>
            </label>
            <label>
              {t('admin.to')}{' '}
              <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
                <option value="" />
                {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
              </select>
            </label>
          </div>
          {fromRec && toRec && <CatalogDiffView from={fromRec.catalog} to={toRec.catalog} />}
        </>
      )}
    </section>
  );
}

function ImportFeedback({ feedback }: { feedback: Feedback }) {
  const { t } = useTranslation();
  if (!feedback) return null;
  if ('readError' in feedback) {
    return <div className="alert alert-error" role="alert">{t('admin.readFailed', { message: feedback.readError })}</div>;
  }
  const { outcome, fileName } = feedback;
  return (
    <>
      {outcome.national && <NationalReport report={outcome.national} lossy={outcome.kind === 'lossy'} />}
      <OutcomeFeedback outcome={outcome} fileName={fileName} />
    </>
  );
}

function OutcomeFeedback({ outcome, fileName }: { outcome: ImportOutcome; fileName: string }) {
  const { t } = useTranslation();
  const view = useCatalog();
  switch (outcome.kind) {
    case 'lossy':
      return <div className="alert alert-error" role="alert" data-testid="import-result">{t('national.report.lost')}</div>;
    case 'imported':
      return (
        <div className="alert alert-ok" role="status" data-testid="import-result">
          {t('admin.imported', { version: outcome.version, items: outcome.itemCount })}
          {outcome.warnings.length > 0 && (
            <details>
              <summary>{t('admin.warnings', { count: outcome.warnings.length })}</summary>
              <IssueTable issues={outcome.warnings} />
            </details>
          )}
        </div>
      );
    case 'unchanged':
      return <div className="alert" role="status" data-testid="import-result">{t('admin.sameVersion', { version: outcome.version })}</div>;
    case 'conflict':
      return <div className="alert alert-error" role="alert" data-testid="import-result">{t('admin.duplicateVersion', { version: outcome.version })}</div>;
    case 'invalid':
      return (
        <div className="alert alert-error" role="alert" data-testid="import-result">
          <p>{t('admin.importFailed', { file: fileName, count: outcome.errors.length, version: view.catalog.version })}</p>
          <IssueTable issues={outcome.errors} />
        </div>
      );
  }
}

function IssueTable({ issues }: { issues: CatalogIssue[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <table className="table compact" data-testid="import-errors">
      <thead>
        <tr>
          <th>{t('admin.path')}</th>
          <th>{t('admin.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={i}>
            <td className="mono">{issue.path || '—'}</td>
            <td>{issue.message[locale]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
