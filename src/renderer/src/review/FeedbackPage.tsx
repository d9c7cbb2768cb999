import { useTranslation } from 'react-i18next';

export function FeedbackPage(_props: { caseId?: string | undefined } = {}) {
  const { t } = useTranslation();
  return (
    <section>
      <h1 tabIndex={-1}>{t('review.feedbackTitle')}</h1>
    </section>
  );
}
