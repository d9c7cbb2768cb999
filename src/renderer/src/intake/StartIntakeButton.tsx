/** "开始受理" on an item or bundle page: creates a draft and opens the intake. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subject } from '@core/intake/case';
import { useCatalog } from '../catalog/CatalogContext';
import { useSession } from '../session/SessionGate';
import { navigate } from '../ui/router';
import { startIntake } from './intake-store';

export function StartIntakeButton({ subject, subjectName }: { subject: Subject; subjectName: string }) {
  const { t } = useTranslation();
  const view = useCatalog();
  const { clerk } = useSession();
  const ref = useRef<HTMLButtonElement>(null);
  // Alt+N starts the intake from the item or bundle page, without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        ref.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button
      ref={ref}
      title="Alt+N"
      type="button"
      className="btn btn-primary"
      data-testid="start-intake"
      onClick={async () => {
        const id = await startIntake({ subject, subjectName, clerk, catalogVersion: view.catalog.version });
        navigate({ name: 'intake', id });
      }}
    >
      {t('intake.start')}
    </button>
  );
}
