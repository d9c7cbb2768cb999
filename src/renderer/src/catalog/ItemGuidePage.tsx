/** The full guide (办事指南) of one item: everything a clerk may be asked at the window. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition, Item, Material } from '@core/catalog/schema';
import { formatFee, formatTimeLimit, labels } from '@core/catalog/format';
import { hrefFor } from '../ui/router';
import { useCatalog } from './CatalogContext';
import { NationalGuideParts } from './NationalGuideParts';
import { useLocale } from '../i18n/useLocale';
import { StartIntakeButton } from '../intake/StartIntakeButton';

export function describeConditions(item: Item, conditions: Condition[]): string {
  return conditions
    .map((c) => {
      const q = item.situations.find((s) => s.id === c.questionId);
      const opts = c.optionIds.map((o) => q?.options.find((x) => x.id === o)?.label ?? o).join(' / ');
      return `${q?.text ?? c.questionId}：${opts}`;
    })
    .join('；');
}

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'kv wide' : 'kv'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ItemGuidePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const item = view.items.get(code);
  if (!item) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
        <p>{t('guide.notFound', { version: view.catalog.version, code })}</p>
        <a href="#/">{t('app.backHome')}</a>
      </section>
    );
  }
  const L = labels[locale];
  const dept = view.departments.get(item.departmentCode);
  const deptName = (c: string) => {
    const d = view.departments.get(c);
    return d ? (locale === 'en-US' && d.nameEn ? d.nameEn : d.name) : c;
  };
  const bundles = view.bundlesOfItem.get(item.basicCode) ?? [];
  return (
    <article className="guide" data-testid="item-guide">
      <div className="page-head">
        <div>
          <div className="muted small">
            {dept ? deptName(dept.code) : item.departmentCode} · {L.itemType[item.type]} · <span className="mono">{item.basicCode}</span>
            {item.implementationCode && (
              <>
                {' '}· {t('national.guide.implementationCode')} <span className="mono" data-testid="implementation-code">{item.implementationCode}</span>
              </>
            )}
            {item.level && <> · {t(`national.guide.levels.${item.level}`)}</>}
          </div>
          <h1 tabIndex={-1}>{item.name}</h1>
          {item.aliases.length > 0 && <div className="aliases">{item.aliases.map((a) => <span key={a} className="tag">{a}</span>)}</div>}
        </div>
        <div className="actions">
          <button type="button" className="btn btn-quiet" onClick={() => history.back()}>
            {t('guide.back')}
          </button>
          <StartIntakeButton
            subject={{
              kind: 'item',
              basicCode: item.basicCode,
              ...(item.implementationCode ? { implementationCode: item.implementationCode } : {}),
              handlingItemCodes: item.handlingItems.length === 1 ? [item.handlingItems[0]!.code] : [],
            }}
            subjectName={item.name}
          />
        </div>
      </div>

      <div className="summary-strip">
        <div><span className="muted small">{t('guide.promisedLimit')}</span><strong>{formatTimeLimit(item.promisedLimit, locale)}</strong></div>
        <div><span className="muted small">{t('guide.statutoryLimit')}</span><strong>{formatTimeLimit(item.statutoryLimit, locale)}</strong></div>
        <div><span className="muted small">{t('guide.fee')}</span><strong>{formatFee(item.fee, locale)}</strong></div>
        <div><span className="muted small">{t('guide.visits')}</span><strong>{item.onSiteVisits.count}</strong></div>
        <div><span className="muted small">{t('guide.caseType')}</span><strong>{L.caseType[item.caseType]}</strong></div>
        <div><span className="muted small">{t('guide.online')}</span><strong>{item.online ? t('browse.yes') : t('browse.no')}</strong></div>
      </div>

      {/* national implementation lists: implementations, limit explanations, special procedures */}
      <NationalGuideParts item={item} />

      <section aria-labelledby="basic">
        <h2 id="basic">{t('guide.basicInfo')}</h2>
        <dl className="kvs">
          <Field label={t('guide.department')}>{deptName(item.departmentCode)}</Field>
          <Field label={t('guide.coHandling')}>{item.coHandlingDepartmentCodes.length ? item.coHandlingDepartmentCodes.map(deptName).join('、') : t('guide.none')}</Field>
          <Field label={t('guide.handlingItems')} wide>
            <ul className="plain">
              {item.handlingItems.map((h) => (
                <li key={h.code}>
                  {h.name} <span className="mono muted">{h.code}</span>
                  {h.promisedLimit && <span className="muted"> · {formatTimeLimit(h.promisedLimit, locale)}</span>}
                </li>
              ))}
            </ul>
          </Field>
          {item.fee.charged && <Field label={t('guide.feeBasis')} wide>{item.fee.basis}<ul className="plain">{item.fee.items.map((f) => <li key={f.name}>{f.name}：{f.amount}</li>)}</ul></Field>}
          {item.onSiteVisits.count > 0 && item.onSiteVisits.reason && <Field label={t('guide.visits')} wide>{t('guide.visitsReason', { reason: item.onSiteVisits.reason })}</Field>}
          {item.serviceScope && <Field label={t('guide.scope')}>{item.serviceScope}</Field>}
          {item.location && <Field label={t('guide.location')}>{item.location}</Field>}
          {item.hours && <Field label={t('guide.hours')}>{item.hours}</Field>}
          {item.consultPhone && <Field label={t('guide.consult')}>{item.consultPhone}</Field>}
          {item.complaintPhone && <Field label={t('guide.complaint')}>{item.complaintPhone}</Field>}
        </dl>
      </section>

      <section aria-labelledby="conditions">
        <h2 id="conditions">{t('guide.conditions')}</h2>
        <ol className="numbered">{item.acceptanceConditions.map((c, i) => <li key={i}>{c}</li>)}</ol>
      </section>

      {item.situations.length > 0 && (
        <section aria-labelledby="situations">
          <h2 id="situations">{t('guide.situations')}</h2>
          <p className="muted small">{t('guide.situationsHint')}</p>
          <ol className="numbered">
            {item.situations.map((q) => (
              <li key={q.id}>
                <strong>{q.text}</strong> {q.options.map((o) => <span key={o.id} className="tag">{o.label}</span>)}
                {q.askWhen.length > 0 && <div className="muted small">{t('guide.askWhen', { conditions: describeConditions(item, q.askWhen) })}</div>}
                {q.help && <div className="muted small">{q.help}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="materials">
        <h2 id="materials">
          {t('guide.materials')} <span className="muted small">{t('guide.materialCount', { count: item.materials.length })}</span>
        </h2>
        <ol className="materials">
          {item.materials.map((m, i) => (
            <MaterialCard key={m.id} item={item} material={m} index={i} />
          ))}
        </ol>
      </section>

      {item.results.length > 0 && (
        <section aria-labelledby="results">
          <h2 id="results">{t('guide.results')}</h2>
          <ul className="plain">
            {item.results.map((r) => (
              <li key={r.name}>
                {r.name} <span className="tag">{L.resultType[r.type]}</span>
                {r.electronic && <span className="tag tag-ok">{t('guide.electronicLicence')}</span>}
                {r.sample && <span className="muted small"> {t('guide.resultSample', { sample: r.sample })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="basis">
        <h2 id="basis">{t('guide.legalBasis')}</h2>
        <ul className="plain">{item.legalBasis.map((b, i) => <li key={i}>{b}</li>)}</ul>
      </section>

      {item.fields.length > 0 && (
        <section aria-labelledby="fields">
          <h2 id="fields">{t('guide.fields')}</h2>
          <ul className="plain">
            {item.fields.map((f) => (
              <li key={f.id}>
                {f.label}
                {f.required && <span className="tag tag-warn">{t('guide.required')}</span>}
                {f.help && <span className="muted small"> {f.help}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {bundles.length > 0 && (
        <section aria-labelledby="bundles">
          <h2 id="bundles">{t('guide.inBundles')}</h2>
          <ul className="plain">
            {bundles.map((b) => (
              <li key={b.id}><a href={hrefFor({ name: 'bundle', id: b.id })}>{b.name}</a></li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function MaterialCard({ item, material: m, index }: { item: Item; material: Material; index: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const L = labels[locale];
  const handling = m.handlingItems.map((c) => item.handlingItems.find((h) => h.code === c)?.name ?? c);
  return (
    <li className={`material necessity-${m.necessity}`} data-testid="material">
      <div className="material-head">
        <span className="material-no">{index + 1}</span>
        <strong>{m.name}</strong>
        <span className={`tag necessity ${m.necessity}`}>{L.necessity[m.necessity]}</span>
        <span className="tag">{L.materialType[m.type]}</span>
        <span className="muted">
          {t('guide.material.copies')} {m.copies}
          {m.paperSize ? ` · ${L.paperSize[m.paperSize]}` : ''}
        </span>
        {m.forms.includes('dataSharing') && <span className="tag tag-ok">{L.materialForm.dataSharing}</span>}
      </div>
      <dl className="kvs compact">
        <Field label={t('guide.material.standard')} wide>{m.acceptanceStandard}</Field>
        <Field label={t('guide.material.form')}>{m.forms.map((f) => L.materialForm[f]).join('、')}</Field>
        <Field label={t('guide.material.source')}>
          {L.materialSource[m.source]}
          {m.issuingDepartment ? `（${m.issuingDepartment}）` : ''}
        </Field>
        <Field label={t('guide.material.appliesWhen')}>{m.appliesWhen.length ? describeConditions(item, m.appliesWhen) : t('guide.material.always')}</Field>
        {handling.length > 0 && <Field label={t('guide.material.handlingItems')}>{handling.join('、')}</Field>}
        {m.legalBasis && <Field label={t('guide.material.basis')} wide>{m.legalBasis}</Field>}
        {m.blankForm && <Field label={t('guide.material.blankForm')}>{m.blankForm}</Field>}
        {m.sample && <Field label={t('guide.material.sample')}>{m.sample}</Field>}
        {m.fillingNotes && <Field label={t('guide.material.notes')} wide>{m.fillingNotes}</Field>}
        {m.remarks && <Field label={t('guide.material.remarks')} wide>{m.remarks}</Field>}
        {(m.originalCount !== undefined || m.copyCount !== undefined) && (
          <Field label={t('guide.material.copies')}>
            {[m.originalCount ? t('national.guide.originalCount', { count: m.originalCount }) : '', m.copyCount ? t('national.guide.copyCount', { count: m.copyCount }) : ''].filter(Boolean).join('，')}
          </Field>
        )}
        {(m.signing?.length || m.signingNote) && (
          <Field label={t('national.guide.signing')} wide>
            {m.signing?.map((k) => <span key={k} className="tag tag-warn" data-testid="signing">{t(`national.guide.signingKinds.${k}`)}</span>)}
            {m.signingNote && <span className="muted small"> {m.signingNote}</span>}
          </Field>
        )}
        {m.sourceNote && <Field label={t('national.guide.sourceNote')} wide>{m.sourceNote}</Field>}
      </dl>
    </li>
  );
}
