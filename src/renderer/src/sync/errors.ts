/**
 * A sync problem in the clerk's words. What the engine keeps is technical — the browser's own
 * message when there was no answer ("Failed to fetch", "NetworkError when attempting to fetch
 * resource."), "timeout", "HTTP 500: …", "malformed answer at …" — and English. The pages show
 * the key's sentence (Chinese by default) and keep the original for a tooltip.
 */
export type SyncErrorKey = 'network' | 'timeout' | 'unauthorized' | 'rateLimited' | 'serverError' | 'serverBusy' | 'refused' | 'malformed' | 'noResult' | 'local' | 'other';

export interface SyncErrorText {
  /** i18n key under `sync.errors`. */
  key: SyncErrorKey;
  /** Values for the sentence (the HTTP status). */
  params: Record<string, string>;
  /** The original text, for a tooltip. */
  detail: string;
}

export function classifySyncError(raw: string): SyncErrorText {
  const detail = raw.trim();
  // A reference-data pull names what failed first ("catalog: HTTP 500: …"): classify the rest.
  const text = detail.replace(/^(catalog|holidays)\b[^:]*: /, '');
  const http = /^HTTP (\d{3})\b/.exec(text);
  const params: Record<string, string> = http ? { status: http[1]! } : {};
  const key = ((): SyncErrorKey => {
    if (http) {
      const status = Number(http[1]);
      if (status === 401 || status === 403) return 'unauthorized';
      if (status === 429) return 'rateLimited';
      if (status === 502 || status === 503 || status === 504) return 'serverBusy';
      if (status >= 500) return 'serverError';
      if (status >= 400) return 'refused';
      return 'other';
    }
    if (/^timeout$|timed? ?out|aborted/i.test(text)) return 'timeout';
    if (/failed to fetch|networkerror|network ?error|load failed|fetch failed|econnrefused|econnreset|enotfound|^network$|body-read-failed/i.test(text)) return 'network';
    if (/^malformed answer/i.test(text)) return 'malformed';
    if (/^no result for this (case|record) in the answer$/i.test(text)) return 'noResult';
    if (/^local: /i.test(text)) return 'local';
    return 'other';
  })();
  return { key, params, detail };
}
