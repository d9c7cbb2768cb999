/**
 * Data sharing's settings from the environment (main.ts): the registry's key (keys.ts), the
 * provincial platform (platform.ts), and `ONEWINDOW_LOOKUP_RATE=<look-ups>/<seconds>` per clerk
 * (default 60/60; `off`).
 */
import { sharingKeyFromEnv } from './keys';
import { platformConfigFromEnv } from './platform';
import { DEFAULT_LOOKUP_RATE, type SharingOptions } from './routes';

export function parseLookupRate(v: string | undefined): SharingOptions['lookupRate'] {
  if (!v?.trim()) return DEFAULT_LOOKUP_RATE;
  if (v.trim() === 'off') return false;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error('ONEWINDOW_LOOKUP_RATE is <look-ups>/<seconds> per clerk (e.g. 60/60) or off');
  return { max: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

export function sharingOptionsFromEnv(env: NodeJS.ProcessEnv): SharingOptions {
  return { key: sharingKeyFromEnv(env), platform: platformConfigFromEnv(env), lookupRate: parseLookupRate(env.ONEWINDOW_LOOKUP_RATE) };
}
