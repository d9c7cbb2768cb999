/**
 * The hand-out and rating screens' texts: looked up in the i18next resources
 * (`handouts.*` in src/renderer/src/i18n), so every UI string lives in one place.
 */
import i18next from 'i18next';
import type { Locale } from '@core/i18n';
import type { zhCN } from '../i18n/zh-CN';

export type TextKey = keyof (typeof zhCN)['handouts'];

export function tx(key: TextKey, locale: Locale, vars: Record<string, string> = {}): string {
  return i18next.t(`handouts.${key}`, { ...vars, lng: locale });
}
