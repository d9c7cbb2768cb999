/**
 * The cases list over IndexedDB: today's, by status, all — newest first — and search by
 * applicant ID number, applicant name or case number. Stays fast with 100,000 stored
 * cases because every query walks an index range and stops after one page:
 *
 * - views page by *keyset* on `updatedAt` (the compound indexes [status+updatedAt] and
 *   [createdDay+updatedAt], or `updatedAt` for all): page 100 costs what page 1 costs,
 *   where an offset would walk 5,000 entries first;
 * - search walks the `caseNumber` index from the typed prefix, or the keyed blind indexes
 *   `idKey` (a whole ID number) and `nameKeys` (a name or its first 2–8 characters) — the
 *   ID number and name are sealed at rest (store/case-store.ts) — and stops after
 *   SEARCH_LIMIT matches (a full ID number or case number matches a handful; a common name
 *   prefix may match thousands: the list then says so and asks for more characters).
 *   Only the rows of the page shown are decrypted.
 *
 * Order: `updatedAt` descending, ties by `id` descending (the order IndexedDB gives for
 * equal index keys walked backwards), so a cursor `{ updatedAt, id }` is exact even when
 * two cases share a timestamp.
 */
import Dexie, { type Collection } from 'dexie';
import type { CaseStatus, IntakeCase } from '@core/intake/case';
import { normalizeCaseNumberInput, validateCaseNumber } from '@core/intake/caseNumber';
import { chinaDateOf } from '@core/intake/time';
import { isValidResidentId, isValidUscc, normalizeIdentityInput } from '@core/identity';
import { getDb, type CaseRecord } from '../store/db';
import { idSearchKey, nameSearchKey, openCaseRecords } from '../store/case-store';

export const PAGE_SIZE = 50;
/** Most matches a search loads; beyond it the list asks for a longer search text. */
export const SEARCH_LIMIT = 500;

export const CASE_STATUSES: readonly CaseStatus[] = ['draft', 'accepted', 'noticeIssued', 'refused'];

export type CaseView = { view: 'today'; day: string } | { view: 'status'; status: CaseStatus } | { view: 'all' };
/** A view, optionally narrowed by a search text (ID number, name or case number). */
export type CaseFilter = CaseView & { search?: string };

/** Where a page ends: the last row shown. */
export interface CaseCursor {
  updatedAt: string;
  id: string;
}

export interface CasePageRequest {
  /** The last row of the previous page; null/undefined for the first page. */
  after?: CaseCursor | null;
  /** Default PAGE_SIZE. */
  size?: number;
}

/** What a list row shows (the stored case itself stays in IndexedDB). */
export interface CaseRow {
  id: string;
  status: CaseStatus;
  caseNumber: string;
  createdDay: string;
  updatedAt: string;
  applicantIdNumber: string;
  applicantName: string;
  applicantKind: 'person' | 'organisation' | null;
  subjectName: string;
  /** The case itself, for actions on a row (再次受理 of a notice case). */
  case?: IntakeCase;
}

export type SearchKind = 'idNumber' | 'caseNumber' | 'name';

export interface CasePage {
  rows: CaseRow[];
  /** Cursor of the next page, null on the last page. */
  next: CaseCursor | null;
  /** The indexes a search used (empty without a search). */
  searchedBy: SearchKind[];
  /** The search matched more than SEARCH_LIMIT cases: only the first SEARCH_LIMIT (in index order) are listed. */
  truncated: boolean;
  /** With a search: how many cases matched (as countCases would say). */
  matched?: CaseCount;
  /** With a search: 'all' when it looked through every case, whatever the view ('view': the view's cases only). */
  scope?: 'all' | 'view';
}

export interface CaseCount {
  count: number;
  /** True when there are more than `count` (COUNT_LIMIT, or SEARCH_LIMIT for a search). */
  more: boolean;
}

// ---- the record ----------------------------------------------------------------------

/** A sortable UTC timestamp (`2026-11-30T01:15:00.000Z`) for an ISO date-time with any offset; null if unparseable. */

export { caseRecordFrom } from '../store/case-record';

function rowOf(r: CaseRecord): CaseRow {
  return {
    id: r.id,
    status: r.status,
    caseNumber: r.caseNumber,
    createdDay: r.createdDay,
    updatedAt: r.updatedAt,
    applicantIdNumber: r.applicantIdNumber,
    applicantName: r.applicantName,
    applicantKind: r.case?.applicant?.kind ?? null,
    subjectName: r.subjectName,
    ...(r.status === 'noticeIssued' && r.case ? { case: r.case } : {}),
  };
}

/** The date in China today (YYYY-MM-DD), for the 'today' view. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDateOf(now.toISOString());
}

// ---- search text ---------------------------------------------------------------------

export interface SearchPlan {
  /** Normalised prefix of the applicant's ID number (resident ID or USCC). */
  idNumber?: string;
  /** Prefix of the case number as stored (with dashes: `330106-261130-7K0042-M`). */
  caseNumber?: string;
  /** Prefix of the applicant's name. */
  name?: string;
}

const CN = '0-9ACDEFGHJKLMNPQRTWXY'; // case-number alphabet
/** Prefix shapes of a case number without dashes: 12 digits, 2 workstation symbols, 4 digits, a check symbol. */
const CASE_NUMBER_PREFIX = new RegExp(`^(?:\\d{1,12}|\\d{12}[${CN}]{1,2}|\\d{12}[${CN}]{2}\\d{1,4}|\\d{12}[${CN}]{2}\\d{4}[${CN}])$`);
const RESIDENT_ID_PREFIX = /^(?:\d{6,17}|\d{17}X)$/;
/** USCC: registration authority + category, 6-digit area code, then up to 10 more symbols. */
const USCC_PREFIX = /^[1-9A-HNY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{0,10}$/;
const HAS_CASE_NUMBER_SEPARATOR = /[-‐‑‒–—―−_.·]/;

/** `330106261130` → `330106-261130`: the stored, dashed form of a dashless prefix. */
function dashCaseNumber(s: string): string {
  const groups = [s.slice(0, 6), s.slice(6, 12), s.slice(12, 18), s.slice(18)].filter(Boolean);
  // A complete group is followed by its dash, so '330106' also matches only numbers of that centre.
  let out = groups.join('-');
  if (s.length === 6 || s.length === 12 || s.length === 18) out += '-';
  return out;
}

/**
 * Which index(es) a search text goes to:
 * - a valid resident ID or USCC → ID number; a valid case number → case number;
 * - a prefix of at least 6 digits of a resident ID, or of ≥ 8 symbols of a USCC → ID number;
 * - a (partial) case number, typed with or without dashes → case number;
 *   a prefix that may be either (digits alone, say) searches both;
 * - anything else → the applicant's name (prefix).
 */
export function planSearch(text: string | undefined): SearchPlan | null {
  const raw = (text ?? '').trim();
  if (!raw) return null;
  const plan: SearchPlan = {};
  const id = normalizeIdentityInput(raw);
  // A complete, valid ID number or case number goes to its own index only.
  if (isValidResidentId(id) || isValidUscc(id)) return { idNumber: id };
  const full = validateCaseNumber(raw);
  if (full.ok) return { caseNumber: full.normalized };
  if (!HAS_CASE_NUMBER_SEPARATOR.test(raw) && (RESIDENT_ID_PREFIX.test(id) || (id.length >= 8 && USCC_PREFIX.test(id)))) plan.idNumber = id;
  if (/\d/.test(raw)) {
    const cn = normalizeCaseNumberInput(raw);
    if (CASE_NUMBER_PREFIX.test(cn) && (cn.length >= 4 || HAS_CASE_NUMBER_SEPARATOR.test(raw))) plan.caseNumber = dashCaseNumber(cn);
  }
  if (!plan.idNumber && !plan.caseNumber) plan.name = raw.replace(/\s+/g, ' ');
  return plan;
}

/**
 * Where a search looks. An ID number or a case number names one applicant or one case: the
 * clerk is looking for it wherever it is — a case taken in at 23:50 is not in today's list
 * after midnight — so those search every case. A name (prefix) is common enough that it
 * stays within the view on screen.
 */
export function searchScope(plan: SearchPlan): 'all' | 'view' {
  return plan.name === undefined ? 'all' : 'view';
}

function searchKinds(plan: SearchPlan): SearchKind[] {
  const kinds: SearchKind[] = [];
  if (plan.idNumber !== undefined) kinds.push('idNumber');
  if (plan.caseNumber !== undefined) kinds.push('caseNumber');
  if (plan.name !== undefined) kinds.push('name');
  return kinds;
}

// ---- queries -------------------------------------------------------------------------

function inView(v: CaseView): (r: CaseRecord) => boolean {
  switch (v.view) {
    case 'today':
      return (r) => r.createdDay === v.day;
    case 'status':
      return (r) => r.status === v.status;
    case 'all':
      return () => true;
  }
}

/** Newest first: updatedAt descending, then id descending. */
function compareNewestFirst(a: { updatedAt: string; id: string }, b: { updatedAt: string; id: string }): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** True when `r` comes after the cursor in newest-first order. */
function isAfter(r: { updatedAt: string; id: string }, c: CaseCursor): boolean {
  return r.updatedAt < c.updatedAt || (r.updatedAt === c.updatedAt && r.id < c.id);
}

/** The view's rows newest first, starting after the cursor: one index range, walked backwards. */
function viewCollection(v: CaseView, after: CaseCursor | null): Collection<CaseRecord, string> {
  const cases = getDb().cases;
  const upper = after ? after.updatedAt : Dexie.maxKey;
  let c: Collection<CaseRecord, string>;
  switch (v.view) {
    case 'today':
      c = cases.where('[createdDay+updatedAt]').between([v.day, Dexie.minKey], [v.day, upper], true, true);
      break;
    case 'status':
      c = cases.where('[status+updatedAt]').between([v.status, Dexie.minKey], [v.status, upper], true, true);
      break;
    case 'all':
      c = after ? cases.where('updatedAt').belowOrEqual(after.updatedAt) : cases.orderBy('updatedAt');
      break;
  }
  c = c.reverse();
  // Rows sharing the cursor's timestamp that were on the previous page (ids ≥ the cursor's).
  if (after) c = c.filter((r) => isAfter(r, after));
  return c;
}

/** Matches of a search (in the view, or everywhere — searchScope), in index order, at most SEARCH_LIMIT + 1. */
async function searchMatches(view: CaseView, plan: SearchPlan): Promise<CaseRecord[]> {
  const v: CaseView = searchScope(plan) === 'all' ? { view: 'all' } : view;
  const cases = getDb().cases;
  const keep = inView(v);
  const limit = SEARCH_LIMIT + 1;
  const queries: Promise<CaseRecord[]>[] = [];
  // Whole ID numbers only: the keyed blind index (store/case-store.ts) knows no prefixes.
  if (plan.idNumber !== undefined && plan.idNumber.length === 18) {
    const c = cases.where('idKey').equals(await idSearchKey(plan.idNumber));
    queries.push((v.view === 'all' ? c : c.filter(keep)).limit(limit).toArray());
  }
  if (plan.caseNumber !== undefined) {
    const c = cases.where('caseNumber').startsWith(plan.caseNumber);
    queries.push((v.view === 'all' ? c : c.filter(keep)).limit(limit).toArray());
  }
  if (plan.name !== undefined) {
    const c = cases.where('nameKeys').equals(await nameSearchKey(plan.name));
    queries.push((v.view === 'all' ? c : c.filter(keep)).limit(limit).toArray());
  }
  const results = await Promise.all(queries);
  if (results.length === 1) return results[0]!;
  const byId = new Map<string, CaseRecord>();
  for (const rs of results) for (const r of rs) byId.set(r.id, r);
  return [...byId.values()];
}

/** One page of the list, newest first. */
export async function listCases(filter: CaseFilter, page: CasePageRequest = {}): Promise<CasePage> {
  const size = page.size ?? PAGE_SIZE;
  const after = page.after ?? null;
  const plan = planSearch(filter.search);
  if (!plan) {
    const records = await viewCollection(filter, after).limit(size + 1).toArray();
    const rows = (await openCaseRecords(records.slice(0, size))).map((r) => rowOf(r!));
    const last = rows[rows.length - 1];
    return { rows, next: records.length > size && last ? { updatedAt: last.updatedAt, id: last.id } : null, searchedBy: [], truncated: false };
  }
  const matches = await searchMatches(filter, plan);
  const truncated = matches.length > SEARCH_LIMIT;
  const sorted = matches.slice(0, SEARCH_LIMIT).sort(compareNewestFirst);
  const rest = after ? sorted.filter((r) => isAfter(r, after)) : sorted;
  // Only the page shown is opened (decrypted).
  const rows = (await openCaseRecords(rest.slice(0, size))).map((r) => rowOf(r!));
  const last = rows[rows.length - 1];
  return {
    rows,
    next: rest.length > size && last ? { updatedAt: last.updatedAt, id: last.id } : null,
    searchedBy: searchKinds(plan),
    truncated,
    matched: { count: sorted.length, more: truncated },
    scope: searchScope(plan),
  };
}

/**
 * Counts stop at COUNT_LIMIT. IndexedDB counts by walking the range: in Chromium, counting
 * 70,000 entries takes 0.3–1.5 s, and a live list recounts on every change it observes;
 * reading at most COUNT_LIMIT + 1 keys of the same range takes a few milliseconds (10,000
 * keys: ~60–100 ms). Beyond the limit the list shows "1,000+": at the counter, today's
 * cases and the open drafts matter, and they stay well below it.
 */
export const COUNT_LIMIT = 1_000;

/** How many cases the filter holds, up to COUNT_LIMIT (a search: up to SEARCH_LIMIT, where searchScope says). */
export async function countCases(filter: CaseFilter): Promise<CaseCount> {
  const plan = planSearch(filter.search);
  if (plan) {
    const n = (await searchMatches(filter, plan)).length;
    return { count: Math.min(n, SEARCH_LIMIT), more: n > SEARCH_LIMIT };
  }
  const cases = getDb().cases;
  let c: Collection<CaseRecord, string>;
  switch (filter.view) {
    case 'today':
      c = cases.where('createdDay').equals(filter.day);
      break;
    case 'status':
      c = cases.where('status').equals(filter.status);
      break;
    case 'all':
      c = cases.toCollection();
      break;
  }
  const n = (await c.limit(COUNT_LIMIT + 1).primaryKeys()).length;
  return { count: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT };
}

/** Where a row leads: a draft reopens the intake where it stopped; a decided case opens its record. */
export function caseRoute(row: Pick<CaseRow, 'id' | 'status'>): { name: 'intake'; id: string } | { name: 'case'; id: string } {
  return row.status === 'draft' ? { name: 'intake', id: row.id } : { name: 'case', id: row.id };
}

/** How many of the newest drafts `listOpenDrafts` looks through (a counter keeps a handful open). */
export const OPEN_DRAFTS_SCAN = 200;

/**
 * The unfinished intakes (drafts) this clerk started, newest first, at most `limit`: what the
 * prompt after sign-in offers to continue. Only the newest OPEN_DRAFTS_SCAN drafts of the
 * workstation are opened (decrypted) — a draft is per workstation and short-lived.
 */
export async function listOpenDrafts(clerkId: string, limit = 10): Promise<CaseRow[]> {
  const records = await getDb()
    .cases.where('[status+updatedAt]')
    .between(['draft', Dexie.minKey], ['draft', Dexie.maxKey], true, true)
    .reverse()
    .limit(OPEN_DRAFTS_SCAN)
    .toArray();
  const opened = await openCaseRecords(records);
  return opened
    .filter((r): r is CaseRecord => !!r && r.status === 'draft' && r.case?.clerk.clerkId === clerkId)
    .slice(0, limit)
    .map(rowOf);
}

/**
 * The case taken in again after notice case `notice` (再次受理), if there is one: among the open
 * drafts and among the cases of the same applicant (by the keyed ID index). Newest first.
 */
export async function findFollowUp(notice: IntakeCase): Promise<CaseRow | null> {
  const cases = getDb().cases;
  const drafts = cases.where('[status+updatedAt]').between(['draft', Dexie.minKey], ['draft', Dexie.maxKey], true, true).reverse().limit(OPEN_DRAFTS_SCAN).toArray();
  const a = notice.applicant;
  const rawId = a ? (a.kind === 'person' ? a.idNumber : a.uscc) : undefined;
  const id = rawId ? normalizeIdentityInput(rawId) : '';
  const same = id.length === 18 ? cases.where('idKey').equals(await idSearchKey(id)).limit(SEARCH_LIMIT).toArray() : Promise.resolve([]);
  const found = new Map<string, CaseRecord>();
  for (const r of await openCaseRecords([...(await drafts), ...(await same)])) if (r && r.case?.followsUp?.caseId === notice.id) found.set(r.id, r);
  const newest = [...found.values()].sort(compareNewestFirst)[0];
  return newest ? rowOf(newest) : null;
}
