/**
 * Pages of materials on the service: tus upload from Node (tus-js-client), completion check,
 * dedup, read-back, department reads with dispatch and audit, cache headers, limits, resume
 * after a cut connection. The same suite runs on the directory store and on the S3 store
 * (s3rver on loopback), each on PGlite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageRef } from '../../src/core/materials/page';
import { createOfficer } from '../../src/server/adminCommands';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';
import { fakeJpeg, pagesConfig, type S3Server, startS3, STORES, type TestPages, tusUpload, UploadFailed } from './pageHarness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function pageRef(bytes: Buffer): PageRef {
  return {
    sha256: sha(bytes),
    originalSha256: sha(Buffer.concat([bytes, Buffer.from('orig')])),
    mime: 'image/jpeg',
    bytes: bytes.length,
    width: 1240,
    height: 1754,
    source: 'camera',
    capturedAt: '2026-11-30T02:00:00.000Z',
    by: 'C0107',
  };
}

/** A raw HTTP request against the listening service (HEAD and GET with bodies as bytes). */
function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let s3: S3Server | null = null;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.close();
});

for (const { name, backend, skip } of BACKENDS)
  for (const store of STORES)
    describe.skipIf(skip)(`pages — ${name}, ${store} store`, () => {
      let env: Env;
      let pages: TestPages;
      let base: string;
      let officerToken: string;
      const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

      beforeAll(async () => {
        pages = pagesConfig(store, s3, { maxFileBytes: 2 * 1024 * 1024, maxCaseBytes: 5 * 1024 * 1024 });
        env = await startEnv(backend, { pages: pages.config });
        base = await env.app.listen({ port: 0, host: '127.0.0.1' });
        const o = await createOfficer(env.db, 'SCJG', 'SC001', '王敏');
        const r = await call(env.app, 'POST', '/api/v1/officer/sign-in', { body: { staffNo: 'SC001', password: o.password } });
        officerToken = r.json.token;
      }, 120_000);
      afterAll(async () => {
        await env?.close();
        pages?.remove();
      });

      it('a page uploaded by tus is stored sealed, read back by its workstation only, with private no-store', async () => {
        const bytes = fakeJpeg(300_000);
        const caseId = crypto.randomUUID();
        await tusUpload(base, env.ws.token, bytes, { sha256: sha(bytes), caseId, mime: 'image/jpeg' });

        const back = await raw(base, 'GET', `/api/v1/pages/${sha(bytes)}`, auth(env.ws.token));
        expect(back.status).toBe(200);
        expect(back.body.equals(bytes)).toBe(true);
        expect(back.headers['cache-control']).toBe('private, no-store');
        expect(back.headers['content-type']).toBe('image/jpeg');

        // At rest: sealed (not the bytes, and opened only with the key under its own address).
        const sealed = await pages.config.objects.get(sha(bytes));
        expect(sealed).not.toBeNull();
        expect(sealed!.includes(bytes.subarray(0, 64))).toBe(false);
        expect(pages.config.key.open(sha(bytes), sealed!).equals(bytes)).toBe(true);
        expect(() => pages.config.key.open('0'.repeat(64), sealed!)).toThrow();
        // Staging is emptied once the upload's last response is written.
        await expect.poll(() => readdirSync(pages.config.stagingDir).filter((f) => !f.startsWith('.'))).toEqual([]);

        // Another workstation: no such page, even knowing its hash.
        expect((await raw(base, 'GET', `/api/v1/pages/${sha(bytes)}`, auth(env.ws2.token))).status).toBe(404);
        expect((await raw(base, 'HEAD', `/api/v1/pages/${sha(bytes)}?caseId=${caseId}`, auth(env.ws2.token))).status).toBe(404);
        const [row] = await env.db.query<{ workstation_id: string; bytes: number }>('SELECT workstation_id, bytes FROM case_pages WHERE case_id = $1::uuid', [caseId]);
        expect(row).toEqual({ workstation_id: env.ws.id, bytes: bytes.length });
        const reads = await env.db.query('SELECT reader_kind, workstation_id FROM page_reads WHERE sha256 = $1', [sha(bytes)]);
        expect(reads).toEqual([{ reader_kind: 'workstation', workstation_id: env.ws.id }]);
        // The upload's own requests are in the request audit like every other (answered by tus, not Fastify's reply).
        await env.app.flushAudit();
        const audited = await env.db.query<{ method: string; status: number }>(
          `SELECT method, status FROM audit WHERE actor_id = $1 AND route LIKE '/api/v1/pages/uploads%'`,
          [env.ws.id],
        );
        expect(audited).toEqual(expect.arrayContaining([{ method: 'POST', status: 201 }]));
      });

      it('HEAD skips what the workstation itself uploaded and links it to another case; another workstation must upload it itself', async () => {
        const bytes = fakeJpeg(50_000);
        const first = crypto.randomUUID();
        const second = crypto.randomUUID();
        expect((await raw(base, 'HEAD', `/api/v1/pages/${sha(bytes)}?caseId=${first}`, auth(env.ws.token))).status).toBe(404);
        await tusUpload(base, env.ws.token, bytes, { sha256: sha(bytes), caseId: first, mime: 'image/jpeg' });
        const head = await raw(base, 'HEAD', `/api/v1/pages/${sha(bytes)}?caseId=${second}`, auth(env.ws.token));
        expect(head.status).toBe(200);
        expect(head.headers['cache-control']).toBe('private, no-store');
        const linked = await env.db.query<{ case_id: string }>('SELECT case_id FROM case_pages WHERE sha256 = $1 ORDER BY case_id', [sha(bytes)]);
        expect(linked.map((r) => r.case_id).sort()).toEqual([first, second].sort());

        const theirs = crypto.randomUUID();
        expect((await raw(base, 'HEAD', `/api/v1/pages/${sha(bytes)}?caseId=${theirs}`, auth(env.ws2.token))).status).toBe(404);
        await tusUpload(base, env.ws2.token, bytes, { sha256: sha(bytes), caseId: theirs, mime: 'image/jpeg' });
        expect((await raw(base, 'HEAD', `/api/v1/pages/${sha(bytes)}?caseId=${theirs}`, auth(env.ws2.token))).status).toBe(200);
        expect((await env.db.query('SELECT 1 FROM page_objects WHERE sha256 = $1', [sha(bytes)])).length).toBe(1);
      });

      it('refuses and discards an upload whose bytes do not have the declared sha256, or are not the declared image type', async () => {
        const bytes = fakeJpeg(40_000);
        const claimed = sha(fakeJpeg(10));
        const e = await tusUpload(base, env.ws.token, bytes, { sha256: claimed, caseId: crypto.randomUUID(), mime: 'image/jpeg' }).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(UploadFailed);
        expect((e as UploadFailed).status).toBe(460);
        expect(await env.db.query('SELECT 1 FROM page_objects WHERE sha256 = ANY($1)', [[claimed, sha(bytes)]])).toEqual([]);
        expect(await pages.config.objects.has(claimed)).toBe(false);
        expect(readdirSync(pages.config.stagingDir).filter((f) => !f.startsWith('.'))).toEqual([]);

        const notPng = fakeJpeg(1000);
        const e2 = await tusUpload(base, env.ws.token, notPng, { sha256: sha(notPng), caseId: crypto.randomUUID(), mime: 'image/png' }).catch((x: unknown) => x);
        expect((e2 as UploadFailed).status).toBe(415);
      });

      it('refuses bad metadata, a page over the file limit, pages over the case limit, and a case of another workstation', async () => {
        const bytes = fakeJpeg(1000);
        const bad = await tusUpload(base, env.ws.token, bytes, { sha256: 'xyz', caseId: crypto.randomUUID(), mime: 'image/jpeg' }).catch((x: unknown) => x);
        expect((bad as UploadFailed).status).toBe(400);
        const big = fakeJpeg(2 * 1024 * 1024 + 1);
        const tooBig = await tusUpload(base, env.ws.token, big, { sha256: sha(big), caseId: crypto.randomUUID(), mime: 'image/jpeg' }).catch((x: unknown) => x);
        expect((tooBig as UploadFailed).status).toBe(413);

        const caseId = crypto.randomUUID();
        for (let i = 0; i < 2; i++) {
          const p = fakeJpeg(2 * 1024 * 1024);
          await tusUpload(base, env.ws.token, p, { sha256: sha(p), caseId, mime: 'image/jpeg' });
        }
        const third = fakeJpeg(1024 * 1024 + 1);
        const over = await tusUpload(base, env.ws.token, third, { sha256: sha(third), caseId, mime: 'image/jpeg' }).catch((x: unknown) => x);
        expect((over as UploadFailed).status).toBe(413);

        // A case on the service that another workstation pushed.
        const c = makeCase();
        expect((await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } })).json.results[0].outcome).toBe('stored');
        const foreign = await tusUpload(base, env.ws2.token, bytes, { sha256: sha(bytes), caseId: c.id, mime: 'image/jpeg' }).catch((x: unknown) => x);
        expect((foreign as UploadFailed).status).toBe(404);
      });

      it('resumes an upload whose connection was cut mid-way; another workstation cannot touch it', async () => {
        const bytes = fakeJpeg(600_000);
        const caseId = crypto.randomUUID();
        const meta = { sha256: sha(bytes), caseId, mime: 'image/jpeg' };
        // Create without data, then send half of the bytes and cut the connection.
        const b64 = (s: string) => Buffer.from(s).toString('base64');
        const created = await raw(base, 'POST', '/api/v1/pages/uploads/', {
          ...auth(env.ws.token),
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(bytes.length),
          'Upload-Metadata': Object.entries(meta)
            .map(([k, v]) => `${k} ${b64(v)}`)
            .join(','),
        });
        expect(created.status).toBe(201);
        const location = new URL(String(created.headers.location), `${base}/api/v1/pages/uploads/`).toString();
        await new Promise<void>((resolve) => {
          const req = httpRequest(location, {
            method: 'PATCH',
            headers: { ...auth(env.ws.token), 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(bytes.length) },
          });
          req.on('error', () => resolve());
          req.write(bytes.subarray(0, 300_000), () => setTimeout(() => {
            req.destroy();
            resolve();
          }, 300));
        });
        const path = new URL(location).pathname;
        let offset = 0;
        for (let i = 0; i < 50 && offset === 0; i++) {
          const h = await raw(base, 'HEAD', path, { ...auth(env.ws.token), 'Tus-Resumable': '1.0.0' });
          expect(h.status).toBe(200);
          offset = Number(h.headers['upload-offset']);
          if (offset === 0) await new Promise((r) => setTimeout(r, 50));
        }
        expect(offset).toBeGreaterThan(0);
        expect(offset).toBeLessThan(bytes.length);
        // Someone else's upload: as if it did not exist.
        expect((await raw(base, 'HEAD', path, { ...auth(env.ws2.token), 'Tus-Resumable': '1.0.0' })).status).toBe(404);
        expect((await raw(base, 'PATCH', path, { ...auth(env.ws2.token), 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, bytes.subarray(offset))).status).toBe(404);

        await tusUpload(base, env.ws.token, bytes, meta, { uploadUrl: location });
        expect((await raw(base, 'GET', `/api/v1/pages/${sha(bytes)}`, auth(env.ws.token))).body.equals(bytes)).toBe(true);
      });

      it('a department with a dispatch sees the case’s pages (and which are still on their way), reads each one recorded with the officer; others get 404', async () => {
        const a = fakeJpeg(80_000);
        const b = fakeJpeg(90_000);
        const c = makeCase();
        c.materialPages = { 'shared/application-form': [pageRef(a), pageRef(b)] };
        expect((await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } })).json.results[0].outcome).toBe('stored');
        await tusUpload(base, env.ws.token, a, { sha256: sha(a), caseId: c.id, mime: 'image/jpeg' });
        const depts = (await env.db.query<{ department_code: string }>('SELECT department_code FROM dispatches WHERE case_id = $1::uuid', [c.id])).map((r) => r.department_code);
        expect(depts).toContain('SCJG');
        const outsider = (['WJJ', 'YBJ'] as const).find((d) => !depts.includes(d))!;

        const list = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/pages`, { token: officerToken });
        expect(list.status).toBe(200);
        expect(list.json.materials).toEqual([
          {
            materialKey: 'shared/application-form',
            name: '食品经营许可申请书',
            pages: [
              expect.objectContaining({ page: 1, sha256: sha(a), onService: true }),
              expect.objectContaining({ page: 2, sha256: sha(b), onService: false }),
            ],
          },
        ]);

        const read = await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(a)}`, auth(officerToken));
        expect(read.status).toBe(200);
        expect(read.body.equals(a)).toBe(true);
        expect(read.headers['cache-control']).toBe('private, no-store');
        const [officer] = await env.db.query<{ id: number }>("SELECT id FROM officers WHERE staff_no = 'SC001'");
        const reads = await env.db.query('SELECT case_id, reader_kind, department_code, officer_id FROM page_reads WHERE sha256 = $1', [sha(a)]);
        expect(reads).toEqual([{ case_id: c.id, reader_kind: 'department', department_code: 'SCJG', officer_id: officer!.id }]);

        // Not yet uploaded; another department; a case that is not this page's; a department token naming nobody.
        expect((await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(b)}`, auth(officerToken))).status).toBe(404);
        expect((await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(a)}`, auth(env.dept[outsider]))).status).toBe(404);
        expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/pages`, { token: env.dept[outsider] })).status).toBe(404);
        expect((await raw(base, 'GET', `/api/v1/department/cases/${crypto.randomUUID()}/pages/${sha(a)}`, auth(officerToken))).status).toBe(404);
        expect((await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(a)}`, auth(env.dept.SCJG))).status).toBe(403);
        const named = await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(a)}`, { ...auth(env.dept.SCJG), 'X-OneWindow-Worker': encodeURIComponent('系统对接-张') });
        expect(named.status).toBe(200);
        expect((await env.db.query('SELECT worker FROM page_reads WHERE sha256 = $1 AND officer_id IS NULL', [sha(a)]))).toEqual([{ worker: '系统对接-张' }]);
        // Workstations do not read through the department route.
        expect((await raw(base, 'GET', `/api/v1/department/cases/${c.id}/pages/${sha(a)}`, auth(env.ws.token))).status).toBe(403);
      });
    });
