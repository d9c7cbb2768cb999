/** The clerk's 失信 flag on the applicant step: recorded on the case; no 容缺受理 for a flagged applicant. */
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import { useSession } from '../session/SessionGate';
import { nowIso } from '../intake/intake-store';

type Update = (change: (c: IntakeCase) => IntakeCase) => void;

export function DishonestyFlagBox({ c, update }: { c: IntakeCase; update: Update }) {
  const { t } = useTranslation();
  const { clerk } = useSession();
  const flagged = c.dishonesty?.flagged === true;
  const set = (on: boolean, reason: string) =>
    update((x) => {
      if (!on) {
        const { dishonesty: _, ...rest } = x;
        return { ...rest, updatedAt: nowIso() };
      }
      return { ...x, dishonesty: { flagged: true, source: 'clerk', reason, by: clerk.clerkId, at: nowIso() }, updatedAt: nowIso() };
    });
  return (
    <fieldset className="dishonesty-flag" data-testid="dishonesty-flag">
      <label className="settings-check">
        <input type="checkbox" checked={flagged} onChange={(e) => set(e.target.checked, c.dishonesty?.reason ?? '')} data-testid="dishonesty-flagged" />{' '}
        {t('deferral.flag.label')}
      </label>
      {flagged && (
        <div className="field">
          <label htmlFor="dishonesty-reason">{t('deferral.flag.reason')}</label>
          <textarea id="dishonesty-reason" rows={2} maxLength={500} value={c.dishonesty?.reason ?? ''} onChange={(e) => set(true, e.target.value)} data-testid="dishonesty-reason" />
        </div>
      )}
      <p className="small muted">{t('deferral.flag.hint')}</p>
    </fieldset>
  );
}
