import type { Role } from '@core/quality/roles';
import { ROLE_LABELS } from '@core/quality/roles';
import { useLocale } from '../i18n/useLocale';

/** The signed-in person's role, in the top bar. */
export function RoleBadge({ role }: { role: Role }) {
  const locale = useLocale();
  return (
    <span className={`badge role-badge role-${role}`} data-testid="role-badge" data-role={role}>
      {ROLE_LABELS[role][locale]}
    </span>
  );
}
