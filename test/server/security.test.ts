/**
 * Tokens (missing / wrong / revoked / wrong kind), rate limit, body size, audit, CORS,
 * health and the inbox page's headers. Runs on PGlite and on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse, MAX_BODY_BYTES } from '../../src/core/sync/protocol';
import { createDepartment, revokeToken, rotateToken } from '../../src/server/adminCommands';
import { buildServer, corsOriginAllowed, type OneWindowServer } from '../../src/server/app';
import { loadMigrations } from '../../src/server/migrate';
import { DEFAULT_RATE_LIMIT, parseRateLimit } from '../../src/server/rateLimit';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`auth, limits, audit — ${name}`, () => {
    let env: Env;
    let limited: OneWindowServer;
    beforeAll(async () => {
      env = await startEnv(backend);
      limited = await buildServer({ db: env.db, now: env.clock.now, rateLimit: { perAddress: { max: 3, windowMs: 1000 }, failedAuth: { max: 100, windowMs: 60_000 } } });
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

    it('rate limit per address, before any token: 429 with Retry-After, whatever the token; another address has its own; the window passes', async () => {
      const from = (remoteAddress: string, token: string) =>
        limited.inject({ method: 'GET', url: '/api/v1/status-events', remoteAddress, headers: { authorization: `Bearer ${token}` } });
      const statuses: number[] = [];
      for (const token of [env.ws.token, `ow_ws_${'A'.repeat(43)}`, env.dept.SCJG, env.ws.token, 'hunter2']) statuses.push((await from('10.9.0.1', token)).statusCode);
      expect(statuses).toEqual([200, 401, 403, 429, 429]);
      const last = await from('10.9.0.1', env.ws.token);
      expect(last.headers['retry-after']).toBe('1');
      expect(JSON.parse(last.body).error.code).toBe('rateLimited');
      expect((await from('10.9.0.2', env.ws.token)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await from('10.9.0.1', env.ws.token)).statusCode).toBe(200);
    });

    it('600 requests with random tokens: 429 after a few failed sign-ins, without a database lookup each', async () => {
      let lookups = 0;
      const counting = {
        ...env.db,
        query: (text: string, params?: unknown[], o?: { name?: string }) => {
          if (/FROM (workstations|departments) WHERE token_hash/.test(text)) lookups++;
          return env.db.query(text, params, o);
        },
        exec: env.db.exec.bind(env.db),
        transaction: env.db.transaction.bind(env.db),
        close: async () => {},
      } as typeof env.db;
      const app = await buildServer({ db: counting, now: env.clock.now }); // the default limits
      try {
        const statuses = new Map<number, number>();
        for (let i = 0; i < 600; i++) {
          const token = `ow_${i % 2 ? 'ws' : 'dp'}_${randomBytes(32).toString('base64url')}`;
          const r = await app.inject({ method: 'GET', url: i % 3 ? '/api/v1/status-events' : '/api/v1/department/queue', remoteAddress: '10.9.1.1', headers: { authorization: `Bearer ${token}` } });
          statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        }
        expect(statuses.get(401)).toBe(DEFAULT_RATE_LIMIT.failedAuth.max);
        expect(statuses.get(429)).toBe(600 - DEFAULT_RATE_LIMIT.failedAuth.max);
        expect(lookups).toBeLessThanOrEqual(DEFAULT_RATE_LIMIT.failedAuth.max);
        // a workstation at another address is not held up
        const ok = await app.inject({ method: 'GET', url: '/api/v1/status-events', remoteAddress: '10.9.1.2', headers: { authorization: `Bearer ${env.ws.token}` } });
        expect(ok.statusCode).toBe(200);
      } finally {
        await app.close();
      }
    }, 60_000);

    it('ONEWINDOW_RATE_LIMIT: requests and failed sign-ins per address, or off', () => {
      expect(parseRateLimit(undefined)).toEqual(DEFAULT_RATE_LIMIT);
      expect(parseRateLimit('off')).toBe(false);
      expect(parseRateLimit('100/10,5/60')).toEqual({ perAddress: { max: 100, windowMs: 10_000 }, failedAuth: { max: 5, windowMs: 60_000 } });
      expect(parseRateLimit('100/10')).toEqual({ perAddress: { max: 100, windowMs: 10_000 }, failedAuth: DEFAULT_RATE_LIMIT.failedAuth });
      expect(() => parseRateLimit('20/40/1')).toThrow(/ONEWINDOW_RATE_LIMIT/);
      expect(() => parseRateLimit('0/10')).toThrow(/at least 1/);
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
