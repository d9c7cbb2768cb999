/** The review of one sampled case: the rubric (core/quality/rubric.ts) → score and comments. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { CRITERIA, CRITERION_LABELS, Review, SCORE_LEVEL_LABELS, ScoreLevel, scoreReview, type Criterion, type Scores } from '@core/quality/rubric';
import { SAMPLING_REASON_LABELS } from '@core/quality/sampling';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { hrefFor } from '../ui/router';
import type { QualityData } from '../dashboards/quality-data';
import { liveDb } from '../dashboards/quality-data';
import { reviewOfCase, saveReview, weekOfCase } from './review-store';
import { minutesOf } from './minutes';
import { formatTime } from '../sync/format';

type Comments = Partial<Record<Criterion | 'overall', string>>;

export function ReviewCase({ caseId, data }: { caseId: string; data: QualityData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const mc = data.cases.find((c) => c.id === caseId);
  const record = useLiveQuery(() => liveDb().cases.get(caseId), [caseId]);
  const existing = useLiveQuery(() => reviewOfCase(caseId), [caseId]);
  // Nothing is pre-set: a review is a reading of the case, so every criterion is chosen by hand.
  const [scores, setScores] = useState<Partial<Scores>>({});
  const [comments, setComments] = useState<Comments>({});
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  useEffect(() => {
    if (existing && loadedFrom !== existing.reviewedAt) {
      setScores(existing.review.scores);
      setComments(existing.review.comments);
      setLoadedFrom(existing.reviewedAt);
    }
  }, [existing, loadedFrom]);
  const unanswered = CRITERIA.filter((cr) => scores[cr] === undefined);
  const score = useMemo(() => (CRITERIA.every((cr) => scores[cr] !== undefined) ? scoreReview(scores as Scores) : null), [scores]);
  const answered = !!existing?.review.clerkReply;

  if (record === undefined && !mc) return <div className="loading">{t('app.loading')}</div>;
  if (!record || !mc) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('review.notFound')}</h1>
        <a href={hrefFor({ name: 'review' })}>{t('review.back')}</a>
      </section>
    );
  }
  const c = record.case;

  const save = async () => {
    if (unanswered.length > 0) {
      const e: Record<string, string> = {};
      for (const cr of unanswered) e[`level-${cr}`] = t('review.levelRequired');
      e.scores = t('review.unanswered', { n: unanswered.length, list: unanswered.map((cr) => CRITERION_LABELS[cr][locale]).join('、') });
      setErrors(e);
      setSaved(false);
      // to the first criterion still to answer, so the keyboard user lands where the work is
      document.querySelector<HTMLInputElement>(`[name="rubric-${unanswered[0]}"]`)?.focus();
      return;
    }
    const input = {
      caseId,
      reviewerId: session.clerkId,
      at: new Date().toISOString(),
      scores,
      comments: Object.fromEntries(Object.entries(comments).filter(([, v]) => v && v.trim() !== '')),
    };
    const parsed = Review.safeParse(input);
    if (!parsed.success) {
      const e: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'comments') e[String(issue.path[1])] = t('review.commentRequired');
        else if (issue.path[0] === 'scores') e.scores = t('review.atLeastOne');
      }
      setErrors(e);
      setSaved(false);
      return;
    }
    setErrors({});
    await saveReview(parsed.data, mc.clerkId, weekOfCase(c.createdAt));
    setSaved(true);
  };

  return (
    <section className="review-case" data-testid="review-case">
      <p>
        <a href={hrefFor({ name: 'review' })}>← {t('review.back')}</a>
      </p>
      <h1 tabIndex={-1}>{t('review.caseTitle', { caseNumber: mc.caseNumber ?? '' })}</h1>
      <dl className="review-facts">
        <dt>{t('review.clerk')}</dt>
        <dd>
          {c.clerk.name} <span className="muted mono small">{c.clerk.clerkId}</span> · {c.clerk.windowNo}
        </dd>
        <dt>{t('review.item')}</dt>
        <dd>{record.subjectName}</dd>
        <dt>{t('review.decision')}</dt>
        <dd>{t(`review.decisionKind.${mc.decision}`)}{mc.deferred && <span className="tag tag-warn">{SAMPLING_REASON_LABELS.deferred[locale]}</span>}</dd>
        <dt>{t('review.createdAt')}</dt>
        <dd data-testid="review-created-at">{formatTime(Date.parse(c.createdAt), locale)}</dd>
        <dt>{t('review.decidedAt')}</dt>
        <dd data-testid="review-decided-at">{formatTime(Date.parse(mc.decidedAt), locale)}</dd>
        <dt>{t('review.handling')}</dt>
        <dd>{t('review.minutes', { n: minutesOf(mc.handlingSeconds) })}</dd>
      </dl>
      <p>
        <a href={hrefFor({ name: 'case', id: caseId })} data-testid="review-open-case">
          {t('review.openCase')}
        </a>
      </p>
      {answered && <p className="alert">{t('review.answered')}</p>}
      <table className="table rubric" data-testid="rubric">
        <thead>
          <tr>
            <th>{t('review.criterion')}</th>
            <th>{t('review.level')}</th>
            <th>{t('review.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {CRITERIA.map((cr) => (
            <tr key={cr} data-criterion={cr}>
              <th scope="row">{CRITERION_LABELS[cr][locale]}</th>
              <td className={errors[`level-${cr}`] ? 'has-error' : undefined}>
                <div role="radiogroup" aria-label={CRITERION_LABELS[cr][locale]} aria-invalid={errors[`level-${cr}`] ? true : undefined} className="rubric-levels">
                  {ScoreLevel.options.map((lv) => (
                    <label key={lv} className="rubric-level">
                      <input
                        type="radio"
                        name={`rubric-${cr}`}
                        value={lv}
                        checked={scores[cr] === lv}
                        disabled={answered}
                        onChange={() => {
                          setScores((s) => ({ ...s, [cr]: lv }));
                          // answered: its error and the summary go; comment errors stay until saved again
                          setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `level-${cr}` && k !== 'scores')));
                          setSaved(false);
                        }}
                        data-testid={`rubric-${cr}-${lv}`}
                      />
                      {SCORE_LEVEL_LABELS[lv][locale]}
                    </label>
                  ))}
                </div>
                {errors[`level-${cr}`] && (
                  <div className="field-error" role="alert" data-testid={`rubric-level-error-${cr}`}>
                    {errors[`level-${cr}`]}
                  </div>
                )}
              </td>
              <td className={errors[cr] ? 'has-error' : undefined}>
                <textarea
                  aria-label={`${CRITERION_LABELS[cr][locale]} ${t('review.comment')}`}
                  value={comments[cr] ?? ''}
                  disabled={answered}
                  rows={1}
                  onChange={(e) => {
                    setComments((x) => ({ ...x, [cr]: e.target.value }));
                    setSaved(false);
                  }}
                  data-testid={`rubric-comment-${cr}`}
                />
                {errors[cr] && (
                  <div className="field-error" role="alert">
                    {errors[cr]}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.scores && <p className="field-error" role="alert">{errors.scores}</p>}
      <div className="field">
        <label htmlFor="review-overall">{t('review.overall')}</label>
        <textarea id="review-overall" rows={3} value={comments.overall ?? ''} disabled={answered} onChange={(e) => setComments((x) => ({ ...x, overall: e.target.value }))} data-testid="rubric-overall" />
      </div>
      <p className="review-total">
        {t('review.total')}: <strong data-testid="review-total">{score ? (score.total ?? t('review.totalNone')) : t('review.totalPending')}</strong>
        {score && score.criticalFailures.length > 0 && (
          <span className="tag tag-warn" data-testid="review-critical">
            {t('review.critical', { list: score.criticalFailures.map((x) => CRITERION_LABELS[x][locale]).join('、') })}
          </span>
        )}
      </p>
      {!answered && (
        <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="review-save">
          {t('review.save')}
        </button>
      )}
      {saved && (
        <p className="notice-ok" role="status" data-testid="review-saved">
          {t('review.saved')}
        </p>
      )}
      {existing?.review.clerkReply && (
        <div className="card review-reply" data-testid="review-clerk-reply">
          <h2>{t('review.clerkReply')}</h2>
          <p>{existing.review.clerkReply.text}</p>
          <p className="muted small">{formatTime(Date.parse(existing.review.clerkReply.at), locale)}</p>
        </div>
      )}
    </section>
  );
}
