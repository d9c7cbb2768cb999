/** "请申请人评价": opens the applicant-facing rating screen (一次一评: hidden once rated). */
import { useLiveQuery } from '../store/live-query';
import { canRate } from '@core/lifecycle/rating';
import { hrefFor } from '../ui/router';
import { useLocale } from '../i18n/useLocale';
import { ratingsOfCase } from './handout-store';
import { tx } from './texts';

export function RateButton({ caseId, caseNumber, trigger }: { caseId: string; caseNumber: string; trigger: 'afterAcceptance' | 'afterHandout' }) {
  const locale = useLocale();
  const ratings = useLiveQuery(() => ratingsOfCase(caseId), [caseId]);
  if (!ratings) return null;
  if (!canRate(ratings, caseNumber, trigger))
    return <span className="badge" data-testid={`rated-${trigger}`}>{tx('rated', locale)}</span>;
  return (
    <a className="btn" href={hrefFor({ name: 'rate', caseId, trigger })} data-testid={`ask-rating-${trigger}`}>
      {tx('askRating', locale)}
    </a>
  );
}
