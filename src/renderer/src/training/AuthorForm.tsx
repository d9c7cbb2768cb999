/**
 * Authoring a drill scenario from any catalog item (react-hook-form + zod): who comes and what
 * they say, the situation answers, what they bring for each checklist line, and the decision.
 * The expected material states follow the documents (brought original / copy / missing /
 * defective; a line the catalog can fetch by data sharing and nobody brought is "fetched"); the
 * notice or 容缺 list follows the intake rules. The whole scenario is checked with the core's
 * import (parseScenarioData) — every problem shown as `path: reason` — and the preview is what
 * the trainee will see. Saved into the pack "authored-<工号>".
 */
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { MaterialState } from '@core/intake/case';
import { deriveChecklist } from '@core/intake/checklist';
import { assessMaterials, noticeKeys } from '@core/training/outcome';
import { DEFECT_KINDS, parseScenarioData, ScenarioPack, type Scenario, type ScenarioDocument, type ScenarioIssue } from '@core/training/scenario';
import { useCatalog } from '../catalog/CatalogContext';
import { useSession } from '../session/SessionGate';
import { FormField } from '../ui/FormField';
import { ApplicantCards } from './ApplicantCards';
import { IssueList } from './IssueList';
import { loadPack, savePack } from './drill-store';

const DocChoice = z.enum(['original', 'copy', 'missing', 'defective', 'none']);
type DocChoice = z.infer<typeof DocChoice>;

const FormSchema = z.object({
  id: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'a–z, 0–9, -'),
  title: z.string().trim().min(1).max(100),
  level: z.coerce.number().int().min(1).max(5),
  basicCode: z.string().min(1),
  handlingItemCode: z.string(),
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(1).max(30),
  says: z.string().trim().min(1).max(2000),
  decision: z.enum(['accept', 'oneTimeNotice', 'deferral', 'refuse']),
  whereToApply: z.string().max(300),
  debrief: z.string().trim().min(1).max(4000),
});
type FormValues = z.input<typeof FormSchema>;

export function AuthorForm() {
  const { t } = useTranslation();
  const view = useCatalog();
  const catalog = view.catalog;
  const { session } = useSession();
  const first = catalog.items[0]!;
  const form = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    mode: 'onChange',
    defaultValues: {
      id: '',
      title: '',
      level: 2,
      basicCode: first.basicCode,
      handlingItemCode: first.handlingItems[0]?.code ?? '',
      name: '',
      idNumber: '',
      phone: '',
      says: '',
      decision: 'accept',
      whereToApply: '',
      debrief: '',
    },
  });
  const { register, watch, formState } = form;
  const v = watch();
  const item = catalog.items.find((i) => i.basicCode === v.basicCode) ?? first;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [docs, setDocs] = useState<Record<string, { choice: DocChoice; defect: (typeof DEFECT_KINDS)[number]; note: string }>>({});
  const [issues, setIssues] = useState<ScenarioIssue[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const subject = useMemo(
    () => ({ kind: 'item' as const, basicCode: item.basicCode, handlingItemCodes: item.handlingItems.length > 1 && v.handlingItemCode ? [v.handlingItemCode] : item.handlingItems.length === 1 ? [item.handlingItems[0]!.code] : [] }),
    [item, v.handlingItemCode],
  );
  const hasAgent = answers['shared/applicant-is-agent'] === 'agent';
  const checklist = useMemo(() => deriveChecklist(catalog, subject, answers, { hasAgent }), [catalog, subject, answers, hasAgent]);

  /** The scenario the form describes (before checking). */
  const scenario = useMemo((): unknown => {
    const documents: ScenarioDocument[] = [];
    const materials: Record<string, { status: MaterialState['status'] }> = {};
    const states: Record<string, MaterialState> = {};
    for (const line of checklist.materials) {
      const d = docs[line.key] ?? { choice: 'original' as DocChoice, defect: 'other' as const, note: '' };
      let status: MaterialState['status'];
      if (d.choice === 'original' || d.choice === 'copy') {
        documents.push({ key: line.key, state: 'present', form: d.choice, ...(d.note ? { note: d.note } : {}) });
        status = d.choice === 'copy' ? 'receivedCopy' : 'receivedOriginal';
      } else if (d.choice === 'defective') {
        documents.push({ key: line.key, state: 'defective', defect: d.defect, ...(d.note ? { note: d.note } : {}) });
        status = 'deficient';
      } else if (d.choice === 'missing' || !line.canFetch) {
        if (d.choice === 'missing' || line.necessity !== 'optional') documents.push({ key: line.key, state: 'missing', ...(d.note ? { note: d.note } : {}) });
        status = 'missing';
      } else status = 'fetched';
      states[line.key] = status === 'deficient' ? { status, reason: d.note || '不符合受理标准' } : { status };
      if (line.necessity !== 'optional' || d.choice !== 'none') materials[line.key] = { status };
    }
    const assessment = assessMaterials(checklist, states);
    const missingOrBad = noticeKeys(checklist, assessment);
    const decision =
      v.decision === 'oneTimeNotice'
        ? { kind: 'oneTimeNotice', notice: missingOrBad }
        : v.decision === 'deferral'
          ? { kind: 'deferral', deferred: missingOrBad }
          : v.decision === 'refuse'
            ? { kind: 'refuse', refusalCode: 'notJurisdiction', whereToApply: v.whereToApply }
            : { kind: 'accept' };
    const refuse = v.decision === 'refuse';
    const asked = new Set(checklist.questions.map((q) => q.key));
    return {
      id: v.id,
      title: v.title,
      level: Number(v.level),
      tags: ['authored'],
      catalogVersion: catalog.version,
      drillDate: catalog.effectiveDate,
      applicant: {
        party: { kind: 'person', name: v.name, idType: 'residentId', idNumber: v.idNumber, phone: v.phone },
        agent: null,
        says: v.says,
        documents,
        circumstances: refuse ? [{ kind: 'otherJurisdiction', note: v.whereToApply || '—', competentAuthority: v.whereToApply || '—' }] : [],
      },
      expected: {
        subject,
        answers: refuse ? {} : Object.fromEntries(Object.entries(answers).filter(([k]) => asked.has(k))),
        materials: refuse ? {} : materials,
        decision,
      },
      debrief: { 'zh-CN': v.debrief },
    };
  }, [v, checklist, docs, answers, subject, catalog]);

  const checked = useMemo(() => parseScenarioData(scenario, catalog), [scenario, catalog]);
  const preview = checked.ok ? checked.scenario : null;

  const save = form.handleSubmit(async () => {
    setSaved(null);
    if (!checked.ok) return setIssues(checked.errors);
    setIssues(null);
    const packId = `authored-${session.clerkId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
    const existing = await loadPack(packId);
    const scenarios = [...(existing?.pack.scenarios ?? []).filter((s) => s.id !== checked.scenario.id), checked.scenario];
    await savePack(ScenarioPack.parse({ schemaVersion: 1, packId, title: t('training.author.packTitle', { name: session.name }), scenarios }), 'authored');
    setSaved(t('training.author.saved', { title: checked.scenario.title }));
  });

  const err = (k: keyof FormValues) => formState.errors[k]?.message as string | undefined;
  return (
    <div className="tr-grid2" data-testid="author">
      <form className="panel tr-form" onSubmit={(e) => void save(e)} noValidate>
        <h2 style={{ marginTop: 0 }}>{t('training.author.scenario')}</h2>
        <div className="field">
          <label htmlFor="author-item">{t('training.author.item')}</label>
          <select id="author-item" {...register('basicCode')} data-testid="author-item">
            {catalog.items.map((i) => (
              <option key={i.basicCode} value={i.basicCode}>
                {i.name} ({i.basicCode})
              </option>
            ))}
          </select>
        </div>
        {item.handlingItems.length > 1 && (
          <div className="field">
            <label htmlFor="author-handling">{t('training.author.handlingItem')}</label>
            <select id="author-handling" {...register('handlingItemCode')}>
              {item.handlingItems.map((h) => (
                <option key={h.code} value={h.code}>
                  {h.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <FormField label={t('training.author.id')} hint="food-licence-2" error={err('id')} {...register('id')} data-testid="author-id" />
        <FormField label={t('training.author.title')} error={err('title')} {...register('title')} data-testid="author-title" />
        <div className="field">
          <label htmlFor="author-level">{t('training.author.level')}</label>
          <select id="author-level" {...register('level')}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)}
              </option>
            ))}
          </select>
        </div>
        <h2>{t('training.author.applicant')}</h2>
        <FormField label={t('training.applicant.name')} error={err('name')} {...register('name')} data-testid="author-name" />
        <FormField label={t('training.applicant.idNumber')} error={err('idNumber')} {...register('idNumber')} data-testid="author-idnumber" />
        <FormField label={t('training.applicant.phone')} error={err('phone')} {...register('phone')} data-testid="author-phone" />
        <div className={`field ${err('says') ? 'has-error' : ''}`}>
          <label htmlFor="author-says">{t('training.applicant.says')}</label>
          <textarea id="author-says" rows={3} {...register('says')} data-testid="author-says" />
          {err('says') && <div className="field-error">{err('says')}</div>}
        </div>
        {checklist.questions.length > 0 && <h2>{t('training.author.answers')}</h2>}
        {checklist.questions.map((q) => (
          <div className="field" key={q.key}>
            <label htmlFor={`q-${q.key}`}>{q.text}</label>
            <select id={`q-${q.key}`} value={answers[q.key] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.key]: e.target.value })} data-testid="author-question">
              <option value="">—</option>
              {q.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <h2>{t('training.author.documents')}</h2>
        {checklist.materials.map((line) => {
          const d = docs[line.key] ?? { choice: 'original' as DocChoice, defect: 'other' as const, note: '' };
          const set = (x: Partial<typeof d>) => setDocs({ ...docs, [line.key]: { ...d, ...x } });
          return (
            <div className="tr-doc-row" key={line.key} data-testid="author-doc">
              <span className="small">
                {line.name} <span className="muted">({t(`training.necessity.${line.necessity}`)})</span>
              </span>
              <select value={d.choice} onChange={(e) => set({ choice: e.target.value as DocChoice })} aria-label={line.name}>
                {DocChoice.options.map((c) => (
                  <option key={c} value={c}>
                    {t(`training.author.doc.${c}`)}
                  </option>
                ))}
              </select>
              <select value={d.defect} disabled={d.choice !== 'defective'} onChange={(e) => set({ defect: e.target.value as (typeof DEFECT_KINDS)[number] })} aria-label={t('training.author.defect')}>
                {DEFECT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`training.defect.${k}`)}
                  </option>
                ))}
              </select>
              <input value={d.note} placeholder={t('training.author.note')} onChange={(e) => set({ note: e.target.value })} />
            </div>
          );
        })}
        <h2>{t('training.author.decision')}</h2>
        <div className="field">
          <label htmlFor="author-decision">{t('training.author.decision')}</label>
          <select id="author-decision" {...register('decision')} data-testid="author-decision">
            {(['accept', 'oneTimeNotice', 'deferral', 'refuse'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`training.decision.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {v.decision === 'refuse' && <FormField label={t('training.author.whereToApply')} error={err('whereToApply')} {...register('whereToApply')} />}
        <div className={`field ${err('debrief') ? 'has-error' : ''}`}>
          <label htmlFor="author-debrief">{t('training.author.debrief')}</label>
          <textarea id="author-debrief" rows={3} {...register('debrief')} data-testid="author-debrief" />
          {err('debrief') && <div className="field-error">{err('debrief')}</div>}
        </div>
        {issues && issues.length > 0 && <IssueList issues={issues} testId="author-errors" />}
        {!checked.ok && !issues && formState.isDirty && <IssueList issues={checked.errors.slice(0, 8)} testId="author-live-errors" />}
        {saved && (
          <div className="alert alert-ok" role="status" data-testid="author-saved">
            {saved}
          </div>
        )}
        <button type="submit" className="btn btn-primary" data-testid="author-save">
          {t('training.author.save')}
        </button>
      </form>
      <div className="tr-sticky">
        <h2 style={{ marginTop: 0 }}>{t('training.author.preview')}</h2>
        {preview ? <ApplicantCards scenario={preview as Scenario} catalog={catalog} /> : <p className="muted small">{t('training.author.previewWaiting')}</p>}
      </div>
    </div>
  );
}
