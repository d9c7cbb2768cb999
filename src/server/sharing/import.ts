/**
 * Bulk import of licence data sets and basic records (admin CLI `import-sharing`, and
 * `POST /api/v1/sharing/import` for an issuing department's own licences).
 *
 * JSON (the whole `RegistryImport`, src/core/sharing/protocol.ts) or CSV (one kind a file, a header
 * row naming the fields; licence data fields as `fields.<name>` columns). Everything is checked
 * first — the shape with zod, then ids (GB 11643 / GB 32100 check characters), licence types,
 * duplicates, documents — and every problem is reported as `path: reason` (a JSON path such as
 * `licences[3].holderId`, or `line 5.holderId` in a CSV). Nothing is written unless all of it is
 * good, and then all of it is written in one transaction.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { isValidResidentId } from '../../core/identity/residentId';
import { isValidUscc } from '../../core/identity/uscc';
import { type ImportResult, RegistryImport } from '../../core/sharing/protocol';
import type { Db } from '../db';
import { formatPath } from '../problem';
import { type LicenceInput, type Registry, upsertLicenceTypes, writeLicences, writeOrganisations, writePersons } from './registry';

export class ImportError extends Error {
  constructor(
    readonly errors: string[],
    readonly forbidden = false,
  ) {
    super(`${errors.length} problem(s): ${errors.slice(0, 5).join('; ')}`);
    this.name = 'ImportError';
  }
}

export type CsvKind = 'licences' | 'persons' | 'organisations' | 'licenceTypes';
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A CSV file of one kind as the import's JSON shape; `lines[i]` is the file line of row i. */
export function csvToImport(text: string, kind: CsvKind): { data: Record<string, unknown[]>; lines: number[] } {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Record<string, string>[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportError([`${line ? `line ${line}` : '(file)'}: not valid CSV (${(e as Error).message.split('\n')[0]?.slice(0, 120)})`]);
  }
  const rows = records.map((r) => {
    const out: Record<string, unknown> = {};
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k.startsWith('fields.')) {
        if (v !== '') fields[k.slice(7)] = v;
      } else if (v !== '') out[k] = v;
      else if (kind === 'licences' && k === 'expiresOn') out[k] = null; // an empty expiry = 长期
    }
    if (kind === 'licences') out.fields = fields;
    return out;
  });
  return { data: { [kind]: rows }, lines: rows.map((_, i) => i + 2) };
}

interface Scope {
  /** Importing as this department: its own licence types only, no basic records. */
  departmentCode?: string;
}

/** Checks the whole import; returns it ready to write, or throws ImportError with every problem. */
export async function checkImport(db: Db, raw: unknown, scope: Scope = {}, csvLines?: number[]): Promise<{ data: RegistryImport; licences: LicenceInput[] }> {
  const label = (path: readonly PropertyKey[]): string => {
    if (csvLines && typeof path[1] === 'number') return `line ${csvLines[path[1]] ?? '?'}${path.length > 2 ? `.${formatPath(path.slice(2))}` : ''}`;
    return formatPath(path) || '(root)';
  };
  const parsed = RegistryImport.safeParse(raw);
  if (!parsed.success) throw new ImportError(parsed.error.issues.slice(0, 1000).map((i) => `${label(i.path)}: ${i.message}`));
  const data = parsed.data;
  const errors: string[] = [];
  const forbidden: string[] = [];

  if (scope.departmentCode !== undefined) {
    if (data.persons.length > 0) forbidden.push('persons: basic records are loaded by an administrator (admin CLI import-sharing)');
    if (data.organisations.length > 0) forbidden.push('organisations: basic records are loaded by an administrator (admin CLI import-sharing)');
    data.licenceTypes.forEach((t, i) => {
      if (t.issuingDepartmentCode !== scope.departmentCode) forbidden.push(`${label(['licenceTypes', i, 'issuingDepartmentCode'])}: another department's licence type`);
    });
  }

  const known = new Map<string, { dept: string; holder: string }>();
  for (const r of await db.query<{ code: string; dept: string; holder: string }>(
    'SELECT code, issuing_department_code AS dept, holder_id_type AS holder FROM licence_types',
  ))
    known.set(r.code, { dept: r.dept, holder: r.holder });
  for (const r of await db.query<{ code: string; dept: string; holder: string }>(
    `SELECT DISTINCT ON (t->>'code') t->>'code' AS code, t->>'issuingDepartmentCode' AS dept, t->>'holderIdType' AS holder
       FROM catalog_versions v, jsonb_array_elements(coalesce(v.body->'licenceTypes', '[]'::jsonb)) t ORDER BY t->>'code', v.published_at DESC`,
  ))
    if (!known.has(r.code)) known.set(r.code, { dept: r.dept, holder: r.holder });
  const seenTypes = new Set<string>();
  data.licenceTypes.forEach((t, i) => {
    if (seenTypes.has(t.code)) errors.push(`${label(['licenceTypes', i, 'code'])}: licence type ${t.code} appears twice`);
    seenTypes.add(t.code);
    known.set(t.code, { dept: t.issuingDepartmentCode, holder: t.holderIdType });
  });

  const idProblem = (type: string, id: string): string | null =>
    type === 'residentId' && !isValidResidentId(id)
      ? 'not a valid resident ID number (GB 11643 check character)'
      : type === 'uscc' && !isValidUscc(id)
        ? 'not a valid unified social credit code (GB 32100 check character)'
        : null;

  const licences: LicenceInput[] = [];
  const seen = new Set<string>();
  data.licences.forEach((l, i) => {
    const at = (f: string) => label(['licences', i, f]);
    const type = known.get(l.typeCode);
    if (!type) errors.push(`${at('typeCode')}: unknown licence type ${l.typeCode} (not in the catalogs, the registry or this file)`);
    else {
      if (type.holder !== l.holderIdType) errors.push(`${at('holderIdType')}: licence type ${l.typeCode} is held by ${type.holder}`);
      if (scope.departmentCode !== undefined && type.dept !== scope.departmentCode)
        forbidden.push(`${at('typeCode')}: licence type ${l.typeCode} is issued by another department`);
    }
    const p = idProblem(l.holderIdType, l.holderId);
    if (p) errors.push(`${at('holderId')}: ${p}`);
    if (l.expiresOn !== null && l.expiresOn < l.issuedOn) errors.push(`${at('expiresOn')}: before issuedOn`);
    const k = `${l.typeCode}\n${l.number}`;
    if (seen.has(k)) errors.push(`${at('number')}: licence ${l.typeCode} ${l.number} appears twice`);
    seen.add(k);
    let document: LicenceInput['document'] = null;
    if (l.document) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(l.document.base64)) errors.push(`${at('document')}: base64 expected`);
      else {
        const bytes = Buffer.from(l.document.base64, 'base64');
        if (bytes.length === 0) errors.push(`${at('document')}: empty`);
        else if (bytes.length > MAX_DOCUMENT_BYTES) errors.push(`${at('document')}: larger than ${MAX_DOCUMENT_BYTES} bytes`);
        else document = { mime: l.document.mime, bytes };
      }
    }
    licences.push({ ...l, document });
  });
  const seenPersons = new Set<string>();
  data.persons.forEach((p, i) => {
    if (!isValidResidentId(p.id)) errors.push(`${label(['persons', i, 'id'])}: not a valid resident ID number (GB 11643 check character)`);
    if (seenPersons.has(p.id.toUpperCase())) errors.push(`${label(['persons', i, 'id'])}: appears twice`);
    seenPersons.add(p.id.toUpperCase());
  });
  const seenOrgs = new Set<string>();
  data.organisations.forEach((o, i) => {
    if (!isValidUscc(o.uscc)) errors.push(`${label(['organisations', i, 'uscc'])}: not a valid unified social credit code (GB 32100 check character)`);
    if (seenOrgs.has(o.uscc.toUpperCase())) errors.push(`${label(['organisations', i, 'uscc'])}: appears twice`);
    seenOrgs.add(o.uscc.toUpperCase());
  });
  if (forbidden.length > 0) throw new ImportError(forbidden, true);
  if (errors.length > 0) throw new ImportError(errors);
  return { data, licences };
}

/** Checks, then writes everything in one transaction (nothing when anything is wrong). */
export async function importRegistry(db: Db, reg: Registry, raw: unknown, now: Date, scope: Scope = {}, csvLines?: number[]): Promise<ImportResult> {
  const { data, licences } = await checkImport(db, raw, scope, csvLines);
  await db.transaction(async (tx) => {
    await upsertLicenceTypes(tx, data.licenceTypes, now);
    for (let i = 0; i < licences.length; i += 1000) await writeLicences(tx, reg, licences.slice(i, i + 1000), 'import', now);
    await writePersons(tx, reg, data.persons, now);
    await writeOrganisations(tx, reg, data.organisations, now);
  });
  return { licenceTypes: data.licenceTypes.length, licences: licences.length, persons: data.persons.length, organisations: data.organisations.length };
}

/** The admin CLI's import of a file: `.json`, or `.csv` with its kind. */
export async function importRegistryText(db: Db, reg: Registry, text: string, format: 'json' | 'csv', now: Date, csvKind?: CsvKind): Promise<ImportResult> {
  if (format === 'csv') {
    if (!csvKind) throw new ImportError(['(file): a CSV import names its kind: licences, persons, organisations or licenceTypes']);
    const { data, lines } = csvToImport(text, csvKind);
    return importRegistry(db, reg, data, now, {}, lines);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError([`(file): not valid JSON (${(e as Error).message.slice(0, 120)})`]);
  }
  return importRegistry(db, reg, raw, now);
}
