/** Step 4 — check your answers (GOV.UK pattern): everything on one page, each with a change link. */
import { useTranslation } from 'react-i18next';
import type { IntakeCase, IntakeStep } from '@core/intake/case';
import { blockerMessage } from '@core/intake/decision';
import { useLocale } from '../i18n/useLocale';
import { hasAgent, type IntakeModel } from './useIntakeModel';

export function ReviewStep({ c, model, goTo }: { c: IntakeCase; model: IntakeModel; goTo: (s: IntakeStep) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const Change = ({ step }: { step: IntakeStep }) => (
    <button type="button" className="link-button" onClick={() => goTo(step)}>
      {t('intake.change')}
    </button>
  );
  const a = c.applicant;
  return (
    <div className="step-body">
      <h2 tabIndex={-1}>{t('intake.step.review')}</h2>
      {model.assessment.blockers.length > 0 && (
        <div className="alert alert-warn" data-testid="blockers">
          <strong>{t('intake.blockersTitle', { count: model.assessment.blockers.length })}</strong>
          <ul>{model.assessment.blockers.map((b, i) => <li key={i}>{blockerMessage(b, locale)}</li>)}</ul>
        </div>
      )}
      <dl className="review">
        <div className="review-row">
          <dt>{t('intake.review.items')}</dt>
          <dd>
            {model.checklist.items.map((i) => (
              <div key={i.basicCode}>
                {i.name} <span className="muted small">{i.handlingItems.map((h) => h.name).join('、')}</span>
              </div>
            ))}
          </dd>
          <dd><Change step="situation" /></dd>
        </div>
        {model.checklist.questions.map((q) => (
          <div className="review-row" key={q.key}>
            <dt>{q.text}</dt>
            <dd>{q.options.find((o) => o.id === q.answer)?.label ?? <span className="err">{t('intake.review.notAnswered')}</span>}</dd>
            <dd><Change step="situation" /></dd>
          </div>
        ))}
        {model.checklist.materials.map((m) => {
          const s = c.materialStates[m.key];
          return (
            <div className="review-row" key={m.key}>
              <dt>{m.name}</dt>
              <dd className={!s || s.status === 'missing' || s.status === 'deficient' ? 'err' : ''}>
                {t(`intake.material.${s?.status ?? 'pending'}`)}
                {s?.status === 'deficient' ? `：${s.reason}` : ''}
              </dd>
              <dd><Change step="materials" /></dd>
            </div>
          );
        })}
        <div className="review-row">
          <dt>{t('intake.review.applicant')}</dt>
          <dd data-testid="review-applicant">
            {a ? (
              <>
                {a.name} · {a.kind === 'person' ? a.idNumber : a.founding ? `${t('lifecycle.form.nameReservation')} ${a.nameReservation ?? '—'}` : a.uscc} · {a.phone}
                {a.kind === 'organisation' && !a.founding && a.usccOverride?.reason && <div className="small warn">{t('intake.review.usccOverridden', { reason: a.usccOverride.reason })}</div>}
              </>
            ) : (
              <span className="err">{t('intake.review.notEntered')}</span>
            )}
          </dd>
          <dd><Change step="applicant" /></dd>
        </div>
        <div className="review-row">
          <dt>{t('intake.agent.title')}</dt>
          <dd>{hasAgent(c) ? `${c.agent?.name ?? ''} · ${c.agent?.idNumber ?? ''} · ${c.agent?.phone ?? ''}` : t('intake.review.noAgent')}</dd>
          <dd><Change step="applicant" /></dd>
        </div>
        {model.items.flatMap((item) =>
          item.fields.map((f) => (
            <div className="review-row" key={`${item.basicCode}.${f.id}`}>
              <dt>{f.label}</dt>
              <dd>{String(c.fields[item.basicCode]?.[f.id] ?? '—')}</dd>
              <dd><Change step="applicant" /></dd>
            </div>
          )),
        )}
      </dl>
    </div>
  );
}
