import type { Locale } from '@core/i18n';

/** A time (epoch ms) as the clerk reads it: in China's time zone, date and time to the minute. */
export function formatTime(ms: number, locale: Locale): string {
  if (!Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}
