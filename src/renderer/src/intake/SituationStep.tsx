/** Step 1 — 情形引导: which handling item / bundle items, agent or not, and the situational questions. */
import { useTranslation } from 'react-i18next';
import { withAnswer, type IntakeCase, type Subject } from '@core/intake/case';
import { useCatalog } from '../catalog/CatalogContext';
import { nowIso } from './intake-store';
import { hasAgent, type IntakeModel } from './useIntakeModel';

type Update = (change: (c: IntakeCase) => IntakeCase) => void;

/** The catalog's own "本人办理 / 委托代理人办理" question; its answer and the agent stay in step. */
export const AGENT_QUESTION_KEY = 'shared/applicant-is-agent';
export const AGENT_OPTION_ID = 'agent';
export const SELF_OPTION_ID = 'self';

/** Sets whether an agent (代办人) applies, keeping the catalog's agent question answered the same way. */
export function withAgentChoice(c: IntakeCase, viaAgent: boolean, at: string, hasAgentQuestion: boolean): IntakeCase {
  const next: IntakeCase = { ...c, agent: viaAgent ? (c.agent ?? {}) : null, updatedAt: at };
  return hasAgentQuestion ? withAnswer(next, AGENT_QUESTION_KEY, viaAgent ? AGENT_OPTION_ID : SELF_OPTION_ID, at) : next;
}

export function SituationStep({ c, model, update }: { c: IntakeCase; model: IntakeModel; update: Update }) {
  const { t } = useTranslation();
  const view = useCatalog();
  const setSubject = (subject: Subject) => update((x) => ({ ...x, subject, updatedAt: nowIso() }));
  const subject = c.subject;
  const agentQuestion = model.checklist.questions.some((q) => q.key === AGENT_QUESTION_KEY);
  return (
    <div className="step-body">
      <h2 tabIndex={-1}>{t('intake.step.situation')}</h2>
      {subject.kind === 'item' && (() => {
        const item = view.items.get(subject.basicCode);
        if (!item || item.handlingItems.length < 2) return null;
        return (
          <fieldset className="question" data-testid="handling-items">
            <legend>{t('intake.chooseHandlingItem')}</legend>
            {item.handlingItems.map((h) => (
              <label key={h.code} className="option">
                <input
                  type="radio"
                  name="handling-item"
                  checked={subject.handlingItemCodes.includes(h.code)}
                  onChange={() => setSubject({ ...subject, handlingItemCodes: [h.code] })}
                />
                {h.name} <span className="mono muted">{h.code}</span>
              </label>
            ))}
          </fieldset>
        );
      })()}
      {subject.kind === 'bundle' && (() => {
        const bundle = view.bundles.get(subject.bundleId);
        if (!bundle) return null;
        return (
          <fieldset className="question" data-testid="bundle-items">
            <legend>{t('intake.bundleItems')}</legend>
            {bundle.items.map((ref) => {
              const item = view.items.get(ref.basicCode);
              const checked = subject.basicCodes.includes(ref.basicCode);
              return (
                <label key={ref.basicCode} className="option">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!ref.optional}
                    onChange={() =>
                      setSubject({
                        ...subject,
                        basicCodes: checked ? subject.basicCodes.filter((b) => b !== ref.basicCode) : bundle.items.map((r) => r.basicCode).filter((b) => b === ref.basicCode || subject.basicCodes.includes(b)),
                      })
                    }
                  />
                  {item?.name ?? ref.basicCode}
                  {ref.optional && <span className="tag">{t('bundle.optional')}</span>}
                </label>
              );
            })}
          </fieldset>
        );
      })()}
      {subject.kind === 'bundle' &&
        (view.bundles.get(subject.bundleId)?.items ?? [])
          .filter((ref) => !ref.handlingItemCode && subject.basicCodes.includes(ref.basicCode))
          .map((ref) => {
            const item = view.items.get(ref.basicCode);
            if (!item || item.handlingItems.length < 2) return null;
            const chosen = subject.handlingItemCodes?.[ref.basicCode] ?? [];
            return (
              <fieldset key={ref.basicCode} className="question" data-testid="handling-items">
                <legend>{t('intake.chooseHandlingItemOf', { item: item.name })}</legend>
                {item.handlingItems.map((h) => (
                  <label key={h.code} className="option">
                    <input
                      type="radio"
                      name={`handling-${ref.basicCode}`}
                      checked={chosen.includes(h.code)}
                      onChange={() => setSubject({ ...subject, handlingItemCodes: { ...(subject.handlingItemCodes ?? {}), [ref.basicCode]: [h.code] } })}
                    />
                    {h.name}
                  </label>
                ))}
              </fieldset>
            );
          })}

      {!agentQuestion && <fieldset className="question">
        <legend>{t('intake.whoApplies')}</legend>
        <label className="option">
          <input type="radio" name="agent" checked={!hasAgent(c)} onChange={() => update((x) => withAgentChoice(x, false, nowIso(), false))} data-testid="agent-no" />
          {t('intake.applicantInPerson')}
        </label>
        <label className="option">
          <input type="radio" name="agent" checked={hasAgent(c)} onChange={() => update((x) => withAgentChoice(x, true, nowIso(), false))} data-testid="agent-yes" />
          {t('intake.viaAgent')}
        </label>
      </fieldset>}

      {model.checklist.questions.map((q, qi) => (
        <fieldset key={q.key} className={q.answer ? 'question' : 'question unanswered'} data-testid="question">
          <legend>
            {qi + 1}. {q.text}
          </legend>
          {q.help && <div className="muted small">{q.help}</div>}
          {q.options.map((o) => (
            <label key={o.id} className="option">
              <input
                type="radio"
                name={q.key}
                value={o.id}
                checked={q.answer === o.id}
                onChange={() =>
                  update((x) => (q.key === AGENT_QUESTION_KEY ? withAgentChoice(x, o.id === AGENT_OPTION_ID, nowIso(), true) : withAnswer(x, q.key, o.id, nowIso())))
                }
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      ))}
      {model.checklist.questions.length === 0 && <p className="muted">{t('intake.noQuestions')}</p>}
    </div>
  );
}
