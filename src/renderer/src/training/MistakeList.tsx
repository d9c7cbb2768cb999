/** Each mistake of a drill with what was expected, what was done and why (the catalog's own words). */
import { useTranslation } from 'react-i18next';
import { CRITICAL_LABELS, type Mistake } from '@core/training/scoring';
import { useLocale } from '../i18n/useLocale';

export function MistakeList({ mistakes }: { mistakes: readonly Mistake[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="tr-mistakes" data-testid="mistakes">
      {mistakes.map((m, i) => (
        <li key={i} className={`tr-mistake ${m.critical ? 'critical' : ''}`} data-testid="mistake" data-kind={m.kind}>
          <div className="tr-mistake-head">
            <span className="badge-inline">{t(`training.step.${m.step}`)}</span>
            {m.critical && <span className="badge-inline tr-critical">{CRITICAL_LABELS[m.critical][locale]}</span>}
            {(m.expected !== null || m.given !== null) && (
              <span className="small">
                {t('training.result.expected')}：<strong>{m.expected ?? '—'}</strong>　{t('training.result.given')}：<strong>{m.given ?? '—'}</strong>
              </span>
            )}
          </div>
          <p className="tr-explanation" data-testid="mistake-explanation">{m.explanation[locale]}</p>
        </li>
      ))}
    </ol>
  );
}
