/**
 * 再次受理 on a notice case (一次性告知书): the applicant is back with what the notice asked for.
 * Opens the follow-up intake — the one already started, or a new one carrying the case over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import type { IntakeCase } from '@core/intake/case';
import { canFollowUp } from '@core/intake/followUp';
import { useSession } from '../session/SessionGate';
import { hrefFor, navigate } from '../ui/router';
import { findFollowUp } from '../cases/cases-store';
import { startFollowUp } from './intake-store';

export function FollowUpButton({ c, small = false }: { c: IntakeCase; small?: boolean }) {
  const { t } = useTranslation();
  const { clerk } = useSession();
  const [failed, setFailed] = useState(false);
  // a row of the cases list does not look it up (50 lookups a page); the click finds it anyway
  const existing = useLiveQuery(() => (canFollowUp(c) && !small ? findFollowUp(c) : Promise.resolve(null)), [c.id, small]);
  if (!canFollowUp(c) || existing === undefined) return null;
  // already taken in again: the decided follow-up is named by its number
  if (existing && existing.status !== 'draft')
    return (
      <a className={small ? 'small' : 'btn'} href={hrefFor({ name: 'case', id: existing.id })} data-testid="follow-up-done">
        {t('followUp.done', { caseNumber: existing.caseNumber })}
      </a>
    );
  return (
    <>
      <button
        type="button"
        className={small ? 'btn btn-small' : 'btn btn-primary'}
        data-testid="follow-up-start"
        title={t('followUp.hint')}
        onClick={async () => {
          setFailed(false);
          try {
            navigate(await startFollowUp(c.id, clerk));
          } catch {
            setFailed(true);
          }
        }}
      >
        {existing ? t('followUp.resume') : t('followUp.start')}
      </button>
      {failed && <span className="err small" role="alert">{t('followUp.failed')}</span>}
    </>
  );
}
