/**
 * The window's look-ups in the data-sharing service (一数一源): a licence for a checklist line,
 * a person's or organisation's basic records for 秒填, and (supervisors) the look-up log.
 *
 * Interactive requests, never queued: a look-up answers the clerk now or not at all. They go
 * through the sync code's HTTP client (sync/api.ts: timeout, zod-checked answers) and its error
 * mapping (sync/errors.ts), so the clerk reads a Chinese sentence, never "Failed to fetch".
 * Every request names the case and the clerk; a training case (or training mode) asks the
 * training registry only (`training: true`), never the live one. Each look-up is written to
 * the case's audit chain here (store/audit-log.ts), whatever its answer.
 */
import { z } from 'zod';
import { maskIdNumber } from '@core/identity/mask';
import { LookupAnswer, type LookupRequest } from '@core/sharing/lookup';
import { BasicRecordAnswer, type BasicRecordKind } from '@core/sharing/basicRecords';
import type { IntakeCase } from '@core/intake/case';
import { apiRequest, type ApiResult, type ServerTarget } from '../sync/api';
import { classifySyncError, type SyncErrorKey } from '../sync/errors';
import { loadServerConfig } from '../sync/sync-store';
import { getLiveDb, isTrainingMode } from '../store/db';
import { auditCase } from '../store/audit-log';
import { currentSession } from '../session/session-store';

/** Why a look-up got no answer. 'offline': no server configured, or it did not answer. */
export type SharingFailure = { kind: 'offline'; configured: boolean; errorKey: SyncErrorKey | null } | { kind: 'failed'; errorKey: SyncErrorKey; detail: string } | { kind: 'noClerk' };

export type SharingResult<T> = { ok: true; data: T } | { ok: false; failure: SharingFailure };

/** Training mode's own database holds no server address: look-ups read the live one's, and always say training. */
async function target(): Promise<ServerTarget | null> {
  const config = await loadServerConfig(getLiveDb());
  return config ? { serverUrl: config.serverUrl, token: config.token } : null;
}

/** Whether a case's look-ups must go to the training registry. */
export function isTrainingLookup(c: Pick<IntakeCase, 'training'>): boolean {
  return c.training === true || isTrainingMode();
}

/** The failure as the sync code reads it (same classification, same sentences). */
export function failureOf(r: Extract<ApiResult<unknown>, { ok: false }>): SharingFailure {
  // as the sync engine words it: an HTTP status only for an error status (a 2xx that was malformed is not one)
  const raw = r.status !== null && r.kind !== 'malformed' && r.kind !== 'network' && r.kind !== 'timeout' ? `HTTP ${r.status}: ${r.message}` : r.message;
  const c = classifySyncError(raw);
  if (c.key === 'network' || c.key === 'timeout') return { kind: 'offline', configured: true, errorKey: c.key };
  return { kind: 'failed', errorKey: c.key, detail: c.detail };
}

async function clerkId(): Promise<string | null> {
  const s = await currentSession();
  return s?.clerkId ?? null;
}

/** `fetchFn`: tests only. */
export interface SharingOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

function opts(o: SharingOptions) {
  return { ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) };
}

/** POST /sharing/licences/lookup for the line; audited on the case with the answer. */
export async function lookUpLicence(c: IntakeCase, req: Omit<LookupRequest, 'caseId' | 'clerkId' | 'training'>, o: SharingOptions = {}): Promise<SharingResult<LookupAnswer>> {
  const who = await clerkId();
  if (!who) return { ok: false, failure: { kind: 'noClerk' } };
  const t = await target();
  const audit = (after: Record<string, string | null>) =>
    auditCase(c.id, 'licence.fetched', { after: { typeCode: req.typeCode, holderIdType: req.holderIdType, holderId: maskIdNumber(req.holderId), ...after } });
  if (!t) {
    await audit({ outcome: 'offline' });
    return { ok: false, failure: { kind: 'offline', configured: false, errorKey: null } };
  }
  const body: LookupRequest = { caseId: c.id, clerkId: who, ...req, ...(isTrainingLookup(c) ? { training: true as const } : {}) };
  const r = await apiRequest(t, '/sharing/licences/lookup', LookupAnswer, { method: 'POST', body, ...opts(o) });
  if (!r.ok) {
    const f = failureOf(r);
    await audit({ outcome: f.kind === 'offline' ? 'offline' : 'failed' });
    return { ok: false, failure: f };
  }
  await audit({ outcome: r.data.outcome, lookupId: r.data.lookupId, number: r.data.licence?.number ?? null });
  return { ok: true, data: r.data };
}

/** POST /sharing/basic-records (秒填). Audited; the record itself never enters the log. */
export async function lookUpBasicRecords(c: IntakeCase, kind: BasicRecordKind, id: string, o: SharingOptions = {}): Promise<SharingResult<BasicRecordAnswer>> {
  const who = await clerkId();
  if (!who) return { ok: false, failure: { kind: 'noClerk' } };
  const t = await target();
  const audit = (outcome: string) => auditCase(c.id, 'records.prefilled', { after: { kind, id: kind === 'person' ? maskIdNumber(id) : id, outcome } });
  if (!t) {
    await audit('offline');
    return { ok: false, failure: { kind: 'offline', configured: false, errorKey: null } };
  }
  const body = { caseId: c.id, clerkId: who, kind, id, ...(isTrainingLookup(c) ? { training: true as const } : {}) };
  const r = await apiRequest(t, '/sharing/basic-records', BasicRecordAnswer, { method: 'POST', body, ...opts(o) });
  if (!r.ok) {
    // a 404 with { outcome: 'notFound' } is an answer, not a failure
    if (r.status === 404) {
      await audit('notFound');
      return { ok: true, data: { outcome: 'notFound' } };
    }
    const f = failureOf(r);
    await audit(f.kind === 'offline' ? 'offline' : 'failed');
    return { ok: false, failure: f };
  }
  await audit('outcome' in r.data && r.data.outcome === 'notFound' ? 'notFound' : 'found');
  return { ok: true, data: r.data };
}

/** The fields the clerk took from the record (names of fields only). */
export function auditPrefillTaken(caseId: string, fields: string[]): Promise<void> {
  return auditCase(caseId, 'records.prefilled', { after: { taken: fields.join(',') } });
}

// ---- the look-up log (supervisors) ------------------------------------------------------------

export const LookupLogEntry = z
  .object({
    lookupId: z.string().max(64),
    at: z.string().max(64).optional(),
    answeredAt: z.string().max(64).optional(),
    clerkId: z.string().max(64).nullish(),
    workstationId: z.string().max(64).nullish(),
    caseId: z.string().max(64).nullish(),
    kind: z.string().max(40).nullish(),
    typeCode: z.string().max(200).nullish(),
    holderIdType: z.string().max(40).nullish(),
    /** The holder's number as the service masks it. */
    holderMasked: z.string().max(200).nullish(),
    outcome: z.string().max(40).nullish(),
    licenceNumber: z.string().max(200).nullish(),
    source: z.string().max(40).nullish(),
    /** Whether the look-up's case was later pushed to the service. */
    casePushed: z.boolean().nullish(),
  })
  .loose();
export type LookupLogEntry = z.infer<typeof LookupLogEntry>;

const LookupLogAnswer = z.union([z.object({ lookups: z.array(LookupLogEntry).max(10_000) }).loose(), z.array(LookupLogEntry).max(10_000)]);

/**
 * The centre's look-up log, `from`/`to` as ISO date-times (to exclusive). The service answers any
 * workstation of the centre with the whole log (it does not know a clerk's role): the page is
 * guarded by role here (RequireRole 'dashboards').
 */
export async function loadLookupLog(q: { from: string; to: string; clerkId?: string }, o: SharingOptions = {}): Promise<SharingResult<LookupLogEntry[]>> {
  const who = await clerkId();
  if (!who) return { ok: false, failure: { kind: 'noClerk' } };
  const t = await target();
  if (!t) return { ok: false, failure: { kind: 'offline', configured: false, errorKey: null } };
  const qs = new URLSearchParams({ from: q.from, to: q.to, ...(q.clerkId ? { clerkId: q.clerkId } : {}) });
  const r = await apiRequest(t, `/sharing/lookups?${qs.toString()}`, LookupLogAnswer, opts(o));
  if (!r.ok) return { ok: false, failure: failureOf(r) };
  return { ok: true, data: Array.isArray(r.data) ? r.data : r.data.lookups };
}
