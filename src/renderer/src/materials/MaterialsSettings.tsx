/**
 * Settings → 材料电子化 (a supervisor's): the scan policy before acceptance, the limits on
 * imported files and a case's pages, and how long confirmed pages stay on this workstation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCAN_POLICIES, type ScanPolicy } from '@core/materials/policy';
import { useLiveQuery } from '../store/live-query';
import { loadMaterialsSettings, saveMaterialsSettings } from './materials-store';

const MB = 1024 * 1024;
const POLICY_LABEL: Record<ScanPolicy, string> = { off: 'policyOff', scanOrElectronic: 'policyScanOrElectronic', all: 'policyAll' };

export function MaterialsSettings() {
  const { t } = useTranslation();
  const saved = useLiveQuery(() => loadMaterialsSettings(), []);
  const [form, setForm] = useState<Record<'policy' | 'fileMb' | 'caseMb' | 'pages' | 'days', string> | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!saved) return null;
  const f = form ?? {
    policy: saved.scanPolicy,
    fileMb: String(Math.round(saved.limits.maxFileBytes / MB)),
    caseMb: String(Math.round(saved.limits.maxCaseBytes / MB)),
    pages: String(saved.limits.maxPagesPerMaterial),
    days: String(saved.retentionDays),
  };
  const set = (k: keyof typeof f, v: string) => setForm({ ...f, [k]: v });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const nums = [f.fileMb, f.caseMb, f.pages, f.days].map((s) => (/^\d{1,5}$/.test(s.trim()) ? Number(s) : NaN));
    if (nums.some((n) => !(n >= 1))) return setMessage({ ok: false, text: t('materials.settings.invalid') });
    try {
      await saveMaterialsSettings({
        scanPolicy: f.policy as ScanPolicy,
        limits: { maxFileBytes: nums[0]! * MB, maxCaseBytes: nums[1]! * MB, maxPagesPerMaterial: nums[2]! },
        retentionDays: nums[3]!,
      });
      setForm(null);
      setMessage({ ok: true, text: t('materials.settings.saved') });
    } catch {
      setMessage({ ok: false, text: t('materials.settings.supervisorOnly') });
    }
  };
  const num = (k: 'fileMb' | 'caseMb' | 'pages' | 'days', label: string) => (
    <div className="field">
      <label htmlFor={`mat-${k}`}>{label}</label>
      <input id={`mat-${k}`} type="text" inputMode="numeric" value={f[k]} onChange={(e) => set(k, e.target.value)} data-testid={`materials-${k}`} />
    </div>
  );
  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} noValidate data-testid="materials-settings">
      <h2>{t('materials.settings.title')}</h2>
      <div className="field">
        <label htmlFor="mat-policy">{t('materials.settings.policy')}</label>
        <select id="mat-policy" value={f.policy} onChange={(e) => set('policy', e.target.value)} data-testid="materials-policy">
          {SCAN_POLICIES.map((p) => <option key={p} value={p}>{t(`materials.settings.${POLICY_LABEL[p]}`)}</option>)}
        </select>
      </div>
      {num('fileMb', t('materials.settings.maxFileMb'))}
      {num('caseMb', t('materials.settings.maxCaseMb'))}
      {num('pages', t('materials.settings.maxPages'))}
      {num('days', t('materials.settings.retentionDays'))}
      <button type="submit" className="btn btn-primary" data-testid="materials-save">{t('materials.settings.save')}</button>
      {message && <div className={`alert ${message.ok ? 'alert-ok' : 'alert-error'}`} role={message.ok ? 'status' : 'alert'} data-testid="materials-settings-message">{message.text}</div>}
    </form>
  );
}
