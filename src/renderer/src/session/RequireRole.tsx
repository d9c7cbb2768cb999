/** Guards a screen by permission: the nav hides what a role may not open, and this checks again on the route. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Permission } from '@core/quality/roles';
import { useSession } from './SessionGate';

export function useCan(permission: Permission): boolean {
  const { session } = useSession();
  return can(session.role, permission);
}

export function RequireRole({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useCan(permission);
  if (!allowed) {
    return (
      <section data-testid="forbidden">
        <h1 tabIndex={-1}>{t('app.forbidden')}</h1>
        <p className="muted">{t('app.forbiddenHint')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
