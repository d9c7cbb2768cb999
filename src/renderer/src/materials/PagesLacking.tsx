/** The decision step's check of the centre's scan policy: which received lines still lack pages. */
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import type { ChecklistMaterial } from '@core/intake/checklist';
import { linesLackingPages } from '@core/materials/policy';
import { useLiveQuery } from '../store/live-query';
import { loadMaterialsSettings } from './materials-store';

/** The received lines the policy requires pages for that have none (empty while the settings load). */
export function usePagesLacking(c: Pick<IntakeCase, 'materialStates' | 'materialPages'>, lines: readonly ChecklistMaterial[]): ChecklistMaterial[] {
  const settings = useLiveQuery(() => loadMaterialsSettings(), []);
  return settings ? linesLackingPages(lines, c.materialStates, c.materialPages, settings.scanPolicy) : [];
}

export function PagesLackingAlert({ lines }: { lines: readonly ChecklistMaterial[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <div className="alert alert-warn" role="status" data-testid="pages-lacking">
      {t('materials.lacking', { names: lines.map((l) => `「${l.name}」`).join('') })}
    </div>
  );
}
