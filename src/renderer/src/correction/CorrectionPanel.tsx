/**
 * 补正 on the case page: when a department returned the case for correction, the
 * panel lists every comment (the fields, materials and answers they name highlighted —
 * correctionTasks), shows the printable 补正告知书 (correctionNoticeContent), and lets the clerk
 * fix the case: the commented fields and materials reopen in a focused form → makeCaseRevision
 * → stored locally (db.revisions) → sent by the sync engine (sync/revision-sender.ts) → the
 * departments review again and the timeline shows 'resubmitted'.
 *
 * Every 补正 leads somewhere: the form always has a reply to the department (补正答复), and a
 * general comment — one that names no field — also opens the case's other fields and
 * materials, so a request like "说明经营场所用途" is answered by a reply alone or by any change.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import type { Catalog } from '@core/catalog/schema';
import type { IntakeCase, MaterialState } from '@core/intake/case';
import { correctionNoticeContent, correctionTasks, pendingCorrections, type CorrectionTasks } from '@core/lifecycle/correction';
import { correctionPoints, materialStateText, type CorrectionPoint } from '@core/lifecycle/caseFields';
import { MAX_REPLY_LENGTH, diffCaseVersions, makeCaseRevision, replyOf, type CaseChanges, type RevisionError } from '@core/lifecycle/revision';
import type { TFunction } from 'i18next';
import { getDb, type CaseRecord, type RevisionRecord } from '../store/db';
import { openRevisions } from '../store/case-store';
import { openStatusEventRecords } from '../store/sealed-records';
import { useLocale } from '../i18n/useLocale';
import { useCatalog } from '../catalog/CatalogContext';
import { getHost } from '../platform/host';
import { useSession } from '../session/SessionGate';
import { CorrectionNotice } from '../documents/CorrectionNotice';
import { requestSync } from '../sync/runtime';
import { chinaNowIso, latestVersion, saveRevision } from './revision-store';
import { answerPathOf, mergeFormFields, projectCaseFields } from '@core/bundle/form';
import './correction.css';

const MATERIAL_CHOICES = ['receivedOriginal', 'receivedCopy', 'fetched', 'missing'] as const;
type MaterialChoice = (typeof MATERIAL_CHOICES)[number] | '';

function caseOf(v: IntakeCase | { case: IntakeCase; revision: number }): IntakeCase {
  return 'revision' in v && 'case' in v ? v.case : (v as IntakeCase);
}

function errorText(e: RevisionError, t: TFunction): string {
  switch (e.code) {
    case 'applicantInvalid':
      return e.problems.map((p) => ('message' in p ? String((p as { message: unknown }).message) : t('correction.errors.applicantInvalid'))).join('；');
    case 'noChanges':
      return t('correction.noChanges');
    case 'replyTooLong':
      return t('correction.errors.replyTooLong', { max: e.max });
    default:
      return t(`correction.errors.${e.code}`);
  }
}

/** The value of a case field as the clerk sees it in a text box ('' when empty). */
function currentText(c: IntakeCase, path: string): string {
  const [head, a, b] = path.split('.');
  const v =
    head === 'applicant'
      ? (c.applicant as Record<string, unknown> | undefined)?.[a ?? '']
      : head === 'agent'
        ? (c.agent as Record<string, unknown> | null | undefined)?.[a ?? '']
        : head === 'fields'
          ? c.fields[a ?? '']?.[b ?? '']
          : undefined;
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

export function CorrectionPanel({ record, catalog }: { record: CaseRecord; catalog: Catalog }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { departments } = useCatalog();
  const caseId = record.id;
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [events, revisions] = await Promise.all([
      db.statusEvents.where('caseId').equals(caseId).toArray().then(openStatusEventRecords),
      db.revisions.where('caseId').equals(caseId).toArray().then(openRevisions),
    ]);
    return { events, revisions: revisions.sort((a, b) => a.revision - b.revision) };
  }, [caseId]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  const built = useMemo(() => {
    if (!data || record.case.decision?.kind !== 'accept') return null;
    const pending = pendingCorrections(data.events);
    const latest = latestVersion(record.case, data.revisions);
    const latestCase = caseOf(latest);
    let tasks: CorrectionTasks | null = null;
    let notice = null;
    let error: string | null = null;
    if (pending.length > 0) {
      try {
        tasks = correctionTasks(latestCase, pending, { catalog });
        notice = correctionNoticeContent(latestCase, catalog, tasks, { at: chinaNowIso(new Date(Math.max(...pending.map((e) => Date.parse(e.at))))) });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const cursors = new Set(pending.map((e) => e.cursor));
    // A fix already made for these requests (waiting to be sent, or sent and not yet reviewed). A
    // department that returned the case again meanwhile has a request no fix answers yet.
    const answeredCursors = new Set(
      data.revisions.flatMap((r) => (r.state !== 'needsFix' && r.record.reason.kind === 'correction' ? r.record.reason.eventCursors : [])),
    );
    const answered = cursors.size > 0 && [...cursors].every((c) => answeredCursors.has(c));
    return { pending, latest, latestCase, tasks, notice, error, answered };
  }, [data, record, catalog]);

  if (!data || !built) return null;
  if (built.pending.length === 0 && data.revisions.length === 0) return null;
  const { tasks, notice, pending } = built;

  const print = async () => {
    setBusy(true);
    const previous = document.title;
    document.title = `补正告知书-${record.caseNumber}`;
    try {
      await getHost().print({ title: document.title });
    } catch {
      // the print dialog was closed or is not available
    } finally {
      document.title = previous;
      setBusy(false);
    }
  };

  return (
    <section className="correction-panel" data-testid="correction-panel" aria-labelledby="correction-title">
      <div className="no-print">
        <h2 id="correction-title">
          {t('correction.title')}{' '}
          {pending.length > 0 && !built.answered && <span className="tag tag-warn">{t('correction.open')}</span>}
          {built.answered && <span className="tag">{t('correction.fixSaved')}</span>}
        </h2>
        {built.error && (
          <div className="alert alert-error" role="alert">
            {built.error}
          </div>
        )}
        {tasks && (
          <>
            <p className="small muted">{t('correction.intro', { count: tasks.total })}</p>
            {tasks.general.length > 0 && (
              <ul className="correction-general" data-testid="correction-general">
                {tasks.general.map((g, i) => (
                  <li key={i}>
                    {g.comment.comment}
                    {g.comment.departmentCode && <span className="small muted">（{departments.get(g.comment.departmentCode)?.name ?? t('correction.department')}）</span>}
                  </li>
                ))}
              </ul>
            )}
            {tasks.fields.length + tasks.answers.length > 0 && (
              <table className="table compact correction-table">
                <thead>
                  <tr>
                    <th>{t('correction.field')}</th>
                    <th>{t('correction.current')}</th>
                    <th>{t('correction.comments')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.fields.map((f) => (
                    <tr key={f.path} className="correction-highlight" data-testid="correction-field" data-path={f.path}>
                      <td>{f.label[locale]}</td>
                      <td className="mono">{f.currentValue ?? '—'}</td>
                      <td>{f.comments.map((c) => c.comment).join('；')}</td>
                    </tr>
                  ))}
                  {tasks.answers.map((a) => (
                    <tr key={a.key} className="correction-highlight" data-testid="correction-answer" data-key={a.key}>
                      <td>{a.question}</td>
                      <td>{a.currentAnswerLabel ?? '—'}</td>
                      <td>{a.comments.map((c) => c.comment).join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {tasks.materials.length > 0 && (
              <table className="table compact correction-table">
                <thead>
                  <tr>
                    <th>{t('correction.material')}</th>
                    <th>{t('correction.current')}</th>
                    <th>{t('correction.comments')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.materials.map((m) => (
                    <tr key={m.key} className="correction-highlight" data-testid="correction-material" data-key={m.key}>
                      <td>
                        {m.name}
                        {m.acceptanceStandard && <div className="small muted">{m.acceptanceStandard}</div>}
                      </td>
                      <td>{m.currentState ? materialStateText(m.currentState)[locale] : t('correction.notRecorded')}</td>
                      <td>{m.comments.map((c) => (c.page ? t('correction.onPage', { n: c.page.number }) : '') + c.comment).join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="actions">
              {notice && (
                <button type="button" className="btn" disabled={busy} onClick={() => void print()} data-testid="print-correction-notice">
                  {t('correction.printNotice')}
                </button>
              )}
              {!built.answered && !editing && (
                <button type="button" className="btn btn-primary" onClick={() => setEditing(true)} data-testid="correction-fix">
                  {t('correction.fix')}
                </button>
              )}
            </div>
            {editing && !built.answered && (
              <FixForm
                tasks={tasks}
                points={correctionPoints(built.latestCase, catalog)}
                latest={built.latest}
                catalog={catalog}
                reason={{ kind: 'correction', eventCursors: pending.map((e) => e.cursor), departmentCodes: tasks.departmentCodes }}
                onDone={() => setEditing(false)}
              />
            )}
          </>
        )}
        {data.revisions.length > 0 && <RevisionList original={record.case} revisions={data.revisions} catalog={catalog} />}
      </div>
      {notice && (
        <div className="doc-view" data-testid="correction-notice">
          <div className="doc-desk">
            <CorrectionNotice content={notice} />
          </div>
        </div>
      )}
    </section>
  );
}

type FixEntry = { path: string; label: string; comments: string[]; named: boolean };

function FixForm({
  tasks,
  points,
  latest,
  catalog,
  reason,
  onDone,
}: {
  tasks: CorrectionTasks;
  points: CorrectionPoint[];
  latest: ReturnType<typeof latestVersion>;
  catalog: Catalog;
  reason: { kind: 'correction'; eventCursors: number[]; departmentCodes: string[] };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const base = caseOf(latest);
  // What the departments named, first and highlighted; after a general comment, every other
  // field and material of the case too (the department did not say which).
  const openAll = tasks.general.length > 0 || tasks.fields.length + tasks.materials.length === 0;
  const namedFields: FixEntry[] = tasks.fields
    .filter((f) => f.path.split('.').length >= 2)
    .map((f) => ({ path: f.path, label: f.label[locale], comments: f.comments.map((c) => c.comment), named: true }));
  const namedMaterials: FixEntry[] = tasks.materials.map((m) => ({ path: m.key, label: m.name, comments: m.comments.map((c) => c.comment), named: true }));
  const named = new Set([...namedFields, ...namedMaterials].map((e) => e.path));
  const codes = base.subject.kind === 'bundle' ? base.subject.basicCodes : [base.subject.basicCode];
  const items = codes.map((code) => catalog.items.find((i) => i.basicCode === code)).filter((i): i is Catalog['items'][number] => !!i);
  const merged = mergeFormFields(items);
  // 一表申请: an item field the applicant section answers is not asked twice
  const askedOnce = (p: CorrectionPoint) => p.section !== 'itemField' || answerPathOf(merged, p.path, base.applicant?.kind) === p.path;
  const others = openAll ? points.filter((p) => !named.has(p.path) && askedOnce(p)).map((p) => ({ path: p.path, label: p.label[locale], comments: [], named: false, section: p.section })) : [];
  const textEntries: FixEntry[] = [...namedFields, ...others.filter((o) => o.section !== 'material')];
  const materialEntries: FixEntry[] = [...namedMaterials, ...others.filter((o) => o.section === 'material')];
  const [initial] = useState<Record<string, string>>(() => Object.fromEntries(textEntries.map((f) => [f.path, currentText(base, f.path)])));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [materials, setMaterials] = useState<Record<string, MaterialChoice>>(() => Object.fromEntries(materialEntries.map((m) => [m.path, ''])));
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes: CaseChanges = {};
    // 一表申请: an item field that the applicant section answers is fixed there, then carried to every item
    for (const f of textEntries) {
      const v = (values[f.path] ?? '').trim();
      if (v === (initial[f.path] ?? '')) continue;
      const parts = answerPathOf(merged, f.path, base.applicant?.kind).split('.');
      if (parts[0] === 'applicant' && parts.length === 2) changes.applicant = { ...(changes.applicant ?? {}), [parts[1]!]: v === '' ? null : v };
      else if (parts[0] === 'agent' && parts.length === 2) changes.agent = { ...(changes.agent ?? {}), [parts[1]!]: v === '' ? null : v };
      else if (parts[0] === 'fields' && parts.length >= 3) {
        const code = parts[1]!;
        const id = parts.slice(2).join('.');
        const kind = items.find((i) => i.basicCode === code)?.fields.find((x) => x.id === id)?.kind;
        const value = kind === 'number' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
        changes.fields = { ...(changes.fields ?? {}), [code]: { ...(changes.fields?.[code] ?? {}), [id]: value } };
      }
    }
    for (const [key, choice] of Object.entries(materials)) {
      if (!choice) continue;
      const state: MaterialState = choice === 'receivedOriginal' || choice === 'receivedCopy' ? { status: choice, copies: 1 } : { status: choice };
      changes.materialStates = { ...(changes.materialStates ?? {}), [key]: state };
    }
    const at = chinaNowIso();
    const withReply = { ...reason, ...(reply.trim() ? { reply: reply.trim() } : {}) };
    let r = makeCaseRevision(latest, changes, at, session.clerkId, { reason: withReply, catalog });
    if (r.ok) {
      const projected = projectCaseFields(merged, r.record.case);
      if (projected !== r.record.case.fields) r = makeCaseRevision(latest, { ...changes, fields: projected }, at, session.clerkId, { reason: withReply, catalog });
    }
    if (!r.ok) {
      // nothing changed and nothing said, or a reply too long: the reply box says so; the rest above the buttons
      const atReply = (x: RevisionError) => x.code === 'noChanges' || x.code === 'replyTooLong';
      const replyErrors = r.errors.filter(atReply);
      setReplyError(replyErrors.length > 0 ? replyErrors.map((x) => errorText(x, t)).join('；') : null);
      setErrors(r.errors.filter((x) => !atReply(x)).map((x) => errorText(x, t)));
      return;
    }
    setSaving(true);
    try {
      await saveRevision(r.record);
      setErrors([]);
      setReplyError(null);
      onDone();
      void requestSync();
    } catch (err) {
      setErrors([t('correction.errors.saveFailed', { reason: err instanceof Error ? err.message : String(err) })]);
    } finally {
      setSaving(false);
    }
  };

  const textField = (f: FixEntry) => (
    <label key={f.path} className={`field${f.named ? ' correction-highlight' : ''}`}>
      <span>{f.label}</span>
      <input name={f.path} data-testid={`fix-${f.path}`} value={values[f.path] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.path]: e.target.value }))} />
      {f.comments.length > 0 && <span className="correction-comment">{f.comments.join('；')}</span>}
    </label>
  );
  const materialField = (m: FixEntry) => (
    <label key={m.path} className={`field${m.named ? ' correction-highlight' : ''}`}>
      <span>
        {m.label}
        {!m.named && <span className="small muted"> · {materialStateText(base.materialStates[m.path])[locale]}</span>}
      </span>
      <select data-testid={`fix-material-${m.path}`} value={materials[m.path] ?? ''} onChange={(e) => setMaterials((v) => ({ ...v, [m.path]: e.target.value as MaterialChoice }))}>
        <option value="">{t('correction.materialUnchanged')}</option>
        {MATERIAL_CHOICES.map((s) => (
          <option key={s} value={s}>
            {materialStateText(s === 'receivedOriginal' || s === 'receivedCopy' ? { status: s, copies: 1 } : ({ status: s } as MaterialState))[locale]}
          </option>
        ))}
      </select>
      {m.comments.length > 0 && <span className="correction-comment">{m.comments.join('；')}</span>}
    </label>
  );

  return (
    <form className="correction-form card" onSubmit={(e) => void submit(e)} data-testid="correction-form">
      <h3>{t(openAll ? 'correction.formTitleAll' : 'correction.formTitle')}</h3>
      <label className={`field correction-reply${replyError ? ' has-error' : ''}`}>
        <span>{t('correction.reply')}</span>
        <textarea
          name="reply"
          data-testid="correction-reply"
          rows={3}
          maxLength={MAX_REPLY_LENGTH}
          value={reply}
          aria-invalid={replyError !== null}
          aria-describedby="correction-reply-help"
          onChange={(e) => {
            setReply(e.target.value);
            setReplyError(null);
          }}
        />
        <span id="correction-reply-help" className="field-hint">
          {t('correction.replyHint')}
        </span>
        {replyError && (
          <span className="field-error" role="alert" data-testid="correction-reply-error">
            {replyError}
          </span>
        )}
      </label>
      {namedFields.map(textField)}
      {namedMaterials.map(materialField)}
      {others.length > 0 && (
        <fieldset className="correction-others" data-testid="correction-others">
          <legend>{t(namedFields.length + namedMaterials.length > 0 ? 'correction.otherParts' : 'correction.allParts')}</legend>
          {others.filter((o) => o.section !== 'material').map(textField)}
          {others.filter((o) => o.section === 'material').map(materialField)}
        </fieldset>
      )}
      {errors.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="correction-errors">
          {errors.map((x, i) => (
            <div key={i}>{x}</div>
          ))}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="correction-save">
          {t('correction.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('correction.cancel')}
        </button>
      </div>
    </form>
  );
}

function RevisionList({ original, revisions, catalog }: { original: IntakeCase; revisions: RevisionRecord[]; catalog: Catalog }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="correction-revisions">
      <h3>{t('correction.versions')}</h3>
      <ol>
        {revisions.map((r, i) => {
          const before = i === 0 ? original : revisions[i - 1]!.record.case;
          const diff = diffCaseVersions(before, r.record.case, { catalog });
          return (
            <li key={r.revision} data-testid="revision-row" data-state={r.state} data-revision={r.revision}>
              <strong>{t('correction.version', { n: r.revision })}</strong> <span className={`tag revision-state-${r.state}`}>{t(`correction.states.${r.state}`)}</span>
              {r.record.reason.kind === 'supplement' && <span className="tag" data-testid="revision-reason-supplement">{t('lifecycle.supplement.reason')}</span>}
              {r.error && <span className="small error"> {r.error}</span>}
              {replyOf(r.record.reason) && (
                <div className="small" data-testid="revision-reply">
                  {t('correction.replyShown', { reply: replyOf(r.record.reason) })}
                </div>
              )}
              <ul className="small">
                {diff.changes.map((c) => (
                  <li key={c.path} data-path={c.path}>
                    {c.label[locale]}: <del>{c.before?.[locale] ?? '—'}</del> → <ins>{c.after?.[locale] ?? '—'}</ins>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
