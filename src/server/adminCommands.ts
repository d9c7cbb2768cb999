/**
 * What the admin CLI (src/server/admin.ts) does, as plain functions over a migrated Db, so
 * tests call them directly. Tokens are returned once and only their hashes are stored.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalogText } from '../core/catalog/import';
import type { Catalog } from '../core/catalog/schema';
import { formatHolidayDataErrors, parseHolidayDataText } from '../core/calendar/holidayData';
import { WORKSTATION_CODE_PATTERN } from '../core/intake/caseNumber';
import { isReservedWorkstationCode } from '../core/training/isolation';
import { type ActorKind, hashToken, newToken } from './auth';
import type { Db } from './db';
import { hashPassword, type Officer, STAFF_NO_PATTERN } from './officers';
import { ApiProblem } from './problem';
import { randomInt } from 'node:crypto';
import { publishCatalog, publishHolidays, type PublishOutcome } from './store';
import { DEMO_REGISTRY_FILE, importSharingFile } from './sharing/admin';
import { sharingKeyFromEnv } from './sharing/keys';

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

export const DEFAULT_CATALOG_FILE = fileURLToPath(new URL('../../resources/catalog/default-catalog.json', import.meta.url));
export const DEFAULT_HOLIDAYS_FILE = fileURLToPath(new URL('../../resources/holidays/holidays.json', import.meta.url));

export const DEMO_CENTRE = { code: '330106', name: '示例市民中心' } as const;
export const DEMO_WORKSTATION_CODE = '7K';

const nameOk = (s: string) => s.trim().length > 0 && s.trim().length <= 100;

export async function createCentre(db: Db, code: string, name: string): Promise<{ code: string; name: string }> {
  if (!/^\d{6}$/.test(code)) throw new AdminError('a centre code is the 6-digit GB/T 2260 area code, e.g. 330106');
  if (!nameOk(name)) throw new AdminError('give the centre a name (1–100 characters)');
  const rows = await db.query('INSERT INTO centres (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code', [code, name.trim()]);
  if (rows.length === 0) throw new AdminError(`centre ${code} already exists`);
  return { code, name: name.trim() };
}

export function workstationId(centreCode: string, code: string): string {
  return `${centreCode}-${code}`;
}

/** A workstation of a centre; `code` is the 2-symbol code in its case numbers (e.g. 7K). Returns the token, shown once. */
export async function createWorkstation(db: Db, centreCode: string, code: string): Promise<{ id: string; token: string }> {
  const c = code.trim().toUpperCase();
  if (!WORKSTATION_CODE_PATTERN.test(c))
    throw new AdminError('a workstation code is 2 symbols of 0-9 A C D E F G H J K L M N P Q R T W X Y (as in its case numbers), e.g. 7K');
  if (isReservedWorkstationCode(c)) throw new AdminError('PX is reserved for training case numbers; choose another workstation code');
  const [centre] = await db.query('SELECT code FROM centres WHERE code = $1', [centreCode]);
  if (!centre) throw new AdminError(`no centre ${centreCode}; create it first (create-centre)`);
  const id = workstationId(centreCode, c);
  const token = newToken('workstation');
  const rows = await db.query(
    'INSERT INTO workstations (id, centre_code, code, token_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
    [id, centreCode, c, hashToken(token)],
  );
  if (rows.length === 0) throw new AdminError(`workstation ${id} already exists (rotate-token workstation ${id} issues a new token)`);
  return { id, token };
}

/** A department by its catalog code (实施主体编码). Returns the token, shown once. */
export async function createDepartment(db: Db, code: string, name: string): Promise<{ code: string; token: string }> {
  const c = code.trim();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(c)) throw new AdminError('a department code is its catalog code: letters, digits, - or _ (at most 40)');
  if (!nameOk(name)) throw new AdminError('give the department a name (1–100 characters)');
  const token = newToken('department');
  const rows = await db.query('INSERT INTO departments (code, name, token_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING code', [
    c,
    name.trim(),
    hashToken(token),
  ]);
  if (rows.length === 0) throw new AdminError(`department ${c} already exists (rotate-token department ${c} issues a new token)`);
  return { code: c, token };
}

function tableOf(kind: ActorKind): { table: string; key: string } {
  return kind === 'workstation' ? { table: 'workstations', key: 'id' } : { table: 'departments', key: 'code' };
}

/** Workstations are named by id (330106-7K) or, when unambiguous, by code (7K). */
async function resolveId(db: Db, kind: ActorKind, idOrCode: string): Promise<string> {
  if (kind === 'department') return idOrCode;
  const rows = await db.query<{ id: string }>('SELECT id FROM workstations WHERE id = $1 OR code = $2', [idOrCode, idOrCode.toUpperCase()]);
  const exact = rows.find((r) => r.id === idOrCode);
  if (exact) return exact.id;
  if (rows.length > 1) throw new AdminError(`several workstations have code ${idOrCode}: name one by its id (${rows.map((r) => r.id).join(', ')})`);
  if (rows.length === 0) throw new AdminError(`no workstation ${idOrCode}`);
  return rows[0]!.id;
}

/** The token stops working on its next request. */
export async function revokeToken(db: Db, kind: ActorKind, idOrCode: string): Promise<{ id: string }> {
  const id = await resolveId(db, kind, idOrCode);
  const { table, key } = tableOf(kind);
  const rows = await db.query(`UPDATE ${table} SET revoked_at = coalesce(revoked_at, now()) WHERE ${key} = $1 RETURNING ${key}`, [id]);
  if (rows.length === 0) throw new AdminError(`no ${kind} ${idOrCode}`);
  return { id };
}

/** A new token (the old one stops working; a revoked one is reinstated with the new token). */
export async function rotateToken(db: Db, kind: ActorKind, idOrCode: string): Promise<{ id: string; token: string }> {
  const id = await resolveId(db, kind, idOrCode);
  const { table, key } = tableOf(kind);
  const token = newToken(kind);
  const rows = await db.query(`UPDATE ${table} SET token_hash = $2, revoked_at = NULL WHERE ${key} = $1 RETURNING ${key}`, [id, hashToken(token)]);
  if (rows.length === 0) throw new AdminError(`no ${kind} ${idOrCode}`);
  return { id, token };
}

// ---- department officers (部门经办人) --------------------------------------------------------

/** Letters and digits a person reads off a slip without confusing them (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A first password for the officer to be told in person: 14 random symbols (~80 bits). */
export function initialPassword(): string {
  let p = '';
  for (let i = 0; i < 14; i++) p += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return p;
}

export interface OfficerListing extends Officer {
  departmentName: string;
  disabled: boolean;
  lockedUntil: string | null;
  liveSessions: number;
}

/** An officer of a department, with a generated first password (returned once; only its scrypt hash is kept). */
export async function createOfficer(db: Db, departmentCode: string, staffNo: string, name: string): Promise<Officer & { password: string }> {
  const no = staffNo.trim();
  if (!STAFF_NO_PATTERN.test(no)) throw new AdminError('a staff number (工号) is 2–32 letters, digits, - or _');
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw new AdminError("give the officer's name (1–64 characters)");
  const [d] = await db.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM departments WHERE code = $1', [departmentCode]);
  if (!d) throw new AdminError(`no department ${departmentCode}; create it first (create-department)`);
  const password = initialPassword();
  const rows = await db.query<{ id: number }>(
    'INSERT INTO officers (department_code, staff_no, name, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (staff_no) DO NOTHING RETURNING id',
    [departmentCode, no, n, await hashPassword(password)],
  );
  if (rows.length === 0) throw new AdminError(`staff number ${no} is already taken (reset-password ${no} issues a new password)`);
  return { id: Number(rows[0]!.id), staffNo: no, name: n, departmentCode, password };
}

async function officerByStaffNo(db: Db, staffNo: string): Promise<{ id: number; department_code: string; name: string }> {
  const [o] = await db.query<{ id: number; department_code: string; name: string }>('SELECT id, department_code, name FROM officers WHERE staff_no = $1', [
    staffNo.trim(),
  ]);
  if (!o) throw new AdminError(`no officer with staff number ${staffNo}`);
  return o;
}

/** Ends every live session of the officer; returns how many were live. */
export async function revokeOfficerSessions(db: Db, staffNo: string, now = new Date()): Promise<number> {
  const o = await officerByStaffNo(db, staffNo);
  const rows = await db.query('UPDATE officer_sessions SET revoked_at = $2 WHERE officer_id = $1 AND revoked_at IS NULL RETURNING 1', [o.id, now]);
  return rows.length;
}

/** Sign-in refused from now on and every session ended; the officer's past decisions keep their name. */
export async function disableOfficer(db: Db, staffNo: string, now = new Date()): Promise<{ sessionsEnded: number }> {
  const o = await officerByStaffNo(db, staffNo);
  await db.query('UPDATE officers SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1', [o.id, now]);
  return { sessionsEnded: await revokeOfficerSessions(db, staffNo, now) };
}

export async function enableOfficer(db: Db, staffNo: string): Promise<void> {
  const o = await officerByStaffNo(db, staffNo);
  await db.query('UPDATE officers SET disabled_at = NULL WHERE id = $1', [o.id]);
}

/** A new generated password (returned once); clears a lockout and ends every session. */
export async function resetOfficerPassword(db: Db, staffNo: string, now = new Date()): Promise<{ password: string; sessionsEnded: number }> {
  const o = await officerByStaffNo(db, staffNo);
  const password = initialPassword();
  await db.query('UPDATE officers SET password_hash = $2, failed_attempts = 0, locked_until = NULL WHERE id = $1', [o.id, await hashPassword(password)]);
  return { password, sessionsEnded: await revokeOfficerSessions(db, staffNo, now) };
}

export async function listOfficers(db: Db, departmentCode?: string, now = new Date()): Promise<OfficerListing[]> {
  const rows = await db.query<{
    id: number;
    staff_no: string;
    name: string;
    department_code: string;
    department_name: string;
    disabled: boolean;
    locked_until: Date | null;
    live: number;
  }>(
    `SELECT o.id, o.staff_no, o.name, o.department_code, d.name AS department_name, o.disabled_at IS NOT NULL AS disabled,
            CASE WHEN o.locked_until > $2 THEN o.locked_until END AS locked_until,
            (SELECT count(*) FROM officer_sessions s WHERE s.officer_id = o.id AND s.revoked_at IS NULL AND s.expires_at > $2) AS live
     FROM officers o JOIN departments d ON d.code = o.department_code
     WHERE $1::text IS NULL OR o.department_code = $1 ORDER BY o.department_code, o.staff_no`,
    [departmentCode ?? null, now],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    staffNo: r.staff_no,
    name: r.name,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    disabled: r.disabled,
    lockedUntil: r.locked_until ? r.locked_until.toISOString() : null,
    liveSessions: Number(r.live),
  }));
}

export interface PublishCatalogResult {
  version: string;
  outcome: PublishOutcome;
  catalog: Catalog;
  warnings: string[];
}

/** Checks a catalog file with parseCatalogText (structure and quality rules) and publishes it. */
export async function publishCatalogText(db: Db, text: string, now = new Date()): Promise<PublishCatalogResult> {
  const parsed = parseCatalogText(text);
  if (!parsed.ok)
    throw new AdminError(
      `the catalog file has ${parsed.errors.length} error(s):\n` + parsed.errors.map((e) => `  ${e.path || '(file)'}: ${e.message['zh-CN']}`).join('\n'),
    );
  try {
    const outcome = await publishCatalog(db, parsed.catalog, now);
    return {
      version: parsed.catalog.version,
      outcome,
      catalog: parsed.catalog,
      warnings: parsed.warnings.map((w) => `${w.path || '(file)'}: ${w.message['zh-CN']}`),
    };
  } catch (e) {
    if (e instanceof ApiProblem) throw new AdminError(e.message);
    throw e;
  }
}

export async function publishCatalogFile(db: Db, file: string, now = new Date()): Promise<PublishCatalogResult> {
  return publishCatalogText(db, readFileSync(file, 'utf8'), now);
}

/** Checks a holiday data file with parseHolidayDataText and publishes its years. */
export async function publishHolidaysText(db: Db, text: string, now = new Date()): Promise<{ years: number[] }> {
  const parsed = parseHolidayDataText(text);
  if (!parsed.ok) throw new AdminError(`the holiday data file is invalid:\n` + formatHolidayDataErrors(parsed.errors, 'zh-CN').map((l) => `  ${l}`).join('\n'));
  return { years: await publishHolidays(db, parsed.data, now) };
}

export async function publishHolidaysFile(db: Db, file: string, now = new Date()): Promise<{ years: number[] }> {
  return publishHolidaysText(db, readFileSync(file, 'utf8'), now);
}

export interface Listing {
  centres: { code: string; name: string }[];
  workstations: { id: string; centreCode: string; code: string; revoked: boolean }[];
  departments: { code: string; name: string; revoked: boolean }[];
  catalogVersions: { version: string; effectiveDate: string; publishedAt: string }[];
  holidayYears: number[];
  /** Department codes with dispatches but no account yet (their cases wait until one is created). */
  departmentsWithoutAccount: string[];
  counts: { cases: number; openDispatches: number };
}

export async function list(db: Db): Promise<Listing> {
  const [centres, workstations, departments, catalogVersions, years, orphans, counts] = await Promise.all([
    db.query<{ code: string; name: string }>('SELECT code, name FROM centres ORDER BY code'),
    db.query<{ id: string; centre_code: string; code: string; revoked: boolean }>(
      'SELECT id, centre_code, code, revoked_at IS NOT NULL AS revoked FROM workstations ORDER BY id',
    ),
    db.query<{ code: string; name: string; revoked: boolean }>('SELECT code, name, revoked_at IS NOT NULL AS revoked FROM departments ORDER BY code'),
    db.query<{ version: string; effective_date: string; published_at: Date }>(
      'SELECT version, effective_date::text AS effective_date, published_at FROM catalog_versions ORDER BY published_at',
    ),
    db.query<{ year: number }>('SELECT year FROM holiday_data ORDER BY year'),
    db.query<{ code: string }>('SELECT DISTINCT department_code AS code FROM dispatches WHERE department_code NOT IN (SELECT code FROM departments) ORDER BY 1'),
    db.query<{ cases: number; open: number }>(
      `SELECT (SELECT count(*) FROM cases) AS cases,
              (SELECT count(*) FROM dispatches WHERE state NOT IN ('approved', 'denied', 'returned')) AS open`,
    ),
  ]);
  return {
    centres,
    workstations: workstations.map((w) => ({ id: w.id, centreCode: w.centre_code, code: w.code, revoked: w.revoked })),
    departments,
    catalogVersions: catalogVersions.map((c) => ({ version: c.version, effectiveDate: c.effective_date, publishedAt: c.published_at.toISOString() })),
    holidayYears: years.map((y) => y.year),
    departmentsWithoutAccount: orphans.map((o) => o.code),
    counts: { cases: Number(counts[0]?.cases ?? 0), openDispatches: Number(counts[0]?.open ?? 0) },
  };
}

export interface DemoSetup {
  centre: { code: string; name: string };
  workstation: { id: string; code: string; token: string };
  departments: { code: string; name: string; token: string }[];
  /** One officer per department (工号 = the department code + 01), with a fresh password. */
  officers: { departmentCode: string; staffNo: string; name: string; password: string }[];
  catalogVersion: string;
  holidayYears: number[];
}

/**
 * The demo centre 330106 示例市民中心 with workstation 7K, an account for every department
 * of the default catalog, the default catalog and holiday data published. Safe to run
 * again: what exists is kept and fresh tokens are issued (the old ones stop working).
 */
export async function seedDemo(db: Db, options: { catalogFile?: string; holidaysFile?: string; now?: Date; sharingKey?: Buffer } = {}): Promise<DemoSetup> {
  const now = options.now ?? new Date();
  const published = await publishCatalogFile(db, options.catalogFile ?? DEFAULT_CATALOG_FILE, now);
  const { years } = await publishHolidaysFile(db, options.holidaysFile ?? DEFAULT_HOLIDAYS_FILE, now);
  await db.query('INSERT INTO centres (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [DEMO_CENTRE.code, DEMO_CENTRE.name]);
  const wsId = workstationId(DEMO_CENTRE.code, DEMO_WORKSTATION_CODE);
  const [existing] = await db.query('SELECT id FROM workstations WHERE id = $1', [wsId]);
  const ws = existing ? await rotateToken(db, 'workstation', wsId) : await createWorkstation(db, DEMO_CENTRE.code, DEMO_WORKSTATION_CODE);
  const departments: DemoSetup['departments'] = [];
  for (const d of published.catalog.departments) {
    const [has] = await db.query('SELECT code FROM departments WHERE code = $1', [d.code]);
    const { token } = has ? await rotateToken(db, 'department', d.code) : await createDepartment(db, d.code, d.name);
    departments.push({ code: d.code, name: d.name, token });
  }
  const officers: DemoSetup['officers'] = [];
  for (const d of published.catalog.departments) {
    const staffNo = `${d.code}01`;
    const name = `${d.shortName ?? d.name}经办人`;
    const [has] = await db.query('SELECT id FROM officers WHERE staff_no = $1', [staffNo]);
    if (has) {
      await enableOfficer(db, staffNo);
      officers.push({ departmentCode: d.code, staffNo, name, password: (await resetOfficerPassword(db, staffNo, now)).password });
    } else officers.push({ departmentCode: d.code, staffNo, name, password: (await createOfficer(db, d.code, staffNo, name)).password });
  }
  await importSharingFile(db, options.sharingKey ?? sharingKeyFromEnv(), DEMO_REGISTRY_FILE, undefined, now); // data sharing: the demo registry (fictional)
  return {
    centre: { ...DEMO_CENTRE },
    workstation: { id: ws.id, code: DEMO_WORKSTATION_CODE, token: ws.token },
    departments,
    officers,
    catalogVersion: published.version,
    holidayYears: years,
  };
}
