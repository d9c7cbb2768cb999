/** A sync problem as the clerk reads it (errors.ts), the technical text in the tooltip only. */
import { useTranslation } from 'react-i18next';
import { classifySyncError } from './errors';

export function SyncError({ raw }: { raw: string }) {
  const { t } = useTranslation();
  const e = classifySyncError(raw);
  return (
    <span className="sync-error" data-testid="sync-error" data-error-kind={e.key} title={t('sync.errors.detailHint', { detail: e.detail, interpolation: { escapeValue: false } })}>
      {t(`sync.errors.${e.key}`, e.params)}
    </span>
  );
}
