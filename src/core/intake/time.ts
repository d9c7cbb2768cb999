/**
 * Timestamps of intake cases: ISO 8601 date-times with seconds and an explicit offset
 * (`2026-11-30T09:15:00+08:00`, or `…Z`), always passed in by the caller — core reads
 * no clock. Working-day limits count from the date *in China* (UTC+8, no DST), whatever
 * offset the timestamp was written with, so a case stamped `2026-11-29T17:30:00Z`
 * (01:30 on the 30th in Beijing) counts from 2026-11-30.
 */
import { z } from 'zod';
import { dayNumberFromCivil, dayNumberToIso, isRealDate } from '../calendar/isoDate';

/** China Standard Time, UTC+8 (no daylight saving since 1991). */
export const CHINA_OFFSET_MINUTES = 480;

/** Zod schema of a stored timestamp: ISO 8601 with seconds and an offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Minutes since 1970-01-01T00:00Z, or null when `at` is not an ISO date-time with an offset. */
export function epochMinutes(at: string): number | null {
  const m = DATE_TIME.exec(at);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  const zone = m[7]!;
  let offset = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return dayNumberFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset;
}

/** True when `at` is an ISO 8601 date-time with seconds and an offset naming a real instant. */
export function isIsoDateTime(at: unknown): at is string {
  return typeof at === 'string' && epochMinutes(at) !== null;
}

/**
 * The calendar date in China (YYYY-MM-DD) of a timestamp. Throws RangeError when `at` is
 * not an ISO date-time with an offset.
 */
export function chinaDateOf(at: string): string {
  const minutes = epochMinutes(at);
  if (minutes === null) throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(at)}`);
  return dayNumberToIso(Math.floor((minutes + CHINA_OFFSET_MINUTES) / 1440));
}

/** Beijing wall-clock time of a timestamp: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }` (for printed documents). */
export function chinaDateTimeOf(at: string): { date: string; time: string } {
  const minutes = epochMinutes(at);
  if (minutes === null) throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(at)}`);
  const local = minutes + CHINA_OFFSET_MINUTES;
  const inDay = ((local % 1440) + 1440) % 1440;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: dayNumberToIso(Math.floor(local / 1440)), time: `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}` };
}
