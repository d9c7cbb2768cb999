import { useTranslation } from 'react-i18next';
import type { Locale } from '@core/i18n';

/** The current locale; re-renders the caller when the clerk switches language. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}
