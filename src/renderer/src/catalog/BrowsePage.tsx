/** Browse the catalog by department, by life/business theme, or the one-thing bundles. */
import { useTranslation } from 'react-i18next';
import { implementationCodeOf, type Item } from '@core/catalog/schema';
import { formatTimeLimit, labels } from '@core/catalog/format';
import { hrefFor } from '../ui/router';
import { useCatalog } from './CatalogContext';
import { useLocale } from '../i18n/useLocale';

type Tab = 'departments' | 'themes' | 'bundles';

export function BrowsePage({ tab, filter }: { tab: Tab; filter?: string }) {
  const { t } = useTranslation();
  return (
    <section className="browse">
      <div className="page-head">
        <h1 tabIndex={-1}>{tab === 'bundles' ? t('browse.bundles') : t('browse.title')}</h1>
        <div className="tabs" role="tablist">
          {(['departments', 'themes', 'bundles'] as const).map((k) => (
            <a
              key={k}
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? 'tab current' : 'tab'}
              href={hrefFor({ name: 'browse', tab: k })}
            >
              {k === 'departments' ? t('browse.byDepartment') : k === 'themes' ? t('browse.byTheme') : t('browse.bundles')}
            </a>
          ))}
        </div>
      </div>
      {tab === 'bundles' ? <BundleList /> : <FacetedItems tab={tab} filter={filter} />}
    </section>
  );
}

function FacetedItems({ tab, filter }: { tab: 'departments' | 'themes'; filter?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const { catalog } = view;
  const facets =
    tab === 'departments'
      ? catalog.departments.map((d) => ({
          id: d.code,
          label: locale === 'en-US' && d.nameEn ? d.nameEn : d.name,
          group: '',
          count: catalog.items.filter((i) => i.departmentCode === d.code).length,
        }))
      : catalog.themes.map((th) => ({
          id: th.id,
          label: locale === 'en-US' && th.nameEn ? th.nameEn : th.name,
          group: th.audience === 'person' ? t('browse.personThemes') : t('browse.businessThemes'),
          count: catalog.items.filter((i) => i.themeIds.includes(th.id)).length,
        }));
  const items: Item[] = filter
    ? catalog.items.filter((i) => (tab === 'departments' ? i.departmentCode === filter : i.themeIds.includes(filter)))
    : catalog.items;
  let lastGroup = '';
  return (
    <div className="browse-grid">
      <ul className="facets" aria-label={tab === 'departments' ? t('browse.byDepartment') : t('browse.byTheme')}>
        <li>
          <a className={!filter ? 'facet current' : 'facet'} href={hrefFor({ name: 'browse', tab })}>
            <span>{t('browse.allDepartments')}</span>
            <span className="count">{catalog.items.length}</span>
          </a>
        </li>
        {facets.map((f) => {
          const header = f.group && f.group !== lastGroup ? f.group : null;
          lastGroup = f.group;
          return (
            <li key={f.id}>
              {header && <div className="facet-group">{header}</div>}
              <a className={filter === f.id ? 'facet current' : 'facet'} href={hrefFor({ name: 'browse', tab, filter: f.id })} aria-current={filter === f.id ? 'true' : undefined}>
                <span>{f.label}</span>
                <span className="count">{f.count}</span>
              </a>
            </li>
          );
        })}
      </ul>
      <ItemTable items={items} />
    </div>
  );
}

export function ItemTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  if (items.length === 0) return <p className="muted">{t('browse.empty')}</p>;
  return (
    <table className="table" data-testid="item-table">
      <caption className="sr-only">{t('browse.itemCount', { count: items.length })}</caption>
      <thead>
        <tr>
          <th>{t('browse.columns.name')}</th>
          <th>{t('browse.columns.department')}</th>
          <th>{t('browse.columns.type')}</th>
          <th>{t('browse.columns.limit')}</th>
          <th>{t('browse.columns.online')}</th>
          <th>{t('browse.columns.code')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const dept = view.departments.get(item.departmentCode);
          return (
            <tr key={implementationCodeOf(item)}>
              <td>
                <a href={hrefFor({ name: 'item', code: implementationCodeOf(item) })}>{locale === 'en-US' && item.nameEn ? item.nameEn : item.name}</a>
                {item.aliases.length > 0 && <div className="muted small">{item.aliases.slice(0, 3).join(' · ')}</div>}
              </td>
              <td>{dept ? (locale === 'en-US' && dept.nameEn ? dept.nameEn : dept.shortName ?? dept.name) : item.departmentCode}</td>
              <td>{labels[locale].itemType[item.type]}</td>
              <td>{formatTimeLimit(item.promisedLimit, locale)}</td>
              <td>{item.online ? t('browse.yes') : t('browse.no')}</td>
              <td className="mono">{item.basicCode}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function BundleList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  return (
    <ul className="cards">
      {view.catalog.bundles.map((b) => (
        <li key={b.id} className="card">
          <a href={hrefFor({ name: 'bundle', id: b.id })} className="card-title">
            {locale === 'en-US' && b.nameEn ? b.nameEn : b.name}
          </a>
          <p className="small">{b.description}</p>
          <p className="muted small">
            {t('bundle.itemCount', { count: b.items.length })}：
            {b.items.map((r) => view.items.get(r.basicCode)?.name ?? r.basicCode).join('、')}
          </p>
        </li>
      ))}
    </ul>
  );
}
