/**
 * A department as the clerk names it: its name from the catalog (the English name in
 * English where the catalog gives one), never its code (GAJ, RSJ). A code the catalog in
 * use does not know (a department dropped from a newer catalog) reads as "a department not
 * in the current catalog", so the screen still says what it is.
 */
import type { Department } from '@core/catalog/schema';
import type { Locale } from '@core/i18n';

const NOT_IN_CATALOG: Record<Locale, string> = {
  'zh-CN': '现行目录外的部门',
  'en-US': 'a department not in the current catalog',
};

export function departmentName(departments: ReadonlyMap<string, Department>, code: string, locale: Locale): string {
  const d = departments.get(code);
  if (!d) return NOT_IN_CATALOG[locale];
  return locale === 'en-US' && d.nameEn ? d.nameEn : d.name;
}

/** Several departments, each named once, joined as the locale lists them. */
export function departmentNames(departments: ReadonlyMap<string, Department>, codes: readonly string[], locale: Locale): string {
  const names = [...new Set(codes.map((c) => departmentName(departments, c, locale)))];
  return names.join(locale === 'en-US' ? ', ' : '、');
}
