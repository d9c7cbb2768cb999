/**
 * Every kind of record that leaves the workstation, registered with the outbound pipeline
 * (sync/channel.ts) from here, above the features — the sync engine imports none of them. The
 * cases are the engine's own first channel; within a stage, the order below is the order of a
 * run. A new kind (material pages, licence look-ups, …) is one line here.
 */
import { registerChannel } from '../sync/channel';
import { revisionsChannel } from '../sync/revision-sender';
import { handoutsChannel, ratingsChannel } from '../sync/handout-sender';
import { auditChannel } from '../audit/audit-hooks';
import { trainingResultsChannel } from '../training/result-sender';
import { healthReportChannel } from '../health/health-report';
import { pagesChannel } from '../materials/pages-channel';

let done = false;

export function registerOutboundChannels(): void {
  if (done) return;
  done = true;
  registerChannel(revisionsChannel); // before the status pull: `resubmitted` shows in the same run
  registerChannel(pagesChannel()); // 材料电子化: the pages of pushed cases, right after them
  registerChannel(handoutsChannel); // a rating after the hand-out needs the hand-out on the server
  registerChannel(ratingsChannel);
  registerChannel(auditChannel); // after the status pull: the events received enter the chain first
  registerChannel(trainingResultsChannel());
  registerChannel(healthReportChannel()); // last: it reports how the run went
}
