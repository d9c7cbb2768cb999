/**
 * Before deciding: the lines left to the department to fetch (由部门调取, e.g. while offline).
 * Once the workstation is online the clerk can fetch them here, so the licence goes with the
 * case when it is pushed; what stays pending the department fetches.
 */
import { useTranslation } from 'react-i18next';
import { withMaterialState, type IntakeCase } from '@core/intake/case';
import type { Checklist } from '@core/intake/checklist';
import { licencesForLine, pendingFetches } from '@core/sharing/lookup';
import { useCatalog } from '../catalog/CatalogContext';
import { LicenceFetch } from './LicenceFetch';

export function PendingFetches({ c, checklist, update }: { c: IntakeCase; checklist: Checklist; update: (change: (c: IntakeCase) => IntakeCase) => void }) {
  const { t } = useTranslation();
  const { catalog } = useCatalog();
  if (c.status !== 'draft') return null;
  const lines = pendingFetches(c, checklist.materials, catalog);
  if (lines.length === 0) return null;
  return (
    <section className="pending-fetches no-print" data-testid="pending-fetches">
      <h3>{t('sharing.pending.title', { count: lines.length })}</h3>
      <p className="muted small">{t('sharing.pending.hint')}</p>
      <ul>
        {lines.map((line) => (
          <li key={line.key} data-testid="pending-fetch" data-key={line.key}>
            <strong>{line.name}</strong>
            <LicenceFetch
              c={c}
              lineKey={line.key}
              licences={licencesForLine(line, catalog)}
              state={c.materialStates[line.key] ?? { status: 'pending' }}
              set={(s) => update((x) => withMaterialState(x, line.key, s, new Date().toISOString()))}
              onAttached={() => undefined}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
