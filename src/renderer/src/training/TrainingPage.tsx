/**
 * #/training… — the trainee's side of training mode:
 * - `#/training`: enter / leave training mode, the drills assigned to me and every drill of the
 *   packs, my results and my readiness for live work;
 * - `#/training/drills/<packId>/<scenarioId>`: the drill brief — the simulated applicant — and
 *   start (exam or coached): the timer starts, the trainee finds the item and does a real intake;
 * - `#/training/results/<id>`: the score, part by part, every mistake explained with the
 *   catalog's acceptance standard and legal basis, and the model answer;
 * - `#/training/trainer/…`: trainer tools (TrainerPage, trainingAuthor only).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { readiness, type DrillResult } from '@core/training/scoring';
import type { Scenario } from '@core/training/scenario';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { useCan } from '../session/RequireRole';
import { useCatalog } from '../catalog/CatalogContext';
import { isTrainingMode } from '../store/db';
import { drillRef, findScenario, loadScenario, startDrill, useAssignments, usePacks, useResult, useResults, useRunningDrill } from './drill-store';
import { enterTrainingMode } from './mode';
import { ApplicantCards } from './ApplicantCards';
import { MistakeList } from './MistakeList';
import { LeaveTrainingButton, formatClock } from './TrainingChrome';
import type { DrillResultRecord } from '../store/training-records';
import { parSecondsOf } from '@core/training/scoring';
import './training.css';

export function TrainingPage({ sub }: { sub: string[] }) {
  const [head, a, b] = sub;
  if (head === 'drills' && a && b) return <DrillBrief packId={a} scenarioId={b} />;
  if (head === 'results' && a) return <ResultPage id={a} />;
  return <TrainingHome />;
}

export function scenarioTitle(s: Pick<Scenario, 'title' | 'titleEn'>, locale: string): string {
  return locale === 'en-US' && s.titleEn ? s.titleEn : s.title;
}

export function ScoreText({ total }: { total: number }) {
  return <span className={`tr-score ${total >= 85 ? 'good' : total < 60 ? 'bad' : ''}`}>{total}</span>;
}

function ModeCard() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (isTrainingMode())
    return (
      <div className="tr-mode-card" data-testid="training-mode-on">
        <p>
          <strong>{t('training.mode.on')}</strong> {t('training.mode.onHint')}
        </p>
        <LeaveTrainingButton />
      </div>
    );
  return (
    <div className="tr-mode-card" data-testid="training-mode-off">
      <p>
        <strong>{t('training.mode.off')}</strong> {t('training.mode.offHint')}
      </p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        data-testid="enter-training"
        onClick={async () => {
          if (!window.confirm(t('training.mode.enterConfirm'))) return;
          setBusy(true);
          await enterTrainingMode();
        }}
      >
        {t('training.mode.enter')}
      </button>
    </div>
  );
}

function TrainingHome() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const isTrainer = useCan('trainingAuthor');
  const packs = usePacks();
  const assignments = useAssignments(session.clerkId);
  const results = useResults(session.clerkId);
  const assigned = useMemo(() => new Set((assignments ?? []).flatMap((a) => a.drills)), [assignments]);
  const best = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of results ?? []) m.set(drillRef(r.packId, r.scenarioId), Math.max(m.get(drillRef(r.packId, r.scenarioId)) ?? 0, r.total));
    return m;
  }, [results]);
  const ready = useMemo(() => readiness((results ?? []).map(toDrillResult)), [results]);

  if (!packs) return <div className="loading">{t('app.loading')}</div>;
  const rows = packs.flatMap((p) => p.pack.scenarios.map((s) => ({ pack: p, s, ref: drillRef(p.packId, s.id) })));
  const assignedRows = rows.filter((r) => assigned.has(r.ref));
  return (
    <section className="tr-page" data-testid="training-page">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('training.title')}</h1>
          <div className="muted small">{t('training.subtitle')}</div>
        </div>
        {isTrainer && (
          <a className="btn" href="#/training/trainer" data-testid="trainer-tools">
            {t('training.trainer.open')}
          </a>
        )}
      </div>
      <ModeCard />
      <div className="tr-grid2">
        <div>
          {assignedRows.length > 0 && (
            <>
              <h2>{t('training.home.assigned')}</h2>
              <DrillTable rows={assignedRows} best={best} locale={locale} testId="assigned-drills" />
            </>
          )}
          <h2>{t('training.home.allDrills')}</h2>
          <DrillTable rows={rows} best={best} locale={locale} assigned={assigned} testId="all-drills" />
        </div>
        <div>
          <h2>{t('training.home.readiness')}</h2>
          <ReadinessView r={ready} />
          <h2>{t('training.home.myResults')}</h2>
          <ResultTable results={[...(results ?? [])].reverse()} />
        </div>
      </div>
    </section>
  );
}

export function toDrillResult(r: Pick<DrillResultRecord, 'scenarioId' | 'total' | 'criticalMistakes' | 'finishedAt'>): DrillResult {
  return { scenarioId: r.scenarioId, score: r.total, criticalMistakes: r.criticalMistakes, finishedAt: r.finishedAt };
}

export function ReadinessView({ r }: { r: ReturnType<typeof readiness> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="panel" data-testid="readiness">
      <div className={r.ready ? 'tr-ready' : 'tr-notready'}>{r.ready ? t('training.readiness.ready') : t('training.readiness.notReady')}</div>
      <div className="small muted">{t('training.readiness.rule', { window: r.window, min: r.minAverage })}</div>
      {r.average !== null && <div className="small">{t('training.readiness.average', { n: r.considered.length, average: r.average })}</div>}
      {r.reasons.length > 0 && (
        <ul className="small">
          {r.reasons.map((x, i) => (
            <li key={i}>{x[locale]}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DrillTable({ rows, best, locale, assigned, testId }: { rows: { pack: { packId: string; title: string }; s: Scenario; ref: string }[]; best: Map<string, number>; locale: string; assigned?: Set<string>; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="tr-drills" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('training.home.level')}</th>
          <th>{t('training.home.drill')}</th>
          <th>{t('training.home.best')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ pack, s, ref }) => (
          <tr key={ref} className={assigned?.has(ref) ? 'tr-assigned' : ''} data-testid="drill-row" data-drill={ref}>
            <td className="tr-level">{'★'.repeat(s.level)}</td>
            <td>
              <a href={`#/training/drills/${encodeURIComponent(pack.packId)}/${encodeURIComponent(s.id)}`}>{scenarioTitle(s, locale)}</a>
              <div className="small muted">
                {pack.title}
                {assigned?.has(ref) && <span className="badge-inline">{t('training.home.assignedBadge')}</span>}
              </div>
            </td>
            <td>{best.has(ref) ? <ScoreText total={best.get(ref)!} /> : <span className="muted">—</span>}</td>
            <td>
              <a className="btn btn-small" href={`#/training/drills/${encodeURIComponent(pack.packId)}/${encodeURIComponent(s.id)}`}>
                {t('training.home.open')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResultTable({ results, showTrainee = false }: { results: readonly Pick<DrillResultRecord, 'id' | 'scenarioTitle' | 'total' | 'finishedAt' | 'criticalMistakes' | 'traineeName' | 'traineeId'>[]; showTrainee?: boolean }) {
  const { t } = useTranslation();
  if (results.length === 0) return <p className="muted small">{t('training.home.noResults')}</p>;
  return (
    <table className="tr-drills" data-testid="result-table">
      <thead>
        <tr>
          <th>{t('training.result.when')}</th>
          {showTrainee && <th>{t('training.result.trainee')}</th>}
          <th>{t('training.home.drill')}</th>
          <th>{t('training.result.score')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.id}>
            <td className="small">{new Date(r.finishedAt).toLocaleString()}</td>
            {showTrainee && <td>{r.traineeName} <span className="muted small">{r.traineeId}</span></td>}
            <td>
              <a href={`#/training/results/${r.id}`}>{r.scenarioTitle}</a>
              {r.criticalMistakes > 0 && <span className="badge-inline tr-critical">{t('training.result.critical')}</span>}
            </td>
            <td>
              <ScoreText total={r.total} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DrillBrief({ packId, scenarioId }: { packId: string; scenarioId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const { session } = useSession();
  const packs = usePacks();
  const running = useRunningDrill();
  const [busy, setBusy] = useState(false);
  if (!packs) return <div className="loading">{t('app.loading')}</div>;
  const s = findScenario(packs, packId, scenarioId);
  if (!s)
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
        <p>{t('training.drill.missing')}</p>
      </section>
    );
  const start = async (coached: boolean) => {
    setBusy(true);
    await startDrill({ packId, scenarioId, coached, traineeId: session.clerkId, traineeName: session.name });
    // The trainee finds the item as at the live window: from the service guide or search.
    window.location.hash = '#/';
  };
  return (
    <section className="tr-page" data-testid="drill-brief">
      <div className="page-head">
        <div>
          <div className="muted small">
            <a href="#/training">{t('training.title')}</a> · {'★'.repeat(s.level)} · {t('training.drill.par', { par: formatClock(parSecondsOf(s)) })}
          </div>
          <h1 tabIndex={-1}>{scenarioTitle(s, locale)}</h1>
        </div>
      </div>
      <p className="muted">{t('training.drill.intro')}</p>
      <ApplicantCards scenario={s} catalog={view.catalog} />
      {s.catalogVersion !== view.catalog.version && <div className="alert alert-warn small">{t('training.drill.otherCatalog', { version: s.catalogVersion, current: view.catalog.version })}</div>}
      {isTrainingMode() ? (
        <div className="actions" style={{ marginTop: 16, display: 'flex', gap: 8 }}>
          <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => void start(false)} data-testid="start-drill">
            {t('training.drill.startExam')}
          </button>
          <button type="button" className="btn btn-large" disabled={busy} onClick={() => void start(true)} data-testid="start-coached">
            {t('training.drill.startCoached')}
          </button>
          {running && <span className="small muted">{t('training.drill.replaces')}</span>}
        </div>
      ) : (
        <div className="alert alert-warn" data-testid="needs-training-mode">
          {t('training.drill.needsMode')} <a href="#/training">{t('training.mode.enter')}</a>
        </div>
      )}
    </section>
  );
}

function ResultPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const result = useResult(id);
  const scenario = useLiveQuery(async () => (result ? ((await loadScenario(result.packId, result.scenarioId)) ?? null) : null), [result?.packId, result?.scenarioId]);
  if (result === undefined) return <div className="loading">{t('app.loading')}</div>;
  if (result === null)
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
      </section>
    );
  const sc = result.score;
  const parts = ['identification', 'answers', 'materials', 'decision', 'applicant', 'time'] as const;
  return (
    <section className="tr-page" data-testid="drill-result">
      <div className="page-head">
        <div>
          <div className="muted small">
            <a href="#/training">{t('training.title')}</a> · {result.traineeName} · {new Date(result.finishedAt).toLocaleString()}
            {result.caseNumber && (
              <>
                {' '}
                · <a href={`#/cases/${result.caseId}`}>{result.caseNumber}</a>
              </>
            )}
          </div>
          <h1 tabIndex={-1}>
            {result.scenarioTitle} — <span data-testid="result-total">{result.total}</span> {t('training.result.points')}
          </h1>
        </div>
        <a className="btn btn-primary" href={`#/training/drills/${encodeURIComponent(result.packId)}/${encodeURIComponent(result.scenarioId)}`}>
          {t('training.result.again')}
        </a>
      </div>
      {sc.critical.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="critical">
          {t('training.result.criticalHint')}
        </div>
      )}
      <div className="tr-parts">
        {parts.map((p) => {
          const part = sc.parts[p];
          return (
            <div key={p} className={`tr-part ${part.applicable ? '' : 'na'}`} data-testid={`part-${p}`}>
              <div className="small muted">{t(`training.part.${p}`)}</div>
              <strong>{part.applicable ? `${part.points}` : t('training.part.na')}</strong>
              {p === 'time' && sc.parts.time.seconds !== null && <span className="small muted"> · {formatClock(sc.parts.time.seconds)} / {formatClock(sc.parts.time.parSeconds)}</span>}
              <div className="tr-part-bar">
                <div style={{ width: `${Math.round(part.score * 100)}%` }} />
              </div>
            </div>
          );
        })}
      </div>
      <h2>{t('training.result.mistakes', { count: sc.mistakes.length })}</h2>
      {sc.mistakes.length === 0 ? <p className="tr-ok">{t('training.result.perfect')}</p> : <MistakeList mistakes={sc.mistakes} />}
      {sc.parts.materials.lines.length > 0 && (
        <>
          <h2>{t('training.result.materials')}</h2>
          <table className="tr-drills small">
            <thead>
              <tr>
                <th>{t('training.result.material')}</th>
                <th>{t('training.result.expected')}</th>
                <th>{t('training.result.given')}</th>
              </tr>
            </thead>
            <tbody>
              {sc.parts.materials.lines.map((l) => (
                <tr key={l.key}>
                  <td>{l.correct ? '✓' : '✗'} {l.name}</td>
                  <td>{t(`training.status.${l.expected}`)}</td>
                  <td>{t(`training.status.${l.given}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {scenario && (
        <>
          <h2>{t('training.result.debrief')}</h2>
          <div className="tr-debrief" data-testid="debrief">
            {locale === 'en-US' && scenario.debrief['en-US'] ? scenario.debrief['en-US'] : scenario.debrief['zh-CN']}
          </div>
        </>
      )}
    </section>
  );
}
