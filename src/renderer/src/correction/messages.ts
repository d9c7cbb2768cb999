/** UI strings of this feature (see i18n/resources.ts). Keep zh-CN and en-US key-for-key. */
export const lifecycleMessages = {
  'zh-CN': { lifecycle: {} },
  'en-US': { lifecycle: {} },
};
