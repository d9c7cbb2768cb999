/**
 * What makes training mode visible at a glance on every screen: the coloured training bar
 * across the top (with the leave button), the diagonal watermark 培训 — 无效 / TRAINING — NOT
 * VALID over everything (CSS overlay: pointer-events none, aria-hidden), and the drill dock —
 * the simulated applicant and the timer beside the real intake while a drill runs.
 * Rendered by App only while training mode is on.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { TRAINING_MODE_BANNER, TRAINING_WATERMARK } from '@core/training/isolation';
import { parSecondsOf, stepFeedback, type DrillStep, type Mistake } from '@core/training/scoring';
import { attemptFromCase } from '@core/training/scoring';
import { useLocale } from '../i18n/useLocale';
import { loadCatalogVersion } from '../catalog/catalog-store';
import { getCaseRecord } from '../store/case-store';
import { useCatalog } from '../catalog/CatalogContext';
import { abandonDrill, loadScenario, useLastFinishedDrill, useResult, useRunningDrill } from './drill-store';
import { leaveTrainingMode } from './mode';
import { ApplicantCards } from './ApplicantCards';
import { MistakeList } from './MistakeList';
import { startResultSender } from './result-sender';
import type { DrillRunRecord } from '../store/training-records';
import './training.css';

const DISMISSED_KEY = 'onewindow.training.dismissedResult';

export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** The watermark over every screen: decorative for sighted users, silent for screen readers (the bar says it). */
export function ScreenWatermark() {
  const text = `${TRAINING_WATERMARK['zh-CN']}　${TRAINING_WATERMARK['en-US']}`;
  return (
    <div className="tr-watermark" aria-hidden="true" data-testid="training-watermark">
      {Array.from({ length: 24 }, (_, i) => (
        <span key={i}>{text}</span>
      ))}
    </div>
  );
}

export function LeaveTrainingButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-small tr-leave"
      data-testid="leave-training"
      onClick={() => {
        if (window.confirm(t('training.mode.leaveConfirm'))) leaveTrainingMode();
      }}
    >
      {t('training.mode.leave')}
    </button>
  );
}

function TrainingBar({ run }: { run: DrillRunRecord | null | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="tr-bar" role="status" data-testid="training-bar">
      <strong className="tr-bar-title">{t('training.mode.barTitle')}</strong>
      <span className="tr-bar-text">{TRAINING_MODE_BANNER[locale]}</span>
      {run && <a href="#/training" className="tr-bar-link">{t('training.dock.running')}</a>}
      <span className="tr-bar-spacer" />
      <a href="#/training" className="tr-bar-link">{t('training.nav')}</a>
      <LeaveTrainingButton />
    </div>
  );
}

export function TrainingChrome() {
  const run = useRunningDrill();
  const [lastResultId, setLastResultId] = useState<string | null>(null);
  useEffect(() => {
    document.body.classList.add('training-mode');
    return () => document.body.classList.remove('training-mode');
  }, []);
  useEffect(() => startResultSender(), []);
  // The drill that just ended stays in the dock (its score) until dismissed.
  const finished = useLastFinishedDrill();
  useEffect(() => {
    if (finished?.resultId) setLastResultId(finished.resultId);
  }, [finished?.resultId]);
  const [dismissed, setDismissedState] = useState<string | null>(() => sessionStorage.getItem(DISMISSED_KEY));
  const setDismissed = (id: string) => {
    sessionStorage.setItem(DISMISSED_KEY, id);
    setDismissedState(id);
  };
  const showFinished = !run && lastResultId && dismissed !== lastResultId ? lastResultId : null;
  const dockOpen = !!run;
  useEffect(() => {
    document.body.classList.toggle('drill-dock-open', dockOpen);
    return () => document.body.classList.remove('drill-dock-open');
  }, [dockOpen]);
  return (
    <>
      <TrainingBar run={run} />
      <ScreenWatermark />
      {run && <DrillDock run={run} />}
      {showFinished && <FinishedDock resultId={showFinished} onClose={() => setDismissed(showFinished)} />}
    </>
  );
}

const STEP_OF: Record<string, Exclude<DrillStep, 'time'>[]> = {
  situation: ['subject', 'answers'],
  materials: ['subject', 'answers', 'materials'],
  applicant: ['subject', 'answers', 'materials', 'applicant'],
  review: ['subject', 'answers', 'materials', 'applicant'],
  decision: ['subject', 'answers', 'materials', 'applicant'],
};

function DrillDock({ run }: { run: DrillRunRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const now = useNow();
  const scenario = useLiveQuery(async () => (await loadScenario(run.packId, run.scenarioId)) ?? null, [run.packId, run.scenarioId]);
  const draft = useLiveQuery(async () => (run.caseId ? ((await getCaseRecord(run.caseId)) ?? null) : null), [run.caseId]);
  const catalogOfDraft = useLiveQuery(
    async () => (draft ? ((await loadCatalogVersion(draft.case.catalogVersion)) ?? null) : null),
    [draft?.case.catalogVersion],
  );
  const [coaching, setCoaching] = useState<{ steps: string[]; mistakes: Mistake[] } | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const elapsed = (now - Date.parse(run.startedAt)) / 1000;
  const par = scenario ? parSecondsOf(scenario) : null;

  const check = () => {
    if (!scenario || !draft || !catalogOfDraft) {
      setCoaching({ steps: [], mistakes: [] });
      return;
    }
    const c = draft.case;
    const steps = STEP_OF[c.step] ?? STEP_OF.situation!;
    const partial = attemptFromCase(c, { startedAt: run.startedAt, finishedAt: new Date().toISOString() });
    const mistakes = steps.flatMap((s) => stepFeedback(scenario, s, partial, catalogOfDraft.catalog));
    setCoaching({ steps, mistakes });
  };
  const catalog = catalogOfDraft?.catalog ?? view.catalog;
  const title = useMemo(() => (scenario ? (locale === 'en-US' && scenario.titleEn ? scenario.titleEn : scenario.title) : ''), [scenario, locale]);

  return (
    <aside className={`tr-dock ${collapsed ? 'collapsed' : ''}`} aria-label={t('training.dock.title')} data-testid="drill-dock">
      <div className="tr-dock-head">
        <div>
          <div className="small muted">{run.coached ? t('training.dock.coached') : t('training.dock.exam')}</div>
          <strong>{title}</strong>
        </div>
        <div className={`tr-timer ${par !== null && elapsed > par ? 'over' : ''}`} data-testid="drill-timer" title={t('training.dock.par', { par: par ? formatClock(par) : '—' })}>
          {formatClock(elapsed)}
          {par !== null && <span className="small muted"> / {formatClock(par)}</span>}
        </div>
        <button type="button" className="btn btn-small" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed}>
          {collapsed ? t('training.dock.expand') : t('training.dock.collapse')}
        </button>
      </div>
      {!collapsed && (
        <div className="tr-dock-body">
          {scenario === undefined ? <div className="muted">{t('app.loading')}</div> : scenario === null ? <div className="alert alert-error">{t('training.drill.missing')}</div> : <ApplicantCards scenario={scenario} catalog={catalog} compact />}
          <p className="small muted">{run.caseId ? t('training.dock.intakeStarted') : t('training.dock.findItem')}</p>
          {run.coached && (
            <div className="tr-coach">
              <button type="button" className="btn" onClick={check} data-testid="coach-check">
                {t('training.dock.check')}
              </button>
              {coaching && (
                <div className="tr-coach-out" data-testid="coach-feedback">
                  {coaching.mistakes.length === 0 ? <p className="tr-ok">{draft ? t('training.dock.noMistakes') : t('training.dock.noDraft')}</p> : <MistakeList mistakes={coaching.mistakes} />}
                </div>
              )}
            </div>
          )}
          <div className="tr-dock-actions">
            <button
              type="button"
              className="btn btn-small"
              data-testid="abandon-drill"
              onClick={() => {
                if (window.confirm(t('training.dock.abandonConfirm'))) void abandonDrill(run.id);
              }}
            >
              {t('training.dock.abandon')}
            </button>
          </div>
        </div>
      )}
    </aside>
  );
}

function FinishedDock({ resultId, onClose }: { resultId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const result = useResult(resultId);
  if (!result) return null;
  return (
    <aside className="tr-dock tr-dock-float" aria-label={t('training.dock.title')} data-testid="drill-finished">
      <div className="tr-dock-head">
        <div>
          <div className="small muted">{t('training.dock.finished')}</div>
          <strong>{result.scenarioTitle}</strong>
        </div>
        <div className="tr-score-big" data-testid="drill-finished-score">{result.total}</div>
      </div>
      <div className="tr-dock-body">
        <p className="small">{t('training.dock.finishedHint')}</p>
        <div className="tr-dock-actions">
          <a className="btn btn-primary" href={`#/training/results/${result.id}`} data-testid="open-result" onClick={onClose}>
            {t('training.dock.openResult')}
          </a>
          <button type="button" className="btn btn-small" onClick={onClose}>
            {t('training.dock.close')}
          </button>
        </div>
      </div>
    </aside>
  );
}
