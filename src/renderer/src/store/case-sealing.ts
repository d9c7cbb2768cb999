/**
 * How cases are sealed and opened — no database access here, so the schema's upgrades
 * (store/db.ts) can seal the rows stored before without an import cycle. Cases are read and
 * written in store/case-store.ts.
 *
 * ## What is sealed
 * The applicant (every field but `kind`), the agent, the 容缺 commitment (applicant's and
 * signer's names) and the clerk's 失信 reason — together one JSON value, AES-GCM with a fresh random 96-bit IV at every
 * write and the case id as additional data (store/crypto.ts). In the stored record the case
 * keeps `applicant: { kind }`, `agent: {}` (or null / absent, as it was) and the commitment's
 * other fields; `applicantIdNumber` and `applicantName` are ''.
 *
 * ## Finding a case without the plaintext
 * `idKey` = HMAC(normalised ID number or USCC) and `nameKeys` = HMAC of the name and of its
 * prefixes of 2–8 characters (multi-entry index), with the host's second key. A full ID number
 * finds its cases (duplicate checks, "find by ID"); a name is found from its first 2 characters
 * on. What no longer works: a partial ID number (the index only knows whole numbers) and a
 * single-character name prefix — both would make the index leak far more.
 *
 * A record without `sealed` (written before version 10, or by a test) reads as it is.
 */
import Dexie from 'dexie';
import { normalizeIdentityInput } from '@core/identity';
import type { IntakeCase } from '@core/intake/case';
import { caseRecordFrom } from './case-record';
import type { CaseRecord, RevisionRecord } from './db';
import { blindIndex, isSealedValue, openJson, sealJson } from './crypto';

/** What is sealed: the identity parts of a case. */
interface IdentityPart {
  applicant?: IntakeCase['applicant'];
  agent?: IntakeCase['agent'];
  commitment?: { applicantName?: string; signerName?: string };
  /** The clerk's 失信 reason (it names what the applicant did); from version 14. */
  dishonestyReason?: string;
}

/** Longest name prefix with its own blind index (full names always have one). */
export const NAME_PREFIX_MAX = 8;

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The blind index of a (normalised) ID number or USCC, as stored in `idKey`. */
export function idSearchKey(idNumber: string): Promise<string> {
  return blindIndex('id', normalizeIdentityInput(idNumber));
}

/** The blind index a name (or a prefix of ≥ 2 characters) is found by in `nameKeys`. */
export function nameSearchKey(name: string): Promise<string> {
  return blindIndex('name', normaliseName(name));
}

async function nameKeysOf(name: string): Promise<string[]> {
  const chars = [...normaliseName(name)];
  if (chars.length === 0) return [];
  const texts = new Set<string>([chars.join('')]);
  for (let n = 2; n < chars.length && n <= NAME_PREFIX_MAX; n++) texts.add(chars.slice(0, n).join(''));
  return Promise.all([...texts].map((t) => blindIndex('name', t)));
}

function splitIdentity(c: IntakeCase): { rest: IntakeCase; part: IdentityPart } {
  const part: IdentityPart = {};
  let rest: IntakeCase = { ...c };
  if (c.applicant) {
    part.applicant = c.applicant;
    rest = { ...rest, applicant: { kind: c.applicant.kind } };
  }
  if (c.agent) {
    part.agent = c.agent;
    rest = { ...rest, agent: {} };
  }
  const d = c.decision;
  if (d?.kind === 'accept' && d.deferral) {
    const { applicantName, signerName, ...commitment } = d.deferral.commitment;
    part.commitment = { applicantName, ...(signerName !== undefined ? { signerName } : {}) };
    rest = { ...rest, decision: { ...d, deferral: { ...d.deferral, commitment: commitment as typeof d.deferral.commitment } } };
  }
  if (c.dishonesty && c.dishonesty.reason !== '') {
    part.dishonestyReason = c.dishonesty.reason;
    rest = { ...rest, dishonesty: { ...c.dishonesty, reason: '' } };
  }
  return { rest, part };
}

function joinIdentity(rest: IntakeCase, part: IdentityPart): IntakeCase {
  let c: IntakeCase = { ...rest };
  if (part.applicant) c = { ...c, applicant: part.applicant };
  if (part.agent) c = { ...c, agent: part.agent };
  const d = c.decision;
  if (part.commitment && d?.kind === 'accept' && d.deferral)
    c = { ...c, decision: { ...d, deferral: { ...d.deferral, commitment: { ...d.deferral.commitment, ...part.commitment } } } };
  if (part.dishonestyReason !== undefined && c.dishonesty) c = { ...c, dishonesty: { ...c.dishonesty, reason: part.dishonestyReason } };
  return c;
}

/** True when the record's identity fields are sealed. */
export function isSealed(r: CaseRecord): boolean {
  return isSealedValue(r.sealed);
}

/** The stored form of a (plaintext) record: identity sealed, blind indexes in place of the plaintext ones. */
export async function sealCaseRecord(r: CaseRecord): Promise<CaseRecord> {
  if (isSealed(r)) return r;
  const { rest, part } = splitIdentity(r.case);
  const [sealed, idKey, nameKeys] = await Promise.all([
    sealJson(part, r.id),
    r.applicantIdNumber ? idSearchKey(r.applicantIdNumber) : Promise.resolve(''),
    r.applicantName ? nameKeysOf(r.applicantName) : Promise.resolve([]),
  ]);
  return { ...r, applicantIdNumber: '', applicantName: '', case: rest, sealed, idKey, nameKeys };
}

/** The record as the app uses it (identity fields back in place, applicantIdNumber / applicantName filled in). */
export async function openCaseRecord(r: CaseRecord): Promise<CaseRecord>;
export async function openCaseRecord(r: CaseRecord | undefined): Promise<CaseRecord | undefined>;
export async function openCaseRecord(r: CaseRecord | undefined): Promise<CaseRecord | undefined> {
  if (!r || !isSealed(r)) return r;
  const part = await openJson<IdentityPart>(r.sealed!, r.id);
  const c = joinIdentity(r.case, part);
  const { sealed: _s, idKey: _i, nameKeys: _n, ...plain } = r;
  const full = caseRecordFrom(c, r.subjectName, new Date(r.updatedAt));
  return { ...plain, case: c, applicantIdNumber: full.applicantIdNumber, applicantName: full.applicantName };
}

export function openCaseRecords(rs: readonly (CaseRecord | undefined)[]): Promise<(CaseRecord | undefined)[]> {
  return Promise.all(rs.map((r) => openCaseRecord(r)));
}

/** Sealed records of many cases at once (a batch of 5,000 in the benchmark's seeding). */
export function sealCaseRecords(rs: readonly CaseRecord[]): Promise<CaseRecord[]> {
  return Promise.all(rs.map(sealCaseRecord));
}

/**
 * Seals every plaintext record of a cases table (the version-10 upgrade; safe to run again).
 * In batches, each sealed while Dexie.waitFor keeps the upgrade transaction alive. Without
 * keys (a host that cannot give them now) the records stay as they are and still read.
 */
export async function sealStoredCases(table: Dexie.Table<CaseRecord, string>): Promise<void> {
  const ids = (await table.toCollection().primaryKeys()) as string[];
  const BATCH = 1000;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = (await table.bulkGet(ids.slice(i, i + BATCH))).filter((r): r is CaseRecord => !!r && !isSealed(r));
    if (batch.length === 0) continue;
    let sealed: CaseRecord[];
    try {
      sealed = await Dexie.waitFor(sealCaseRecords(batch), 120_000);
    } catch {
      return; // no keys now: the records stay readable as they are
    }
    await table.bulkPut(sealed);
  }
}

/**
 * The version-14 upgrade: cases sealed before it kept the clerk's 失信 reason in the clear; it
 * joins their sealed part (opened and sealed again, a fresh IV). Few cases carry one, so the
 * scan reads the rest without decrypting. Without keys now they stay as they are.
 */
export async function sealStoredCaseDishonestyReasons(table: Dexie.Table<CaseRecord, string>): Promise<void> {
  const withReason = await table.filter((r) => isSealed(r) && !!r.case.dishonesty?.reason).toArray();
  if (withReason.length === 0) return;
  try {
    const resealed = await Dexie.waitFor(
      Promise.all(
        withReason.map(async (r) => {
          const part = await openJson<IdentityPart>(r.sealed!, r.id);
          return { ...r, case: { ...r.case, dishonesty: { ...r.case.dishonesty!, reason: '' } }, sealed: await sealJson({ ...part, dishonestyReason: r.case.dishonesty!.reason }, r.id) };
        }),
      ),
      120_000,
    );
    await table.bulkPut(resealed);
  } catch {
    // no keys now: the reasons stay readable as they are
  }
}

// ---- case versions after a 补正 (db.revisions): the case they carry is sealed the same way ----

const revisionAad = (r: Pick<RevisionRecord, 'caseId' | 'revision'>) => `${r.caseId}#revision-${r.revision}`;

/** The stored form of a revision: its case's identity fields sealed (see the module comment). */
export async function sealRevision(rec: RevisionRecord): Promise<RevisionRecord> {
  if (isSealedValue(rec.sealed)) return rec;
  const { rest, part } = splitIdentity(rec.record.case);
  const reason = rec.record.reason;
  // The clerk's reply to the department is free text about the applicant: sealed like the identity.
  if (reason?.kind === 'correction' && reason.reply !== undefined) {
    const { reply, ...withoutReply } = reason;
    return {
      ...rec,
      record: { ...rec.record, case: rest, reason: withoutReply },
      sealed: await sealJson(part, revisionAad(rec)),
      sealedReply: await sealJson(reply, `${revisionAad(rec)}#reply`),
    };
  }
  return { ...rec, record: { ...rec.record, case: rest }, sealed: await sealJson(part, revisionAad(rec)) };
}

export async function openRevision(rec: RevisionRecord): Promise<RevisionRecord> {
  if (!isSealedValue(rec.sealed)) return rec;
  const part = await openJson<IdentityPart>(rec.sealed, revisionAad(rec));
  const { sealed: _s, sealedReply, ...plain } = rec;
  const reason = rec.record.reason;
  const reply = isSealedValue(sealedReply) && reason?.kind === 'correction' ? await openJson<string>(sealedReply, `${revisionAad(rec)}#reply`) : null;
  return {
    ...plain,
    record: { ...rec.record, case: joinIdentity(rec.record.case, part), ...(reply !== null && reason?.kind === 'correction' ? { reason: { ...reason, reply } } : {}) },
  };
}

export function openRevisions(rs: readonly RevisionRecord[]): Promise<RevisionRecord[]> {
  return Promise.all(rs.map(openRevision));
}

/** Seals the plaintext revisions of a revisions table (the version-10 upgrade; safe to run again). */
export async function sealStoredRevisions(table: Dexie.Table<RevisionRecord, [string, number]>): Promise<void> {
  const all = (await table.toArray()).filter((r) => !isSealedValue(r.sealed));
  if (all.length === 0) return;
  try {
    await table.bulkPut(await Dexie.waitFor(Promise.all(all.map(sealRevision)), 120_000));
  } catch {
    // no keys now: the revisions stay readable as they are
  }
}
