/**
 * The draft was started on an older catalog version: show what changed in its item(s)
 * and let the clerk carry the draft over (answers and material states that still make
 * sense are kept; what no longer exists is listed as dropped).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { carryDraftOver } from '@core/intake/carryOver';
import type { IntakeCase } from '@core/intake/case';
import { loadCatalogVersion } from '../catalog/catalog-store';
import { useCatalog } from '../catalog/CatalogContext';
import { FieldChanges, Keyed } from '../catalog/CatalogDiffView';
import { nowIso } from './intake-store';

export function CatalogChangeBanner({ draft, onCarriedOver }: { draft: IntakeCase; onCarriedOver: (c: IntakeCase) => void }) {
  const { t } = useTranslation();
  const view = useCatalog();
  const [open, setOpen] = useState(false);
  const old = useLiveQuery(() => loadCatalogVersion(draft.catalogVersion), [draft.catalogVersion]);
  if (old === undefined) return null;
  const outcome = old ? carryDraftOver(draft, old.catalog, view.catalog, { at: nowIso() }) : null;
  return (
    <div className="alert alert-warn" role="status" data-testid="catalog-changed">
      <strong>{t('intake.catalogChanged.title', { from: draft.catalogVersion, to: view.catalog.version })}</strong>
      {!outcome && <p>{t('intake.catalogChanged.oldMissing')}</p>}
      {outcome && outcome.blocked !== false && <p>{t('intake.catalogChanged.blocked')}</p>}
      {outcome && outcome.blocked === false && (
        <>
          <p className="small">
            {outcome.changed ? t('intake.catalogChanged.summary', { dropped: outcome.dropped.answers.length + outcome.dropped.materials.length, added: outcome.added.length }) : t('intake.catalogChanged.noEffect')}
          </p>
          <button type="button" className="btn btn-small" onClick={() => setOpen((o) => !o)}>{t('intake.catalogChanged.show')}</button>{' '}
          <button type="button" className="btn btn-small btn-primary" onClick={() => onCarriedOver(outcome.draft)} data-testid="carry-over">
            {t('intake.catalogChanged.carryOver')}
          </button>
          {open && (
            <div className="small">
              {outcome.itemDiffs.map((d) => (
                <div key={d.basicCode}>
                  <strong>{d.name}</strong>
                  <FieldChanges changes={d.fields} />
                  <Keyed title={t('guide.situations')} diff={d.situations} />
                  <Keyed title={t('guide.materials')} diff={d.materials} />
                </div>
              ))}
              {outcome.dropped.answers.length > 0 && <p>{t('intake.catalogChanged.droppedAnswers')}：{outcome.dropped.answers.map((a) => a.questionText ?? a.key).join('、')}</p>}
              {outcome.dropped.materials.length > 0 && <p>{t('intake.catalogChanged.droppedMaterials')}：{outcome.dropped.materials.map((m) => m.name ?? m.key).join('、')}</p>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
