/**
 * The workstation's audit log in IndexedDB: `auditLog`, one hash-chained chain
 * per case (@core/quality/audit: why per case), indexed by case and by [caseId+seq] (unique,
 * so two writers can never fork a chain: the second one's transaction fails).
 *
 * Appending reads the chain's head and adds the next entry in the caller's read-write
 * transaction (SHA-256 is synchronous, @noble/hashes), so a case's change and its entry are
 * written together or not at all. Who: the signed-in user and role, and this workstation.
 * Entries never hold an identity value in full (redactIdentity).
 */
import {
  caseAuditChanges,
  caseHistory,
  nextEntry,
  verifyChain,
  type AuditActor,
  type AuditChange,
  type AuditEntry,
  type CaseHistory,
  type ChainVerification,
} from '@core/quality/audit';
import { shouldRecordOpening } from '@core/quality/opened';
import { Role } from '@core/quality/roles';
import type { IntakeCase } from '@core/intake/case';
import { getDb, type WorkstationDb } from './db';

/** An entry as stored: the entry, the auto-increment key, whether the server has it. */
export type AuditLogRecord = AuditEntry & {
  key?: number;
  /** 1 once the server acknowledged it (POST /api/v1/audit). */
  sent: 0 | 1;
  /** A training case's entry: never sent. */
  training?: true;
  /** Why the server refused it: held with the later entries of its case until the clerk retries. */
  error?: string;
};

const CLERK_SESSION_KEY = 'clerkSession';
const WORKSTATION_KEY = 'workstation';

/** China time with its offset, seconds precision (the core's IsoDateTime). */
export function deviceTime(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${t}+08:00`;
}

/** Who acts now: the signed-in user, or (no one signed in) the case's clerk, or the workstation itself. */
async function actorInTx(db: WorkstationDb, c?: Pick<IntakeCase, 'clerk'>): Promise<AuditActor> {
  const [s, w] = await Promise.all([db.settings.get(CLERK_SESSION_KEY), db.settings.get(WORKSTATION_KEY)]);
  const session = (s?.value ?? null) as { clerkId?: unknown; userId?: unknown; role?: unknown } | null;
  const ws = (w?.value ?? null) as { workstationId?: unknown } | null;
  const workstationId = typeof ws?.workstationId === 'string' && ws.workstationId ? ws.workstationId : (c?.clerk.workstationId ?? 'unknown');
  const id = typeof session?.clerkId === 'string' && session.clerkId ? session.clerkId : typeof session?.userId === 'string' && session.userId ? session.userId : null;
  if (id) {
    const role = Role.safeParse(session?.role);
    return { clerkId: id, role: role.success ? role.data : 'clerk', workstationId };
  }
  return { clerkId: c?.clerk.clerkId ?? 'system', role: 'clerk', workstationId };
}

/** The last entry of the case's chain here: the head the workstation keeps and sends with each audit push. */
export async function headOf(db: WorkstationDb, caseId: string): Promise<AuditEntry | undefined> {
  return db.auditLog.where('[caseId+seq]').between([caseId, -Infinity], [caseId, Infinity]).last();
}

/**
 * Appends `changes` to the case's chain inside the caller's rw transaction (which must
 * include auditLog and settings).
 */
export async function appendInTx(
  db: WorkstationDb,
  caseId: string,
  changes: readonly AuditChange[],
  ctx: { catalogVersion: string; training?: boolean; case?: Pick<IntakeCase, 'clerk'>; at?: Date },
): Promise<AuditLogRecord[]> {
  if (changes.length === 0) return [];
  const actor = await actorInTx(db, ctx.case);
  let prev = await headOf(db, caseId);
  const time = deviceTime(ctx.at);
  const added: AuditLogRecord[] = [];
  for (const ch of changes) {
    const e = nextEntry(prev, { caseId, actor, deviceTime: time, catalogVersion: ctx.catalogVersion, action: ch.action, before: ch.before, after: ch.after });
    const rec: AuditLogRecord = { ...e, sent: 0, ...(ctx.training ? { training: true as const } : {}) };
    await db.auditLog.add(rec);
    added.push(rec);
    prev = e;
  }
  return added;
}

/** The entries of a write of `next` over `prev` (see caseAuditChanges), inside the caller's transaction. */
export function appendCaseChangesInTx(db: WorkstationDb, prev: IntakeCase | undefined, next: IntakeCase): Promise<AuditLogRecord[]> {
  return appendInTx(db, next.id, caseAuditChanges(prev, next), { catalogVersion: next.catalogVersion, training: next.training === true, case: next });
}

/**
 * One action on a case (printed, supplement received, handed out, rated, revised …), in its own
 * transaction. Never throws: the action itself has happened; a failure is reported on the console
 * (no personal data) and the chain simply lacks the entry, which a verify shows nowhere — so it
 * is retried once.
 */
export async function auditCase(
  caseId: string,
  action: AuditChange['action'],
  detail: { before?: AuditChange['before']; after?: AuditChange['after']; catalogVersion?: string; case?: IntakeCase } = {},
  db: WorkstationDb = getDb(),
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db.transaction('rw', [db.auditLog, db.settings, db.cases], async () => {
        const stored = detail.case ?? (await db.cases.get(caseId))?.case;
        const catalogVersion = detail.catalogVersion ?? stored?.catalogVersion ?? 'unknown';
        await appendInTx(db, caseId, [{ action, ...(detail.before !== undefined ? { before: detail.before } : {}), ...(detail.after !== undefined ? { after: detail.after } : {}) }], {
          catalogVersion,
          training: stored?.training === true,
          ...(stored ? { case: stored } : {}),
        });
      });
      return;
    } catch (e) {
      if (attempt === 1) console.warn(`[audit] ${action} not recorded: ${e instanceof Error ? e.name : 'error'}`);
    }
  }
}

/**
 * `case.opened`: the signed-in user opened a page showing the case's applicant in full (the
 * case page). Recorded at most once per user and case per few minutes (core
 * shouldRecordOpening), in one transaction with the check so two tabs cannot both record it.
 * Only a case with a chain here (a case this workstation holds). Never throws (see auditCase).
 * Returns whether an entry was appended.
 */
export async function auditCaseOpened(caseId: string, db: WorkstationDb = getDb(), now: Date = new Date()): Promise<boolean> {
  try {
    return await db.transaction('rw', [db.auditLog, db.settings, db.cases], async () => {
      const entries = await db.auditLog.where('caseId').equals(caseId).toArray();
      if (entries.length === 0) return false;
      const stored = (await db.cases.get(caseId))?.case;
      const actor = await actorInTx(db, stored);
      if (!shouldRecordOpening(entries, { caseId, clerkId: actor.clerkId, now: deviceTime(now) })) return false;
      const added = await appendInTx(db, caseId, [{ action: 'case.opened' }], {
        catalogVersion: stored?.catalogVersion ?? 'unknown',
        training: stored?.training === true,
        ...(stored ? { case: stored } : {}),
        at: now,
      });
      return added.length > 0;
    });
  } catch (e) {
    console.warn(`[audit] case.opened not recorded: ${e instanceof Error ? e.name : 'error'}`);
    return false;
  }
}

// ---- reading and verifying -----------------------------------------------------------------

/** A case's entries in stored order (the order they were written). */
export async function entriesOf(caseId: string, db: WorkstationDb = getDb()): Promise<AuditLogRecord[]> {
  const rows = await db.auditLog.where('caseId').equals(caseId).toArray();
  return rows.sort((a, b) => (a.key ?? 0) - (b.key ?? 0));
}

export async function historyOf(caseId: string, db: WorkstationDb = getDb()): Promise<CaseHistory> {
  return caseHistory(await entriesOf(caseId, db), caseId);
}

/** Verifies every chain on this workstation (in stored order). */
export async function verifyWorkstationLog(db: WorkstationDb = getDb()): Promise<ChainVerification> {
  return verifyChain(await db.auditLog.orderBy('key').toArray());
}

