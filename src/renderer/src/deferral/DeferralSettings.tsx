/**
 * Settings → 容缺受理 (an administrator's sections): whether a supervisor approves every
 * 容缺受理, the supervisors (ID, name, PIN ≥ 6 digits stored as a salted PBKDF2-SHA256 hash),
 * and the imported 失信 list (JSON, checked by parseDishonestyList; problems shown as
 * `path: reason` like the catalog import).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { parseDishonestyList, type LifecycleIssue } from '@core/lifecycle';
import { useLocale } from '../i18n/useLocale';
import { todayInChina } from '../intake/useIntakeModel';
import {
  isValidPin,
  isValidSupervisorId,
  loadDishonestyListInfo,
  loadPolicy,
  loadSupervisors,
  removeSupervisor,
  saveDishonestyList,
  savePolicy,
  saveSupervisor,
} from './deferral-store';
import './deferral.css';

export function DeferralSettings() {
  const { t } = useTranslation();
  const data = useLiveQuery(async () => {
    return { policy: await loadPolicy(), supervisors: await loadSupervisors(), list: await loadDishonestyListInfo() };
  }, []);
  const [form, setForm] = useState({ id: '', name: '', pin: '' });
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // shown at once (the live query answers after the write)
  const [requireApproval, setRequireApproval] = useState<boolean | null>(null);
  const [importResult, setImportResult] = useState<{ errors: LifecycleIssue[]; warnings: LifecycleIssue[]; note: string | null } | null>(null);
  if (!data) return null;

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const errs: string[] = [];
    if (!isValidSupervisorId(form.id.trim())) errs.push(t('deferral.settings.idInvalid'));
    if (!form.name.trim()) errs.push(t('deferral.settings.nameRequired'));
    if (!isValidPin(form.pin)) errs.push(t('deferral.settings.pinInvalid'));
    setErrors(errs);
    if (errs.length > 0) return;
    setBusy(true);
    try {
      await saveSupervisor({ supervisorId: form.id, name: form.name, pin: form.pin });
      setMessage(t('deferral.settings.added', { name: form.name.trim() }));
      setForm({ id: '', name: '', pin: '' });
    } finally {
      setBusy(false);
    }
  };

  const importList = async (file: File | undefined) => {
    if (!file) return;
    setImportResult(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (err) {
      setImportResult({ errors: [], warnings: [], note: t('deferral.settings.list.notJson', { message: err instanceof Error ? err.message : String(err) }) });
      return;
    }
    const r = parseDishonestyList(json, todayInChina());
    if (!r.ok) {
      setImportResult({ errors: r.errors, warnings: r.warnings, note: t('deferral.settings.list.invalid') });
      return;
    }
    // sealing half a million entries takes a while (about 25 s here): say so meanwhile
    setImportResult({ errors: [], warnings: [], note: t('security.listImporting', { count: r.list.entries.length }) });
    await saveDishonestyList(r.list);
    setImportResult({ errors: [], warnings: r.warnings, note: t('deferral.settings.list.imported', { source: r.list.source, count: r.list.entries.length }) });
  };

  return (
    <div className="panel settings-form" data-testid="deferral-settings">
      <h2>{t('deferral.settings.title')}</h2>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={requireApproval ?? data.policy.requireSupervisorApproval}
          onChange={(e) => {
            setRequireApproval(e.target.checked);
            void savePolicy({ requireSupervisorApproval: e.target.checked });
          }}
          data-testid="require-approval"
        />{' '}
        {t('deferral.settings.requireApproval')}
      </label>

      <h3>{t('deferral.settings.supervisors')}</h3>
      {data.supervisors.length === 0 ? (
        <p className="muted small">{t('deferral.settings.none')}</p>
      ) : (
        <ul className="plain" data-testid="supervisor-list">
          {data.supervisors.map((s) => (
            <li key={s.supervisorId}>
              <span className="mono">{s.supervisorId}</span> {s.name}{' '}
              <button type="button" className="btn btn-quiet" onClick={() => void removeSupervisor(s.supervisorId)}>
                {t('deferral.settings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)} noValidate data-testid="supervisor-form">
        <div className="field">
          <label htmlFor="sup-id">{t('deferral.settings.supervisorId')}</label>
          <input id="sup-id" type="text" autoComplete="off" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sup-name">{t('deferral.settings.supervisorName')}</label>
          <input id="sup-name" type="text" autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sup-pin">{t('deferral.settings.pin')}</label>
          <input id="sup-pin" type="password" inputMode="numeric" autoComplete="new-password" value={form.pin} onChange={(e) => setForm({ ...form, pin: e.target.value })} />
        </div>
        {errors.length > 0 && (
          <div className="alert alert-error" role="alert">
            <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
          </div>
        )}
        {message && <div className="alert alert-ok" role="status" data-testid="supervisor-saved">{message}</div>}
        <button type="submit" className="btn" disabled={busy} data-testid="add-supervisor">
          {t('deferral.settings.add')}
        </button>
      </form>

      <h3>{t('deferral.settings.list.title')}</h3>
      <p className="muted small">{t('deferral.settings.list.hint')}</p>
      <p data-testid="dishonesty-current">
        {data.list ? t('deferral.settings.list.current', { source: data.list.source, count: data.list.count }) : t('deferral.settings.list.none')}
        {data.list && (
          <>
            {' '}
            <button type="button" className="btn btn-quiet" onClick={() => void saveDishonestyList(null)}>
              {t('deferral.settings.list.clear')}
            </button>
          </>
        )}
      </p>
      <label className="btn">
        {t('deferral.settings.list.file')}
        <input type="file" accept=".json,application/json" hidden onChange={(e) => { void importList(e.target.files?.[0]); e.target.value = ''; }} data-testid="dishonesty-file" />
      </label>
      {importResult && (
        <div data-testid="dishonesty-import-result">
          {importResult.note && <p role="status">{importResult.note}</p>}
          {importResult.errors.length > 0 && <IssueList issues={importResult.errors} testId="dishonesty-errors" />}
          {importResult.warnings.length > 0 && (
            <>
              <h4>{t('deferral.settings.list.warnings')}</h4>
              <IssueList issues={importResult.warnings} testId="dishonesty-warnings" />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function IssueList({ issues, testId }: { issues: LifecycleIssue[]; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('deferral.settings.list.path')}</th>
          <th>{t('deferral.settings.list.message')}</th>
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
