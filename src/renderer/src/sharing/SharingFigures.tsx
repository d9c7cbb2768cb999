/**
 * 减材料 on the supervisors' dashboards: per item and per centre, the materials fetched (at the
 * window, or left to the department) against those brought on paper, and how many applicants
 * were spared a document (core/quality/sharing.ts). Live decided cases only.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchableMaterialKeys, sharingFigures, type SharingRow } from '@core/quality/sharing';
import { useLiveQuery } from '../store/live-query';
import { useCatalog } from '../catalog/CatalogContext';
import { loadDecidedCases } from './sharing-data';
import './sharing.css';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function SharingFigures({ itemNames, centreNames }: { itemNames: ReadonlyMap<string, string>; centreNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { catalog } = useCatalog();
  const cases = useLiveQuery(loadDecidedCases, []);
  const figures = useMemo(() => (cases ? sharingFigures(cases, fetchableMaterialKeys(catalog)) : null), [cases, catalog]);
  if (!figures) return null;
  const itemName = (code: string) => itemNames.get(code) ?? catalog.items.find((i) => i.basicCode === code)?.name ?? code;
  const table = (rows: SharingRow[], label: string, name: (k: string) => string, testId: string) => (
    <table className="table dash-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{label}</th>
          <th>{t('sharing.figures.cases')}</th>
          <th>{t('sharing.figures.fetchedAtWindow')}</th>
          <th>{t('sharing.figures.fetchedByDepartment')}</th>
          <th>{t('sharing.figures.paper')}</th>
          <th>{t('sharing.figures.fetchRate')}</th>
          <th>{t('sharing.figures.spared')}</th>
        </tr>
      </thead>
      <tbody>
        {[...rows, figures.total].map((r, i) => (
          <tr key={`${r.key}-${i}`} data-key={i === rows.length ? 'total' : r.key} className={i === rows.length ? 'dash-total' : undefined}>
            <td>{i === rows.length ? t('sharing.figures.total') : name(r.key)}</td>
            <td className="num">{r.cases}</td>
            <td className="num">{r.fetchedAtWindow}</td>
            <td className="num">{r.fetchedByDepartment}</td>
            <td className="num">{r.paper}</td>
            <td className="num">{pct(r.fetchRate)}</td>
            <td className="num">{r.applicantsSpared}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="sharing-figures" data-testid="sharing-figures">
      <h2>{t('sharing.figures.title')}</h2>
      {figures.total.cases === 0 ? (
        <p className="muted">{t('sharing.figures.empty')}</p>
      ) : (
        <div className="dash-table-wrap">
          {table(figures.byItem, t('sharing.figures.item'), itemName, 'sharing-by-item')}
          {table(figures.byCentre, t('sharing.figures.centre'), (k) => centreNames.get(k) ?? k, 'sharing-by-centre')}
        </div>
      )}
    </section>
  );
}
