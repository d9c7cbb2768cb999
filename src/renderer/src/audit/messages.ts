/** UI strings of this feature (see i18n/resources.ts). Keep zh-CN and en-US key-for-key. */
export const auditMessages = {
  'zh-CN': { audit: {} },
  'en-US': { audit: {} },
};
