/**
 * After sign-in or a restart: the unfinished intakes this clerk left — drafts last changed before
 * the app started — each with its item, the applicant (masked), when it last changed, and 继续
 * to reopen it where it stopped. 稍后 puts the prompt away until the next start or sign-in; the
 * drafts stay under 未完成受理 in the cases list. A draft started or touched since the start is
 * work in hand, not something to remind the clerk of.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { chinaDateTimeOf } from '@core/intake/time';
import { maskForRole } from '@core/quality/masking';
import { useSession } from '../session/SessionGate';
import { hrefFor, useRoute } from '../ui/router';
import { chinaToday, listOpenDrafts, type CaseRow } from './cases-store';
import './cases.css';

/** When this page (the app) started: drafts changed before it were left behind. */
const STARTED_AT = Date.now();
/** The sign-in (clerkId@time) whose prompt was put away, until the app starts again. */
let putAwayFor: string | null = null;

export function DraftsPrompt() {
  const { t } = useTranslation();
  const { session } = useSession();
  const route = useRoute();
  const signIn = `${session.clerkId}@${session.signedInAt}`;
  const [later, setLater] = useState(() => putAwayFor === signIn);
  const drafts = useLiveQuery(() => listOpenDrafts(session.clerkId), [session.clerkId]);
  const open = route.name === 'intake' ? route.id : null; // the draft on screen is not left behind
  const shown = (drafts ?? []).filter((d) => d.id !== open && Date.parse(d.updatedAt) < STARTED_AT);
  if (later || shown.length === 0) return null;
  const day = chinaToday();
  const putAway = () => {
    putAwayFor = signIn;
    setLater(true);
  };
  return (
    <section className="drafts-prompt" role="region" aria-label={t('drafts.title')} data-testid="drafts-prompt">
      <div className="drafts-prompt-head">
        <strong>{t('drafts.title')}</strong>
        <span className="muted">{t('drafts.intro', { count: shown.length })}</span>
        <button type="button" className="btn btn-quiet" onClick={putAway} data-testid="drafts-later">
          {t('drafts.later')}
        </button>
      </div>
      <ul className="plain drafts-list">
        {shown.map((d) => (
          <DraftLine key={d.id} d={d} day={day} role={session.role} onOpen={putAway} />
        ))}
      </ul>
    </section>
  );
}

function DraftLine({ d, day, role, onOpen }: { d: CaseRow; day: string; role: Parameters<typeof maskForRole>[2]; onOpen: () => void }) {
  const { t } = useTranslation();
  const when = chinaDateTimeOf(d.updatedAt);
  const applicant = d.applicantName
    ? d.applicantKind === 'organisation'
      ? d.applicantName
      : maskForRole(d.applicantName, 'name', role)
    : t('cases.noApplicant');
  const id = d.applicantIdNumber ? maskForRole(d.applicantIdNumber, d.applicantKind === 'organisation' ? 'uscc' : 'idNumber', role) : '';
  return (
    <li className="drafts-line" data-testid="draft-line" data-case-id={d.id}>
      <span className="drafts-subject">{d.subjectName}</span>
      <span data-testid="draft-applicant">{applicant}</span>
      <span className="mono muted">{id}</span>
      <time className="muted" dateTime={d.updatedAt}>
        {t('drafts.changedAt', { when: when.date === day ? when.time : `${when.date} ${when.time}` })}
      </time>
      <a className="btn btn-small btn-primary" href={hrefFor({ name: 'intake', id: d.id })} onClick={onOpen} data-testid="draft-resume">
        {t('drafts.resume')}
      </a>
    </li>
  );
}
