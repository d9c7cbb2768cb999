/** What changed between two catalog versions: items, materials, situations, bundles, departments. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '@core/catalog/schema';
import { diffCatalogs, type FieldChange, type KeyedDiff, type EntityChange, type ItemDiff } from '@core/catalog/diff';
import { hrefFor } from '../ui/router';
import { useLocale } from '../i18n/useLocale';

export function CatalogDiffView({ from, to }: { from: Catalog; to: Catalog }) {
  const { t } = useTranslation();
  const diff = useMemo(() => diffCatalogs(from, to), [from, to]);
  return (
    <div data-testid="catalog-diff">
      <h3>{t('admin.diffTitle', { from: from.version, to: to.version })}</h3>
      {!diff.changed && <p className="muted">{t('admin.noChanges')}</p>}
      <FieldChanges changes={diff.meta} />
      <Keyed title={t('guide.department')} diff={diff.departments} />
      <Keyed title={t('nav.bundles')} diff={diff.bundles} />
      {(diff.items.added.length > 0 || diff.items.removed.length > 0) && (
        <ul className="plain">
          {diff.items.added.map((e) => (
            <li key={e.key} className="diff-added">
              + {t('admin.added')}：<a href={hrefFor({ name: 'item', code: e.key })}>{e.name}</a> <span className="mono">{e.key}</span>
            </li>
          ))}
          {diff.items.removed.map((e) => (
            <li key={e.key} className="diff-removed">
              − {t('admin.removed')}：{e.name} <span className="mono">{e.key}</span>
            </li>
          ))}
        </ul>
      )}
      {diff.items.changed.map((d) => <ItemChange key={d.basicCode} diff={d} />)}
    </div>
  );
}

function ItemChange({ diff }: { diff: ItemDiff }) {
  const { t } = useTranslation();
  return (
    <div className="diff-item">
      <div>
        <span className="diff-changed">~ {t('admin.changed')}</span>：<a href={hrefFor({ name: 'item', code: diff.basicCode })}>{diff.name}</a>{' '}
        <span className="mono muted">{diff.basicCode}</span>
      </div>
      <FieldChanges changes={diff.fields} />
      <Keyed title={t('guide.handlingItems')} diff={diff.handlingItems} />
      <Keyed title={t('guide.situations')} diff={diff.situations} />
      <Keyed title={t('guide.materials')} diff={diff.materials} />
    </div>
  );
}

export function Keyed({ title, diff }: { title: string; diff: KeyedDiff<EntityChange> }) {
  const { t } = useTranslation();
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
  return (
    <div className="small">
      <strong>{title}</strong>
      <ul className="plain">
        {diff.added.map((e) => <li key={`a-${e.key}`} className="diff-added">+ {t('admin.added')}：{e.name}</li>)}
        {diff.removed.map((e) => <li key={`r-${e.key}`} className="diff-removed">− {t('admin.removed')}：{e.name}</li>)}
        {diff.changed.map((c) => (
          <li key={`c-${c.key}`}>
            <span className="diff-changed">~ {c.name}</span>
            <FieldChanges changes={c.changes} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!changes.length) return null;
  return (
    <table className="table compact">
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.label[locale]}</th>
            <td><span className="muted">{t('admin.before')}：</span>{c.before?.[locale] ?? '—'}</td>
            <td><span className="muted">{t('admin.after')}：</span>{c.after?.[locale] ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
