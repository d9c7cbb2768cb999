/**
 * 办结 → 电子证照: when a department approves its dispatch for an item whose catalog result names a
 * licence type (`ResultDocument.licenceTypeCode`), the result is issued as a licence in the centre's
 * registry — holder = the case's applicant, number generated, issuer = the department's name — so
 * the next case can fetch it instead of asking for paper.
 *
 * Called right after a decision commits (app.ts's decision routes) and, for any approval whose
 * issuance was cut short (a crash between the two), once when the service starts
 * (`issuePendingLicences`). Issuing is idempotent per (dispatch, licence type).
 * Only the implementing department (实施主体) issues; a co-handling one does not.
 */
import type { IntakeCase } from '../../core/intake/case';
import type { HolderIdType } from '../../core/sharing/licence';
import type { Db, Queryable } from '../db';
import type { CatalogCache } from '../store';
import { type LicenceInput, licenceType, type Registry, writeLicences } from './registry';

interface WillIssue {
  basicCode: string;
  resultName: string;
  typeCode: string;
  typeName: string;
}

type DispatchFacts = {
  id: number;
  state: string;
  department_code: string;
  department_name: string | null;
  basic_codes: unknown;
  roles: unknown;
  catalog_version: string;
  case_number: string;
  body: unknown;
};

const asJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

async function dispatchFacts(q: Queryable, dispatchId: number): Promise<DispatchFacts | null> {
  // The case as last revised (补正 revisions), as the department sees it.
  const [r] = await q.query<DispatchFacts>(
    `SELECT d.id, d.state, d.department_code, dp.name AS department_name, d.basic_codes, d.roles, c.catalog_version, c.case_number,
            coalesce((SELECT r.body::text FROM case_revisions r WHERE r.case_id = c.case_id ORDER BY r.revision DESC LIMIT 1), c.body::text) AS body
       FROM dispatches d JOIN cases c ON c.case_id = d.case_id LEFT JOIN departments dp ON dp.code = d.department_code
      WHERE d.id = $1`,
    [dispatchId],
  );
  return r ?? null;
}

/** The licences this dispatch's 办结 issues (its implementing items' results that name a licence type). */
async function willIssue(q: Queryable, catalogs: CatalogCache, f: DispatchFacts, now: Date): Promise<WillIssue[]> {
  const catalog = await catalogs.get(q, f.catalog_version);
  if (!catalog) return [];
  const codes = asJson<string[]>(f.basic_codes);
  const roles = asJson<string[]>(f.roles);
  const out: WillIssue[] = [];
  for (const [i, code] of codes.entries()) {
    if (roles[i] !== 'implementing') continue;
    const item = catalog.items.find((it) => it.basicCode === code);
    for (const r of item?.results ?? []) {
      if (!r.licenceTypeCode) continue;
      const t = await licenceType(q, r.licenceTypeCode, now);
      out.push({ basicCode: code, resultName: r.name, typeCode: r.licenceTypeCode, typeName: t?.name ?? r.name });
    }
  }
  return out;
}

/** What the inbox shows: what a 办结 will issue, and what it issued. */
export async function issuanceOfDispatch(db: Db, catalogs: CatalogCache, dispatchId: number, now: Date) {
  const f = await dispatchFacts(db, dispatchId);
  if (!f) return { willIssue: [], issued: [] };
  const issued = await db.query<{ type_code: string; name: string | null; number: string; issued_on: string }>(
    `SELECT l.type_code, t.name, l.number, to_char(l.issued_on, 'YYYY-MM-DD') AS issued_on
       FROM licences l LEFT JOIN licence_types t ON t.code = l.type_code WHERE l.issued_by_dispatch = $1 ORDER BY l.id`,
    [dispatchId],
  );
  return {
    willIssue: await willIssue(db, catalogs, f, now),
    issued: issued.map((r) => ({ typeCode: r.type_code, typeName: r.name ?? r.type_code, number: r.number, issuedOn: r.issued_on })),
  };
}

/** The applicant as a licence holder of this id type, or null when the case cannot say. */
function holderOf(c: IntakeCase, idType: HolderIdType): { id: string; name: string } | null {
  const a = c.applicant;
  if (!a) return null;
  if (idType === 'residentId' && a.kind === 'person' && a.idType === 'residentId' && a.idNumber) return { id: a.idNumber, name: a.name ?? '' };
  if (idType === 'uscc' && a.kind === 'organisation' && a.uscc) return { id: a.uscc, name: a.name ?? '' };
  return null; // a property's number is not on the case: such a licence is issued by its own department's system
}

/** The date in China (UTC+8), which is the day a licence is issued on. */
const chinaDate = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Issues the licences of approved dispatches (others are skipped). Returns the numbers issued. */
export async function issueOnApproval(db: Db, catalogs: CatalogCache, reg: Registry, dispatchIds: readonly number[], now: Date): Promise<string[]> {
  const numbers: string[] = [];
  if (dispatchIds.length === 0) return numbers;
  // One query for the batch; most approvals issue nothing, and are known so from the (cached) catalog alone.
  const brief = await db.query<{ id: number; catalog_version: string; basic_codes: unknown }>(
    `SELECT d.id, c.catalog_version, d.basic_codes FROM dispatches d JOIN cases c ON c.case_id = d.case_id
      WHERE d.id = ANY($1::bigint[]) AND d.state = 'approved'`,
    [dispatchIds],
  );
  const issuing: number[] = [];
  for (const r of brief) {
    const catalog = await catalogs.get(db, r.catalog_version);
    const codes = new Set(asJson<string[]>(r.basic_codes));
    if (catalog?.items.some((i) => codes.has(i.basicCode) && i.results.some((x) => x.licenceTypeCode))) issuing.push(Number(r.id));
  }
  for (const id of issuing) {
    const f = await dispatchFacts(db, id);
    if (!f || f.state !== 'approved') continue;
    const c = asJson<IntakeCase>(f.body);
    for (const w of await willIssue(db, catalogs, f, now)) {
      const type = await licenceType(db, w.typeCode, now);
      if (!type) continue;
      const holder = holderOf(c, type.holderIdType);
      if (!holder || !holder.name) continue;
      await db.transaction(async (tx) => {
        const [n] = await tx.query<{ n: number }>(`SELECT nextval('licence_number_seq') AS n`);
        const issuedOn = chinaDate(now);
        const licence: LicenceInput = {
          typeCode: w.typeCode,
          number: `${f.department_code}-${issuedOn.slice(0, 4)}-${String(n!.n).padStart(6, '0')}`,
          holderIdType: type.holderIdType,
          holderId: holder.id,
          holderName: holder.name,
          issuer: f.department_name ?? f.department_code,
          issuedOn,
          expiresOn: null,
          status: 'valid',
          fields: { caseNumber: f.case_number, item: w.resultName },
        };
        const ids = await writeLicences(tx, reg, [licence], 'decision', now, f.id);
        if (ids.length > 0) numbers.push(licence.number);
      });
    }
  }
  return numbers;
}

/** Approvals whose licence was never issued (the service stopped between the two): issued now. */
export async function issuePendingLicences(db: Db, catalogs: CatalogCache, reg: Registry, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT d.id FROM dispatches d JOIN cases c ON c.case_id = d.case_id JOIN catalog_versions v ON v.version = c.catalog_version
      WHERE d.state = 'approved' AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.issued_by_dispatch = d.id)
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.body->'items') i, jsonb_array_elements(coalesce(i->'results', '[]'::jsonb)) r
                     WHERE d.basic_codes ? (i->>'basicCode') AND r ? 'licenceTypeCode')
      ORDER BY d.id LIMIT 10000`,
  );
  return issueOnApproval(db, catalogs, reg, rows.map((r) => Number(r.id)), now);
}
