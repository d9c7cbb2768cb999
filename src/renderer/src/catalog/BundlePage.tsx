/** A one-thing bundle (一件事): its items and departments, and the materials collected once. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveBundle } from '@core/bundle';
import { formatTimeLimit } from '@core/catalog/format';
import { hrefFor } from '../ui/router';
import { useCatalog } from './CatalogContext';
import { useLocale } from '../i18n/useLocale';
import { StartIntakeButton } from '../intake/StartIntakeButton';

export function BundlePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const bundle = view.bundles.get(id);
  const resolved = useMemo(() => (bundle ? resolveBundle(view.catalog, bundle) : null), [bundle, view.catalog]);
  if (!bundle || !resolved) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
        <p>{t('bundle.notFound', { id })}</p>
      </section>
    );
  }
  const deptName = (c: string) => {
    const d = view.departments.get(c);
    return d ? (locale === 'en-US' && d.nameEn ? d.nameEn : d.name) : c;
  };
  return (
    <article className="guide" data-testid="bundle-page">
      <div className="page-head">
        <div>
          <div className="muted small">{t('bundle.title')}</div>
          <h1 tabIndex={-1}>{locale === 'en-US' && bundle.nameEn ? bundle.nameEn : bundle.name}</h1>
          <p>{bundle.description}</p>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-quiet" onClick={() => history.back()}>{t('guide.back')}</button>
          <StartIntakeButton subject={{ kind: 'bundle', bundleId: bundle.id, basicCodes: bundle.items.map((r) => r.basicCode) }} subjectName={bundle.name} />
        </div>
      </div>
      <section>
        <h2>{t('bundle.items')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th>{t('browse.columns.name')}</th>
              <th>{t('browse.columns.department')}</th>
              <th>{t('browse.columns.limit')}</th>
              <th>{t('guide.materials')}</th>
            </tr>
          </thead>
          <tbody>
            {resolved.items.map(({ item, optional }) => (
              <tr key={item.basicCode}>
                <td>
                  <a href={hrefFor({ name: 'item', code: item.basicCode })}>{item.name}</a>
                  {optional && <span className="tag">{t('bundle.optional')}</span>}
                </td>
                <td>{deptName(item.departmentCode)}</td>
                <td>{formatTimeLimit(item.promisedLimit, locale)}</td>
                <td>{item.materials.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t('bundle.departments')}</h2>
        <p>{resolved.departmentCodes.map(deptName).join('、')}</p>
      </section>
      {resolved.sharedMaterials.length > 0 && (
        <section>
          <h2>{t('bundle.sharedMaterials')}</h2>
          <ul className="plain">
            {resolved.sharedMaterials.map((s) => (
              <li key={s.sharedMaterialId}>
                {s.name} <span className="muted small">{t('bundle.usedBy', { count: s.itemCodes.length })}：{s.itemCodes.map((c) => view.items.get(c)?.name ?? c).join('、')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
