/**
 * The Sync page's reads and actions on every outbound kind (channel.ts): each channel's
 * overview and stored status, and "retry all" for a kind's quarantined records. Apart from
 * sync-store.ts because the cases channel builds on sync-store.
 */
import { getDb } from '../store/db';
import { registeredChannels, type ChannelOverview, type OutboundChannel } from './channel';
import { casesChannel } from './cases-channel';
import { clearChannelBackoff, loadChannelStatuses, type ChannelStatus } from './pipeline';
import { requestSync } from './runtime';

const cases = casesChannel();

/** The cases channel's kind (the engine's own, always listed first). */
export const CASES_CHANNEL_KIND = cases.kind;

/** Every outbound kind: cases first, then the registered channels. */
export function allChannels(): OutboundChannel[] {
  return [cases as unknown as OutboundChannel, ...registeredChannels().filter((c) => c.kind !== cases.kind)];
}

/** "Retry all" for a kind: its quarantined records go back in line, its backoff is cleared, a sync starts. */
export async function retryKind(channel: OutboundChannel): Promise<void> {
  const db = getDb();
  await channel.retryNeedsFix(db, Date.now());
  await clearChannelBackoff(db, channel.kind);
  await requestSync();
}

export interface ChannelRow {
  channel: OutboundChannel;
  overview: ChannelOverview | null;
  status: ChannelStatus | null;
}

/** One row per kind: what is queued, sending and needs the clerk, and its last success and problem. */
export async function loadChannelRows(): Promise<ChannelRow[]> {
  const db = getDb();
  const statuses = await loadChannelStatuses(db);
  return Promise.all(
    allChannels().map(async (channel) => {
      let overview: ChannelOverview | null;
      try {
        overview = await channel.overview(db);
      } catch {
        overview = null; // a kind whose store cannot be read now: its row still shows its status
      }
      return { channel, overview, status: (statuses[channel.kind] ?? null) as ChannelStatus | null };
    }),
  );
}
