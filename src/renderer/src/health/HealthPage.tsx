import { useTranslation } from 'react-i18next';

export function HealthPage(_props: { caseId?: string | undefined } = {}) {
  const { t } = useTranslation();
  return (
    <section>
      <h1 tabIndex={-1}>{t('health.title')}</h1>
    </section>
  );
}
