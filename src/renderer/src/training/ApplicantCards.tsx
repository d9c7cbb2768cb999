/**
 * The simulated applicant of a drill, as the trainee meets them at the window: who they are,
 * what they say in their own words, the documents they put on the counter (present, missing,
 * defective — as cards), and anything special. Used by the drill brief, the drill dock and
 * the authoring preview.
 */
import { useTranslation } from 'react-i18next';
import type { Catalog } from '@core/catalog/schema';
import { parseKey } from '@core/intake/case';
import { DEFECT_LABELS, type Scenario } from '@core/training/scenario';
import { useLocale } from '../i18n/useLocale';

/** The catalog's name for a checklist key (the material a document answers to). */
export function materialNameOf(catalog: Catalog | null | undefined, key: string): string {
  const k = parseKey(key);
  if (!catalog || !k) return key;
  const [head, id] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
  if (head === 'shared') {
    for (const item of catalog.items) {
      const m = item.materials.find((x) => x.sharedMaterialId === id);
      if (m) return m.name;
    }
    if (id === 'power-of-attorney') return '授权委托书';
    if (id === 'agent-id-card') return '代理人身份证件';
    return key;
  }
  return catalog.items.find((i) => i.basicCode === head)?.materials.find((m) => m.id === id)?.name ?? key;
}

export function ApplicantCards({ scenario, catalog, compact = false }: { scenario: Scenario; catalog: Catalog | null | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const a = scenario.applicant;
  const p = a.party;
  return (
    <div className={`tr-applicant ${compact ? 'compact' : ''}`} data-testid="drill-applicant">
      <div className="tr-card tr-person">
        <div className="tr-card-label">{p.kind === 'person' ? t('training.applicant.person') : t('training.applicant.organisation')}</div>
        <div className="tr-person-name" data-testid="drill-applicant-name">{p.name}</div>
        <dl className="tr-kv">
          {p.kind === 'person' ? (
            <>
              <dt>{t('training.applicant.idNumber')}</dt>
              <dd className="mono">{p.idNumber}</dd>
            </>
          ) : (
            <>
              <dt>{t('training.applicant.uscc')}</dt>
              <dd className="mono">{p.uscc}</dd>
              <dt>{t('training.applicant.legalRep')}</dt>
              <dd>{p.legalRepresentative}</dd>
            </>
          )}
          <dt>{t('training.applicant.phone')}</dt>
          <dd className="mono">{p.phone}</dd>
          {p.address && (
            <>
              <dt>{t('training.applicant.address')}</dt>
              <dd>{p.address}</dd>
            </>
          )}
        </dl>
        {a.agent && (
          <div className="tr-agent" data-testid="drill-agent">
            <div className="tr-card-label">{t('training.applicant.agent')}{a.agent.relation ? ` · ${a.agent.relation}` : ''}</div>
            <div>
              <strong>{a.agent.name}</strong> <span className="mono small">{a.agent.idNumber}</span> <span className="mono small">{a.agent.phone}</span>
            </div>
          </div>
        )}
      </div>
      <blockquote className="tr-says" data-testid="drill-says">
        <div className="tr-card-label">{t('training.applicant.says')}</div>
        “{a.says}”
        {locale === 'en-US' && a.saysEn && <div className="small muted">{a.saysEn}</div>}
      </blockquote>
      <div className="tr-docs" aria-label={t('training.applicant.documents')}>
        <div className="tr-card-label">{t('training.applicant.documents')}</div>
        <ul className="tr-doc-list">
          {a.documents.map((d, i) => (
            <li key={`${d.key}-${i}`} className={`tr-doc tr-doc-${d.state}`} data-testid="drill-document" data-state={d.state}>
              <span className="tr-doc-state">{t(`training.docState.${d.state}`)}</span>
              <span className="tr-doc-name">{d.label ?? materialNameOf(catalog, d.key)}</span>
              {d.form && d.state !== 'missing' && <span className="tr-doc-form small muted">{t(`training.docForm.${d.form}`)}</span>}
              {d.defect && <span className="tr-doc-defect small">{DEFECT_LABELS[d.defect][locale]}</span>}
              {d.note && <span className="tr-doc-note small muted">{d.note}</span>}
            </li>
          ))}
          {a.documents.length === 0 && <li className="muted small">{t('training.applicant.noDocuments')}</li>}
        </ul>
      </div>
      {a.circumstances.length > 0 && (
        <div className="tr-circumstances" data-testid="drill-circumstances">
          <div className="tr-card-label">{t('training.applicant.circumstances')}</div>
          <ul>
            {a.circumstances.map((c, i) => (
              <li key={i}>
                <span className="badge-inline">{t(`training.circumstance.${c.kind}`)}</span> {c.note}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
