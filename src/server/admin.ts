/**
 * Admin CLI of the department-queue service: `npm run admin -- <command> …`
 * Uses the same database as the server (DATABASE_URL, or the PGlite directory
 * ONEWINDOW_DATA_DIR / .data/pglite — stop the server first: PGlite allows one process).
 */
import { pathToFileURL } from 'node:url';
import type { ActorKind } from './auth';
import { type Db, openDbFromEnv } from './db';
import { migrate } from './migrate';
import { verifyAudit } from './audit';
import { changeLicenceStatus, importSharingFile, SharingAdminError } from './sharing/admin'; // data sharing
import { ImportError } from './sharing/import';
import { sharingKeyFromEnv } from './sharing/keys';
import {
  AdminError,
  createCentre,
  createDepartment,
  createOfficer,
  createWorkstation,
  disableOfficer,
  enableOfficer,
  list,
  listOfficers,
  resetOfficerPassword,
  revokeOfficerSessions,
  publishCatalogFile,
  publishHolidaysFile,
  revokeToken,
  rotateToken,
  seedDemo,
} from './adminCommands';

export const USAGE = `用法 / usage: npm run admin -- <command>

  create-centre <centreCode> <name>                 a service centre (6-digit area code)
  create-workstation <centreCode> <code>            a workstation (2-symbol code, e.g. 7K); prints its token once
  create-department <code> <name>                   a department (catalog code); prints its token once
  create-officer <departmentCode> <staffNo> <name>  a department officer (工号, 姓名); prints a first password once
  reset-password <staffNo>                          a new password (prints it once); clears a lockout, ends every session
  disable-officer <staffNo>                         sign-in refused and every session ended; enable-officer <staffNo> undoes it
  revoke-sessions <staffNo>                         ends the officer's sessions (they sign in again)
  list-officers [departmentCode]                    officers, with disabled / locked / live sessions
  revoke-token workstation|department <id|code>     the token stops working
  rotate-token workstation|department <id|code>     a new token (prints it once; the old one stops working)
  publish-catalog <file.json>                       check (structure + quality rules) and publish a catalog version
  publish-holidays <file.json>                      check and publish holiday data
  verify-audit [--workstation <id>]                 checks the case audit chains (of one workstation, or all) against the centre
                                                    chain, the workstations' heads and the cases held, and the request table's
                                                    chain; exit 2 and every finding when something is edited or missing
  import-sharing <file.json>                        data sharing: licence types, licences, persons, organisations (all or nothing;
  import-sharing <file.csv> --kind <kind>           every problem as path: reason); CSV: one kind a file (licences|persons|organisations|licenceTypes)
  licence-status <typeCode> <number> revoked|cancelled|valid <reason>
                                                    吊销 / 注销 a licence (or back to valid); every later look-up sees it
  list                                              centres, workstations, departments, catalog versions, holiday years
  seed-demo [--json]                                demo centre 330106 示例市民中心, workstation 7K, every department
                                                    of the default catalog, the default catalog and holidays; prints tokens

Database: DATABASE_URL=postgres://… or the PGlite directory ONEWINDOW_DATA_DIR (default .data/pglite).`;

type Out = (line: string) => void;

function need(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new AdminError(`usage: ${usage}`);
}

function kindArg(s: string | undefined): ActorKind {
  if (s === 'workstation' || s === 'department') return s;
  throw new AdminError('the first argument is workstation or department');
}

const TOKEN_NOTE = '（令牌只显示这一次，请妥善保存 / the token is shown this once: keep it safe）';
const PASSWORD_NOTE = '（密码只显示这一次，请当面告知本人 / the password is shown this once: hand it to the officer in person）';

/** Runs one command against a migrated database; returns the exit code. */
export async function runAdmin(db: Db, argv: string[], out: Out = console.log): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'create-centre': {
      need(args, 2, 'create-centre <centreCode> <name>');
      const c = await createCentre(db, args[0]!, args.slice(1).join(' '));
      out(`centre ${c.code} ${c.name} created`);
      return 0;
    }
    case 'create-workstation': {
      need(args, 2, 'create-workstation <centreCode> <code>');
      const w = await createWorkstation(db, args[0]!, args[1]!);
      out(`workstation ${w.id} created`);
      out(`token: ${w.token}`);
      out(TOKEN_NOTE);
      return 0;
    }
    case 'create-department': {
      need(args, 2, 'create-department <code> <name>');
      const d = await createDepartment(db, args[0]!, args.slice(1).join(' '));
      out(`department ${d.code} created`);
      out(`token: ${d.token}`);
      out(TOKEN_NOTE);
      return 0;
    }
    case 'create-officer': {
      need(args, 3, 'create-officer <departmentCode> <staffNo> <name>');
      const o = await createOfficer(db, args[0]!, args[1]!, args.slice(2).join(' '));
      out(`officer ${o.staffNo} ${o.name} (${o.departmentCode}) created`);
      out(`password: ${o.password}`);
      out(PASSWORD_NOTE);
      return 0;
    }
    case 'reset-password': {
      need(args, 1, 'reset-password <staffNo>');
      const r = await resetOfficerPassword(db, args[0]!);
      out(`officer ${args[0]}: new password issued; ${r.sessionsEnded} session(s) ended`);
      out(`password: ${r.password}`);
      out(PASSWORD_NOTE);
      return 0;
    }
    case 'disable-officer': {
      need(args, 1, 'disable-officer <staffNo>');
      const r = await disableOfficer(db, args[0]!);
      out(`officer ${args[0]}: disabled; ${r.sessionsEnded} session(s) ended`);
      return 0;
    }
    case 'enable-officer': {
      need(args, 1, 'enable-officer <staffNo>');
      await enableOfficer(db, args[0]!);
      out(`officer ${args[0]}: enabled`);
      return 0;
    }
    case 'revoke-sessions': {
      need(args, 1, 'revoke-sessions <staffNo>');
      const n = await revokeOfficerSessions(db, args[0]!);
      out(`officer ${args[0]}: ${n} session(s) ended`);
      return 0;
    }
    case 'list-officers': {
      const l = await listOfficers(db, args[0]);
      out(`officers (${l.length}):`);
      for (const o of l)
        out(
          `  ${o.staffNo.padEnd(10)} ${o.name}  ${o.departmentCode} ${o.departmentName}` +
            `${o.disabled ? '  [disabled]' : ''}${o.lockedUntil ? `  [locked until ${o.lockedUntil}]` : ''}  sessions: ${o.liveSessions}`,
        );
      return 0;
    }
    case 'revoke-token': {
      need(args, 2, 'revoke-token workstation|department <id|code>');
      const r = await revokeToken(db, kindArg(args[0]), args[1]!);
      out(`${args[0]} ${r.id}: token revoked`);
      return 0;
    }
    case 'rotate-token': {
      need(args, 2, 'rotate-token workstation|department <id|code>');
      const r = await rotateToken(db, kindArg(args[0]), args[1]!);
      out(`${args[0]} ${r.id}: new token issued`);
      out(`token: ${r.token}`);
      out(TOKEN_NOTE);
      return 0;
    }
    case 'publish-catalog': {
      need(args, 1, 'publish-catalog <file.json>');
      const r = await publishCatalogFile(db, args[0]!);
      out(r.outcome === 'published' ? `catalog version ${r.version} published` : `catalog version ${r.version} was already published (same content)`);
      if (r.warnings.length > 0) out(`${r.warnings.length} warning(s):\n${r.warnings.map((w) => `  ${w}`).join('\n')}`);
      return 0;
    }
    case 'publish-holidays': {
      need(args, 1, 'publish-holidays <file.json>');
      const r = await publishHolidaysFile(db, args[0]!);
      out(`holiday data published for ${r.years.join(', ')}`);
      return 0;
    }
    case 'list': {
      const l = await list(db);
      out(`centres (${l.centres.length}):`);
      for (const c of l.centres) out(`  ${c.code}  ${c.name}`);
      out(`workstations (${l.workstations.length}):`);
      for (const w of l.workstations) out(`  ${w.id}${w.revoked ? '  [revoked]' : ''}`);
      out(`departments (${l.departments.length}):`);
      for (const d of l.departments) out(`  ${d.code}  ${d.name}${d.revoked ? '  [revoked]' : ''}`);
      if (l.departmentsWithoutAccount.length > 0) out(`departments with dispatches but no account: ${l.departmentsWithoutAccount.join(', ')}`);
      out(`catalog versions: ${l.catalogVersions.map((c) => c.version).join(', ') || '(none)'}`);
      out(`holiday data: ${l.holidayYears.join(', ') || '(none)'}`);
      out(`cases: ${l.counts.cases}, open dispatches: ${l.counts.openDispatches}`);
      return 0;
    }
    case 'verify-audit': {
      const i = args.indexOf('--workstation');
      const id = i >= 0 ? args[i + 1] : undefined;
      if (i >= 0 && !id) throw new AdminError('usage: verify-audit [--workstation <id>]');
      const v = await verifyAudit(db, id ? { workstationId: id } : {});
      const scope = id ? `workstation ${id}` : 'all workstations';
      const counts = `${v.cases} cases, ${v.entries} entries, ${v.links} centre links, ${v.requestRows} request rows`;
      if (v.ok) out(`audit OK: ${scope}, ${counts}`);
      else {
        out(`audit BROKEN: ${scope}, ${v.findings.length} finding(s); ${counts}`);
        for (const f of v.findings.slice(0, 200)) out(`  [${f.kind}]${f.caseId ? ` case ${f.caseId},` : ''} ${f.detail}`);
        if (v.findings.length > 200) out(`  … and ${v.findings.length - 200} more`);
      }
      for (const c of v.checkpoints) out(`checkpoint ${c.scope} @ ${c.position}: ${c.hash} (${c.at}) — note it outside this database`);
      return v.ok ? 0 : 2;
    }
    case 'import-sharing': {
      need(args, 1, 'import-sharing <file.json | file.csv --kind licences|persons|organisations|licenceTypes>');
      const k = args.indexOf('--kind');
      try {
        const r = await importSharingFile(db, sharingKeyFromEnv(), args[0]!, k >= 0 ? args[k + 1] : undefined);
        out(`imported: ${r.licenceTypes} licence types, ${r.licences} licences, ${r.persons} persons, ${r.organisations} organisations`);
        return 0;
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        out(`nothing imported — ${e.errors.length} problem(s):`);
        for (const line of e.errors.slice(0, 500)) out(`  ${line}`);
        return 2;
      }
    }
    case 'licence-status': {
      need(args, 4, 'licence-status <typeCode> <number> revoked|cancelled|valid <reason>');
      const r = await changeLicenceStatus(db, sharingKeyFromEnv(), args[0]!, args[1]!, args[2]!, args.slice(3).join(' '));
      out(`licence ${args[0]} ${args[1]}: ${r.previous} → ${args[2]}`);
      return 0;
    }
    case 'seed-demo': {
      const s = await seedDemo(db);
      if (args.includes('--json')) {
        out(JSON.stringify(s, null, 2));
        return 0;
      }
      out(`demo centre ${s.centre.code} ${s.centre.name}; catalog ${s.catalogVersion}; holidays ${s.holidayYears.join(', ')}`);
      out(`workstation ${s.workstation.id}  token: ${s.workstation.token}`);
      for (const d of s.departments) out(`department ${d.code.padEnd(8)} ${d.token}  ${d.name}`);
      for (const o of s.officers) out(`officer ${o.staffNo.padEnd(10)} password: ${o.password}  ${o.name}`);
      out(TOKEN_NOTE);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      out(`unknown command ${command}\n\n${USAGE}`);
      return 1;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    console.log(USAGE);
    process.exitCode = argv.length === 0 ? 1 : 0;
    return;
  }
  let db: Db | null = null;
  try {
    db = await openDbFromEnv();
    await migrate(db);
    process.exitCode = await runAdmin(db, argv);
  } catch (e) {
    console.error(e instanceof AdminError || e instanceof SharingAdminError ? e.message : e instanceof Error ? `error: ${e.message}` : e);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
