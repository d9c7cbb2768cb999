/**
 * 容缺受理 at the decision step: whether it is allowed (every refusal reason shown), the
 * deadline (working days, at most the promised limit), the applicant's commitment, and the
 * supervisor's approval with their own ID + PIN when the centre's policy asks for it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import type { IntakeCase } from '@core/intake/case';
import { defaultCalendar, type WorkingDayCalendar } from '@core/calendar';
import { assessDeferral, deadlineErrorMessage, deferralDeadline, deferralRefusalMessage, type DeferralAssessment, type DeferralPolicy } from '@core/lifecycle/deferral';
import { dishonestyOfApplicant, type DishonestyFlag } from '@core/lifecycle/dishonesty';
import type { SupervisorApproval } from '@core/lifecycle/deferralRecord';
import { useLocale } from '../i18n/useLocale';
import { loadSyncedCalendar } from '../sync/sync-store';
import { todayInChina, type IntakeModel } from '../intake/useIntakeModel';
import { nowIso } from '../intake/intake-store';
import { lockMinutesLeft } from '@core/quality/accounts';
import { checkSupervisorPin, dishonestyEntriesFor, loadPolicy } from './deferral-store';
import './deferral.css';

export interface DeferralContext {
  assessment: DeferralAssessment;
  flag: DishonestyFlag | null;
  policy: DeferralPolicy;
}

/** The 容缺 assessment for this intake: the clerk's flag or the imported list, and the policy. */
export function useDeferralContext(c: IntakeCase, model: IntakeModel): DeferralContext | undefined {
  // only the applicant's own numbers are looked up: the list is sealed, opened one bucket at a time
  const a = c.applicant;
  const ids = a?.kind === 'person' ? [a.idNumber] : a?.kind === 'organisation' ? [a.uscc, a.legalRepresentativeIdNumber] : [];
  const idsKey = ids.join('|');
  const loaded = useLiveQuery(async () => ({ list: await dishonestyEntriesFor(idsKey.split('|')), policy: await loadPolicy() }), [idsKey]);
  return useMemo(() => {
    if (!loaded) return undefined;
    const clerkFlag: DishonestyFlag | null = c.dishonesty?.flagged ? { flagged: true, source: 'clerk', reason: c.dishonesty.reason } : null;
    const flag = clerkFlag ?? dishonestyOfApplicant(loaded.list, c.applicant, todayInChina());
    const assessment = assessDeferral(model.assessment, model.checklist, { applicantDishonest: flag, policy: loaded.policy });
    return { assessment, flag, policy: loaded.policy };
  }, [loaded, c.dishonesty, c.applicant, model.assessment, model.checklist]);
}

export function DeferralRefusals({ ctx }: { ctx: DeferralContext }) {
  const locale = useLocale();
  if (ctx.assessment.allowed) return null;
  return (
    <ul className={`small ${ctx.assessment.refusals.every((r) => r.kind === 'nothingToDefer') ? 'muted deferral-refusals-none' : 'deferral-refusals'}`} data-testid="deferral-refusals">
      {ctx.assessment.refusals.map((r, i) => (
        <li key={i}>{deferralRefusalMessage(r, locale)}</li>
      ))}
    </ul>
  );
}

export interface DeferralInput {
  days: number;
  committed: boolean;
  signedAt: string | null;
  approval: SupervisorApproval | null;
}

export function DeferralForm({ ctx, value, onChange, clerkId }: { ctx: DeferralContext; value: DeferralInput; onChange: (v: DeferralInput) => void; clerkId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [calendar, setCalendar] = useState<WorkingDayCalendar>(defaultCalendar);
  useEffect(() => {
    void loadSyncedCalendar().then(setCalendar).catch(() => undefined);
  }, []);
  const limit = ctx.assessment.limit;
  const preview = limit ? deferralDeadline(nowIso(), value.days, { kind: 'workingDays', days: limit.days }, calendar) : null;

  return (
    <div className="panel deferral-form" data-testid="deferral-form">
      <h3>{t('deferral.materials')}</h3>
      <ul className="plain" data-testid="deferral-materials">
        {ctx.assessment.deferrable.map((d) => (
          <li key={d.key}>
            <strong>{d.name}</strong> — {d.reason}
            <div className="small muted">{d.line.acceptanceStandard}</div>
          </li>
        ))}
      </ul>
      {limit && (
        <div className="field">
          <label htmlFor="deferral-days">{t('deferral.days', { max: limit.days })}</label>
          <input
            id="deferral-days"
            type="number"
            min={1}
            max={limit.days}
            value={value.days}
            onChange={(e) => onChange({ ...value, days: Number(e.target.value) })}
            data-testid="deferral-days"
          />
          {preview?.ok ? (
            <div className="small" data-testid="deferral-deadline">
              {t('deferral.deadline', { date: preview.date })}
              {preview.provisional ? ` ${t('deferral.provisional')}` : ''}
            </div>
          ) : (
            preview && <div className="small error-text" role="alert">{deadlineErrorMessage(preview.error, locale)}</div>
          )}
        </div>
      )}
      <label className="settings-check">
        <input
          type="checkbox"
          checked={value.committed}
          onChange={(e) => onChange({ ...value, committed: e.target.checked, signedAt: e.target.checked ? nowIso() : null })}
          data-testid="deferral-committed"
        />{' '}
        {t('deferral.committed')}
      </label>
      {value.signedAt && <div className="small muted" data-testid="deferral-signed-at">{t('deferral.signedAt', { time: new Date(value.signedAt).toLocaleString(locale) })}</div>}
      {ctx.policy.requireSupervisorApproval && (
        <SupervisorApprovalBox clerkId={clerkId} approval={value.approval} onApproved={(approval) => onChange({ ...value, approval })} />
      )}
    </div>
  );
}

function SupervisorApprovalBox({ clerkId, approval, onApproved }: { clerkId: string; approval: SupervisorApproval | null; onApproved: (a: SupervisorApproval | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const approve = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (id.trim() === clerkId) {
        setError(t('deferral.approval.isClerk'));
        return;
      }
      const r = await checkSupervisorPin(id, pin);
      if (!r.ok) {
        setPin('');
        setError(
          r.reason === 'locked'
            ? t('security.pinLocked', { minutes: Math.max(1, lockMinutesLeft({ failedAttempts: 0, lockedUntil: r.lockedUntil ?? 0 }, Date.now())) })
            : r.reason === 'tampered'
              ? t('security.pinTampered')
              : t('deferral.approval.wrong'),
        );
        return;
      }
      const s = r.supervisor;
      onApproved({ supervisorId: s.supervisorId, supervisorName: s.name, at: nowIso() });
      setOpen(false);
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="deferral-approval">
      <h3>{t('deferral.approval.title')}</h3>
      {approval ? (
        <p data-testid="deferral-approved">
          {t('deferral.approval.done', { name: approval.supervisorName, id: approval.supervisorId })}{' '}
          <button type="button" className="btn btn-quiet" onClick={() => onApproved(null)}>{t('deferral.approval.clear')}</button>
        </p>
      ) : (
        <>
          <p className="small muted">{t('deferral.approval.hint')}</p>
          <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="deferral-request-approval">{t('deferral.approval.request')}</button>
        </>
      )}
      {open && (
        <div className="deferral-dialog-backdrop">
          <form className="deferral-dialog panel" role="dialog" aria-modal="true" aria-label={t('deferral.approval.title')} onSubmit={(e) => void approve(e)} data-testid="approval-dialog">
            <h3>{t('deferral.approval.title')}</h3>
            <div className="field">
              <label htmlFor="approval-id">{t('deferral.approval.id')}</label>
              <input id="approval-id" type="text" autoComplete="off" value={id} onChange={(e) => setId(e.target.value)} data-testid="approval-id" autoFocus />
            </div>
            <div className="field">
              <label htmlFor="approval-pin">{t('deferral.approval.pin')}</label>
              <input id="approval-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="approval-pin" />
            </div>
            {error && <div className="alert alert-error" role="alert" data-testid="approval-error">{error}</div>}
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="approval-submit">{t('deferral.approval.approve')}</button>
              <button type="button" className="btn" onClick={() => { setOpen(false); setPin(''); setError(null); }}>{t('deferral.approval.cancel')}</button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
