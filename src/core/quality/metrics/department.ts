/**
 * The departments' figures of a case: dispatched (any department event), returned (补正 or
 * 退件), denied, approved (办结 at every department) and approved on or before its promised date.
 */
import { B_APPROVED, B_DENIED, B_DISPATCHED, B_ON_TIME, B_RETURNED } from './bits';
import type { MetricCase } from './input';

export function departmentBits(c: MetricCase): number {
  let b = 0;
  const events = c.events;
  for (let k = 0; k < events.length; k += 1) {
    const e = events[k]!;
    if (e.departmentCode !== null || e.kind === 'dispatched') b |= B_DISPATCHED;
    if (e.kind === 'correctionRequested' || e.kind === 'returned') b |= B_RETURNED;
    else if (e.kind === 'denied') b |= B_DENIED;
  }
  const approved = c.approvedDate;
  if (approved !== null) {
    b |= B_APPROVED;
    if (c.promisedDate !== null && approved <= c.promisedDate) b |= B_ON_TIME;
  }
  return b;
}
