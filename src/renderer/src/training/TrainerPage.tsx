/**
 * #/training/trainer/<tab> — trainer tools (permission trainingAuthor):
 * - assign: pick drills, assign them to trainees by 工号;
 * - author: a new scenario from any catalog item, with the trainee's view as preview (AuthorForm);
 * - packs: import a scenario pack (checked against the catalog, every problem as `path: reason`),
 *   export any pack as JSON;
 * - reports: per trainee and per drill — scores over time, most common mistakes, readiness —
 *   from this workstation's results and the centre's results on the server;
 * - changes: "what changed" drills for the items whose materials changed between the two newest
 *   catalog versions on this workstation.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { parseScenarioPackText, ScenarioPack as ScenarioPackSchema, type ScenarioIssue } from '@core/training/scenario';
import { whatChangedDrillsWithSkipped } from '@core/training/changeDrills';
import { readiness } from '@core/training/scoring';
import { commonMistakes } from '@core/training/protocol';
import { getHost } from '../platform/host';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { useCatalog } from '../catalog/CatalogContext';
import { catalogVersionsNewestFirst, loadCatalogVersion } from '../catalog/catalog-store';
import { assignDrills, deletePack, drillRef, removeAssignment, savePack, useAssignments, usePacks, useResults } from './drill-store';
import { fetchCentreResults } from './result-sender';
import { AuthorForm } from './AuthorForm';
import { IssueList } from './IssueList';
import { FilterSelect, personOptions } from '../ui/FilterSelect';
import { Chart } from '../ui/Chart';
import { ReadinessView, ResultTable, ScoreText, scenarioTitle, toDrillResult } from './TrainingPage';
import type { DrillResultRecord } from '../store/training-records';

const TABS = ['drills', 'author', 'packs', 'reports', 'changes'] as const;

export function TrainerPage({ tab }: { tab: string; sub: string[] }) {
  const { t } = useTranslation();
  const current = (TABS as readonly string[]).includes(tab) ? tab : 'drills';
  return (
    <section className="tr-page" data-testid="trainer-page">
      <div className="page-head">
        <div>
          <div className="muted small">
            <a href="#/training">{t('training.title')}</a>
          </div>
          <h1 tabIndex={-1}>{t('training.trainer.title')}</h1>
        </div>
      </div>
      <nav className="tr-tabs" aria-label={t('training.trainer.title')}>
        {TABS.map((x) => (
          <a key={x} href={`#/training/trainer/${x}`} className={x === current ? 'current' : ''} aria-current={x === current ? 'page' : undefined} data-testid={`trainer-tab-${x}`}>
            {t(`training.trainer.tab.${x}`)}
          </a>
        ))}
      </nav>
      {current === 'drills' && <AssignTab />}
      {current === 'author' && <AuthorForm />}
      {current === 'packs' && <PacksTab />}
      {current === 'reports' && <ReportsTab />}
      {current === 'changes' && <ChangesTab />}
    </section>
  );
}

// ---- assign ------------------------------------------------------------------------------

function AssignTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const packs = usePacks();
  const assignments = useAssignments();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [trainees, setTrainees] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!packs) return <div className="loading">{t('app.loading')}</div>;
  const titles = new Map(packs.flatMap((p) => p.pack.scenarios.map((s) => [drillRef(p.packId, s.id), scenarioTitle(s, locale)] as const)));
  const submit = async () => {
    const ids = [...new Set(trainees.split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean))];
    setDone(null);
    if (ids.length === 0 || ids.some((x) => !/^[A-Za-z0-9_-]{1,32}$/.test(x))) return setError(t('training.assign.badTrainees'));
    if (chosen.size === 0) return setError(t('training.assign.noDrills'));
    setError(null);
    await assignDrills({ traineeIds: ids, drills: [...chosen], assignedBy: session.clerkId, ...(note.trim() ? { note: note.trim() } : {}) });
    setDone(t('training.assign.done', { drills: chosen.size, trainees: ids.length }));
    setChosen(new Set());
  };
  return (
    <div className="tr-grid2">
      <div>
        <h2>{t('training.assign.pick')}</h2>
        {packs.map((p) => (
          <fieldset key={p.packId} className="panel" style={{ marginBottom: 8 }}>
            <legend className="small muted">{p.title}</legend>
            {p.pack.scenarios.map((s) => {
              const ref = drillRef(p.packId, s.id);
              return (
                <label key={ref} className="tr-check-row" style={{ display: 'block' }}>
                  <input
                    type="checkbox"
                    checked={chosen.has(ref)}
                    data-testid="assign-drill"
                    data-drill={ref}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(ref);
                      else next.delete(ref);
                      setChosen(next);
                    }}
                  />{' '}
                  <span className="tr-level">{'★'.repeat(s.level)}</span> {scenarioTitle(s, locale)}
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div>
        <h2>{t('training.assign.to')}</h2>
        <div className="panel tr-form">
          <div className="field">
            <label htmlFor="assign-trainees">{t('training.assign.trainees')}</label>
            <input id="assign-trainees" value={trainees} onChange={(e) => setTrainees(e.target.value)} placeholder="C0042, C0043" aria-invalid={!!error} />
          </div>
          <div className="field">
            <label htmlFor="assign-note">{t('training.assign.note')}</label>
            <input id="assign-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {error && <div className="field-error" role="alert">{error}</div>}
          {done && <div className="alert alert-ok" role="status">{done}</div>}
          <button type="button" className="btn btn-primary" onClick={() => void submit()} data-testid="assign-submit">
            {t('training.assign.submit', { count: chosen.size })}
          </button>
        </div>
        <h2>{t('training.assign.current')}</h2>
        {(assignments ?? []).length === 0 ? (
          <p className="muted small">{t('training.assign.none')}</p>
        ) : (
          <table className="tr-drills" data-testid="assignments">
            <tbody>
              {(assignments ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <strong>{a.traineeId}</strong>
                    <div className="small muted">{new Date(a.assignedAt).toLocaleString()} · {a.assignedBy}</div>
                  </td>
                  <td className="small">
                    {a.drills.map((d) => titles.get(d) ?? d).join('、')}
                    {a.note && <div className="muted">{a.note}</div>}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => void removeAssignment(a.id)}>
                      {t('training.assign.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

// ---- packs -------------------------------------------------------------------------------


function PacksTab() {
  const { t } = useTranslation();
  const view = useCatalog();
  const packs = usePacks();
  const [outcome, setOutcome] = useState<{ errors: ScenarioIssue[]; warnings: ScenarioIssue[]; imported?: string } | null>(null);
  const importText = async (text: string) => {
    // Checked against the catalog version its scenarios were written for when it is on this
    // workstation (else the catalog in use).
    let catalog = view.catalog;
    try {
      const versions = new Set<unknown>(((JSON.parse(text) as { scenarios?: { catalogVersion?: unknown }[] }).scenarios ?? []).map((x) => x?.catalogVersion));
      const [only] = [...versions];
      if (versions.size === 1 && typeof only === 'string' && only !== catalog.version) catalog = (await loadCatalogVersion(only))?.catalog ?? catalog;
    } catch {
      // not JSON: the import reports it
    }
    const r = parseScenarioPackText(text, catalog);
    if (!r.ok) return setOutcome({ errors: r.errors, warnings: [] });
    await savePack(r.pack, 'file');
    setOutcome({ errors: [], warnings: r.warnings, imported: t('training.packs.imported', { title: r.pack.title, count: r.pack.scenarios.length }) });
  };
  const pickFile = async () => {
    const f = await getHost().openTextFile({ title: t('training.packs.import'), extensions: ['json'] });
    if (f) await importText(f.text);
  };
  return (
    <div>
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>{t('training.packs.import')}</h2>
        <p className="small muted">{t('training.packs.importHint', { version: view.catalog.version })}</p>
        <button type="button" className="btn btn-primary" onClick={() => void pickFile()}>
          {t('training.packs.chooseFile')}
        </button>{' '}
        <label className="btn">
          {t('training.packs.orUpload')}
          <input
            type="file"
            accept=".json,application/json"
            className="sr-only"
            data-testid="pack-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) await importText(await file.text());
              e.target.value = '';
            }}
          />
        </label>
        {outcome && outcome.errors.length > 0 && (
          <>
            <p className="field-error">{t('training.packs.invalid', { count: outcome.errors.length })}</p>
            <IssueList issues={outcome.errors} testId="pack-errors" />
          </>
        )}
        {outcome?.imported && (
          <div className="alert alert-ok" role="status" data-testid="pack-imported">
            {outcome.imported}
          </div>
        )}
        {outcome && outcome.warnings.length > 0 && <IssueList issues={outcome.warnings} testId="pack-warnings" />}
      </div>
      <h2>{t('training.packs.list')}</h2>
      <table className="tr-drills" data-testid="packs">
        <tbody>
          {(packs ?? []).map((p) => (
            <tr key={p.packId}>
              <td>
                <strong>{p.title}</strong>
                <div className="small muted mono">{p.packId}</div>
              </td>
              <td className="small">{t(`training.packs.source.${p.source}`)} · {t('training.packs.count', { count: p.pack.scenarios.length })}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void getHost().saveTextFile({ suggestedName: `${p.packId}.json`, text: `${JSON.stringify(ScenarioPackSchema.parse(p.pack), null, 2)}\n`, mimeType: 'application/json' })}
                  data-testid="export-pack"
                >
                  {t('training.packs.export')}
                </button>{' '}
                {p.source !== 'bundled' && (
                  <button type="button" className="btn btn-small" onClick={() => window.confirm(t('training.packs.deleteConfirm')) && void deletePack(p.packId)}>
                    {t('training.packs.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- reports -----------------------------------------------------------------------------

type ReportRow = Pick<DrillResultRecord, 'id' | 'traineeId' | 'traineeName' | 'scenarioId' | 'scenarioTitle' | 'total' | 'criticalMistakes' | 'finishedAt'> & {
  mistakes: { kind: string; step: string; key?: string | undefined }[];
};

function ReportsTab() {
  const { t } = useTranslation();
  const { config } = useSession();
  const local = useResults();
  const [server, setServer] = useState<{ state: 'idle' | 'loading' | 'ok' | 'error'; rows: ReportRow[]; message?: string }>({ state: 'idle', rows: [] });
  const [trainee, setTrainee] = useState<string>('');
  const [drill, setDrill] = useState<string>('');
  const rows = useMemo(() => {
    const m = new Map<string, ReportRow>();
    for (const r of server.rows) m.set(r.id, r);
    for (const r of local ?? []) m.set(r.id, { ...r, mistakes: r.score.mistakes });
    return [...m.values()].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  }, [local, server.rows]);
  const trainees = useMemo(() => [...new Map(rows.map((r) => [r.traineeId, r.traineeName])).entries()], [rows]);
  const drills = useMemo(() => [...new Map(rows.map((r) => [r.scenarioId, r.scenarioTitle])).entries()], [rows]);
  const filtered = rows.filter((r) => (!trainee || r.traineeId === trainee) && (!drill || r.scenarioId === drill));
  const load = async () => {
    setServer({ state: 'loading', rows: server.rows });
    const r = await fetchCentreResults(config.centreCode);
    setServer(r.ok ? { state: 'ok', rows: r.results } : { state: 'error', rows: server.rows, message: r.reason === 'notConfigured' ? t('training.reports.notConfigured') : r.reason });
  };
  return (
    <div data-testid="reports">
      <div className="panel" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <FilterSelect label={t('training.reports.trainee')} value={trainee} onChange={setTrainee} options={personOptions(trainees)} allLabel={t('training.reports.all')} testId="report-trainee" />
        <FilterSelect label={t('training.reports.drill')} value={drill} onChange={setDrill} options={drills} allLabel={t('training.reports.all')} testId="report-drill" />
        <button type="button" className="btn" onClick={() => void load()} disabled={server.state === 'loading'} data-testid="load-centre">
          {t('training.reports.loadCentre')}
        </button>
        <span className="small muted" role="status">
          {server.state === 'ok' ? t('training.reports.loaded', { count: server.rows.length }) : server.state === 'error' ? server.message : t('training.reports.localOnly', { count: (local ?? []).length })}
        </span>
      </div>
      {filtered.length === 0 ? (
        <p className="muted">{t('training.reports.none')}</p>
      ) : (
        <ReportBody rows={filtered} trainee={trainee} />
      )}
    </div>
  );
}

function ReportBody({ rows, trainee }: { rows: ReportRow[]; trainee: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const catalog = useCatalog().catalog;
  const byTrainee = useMemo(() => {
    const m = new Map<string, ReportRow[]>();
    for (const r of rows) m.set(r.traineeId, [...(m.get(r.traineeId) ?? []), r]);
    return m;
  }, [rows]);
  const lineOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 36, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [...byTrainee.entries()].map(([id, rs], i) => ({
        name: `${rs[0]!.traineeName} (${id})`,
        type: 'line',
        showSymbol: true,
        data: rs.map((r) => [r.finishedAt, r.total]),
        ...(i === 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#1f7a4d' }, data: [{ yAxis: 85 }] } } : {}),
      })),
    }),
    [byTrainee],
  );
  const common = useMemo(() => commonMistakes(rows, 10), [rows]);
  const labelOf = (m: { kind: string; key: string | null }) => `${t(`training.mistakeKind.${m.kind}`)}${m.key ? ` · ${keyLabel(m.key, catalog)}` : ''}`;
  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: common.map(labelOf), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [{ type: 'bar', data: common.map((m) => m.count), itemStyle: { color: '#b45309' } }],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labelOf is new at every render and depends on the locale only
    [common, locale],
  );
  const perDrill = useMemo(() => {
    const m = new Map<string, { title: string; n: number; sum: number; critical: number }>();
    for (const r of rows) {
      const x = m.get(r.scenarioId) ?? { title: r.scenarioTitle, n: 0, sum: 0, critical: 0 };
      x.n++;
      x.sum += r.total;
      x.critical += r.criticalMistakes > 0 ? 1 : 0;
      m.set(r.scenarioId, x);
    }
    return [...m.entries()];
  }, [rows]);
  return (
    <>
      <div className="tr-grid2">
        <div>
          <h2>{t('training.reports.overTime')}</h2>
          <Chart className="tr-chart" option={lineOption} label={t('training.reports.overTime')} testId="chart-scores" />
        </div>
        <div>
          <h2>{t('training.reports.common')}</h2>
          <Chart className="tr-chart" option={barOption} label={t('training.reports.common')} testId="chart-mistakes" />
        </div>
      </div>
      <h2>{t('training.reports.readiness')}</h2>
      <table className="tr-drills" data-testid="readiness-table">
        <thead>
          <tr>
            <th>{t('training.reports.trainee')}</th>
            <th>{t('training.reports.drills')}</th>
            <th>{t('training.reports.average')}</th>
            <th>{t('training.reports.readiness')}</th>
          </tr>
        </thead>
        <tbody>
          {[...byTrainee.entries()].map(([id, rs]) => {
            const r = readiness(rs.map(toDrillResult));
            return (
              <tr key={id}>
                <td>
                  {rs[0]!.traineeName} <span className="small muted">{id}</span>
                </td>
                <td>{rs.length}</td>
                <td>{r.average ?? '—'}</td>
                <td>
                  <span className={r.ready ? 'tr-ready' : 'tr-notready'}>{r.ready ? t('training.readiness.ready') : t('training.readiness.notReady')}</span>
                  <div className="small muted">{r.reasons.map((x) => x[locale]).join(' ')}</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {trainee && byTrainee.has(trainee) && <ReadinessView r={readiness(byTrainee.get(trainee)!.map(toDrillResult))} />}
      <h2>{t('training.reports.perDrill')}</h2>
      <table className="tr-drills">
        <thead>
          <tr>
            <th>{t('training.reports.drill')}</th>
            <th>{t('training.reports.drills')}</th>
            <th>{t('training.reports.average')}</th>
            <th>{t('training.reports.criticalDrills')}</th>
          </tr>
        </thead>
        <tbody>
          {perDrill.map(([id, x]) => (
            <tr key={id}>
              <td>{x.title}</td>
              <td>{x.n}</td>
              <td>
                <ScoreText total={Math.round(x.sum / x.n)} />
              </td>
              <td>{x.critical}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('training.reports.all')}</h2>
      <ResultTable results={[...rows].reverse()} showTrainee />
    </>
  );
}

/** A mistake key as people read it: the material's or item's name where the catalog has it (a shared material: its most common name). */
function keyLabel(key: string, catalog: ReturnType<typeof useCatalog>['catalog']): string {
  const slash = key.indexOf('/');
  if (slash > 0) {
    const head = key.slice(0, slash);
    const id = key.slice(slash + 1);
    const names = new Map<string, number>();
    for (const item of catalog.items) {
      if (head !== 'shared' && item.basicCode !== head) continue;
      for (const m of item.materials) if (head === 'shared' ? m.sharedMaterialId === id : m.id === id) names.set(m.name, (names.get(m.name) ?? 0) + 1);
    }
    const best = [...names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) return best[0];
  }
  return catalog.items.find((i) => i.basicCode === key)?.name ?? key;
}

// ---- what changed ---------------------------------------------------------------------------

function ChangesTab() {
  const { t } = useTranslation();
  const versions = useLiveQuery(() => catalogVersionsNewestFirst(), []);
  const [made, setMade] = useState<{ packId: string; count: number } | null>(null);
  if (!versions) return <div className="loading">{t('app.loading')}</div>;
  if (versions.length < 2) return <p className="muted" data-testid="changes-none">{t('training.changes.needTwo')}</p>;
  const [newer, older] = [versions[0]!, versions[1]!];
  const { scenarios, skipped } = whatChangedDrillsWithSkipped(older.catalog, newer.catalog);
  const create = async () => {
    const pack = ScenarioPackSchema.parse({
      schemaVersion: 1,
      packId: `what-changed-${newer.version.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
      title: t('training.changes.packTitle', { from: older.version, to: newer.version }),
      scenarios,
    });
    await savePack(pack, 'whatChanged');
    setMade({ packId: pack.packId, count: scenarios.length });
  };
  return (
    <div data-testid="changes">
      <p>{t('training.changes.between', { from: older.version, to: newer.version })}</p>
      {scenarios.length === 0 ? (
        <p className="muted">{t('training.changes.noneChanged')}</p>
      ) : (
        <>
          <ul data-testid="changed-items">
            {scenarios.map((s) => (
              <li key={s.id}>
                {s.title} <span className="small muted">{s.expected.subject.kind === 'item' ? s.expected.subject.basicCode : ''}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary" onClick={() => void create()} data-testid="create-change-drills">
            {t('training.changes.create', { count: scenarios.length })}
          </button>
        </>
      )}
      {skipped.length > 0 && (
        <details className="small">
          <summary>{t('training.changes.skipped', { count: skipped.length })}</summary>
          <ul>
            {skipped.map((s, i) => (
              <li key={i}>{JSON.stringify(s)}</li>
            ))}
          </ul>
        </details>
      )}
      {made && (
        <div className="alert alert-ok" role="status">
          {t('training.changes.created', { count: made.count })} <a href="#/training/trainer/drills">{t('training.changes.assign')}</a>
        </div>
      )}
    </div>
  );
}
