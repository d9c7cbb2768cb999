/**
 * Step 2 — 材料核验: per checklist line, what the applicant brought.
 *
 * Keyboard: each line is one Tab stop and the focused line is the current one (highlighted).
 * A digit records that line's state and moves focus to the next line, so the clerk never
 * types onto a line they have already left; ↑/↓ move between lines. The radios are not Tab
 * stops and ignore arrow keys: a recorded state changes only by a digit or a click on its line.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { withMaterialState, type IntakeCase, type MaterialState } from '@core/intake/case';
import type { ChecklistMaterial } from '@core/intake/checklist';
import { labels } from '@core/catalog/format';
import { useLocale } from '../i18n/useLocale';
import { nowIso } from './intake-store';
import { hrefFor } from '../ui/router';
import type { IntakeModel } from './useIntakeModel';
// data sharing (调取电子证照): see sharing/LicenceFetch.tsx
import { licencesForLine, type LineLicence } from '@core/sharing/lookup';
import { useCatalog } from '../catalog/CatalogContext';
import { LicenceFetch, type LicenceFetchHandle } from '../sharing/LicenceFetch';
import { MaterialPagesLine } from '../materials/MaterialPagesLine'; // 材料电子化: pages per line

type Update = (change: (c: IntakeCase) => IntakeCase) => void;
type Choice = 'receivedOriginal' | 'receivedCopy' | 'fetched' | 'missing' | 'deficient' | 'originalCheckedCopyKept';
/** Key n records CHOICES[n - 1]; 原件核验后退还 came last so the older keys kept their meaning. */
const CHOICES: Choice[] = ['receivedOriginal', 'receivedCopy', 'fetched', 'missing', 'deficient', 'originalCheckedCopyKept'];

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
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const focusLine = (i: number) => rows.current[i]?.focus();
  const { catalog } = useCatalog();
  return (
    <div className="step-body">
      <h2 tabIndex={-1}>{t('intake.step.materials')}</h2>
      <p className="muted small">{t('intake.materialsHint')}</p>
      {c.followsUp && (
        <div className="alert alert-warn" data-testid="follow-up-banner">
          {t('followUp.banner', { caseNumber: c.followsUp.caseNumber, count: c.followsUp.noticeKeys.length })}{' '}
          <a href={hrefFor({ name: 'case', id: c.followsUp.caseId })}>{t('followUp.open')}</a>
        </div>
      )}
      {model.checklist.unansweredQuestions.length > 0 && <div className="alert">{t('intake.answerQuestionsFirst', { count: model.checklist.unansweredQuestions.length })}</div>}
      <ol className="checklist">
        {lines.map((line, i) => (
          <MaterialRow
            key={line.key}
            index={i}
            line={line}
            state={c.materialStates[line.key] ?? { status: 'pending' }}
            update={update}
            listedInNotice={!!c.followsUp?.noticeKeys.includes(line.key)}
            c={c}
            licences={licencesForLine(line, catalog)}
            rowRef={(el) => { rows.current[i] = el; }}
            onDone={() => focusLine(Math.min(i + 1, lines.length - 1))}
            onMove={(d) => focusLine(Math.max(0, Math.min(lines.length - 1, i + d)))}
          />
        ))}
      </ol>
      {model.checklist.issuedInCase.length > 0 && (
        <ul className="checklist issued-in-case" data-testid="issued-in-case">
          {model.checklist.issuedInCase.map((m) => (
            <li key={m.key} className="check-line status-issued">
              <strong>{m.name}</strong> <span className="muted">{t('intake.issuedInCase', { item: m.issuedBy.name })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface RowProps {
  index: number;
  line: ChecklistMaterial;
  state: MaterialState;
  update: Update;
  /** 再次受理: the one-time notice listed this line — what the applicant was to bring. */
  listedInNotice: boolean;
  rowRef: (el: HTMLLIElement | null) => void;
  /** A state key was pressed: the next line becomes current. */
  onDone: () => void;
  onMove: (delta: number) => void;
  /** The draft: whose licence to ask for (data sharing), its pages per line (材料电子化). */
  c: IntakeCase;
  /** The licences that can stand in for the line (data sharing). */
  licences: LineLicence[];
}

function MaterialRow({ index, line, state, update, listedInNotice, rowRef, onDone, onMove, c, licences }: RowProps) {
  const [capturing, setCapturing] = useState(false); // 材料电子化: the capture panel of this line
  const { t } = useTranslation();
  const locale = useLocale();
  const L = labels[locale];
  const [customReason, setCustomReason] = useState(state.status === 'deficient' ? state.reason : '');
  const set = (s: MaterialState) => update((x) => withMaterialState(x, line.key, s, nowIso()));
  // data sharing: where a licence can stand in, 免提交 needs a real fetch — key 3 / F / the radio ask the registry
  // (training drills were written for the bare key: a training case keeps it, F fetches from the training registry)
  const fetchRef = useRef<LicenceFetchHandle>(null);
  const fetchable = licences.length > 0;
  const choose = (choice: Choice): boolean => {
    if (choice === 'fetched' && !line.canFetch) return false;
    if (choice === 'fetched' && fetchable && c.training !== true) {
      fetchRef.current?.start();
      return false;
    }
    if (choice === 'deficient') set({ status: 'deficient', reason: customReason.trim() || reasonsFrom(line.acceptanceStandards)[0] || t('intake.deficientDefault') });
    else set({ status: choice });
    return true;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'text') return;
    if (e.target instanceof HTMLSelectElement) return;
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      onMove(e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    // a focused radio would otherwise change the recorded state on ←/→
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      return;
    }
    if (fetchable && (e.key === 'f' || e.key === 'F')) {
      e.preventDefault();
      fetchRef.current?.start();
      return;
    }
    if (fetchable && e.key === 'Enter' && fetchRef.current?.attach()) {
      e.preventDefault();
      return;
    }
    // 材料电子化: P opens this line's capture panel
    if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      setCapturing(true);
      return;
    }
    const n = /^[0-9]$/.test(e.key) ? Number(e.key) : 0;
    if (n >= 1 && n <= CHOICES.length) {
      e.preventDefault();
      if (choose(CHOICES[n - 1]!)) onDone();
    }
  };
  const reasons = reasonsFrom(line.acceptanceStandards);
  return (
    <li
      ref={rowRef}
      tabIndex={0}
      className={`check-line status-${state.status}${listedInNotice ? ' listed-in-notice' : ''}`}
      onKeyDown={onKeyDown}
      data-testid="check-line"
      data-key={line.key}
      data-status={state.status}
      data-listed-in-notice={listedInNotice || undefined}
      aria-label={`${index + 1} ${line.name}：${t(`intake.material.${state.status}`)}`}
    >
      <div className="check-head">
        <span className="material-no">{index + 1}</span>
        <strong>{line.name}</strong>
        {listedInNotice && <span className="tag tag-warn" data-testid="listed-in-notice">{t('followUp.listed')}</span>}
        <span className={`tag necessity ${line.necessity}`}>{L.necessity[line.necessity]}</span>
        <span className="tag">{L.materialType[line.type]}</span>
        <span className="muted">
          {t('guide.material.copies')} {line.copies}
          {line.paperSize ? ` · ${L.paperSize[line.paperSize]}` : ''}
        </span>
        {line.addedBecauseAgent && <span className="tag tag-warn">{t('intake.addedForAgent')}</span>}
        {line.itemCodes.length > 1 && <span className="tag tag-bundle">{t('intake.sharedBy', { count: line.itemCodes.length })}</span>}
      </div>
      <div className="check-standard"><span className="label">{t('guide.material.standard')}：</span>{line.acceptanceStandard}</div>
      <div className="choices" role="radiogroup" aria-label={line.name}>
        {CHOICES.map((choice, ci) => {
          if (choice === 'fetched' && !line.canFetch) return null;
          const checked = state.status === choice;
          return (
            <label key={choice} className={`choice ${checked ? 'checked' : ''} choice-${choice}`}>
              <input type="radio" tabIndex={-1} name={`m-${line.key}`} checked={checked} onChange={() => choose(choice)} />
              <kbd>{ci + 1}</kbd> {t(`intake.material.${choice}`)}
            </label>
          );
        })}
      </div>
      {fetchable && <LicenceFetch ref={fetchRef} c={c} lineKey={line.key} licences={licences} state={state} set={set} onAttached={onDone} paperAllowed={line.forms.includes('paper')} />}
      <MaterialPagesLine c={c} line={line} update={update} open={capturing} onOpenChange={setCapturing} />
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
