/** The two languages of the workstation UI and of every user-facing text the core produces. */
export type Locale = 'zh-CN' | 'en-US';
/** A text in both languages. */
export type Localized = Record<Locale, string>;

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
