/** Step 2 — 材料核验: per checklist line, what the applicant brought. Keys 1–5 set the focused line. */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { withMaterialState, type IntakeCase, type MaterialState } from '@core/intake/case';
import type { ChecklistMaterial } from '@core/intake/checklist';
import { labels } from '@core/catalog/format';
import { useLocale } from '../i18n/useLocale';
import { nowIso } from './intake-store';
import type { IntakeModel } from './useIntakeModel';

type Update = (change: (c: IntakeCase) => IntakeCase) => void;
type Choice = 'receivedOriginal' | 'receivedCopy' | 'fetched' | 'missing' | 'deficient';
const CHOICES: Choice[] = ['receivedOriginal', 'receivedCopy', 'fetched', 'missing', 'deficient'];

/** Sentences of the acceptance standard, offered as ready-made deficiency reasons. */
export function reasonsFrom(standards: string[]): string[] {
  const out: string[] = [];
  for (const s of standards) {
    for (const part of s.split(/[，,；;。]/)) {
      const p = part.trim();
      if (p && !out.includes(p)) out.push(`不符合：${p}`);
    }
  }
  return out;
}

export function MaterialsStep({ c, model, update }: { c: IntakeCase; model: IntakeModel; update: Update }) {
  const { t } = useTranslation();
  const lines = model.checklist.materials;
  return (
    <div className="step-body">
      <h2 tabIndex={-1}>{t('intake.step.materials')}</h2>
      <p className="muted small">{t('intake.materialsHint')}</p>
      {model.checklist.unansweredQuestions.length > 0 && <div className="alert">{t('intake.answerQuestionsFirst', { count: model.checklist.unansweredQuestions.length })}</div>}
      <ol className="checklist">
        {lines.map((line, i) => (
          <MaterialRow key={line.key} index={i} line={line} state={c.materialStates[line.key] ?? { status: 'pending' }} update={update} />
        ))}
      </ol>
    </div>
  );
}

function MaterialRow({ index, line, state, update }: { index: number; line: ChecklistMaterial; state: MaterialState; update: Update }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const L = labels[locale];
  const [customReason, setCustomReason] = useState(state.status === 'deficient' ? state.reason : '');
  const set = (s: MaterialState) => update((x) => withMaterialState(x, line.key, s, nowIso()));
  const choose = (choice: Choice) => {
    if (choice === 'fetched' && !line.canFetch) return;
    if (choice === 'deficient') set({ status: 'deficient', reason: customReason.trim() || reasonsFrom(line.acceptanceStandards)[0] || t('intake.deficientDefault') });
    else set({ status: choice });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'text') return;
    if (e.target instanceof HTMLSelectElement) return;
    const n = Number(e.key);
    if (n >= 1 && n <= CHOICES.length && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      choose(CHOICES[n - 1]!);
    }
  };
  const reasons = reasonsFrom(line.acceptanceStandards);
  return (
    <li className={`check-line status-${state.status}`} onKeyDown={onKeyDown} data-testid="check-line" data-key={line.key}>
      <div className="check-head">
        <span className="material-no">{index + 1}</span>
        <strong>{line.name}</strong>
        <span className={`tag necessity ${line.necessity}`}>{L.necessity[line.necessity]}</span>
        <span className="tag">{L.materialType[line.type]}</span>
        <span className="muted small">
          {t('guide.material.copies')} {line.copies}
          {line.paperSize ? ` · ${L.paperSize[line.paperSize]}` : ''}
        </span>
        {line.addedBecauseAgent && <span className="tag tag-warn">{t('intake.addedForAgent')}</span>}
        {line.itemCodes.length > 1 && <span className="tag tag-bundle">{t('intake.sharedBy', { count: line.itemCodes.length })}</span>}
      </div>
      <div className="small"><span className="muted">{t('guide.material.standard')}：</span>{line.acceptanceStandard}</div>
      <div className="choices" role="radiogroup" aria-label={line.name}>
        {CHOICES.map((choice, ci) => {
          if (choice === 'fetched' && !line.canFetch) return null;
          const checked = state.status === choice;
          return (
            <label key={choice} className={`choice ${checked ? 'checked' : ''} choice-${choice}`}>
              <input type="radio" name={`m-${line.key}`} checked={checked} onChange={() => choose(choice)} />
              <kbd>{ci + 1}</kbd> {t(`intake.material.${choice}`)}
            </label>
          );
        })}
      </div>
      {state.status === 'deficient' && (
        <div className="deficient-reason">
          <label>
            {t('intake.deficientReason')}{' '}
            <select
              value={reasons.includes(state.reason) ? state.reason : ''}
              onChange={(e) => e.target.value && set({ status: 'deficient', reason: e.target.value })}
            >
              <option value="">{t('intake.typeOwnReason')}</option>
              {reasons.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <input
            type="text"
            aria-label={t('intake.deficientReason')}
            placeholder={t('intake.typeOwnReason')}
            value={reasons.includes(state.reason) ? customReason : state.reason}
            maxLength={500}
            onChange={(e) => {
              setCustomReason(e.target.value);
              if (e.target.value.trim()) set({ status: 'deficient', reason: e.target.value });
            }}
          />
        </div>
      )}
    </li>
  );
}
