/**
 * 办件: today's cases, all, or by status, newest first; search by ID number, name or case
 * number. Pages of 50 by keyset (see cases-store), live: a case saved elsewhere shows up.
 * ID numbers are masked in the list (the full number is on the case itself).
 */
import { useDeferredValue, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import type { CaseStatus } from '@core/intake/case';
import { chinaDateTimeOf } from '@core/intake/time';
import { maskForRole } from '@core/quality/masking';
import { useSession } from '../session/SessionGate';
import { hrefFor } from '../ui/router';
import {
  CASE_STATUSES,
  caseRoute,
  chinaToday,
  countCases,
  listCases,
  PAGE_SIZE,
  type CaseCount,
  type CaseCursor,
  type CaseFilter,
  type CasePage,
  type CaseRow,
  type CaseView,
} from './cases-store';
import { FollowUpButton } from '../intake/FollowUpButton';
import './cases.css';

type Tab = 'today' | 'all' | CaseStatus;
/** Unfinished intakes (drafts) right after today's: what the clerk comes back to. */
const TABS: readonly Tab[] = ['today', 'draft', 'all', ...CASE_STATUSES.filter((s) => s !== 'draft')];

function viewOf(tab: Tab, day: string): CaseView {
  if (tab === 'today') return { view: 'today', day };
  if (tab === 'all') return { view: 'all' };
  return { view: 'status', status: tab };
}

const STATUS_TAG: Record<CaseStatus, string> = {
  draft: 'tag tag-warn',
  accepted: 'tag tag-ok',
  noticeIssued: 'tag tag-warn',
  refused: 'tag tag-refused',
};

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('today');
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query.trim());
  const day = chinaToday();
  const view = viewOf(tab, day);
  const filter: CaseFilter = search ? { ...view, search } : view;
  const filterKey = JSON.stringify(filter);
  // Cursors of the pages visited for this filter: [null (page 1), end of page 1, …]; the last one is shown.
  const [paging, setPaging] = useState<{ key: string; cursors: (CaseCursor | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const setCursors = (f: (cs: (CaseCursor | null)[]) => (CaseCursor | null)[]) => setPaging({ key: filterKey, cursors: f(cursors) });
  const after = cursors[cursors.length - 1] ?? null;

  const live = useLiveQuery(() => listCases(filter, { after }), [filterKey, after?.updatedAt, after?.id]);
  // Keep showing the previous page while the next one loads (no flash of an empty table).
  const lastPage = useRef<CasePage | undefined>(undefined);
  if (live) lastPage.current = live;
  const page = live ?? lastPage.current;

  const counts = useLiveQuery(() => Promise.all(TABS.map((k) => countCases(viewOf(k, day)))), [day]);
  const tabCount = (k: Tab): CaseCount | undefined => counts?.[TABS.indexOf(k)];
  const total: CaseCount | undefined = search ? (live?.matched ?? undefined) : tabCount(tab);

  const nf = new Intl.NumberFormat(i18n.language);
  const countText = (c: CaseCount) => `${nf.format(c.count)}${c.more ? '+' : ''}`;
  const pageNo = cursors.length;
  const from = (pageNo - 1) * PAGE_SIZE + 1;
  const rows = page?.rows ?? [];

  const tabLabel = (k: Tab) => (k === 'today' ? t('cases.tabs.today') : k === 'all' ? t('cases.tabs.all') : t(`cases.status.${k}`));

  return (
    <section className="cases" data-testid="cases-page">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('cases.title')}</h1>
          <div className="muted small" data-testid="cases-total" aria-live="polite">
            {total === undefined
              ? t('cases.loading')
              : search
                ? total.more
                  ? t('cases.matchesMore', { n: nf.format(total.count) })
                  : t('cases.matches', { n: nf.format(total.count) })
                : t('cases.total', { n: countText(total) })}
          </div>
        </div>
        <div className="tabs" role="tablist" aria-label={t('cases.viewsLabel')}>
          {TABS.map((k) => {
            const c = tabCount(k);
            return (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={tab === k ? 'tab current' : 'tab'}
                data-testid={`cases-tab-${k}`}
                onClick={() => setTab(k)}
              >
                {tabLabel(k)}
                {c && <span className="tab-count">{countText(c)}</span>}
              </button>
            );
          })}
        </div>
      </div>

      <div className="cases-toolbar" role="search">
        <input
          type="search"
          className="cases-search"
          aria-label={t('cases.searchLabel')}
          placeholder={t('cases.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="case-row"] a')?.focus();
            }
          }}
          data-testid="cases-search"
        />
        {search && page && page.searchedBy.length > 0 && (
          <span className="muted small" data-testid="cases-searched-by">
            {t(`cases.searchedBy.${page.searchedBy.length > 1 ? 'idOrCaseNumber' : page.searchedBy[0]!}`)}
          </span>
        )}
        {search && page?.scope === 'all' && tab !== 'all' && (
          <span className="muted small" data-testid="cases-search-scope">
            {t('cases.searchEverywhere', { tab: tabLabel(tab) })}
          </span>
        )}
        <Pager
          pageNo={pageNo}
          from={from}
          shown={rows.length}
          hasPrev={pageNo > 1}
          hasNext={!!page?.next}
          onPrev={() => setCursors((cs) => (cs.length > 1 ? cs.slice(0, -1) : cs))}
          onNext={() => {
            const next = page?.next;
            if (next) setCursors((cs) => [...cs, next]);
          }}
        />
      </div>

      {page && rows.length === 0 ? (
        <p className="muted" data-testid="cases-empty">
          {search ? t('cases.empty.search', { query: search }) : tab === 'today' ? t('cases.empty.today') : t('cases.empty.any')}
        </p>
      ) : (
        <CaseTable rows={rows} day={day} caption={tabLabel(tab)} showDay={!!search} />
      )}
      {page?.truncated && <p className="muted small">{t('cases.truncated')}</p>}
    </section>
  );
}

function Pager(props: { pageNo: number; from: number; shown: number; hasPrev: boolean; hasNext: boolean; onPrev: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  const { pageNo, from, shown, hasPrev, hasNext, onPrev, onNext } = props;
  return (
    <div className="pager">
      <span className="muted small" data-testid="cases-range">
        {shown > 0 ? t('cases.range', { page: pageNo, from, to: from + shown - 1 }) : ''}
      </span>
      <button type="button" className="btn btn-small" disabled={!hasPrev} onClick={onPrev} data-testid="cases-prev">
        {t('cases.prev')}
      </button>
      <button type="button" className="btn btn-small" disabled={!hasNext} onClick={onNext} data-testid="cases-next">
        {t('cases.next')}
      </button>
    </div>
  );
}

/** The day before `day` (YYYY-MM-DD). */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * With a search, each row says which day's list it belongs to (今日 / 昨日 / the date it was
 * taken in): a search by ID number or case number looks through every case.
 */
function CaseTable({ rows, day, caption, showDay }: { rows: CaseRow[]; day: string; caption: string; showDay: boolean }) {
  const role = useSession().session.role; // lists mask per role (@core/quality/masking: ID numbers always)
  const { t } = useTranslation();
  const yesterday = dayBefore(day);
  // ↑/↓ move between rows (each row's first cell is its link; Enter opens it).
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a.case-link')];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && i === 0) document.querySelector<HTMLInputElement>('[data-testid="cases-search"]')?.focus();
    else links[Math.max(0, Math.min(links.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <table className="table compact cases-table" data-testid="cases-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th>{t('cases.columns.caseNumber')}</th>
          <th>{t('cases.columns.applicant')}</th>
          <th>{t('cases.columns.idNumber')}</th>
          <th>{t('cases.columns.subject')}</th>
          <th>{t('cases.columns.status')}</th>
          {showDay && <th>{t('cases.columns.day')}</th>}
          <th>{t('cases.columns.updatedAt')}</th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {rows.map((r) => {
          const href = hrefFor(caseRoute(r));
          const when = chinaDateTimeOf(r.updatedAt);
          return (
            <tr key={r.id} data-testid="case-row" data-case-id={r.id} data-updated-at={r.updatedAt}>
              <td className="mono">
                <a className="case-link" href={href}>
                  {r.caseNumber || (r.status === 'draft' ? <span data-testid="case-resume">{t('cases.resumeDraft')}</span> : <span className="muted">{t('cases.noCaseNumber')}</span>)}
                </a>
              </td>
              <td data-testid="case-applicant-name">{r.applicantName ? (r.applicantKind === 'organisation' ? r.applicantName : maskForRole(r.applicantName, 'name', role)) : <span className="muted">{t('cases.noApplicant')}</span>}</td>
              <td className="mono" data-testid="case-id-number">
                {r.applicantIdNumber ? (r.applicantKind === 'organisation' ? maskForRole(r.applicantIdNumber, 'uscc', role) : maskForRole(r.applicantIdNumber, 'idNumber', role)) : ''}
              </td>
              <td className="cases-subject">{r.subjectName}</td>
              <td>
                <span className={STATUS_TAG[r.status]}>{t(`cases.status.${r.status}`)}</span>
                {r.status === 'noticeIssued' && r.case && <FollowUpButton c={r.case} small />}
              </td>
              {showDay && (
                <td className="mono" data-testid="case-day" data-day={r.createdDay}>
                  {r.createdDay === day ? t('cases.day.today') : r.createdDay === yesterday ? t('cases.day.yesterday') : r.createdDay}
                </td>
              )}
              <td className="mono">
                <time dateTime={r.updatedAt}>{when.date === day ? when.time : `${when.date} ${when.time}`}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
