/**
 * The centre's electronic licence registry (电子证照库) and basic records (人口 / 法人), over the
 * Db interface: reading a holder's licences by blind index, the answer a look-up gives (status at
 * the look-up date, holder mismatch), writing licences (import, 办结, revocation) and basic records.
 *
 * Two registries with the same shapes: the live one (migration 014's `licences`, `persons` …,
 * sealed with the service's key) and the training one (`training_*`, fictional people, a fixed
 * key). Everything here takes a `Registry`, which names its tables and keys; `registryFor(training)`
 * is the one place that chooses, so a training look-up never names a live table.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/sync/protocol';
import type { HolderIdType, LicenceStatus } from '../../core/sharing/licence';
import type { Queryable } from '../db';
import { sha256Hex } from '../store';
import { type RegistryKeys, TRAINING_KEYS } from './keys';

export interface RegistryTables {
  licences: string;
  documents: string;
  persons: string;
  organisations: string;
  lookups: string;
  documentReads: string;
}

export interface Registry {
  training: boolean;
  keys: RegistryKeys;
  t: RegistryTables;
}

const LIVE_TABLES: RegistryTables = {
  licences: 'licences',
  documents: 'licence_documents',
  persons: 'persons',
  organisations: 'organisations',
  lookups: 'sharing_lookups',
  documentReads: 'sharing_document_reads',
};
const TRAINING_TABLES: RegistryTables = Object.fromEntries(Object.entries(LIVE_TABLES).map(([k, v]) => [k, `training_${v}`])) as unknown as RegistryTables;

export function liveRegistry(keys: RegistryKeys): Registry {
  if (keys.scope !== 'live') throw new Error('the live registry needs the live keys');
  return { training: false, keys, t: LIVE_TABLES };
}
export const TRAINING_REGISTRY: Registry = { training: true, keys: TRAINING_KEYS, t: TRAINING_TABLES };

export function registryFor(training: boolean, live: Registry): Registry {
  return training ? TRAINING_REGISTRY : live;
}

// ---- licence types ---------------------------------------------------------------------------

export interface LicenceTypeRow {
  code: string;
  name: string;
  nameEn: string | null;
  issuingDepartmentCode: string;
  holderIdType: HolderIdType;
}

export type LicenceTypeInput = Omit<LicenceTypeRow, 'nameEn'> & { nameEn?: string | null | undefined };

/** `training` definitions never replace others; a catalog's or an import's replace a training one. */
export async function upsertLicenceTypes(q: Queryable, types: readonly LicenceTypeInput[], now: Date, source: 'catalog' | 'import' | 'training' = 'import'): Promise<void> {
  if (types.length === 0) return;
  const replace =
    source === 'training'
      ? 'DO NOTHING'
      : `DO UPDATE SET name = excluded.name, name_en = excluded.name_en, issuing_department_code = excluded.issuing_department_code,
           holder_id_type = excluded.holder_id_type, source = excluded.source, updated_at = excluded.updated_at
         ${source === 'catalog' ? "WHERE licence_types.source = 'training'" : ''}`;
  await q.query(
    `INSERT INTO licence_types (code, name, name_en, issuing_department_code, holder_id_type, source, updated_at)
     SELECT x.code, x.name, x.name_en, x.dept, x.holder, $3, $2 FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, name_en text, dept text, holder text)
     ON CONFLICT (code) ${replace}`,
    [JSON.stringify(types.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn ?? null, dept: t.issuingDepartmentCode, holder: t.holderIdType }))), now, source],
  );
}

/**
 * Licence types the published catalogs name and the registry does not know yet (the newest
 * catalog version naming a code wins); an import's own types are kept as they are.
 */
export async function loadLicenceTypesFromCatalogs(q: Queryable, now: Date): Promise<number> {
  const rows = await q.query<{ code: string; name: string; name_en: string | null; dept: string; holder: string }>(
    `SELECT DISTINCT ON (t->>'code') t->>'code' AS code, t->>'name' AS name, t->>'nameEn' AS name_en,
            t->>'issuingDepartmentCode' AS dept, t->>'holderIdType' AS holder
       FROM catalog_versions v, jsonb_array_elements(coalesce(v.body->'licenceTypes', '[]'::jsonb)) t
      WHERE NOT EXISTS (SELECT 1 FROM licence_types lt WHERE lt.code = t->>'code' AND lt.source <> 'training')
      ORDER BY t->>'code', v.published_at DESC`,
  );
  await upsertLicenceTypes(
    q,
    rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, issuingDepartmentCode: r.dept, holderIdType: r.holder as HolderIdType })),
    now,
    'catalog',
  );
  return rows.length;
}

export async function licenceType(q: Queryable, code: string, now: Date): Promise<LicenceTypeRow | null> {
  const read = async () =>
    (
      await q.query<{ code: string; name: string; name_en: string | null; dept: string; holder: HolderIdType; source: string }>(
        'SELECT code, name, name_en, issuing_department_code AS dept, holder_id_type AS holder, source FROM licence_types WHERE code = $1',
        [code],
        { name: 'ow_licence_type' },
      )
    )[0];
  let r = await read();
  if (!r || r.source === 'training') {
    // A catalog published since: pick its licence types up now (they replace the training registry's own).
    if ((await loadLicenceTypesFromCatalogs(q, now)) > 0) r = await read();
  }
  return r ? { code: r.code, name: r.name, nameEn: r.name_en, issuingDepartmentCode: r.dept, holderIdType: r.holder } : null;
}

// ---- licences --------------------------------------------------------------------------------

/** What the registry holds of one licence (unsealed). */
export interface LicenceRecord {
  id: number | null; // null: an answer of the provincial platform
  typeCode: string;
  number: string;
  issuer: string;
  holderName: string;
  holderIdType: HolderIdType;
  holderId: string;
  issuedOn: string;
  expiresOn: string | null;
  /** As recorded (revoked / cancelled stick; expiry is also computed at look-up). */
  status: LicenceStatus;
  fields: Record<string, string>;
  documentSha256: string | null;
}

/** The licence as a look-up answers it (the contract's shape). */
export interface LicenceView {
  typeCode: string;
  typeName: string;
  number: string;
  issuer: string;
  holderName: string;
  holderIdType: HolderIdType;
  holderId: string;
  issuedOn: string;
  expiresOn: string | null;
  status: LicenceStatus;
  fields: Record<string, string>;
  hasDocument: boolean;
  hash: string;
}

export type LookupOutcome = 'found' | 'notFound' | 'holderMismatch' | 'expired' | 'revoked' | 'cancelled' | 'unavailable';

export const holderAad = (typeCode: string, number: string): string => `licence:${typeCode}:${number}`;
export const documentAad = (sha256: string): string => `document:${sha256}`;

type LicenceRow = {
  id: number;
  type_code: string;
  number: string;
  holder_id_type: HolderIdType;
  holder_sealed: Uint8Array;
  issuer: string;
  issued_on: string;
  expires_on: string | null;
  status: LicenceStatus;
  document_sha256: string | null;
};

const LICENCE_COLUMNS = `id, type_code, number, holder_id_type, holder_sealed, issuer, to_char(issued_on, 'YYYY-MM-DD') AS issued_on,
  to_char(expires_on, 'YYYY-MM-DD') AS expires_on, status, document_sha256`;

function unsealLicence(reg: Registry, r: LicenceRow): LicenceRecord {
  const sealed = JSON.parse(reg.keys.open(r.holder_sealed, holderAad(r.type_code, r.number)).toString('utf8')) as {
    holderId: string;
    holderName: string;
    fields: Record<string, string>;
  };
  return {
    id: Number(r.id),
    typeCode: r.type_code,
    number: r.number,
    issuer: r.issuer,
    holderName: sealed.holderName,
    holderIdType: r.holder_id_type,
    holderId: sealed.holderId,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    status: r.status,
    fields: sealed.fields,
    documentSha256: r.document_sha256,
  };
}

/** Every licence of this type the holder has, by blind index. */
export async function licencesOfHolder(q: Queryable, reg: Registry, typeCode: string, holderIdType: HolderIdType, holderId: string): Promise<LicenceRecord[]> {
  const rows = await q.query<LicenceRow>(
    `SELECT ${LICENCE_COLUMNS} FROM ${reg.t.licences} WHERE type_code = $1 AND holder_key = $2 ORDER BY issued_on DESC, id DESC LIMIT 50`,
    [typeCode, reg.keys.blindIndex(holderIdType, holderId)],
    { name: `ow_licences_of_holder_${reg.training ? 'training' : 'live'}` },
  );
  return rows.map((r) => unsealLicence(reg, r));
}

export async function licenceById(q: Queryable, reg: Registry, id: number): Promise<LicenceRecord | null> {
  const [r] = await q.query<LicenceRow>(`SELECT ${LICENCE_COLUMNS} FROM ${reg.t.licences} WHERE id = $1`, [id]);
  return r ? unsealLicence(reg, r) : null;
}

/** The status on a date: revoked / cancelled as recorded; otherwise expired once past its expiry date. */
export function statusOn(l: Pick<LicenceRecord, 'status' | 'expiresOn'>, on: string): LicenceStatus {
  if (l.status === 'revoked' || l.status === 'cancelled' || l.status === 'expired') return l.status;
  return l.expiresOn !== null && l.expiresOn < on ? 'expired' : 'valid';
}

/** Names compare without blanks, width or case differences (全角/半角 brackets in company names). */
export function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFKC').replace(/[\s·•．.]/g, '').toUpperCase();
  return n(a) === n(b);
}

const RANK: Record<LicenceStatus, number> = { valid: 0, expired: 1, cancelled: 2, revoked: 3 };

/**
 * The answer over a holder's licences: none → notFound; none under the name given → holderMismatch
 * (and no licence: the clerk has the wrong person, or the wrong id); otherwise the best one on the
 * date (valid first, then the latest issued) and its status as the outcome.
 */
export function chooseAnswer(candidates: readonly LicenceRecord[], holderName: string, on: string): { outcome: LookupOutcome; licence: LicenceRecord | null; status: LicenceStatus | null } {
  if (candidates.length === 0) return { outcome: 'notFound', licence: null, status: null };
  const named = candidates.filter((c) => sameName(c.holderName, holderName));
  if (named.length === 0) return { outcome: 'holderMismatch', licence: null, status: null };
  const ranked = named
    .map((c) => ({ c, s: statusOn(c, on) }))
    .sort((x, y) => RANK[x.s] - RANK[y.s] || (x.c.issuedOn < y.c.issuedOn ? 1 : x.c.issuedOn > y.c.issuedOn ? -1 : 0));
  const best = ranked[0]!;
  return { outcome: best.s === 'valid' ? 'found' : best.s, licence: best.c, status: best.s };
}

/** The contract's licence (status on the look-up date) with its hash: SHA-256 of its canonical JSON without the hash. */
export function licenceView(l: LicenceRecord, typeName: string, status: LicenceStatus): LicenceView {
  const body = {
    typeCode: l.typeCode,
    typeName,
    number: l.number,
    issuer: l.issuer,
    holderName: l.holderName,
    holderIdType: l.holderIdType,
    holderId: l.holderId,
    issuedOn: l.issuedOn,
    expiresOn: l.expiresOn,
    status,
    fields: l.fields,
    hasDocument: l.documentSha256 !== null,
  };
  return { ...body, hash: sha256Hex(canonicalJson(body)) };
}

/** One licence to write (import, 办结, seed). */
export interface LicenceInput {
  typeCode: string;
  number: string;
  holderIdType: HolderIdType;
  holderId: string;
  holderName: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  status: LicenceStatus;
  fields: Record<string, string>;
  document?: { mime: string; bytes: Buffer } | null;
}

/** Stores a document (sealed, once per content); returns its SHA-256. */
export async function putDocument(q: Queryable, reg: Registry, mime: string, bytes: Buffer): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  await q.query(`INSERT INTO ${reg.t.documents} (sha256, mime, size, sealed) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, [
    sha,
    mime,
    bytes.length,
    reg.keys.seal(bytes, documentAad(sha)),
  ]);
  return sha;
}

export async function readDocument(q: Queryable, reg: Registry, sha: string): Promise<{ mime: string; bytes: Buffer } | null> {
  const [r] = await q.query<{ mime: string; sealed: Uint8Array }>(`SELECT mime, sealed FROM ${reg.t.documents} WHERE sha256 = $1`, [sha]);
  return r ? { mime: r.mime, bytes: reg.keys.open(r.sealed, documentAad(sha)) } : null;
}

/**
 * Inserts or replaces licences by (type, number). `origin` says where they came from;
 * `dispatchId` names the 办结 that issued one (then a second call for the same 办结 is a no-op).
 * Returns the ids written (none when the 办结 had already issued it).
 */
export async function writeLicences(
  q: Queryable,
  reg: Registry,
  licences: readonly LicenceInput[],
  origin: 'import' | 'decision' | 'seed',
  now: Date,
  dispatchId: number | null = null,
): Promise<number[]> {
  const rows = [];
  for (const l of licences) {
    const doc = l.document ? await putDocument(q, reg, l.document.mime, l.document.bytes) : null;
    rows.push({
      type_code: l.typeCode,
      number: l.number,
      holder_id_type: l.holderIdType,
      holder_key: reg.keys.blindIndex(l.holderIdType, l.holderId).toString('hex'),
      holder_sealed: reg.keys
        .seal(JSON.stringify({ holderId: l.holderId, holderName: l.holderName, fields: l.fields }), holderAad(l.typeCode, l.number))
        .toString('hex'),
      issuer: l.issuer,
      issued_on: l.issuedOn,
      expires_on: l.expiresOn,
      status: l.status,
      document_sha256: doc,
    });
  }
  if (rows.length === 0) return [];
  const conflict =
    dispatchId !== null
      ? 'ON CONFLICT (issued_by_dispatch, type_code) DO NOTHING'
      : `ON CONFLICT (type_code, number) DO UPDATE SET holder_id_type = excluded.holder_id_type, holder_key = excluded.holder_key,
           holder_sealed = excluded.holder_sealed, issuer = excluded.issuer, issued_on = excluded.issued_on, expires_on = excluded.expires_on,
           status = excluded.status, status_reason = NULL,
           status_changed_at = CASE WHEN ${reg.t.licences}.status = excluded.status THEN ${reg.t.licences}.status_changed_at ELSE excluded.updated_at END,
           document_sha256 = coalesce(excluded.document_sha256, ${reg.t.licences}.document_sha256), origin = excluded.origin, updated_at = excluded.updated_at`;
  const out = await q.query<{ id: number }>(
    `INSERT INTO ${reg.t.licences} (type_code, number, holder_id_type, holder_key, holder_sealed, issuer, issued_on, expires_on, status,
                                   document_sha256, origin, issued_by_dispatch, updated_at)
     SELECT x.type_code, x.number, x.holder_id_type, decode(x.holder_key, 'hex'), decode(x.holder_sealed, 'hex'), x.issuer, x.issued_on, x.expires_on,
            x.status, x.document_sha256, $2, $3::bigint, $4
       FROM jsonb_to_recordset($1::jsonb) AS x(type_code text, number text, holder_id_type text, holder_key text, holder_sealed text, issuer text,
                                               issued_on date, expires_on date, status text, document_sha256 text)
     ${conflict}
     RETURNING id`,
    [JSON.stringify(rows), origin, dispatchId, now],
  );
  return out.map((r) => Number(r.id));
}

/** 吊销 / 注销 (or back to valid): takes effect for every later look-up. Null when there is no such licence. */
export async function setLicenceStatus(
  q: Queryable,
  reg: Registry,
  typeCode: string,
  number: string,
  status: 'revoked' | 'cancelled' | 'valid',
  reason: string,
  now: Date,
): Promise<{ id: number; previous: LicenceStatus } | null> {
  const [r] = await q.query<{ id: number; previous: LicenceStatus }>(
    `UPDATE ${reg.t.licences} l SET status = $3, status_reason = $4, status_changed_at = $5, updated_at = $5
       FROM (SELECT id, status AS previous FROM ${reg.t.licences} WHERE type_code = $1 AND number = $2 FOR UPDATE) old
      WHERE l.id = old.id RETURNING l.id, old.previous`,
    [typeCode, number, status, reason, now],
  );
  return r ? { id: Number(r.id), previous: r.previous } : null;
}

// ---- basic records (秒填) ---------------------------------------------------------------------

export interface PersonRecord {
  id: string;
  name: string;
  address: string;
}
export interface OrganisationRecord {
  uscc: string;
  name: string;
  legalRepresentative: string;
  address: string;
  registrationStatus: string; // 存续 / 在业 / 吊销 / 注销 …
}

const recordAad = (kind: 'person' | 'organisation', key: Buffer) => `${kind}:${key.toString('hex')}`;

export async function writePersons(q: Queryable, reg: Registry, persons: readonly PersonRecord[], now: Date): Promise<void> {
  for (const p of persons) {
    const key = reg.keys.blindIndex('residentId', p.id);
    await q.query(
      `INSERT INTO ${reg.t.persons} (id_key, sealed, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id_key) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [key, reg.keys.seal(JSON.stringify(p), recordAad('person', key)), now],
    );
  }
}

export async function writeOrganisations(q: Queryable, reg: Registry, orgs: readonly OrganisationRecord[], now: Date): Promise<void> {
  for (const o of orgs) {
    const key = reg.keys.blindIndex('uscc', o.uscc);
    await q.query(
      `INSERT INTO ${reg.t.organisations} (id_key, sealed, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id_key) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [key, reg.keys.seal(JSON.stringify(o), recordAad('organisation', key)), now],
    );
  }
}

export async function readPerson(q: Queryable, reg: Registry, id: string): Promise<PersonRecord | null> {
  const key = reg.keys.blindIndex('residentId', id);
  const [r] = await q.query<{ sealed: Uint8Array }>(`SELECT sealed FROM ${reg.t.persons} WHERE id_key = $1`, [key]);
  return r ? (JSON.parse(reg.keys.open(r.sealed, recordAad('person', key)).toString('utf8')) as PersonRecord) : null;
}

export async function readOrganisation(q: Queryable, reg: Registry, uscc: string): Promise<OrganisationRecord | null> {
  const key = reg.keys.blindIndex('uscc', uscc);
  const [r] = await q.query<{ sealed: Uint8Array }>(`SELECT sealed FROM ${reg.t.organisations} WHERE id_key = $1`, [key]);
  return r ? (JSON.parse(reg.keys.open(r.sealed, recordAad('organisation', key)).toString('utf8')) as OrganisationRecord) : null;
}
