/** A tiny hash router: the app has a handful of screens and must work from app:// and file-less origins. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'browse'; tab: 'departments' | 'themes' | 'bundles'; filter?: string }
  | { name: 'item'; code: string }
  | { name: 'bundle'; id: string }
  | { name: 'catalogAdmin' }
  | { name: 'intake'; id: string }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'sync' }
  | { name: 'settings' }
  | { name: 'deferrals' }
  | { name: 'handouts' }
  | { name: 'rate'; caseId: string; trigger: 'afterAcceptance' | 'afterHandout' }
  | { name: 'users' }
  | { name: 'review'; caseId?: string }
  | { name: 'feedback' }
  | { name: 'dashboards' }
  | { name: 'health' }
  | { name: 'audit'; caseId?: string | undefined }
  | { name: 'lookups' }
  | { name: 'training'; sub: string[] }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [head, arg] = parts;
  switch (head) {
    case undefined:
      return { name: 'browse', tab: 'departments' };
    case 'departments':
      return { name: 'browse', tab: 'departments', filter: arg };
    case 'themes':
      return { name: 'browse', tab: 'themes', filter: arg };
    case 'bundles':
      return arg ? { name: 'bundle', id: arg } : { name: 'browse', tab: 'bundles' };
    case 'items':
      return arg ? { name: 'item', code: arg } : { name: 'browse', tab: 'departments' };
    case 'catalog':
      return { name: 'catalogAdmin' };
    case 'intake':
      return arg ? { name: 'intake', id: arg } : { name: 'notFound', path };
    case 'cases':
      return arg ? { name: 'case', id: arg } : { name: 'cases' };
    case 'sync':
      return { name: 'sync' };
    case 'handouts':
    case 'followups':
      return { name: 'handouts' };
    case 'rate':
      return arg && (parts[2] === 'afterAcceptance' || parts[2] === 'afterHandout') ? { name: 'rate', caseId: arg, trigger: parts[2] } : { name: 'notFound', path };
    case 'settings':
      return { name: 'settings' };
    case 'deferrals':
      return { name: 'deferrals' };
    case 'training':
      return { name: 'training', sub: parts.slice(1) };
    case 'users':
      return { name: 'users' };
    case 'review':
      return arg ? { name: 'review', caseId: arg } : { name: 'review' };
    case 'feedback':
      return { name: 'feedback' };
    case 'dashboards':
      return { name: 'dashboards' };
    case 'health':
      return { name: 'health' };
    case 'audit':
      return { name: 'audit', caseId: arg };
    case 'lookups':
      return { name: 'lookups' };
    default:
      return { name: 'notFound', path };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'browse': {
      const base = route.tab === 'departments' ? '#/departments' : route.tab === 'themes' ? '#/themes' : '#/bundles';
      return route.filter ? `${base}/${encodeURIComponent(route.filter)}` : base;
    }
    case 'item':
      return `#/items/${encodeURIComponent(route.code)}`;
    case 'bundle':
      return `#/bundles/${encodeURIComponent(route.id)}`;
    case 'catalogAdmin':
      return '#/catalog';
    case 'intake':
      return `#/intake/${encodeURIComponent(route.id)}`;
    case 'cases':
      return '#/cases';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'sync':
      return '#/sync';
    case 'handouts':
      return '#/handouts';
    case 'rate':
      return `#/rate/${encodeURIComponent(route.caseId)}/${route.trigger}`;
    case 'settings':
      return '#/settings';
    case 'deferrals':
      return '#/deferrals';
    case 'training':
      return ['#/training', ...route.sub.map(encodeURIComponent)].join('/');
    case 'users':
      return '#/users';
    case 'review':
      return route.caseId ? `#/review/${encodeURIComponent(route.caseId)}` : '#/review';
    case 'feedback':
      return '#/feedback';
    case 'dashboards':
      return '#/dashboards';
    case 'health':
      return '#/health';
    case 'audit':
      return route.caseId ? `#/audit/${encodeURIComponent(route.caseId)}` : '#/audit';
    case 'lookups':
      return '#/lookups';
    case 'notFound':
      return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route).slice(1);
}

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
