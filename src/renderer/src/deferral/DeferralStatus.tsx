/** On a 容缺 case's page: each deferred material's state (supplied / outstanding / overdue), with a link to #/deferrals. */
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { supplementStatus } from '@core/lifecycle/deferral';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import { loadSupplementedRecord } from './deferral-store';
import { todayInChina } from '../intake/useIntakeModel';
import './deferral.css';

export function DeferralStatus({ record }: { record: DeferralRecord }) {
  const { t } = useTranslation();
  const stored = useLiveQuery(async () => (await loadSupplementedRecord(record.caseId)) ?? null, [record.caseId]);
  if (stored === undefined) return null;
  const s = supplementStatus(stored ?? record, (stored ?? record).supplements, todayInChina());
  return (
    <div className="panel deferral-status no-print" data-testid="deferral-status" data-overall={s.overall}>
      <strong>{t('deferral.page.deadline')}：{s.deadline}</strong>
      {record.deadline.provisional && <span className="muted small"> {t('deferral.provisional')}</span>}{' '}
      <ul className="plain">
        {s.materials.map((m) => (
          <li key={m.key}>
            {m.name} — {t(`deferral.page.state.${m.state}`)}
            {m.suppliedOn ? `（${m.suppliedOn}）` : ''}
          </li>
        ))}
      </ul>
      <a href="#/deferrals">{t('deferral.nav')}</a>
    </div>
  );
}
