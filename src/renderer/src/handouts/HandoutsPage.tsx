/**
 * #/handouts — 统一窗口出件: the "results to hand out" list (handoutQueue over the local status
 * events: 办结 with a result ready, not handed out yet), the hand-out form (in person with the
 * recipient's ID checked, by post with a tracking number, electronically; react-hook-form with
 * a zod form schema and validateHandout's messages beside the fields), recent hand-outs with
 * "请申请人评价", and the 差评 follow-ups with their call-back deadlines.
 */
import { useMemo, useRef, useState } from 'react';
import { useLiveQuery } from '../store/live-query';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { CARRIERS, HANDOUT_SCHEMA_VERSION, HandoutRelation, type HandoutQueueEntry, type ResultHandoutInput, validateHandout } from '@core/lifecycle/handout';
import { NEGATIVE_TAGS, POSITIVE_TAGS, followUpStatus, ratingLevelLabel, recordFollowUp, type FollowUpRecordError } from '@core/lifecycle/rating';
import { useTranslation } from 'react-i18next';
import { chinaDateOf } from '@core/intake/time';
import type { RatingRecord } from './handout-store';
import type { IntakeCase } from '@core/intake/case';
import { FormField } from '../ui/FormField';
import { useCatalog } from '../catalog/CatalogContext';
import { departmentNames } from '../catalog/department-name';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { getCaseRecord } from '../store/case-store';
import { requestSync } from '../sync/runtime';
import { chinaIso, listHandouts, loadFollowUps, loadHandoutQueue, saveFollowUpRecord, saveHandout } from './handout-store';
import { RateButton } from './RateButton';
import { tx } from './texts';

const HandoutForm = z.object({
  method: z.enum(['inPerson', 'post', 'electronic']),
  recipientName: z.string(),
  recipientIdNumber: z.string(),
  relation: HandoutRelation,
  idCheckedBy: z.enum(['cardReader', 'manual']),
  authorisationRef: z.string(),
  carrier: z.enum(CARRIERS),
  trackingNumber: z.string(),
  recipientPhone: z.string(),
  address: z.string(),
  channel: z.enum(['governmentApp', 'electronicLicence', 'email', 'other']),
  reference: z.string(),
});
type HandoutForm = z.infer<typeof HandoutForm>;

const FIELD_OF: Record<string, keyof HandoutForm> = { authorisation: 'authorisationRef', recipientIdTypeLabel: 'recipientIdNumber', carrierName: 'carrier', channelName: 'channel' };

function toInput(v: HandoutForm, entry: HandoutQueueEntry, by: string, id: string, at: string): ResultHandoutInput {
  const delivery: ResultHandoutInput['delivery'] =
    v.method === 'inPerson'
      ? {
          method: 'inPerson',
          recipientName: v.recipientName,
          recipientIdType: 'residentId',
          recipientIdNumber: v.recipientIdNumber,
          relation: v.relation,
          idCheckedBy: v.idCheckedBy,
          ...(v.relation === 'agent' && v.authorisationRef.trim() ? { authorisation: { document: '授权委托书', reference: v.authorisationRef.trim() } } : {}),
        }
      : v.method === 'post'
        ? { method: 'post', carrier: v.carrier, trackingNumber: v.trackingNumber, recipientName: v.recipientName, recipientPhone: v.recipientPhone, address: v.address }
        : { method: 'electronic', channel: v.channel, reference: v.reference };
  return { schemaVersion: HANDOUT_SCHEMA_VERSION, id, caseId: entry.caseId, caseNumber: entry.caseNumber, at, by, departmentCodes: entry.readyDepartments, delivery };
}

export function HandoutCount() {
  const n = useLiveQuery(async () => (await loadHandoutQueue()).length, []);
  if (!n) return null;
  return (
    <span className="badge" data-testid="handout-count">
      {n}
    </span>
  );
}

export function HandoutsPage() {
  const locale = useLocale();
  const { departments } = useCatalog();
  const queue = useLiveQuery(() => loadHandoutQueue(), []);
  const recent = useLiveQuery(() => listHandouts(), []);
  const followUps = useLiveQuery(() => loadFollowUps(), []);
  const { t } = useTranslation();
  const [open, setOpen] = useState<HandoutQueueEntry | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="handouts-page" data-testid="handouts-page">
      <h1 tabIndex={-1}>{tx('title', locale)}</h1>
      <p className="muted">{tx('intro', locale)}</p>
      {saved && (
        <div className="alert" role="status" data-testid="handout-saved">
          {tx('saved', locale, { n: saved })}
        </div>
      )}
      {queue && queue.length === 0 && <p data-testid="handout-empty">{tx('empty', locale)}</p>}
      {queue && queue.length > 0 && (
        <table className="table" data-testid="handout-queue">
          <thead>
            <tr>
              <th>{tx('caseNumber', locale)}</th>
              <th>{tx('departments', locale)}</th>
              <th>{tx('readySince', locale)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {queue.map((e) => (
              <tr key={e.caseId} data-testid={`handout-row-${e.caseNumber}`}>
                <td>{e.caseNumber}</td>
                <td data-testid="handout-departments">{departmentNames(departments, e.readyDepartments, locale)}</td>
                <td>{new Date(e.readySince).toLocaleString(locale)}</td>
                <td>
                  <button type="button" className="btn btn-primary" onClick={() => { setSaved(null); setOpen(e); }} data-testid="record-handout">
                    {tx('record', locale)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <HandoutFormView
          key={open.caseId}
          entry={open}
          onDone={(n) => {
            setOpen(null);
            setSaved(n);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {recent && recent.length > 0 && (
        <>
          <h2>{tx('recent', locale)}</h2>
          <table className="table" data-testid="handout-recent">
            <tbody>
              {[...recent].sort((a, b) => b.createdAt - a.createdAt).slice(0, 50).map((r) => (
                <tr key={r.id} data-testid={`handed-out-${r.handout.caseNumber}`}>
                  <td>{r.handout.caseNumber}</td>
                  <td>{tx(r.handout.delivery.method, locale)}</td>
                  <td data-testid="handout-sync-state" title={r.error}>{tx(r.state, locale)}</td>
                  <td>
                    <RateButton caseId={r.caseId} caseNumber={r.handout.caseNumber} trigger="afterHandout" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2 id="followups">{tx('followUps', locale)}</h2>
      {followUps && followUps.length === 0 && <p>{tx('followUpsEmpty', locale)}</p>}
      {followUps && followUps.length > 0 && (
        <table className="table" data-testid="followups">
          <thead>
            <tr>
              <th>{tx('caseNumber', locale)}</th>
              <th>{tx('level', locale)}</th>
              <th>{tx('reasons', locale)}</th>
              <th>{tx('callBackBy', locale)}</th>
              <th>{tx('fixBy', locale)}</th>
              <th>{tx('syncState', locale)}</th>
              <th>{t('lifecycle.followUp.history')}</th>
            </tr>
          </thead>
          <tbody>
            {followUps.map((r) => (
              <tr key={r.id} data-testid={`followup-${r.caseNumber}`}>
                <td>{r.caseNumber}</td>
                <td>{ratingLevelLabel(r.rating.level, locale)}</td>
                <td>
                  {r.rating.tags.map((t) => (POSITIVE_TAGS as Record<string, { 'zh-CN': string; 'en-US': string }>)[t]?.[locale] ?? (NEGATIVE_TAGS as Record<string, { 'zh-CN': string; 'en-US': string }>)[t]?.[locale] ?? t).join('、')}
                  {r.rating.comment ? ` — ${r.rating.comment}` : ''}
                </td>
                <td data-testid="followup-callback">
                  {r.followUp!.callBackBy}
                  {r.followUp!.provisional && <span className="muted" title={t('deferral.provisional')}>{t('deferral.provisionalMark')}</span>}
                </td>
                <td>
                  {r.followUp!.fixBy}
                  {r.followUp!.provisional && <span className="muted" title={t('deferral.provisional')}>{t('deferral.provisionalMark')}</span>}
                </td>
                <td title={r.error}>{tx(r.state, locale)}</td>
                <td>
                  <FollowUpCell r={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type FormProps = { entry: HandoutQueueEntry; onDone: (caseNumber: string) => void; onCancel: () => void };

/** Waits for the local case (when it is here) so the form starts with the applicant's details. */
function HandoutFormView(props: FormProps) {
  const caseRecord = useLiveQuery(async () => (await getCaseRecord(props.entry.caseId)) ?? null, [props.entry.caseId]);
  if (caseRecord === undefined) return null;
  return <HandoutFormInner {...props} c={caseRecord?.case} />;
}

function HandoutFormInner({ entry, onDone, onCancel, c }: FormProps & { c: IntakeCase | undefined }) {
  const locale = useLocale();
  const { session } = useSession();
  const id = useRef(crypto.randomUUID());
  const applicant = c?.applicant;
  const resolver: Resolver<HandoutForm> = useMemo(
    () => async (values) => {
      const flat = HandoutForm.safeParse(values);
      if (!flat.success) return { values: {}, errors: { root: { type: 'zod', message: flat.error.issues[0]?.message ?? 'invalid' } } as FieldErrors<HandoutForm> };
      const v = validateHandout(toInput(flat.data, entry, session.clerkId, id.current, chinaIso()), c);
      if (v.ok) return { values: flat.data, errors: {} };
      const errors: Record<string, { type: string; message: string }> = {};
      for (const i of v.errors) {
        const last = i.path.split('.').at(-1) ?? '';
        const name = (FIELD_OF[last] ?? (last in flat.data ? last : 'root')) as string;
        errors[name] ??= { type: i.code, message: i.message[locale] };
      }
      return { values: {}, errors: errors as FieldErrors<HandoutForm> };
    },
    [entry, c, session.clerkId, locale],
  );
  const { register, handleSubmit, watch, formState } = useForm<HandoutForm>({
    resolver,
    defaultValues: {
      method: 'inPerson',
      recipientName: applicant?.kind === 'person' ? applicant.name : '',
      recipientIdNumber: '',
      relation: applicant?.kind === 'organisation' ? 'legalRepresentative' : 'applicant',
      idCheckedBy: 'cardReader',
      authorisationRef: '',
      carrier: 'ems',
      trackingNumber: '',
      recipientPhone: applicant?.phone ?? '',
      address: applicant?.address ?? '',
      channel: 'governmentApp',
      reference: '',
    },
  });
  const method = watch('method');
  const relation = watch('relation');
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const v = validateHandout(toInput(values, entry, session.clerkId, id.current, chinaIso()), c);
    if (!v.ok) return;
    await saveHandout(v.handout);
    void requestSync();
    onDone(entry.caseNumber);
  });
  return (
    <form className="card handout-form" onSubmit={onSubmit} noValidate data-testid="handout-form">
      <h2>
        {tx('record', locale)} · {entry.caseNumber}
      </h2>
      <fieldset>
        <legend>{tx('method', locale)}</legend>
        {(['inPerson', 'post', 'electronic'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" value={m} {...register('method')} data-testid={`method-${m}`} /> {tx(m, locale)}
          </label>
        ))}
      </fieldset>
      {method !== 'electronic' && <FormField label={tx('recipientName', locale)} error={e.recipientName?.message} {...register('recipientName')} data-testid="recipient-name" />}
      {method === 'inPerson' && (
        <>
          <div className="field">
            <label htmlFor="handout-relation">{tx('relation', locale)}</label>
            <select id="handout-relation" {...register('relation')} data-testid="recipient-relation">
              <option value="applicant">{tx('applicant', locale)}</option>
              <option value="legalRepresentative">{tx('legalRepresentative', locale)}</option>
              <option value="agent">{tx('agent', locale)}</option>
            </select>
            {e.relation && <div className="field-error" role="alert">{e.relation.message}</div>}
          </div>
          <FormField label={tx('recipientIdNumber', locale)} error={e.recipientIdNumber?.message} {...register('recipientIdNumber')} data-testid="recipient-id" autoComplete="off" />
          <div className="field">
            <label htmlFor="handout-checked">{tx('idCheckedBy', locale)}</label>
            <select id="handout-checked" {...register('idCheckedBy')}>
              <option value="cardReader">{tx('cardReader', locale)}</option>
              <option value="manual">{tx('manual', locale)}</option>
            </select>
          </div>
          {relation === 'agent' && <FormField label={tx('authorisation', locale)} error={e.authorisationRef?.message} {...register('authorisationRef')} data-testid="authorisation" />}
        </>
      )}
      {method === 'post' && (
        <>
          <div className="field">
            <label htmlFor="handout-carrier">{tx('carrier', locale)}</label>
            <select id="handout-carrier" {...register('carrier')}>
              {CARRIERS.map((k) => (
                <option key={k} value={k}>
                  {k.toUpperCase()}
                </option>
              ))}
            </select>
            {e.carrier && <div className="field-error" role="alert">{e.carrier.message}</div>}
          </div>
          <FormField label={tx('trackingNumber', locale)} error={e.trackingNumber?.message} {...register('trackingNumber')} data-testid="tracking-number" />
          <FormField label={tx('phone', locale)} error={e.recipientPhone?.message} {...register('recipientPhone')} />
          <FormField label={tx('address', locale)} error={e.address?.message} {...register('address')} />
        </>
      )}
      {method === 'electronic' && (
        <>
          <div className="field">
            <label htmlFor="handout-channel">{tx('channel', locale)}</label>
            <select id="handout-channel" {...register('channel')}>
              <option value="governmentApp">浙里办</option>
              <option value="electronicLicence">{locale === 'zh-CN' ? '电子证照库' : 'Electronic licence library'}</option>
              <option value="email">{locale === 'zh-CN' ? '电子邮件' : 'E-mail'}</option>
              <option value="other">{locale === 'zh-CN' ? '其他' : 'Other'}</option>
            </select>
          </div>
          <FormField label={tx('reference', locale)} error={e.reference?.message} {...register('reference')} data-testid="electronic-reference" />
        </>
      )}
      {e.root && <div className="alert alert-error" role="alert">{e.root.message}</div>}
      <div className="actions">
        <button type="submit" className="btn btn-primary" data-testid="save-handout" disabled={formState.isSubmitting}>
          {tx('save', locale)}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {tx('cancel', locale)}
        </button>
      </div>
    </form>
  );
}

const FOLLOW_UP_BADGE = { pending: 'tag', calledBack: 'tag', resolved: 'tag tag-ok', overdue: 'tag tag-warn' } as const;

/** A 差评's call-back and fix: status against the deadlines, what was recorded, the form to record it. */
function FollowUpCell({ r }: { r: RatingRecord }) {
  const { t } = useTranslation();
  const { clerk } = useSession();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState(r.followUpRecord?.outcome ?? '');
  const [fix, setFix] = useState(r.followUpRecord?.fix ?? '');
  const [fixed, setFixed] = useState(false);
  const [errors, setErrors] = useState<FollowUpRecordError[]>([]);
  const f = r.followUp!;
  const rec = r.followUpRecord;
  const today = chinaDateOf(chinaIso());
  const st = followUpStatus(f, rec, today);
  const errorOf = (field: 'outcome' | 'fix') => {
    const e = errors.find((x) => 'field' in x && x.field === field);
    return e ? t('lifecycle.followUp.required', { what: t(field === 'outcome' ? 'lifecycle.followUp.outcome' : 'lifecycle.followUp.fix') }) : undefined;
  };
  const save = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const res = recordFollowUp(f, rec, { at: chinaIso(), by: clerk.clerkId, outcome, fix, fixed });
    if (!res.ok) {
      setErrors(res.errors);
      return;
    }
    setErrors([]);
    await saveFollowUpRecord(r.id, res.record);
    setOpen(false);
  };
  return (
    <div className="small" data-testid="followup-progress">
      <span className={FOLLOW_UP_BADGE[st.status]} data-testid="followup-status" data-status={st.status}>
        {t(`lifecycle.followUp.status.${st.status}`)}
      </span>
      {!rec && st.status !== 'overdue' && <span className="muted"> {t('lifecycle.followUp.deadline', { date: f.callBackBy })}</span>}
      {rec && (
        <div data-testid="followup-record">
          <div>
            {rec.calledBackAt.slice(0, 16).replace('T', ' ')} · {rec.calledBackBy}：{rec.outcome}
          </div>
          {rec.fix && (
            <div>
              {t('lifecycle.followUp.fix')}：{rec.fix}
              {rec.fixedAt ? ` (${rec.fixedAt.slice(0, 10)} · ${rec.fixedBy})` : ''}
            </div>
          )}
        </div>
      )}
      {!rec?.fixedAt && !open && (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="followup-record-open">
          {t('lifecycle.followUp.record')}
        </button>
      )}
      {open && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="followup-form">
          <div className={errorOf('outcome') ? 'field has-error' : 'field'}>
            <label htmlFor={`fu-outcome-${r.id}`}>{t('lifecycle.followUp.outcome')}</label>
            <textarea id={`fu-outcome-${r.id}`} rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="followup-outcome" />
            {errorOf('outcome') && <div className="field-error" role="alert">{errorOf('outcome')}</div>}
          </div>
          <div className={errorOf('fix') ? 'field has-error' : 'field'}>
            <label htmlFor={`fu-fix-${r.id}`}>{t('lifecycle.followUp.fix')}</label>
            <textarea id={`fu-fix-${r.id}`} rows={2} value={fix} onChange={(e) => setFix(e.target.value)} data-testid="followup-fix" />
            {errorOf('fix') && <div className="field-error" role="alert">{errorOf('fix')}</div>}
          </div>
          <label className="option">
            <input type="checkbox" checked={fixed} onChange={(e) => setFixed(e.target.checked)} data-testid="followup-fixed" /> {t('lifecycle.followUp.resolved')}
          </label>{' '}
          <button type="submit" className="btn btn-primary btn-small" data-testid="followup-save">
            {t('lifecycle.followUp.save')}
          </button>
        </form>
      )}
    </div>
  );
}
