/**
 * Guided intake: 办理情形 → 材料核验 → 申请人 → 核对 → 决定. Every change is
 * autosaved; an interrupted intake reopens at the step where it was left.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { withStep, type IntakeCase, type IntakeStep } from '@core/intake/case';
import type { CaseRecord } from '../store/db';
import { getCaseRecord } from '../store/case-store';
import { useCatalog } from '../catalog/CatalogContext';
import { useLocale } from '../i18n/useLocale';
import { hrefFor, navigate } from '../ui/router';
import { useAutosavedCase, type SaveState } from './useAutosave';
import { useIntakeModel } from './useIntakeModel';
import { nowIso } from './intake-store';
import { SituationStep } from './SituationStep';
import { MaterialsStep } from './MaterialsStep';
import { ApplicantStep } from './ApplicantStep';
import { ReviewStep } from './ReviewStep';
import { DecisionStep } from './DecisionStep';
import { ChecklistPanel } from './ChecklistPanel';
import { CatalogChangeBanner } from './CatalogChangeBanner';
import { exportDraft } from './export-draft';
import { PendingFetches } from '../sharing/PendingFetches'; // data sharing: fetch what was left to the department
import { AGENT_QUESTION_KEY, mergeFormFields, projectCaseFields, reconcileAgent } from '@core/bundle/form';

export const STEPS: Exclude<IntakeStep, 'done'>[] = ['situation', 'materials', 'applicant', 'review', 'decision'];

export function IntakePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const record = useLiveQuery(async () => (await getCaseRecord(id)) ?? null, [id]);
  if (record === undefined) return <div className="loading">{t('app.loading')}</div>;
  if (record === null) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
        <p>{t('intake.notFound')}</p>
      </section>
    );
  }
  if (record.status !== 'draft') {
    navigate({ name: 'case', id });
    return null;
  }
  return <IntakeWorkspace key={id} record={record} />;
}

function IntakeWorkspace({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const { current, update, replace, saveState, flush } = useAutosavedCase(record.case, record.subjectName);
  const catalogMatches = current.catalogVersion === view.catalog.version;
  const model = useIntakeModel(current, view.catalog, locale);
  const step = current.step === 'done' ? 'decision' : current.step;
  const goTo = (s: IntakeStep) => update((c) => withStep(c, s, nowIso()));
  const index = STEPS.indexOf(step);

  // Ctrl+Enter: next step; Ctrl+Backspace: previous — the clerk's hands stay on the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey) return;
      if (e.key === 'Enter' && index < STEPS.length - 1) {
        e.preventDefault();
        goTo(STEPS[index + 1]!);
      } else if (e.key === 'Backspace' && index > 0 && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        goTo(STEPS[index - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document.querySelector<HTMLElement>('.intake-main h2')?.focus();
  }, [step]);

  // 一表申请: the applicant's answers fill every item's fields that ask for them; one
  // 是否委托代理人 answer and one agent record for every item of a bundle.
  const merged = useMemo(() => mergeFormFields(model.items), [model.items]);
  const agentAsked = model.checklist.questions.some((q) => q.key === AGENT_QUESTION_KEY);
  useEffect(() => {
    if (current.status !== 'draft') return;
    const reconciled = reconcileAgent(current, agentAsked);
    const fields = projectCaseFields(merged, reconciled);
    if (reconciled !== current || fields !== current.fields) update((c) => {
      const r = reconcileAgent(c, agentAsked);
      return { ...r, fields: projectCaseFields(merged, r), updatedAt: nowIso() };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run when the parts it reconciles change; `current` and `update` are new at every render
  }, [current.applicant, current.agent, current.answers, current.fields, merged, agentAsked]);

  const subjectName = record.subjectName;
  const stepDone = useMemo(() => stepCompletion(current, model), [current, model]);

  return (
    <section className="intake" data-testid="intake">
      <div className="page-head">
        <div>
          <div className="muted small">
            {t('intake.title')} · {t('intake.catalogVersion', { version: current.catalogVersion })}
          </div>
          <h1 tabIndex={-1}>{subjectName}</h1>
        </div>
        <div className="actions">
          <SaveIndicator state={saveState} onExport={() => void exportDraft(current)} onRetry={() => void flush()} />
          <a className="btn" href={hrefFor({ name: 'browse', tab: 'departments' })}>{t('intake.pause')}</a>
        </div>
      </div>
      {saveState === 'quota' && (
        <div className="alert alert-error" role="alert" data-testid="quota-warning">
          {t('intake.quotaExceeded')}{' '}
          <button type="button" className="btn btn-small" onClick={() => void exportDraft(current)}>{t('intake.exportDraft')}</button>
        </div>
      )}
      {!catalogMatches && <CatalogChangeBanner draft={current} onCarriedOver={(c) => update(() => c)} />}
      <div className="intake-grid">
        <ol className="steps" aria-label={t('intake.steps')}>
          {STEPS.map((s, i) => (
            <li key={s} className={`step ${s === step ? 'current' : ''} ${stepDone[s] ? 'done' : ''}`}>
              <button type="button" onClick={() => goTo(s)} aria-current={s === step ? 'step' : undefined} data-testid={`step-${s}`}>
                <span className="step-no">{stepDone[s] && s !== step ? '✓' : i + 1}</span>
                {t(`intake.step.${s}`)}
              </button>
            </li>
          ))}
          <li className="steps-hint muted small">{t('intake.keysHint')}</li>
        </ol>
        <div className="intake-main">
          {step === 'situation' && <SituationStep c={current} model={model} update={update} />}
          {step === 'materials' && <MaterialsStep c={current} model={model} update={update} />}
          {step === 'applicant' && <ApplicantStep c={current} model={model} update={update} />}
          {step === 'review' && <ReviewStep c={current} model={model} goTo={goTo} />}
          {step === 'decision' && <PendingFetches c={current} checklist={model.checklist} update={update} />}
          {step === 'decision' && <DecisionStep c={current} model={model} subjectName={subjectName} onDecided={replace} flush={flush} />}
          <div className="step-nav no-print">
            {index > 0 && (
              <button type="button" className="btn" onClick={() => goTo(STEPS[index - 1]!)} data-testid="prev-step">
                ← {t(`intake.step.${STEPS[index - 1]!}`)}
              </button>
            )}
            {index < STEPS.length - 1 && (
              <button type="button" className="btn btn-primary" onClick={() => goTo(STEPS[index + 1]!)} data-testid="next-step">
                {t(`intake.step.${STEPS[index + 1]!}`)} →
              </button>
            )}
          </div>
        </div>
        <ChecklistPanel c={current} model={model} />
      </div>
    </section>
  );
}

function stepCompletion(c: IntakeCase, model: ReturnType<typeof useIntakeModel>): Record<string, boolean> {
  const a = model.assessment;
  return {
    situation: model.checklist.unansweredQuestions.length === 0 && model.checklist.problems.length === 0,
    materials: a.pending.length === 0 && model.checklist.materials.length > 0,
    applicant: model.applicantCheck.valid,
    review: false,
    decision: c.status !== 'draft',
  };
}

function SaveIndicator({ state, onExport, onRetry }: { state: SaveState; onExport: () => void; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state === 'saved') return <span className="save-state ok" data-testid="save-state">✓ {t('intake.saved')}</span>;
  if (state === 'pending') return <span className="save-state" data-testid="save-state">{t('intake.saving')}</span>;
  if (state === 'quota') return <button type="button" className="btn btn-small" onClick={onExport}>{t('intake.exportDraft')}</button>;
  return (
    <span className="save-state err" role="alert">
      {t('intake.saveFailed')} <button type="button" className="btn btn-small" onClick={onRetry}>{t('intake.retry')}</button>
    </span>
  );
}
