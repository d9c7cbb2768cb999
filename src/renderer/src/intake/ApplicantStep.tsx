/**
 * Step 3 — applicant (person or organisation), agent (代办人) and the item's own fields.
 * react-hook-form + the core's zod schema (messages in the clerk's language); every
 * keystroke is kept in the draft, valid or not, so nothing typed is ever lost.
 */
import { useEffect, useMemo, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { applicantFormSchema, usccWarning, type ApplicantFormValues } from '@core/intake/applicant';
import type { IntakeCase } from '@core/intake/case';
import type { Item, ItemField } from '@core/catalog/schema';
import { itemFieldsSchema } from '@core/intake/applicant';
import { useLocale } from '../i18n/useLocale';
import { FormField } from '../ui/FormField';
import { nowIso } from './intake-store';
import { hasAgent, todayInChina, type IntakeModel } from './useIntakeModel';
import { withAgentChoice, AGENT_QUESTION_KEY } from './SituationStep';
import { DishonestyFlagBox } from '../deferral/DishonestyFlagBox';
import { PrefillOffer, type TypedApplicant } from '../sharing/PrefillOffer'; // data sharing: 秒填
import { fieldValueConflicts, foundsCompany, mergeFormFields, sharedValue, withSharedValue, type MergedForm, type SharedFormField } from '@core/bundle/form';

type Update = (change: (c: IntakeCase) => IntakeCase) => void;

/** Drops empty strings so the stored draft only holds what was typed. */
function compact<T extends Record<string, unknown>>(o: T | null | undefined): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    if (v === '' || v === null || v === undefined || v === false) continue;
    if (typeof v !== 'object') out[k] = v;
    else {
      // an object left empty (the USCC override's blank reason) is no value: keeping `{}` would
      // read as an override everywhere the draft is shown
      const inner = compact(v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[k] = inner;
    }
  }
  return out as Partial<T>;
}

function valuesFromCase(c: IntakeCase, foundingDefault: boolean): ApplicantFormValues {
  const a: NonNullable<IntakeCase['applicant']> = c.applicant ?? (foundingDefault ? { kind: 'organisation', founding: true } : { kind: 'person' });
  const blank = { name: '', idNumber: '', phone: '', address: '', idTypeLabel: '' };
  const applicant =
    a.kind === 'organisation'
      ? { name: '', uscc: '', legalRepresentative: '', legalRepresentativeIdNumber: '', phone: '', address: '', nameReservation: '', ...a, founding: a.founding === true, usccOverride: { reason: a.usccOverride?.reason ?? '' } }
      : { ...blank, idType: 'residentId' as const, ...a };
  return {
    applicant,
    hasAgent: hasAgent(c),
    agent: { name: '', idType: 'residentId', idTypeLabel: '', idNumber: '', phone: '', relation: '', ...(c.agent ?? {}) },
  };
}

function errorAt(errors: FieldErrors<ApplicantFormValues>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

export function ApplicantStep({ c, model, update }: { c: IntakeCase; model: IntakeModel; update: Update }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useMemo(() => applicantFormSchema(locale, todayInChina()), [locale]);
  const merged = useMemo(() => mergeFormFields(model.items), [model.items]);
  const founds = useMemo(() => foundsCompany(model.items), [model.items]);
  const form = useForm<ApplicantFormValues>({
    resolver: zodResolver(schema) as never,
    mode: 'onTouched',
    defaultValues: valuesFromCase(c, founds),
  });
  const { register, watch, formState, setValue, trigger } = form;
  const hasAgentQuestion = model.checklist.questions.some((q) => q.key === AGENT_QUESTION_KEY);

  // Keep every keystroke in the draft (autosaved).
  useEffect(() => {
    const sub = watch((v, { name }) => {
      const values = v as ApplicantFormValues;
      update((x) => {
        let next: IntakeCase = { ...x, applicant: compact(values.applicant) as IntakeCase['applicant'], updatedAt: nowIso() };
        if (name === 'hasAgent') next = withAgentChoice(next, !!values.hasAgent, nowIso(), hasAgentQuestion);
        if (values.hasAgent) next = { ...next, agent: compact(values.agent ?? {}) as IntakeCase['agent'] };
        return next;
      });
    });
    return () => sub.unsubscribe();
  }, [watch, update, hasAgentQuestion]);

  // When the agent choice changes elsewhere (the situation step), follow it.
  useEffect(() => {
    if (hasAgent(c) !== watch('hasAgent')) setValue('hasAgent', hasAgent(c));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the agent choice itself changes, not at every keystroke
  }, [c.agent]);

  // Coming back to a partly filled form: show what is wrong straight away.
  useEffect(() => {
    if (c.applicant && Object.keys(c.applicant).length > 1) void trigger();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the step opens
  }, []);

  const kind = watch('applicant.kind');
  const idType = (watch('applicant' as never) as { idType?: string } | undefined)?.idType;
  const agentIdType = watch('agent.idType');
  const viaAgent = watch('hasAgent');
  const uscc = (watch('applicant' as never) as { uscc?: string } | undefined)?.uscc;
  const founding = kind === 'organisation' && !!(watch('applicant' as never) as { founding?: boolean } | undefined)?.founding;
  const usccProblem = kind === 'organisation' && !founding && uscc && uscc.length >= 18 ? usccWarning(uscc, locale) : null;
  // 一表申请: the item fields this applicant section answers, and the items that require them
  const backed = merged.shared.filter((s) => s.target !== 'common');
  const requiredBy = (key: string): string | undefined => {
    const s = backed.find((x) => x.key === key && x.field.required);
    if (!s) return undefined;
    return t('lifecycle.form.requiredBy', { item: s.sources.find((x) => x.field.required)!.itemName, label: s.field.label });
  };
  const addressValue = (watch('applicant' as never) as { address?: string } | undefined)?.address ?? '';
  const addressKey = kind === 'organisation' ? 'organisation.address' : 'applicant.address';
  const addressMissing = addressValue.trim() === '' && (formState.touchedFields as { applicant?: { address?: boolean } }).applicant?.address ? requiredBy(addressKey) : undefined;
  const e = formState.errors;
  const err = (p: string) => errorAt(e, p);

  return (
    <form className="step-body" onSubmit={(ev) => ev.preventDefault()} noValidate>
      <h2 tabIndex={-1}>{t('intake.step.applicant')}</h2>
      <fieldset>
        <legend>{t('intake.applicant.kind')}</legend>
        <label className="option">
          <input type="radio" value="person" {...register('applicant.kind')} data-testid="kind-person" /> {t('intake.applicant.person')}
        </label>
        <label className="option">
          <input type="radio" value="organisation" {...register('applicant.kind')} data-testid="kind-organisation" /> {t('intake.applicant.organisation')}
        </label>
      </fieldset>

      {kind === 'person' ? (
        <fieldset>
          <legend>{t('intake.applicant.person')}</legend>
          <FormField label={t('intake.applicant.name')} error={err('applicant.name')} {...register('applicant.name')} />
          <div className="field">
            <label htmlFor="applicant-id-type">{t('intake.applicant.idType')}</label>
            <select id="applicant-id-type" {...register('applicant.idType' as never)}>
              <option value="residentId">{t('intake.applicant.residentId')}</option>
              <option value="other">{t('intake.applicant.otherId')}</option>
            </select>
          </div>
          {idType === 'other' && <FormField label={t('intake.applicant.idTypeLabel')} error={err('applicant.idTypeLabel')} {...register('applicant.idTypeLabel' as never)} />}
          <FormField label={t('intake.applicant.idNumber')} error={err('applicant.idNumber')} className="mono" {...register('applicant.idNumber' as never)} data-testid="applicant-id-number" />
          <FormField label={t('intake.applicant.phone')} error={err('applicant.phone')} {...register('applicant.phone')} />
          <FormField label={`${t('intake.applicant.address')}${requiredBy('applicant.address') ? ' *' : ''}`} error={err('applicant.address') ?? addressMissing} {...register('applicant.address')} />
        </fieldset>
      ) : (
        <fieldset>
          <legend>{t('intake.applicant.organisation')}</legend>
          <label className="option" title={t('lifecycle.form.foundingHint')}>
            <input
              type="checkbox"
              {...register('applicant.founding' as never, { onChange: (ev: { target: { checked: boolean } }) => { if (ev.target.checked) setValue('applicant.uscc' as never, '' as never); } })}
              data-testid="applicant-founding"
            />{' '}
            {t('lifecycle.form.founding')}
          </label>
          {founding && <div className="muted small">{t('lifecycle.form.foundingHint')}</div>}
          <FormField label={founding ? t('lifecycle.form.foundingName') : t('intake.applicant.orgName')} error={err('applicant.name')} {...register('applicant.name')} data-testid="applicant-org-name" />
          {founding ? (
            <FormField label={t('lifecycle.form.nameReservation')} error={err('applicant.nameReservation')} {...register('applicant.nameReservation' as never)} data-testid="applicant-name-reservation" />
          ) : (
            <FormField label={t('intake.applicant.uscc')} error={err('applicant.uscc')} className="mono" {...register('applicant.uscc' as never)} data-testid="applicant-uscc" />
          )}
          {usccProblem?.overridable && (
            <div className="alert alert-warn" data-testid="uscc-override">
              <p>{usccProblem.message}</p>
              <FormField label={t('intake.applicant.overrideReason')} hint={t('intake.applicant.overrideHint')} error={err('applicant.usccOverride.reason')} {...register('applicant.usccOverride.reason' as never)} />
            </div>
          )}
          <FormField label={t('intake.applicant.legalRepresentative')} error={err('applicant.legalRepresentative')} {...register('applicant.legalRepresentative' as never)} />
          <FormField label={founding ? `${t('lifecycle.form.legalRepIdRequired')} *` : t('intake.applicant.legalRepresentativeId')} error={err('applicant.legalRepresentativeIdNumber')} className="mono" {...register('applicant.legalRepresentativeIdNumber' as never)} data-testid="applicant-rep-id" />
          <FormField label={t('intake.applicant.phone')} error={err('applicant.phone')} {...register('applicant.phone')} />
          <FormField label={`${t('intake.applicant.address')}${requiredBy('organisation.address') ? ' *' : ''}`} error={err('applicant.address') ?? addressMissing} {...register('applicant.address')} data-testid="applicant-address" />
        </fieldset>
      )}

      {/* data sharing (秒填): shared basic records, taken field by field on confirm */}
      <PrefillOffer
        c={c}
        applicant={(watch('applicant' as never) ?? {}) as TypedApplicant}
        onTake={(field, value) => setValue(`applicant.${field}` as never, value as never, { shouldDirty: true, shouldTouch: true, shouldValidate: true })}
      />
      <fieldset>
        <legend>{t('intake.agent.title')}</legend>
        <label className="option">
          <input type="checkbox" {...register('hasAgent')} data-testid="has-agent" /> {t('intake.viaAgent')}
        </label>
        {viaAgent && (
          <>
            <FormField label={t('intake.agent.name')} error={err('agent.name')} {...register('agent.name')} />
            <div className="field">
              <label htmlFor="agent-id-type">{t('intake.applicant.idType')}</label>
              <select id="agent-id-type" {...register('agent.idType')}>
                <option value="residentId">{t('intake.applicant.residentId')}</option>
                <option value="other">{t('intake.applicant.otherId')}</option>
              </select>
            </div>
            {agentIdType === 'other' && <FormField label={t('intake.applicant.idTypeLabel')} error={err('agent.idTypeLabel')} {...register('agent.idTypeLabel')} />}
            <FormField label={t('intake.agent.idNumber')} error={err('agent.idNumber')} className="mono" {...register('agent.idNumber')} />
            <FormField label={t('intake.agent.phone')} error={err('agent.phone')} {...register('agent.phone')} />
            <FormField label={t('intake.agent.relation')} error={err('agent.relation')} {...register('agent.relation')} />
          </>
        )}
      </fieldset>

      {backed.length > 0 && (
        <div className="muted small" data-testid="merged-applicant-fields">
          {model.items.length > 1 && <p>{t('lifecycle.form.oneForm')}</p>}
          {t('lifecycle.form.usedBy')}：
          {backed.flatMap((s) => s.sources.map((x) => t('lifecycle.form.usedByEntry', { label: x.field.label, item: x.itemName }))).join('；')}
        </div>
      )}
      <CommonFields merged={merged} c={c} update={update} />
      {merged.items.filter((i) => i.fields.length > 0).map((group) => {
        const item = model.items.find((i) => i.basicCode === group.basicCode)!;
        return <ItemFields key={item.basicCode} item={item} fields={group.fields} c={c} update={update} />;
      })}
      <DishonestyFlagBox c={c} update={update} />
    </form>
  );
}

/** 一表申请: the questions several items share, asked once and written to each of them. */
function CommonFields({ merged, c, update }: { merged: MergedForm; c: IntakeCase; update: Update }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const common = merged.shared.filter((s) => s.target === 'common');
  const valueConflicts = fieldValueConflicts(merged, c.fields);
  if (common.length === 0 && merged.conflicts.length === 0) return null;
  const set = (s: SharedFormField, v: string) => update((x) => ({ ...x, fields: withSharedValue(merged, x.fields, s.key, v === '' ? null : v), updatedAt: nowIso() }));
  return (
    <fieldset data-testid="common-fields">
      <legend>{t('lifecycle.form.common')}</legend>
      {common.length > 0 && <div className="muted small">{t('lifecycle.form.commonHint')}</div>}
      {valueConflicts.map((vc) => (
        <div key={vc.key} className="alert alert-warn" data-testid="field-value-conflict">
          {t('lifecycle.form.valueConflict', { label: vc.label })}{' '}
          {vc.values.map((v) => (
            <button key={v.basicCode} type="button" className="btn btn-small" onClick={() => update((x) => ({ ...x, fields: withSharedValue(merged, x.fields, vc.key, v.value), updatedAt: nowIso() }))}>
              {t('lifecycle.form.useValue', { value: String(v.value), item: v.itemName })}
            </button>
          ))}
        </div>
      ))}
      {merged.conflicts.map((dc) => (
        <div key={dc.key} className="muted small" data-testid="field-definition-conflict">{t('lifecycle.form.definitionConflict', { label: dc.sources[0]!.field.label })}</div>
      ))}
      {common.map((s) => {
        const v = sharedValue(merged, c.fields, s.key);
        const r = itemFieldsSchema([s.field], locale).safeParse({ [s.field.id]: v });
        const error = v !== null && !r.success ? r.error.issues[0]?.message : undefined;
        const label = `${s.field.label}${s.field.required ? ' *' : ''}`;
        const hint = s.sources.map((x) => x.itemName).join('、');
        if (s.field.kind === 'select') {
          return (
            <div key={s.key} className={error ? 'field has-error' : 'field'}>
              <label htmlFor={`common-${s.key}`}>{label}</label>
              <select id={`common-${s.key}`} value={v === null ? '' : String(v)} onChange={(e) => set(s, e.target.value)}>
                <option value="" />
                {(s.field.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
              <div className="field-hint">{hint}</div>
              {error && <div className="field-error" role="alert">{error}</div>}
            </div>
          );
        }
        return (
          <FormField
            key={s.key}
            label={label}
            hint={hint}
            error={error}
            value={v === null ? '' : String(v)}
            type={s.field.kind === 'date' ? 'date' : 'text'}
            onChange={(e) => set(s, e.target.value)}
            data-testid={`common-${s.key}`}
          />
        );
      })}
    </fieldset>
  );
}

function ItemFields({ item, fields, c, update }: { item: Item; fields: ItemField[]; c: IntakeCase; update: Update }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const values = useMemo(() => c.fields[item.basicCode] ?? {}, [c.fields, item.basicCode]);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const errors = useMemo(() => {
    const r = itemFieldsSchema(fields, locale).safeParse(values);
    const out: Record<string, string> = {};
    if (!r.success) for (const i of r.error.issues) out[String(i.path[0])] ??= i.message;
    return out;
  }, [values, fields, locale]);
  const set = (f: ItemField, v: string) =>
    update((x) => ({ ...x, fields: { ...x.fields, [item.basicCode]: { ...(x.fields[item.basicCode] ?? {}), [f.id]: v === '' ? null : v } }, updatedAt: nowIso() }));
  return (
    <fieldset data-testid="item-fields" data-item={item.basicCode}>
      <legend>{t('intake.itemFields', { item: item.name })}</legend>
      {fields.map((f) => {
        const v = values[f.id];
        const error = touched[f.id] || (v !== null && v !== undefined && v !== '') ? errors[f.id] : undefined;
        const common = {
          label: `${f.label}${f.required ? ' *' : ''}`,
          error,
          hint: f.help,
          value: v === null || v === undefined ? '' : String(v),
          onBlur: () => setTouched((x) => ({ ...x, [f.id]: true })),
        };
        if (f.kind === 'select') {
          return (
            <div key={f.id} className={error ? 'field has-error' : 'field'}>
              <label htmlFor={`f-${item.basicCode}-${f.id}`}>{common.label}</label>
              <select id={`f-${item.basicCode}-${f.id}`} value={common.value} onChange={(e) => set(f, e.target.value)} onBlur={common.onBlur} aria-invalid={error ? true : undefined}>
                <option value="" />
                {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
              {error && <div className="field-error" role="alert">{error}</div>}
            </div>
          );
        }
        if (f.kind === 'textarea') {
          return (
            <div key={f.id} className={error ? 'field has-error' : 'field'}>
              <label htmlFor={`f-${item.basicCode}-${f.id}`}>{common.label}</label>
              <textarea id={`f-${item.basicCode}-${f.id}`} rows={3} value={common.value} onChange={(e) => set(f, e.target.value)} onBlur={common.onBlur} aria-invalid={error ? true : undefined} />
              {error && <div className="field-error" role="alert">{error}</div>}
            </div>
          );
        }
        return (
          <FormField
            key={f.id}
            {...common}
            type={f.kind === 'date' ? 'date' : 'text'}
            inputMode={f.kind === 'number' ? 'decimal' : undefined}
            onChange={(e) => set(f, e.target.value)}
          />
        );
      })}
    </fieldset>
  );
}
