import { useTranslation } from 'react-i18next';

export function ReviewPage(_props: { caseId?: string | undefined } = {}) {
  const { t } = useTranslation();
  return (
    <section>
      <h1 tabIndex={-1}>{t('review.title')}</h1>
    </section>
  );
}
