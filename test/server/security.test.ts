/**
 * Tokens (missing / wrong / revoked / wrong kind), rate limit, body size, audit, CORS,
 * health and the inbox page's headers. Runs on PGlite and on PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse, MAX_BODY_BYTES } from '../../src/core/sync/protocol';
import { createDepartment, revokeToken, rotateToken } from '../../src/server/adminCommands';
import { buildServer, corsOriginAllowed, type OneWindowServer } from '../../src/server/app';
import { loadMigrations } from '../../src/server/migrate';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`auth, limits, audit — ${name}`, () => {
    let env: Env;
    let limited: OneWindowServer;
    beforeAll(async () => {
      env = await startEnv(backend);
      limited = await buildServer({ db: env.db, now: env.clock.now, rateLimit: { perSecond: 1, burst: 3 } });
    }, 60_000);
    afterAll(async () => {
      await limited?.close();
      await env?.close();
    });

    it('health needs no token and names the database and migration', async () => {
      const r = await call(env.app, 'GET', '/api/v1/health');
      expect(r.status).toBe(200);
      expect(HealthResponse.parse(r.json)).toEqual({ ok: true, db: backend, migration: loadMigrations().length });
    });

    it('a missing, malformed, unknown or revoked token is 401 with a reason', async () => {
      const missing = await call(env.app, 'GET', '/api/v1/status-events');
      expect(missing.status).toBe(401);
      expect(missing.json.error.code).toBe('missingToken');
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      const malformed = await call(env.app, 'GET', '/api/v1/status-events', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(malformed.status).toBe(401);
      const wrong = await call(env.app, 'GET', '/api/v1/status-events', { token: `ow_ws_${'A'.repeat(43)}` });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.code).toBe('invalidToken');
      const junk = await call(env.app, 'GET', '/api/v1/status-events', { token: 'hunter2' });
      expect(junk.status).toBe(401);

      const d = await createDepartment(env.db, 'TEMP', '临时部门');
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: d.token })).status).toBe(200);
      await revokeToken(env.db, 'department', 'TEMP');
      const revoked = await call(env.app, 'GET', '/api/v1/department/queue', { token: d.token });
      expect(revoked.status).toBe(401);
      expect(revoked.json.error.code).toBe('revokedToken');
      const rotated = await rotateToken(env.db, 'department', 'TEMP');
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: rotated.token })).status).toBe(200);
      expect((await call(env.app, 'GET', '/api/v1/department/queue', { token: d.token })).status).toBe(401);
    });

    it('a revoked workstation can push nothing, and nothing is written', async () => {
      const { token } = await rotateToken(env.db, 'workstation', env.ws2.id);
      await revokeToken(env.db, 'workstation', env.ws2.id);
      const c = makeCase();
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token, body: { cases: [pushed(c)] } });
      expect(r.status).toBe(401);
      expect((await env.db.query('SELECT 1 FROM cases WHERE case_id = $1', [c.id])).length).toBe(0);
    });

    it('the wrong kind of token is 403: workstations cannot read queues, departments cannot push', async () => {
      const q = await call(env.app, 'GET', '/api/v1/department/queue', { token: env.ws.token });
      expect(q.status).toBe(403);
      expect(q.json.error.code).toBe('forbidden');
      const p = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.dept.SCJG, body: { cases: [pushed(makeCase())] } });
      expect(p.status).toBe(403);
      const e = await call(env.app, 'GET', '/api/v1/status-events', { token: env.dept.SCJG });
      expect(e.status).toBe(403);
      const w = await call(env.app, 'GET', '/api/v1/status-events', { token: env.ws.token, headers: { 'x-onewindow-worker': 'x' } });
      expect(w.status).toBe(400);
    });

    it('rate limit: a burst, then 429 with Retry-After; refills with time', async () => {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof call>> | null = null;
      for (let i = 0; i < 5; i++) {
        last = await call(limited, 'GET', '/api/v1/status-events', { token: env.ws.token });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(last!.headers['retry-after']).toBe('1');
      expect(last!.json.error.code).toBe('rateLimited');
      // another token has its own bucket
      expect((await call(limited, 'GET', '/api/v1/department/queue', { token: env.dept.SCJG })).status).toBe(200);
      env.clock.advance(2);
      expect((await call(limited, 'GET', '/api/v1/status-events', { token: env.ws.token })).status).toBe(200);
    });

    it('a body over the limit is 413 with a reason, and nothing is written', async () => {
      const before = (await env.db.query<{ n: number }>('SELECT count(*) AS n FROM cases'))[0]!.n;
      const c = makeCase();
      const big = { cases: [{ ...pushed(c), padding: 'x'.repeat(MAX_BODY_BYTES) }] };
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: big });
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe('bodyTooLarge');
      expect((await env.db.query<{ n: number }>('SELECT count(*) AS n FROM cases'))[0]!.n).toBe(before);
    });

    it('the audit records every request’s actor — never bodies, tokens or personal data', async () => {
      const c = makeCase();
      await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } });
      await call(env.app, 'GET', `/api/v1/department/cases/${c.id}`, { token: env.dept.SCJG, headers: { 'x-onewindow-worker': encodeURIComponent('王敏') } });
      await call(env.app, 'GET', '/api/v1/status-events', { token: 'nope' });
      await env.app.flushAudit();
      const rows = await env.db.query<{ actor_kind: string; actor_id: string | null; worker: string | null; method: string; route: string; path: string; status: number }>(
        'SELECT actor_kind, actor_id, worker, method, route, path, status FROM audit ORDER BY id DESC LIMIT 3',
      );
      expect(rows.reverse()).toEqual([
        { actor_kind: 'workstation', actor_id: env.ws.id, worker: null, method: 'POST', route: '/api/v1/cases/push', path: '/api/v1/cases/push', status: 200 },
        {
          actor_kind: 'department',
          actor_id: 'SCJG',
          worker: '王敏',
          method: 'GET',
          route: '/api/v1/department/cases/:caseId',
          path: `/api/v1/department/cases/${c.id}`,
          status: 200,
        },
        { actor_kind: 'anonymous', actor_id: null, worker: null, method: 'GET', route: '/api/v1/status-events', path: '/api/v1/status-events', status: 401 },
      ]);
      const dump = JSON.stringify(await env.db.query('SELECT * FROM audit'));
      expect(dump).not.toContain(c.applicant!.kind === 'person' ? c.applicant!.idNumber! : 'x');
      expect(dump).not.toContain(env.ws.token);
    });

    it('CORS: the workstation’s origins (app://onewindow, loopback) may call the API with Authorization', async () => {
      expect(corsOriginAllowed('app://onewindow')).toBe(true);
      expect(corsOriginAllowed('http://127.0.0.1:5180')).toBe(true);
      expect(corsOriginAllowed('http://localhost:5173')).toBe(true);
      expect(corsOriginAllowed('https://evil.example')).toBe(false);
      expect(corsOriginAllowed('http://127.0.0.1.evil.example')).toBe(false);
      const pre = await call(env.app, 'OPTIONS', '/api/v1/cases/push', {
        headers: { origin: 'app://onewindow', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('app://onewindow');
      expect(String(pre.headers['access-control-allow-headers'])).toMatch(/Authorization/);
      const get = await call(env.app, 'GET', '/api/v1/status-events', { token: env.ws.token, headers: { origin: 'http://127.0.0.1:5180' } });
      expect(get.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5180');
      const evil = await call(env.app, 'GET', '/api/v1/status-events', { token: env.ws.token, headers: { origin: 'https://evil.example' } });
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('unknown routes are JSON 404s', async () => {
      const r = await call(env.app, 'GET', '/api/v1/nope', { token: env.ws.token });
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('notFound');
    });

    it('the inbox page: strict CSP, no inline script, its script and style served from the server', async () => {
      const page = await call(env.app, 'GET', '/inbox');
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(page.headers['x-frame-options']).toBe('DENY');
      const html = page.raw.body;
      expect(html).toContain('<script src="/inbox/inbox.js"');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      expect(html).not.toMatch(/\bon[a-z]+=|style=|https?:\/\//); // no inline handlers, styles or outside assets
      const js = await call(env.app, 'GET', '/inbox/inbox.js');
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.raw.body).not.toMatch(/innerHTML|eval\(|new Function/);
      expect((await call(env.app, 'GET', '/inbox/inbox.css')).status).toBe(200);
      expect(readFileSync('src/server/inbox/index.html', 'utf8')).toContain('lang="zh-CN"');
    });
  });
}
