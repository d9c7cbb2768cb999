/**
 * What became of a case after the window: whether it reached the department-queue service,
 * its status at each department, and every status event in order (补正 comments included).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { caseTimeline } from '@core/sync/timeline';
import { correctionPointLabel } from '@core/lifecycle/caseFields';
import { NOT_SCHEDULED } from '@core/sync/outbox';
import { useCatalog } from '../catalog/CatalogContext';
import { departmentName } from '../catalog/department-name';
import { useLocale } from '../i18n/useLocale';
import { formatTime } from './format';
import { requestSync } from './runtime';
import { retryEntryNow, useCaseTimeline } from './sync-store';
import './sync.css';

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { departments } = useCatalog();
  const data = useCaseTimeline(caseId);
  const timeline = useMemo(() => (data ? caseTimeline(data.events) : null), [data]);
  if (!data || !timeline) return null;
  const { entry } = data;
  const deptName = (code: string | null) => (code === null ? t('sync.timeline.server') : departmentName(departments, code, locale));
  const current = Object.values(timeline.currentDepartmentStatus);

  return (
    <section className="case-timeline no-print" data-testid="case-timeline" data-overall={timeline.overall} aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('sync.timeline.title')}</h2>
      <div className="case-sync-state" data-testid="case-sync-state" data-state={entry?.state ?? 'none'}>
        {entry ? (
          <>
            <span className={`tag sync-state-${entry.state}`}>{t(`sync.states.${entry.state}`)}</span>{' '}
            <span className="small muted">
              {entry.state === 'acknowledged' && entry.acknowledgedAt !== null && t('sync.timeline.acknowledgedAt', { time: formatTime(entry.acknowledgedAt, locale) })}
              {entry.state === 'retry' && entry.nextAttemptAt < NOT_SCHEDULED && t('sync.timeline.nextAttempt', { time: formatTime(entry.nextAttemptAt, locale) })}
              {entry.state === 'queued' && t('sync.timeline.waiting')}
            </span>
            {entry.needsFix && (
              <div className="alert alert-error" role="alert">
                <strong>{t(`sync.needsFix.${entry.needsFix.local ? 'local' : entry.needsFix.outcome}`)}</strong>: {entry.needsFix.reason}
              </div>
            )}
            {(entry.state === 'retry' || entry.state === 'needsFix') && (
              <button type="button" className="btn btn-small" onClick={() => void retryEntryNow(caseId).then(() => requestSync())}>
                {t('sync.page.retryNow')}
              </button>
            )}
          </>
        ) : (
          <span className="small muted">{t('sync.timeline.notQueued')}</span>
        )}
      </div>

      {current.length > 0 && (
        <table className="table compact case-departments" data-testid="department-status">
          <thead>
            <tr>
              <th>{t('sync.timeline.department')}</th>
              <th>{t('sync.timeline.status')}</th>
              <th>{t('sync.timeline.at')}</th>
            </tr>
          </thead>
          <tbody>
            {current.map((d) => (
              <tr key={d.departmentCode} data-testid="department-row" data-kind={d.kind} data-department={d.departmentCode}>
                <td>{deptName(d.departmentCode)}</td>
                <td>
                  <span className={`tag timeline-kind-${d.kind}`}>{t(`sync.timeline.kinds.${d.kind}`)}</span>
                  {d.resultReady && <span className="tag tag-ok">{t('sync.timeline.resultReady')}</span>}
                  {d.officer && (
                    <span className="small muted" data-testid="department-officer">
                      {' '}
                      {t('sync.timeline.by', { name: d.officer.name })}
                    </span>
                  )}
                </td>
                <td className="small">{formatTime(Date.parse(d.at), locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {timeline.events.length === 0 ? (
        <p className="small muted">{t('sync.timeline.noEvents')}</p>
      ) : (
        <ol className="timeline-events">
          {timeline.events.map((e) => (
            <li key={e.cursor} data-testid="timeline-event" data-kind={e.kind} className={`timeline-event timeline-kind-${e.kind}`}>
              <span className="small muted">{formatTime(Date.parse(e.at), locale)}</span> <strong>{t(`sync.timeline.kinds.${e.kind}`)}</strong>{' '}
              <span className="small">{deptName(e.departmentCode)}</span>
              {e.officer && (
                <span className="small muted" data-testid="event-officer">
                  {' · '}
                  {t('sync.timeline.by', { name: e.officer.name })}
                </span>
              )}
              {e.comment && <div className="timeline-comment">{e.comment}</div>}
              {e.fieldComments && e.fieldComments.length > 0 && (
                <ul className="timeline-fields">
                  {e.fieldComments.map((f, i) => {
                    const label = data.c ? correctionPointLabel(data.c, f.path, data.catalog) : null;
                    return (
                      <li key={i} data-testid="timeline-point">
                        {label && <span className="timeline-point">{label[locale]}：</span>}
                        {f.comment}
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
