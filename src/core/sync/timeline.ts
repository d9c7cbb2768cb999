/**
 * Status events (what became of a case at each department) folded into what the clerk
 * sees: a per-case timeline, the current status at each department, an overall status,
 * and which new events deserve a notification (补正 and 办结).
 *
 * Events are ordered by the server's cursor (monotonic per server), never by their
 * clocks: a department's PC may be minutes off, the cursor is not. A duplicate (the same
 * cursor pulled twice) counts once.
 */
import type { StatusEvent, StatusEventKind } from './protocol';

export interface DepartmentStatus {
  departmentCode: string;
  /** The latest event's kind at this department. */
  kind: StatusEventKind;
  cursor: number;
  at: string;
  comment?: string | undefined;
  fieldComments?: StatusEvent['fieldComments'];
  resultReady?: boolean | undefined;
  /** The officer (经办人) who made the latest decision, by name. */
  officer?: StatusEvent['officer'];
}

/**
 * - none: no event yet (not sent, or nothing pulled)
 * - received: stored by the server, not yet at a department
 * - inProgress: at one or more departments, none finished or waiting on the applicant
 * - correctionRequested: some department returned it for correction (补正)
 * - denied / returned: some department denied or returned it (and none is waiting on a correction)
 * - approved: every department it went to approved it (办结)
 */
export type OverallStatus = 'none' | 'received' | 'inProgress' | 'correctionRequested' | 'denied' | 'returned' | 'approved';

export interface CaseTimeline {
  caseId: string | null;
  caseNumber: string | null;
  /** Sorted by cursor, duplicates removed. */
  events: StatusEvent[];
  /** Current status per department code, by department code. */
  currentDepartmentStatus: Record<string, DepartmentStatus>;
  overall: OverallStatus;
}

/** Events sorted by cursor with duplicate cursors dropped (the first one seen wins). */
export function orderedEvents(events: readonly StatusEvent[]): StatusEvent[] {
  const seen = new Set<number>();
  const out: StatusEvent[] = [];
  for (const e of events) {
    if (seen.has(e.cursor)) continue;
    seen.add(e.cursor);
    out.push(e);
  }
  return out.sort((a, b) => a.cursor - b.cursor);
}

/** The timeline of one case from its events (events of other cases are ignored: the first event's case wins). */
export function caseTimeline(events: readonly StatusEvent[]): CaseTimeline {
  const ordered = orderedEvents(events);
  const caseId = ordered[0]?.caseId ?? null;
  const own = caseId === null ? [] : ordered.filter((e) => e.caseId === caseId);
  const current: Record<string, DepartmentStatus> = {};
  for (const e of own) {
    if (e.departmentCode === null) continue;
    current[e.departmentCode] = {
      departmentCode: e.departmentCode,
      kind: e.kind,
      cursor: e.cursor,
      at: e.at,
      ...(e.comment !== undefined ? { comment: e.comment } : {}),
      ...(e.fieldComments !== undefined ? { fieldComments: e.fieldComments } : {}),
      ...(e.resultReady !== undefined ? { resultReady: e.resultReady } : {}),
      ...(e.officer !== undefined ? { officer: e.officer } : {}),
    };
  }
  return {
    caseId,
    caseNumber: own.at(-1)?.caseNumber ?? null,
    events: own,
    currentDepartmentStatus: current,
    overall: overallStatus(own, Object.values(current)),
  };
}

function overallStatus(events: readonly StatusEvent[], departments: readonly DepartmentStatus[]): OverallStatus {
  if (events.length === 0) return 'none';
  if (departments.length === 0) return 'received';
  const kinds = departments.map((d) => d.kind);
  if (kinds.includes('correctionRequested')) return 'correctionRequested';
  if (kinds.includes('denied')) return 'denied';
  if (kinds.includes('returned')) return 'returned';
  if (kinds.every((k) => k === 'approved')) return 'approved';
  return 'inProgress';
}

/** Timelines of many cases at once, by case id. */
export function timelinesByCase(events: readonly StatusEvent[]): Map<string, CaseTimeline> {
  const groups = new Map<string, StatusEvent[]>();
  for (const e of events) {
    const g = groups.get(e.caseId);
    if (g) g.push(e);
    else groups.set(e.caseId, [e]);
  }
  return new Map([...groups].map(([id, g]) => [id, caseTimeline(g)]));
}

// ---- notifications ------------------------------------------------------------------

export const NOTIFYING_KINDS: ReadonlySet<StatusEventKind> = new Set(['correctionRequested', 'approved']);

export interface StatusNotification {
  /** The event's cursor: one notification per event. */
  cursor: number;
  caseId: string;
  caseNumber: string;
  kind: 'correctionRequested' | 'approved';
  departmentCode: string | null;
  at: string;
  comment?: string | undefined;
  fieldCommentCount: number;
  resultReady?: boolean | undefined;
}

/**
 * The notifications due for newly pulled events: 补正 (correctionRequested) and 办结
 * (approved) only, one per event, in cursor order. Events at or before `notifiedThrough`
 * (the highest cursor already notified) are not new, so a re-pull never notifies twice.
 */
export function notificationsFor(newEvents: readonly StatusEvent[], notifiedThrough = -1): StatusNotification[] {
  return orderedEvents(newEvents)
    .filter((e) => e.cursor > notifiedThrough && NOTIFYING_KINDS.has(e.kind))
    .map((e) => ({
      cursor: e.cursor,
      caseId: e.caseId,
      caseNumber: e.caseNumber,
      kind: e.kind as StatusNotification['kind'],
      departmentCode: e.departmentCode,
      at: e.at,
      ...(e.comment !== undefined ? { comment: e.comment } : {}),
      fieldCommentCount: e.fieldComments?.length ?? 0,
      ...(e.resultReady !== undefined ? { resultReady: e.resultReady } : {}),
    }));
}
