import { lazy, Suspense, useEffect } from 'react';
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
import { DraftsPrompt } from '../cases/DraftsPrompt';
import { setLocale } from '../i18n';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { signOut } from '../session/session-store';
import { hrefFor, useRoute, type Route } from '../ui/router';
import type { Permission } from '@core/quality/roles';
import { SyncPage } from '../sync/SyncPage';
import { NotificationBell, SyncIndicator, SyncProgress } from '../sync/SyncTopBar';
import { useSyncEngine } from '../sync/runtime';
import { registerOutboundChannels } from './outbound-channels';
import { SettingsPage } from '../settings/SettingsPage';
import { HandoutCount, HandoutsPage } from '../handouts/HandoutsPage';
import { RatingView } from '../handouts/RatingView';
import { DeferralsPage, OverdueBadge } from '../deferral/DeferralsPage';
import { TrainingChrome } from '../training/TrainingChrome';
import { isTrainingMode } from '../store/db';

/** In training mode an intake is a drill: whoever may drill (trainers too) may take in practice cases. */
const INTAKE: Permission = isTrainingMode() ? 'trainingDrill' : 'intake';
import { RequireRole, useCan } from '../session/RequireRole';
import { RoleBadge } from '../session/RoleBadge';
import { FeedbackPage } from '../review/FeedbackPage'; // eager: the case page shows a case's feedback

// Before the sync engine is made (it takes the channels registered at that moment).
registerOutboundChannels();

/*
 * Supervisor and trainer pages load on first visit (their own chunks, same origin, so the
 * CSP's script-src 'self' covers them): a clerk's intake path never loads ECharts, the
 * dashboards' metrics or the trainer tools.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
const named = <K extends string, M extends Record<K, React.ComponentType<any>>>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const TrainingPage = named(() => import('../training/TrainingPage'), 'TrainingPage');
// The trainer tools (reports with ECharts, authoring) load only when a trainer opens them.
const TrainerPage = named(() => import('../training/TrainerPage'), 'TrainerPage');
const UsersPage = named(() => import('../users/UsersPage'), 'UsersPage');
const ReviewPage = named(() => import('../review/ReviewPage'), 'ReviewPage');
const DashboardsPage = named(() => import('../dashboards/DashboardsPage'), 'DashboardsPage');
const HealthPage = named(() => import('../health/HealthPage'), 'HealthPage');
const AuditPage = named(() => import('../audit/AuditPage'), 'AuditPage');
const LookupLogPage = named(() => import('../sharing/LookupLogPage'), 'LookupLogPage');

// The quality hooks (tests only) seed data for the dashboards, review and health pages, so they
// register at start-up rather than with the (now lazily loaded) dashboards page.
if (__BENCH_HOOKS__ && new URLSearchParams(window.location.search).get('bench') === '1') void import('../dashboards/bench-hooks').then((m) => m.registerQualityHooks());
if (__BENCH_HOOKS__ && new URLSearchParams(window.location.search).get('bench') === '1') void import('../materials/bench-hooks').then((m) => m.registerMaterialsBenchHooks()); // 材料电子化

/** Sidebar links after the intake ones that open a page by its name alone: page, who may see it, label. */
const PAGE_LINKS = [
  ['catalogAdmin', 'catalogAdmin', 'nav.catalogAdmin'],
  ['sync', 'intake', 'sync.nav'],
  ['feedback', 'reviewFeedback', 'review.feedbackNav'],
  ['review', 'reviewCases', 'review.nav'],
  ['dashboards', 'dashboards', 'dashboards.nav'],
  ['health', 'workstationHealth', 'health.nav'],
  ['audit', 'auditLog', 'audit.nav'],
  ['lookups', 'lookupLog', 'sharing.log.nav'],
  ['users', 'manageUsers', 'users.nav'],
  ['settings', 'settings', 'settings.nav'],
] as const satisfies readonly (readonly [Route['name'], Permission, string])[];

function NavLink({ route, current, children, permission }: { route: Route; current: boolean; children: React.ReactNode; permission?: Permission }) {
  const allowed = useCan(permission ?? 'trainingDrill');
  if (permission && !allowed) return null; // the nav shows only what the role may open
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

  const locale = useLocale();
  const isBrowse = route.name === 'browse' || route.name === 'item';
  // The applicant-facing rating screen covers everything: no clerk controls on it.
  if (route.name === 'rate') return <RatingView caseId={route.caseId} trigger={route.trigger} />;
  return (
    <div className="shell">
      {isTrainingMode() && <TrainingChrome />}
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
          <RoleBadge role={session.role} />
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
        <NavLink route={{ name: 'cases' }} current={route.name === 'cases' || route.name === 'case'} permission={INTAKE}>
          {t('cases.nav')}
        </NavLink>
        <NavLink route={{ name: 'deferrals' }} current={route.name === 'deferrals'} permission="intake">
          {t('deferral.nav')} <OverdueBadge />
        </NavLink>
        <NavLink route={{ name: 'handouts' }} current={route.name === 'handouts'} permission="handout">
          {locale === 'zh-CN' ? '出件' : 'Hand-out'} <HandoutCount />
        </NavLink>
        <NavLink route={{ name: 'training', sub: [] }} current={route.name === 'training'} permission="trainingDrill">
          {t('training.nav')}
        </NavLink>
        {PAGE_LINKS.map(([name, permission, label]) => (
          <NavLink key={name} route={{ name } as Route} current={route.name === name} permission={permission}>
            {t(label)}
          </NavLink>
        ))}
        <div className="sidebar-foot">
          <div className="muted small">{t('search.hint')}</div>
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Page route={route} />
          <FocusHeadingOnShow key={window.location.hash} />
        </Suspense>
      </main>
      <DraftsPromptFor permission={INTAKE} />
    </div>
  );
}

/** The unfinished-intakes prompt, for those who take cases in. */
function DraftsPromptFor({ permission }: { permission: Permission }) {
  return useCan(permission) ? <DraftsPrompt /> : null;
}

/** While a page's chunk loads: a quiet line, shown only if the load takes a moment (styles.css). */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" data-testid="page-loading">
      {t('app.loading')}
    </div>
  );
}

/**
 * Moves focus to the page heading on navigation, for keyboard and screen-reader users. Keyed by
 * the route and rendered beside the page inside Suspense, so it mounts (and focuses) when the
 * page is on screen — at once for a page already loaded, after its chunk for a lazy one.
 */
function FocusHeadingOnShow() {
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false });
  }, []);
  return null;
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
      return <RequireRole permission="catalogAdmin"><CatalogAdminPage /></RequireRole>;
    case 'intake':
      return <RequireRole permission={INTAKE}><IntakePage id={route.id} /></RequireRole>;
    case 'case':
      return <RequireRole permission={INTAKE}><CasePage id={route.id} /></RequireRole>;
    case 'cases':
      return <RequireRole permission={INTAKE}><CasesPage /></RequireRole>;
    case 'sync':
      return <RequireRole permission="intake"><SyncPage /></RequireRole>;
    case 'handouts':
      return <RequireRole permission="handout"><HandoutsPage /></RequireRole>;
    case 'rate':
      return null;
    case 'settings':
      return <RequireRole permission="settings"><SettingsPage /></RequireRole>;
    case 'deferrals':
      return <RequireRole permission="intake"><DeferralsPage /></RequireRole>;
    case 'training':
      if (route.sub[0] === 'trainer')
        return <RequireRole permission="trainingDrill"><RequireRole permission="trainingAuthor"><TrainerPage tab={route.sub[1] ?? 'drills'} sub={route.sub.slice(2)} /></RequireRole></RequireRole>;
      return <RequireRole permission="trainingDrill"><TrainingPage sub={route.sub} /></RequireRole>;
    case 'users':
      return <RequireRole permission="manageUsers"><UsersPage /></RequireRole>;
    case 'review':
      return <RequireRole permission="reviewCases"><ReviewPage caseId={route.caseId} /></RequireRole>;
    case 'feedback':
      return <RequireRole permission="reviewFeedback"><FeedbackPage /></RequireRole>;
    case 'dashboards':
      return <RequireRole permission="dashboards"><DashboardsPage /></RequireRole>;
    case 'health':
      return <RequireRole permission="workstationHealth"><HealthPage /></RequireRole>;
    case 'audit':
      return <RequireRole permission="auditLog"><AuditPage caseId={route.caseId} /></RequireRole>;
    case 'lookups':
      return <RequireRole permission="lookupLog"><LookupLogPage /></RequireRole>;
    case 'notFound':
      return (
        <section>
          <h1 tabIndex={-1}>{t('app.notFound')}</h1>
          <a href="#/">{t('app.backHome')}</a>
        </section>
      );
  }
}
