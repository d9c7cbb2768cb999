import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@core/i18n';
import { messagesEn, messagesZh } from './resources';

const LOCALE_KEY = 'onewindow.locale';

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

/** The clerk's language: zh-CN unless they switched (a UI preference, not case data). */
export function storedLocale(): Locale {
  const v = localStorage.getItem(LOCALE_KEY);
  return v === 'en-US' ? 'en-US' : 'zh-CN';
}

export async function initI18n(): Promise<void> {
  const lng = storedLocale();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: messagesZh }, 'en-US': { translation: messagesEn } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export async function setLocale(locale: Locale): Promise<void> {
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return i18next.language === 'en-US' ? 'en-US' : 'zh-CN';
}
