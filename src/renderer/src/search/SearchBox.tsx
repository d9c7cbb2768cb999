/**
 * The search box in the top bar: always one keystroke away (/ or Ctrl+K),
 * hanzi, full pinyin, initials, codes and aliases; arrows and Enter.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { search, type SearchHit } from '@core/search';
import { useCatalog } from '../catalog/CatalogContext';
import { navigate } from '../ui/router';

const MAX_RESULTS = 12;

export function SearchBox() {
  const { t } = useTranslation();
  const view = useCatalog();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const hits: SearchHit[] = useMemo(
    () => (query.trim() ? search(view.searchIndex, query, MAX_RESULTS) : []),
    [query, view.searchIndex],
  );

  useEffect(() => setActive(0), [query]);

  // Global shortcut: "/" (when not typing elsewhere) or Ctrl/Cmd+K focuses the search.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if ((e.key === 'k' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openHit = (hit: SearchHit | undefined) => {
    if (!hit) return;
    navigate(hit.kind === 'item' ? { name: 'item', code: hit.id } : { name: 'bundle', id: hit.id });
    setOpen(false);
    setQuery('');
    inputRef.current?.blur();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openHit(hits[active]);
    } else if (e.key === 'Escape') {
      if (query) setQuery('');
      else inputRef.current?.blur();
      setOpen(false);
    }
  };

  const showList = open && query.trim().length > 0;
  return (
    <div className="search" role="search">
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <kbd className="search-kbd" aria-hidden>/</kbd>
      {showList && (
        <div className="search-popup">
          <ul id={listId} role="listbox" className="search-results" aria-label={t('search.label')}>
            {hits.length === 0 && <li className="search-empty">{t('search.noResults', { query: query.trim() })}</li>}
            {hits.map((hit, i) => (
              <SearchResultRow key={`${hit.kind}:${hit.id}`} id={`${listId}-${i}`} hit={hit} selected={i === active} onPick={() => openHit(hit)} onHover={() => setActive(i)} />
            ))}
          </ul>
          <div className="search-footer">{t('search.keys')}</div>
        </div>
      )}
    </div>
  );
}

function SearchResultRow({ id, hit, selected, onPick, onHover }: { id: string; hit: SearchHit; selected: boolean; onPick: () => void; onHover: () => void }) {
  const { t } = useTranslation();
  const view = useCatalog();
  const item = hit.kind === 'item' ? view.items.get(hit.id) : undefined;
  const bundle = hit.kind === 'bundle' ? view.bundles.get(hit.id) : undefined;
  const name = item?.name ?? bundle?.name ?? hit.id;
  const dept = item ? view.departments.get(item.departmentCode)?.shortName ?? view.departments.get(item.departmentCode)?.name : undefined;
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      className={selected ? 'search-hit selected' : 'search-hit'}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
      onMouseMove={onHover}
      data-testid="search-hit"
    >
      <span className={`tag ${hit.kind === 'bundle' ? 'tag-bundle' : 'tag-item'}`}>{hit.kind === 'bundle' ? t('search.kindBundle') : t('search.kindItem')}</span>
      <span className="search-hit-name">{name}</span>
      {hit.matchedField !== 'name' && (
        <span className="search-hit-why">
          {t(`search.matched.${hit.matchedField}`)}：{hit.matchedText}
        </span>
      )}
      <span className="search-hit-meta">{dept ?? (item ? item.basicCode : bundle ? t('bundle.itemCount', { count: bundle.items.length }) : '')}</span>
    </li>
  );
}
