import { useTranslation } from 'react-i18next';

export function DashboardsPage(_props: { caseId?: string | undefined } = {}) {
  const { t } = useTranslation();
  return (
    <section>
      <h1 tabIndex={-1}>{t('dashboards.title')}</h1>
    </section>
  );
}
