/** #/feedback: the signed-in clerk's review feedback (质检反馈), each answerable once; also shown on the case page. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { CRITERIA, CRITERION_LABELS, SCORE_LEVEL_LABELS, scoreReview } from '@core/quality/rubric';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { hrefFor } from '../ui/router';
import { liveDb } from '../dashboards/quality-data';
import { formatTime } from '../sync/format';
import { replyToReview, reviewOfCase, reviewsOfClerk, type ReviewRecord } from './review-store';
import './review.css';

export function FeedbackPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const reviews = useLiveQuery(() => reviewsOfClerk(session.clerkId), [session.clerkId]);
  return (
    <section className="feedback-page" data-testid="feedback-page">
      <h1 tabIndex={-1}>{t('review.feedbackTitle')}</h1>
      <p className="muted small">{t('review.feedbackIntro')}</p>
      {reviews === undefined && <div className="loading">{t('app.loading')}</div>}
      {reviews && reviews.length === 0 && <p className="muted">{t('review.noFeedback')}</p>}
      {reviews?.map((r) => <ReviewFeedback key={r.caseId} rec={r} showCaseLink />)}
    </section>
  );
}

/** The review of one case for the case page: shown to the case's clerk and to supervisors. */
export function CaseReviewFeedback({ caseId }: { caseId: string }) {
  const { session } = useSession();
  const rec = useLiveQuery(() => reviewOfCase(caseId), [caseId]);
  if (!rec) return null;
  if (rec.clerkId !== session.clerkId && session.role !== 'supervisor') return null;
  return <ReviewFeedback rec={rec} />;
}

function ReviewFeedback({ rec, showCaseLink = false }: { rec: ReviewRecord; showCaseLink?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const caseNumber = useLiveQuery(async () => (await liveDb().cases.get(rec.caseId))?.caseNumber ?? '', [rec.caseId]);
  const r = rec.review;
  const total = scoreReview(r.scores).total;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = rec.clerkId === session.clerkId;
  const send = async () => {
    if (text.trim() === '') {
      setError(t('review.replyRequired'));
      return;
    }
    setError(null);
    await replyToReview(rec.caseId, session.clerkId, text.trim(), new Date().toISOString());
    setText('');
  };
  return (
    <article className="card feedback-card" data-testid="feedback-card" data-case-id={rec.caseId}>
      <header className="feedback-head">
        <h2>
          {t('review.caseFeedback')}{' '}
          {showCaseLink ? (
            <a href={hrefFor({ name: 'case', id: rec.caseId })} className="mono">
              {caseNumber}
            </a>
          ) : (
            <span className="mono">{caseNumber}</span>
          )}
        </h2>
        <span className="tag tag-item" data-testid="feedback-score">
          {t('review.score', { score: total ?? '—' })}
        </span>
        <span className="muted small">{t('review.reviewedBy', { id: r.reviewerId, at: formatTime(Date.parse(r.at), locale) })}</span>
      </header>
      <ul className="feedback-criteria">
        {CRITERIA.map((c) => (
          <li key={c} data-criterion={c} data-level={r.scores[c]}>
            <span className="feedback-criterion">{CRITERION_LABELS[c][locale]}</span>
            <span className={r.scores[c] === 'pass' || r.scores[c] === 'na' ? 'tag' : 'tag tag-warn'}>{SCORE_LEVEL_LABELS[r.scores[c]][locale]}</span>
            {r.comments[c] && <span className="feedback-comment">{r.comments[c]}</span>}
          </li>
        ))}
      </ul>
      {r.comments.overall && (
        <p className="feedback-overall" data-testid="feedback-overall">
          {r.comments.overall}
        </p>
      )}
      {r.clerkReply ? (
        <div className="feedback-reply" data-testid="feedback-reply">
          <strong>{t('review.replied')}：</strong>
          {r.clerkReply.text}
        </div>
      ) : (
        mine && (
          <div className={error ? 'field has-error feedback-reply-form' : 'field feedback-reply-form'}>
            <label htmlFor={`reply-${rec.caseId}`}>{t('review.reply')}</label>
            <textarea id={`reply-${rec.caseId}`} rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} data-testid="feedback-reply-text" />
            {error && (
              <div className="field-error" role="alert">
                {error}
              </div>
            )}
            <button type="button" className="btn" onClick={() => void send()} data-testid="feedback-reply-send">
              {t('review.sendReply')}
            </button>
          </div>
        )
      )}
    </article>
  );
}
