/** Public API of the item catalog: schema, import, data-quality rules, diff, display helpers. */
export * from './schema';
export * from './issues';
export * from './quality';
export * from './import';
export * from './json-syntax';
export * from './diff';
export * from './format';
export type { Locale, Localized } from '../i18n';
