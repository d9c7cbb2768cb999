/** UI strings of this feature (see i18n/resources.ts). Keep zh-CN and en-US key-for-key. */
export const trainingMessages = {
  'zh-CN': { training: {} },
  'en-US': { training: {} },
};
