import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchBox } from '../search/SearchBox';
import { useCatalog } from '../catalog/CatalogContext';
import { BrowsePage } from '../catalog/BrowsePage';
import { ItemGuidePage } from '../catalog/ItemGuidePage';
import { BundlePage } from '../catalog/BundlePage';
import { CatalogAdminPage } from '../catalog/CatalogAdminPage';
import { IntakePage } from '../intake/IntakePage';
import { CasePage } from '../intake/CasePage';
import { CasesPage } from '../cases/CasesPage';
import { setLocale } from '../i18n';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { signOut } from '../session/session-store';
import { hrefFor, useRoute, type Route } from './router';
import { SyncPage } from '../sync/SyncPage';
import { NotificationBell, SyncIndicator, SyncProgress } from '../sync/SyncTopBar';
import { useSyncEngine } from '../sync/runtime';
import { SettingsPage } from '../settings/SettingsPage';
import { HandoutCount, HandoutsPage } from '../handouts/HandoutsPage';
import { RatingView } from '../handouts/RatingView';
import { DeferralsPage, OverdueBadge } from '../deferral/DeferralsPage';

function NavLink({ route, current, children }: { route: Route; current: boolean; children: React.ReactNode }) {
  return (
    <a href={hrefFor(route)} className={current ? 'nav-link current' : 'nav-link'} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const view = useCatalog();
  const { session } = useSession();
  useSyncEngine(); // one sync engine while a clerk is signed in

  // Alt+Left goes back, as in a browser; a clerk rarely reaches for the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === 'ArrowLeft') history.back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Move focus to the page heading on navigation, for keyboard and screen-reader users.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false });
  }, [window.location.hash]);

  const locale = useLocale();
  const isBrowse = route.name === 'browse' || route.name === 'item';
  // The applicant-facing rating screen covers everything: no clerk controls on it.
  if (route.name === 'rate') return <RatingView caseId={route.caseId} trigger={route.trigger} />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <a className="brand" href="#/" aria-label={t('app.name')}>
          <span className="brand-mark" aria-hidden>窗</span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </a>
        <SearchBox />
        <div className="topbar-right">
          <SyncProgress />
          <SyncIndicator />
          <NotificationBell />
          <a className="badge" href="#/catalog" title={view.catalog.publisher} data-testid="catalog-version">
            {t('app.catalogVersion', { version: view.catalog.version })}
            {view.catalog.sampleData && <span className="badge-note">{t('app.sampleData')}</span>}
          </a>
          <button
            type="button"
            className="btn btn-quiet"
            aria-label={t('app.language')}
            data-testid="language-switch"
            onClick={async () => {
              await setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN');
            }}
          >
            {t('app.switchLanguage')}
          </button>
          <span className="clerk-badge" data-testid="clerk-badge">{t('signIn.signedInAs', { name: session.name, windowNo: session.windowNo })}</span>
          <button type="button" className="btn btn-quiet" onClick={() => void signOut()}>
            {t('signIn.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="primary">
        <NavLink route={{ name: 'browse', tab: 'departments' }} current={isBrowse && !(route.name === 'browse' && route.tab === 'bundles')}>
          {t('nav.guide')}
        </NavLink>
        <NavLink route={{ name: 'browse', tab: 'bundles' }} current={(route.name === 'browse' && route.tab === 'bundles') || route.name === 'bundle'}>
          {t('nav.bundles')}
        </NavLink>
        <NavLink route={{ name: 'cases' }} current={route.name === 'cases' || route.name === 'case'}>
          {t('cases.nav')}
        </NavLink>
        <NavLink route={{ name: 'deferrals' }} current={route.name === 'deferrals'}>
          {t('deferral.nav')} <OverdueBadge />
        </NavLink>
        <NavLink route={{ name: 'handouts' }} current={route.name === 'handouts'}>
          {locale === 'zh-CN' ? '出件' : 'Hand-out'} <HandoutCount />
        </NavLink>
        <NavLink route={{ name: 'catalogAdmin' }} current={route.name === 'catalogAdmin'}>
          {t('nav.catalogAdmin')}
        </NavLink>
        <NavLink route={{ name: 'sync' }} current={route.name === 'sync'}>
          {t('sync.nav')}
        </NavLink>
        <NavLink route={{ name: 'settings' }} current={route.name === 'settings'}>
          {t('settings.nav')}
        </NavLink>
        <div className="sidebar-foot">
          <div className="muted small">{t('search.hint')}</div>
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'browse':
      return <BrowsePage tab={route.tab} filter={route.filter} />;
    case 'item':
      return <ItemGuidePage code={route.code} />;
    case 'bundle':
      return <BundlePage id={route.id} />;
    case 'catalogAdmin':
      return <CatalogAdminPage />;
    case 'intake':
      return <IntakePage id={route.id} />;
    case 'case':
      return <CasePage id={route.id} />;
    case 'cases':
      return <CasesPage />;
    case 'sync':
      return <SyncPage />;
    case 'handouts':
      return <HandoutsPage />;
    case 'rate':
      return null;
    case 'settings':
      return <SettingsPage />;
    case 'deferrals':
      return <DeferralsPage />;
    case 'notFound':
      return (
        <section>
          <h1 tabIndex={-1}>{t('app.notFound')}</h1>
          <a href="#/">{t('app.backHome')}</a>
        </section>
      );
  }
}
