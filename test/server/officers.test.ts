/**
 * Department officers' own accounts: an administrator creates them, they sign in with 工号 +
 * 密码, and every claim and decision names the person — in the database and in the status
 * event the workstation pulls — never a name the caller declares in a header. Lockout,
 * sign-out, expiry, disable and reset. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/server/admin';
import { createOfficer } from '../../src/server/adminCommands';
import { LOCK_AFTER, LOCK_MINUTES, SESSION_HOURS } from '../../src/server/officers';
import { DecisionResponse, MeResponse, OfficerSignInResponse, StatusEventsResponse } from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`department officers — ${name}`, () => {
    let env: Env;
    let wang: { id: number; staffNo: string; password: string };
    let li: { id: number; staffNo: string; password: string };
    let zhao: { id: number; staffNo: string; password: string };
    beforeAll(async () => {
      env = await startEnv(backend);
      wang = await createOfficer(env.db, 'SCJG', 'SC001', '王敏');
      li = await createOfficer(env.db, 'SCJG', 'SC002', '李强');
      zhao = await createOfficer(env.db, 'WJJ', 'WJ001', '赵雷');
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const signIn = (staffNo: string, password: string) => call(env.app, 'POST', '/api/v1/officer/sign-in', { body: { staffNo, password } });
    const tokenOf = async (o: { staffNo: string; password: string }) => {
      const r = await signIn(o.staffNo, o.password);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json.token as string;
    };
    const pushOne = async () => {
      const c = makeCase();
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } });
      expect(r.json.results[0].outcome).toBe('stored');
      const [d] = await env.db.query<{ id: number }>(`SELECT id FROM dispatches WHERE case_id = $1::uuid AND department_code = 'SCJG'`, [c.id]);
      return { caseId: c.id, dispatchId: Number(d!.id) };
    };
    const eventsOf = async (caseId: string) => {
      const r = await call(env.app, 'GET', '/api/v1/status-events?after=0&limit=500', { token: env.ws.token });
      return StatusEventsResponse.parse(r.json).events.filter((e) => e.caseId === caseId);
    };

    it('the administrator creates an officer with a generated password, stored only as a scrypt hash', async () => {
      const lines: string[] = [];
      expect(await runAdmin(env.db, ['create-officer', 'YBJ', 'YB001', '孙丽'], (l) => lines.push(l))).toBe(0);
      const password = lines.find((l) => l.startsWith('password: '))!.slice('password: '.length);
      expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
      const [row] = await env.db.query<{ password_hash: string }>(`SELECT password_hash FROM officers WHERE staff_no = 'YB001'`);
      expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(row!.password_hash).not.toContain(password);
      expect((await signIn('YB001', password)).status).toBe(200);
      // the same 工号 twice is refused; an unknown department too
      expect(await runAdmin(env.db, ['create-officer', 'YBJ', 'YB001', '别人'], () => {}).catch((e: Error) => e.message)).toMatch(/already taken/);
      expect(await runAdmin(env.db, ['create-officer', 'NOPE', 'NP001', '某人'], () => {}).catch((e: Error) => e.message)).toMatch(/no department NOPE/);
    });

    it('sign-in with 工号 + 密码 gives a personal session; a wrong password and an unknown number get the same answer', async () => {
      const ok = await signIn('SC001', wang.password);
      expect(ok.status).toBe(200);
      expect(OfficerSignInResponse.parse(ok.json).token).toMatch(/^ow_os_[A-Za-z0-9_-]{43}$/);
      expect(ok.json.officer).toMatchObject({ id: wang.id, staffNo: 'SC001', name: '王敏', departmentCode: 'SCJG', departmentName: '西湖区市场监督管理局' });
      const [stored] = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM officer_sessions WHERE token_hash = $1', [ok.json.token]);
      expect(Number(stored!.n)).toBe(0); // only the hash is kept
      const me = await call(env.app, 'GET', '/api/v1/me', { token: ok.json.token });
      expect(MeResponse.parse(me.json)).toMatchObject({ kind: 'department', id: 'SCJG', officer: { id: wang.id, name: '王敏' } });

      const wrong = await signIn('SC001', 'not-the-password');
      const unknown = await signIn('XX999', 'not-the-password');
      expect([wrong.status, wrong.json.error.code]).toEqual([401, 'signInFailed']);
      expect([unknown.status, unknown.json.error.code]).toEqual([401, 'signInFailed']);
      expect(wrong.json.error.message).toBe(unknown.json.error.message);
      expect((await signIn('SC001', wang.password)).status).toBe(200); // a success resets the count
    }, 30_000);

    it('a claim and a decision by a signed-in officer name the person in the database and in the workstation’s event', async () => {
      const token = await tokenOf(wang);
      const { caseId, dispatchId } = await pushOne();
      const claim = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/claim`, { token });
      expect(claim.status).toBe(200);
      expect(claim.json.dispatch.leaseOwner).toBe('王敏（SC001）');
      const decided = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token, body: { kind: 'takenForReview' } });
      expect(decided.status).toBe(200);
      expect(DecisionResponse.parse(decided.json).event.officer).toEqual({ id: wang.id, name: '王敏' });
      const [row] = await env.db.query<{ claimed_by: number; decided_by: number }>('SELECT claimed_by, decided_by FROM dispatches WHERE id = $1', [dispatchId]);
      expect([Number(row!.claimed_by), Number(row!.decided_by)]).toEqual([wang.id, wang.id]);
      const events = await eventsOf(caseId);
      expect(events.find((e) => e.kind === 'takenForReview')).toMatchObject({ departmentCode: 'SCJG', officer: { id: wang.id, name: '王敏' } });
      await env.app.flushAudit();
      const [audit] = await env.db.query<{ officer_id: number }>(`SELECT officer_id FROM audit WHERE path = $1 ORDER BY id DESC LIMIT 1`, [
        `/api/v1/department/dispatches/${dispatchId}/decision`,
      ]);
      expect(Number(audit!.officer_id)).toBe(wang.id);
    });

    it('batch decisions and claim-next record the officer too', async () => {
      const token = await tokenOf(li);
      const a = await pushOne();
      const b = await pushOne();
      for (const d of [a, b]) expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/claim`, { token })).status).toBe(200);
      const r = await call(env.app, 'POST', '/api/v1/department/decisions', {
        token,
        body: { decisions: [a, b].map((d) => ({ dispatchId: d.dispatchId, decision: { kind: 'takenForReview' } })) },
      });
      expect(r.json.results.map((x: { outcome: string }) => x.outcome)).toEqual(['decided', 'decided']);
      expect(r.json.results[0].event.officer).toEqual({ id: li.id, name: '李强' });
      expect((await eventsOf(b.caseId)).find((e) => e.kind === 'takenForReview')?.officer).toEqual({ id: li.id, name: '李强' });
      const [row] = await env.db.query<{ decided_by: number }>('SELECT decided_by FROM dispatches WHERE id = $1', [b.dispatchId]);
      expect(Number(row!.decided_by)).toBe(li.id);
    });

    it('an officer cannot name someone else: the worker header is refused, and another officer’s lease holds', async () => {
      const token = await tokenOf(wang);
      const { dispatchId } = await pushOne();
      const spoof = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/claim`, {
        token,
        headers: { 'x-onewindow-worker': encodeURIComponent('李强') },
      });
      expect([spoof.status, spoof.json.error.code]).toEqual([400, 'invalidHeader']);
      expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/claim`, { token })).status).toBe(200);
      const other = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token: await tokenOf(li), body: { kind: 'takenForReview' } });
      expect([other.status, other.json.error.code]).toEqual([409, 'leaseHeldByOther']);
      // an officer of another department is told it is not theirs
      const wjj = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token: await tokenOf(zhao), body: { kind: 'takenForReview' } });
      expect([wjj.status, wjj.json.error.code]).toEqual([403, 'otherDepartment']);
    });

    it('through the department’s system token a decision names no person, whatever the header says', async () => {
      const { caseId, dispatchId } = await pushOne();
      const headers = { 'x-onewindow-worker': encodeURIComponent('王敏') };
      expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/claim`, { token: env.dept.SCJG, headers })).status).toBe(200);
      const r = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token: env.dept.SCJG, headers, body: { kind: 'takenForReview' } });
      expect(r.status).toBe(200);
      expect(r.json.event.officer).toBeUndefined();
      const [row] = await env.db.query<{ claimed_by: number | null; decided_by: number | null }>('SELECT claimed_by, decided_by FROM dispatches WHERE id = $1', [
        dispatchId,
      ]);
      expect(row).toEqual({ claimed_by: null, decided_by: null });
      expect((await eventsOf(caseId)).find((e) => e.kind === 'takenForReview')?.officer).toBeUndefined();
    });

    it(`${LOCK_AFTER} wrong passwords lock sign-in for ${LOCK_MINUTES} minutes, even with the right one; reset-password clears it`, async () => {
      const o = await createOfficer(env.db, 'SCJG', 'SC009', '周洁');
      for (let i = 0; i < LOCK_AFTER; i++) expect((await signIn('SC009', `wrong-${i}-password`)).status).toBe(401);
      const locked = await signIn('SC009', o.password);
      expect([locked.status, locked.json.error.code]).toEqual([403, 'lockedOut']);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      env.clock.advance(LOCK_MINUTES * 60 + 1);
      expect((await signIn('SC009', o.password)).status).toBe(200);

      for (let i = 0; i < LOCK_AFTER; i++) await signIn('SC009', `wrong-${i}-password`);
      expect((await signIn('SC009', o.password)).json.error.code).toBe('lockedOut');
      const lines: string[] = [];
      expect(await runAdmin(env.db, ['reset-password', 'SC009'], (l) => lines.push(l))).toBe(0);
      const fresh = lines.find((l) => l.startsWith('password: '))!.slice('password: '.length);
      expect((await signIn('SC009', o.password)).status).toBe(401); // the old password is gone
      expect((await signIn('SC009', fresh)).status).toBe(200);
    }, 60_000);

    it('a session ends at sign-out, when an administrator revokes or disables, and after its hours', async () => {
      const t1 = await tokenOf(wang);
      expect((await call(env.app, 'POST', '/api/v1/officer/sign-out', { token: t1 })).status).toBe(204);
      const after = await call(env.app, 'GET', '/api/v1/department/queue', { token: t1 });
      expect([after.status, after.json.error.code]).toEqual([401, 'revokedToken']);

      const t2 = await tokenOf(wang);
      expect(await runAdmin(env.db, ['revoke-sessions', 'SC001'], () => {})).toBe(0);
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: t2 })).status).toBe(401);

      const t3 = await tokenOf(wang);
      env.clock.advance(SESSION_HOURS * 3600 + 1);
      const expired = await call(env.app, 'GET', '/api/v1/department/queue', { token: t3 });
      expect([expired.status, expired.json.error.code]).toEqual([401, 'sessionExpired']);

      const t4 = await tokenOf(li);
      expect(await runAdmin(env.db, ['disable-officer', 'SC002'], () => {})).toBe(0);
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: t4 })).status).toBe(401);
      const refused = await signIn('SC002', li.password);
      expect([refused.status, refused.json.error.code]).toEqual([403, 'accountDisabled']);
      const lines: string[] = [];
      await runAdmin(env.db, ['list-officers', 'SCJG'], (l) => lines.push(l));
      expect(lines.join('\n')).toMatch(/SC002\s+李强.*\[disabled\]/);
      expect(await runAdmin(env.db, ['enable-officer', 'SC002'], () => {})).toBe(0);
      expect((await signIn('SC002', li.password)).status).toBe(200);
    }, 30_000);

    it('a revoked department stops its officers too', async () => {
      const t = await tokenOf(zhao);
      expect(await runAdmin(env.db, ['revoke-token', 'department', 'WJJ'], () => {})).toBe(0);
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: t })).status).toBe(401);
    });
  });
}
