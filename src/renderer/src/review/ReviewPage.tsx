/** #/review (supervisor): the week's sample (core sampling) and the review of one case (#/review/<caseId>). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { handlingFlagExplanation, sampleForReview, SAMPLING_REASON_LABELS, type SampledCase } from '@core/quality/sampling';
import { fnv1a32, isoWeekOf } from '@core/quality/stats';
import type { MetricCase } from '@core/quality/metrics';
import { scoreReview, type Review } from '@core/quality/rubric';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { hrefFor } from '../ui/router';
import { chinaToday } from '../cases/cases-store';
import { useQualityData } from '../dashboards/useQualityData';
import type { QualityData } from '../dashboards/quality-data';
import { allReviews, loadSamplingSetting, samplingSettings, saveSamplingSetting, type SamplingSetting } from './review-store';
import { ReviewCase } from './ReviewCase';
import { minutesOf } from './minutes';
import './review.css';

export function ReviewPage({ caseId }: { caseId?: string | undefined }) {
  const { data, error } = useQualityData();
  const { t } = useTranslation();
  if (error) return <p className="field-error">{error}</p>;
  if (!data) return <div className="loading">{t('app.loading')}</div>;
  if (caseId) return <ReviewCase caseId={caseId} data={data} />;
  return <SampleList data={data} />;
}


function SampleList({ data }: { data: QualityData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { config } = useSession();
  const [setting, setSetting] = useState<SamplingSetting | null>(null);
  useEffect(() => {
    void loadSamplingSetting().then(setSetting);
  }, []);
  const weeks = useMemo(() => {
    const set = new Set<string>([isoWeekOf(chinaToday())]);
    for (const c of data.cases) set.add(isoWeekOf(c.date));
    return [...set].sort().reverse();
  }, [data]);
  const [week, setWeek] = useState(weeks[0]!);
  const reviews = useLiveQuery(allReviews, []);
  const reviewed = useMemo(() => new Map((reviews ?? []).map((r) => [r.caseId, r])), [reviews]);
  const byId = useMemo(() => new Map(data.cases.map((c) => [c.id, c])), [data]);
  const result = useMemo(() => {
    if (!setting) return null;
    const weekCases = data.cases.filter((c) => isoWeekOf(c.date) === week);
    // the same sample on every opening: the seed is this workstation's
    return sampleForReview(weekCases, samplingSettings(setting), { seed: fnv1a32(config.workstationId) }, { reference: data.cases });
  }, [data, week, setting, config.workstationId]);

  return (
    <section className="review-page" data-testid="review-page">
      <h1 tabIndex={-1}>{t('review.title')}</h1>
      <p className="muted small">{t('review.intro')}</p>
      <div className="review-toolbar">
        <label>
          {t('review.week')}{' '}
          <select value={week} onChange={(e) => setWeek(e.target.value)} data-testid="review-week">
            {weeks.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        {setting && <SamplingForm value={setting} onSaved={setSetting} />}
      </div>
      {result && result.groups.length === 0 && <p className="muted">{t('review.noCases')}</p>}
      {result && result.groups.length > 0 && (
        <>
          <h2>{t('review.groups')}</h2>
          <table className="table review-groups" data-testid="review-groups">
            <thead>
              <tr>
                <th>{t('review.clerk')}</th>
                <th className="num">{t('review.cases')}</th>
                <th className="num">{t('review.quota')}</th>
                <th className="num">{t('review.sampled')}</th>
                <th className="num">{t('review.reviewed')}</th>
              </tr>
            </thead>
            <tbody>
              {result.groups.map((g) => (
                <tr key={g.clerkId}>
                  <td>
                    {data.clerkNames.get(g.clerkId) ?? ''} <span className="muted mono small">{g.clerkId}</span>
                  </td>
                  <td className="num">{g.cases}</td>
                  <td className="num">{g.randomQuota}</td>
                  <td className="num">{g.sampled}</td>
                  <td className="num">{result.sampled.filter((s) => s.clerkId === g.clerkId && reviewed.has(s.caseId)).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('review.sampleTitle')}</h2>
          {result.sampled.length === 0 ? (
            <p className="muted">{t('review.noSample')}</p>
          ) : (
            <table className="table" data-testid="review-sample">
              <thead>
                <tr>
                  <th>{t('review.caseNumber')}</th>
                  <th>{t('review.clerk')}</th>
                  <th>{t('review.item')}</th>
                  <th>{t('review.decision')}</th>
                  <th className="num">{t('review.handling')}</th>
                  <th title={t('review.handlingRule')}>{t('review.reasons')}</th>
                  <th>{t('review.status')}</th>
                </tr>
              </thead>
              <tbody>
                {result.sampled.map((s) => (
                  <SampleRow key={s.caseId} s={s} c={byId.get(s.caseId)} data={data} score={reviewed.get(s.caseId)?.review} locale={locale} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function SampleRow({ s, c, data, score, locale }: { s: SampledCase; c: MetricCase | undefined; data: QualityData; score: Review | undefined; locale: 'zh-CN' | 'en-US' }) {
  const { t } = useTranslation();
  const total = score ? scoreTotal(score) : null;
  return (
    <tr data-testid="review-sample-row" data-case-id={s.caseId}>
      <td className="mono small">{c?.caseNumber ?? ''}</td>
      <td>{data.clerkNames.get(s.clerkId) ?? s.clerkId}</td>
      <td data-testid="review-subject">{subjectOf(s.caseId, c, data)}</td>
      <td>{c ? t(`review.decisionKind.${c.decision}`) : ''}</td>
      <td className="num">{t('review.minutes', { n: minutesOf(s.handlingSeconds) })}</td>
      <td>
        {s.reasons.map((r) => (
          <span
            key={r}
            className={r === 'random' ? 'tag' : 'tag tag-warn'}
            data-reason={r}
            title={(r === 'shortHandling' || r === 'longHandling') && s.bounds && s.handlingSeconds !== null ? handlingFlagExplanation(r, s.handlingSeconds, s.bounds)[locale] : undefined}
          >
            {SAMPLING_REASON_LABELS[r][locale]}
          </span>
        ))}
      </td>
      <td>
        <a href={hrefFor({ name: 'review', caseId: s.caseId })} className="btn btn-small" data-testid="review-open">
          {score ? t('review.score', { score: total ?? '—' }) : t('review.open')}
        </a>
        {!score && <span className="muted small"> {t('review.notReviewed')}</span>}
      </td>
    </tr>
  );
}

/** The name of what was applied for: the bundle's for a 一件事 case, never a list of codes. */
function subjectOf(caseId: string, c: MetricCase | undefined, data: QualityData): string {
  const recorded = data.subjectNames.get(caseId);
  if (recorded) return recorded;
  if (!c) return '';
  const names = c.itemCodes.map((code) => data.itemNames.get(code)).filter((n): n is string => !!n);
  return names.join('、');
}

function scoreTotal(r: Review): number | null {
  return scoreReview(r.scores).total;
}

function SamplingForm({ value, onSaved }: { value: SamplingSetting; onSaved: (s: SamplingSetting) => void }) {
  const { t } = useTranslation();
  const [share, setShare] = useState(String(Math.round(value.share * 1000) / 10));
  const [min, setMin] = useState(String(value.minPerClerk));
  const [errors, setErrors] = useState<{ share?: string; min?: string }>({});
  const [saved, setSaved] = useState(false);
  const save = async () => {
    const sh = Number(share);
    const mn = Number(min);
    const e: { share?: string; min?: string } = {};
    if (share.trim() === '' || !Number.isFinite(sh) || sh < 0 || sh > 100) e.share = t('review.shareFormat');
    if (min.trim() === '' || !Number.isInteger(mn) || mn < 0 || mn > 100) e.min = t('review.minFormat');
    setErrors(e);
    if (e.share || e.min) return;
    const s = { share: sh / 100, minPerClerk: mn };
    await saveSamplingSetting(s);
    onSaved(s);
    setSaved(true);
  };
  return (
    <fieldset className="review-settings" aria-label={t('review.settings')}>
      <legend>{t('review.settings')}</legend>
      <div className={errors.share ? 'field has-error' : 'field'}>
        <label htmlFor="sampling-share">{t('review.share')}</label>
        <input id="sampling-share" type="number" min={0} max={100} step={1} value={share} onChange={(e) => { setShare(e.target.value); setSaved(false); }} aria-invalid={errors.share ? true : undefined} data-testid="sampling-share" />
        {errors.share && <div className="field-error" role="alert">{errors.share}</div>}
      </div>
      <div className={errors.min ? 'field has-error' : 'field'}>
        <label htmlFor="sampling-min">{t('review.minPerClerk')}</label>
        <input id="sampling-min" type="number" min={0} max={100} step={1} value={min} onChange={(e) => { setMin(e.target.value); setSaved(false); }} aria-invalid={errors.min ? true : undefined} data-testid="sampling-min" />
        {errors.min && <div className="field-error" role="alert">{errors.min}</div>}
      </div>
      <button type="button" className="btn" onClick={() => void save()} data-testid="sampling-save">
        {t('review.saveSettings')}
      </button>
      {saved && <span className="muted small" role="status">{t('review.settingsSaved')}</span>}
    </fieldset>
  );
}
