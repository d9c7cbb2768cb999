/**
 * Step 5 — the decision (行政许可法 Art. 32): accept (受理) when complete; otherwise a
 * one-time notice (一次性告知) listing everything at once; or refuse (不予受理) with a reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeCase, RefusalCode } from '@core/intake/case';
import { blockerMessage, decisionErrorMessage, makeAcceptance, makeOneTimeNotice, makeRefusal, type DecisionError } from '@core/intake/decision';
import { applicantFormSchema, applicantFromForm, type ApplicantFormValues } from '@core/intake/applicant';
import { formatTimeLimit } from '@core/catalog/format';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { navigate } from '../ui/router';
import { decide, nowIso } from './intake-store';
import { loadSyncedCalendar } from '../sync/sync-store';
import { hasAgent, todayInChina, type IntakeModel } from './useIntakeModel';
import { makeDeferredAcceptance, deferralErrorMessage, type DeferralError } from '@core/lifecycle/deferral';
import { DeferralForm, DeferralRefusals, useDeferralContext, type DeferralInput } from '../deferral/DeferralOption';
import { PagesLackingAlert, usePagesLacking } from '../materials/PagesLacking'; // 材料电子化: the scan policy

type Choice = 'accept' | 'defer' | 'notice' | 'refuse';

/** The applicant and agent as the decided case stores them: cleaned by the same schema the form uses. */
function cleanedParties(c: IntakeCase, locale: 'zh-CN' | 'en-US', clerkId: string, at: string): IntakeCase {
  const values = { applicant: c.applicant, hasAgent: hasAgent(c), agent: c.agent ?? null } as ApplicantFormValues;
  const r = applicantFormSchema(locale, todayInChina()).safeParse(values);
  if (!r.success) return c;
  const { applicant, agent } = applicantFromForm(r.data, { clerkId, at });
  return { ...c, applicant, agent };
}

export function DecisionStep({ c, model, subjectName, onDecided, flush }: { c: IntakeCase; model: IntakeModel; subjectName: string; onDecided: (c: IntakeCase) => void; flush: () => Promise<void> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { clerk, config } = useSession();
  const lackingPages = usePagesLacking(c, model.checklist.materials); // 材料电子化
  // the centre's scan policy: a received line that must be scanned and has no pages blocks acceptance
  const a = lackingPages.length > 0 ? { ...model.assessment, canAccept: false } : model.assessment;
  const n = model.noticeAssessment;
  const [choice, setChoice] = useState<Choice>(a.canAccept ? 'accept' : n.canIssueNotice ? 'notice' : 'refuse');
  const [refusal, setRefusal] = useState<{ code: RefusalCode; text: string; whereToApply: string }>({ code: 'notJurisdiction', text: '', whereToApply: '' });
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const deferral = useDeferralContext(c, model);
  const [deferInput, setDeferInput] = useState<DeferralInput | null>(null);
  const deferValue: DeferralInput = deferInput ?? { days: deferral?.assessment.limit?.days ?? 1, committed: false, signedAt: null, approval: null };

  const submit = async () => {
    if ((choice === 'accept' || choice === 'defer') && lackingPages.length > 0) {
      setErrors([t('materials.lacking', { names: lackingPages.map((l) => `「${l.name}」`).join('') })]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      await flush();
      const at = nowIso();
      const base = cleanedParties(c, locale, clerk.clerkId, at);
      // promised dates count on the newest holiday data (pulled from the server over the bundled one)
      const calendar = await loadSyncedCalendar();
      const facts = { checklist: model.checklist, materialStates: base.materialStates, applicantCheck: model.applicantCheck };
      const result = await decide(base, subjectName, config.workstationCode, at, (caseNumber) => {
        const common = { at, by: clerk.clerkId, caseNumber };
        if (choice === 'accept') return makeAcceptance({ ...common, ...facts, calendar });
        if (choice === 'defer') {
          const a = base.applicant;
          const r = makeDeferredAcceptance({
            ...common,
            ...facts,
            calendar,
            caseId: base.id,
            requestedWorkingDays: deferValue.days,
            commitment: { signedAt: deferValue.committed && deferValue.signedAt ? deferValue.signedAt : '', applicantName: a?.name ?? '' },
            ...(deferValue.approval ? { approval: deferValue.approval } : {}),
            applicantDishonest: deferral?.flag ?? null,
            policy: deferral?.policy ?? { requireSupervisorApproval: true },
          });
          return r.ok ? { ok: true as const, decision: { ...r.decision, deferral: r.deferral } } : { ok: false as const, errors: r.errors.map((e) => ({ deferral: e })) };
        }
        if (choice === 'notice') return makeOneTimeNotice({ ...common, ...facts, applicantCheck: model.noticeApplicantCheck });
        return makeRefusal({
          ...common,
          reason: {
            code: refusal.code,
            ...(refusal.text.trim() ? { text: refusal.text.trim() } : {}),
            ...(refusal.whereToApply.trim() ? { whereToApply: refusal.whereToApply.trim() } : {}),
          },
        });
      });
      if (!result.ok) {
        setErrors(
          result.errors.map((e) => {
            if (e && typeof e === 'object' && 'deferral' in e) return deferralErrorMessage((e as { deferral: DeferralError }).deferral, locale);
            const err = e as DecisionError | { code: string };
            return 'code' in err && ['invalidTime', 'invalidCaseNumber', 'clerkRequired', 'cannotAccept', 'noticeIncomplete', 'nothingMissing', 'reasonRequired', 'whereToApplyRequired'].includes(err.code)
              ? decisionErrorMessage(err as DecisionError, locale)
              : t('intake.decision.storageError', { code: err.code });
          }),
        );
        return;
      }
      onDecided(result.case);
      navigate({ name: 'case', id: result.case.id });
    } catch (e) {
      setErrors([t('intake.decision.storageError', { code: e instanceof Error ? e.name : 'unknown' })]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="step-body">
      <h2 tabIndex={-1}>{t('intake.step.decision')}</h2>
      <div className="decision-options" role="radiogroup" aria-label={t('intake.step.decision')}>
        <label className={`decision-option ${choice === 'accept' ? 'checked' : ''} ${a.canAccept ? '' : 'disabled'}`}>
          <input type="radio" name="decision" checked={choice === 'accept'} disabled={!a.canAccept} onChange={() => setChoice('accept')} data-testid="choose-accept" />
          <strong>{t('intake.decision.accept')}</strong>
          <span className="small muted">{a.canAccept ? t('intake.decision.acceptReady') : t('intake.decision.acceptBlocked', { count: a.blockers.length })}</span>
        </label>
        <label className={`decision-option ${choice === 'defer' ? 'checked' : ''} ${deferral?.assessment.allowed ? '' : 'disabled'}`} data-testid="option-defer">
          <input type="radio" name="decision" checked={choice === 'defer'} disabled={!deferral?.assessment.allowed} onChange={() => setChoice('defer')} data-testid="choose-defer" />
          <strong>{t('deferral.option')}</strong>
          <span className="small muted">{deferral?.assessment.allowed ? t('deferral.optionReady', { count: deferral.assessment.deferrable.length }) : t('deferral.optionRefused')}</span>
          {deferral && <DeferralRefusals ctx={deferral} />}
        </label>
        <label className={`decision-option ${choice === 'notice' ? 'checked' : ''} ${n.canIssueNotice ? '' : 'disabled'}`}>
          <input type="radio" name="decision" checked={choice === 'notice'} disabled={!n.canIssueNotice} onChange={() => setChoice('notice')} data-testid="choose-notice" />
          <strong>{t('intake.decision.notice')}</strong>
          <span className="small muted">{n.canIssueNotice || n.missing.length + n.deficient.length > 0 ? t('intake.decision.noticeCount', { count: n.missing.length + n.deficient.length }) : t('intake.decision.noticeNothing')}</span>
        </label>
        <label className={`decision-option ${choice === 'refuse' ? 'checked' : ''}`}>
          <input type="radio" name="decision" checked={choice === 'refuse'} onChange={() => setChoice('refuse')} data-testid="choose-refuse" />
          <strong>{t('intake.decision.refuse')}</strong>
          <span className="small muted">{t('intake.decision.refuseHint')}</span>
        </label>
      </div>

      {choice === 'accept' && (
        <div className="panel">
          <h3>{t('intake.decision.promised')}</h3>
          <ul className="plain">
            {model.checklist.items.map((i) => (
              <li key={i.basicCode}>{i.name}：{formatTimeLimit(i.promisedLimit, locale)}</li>
            ))}
          </ul>
        </div>
      )}
      {choice === 'defer' && deferral && <DeferralForm ctx={deferral} value={deferValue} onChange={setDeferInput} clerkId={clerk.clerkId} />}
      {choice === 'notice' && (
        <div className="panel" data-testid="notice-preview">
          <h3>{t('intake.decision.noticeList')}</h3>
          <ol>
            {n.missing.map((m) => <li key={m.key}><strong>{m.name}</strong> — {t('intake.material.missing')}<div className="small muted">{m.acceptanceStandard}</div></li>)}
            {n.deficient.map((d) => <li key={d.line.key}><strong>{d.line.name}</strong> — {d.reason}<div className="small muted">{d.line.acceptanceStandard}</div></li>)}
          </ol>
        </div>
      )}
      {choice === 'refuse' && (
        <div className="panel">
          <div className="field">
            <label htmlFor="refusal-code">{t('intake.decision.refusalReason')}</label>
            <select id="refusal-code" value={refusal.code} onChange={(e) => setRefusal({ ...refusal, code: e.target.value as RefusalCode })}>
              <option value="notJurisdiction">{t('intake.decision.notJurisdiction')}</option>
              <option value="notRequiringLicence">{t('intake.decision.notRequiringLicence')}</option>
              <option value="other">{t('intake.decision.otherReason')}</option>
            </select>
          </div>
          {refusal.code === 'notJurisdiction' && (
            <div className="field">
              <label htmlFor="where-to-apply">{t('intake.decision.whereToApply')}</label>
              <input id="where-to-apply" type="text" value={refusal.whereToApply} onChange={(e) => setRefusal({ ...refusal, whereToApply: e.target.value })} />
            </div>
          )}
          <div className="field">
            <label htmlFor="refusal-text">{t('intake.decision.refusalText')}</label>
            <textarea id="refusal-text" rows={3} value={refusal.text} onChange={(e) => setRefusal({ ...refusal, text: e.target.value })} />
          </div>
        </div>
      )}

      <PagesLackingAlert lines={lackingPages} />
      {a.blockers.length > 0 && (
        <details className="small" open={choice !== 'refuse'} data-testid="decision-blockers">
          <summary>{t('intake.blockersTitle', { count: a.blockers.length })}</summary>
          <ul>{a.blockers.map((b, i) => <li key={i}>{blockerMessage(b, locale)}</li>)}</ul>
        </details>
      )}
      {errors.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="decision-errors">
          <ul>{errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
        </div>
      )}
      <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => void submit()} data-testid="confirm-decision">
        {t(`intake.decision.confirm.${choice}`)}
      </button>
    </div>
  );
}
