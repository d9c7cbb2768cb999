/**
 * Every UI string bundle. The core strings live in zh-CN.ts / en-US.ts; a feature with many
 * strings of its own keeps them in `i18n/messages/<feature>.ts` (one top-level key
 * each, so features never edit the same file) and is listed here. A unit test checks that
 * both languages have the same keys and placeholders across all of them.
 */
import { enUS } from './en-US';
import { zhCN } from './zh-CN';
import { trainingMessages } from './messages/training';
import { reviewMessages } from './messages/review';
import { auditMessages } from './messages/audit';
import { lifecycleMessages } from './messages/lifecycle';
import { securityMessages } from './messages/session';
import { nationalMessages } from './messages/national';
import { sharingMessages } from './messages/sharing';
import { materialsMessages } from './messages/materials';

export interface FeatureMessages {
  'zh-CN': Record<string, unknown>;
  'en-US': Record<string, unknown>;
}

export const featureMessages: readonly FeatureMessages[] = [trainingMessages, reviewMessages, auditMessages, lifecycleMessages, securityMessages, nationalMessages, sharingMessages, materialsMessages];

function merge(base: Record<string, unknown>, locale: 'zh-CN' | 'en-US'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const f of featureMessages) {
    for (const [k, v] of Object.entries(f[locale])) {
      if (k in out) throw new Error(`duplicate UI string section "${k}"`);
      out[k] = v;
    }
  }
  return out;
}

export const messagesZh = merge(zhCN, 'zh-CN');
export const messagesEn = merge(enUS, 'en-US');
