/**
 * #/rate/:caseId/:trigger — the applicant-facing 好差评 screen: a full-screen overlay (Electron
 * denies new windows) the clerk turns to the applicant. Five large level buttons, none
 * pre-selected; the tags of the chosen level; a comment; a clear "不评价"; no timer. The clerk
 * never chooses (ratingPromptPolicy / mayAcceptRatingInput). It ends with a big "交还窗口".
 */
import { useState } from 'react';
import { useLiveQuery } from '../store/live-query';
import { canRate, MAX_COMMENT_CHARS, mayAcceptRatingInput, RATING_LEVEL_LABELS, RATING_LEVELS, RATING_SCHEMA_VERSION, ratingPromptPolicy, type RatingLevel, tagsFor, validateRating } from '@core/lifecycle/rating';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { requestSync } from '../sync/runtime';
import { loadSyncedCalendar } from '../sync/sync-store';
import { caseNumberOf, chinaIso, ratingsOfCase, saveRating } from './handout-store';
import { tx } from './texts';
import './rating.css';

const MODE = 'applicantFacing' as const;

export function RatingView({ caseId, trigger }: { caseId: string; trigger: 'afterAcceptance' | 'afterHandout' }) {
  const locale = useLocale();
  const { config, session } = useSession();
  const policy = ratingPromptPolicy();
  const info = useLiveQuery(async () => ({ caseNumber: await caseNumberOf(caseId), ratings: await ratingsOfCase(caseId) }), [caseId]);
  const [level, setLevel] = useState<RatingLevel | null>(policy.preselectedLevel);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<'rated' | 'declined' | null>(null);
  const [id] = useState(() => crypto.randomUUID());

  const giveBack = () => {
    if (window.history.length > 1) window.history.back();
    else window.location.hash = '#/handouts';
  };

  let body: React.ReactNode;
  if (!info) body = null;
  else if (!info.caseNumber) body = <p className="rating-message">{tx('notFound', locale)}</p>;
  else if (done) body = <p className="rating-message" data-testid="rating-done">{tx(done === 'rated' ? 'thanks' : 'declined', locale)}</p>;
  else if (!canRate(info.ratings, info.caseNumber, trigger)) body = <p className="rating-message">{tx('alreadyRated', locale)}</p>;
  else if (!mayAcceptRatingInput(MODE)) body = null;
  else {
    const caseNumber = info.caseNumber;
    const submit = async () => {
      if (!level) return;
      const v = validateRating({
        schemaVersion: RATING_SCHEMA_VERSION,
        id,
        caseNumber,
        caseId,
        trigger,
        at: chinaIso(),
        channel: 'onSite',
        enteredVia: MODE,
        level,
        tags,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        clerkId: session.clerkId,
        windowNo: session.windowNo,
        centreCode: config.centreCode,
      });
      if (!v.ok) {
        setErrors(v.errors.map((e) => e.message[locale]));
        return;
      }
      await saveRating(v.rating, caseId, Date.now(), await loadSyncedCalendar());
      void requestSync();
      setDone('rated');
    };
    body = (
      <>
        <p className="rating-prompt">{policy.prompt[locale]}</p>
        <div className="rating-levels" role="group" aria-label={tx('level', locale)}>
          {RATING_LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              className={level === l ? 'rating-level chosen' : 'rating-level'}
              aria-pressed={level === l}
              data-testid={`level-${l}`}
              onClick={() => {
                setLevel(l);
                setTags([]);
                setErrors([]);
              }}
            >
              {RATING_LEVEL_LABELS[l][locale]}
            </button>
          ))}
        </div>
        {level && (
          <>
            <p className="rating-sub">{tx('chooseTags', locale)}</p>
            <div className="rating-tags">
              {tagsFor(level).map((t) => (
                <button
                  key={t.id}
                  type="button"
                  className={tags.includes(t.id) ? `rating-tag ${t.tone} chosen` : `rating-tag ${t.tone}`}
                  aria-pressed={tags.includes(t.id)}
                  data-testid={`tag-${t.id}`}
                  onClick={() => setTags((prev) => (prev.includes(t.id) ? prev.filter((x) => x !== t.id) : [...prev, t.id]))}
                >
                  {t.label[locale]}
                </button>
              ))}
            </div>
            <label className="rating-sub" htmlFor="rating-comment">
              {tx('comment', locale)}
            </label>
            <textarea id="rating-comment" className="rating-comment" maxLength={MAX_COMMENT_CHARS} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rating-comment" />
          </>
        )}
        {errors.length > 0 && (
          <div className="alert alert-error" role="alert">
            {errors.map((e) => (
              <div key={e}>{e}</div>
            ))}
          </div>
        )}
        <div className="rating-actions">
          <button type="button" className="rating-submit" disabled={!level} onClick={() => void submit()} data-testid="rating-submit">
            {tx('submit', locale)}
          </button>
          <button type="button" className="rating-decline" onClick={() => setDone('declined')} data-testid="rating-decline">
            {policy.declineLabel[locale]}
          </button>
        </div>
      </>
    );
  }
  return (
    <div className="rating-overlay" role="dialog" aria-modal="true" aria-labelledby="rating-title" data-testid="rating-view">
      <h1 id="rating-title" tabIndex={-1}>
        {tx('rateTitle', locale)}
      </h1>
      {info?.caseNumber && <p className="rating-case">{tx('rateCase', locale, { n: info.caseNumber })}</p>}
      {body}
      {(done || !info?.caseNumber || (info && info.caseNumber && !canRate(info.ratings, info.caseNumber, trigger))) && (
        <button type="button" className="rating-giveback" onClick={giveBack} data-testid="rating-giveback">
          {tx('giveBack', locale)}
        </button>
      )}
    </div>
  );
}
