/** The live checklist beside every step: what is still needed, at a glance. */
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import type { IntakeModel } from './useIntakeModel';

const MARK: Record<string, string> = { receivedOriginal: '✓', receivedCopy: '✓', originalCheckedCopyKept: '✓', fetched: '⇄', missing: '✗', deficient: '!', pending: '·' };

export function ChecklistPanel({ c, model }: { c: IntakeCase; model: IntakeModel }) {
  const { t } = useTranslation();
  const a = model.assessment;
  return (
    <aside className="checklist-panel" aria-label={t('intake.checklist')} data-testid="checklist-panel">
      <h3>{t('intake.checklist')}</h3>
      <div className="counts small">
        <span>{t('intake.count.received', { count: a.received.length })}</span>
        <span>{t('intake.count.pending', { count: a.pending.length })}</span>
        <span className={a.missing.length + a.deficient.length ? 'err' : ''}>{t('intake.count.problems', { count: a.missing.length + a.deficient.length })}</span>
      </div>
      <ul className="plain">
        {model.checklist.materials.map((m) => {
          const status = c.materialStates[m.key]?.status ?? 'pending';
          return (
            <li key={m.key} className={`panel-line status-${status}`}>
              <span className="mark" aria-hidden>{MARK[status]}</span> {m.name}
              {m.necessity !== 'required' && <span className="muted"> ({t(`intake.necessityShort.${m.necessity}`)})</span>}
            </li>
          );
        })}
      </ul>
      {model.checklist.undeterminedMaterialKeys.length > 0 && <p className="muted small">{t('intake.undetermined', { count: model.checklist.undeterminedMaterialKeys.length })}</p>}
    </aside>
  );
}
