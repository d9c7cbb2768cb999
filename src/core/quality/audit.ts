/**
 * The audit trail: every action on a case — who, which workstation, when by
 * the device clock (and later the server's), catalog version, before and after — appended
 * to a tamper-evident, hash-chained log that syncs with the case.
 *
 * ## The hash
 * `hash = SHA-256(canonicalJson(entry without hash and serverTime))`, lowercase hex, where
 * canonicalJson (../kernel/canonical.ts) sorts object keys at every level, and only the fields
 * of the format are hashed (a field a store adds, e.g. an auto-increment key, is ignored).
 * SHA-256 is @noble/hashes (audited, dependency-free, synchronous) so the core stays pure
 * and the same code runs in the renderer, the server and tests.
 *
 * ## One chain per case, with a genesis from the case id — why
 * `prevHash` of a case's first entry is `genesisHash(caseId)` = SHA-256 of
 * `onewindow/audit/v1/genesis/<caseId>`; every later entry's `prevHash` is the hash of the
 * entry before it, and `seq` counts 1, 2, 3 … within the case.
 * - The log syncs *with the case*: the server, a department or a supervisor on another
 *   workstation holds one case's entries and can verify them alone. A per-workstation chain
 *   cannot be verified there: it would run through other cases and through training cases,
 *   which never leave the workstation (training data never reaches a department).
 * - The genesis binds the chain to its case: entries cannot be moved to another case, and
 *   removing the first entry is detected.
 * - What a chain alone cannot show: entries cut off at the end, a whole case's log deleted,
 *   or the rest of a chain rewritten from the tampered entry on (anyone can recompute
 *   SHA-256). Those are caught against what is kept apart: `requireCases` (every decided
 *   case must have a log) and `anchors` (the head `{ seq, hash }` the server acknowledged
 *   at the last sync, or one printed on a report). A keyed MAC with a host-held key would
 *   harden this further; it is not part of this format (v 1).
 *
 * ## serverTime is not hashed
 * The device clock is known when the entry is written; the server's time only when the case
 * syncs, and hashing it would mean rewriting a chained entry afterwards. So `serverTime` is
 * outside the hash (`withServerTime` fills it in) and the server keeps its own copy of it.
 * The sync itself is recorded as a chained `synced` entry whose `after` carries the server's
 * receipt time, so from then on the server clock is in the chain too.
 *
 * ## Personal data
 * `before` / `after` may hold personal data (the log is local and encrypted at rest with
 * the case); keep them to the fields that changed (`changedFields`).
 */
import { canonicalJson, sha256Hex as coreSha256Hex } from '../kernel';
import { z } from 'zod';
import type { Localized } from '../i18n';
import { IsoDateTime } from '../intake/time';
import type { IntakeCase } from '../intake/case';
import { Role } from './roles';
import { maskIdNumber } from '../identity/mask';
import { maskAddress, maskName, maskPhone } from './masking';
import { findUnstorableString, jsonDepthExceeds, MAX_JSON_DEPTH, safeText } from '../text';

export const AUDIT_FORMAT = 1;

/** Single-line text (../text.ts). */
const text = safeText();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

/**
 * A before/after value: any JSON, but its depth and strings are checked before zod's
 * recursive JSON schema sees it (a value nested thousands deep would overflow the stack; a NUL
 * cannot be stored in PostgreSQL's jsonb).
 */
export const JsonValue = z
  .unknown()
  .superRefine((v, ctx) => {
    const deep = jsonDepthExceeds(v, MAX_JSON_DEPTH);
    if (deep) return ctx.addIssue({ code: 'custom', path: deep.slice(0, 8), message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    const bad = findUnstorableString(v);
    if (bad) ctx.addIssue({ code: 'custom', path: bad.slice(0, 8), message: 'holds a control character or a lone surrogate' });
  })
  .pipe(z.json());
export type JsonValue = z.infer<typeof JsonValue>;

/**
 * What was done. `case.opened` records that someone read a case's personal data (PIPL:
 * access is attributable too); `status.received` a department's status event pulled;
 * `supplement.received` a deferred (容缺) material brought in; `notice.printed` a 受理通知书,
 * 一次性告知书 or 不予受理通知书 (re)printed.
 */
export const AuditAction = z.enum([
  'case.created',
  'case.opened',
  'answer.set',
  'material.set',
  'applicant.updated',
  'agent.updated',
  'fields.updated',
  'step.changed',
  'draft.carriedOver',
  'draft.discarded',
  'decision.recorded',
  'notice.printed',
  'supplement.received',
  'synced',
  'status.received',
  'review.recorded',
  'review.replied',
  'case.revised',
  'handout.recorded',
  'rating.recorded',
  /** 调取电子证照: a licence look-up for the case (the answer, the licence number; never a person's number in full). */
  'licence.fetched',
  /** 秒填: the applicant's shared basic records looked up and the fields the clerk took. */
  'records.prefilled',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AUDIT_ACTION_LABELS: Record<AuditAction, Localized> = {
  'case.created': { 'zh-CN': '创建办件', 'en-US': 'Case created' },
  'case.opened': { 'zh-CN': '查看办件', 'en-US': 'Case opened' },
  'answer.set': { 'zh-CN': '回答情形问题', 'en-US': 'Situation answered' },
  'material.set': { 'zh-CN': '核验材料', 'en-US': 'Material checked' },
  'applicant.updated': { 'zh-CN': '修改申请人信息', 'en-US': 'Applicant updated' },
  'agent.updated': { 'zh-CN': '修改代理人信息', 'en-US': 'Agent updated' },
  'fields.updated': { 'zh-CN': '修改事项信息', 'en-US': 'Item fields updated' },
  'step.changed': { 'zh-CN': '切换步骤', 'en-US': 'Step changed' },
  'draft.carriedOver': { 'zh-CN': '草稿迁移至新目录', 'en-US': 'Draft carried over to a new catalog' },
  'draft.discarded': { 'zh-CN': '废弃草稿', 'en-US': 'Draft discarded' },
  'decision.recorded': { 'zh-CN': '作出受理决定', 'en-US': 'Decision recorded' },
  'notice.printed': { 'zh-CN': '打印文书', 'en-US': 'Notice printed' },
  'supplement.received': { 'zh-CN': '收取容缺补交材料', 'en-US': 'Deferred material received' },
  synced: { 'zh-CN': '已同步', 'en-US': 'Synced' },
  'status.received': { 'zh-CN': '收到部门办理状态', 'en-US': 'Department status received' },
  'review.recorded': { 'zh-CN': '质量评查', 'en-US': 'Quality review recorded' },
  'review.replied': { 'zh-CN': '窗口人员回复评查', 'en-US': 'Clerk replied to the review' },
  'case.revised': { 'zh-CN': '补正后修改办件', 'en-US': 'Case revised after 补正' },
  'handout.recorded': { 'zh-CN': '统一出件', 'en-US': 'Result handed out' },
  'rating.recorded': { 'zh-CN': '好差评', 'en-US': 'Rated' },
  'licence.fetched': { 'zh-CN': '调取电子证照', 'en-US': 'Licence looked up' },
  'records.prefilled': { 'zh-CN': '秒填：调取基础信息', 'en-US': 'Basic records looked up (prefill)' },
};

// ---- what an entry may show of a person -----------------------------------------------------

/** Identity fields of an applicant or agent, by name, with the mask kept in the log. */
const IDENTITY_MASKS: Record<string, (v: string) => string> = {
  idNumber: maskIdNumber,
  legalRepresentativeIdNumber: maskIdNumber,
  name: maskName,
  legalRepresentative: maskName,
  signerName: maskName,
  applicantName: maskName,
  phone: maskPhone,
  address: maskAddress,
};

/**
 * `before` / `after` of an applicant, agent or commitment change as the log keeps them: every
 * identity field masked at any depth (110105********002X, 王*明, 138****5678, 浙江省杭州市****),
 * so the log never holds an ID number, a person's name or a phone number in full. An
 * organisation's own name (`organisationName: true`: the top-level `name` of an organisation
 * applicant) and a USCC are public registration data and stay.
 */
export function redactIdentity(v: JsonValue | undefined, opts: { organisationName?: boolean } = {}, depth = 0): JsonValue {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => redactIdentity(x, opts, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, JsonValue> = {};
  for (const [k, x] of Object.entries(v as Record<string, JsonValue>)) {
    const m = IDENTITY_MASKS[k];
    const keep = opts.organisationName && depth === 0 && k === 'name';
    out[k] = m && typeof x === 'string' && !keep ? m(x) : redactIdentity(x, opts, depth + 1);
  }
  return out;
}

export const AuditActor = z.object({ clerkId: text, role: Role, workstationId: text });
export type AuditActor = z.infer<typeof AuditActor>;

/** What the caller gives for a new entry; `appendEntry` adds v, seq, prevHash and hash. */
export const AuditDraft = z.object({
  caseId: text,
  action: AuditAction,
  actor: AuditActor,
  /** The workstation's clock, passed in (core reads no clock). */
  deviceTime: IsoDateTime,
  catalogVersion: text,
  before: JsonValue.optional(),
  after: JsonValue.optional(),
});
export type AuditDraft = z.infer<typeof AuditDraft>;
export type AuditDraftInput = z.input<typeof AuditDraft>;

export const AuditEntry = AuditDraft.extend({
  v: z.literal(AUDIT_FORMAT),
  /** 1, 2, 3 … within the case. */
  seq: z.number().int().min(1),
  /** Filled in when the entry reaches the server; not hashed (see the module comment). */
  serverTime: IsoDateTime.optional(),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The head of a case's chain as acknowledged by the server (or printed): kept apart from the log. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

// ---- hashing ------------------------------------------------------------------------------

/** Core's SHA-256 (kernel/hash.ts) of a string, hex. */
export function sha256HexOf(s: string): string {
  return coreSha256Hex(s);
}

const GENESIS_PREFIX = 'onewindow/audit/v1/genesis/';

/** `prevHash` of a case's first entry. */
export function genesisHash(caseId: string): string {
  return sha256HexOf(GENESIS_PREFIX + caseId);
}

type Hashed = Omit<AuditEntry, 'hash' | 'serverTime'>;

/** Exactly the hashed fields (anything else an entry carries is ignored). */
function hashedPart(e: Hashed): Hashed {
  const out: Hashed = {
    v: e.v,
    seq: e.seq,
    caseId: e.caseId,
    action: e.action,
    actor: { clerkId: e.actor?.clerkId, role: e.actor?.role, workstationId: e.actor?.workstationId },
    deviceTime: e.deviceTime,
    catalogVersion: e.catalogVersion,
    prevHash: e.prevHash,
  };
  if (e.before !== undefined) out.before = e.before;
  if (e.after !== undefined) out.after = e.after;
  return out;
}

/** SHA-256 of the canonical JSON of the entry without `hash` and `serverTime`. */
export function auditEntryHash(e: Hashed): string {
  return sha256HexOf(canonicalJson(hashedPart(e)));
}

// ---- appending ------------------------------------------------------------------------------

/**
 * The next entry of a case's chain after `previous` (null/undefined: the case's first).
 * Validates the draft (throws a ZodError when invalid) and throws RangeError when
 * `previous` belongs to another case.
 */
export function nextEntry(previous: AuditEntry | null | undefined, draft: AuditDraftInput): AuditEntry {
  const d = AuditDraft.parse(draft);
  if (previous && previous.caseId !== d.caseId) throw new RangeError(`the previous entry belongs to case ${previous.caseId}, not ${d.caseId}`);
  const body: Hashed = {
    v: AUDIT_FORMAT,
    seq: previous ? previous.seq + 1 : 1,
    caseId: d.caseId,
    action: d.action,
    actor: d.actor,
    deviceTime: d.deviceTime,
    catalogVersion: d.catalogVersion,
    prevHash: previous ? previous.hash : genesisHash(d.caseId),
    ...(d.before !== undefined ? { before: d.before } : {}),
    ...(d.after !== undefined ? { after: d.after } : {}),
  };
  return { ...body, hash: auditEntryHash(body) };
}

/**
 * `log` with a new entry for `draft` appended (a new array; `log` is left unchanged). The
 * entry chains to the last entry of the same case in `log` (entries of other cases may be
 * in `log` and are skipped).
 */
export function appendEntry(log: readonly AuditEntry[], draft: AuditDraftInput): AuditEntry[] {
  let previous: AuditEntry | undefined;
  for (let i = log.length - 1; i >= 0; i -= 1) {
    if (log[i]!.caseId === draft.caseId) {
      previous = log[i];
      break;
    }
  }
  return [...log, nextEntry(previous, draft)];
}

/** The entry with the server's time filled in (the hash is unchanged: serverTime is not hashed). */
export function withServerTime(entry: AuditEntry, serverTime: string): AuditEntry {
  if (!IsoDateTime.safeParse(serverTime).success) throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(serverTime)}`);
  return { ...entry, serverTime };
}

/**
 * Keeps `before` / `after` minimal: only the top-level fields whose values differ (a field
 * missing on one side is null there); null when nothing changed.
 */
export function changedFields(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>> | null | undefined,
): { before: Record<string, JsonValue>; after: Record<string, JsonValue> } | null {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const outBefore: Record<string, JsonValue> = {};
  const outAfter: Record<string, JsonValue> = {};
  let any = false;
  for (const k of keys) {
    const bv = b[k] === undefined ? null : b[k];
    const av = a[k] === undefined ? null : a[k];
    const bj = canonicalJson(bv);
    const aj = canonicalJson(av);
    if (bj === aj) continue;
    any = true;
    outBefore[k] = JSON.parse(bj) as JsonValue;
    outAfter[k] = JSON.parse(aj) as JsonValue;
  }
  return any ? { before: outBefore, after: outAfter } : null;
}

// ---- verifying ------------------------------------------------------------------------------

/**
 * - altered: an entry no longer matches its hash, or no longer has the hash the next entry recorded
 * - removed: a seq is missing (or the genesis-linked first entry, or entries up to an anchor)
 * - reordered: entries are out of chain order
 * - inserted: an entry that is not part of the chain (a second entry with a seq, or a fork)
 *
 * The kind is the most likely explanation of the first break found; `ok: false` and
 * `firstBadSeq` are what is guaranteed.
 */
export type ChainProblemKind = 'altered' | 'removed' | 'reordered' | 'inserted';

export type ChainVerification =
  | { ok: true; cases: number; entries: number }
  | { ok: false; caseId: string; firstBadSeq: number; kind: ChainProblemKind; cases: number; entries: number };

export interface VerifyOptions {
  /** Per case id, the head acknowledged earlier: the chain must still reach it unchanged. */
  anchors?: ReadonlyMap<string, AuditAnchor> | Readonly<Record<string, AuditAnchor>>;
  /** Case ids that must have a log (e.g. every decided case on the workstation). */
  requireCases?: Iterable<string>;
}

type CaseProblem = { firstBadSeq: number; kind: ChainProblemKind };

function anchorOf(anchors: VerifyOptions['anchors'], caseId: string): AuditAnchor | undefined {
  if (!anchors) return undefined;
  if (anchors instanceof Map) return anchors.get(caseId);
  return Object.prototype.hasOwnProperty.call(anchors, caseId) ? (anchors as Record<string, AuditAnchor>)[caseId] : undefined;
}

/** The seq (other than its own, within ±64) under which the entry's content matches its hash: it was renumbered. */
function renumberedFrom(x: AuditEntry): number | null {
  for (let d = 1; d <= 64; d += 1) {
    if (auditEntryHash({ ...x, seq: x.seq + d }) === x.hash) return x.seq + d;
    if (x.seq - d >= 1 && auditEntryHash({ ...x, seq: x.seq - d }) === x.hash) return x.seq - d;
  }
  return null;
}

/** The first break in one case's entries, in stored order; null when the chain holds. */
function verifyCase(caseId: string, e: readonly AuditEntry[], anchor: AuditAnchor | undefined): CaseProblem | null {
  const seqCount = new Map<number, number>();
  for (const x of e) seqCount.set(x.seq, (seqCount.get(x.seq) ?? 0) + 1);
  let expPrev = genesisHash(caseId);
  for (let i = 0; i < e.length; i += 1) {
    const x = e[i]!;
    const expSeq = i + 1;
    const seqOk = x.seq === expSeq;
    const linkOk = x.prevHash === expPrev;
    const hashOk = x.v === AUDIT_FORMAT && auditEntryHash(x) === x.hash;
    if (seqOk && linkOk && hashOk) {
      expPrev = x.hash;
      continue;
    }
    if ((seqCount.get(x.seq) ?? 0) > 1) return { kind: 'inserted', firstBadSeq: x.seq };
    if (!seqOk) {
      if (Number.isInteger(x.seq) && x.seq > expSeq) {
        const later = e.slice(i + 1).some((y) => y.seq === expSeq);
        return { kind: later ? 'reordered' : 'removed', firstBadSeq: expSeq };
      }
      return { kind: 'altered', firstBadSeq: expSeq };
    }
    if (!linkOk) {
      // The entry before claims the same predecessor as this one: it was slipped in.
      if (i > 0 && x.prevHash === e[i - 1]!.prevHash) return { kind: 'inserted', firstBadSeq: e[i - 1]!.seq };
      const rest = e.slice(i + 1);
      if (rest.some((y) => y.hash === x.prevHash || y.prevHash === expPrev)) return { kind: 'reordered', firstBadSeq: expSeq };
      if (!hashOk) {
        const from = renumberedFrom(x);
        if (from !== null && from > x.seq) return { kind: 'removed', firstBadSeq: expSeq };
        if (from !== null && from < x.seq) return { kind: 'inserted', firstBadSeq: Math.max(1, expSeq - 1) };
        return { kind: 'altered', firstBadSeq: x.seq };
      }
      return i === 0 ? { kind: 'removed', firstBadSeq: 1 } : { kind: 'altered', firstBadSeq: e[i - 1]!.seq };
    }
    return { kind: 'altered', firstBadSeq: x.seq };
  }
  if (anchor) {
    const at = e[anchor.seq - 1];
    if (!at) return { kind: 'removed', firstBadSeq: e.length + 1 };
    if (at.hash !== anchor.hash) return { kind: 'altered', firstBadSeq: anchor.seq };
  }
  return null;
}

function groupByCase(entries: readonly AuditEntry[]): Map<string, AuditEntry[]> {
  const groups = new Map<string, AuditEntry[]>();
  for (const x of entries) {
    const g = groups.get(x.caseId);
    if (g) g.push(x);
    else groups.set(x.caseId, [x]);
  }
  return groups;
}

/**
 * Verifies the chains of every case in `entries` (one case's or a whole workstation's
 * log, in stored order). Reports the first break of the first broken case (cases in the
 * order they first appear, then `requireCases` missing a log, then anchors of cases with
 * no entries at all).
 */
export function verifyChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainVerification {
  const groups = groupByCase(entries);
  const counts = { cases: groups.size, entries: entries.length };
  for (const [caseId, e] of groups) {
    const p = verifyCase(caseId, e, anchorOf(options.anchors, caseId));
    if (p) return { ok: false, caseId, ...p, ...counts };
  }
  const missing = (caseId: string): ChainVerification => ({ ok: false, caseId, firstBadSeq: 1, kind: 'removed', ...counts });
  for (const caseId of options.requireCases ?? []) if (!groups.has(caseId)) return missing(caseId);
  const anchors = options.anchors;
  const anchored = anchors ? (anchors instanceof Map ? [...anchors.keys()] : Object.keys(anchors)) : [];
  for (const caseId of anchored) if (!groups.has(caseId)) return missing(caseId);
  return { ok: true, ...counts };
}

/** The head `{ seq, hash }` of a case's chain (to keep as an anchor), or null when it has no entries. */
export function chainHead(entries: readonly AuditEntry[], caseId: string): AuditAnchor | null {
  let head: AuditEntry | null = null;
  for (const x of entries) if (x.caseId === caseId && (head === null || x.seq > head.seq)) head = x;
  return head ? { seq: head.seq, hash: head.hash } : null;
}

export interface CaseHistory {
  caseId: string;
  /** The case's entries by seq (the order of the chain). */
  entries: AuditEntry[];
  verification: ChainVerification;
}

/**
 * A case's history for the supervisor's view: its entries by seq, and whether its chain
 * holds (verified in stored order, against the case's anchor if given; a case with no
 * entries at all counts as removed: every case has at least its `case.created`).
 */
export function caseHistory(entries: readonly AuditEntry[], caseId: string, anchor?: AuditAnchor): CaseHistory {
  const own = entries.filter((x) => x.caseId === caseId);
  const verification = verifyChain(own, { requireCases: [caseId], ...(anchor ? { anchors: new Map([[caseId, anchor]]) } : {}) });
  const sorted = own.map((x, i) => [x, i] as const).sort((a, b) => a[0].seq - b[0].seq || a[1] - b[1]).map(([x]) => x);
  return { caseId, entries: sorted, verification };
}

// ---- what a case change records ---------------------------------------------------------------

/** An entry to append, before the actor, time and chain are known. */
export interface AuditChange {
  action: AuditAction;
  before?: JsonValue;
  after?: JsonValue;
}

type CaseLike = Pick<
  IntakeCase,
  'status' | 'catalogVersion' | 'subject' | 'answers' | 'materialStates' | 'applicant' | 'agent' | 'fields' | 'decision' | 'step' | 'caseNumber' | 'dishonesty'
>;

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function decisionSummary(c: CaseLike): JsonValue {
  const d = c.decision;
  if (!d) return { status: c.status };
  const base: Record<string, JsonValue> = { status: c.status, kind: d.kind, caseNumber: d.caseNumber, at: d.at, by: d.by };
  if (d.kind === 'accept') {
    base['promisedDates'] = d.promisedDates.map((p) => ({ basicCode: p.basicCode, date: p.date }));
    base['received'] = d.received.map((m) => m.key);
    if (d.deferral)
      base['deferral'] = {
        materials: d.deferral.materials.map((m) => m.key),
        deadline: d.deferral.deadline.date,
        approvedBy: d.deferral.approval?.supervisorId ?? null,
      } as JsonValue;
  }
  if (d.kind === 'oneTimeNotice') base['items'] = d.items.map((m) => ({ key: m.key, problem: m.problem }));
  if (d.kind === 'refuse') base['reason'] = d.reason.code;
  return base;
}

/**
 * The entries a write of `next` over `prev` records (prev null/undefined: the case was just
 * created), in a fixed order: created, carried over, answers, materials, applicant, agent,
 * item fields, step, decision. Only the fields that changed; identity values masked
 * (redactIdentity). A write that changes nothing records nothing.
 */
export function caseAuditChanges(prev: CaseLike | null | undefined, next: CaseLike): AuditChange[] {
  const out: AuditChange[] = [];
  const push = (action: AuditAction, d: { before: Record<string, JsonValue>; after: Record<string, JsonValue> } | null, redact?: { organisationName: boolean }) => {
    if (!d) return;
    out.push(redact ? { action, before: redactIdentity(d.before, redact), after: redactIdentity(d.after, redact) } : { action, ...d });
  };
  if (!prev) {
    out.push({ action: 'case.created', after: { status: next.status, subject: next.subject as JsonValue, catalogVersion: next.catalogVersion } });
    prev = { ...next, answers: {}, materialStates: {}, applicant: undefined, agent: undefined, fields: {}, decision: undefined, status: 'draft', dishonesty: undefined };
  }
  if (prev.catalogVersion !== next.catalogVersion)
    out.push({ action: 'draft.carriedOver', before: { catalogVersion: prev.catalogVersion }, after: { catalogVersion: next.catalogVersion } });
  push('answer.set', changedFields(prev.answers, next.answers));
  push('material.set', changedFields(prev.materialStates, next.materialStates));
  const org = { organisationName: next.applicant?.kind === 'organisation' || prev.applicant?.kind === 'organisation' };
  push('applicant.updated', changedFields(asRecord(prev.applicant), asRecord(next.applicant)), org);
  if (canonicalJson(prev.dishonesty ?? null) !== canonicalJson(next.dishonesty ?? null))
    out.push({ action: 'applicant.updated', after: { dishonesty: next.dishonesty ? { flagged: next.dishonesty.flagged, by: next.dishonesty.by } : null } });
  if (canonicalJson(prev.agent ?? null) !== canonicalJson(next.agent ?? null)) {
    const d = changedFields(asRecord(prev.agent), asRecord(next.agent));
    if (next.agent === null || prev.agent === null || prev.agent === undefined || !d)
      out.push({ action: 'agent.updated', before: redactIdentity((prev.agent ?? null) as JsonValue), after: redactIdentity((next.agent ?? null) as JsonValue) });
    else push('agent.updated', d, { organisationName: false });
  }
  push('fields.updated', changedFields(prev.fields, next.fields));
  if (prev.step !== next.step && next.status === 'draft') out.push({ action: 'step.changed', before: { step: prev.step }, after: { step: next.step } });
  if (prev.status !== next.status || canonicalJson(prev.decision ?? null) !== canonicalJson(next.decision ?? null))
    out.push({ action: 'decision.recorded', before: { status: prev.status }, after: decisionSummary(next) });
  return out;
}

// ---- the push (POST /api/v1/audit, workstation token) ----------------------------------------

export const AUDIT_PUSH_MAX = 500;

export const AuditHead = z.object({ caseId: text.max(64), seq: z.number().int().positive(), hash: sha256Hex });
export type AuditHead = z.infer<typeof AuditHead>;

/**
 * Entries of cases the server already has, each case's in chain order; `training` must be
 * absent or false (the server refuses training entries: they never leave the workstation).
 */
export const AuditPushRequest = z.object({
  entries: z
    .array(AuditEntry.extend({ training: z.literal(false).optional() }))
    .min(1)
    .max(AUDIT_PUSH_MAX),
  /**
   * The workstation's own head `{ seq, hash }` of each case in the push: its copy of the chain,
   * held outside the server's database, so a chain rewritten there no longer matches it.
   */
  heads: z.array(AuditHead).max(AUDIT_PUSH_MAX).optional(),
});
export type AuditPushRequest = z.infer<typeof AuditPushRequest>;

export const AuditPushOutcome = z.enum(['stored', 'alreadyHave', 'rejected']);
export type AuditPushOutcome = z.infer<typeof AuditPushOutcome>;

export const AuditPushResult = z.object({
  caseId: z.string(),
  seq: z.number().int(),
  outcome: AuditPushOutcome,
  /** The server's receipt time (stored, alreadyHave). */
  receivedAt: IsoDateTime.optional(),
  reason: z.string().optional(),
});
export type AuditPushResult = z.infer<typeof AuditPushResult>;

export const AuditPushResponse = z.object({ results: z.array(AuditPushResult) });
export type AuditPushResponse = z.infer<typeof AuditPushResponse>;
