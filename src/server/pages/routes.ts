/**
 * Pages of materials on the service (材料电子化): a Fastify plugin, registered by app.ts.
 *
 * - `POST|HEAD|PATCH|DELETE /api/v1/pages/uploads/[:id]` — tus 1.0 resumable upload
 *   (@tus/server, staged by @tus/file-store), workstation token. Upload-Metadata: `sha256`,
 *   `caseId`, `mime`. At completion the bytes' SHA-256 must equal the declared one (else 460,
 *   discarded) and the bytes must be the declared image type (else 415); then the page is
 *   sealed into the page store under its sha256 and linked to the case and the workstation.
 * - `HEAD /api/v1/pages/:sha256?caseId=` — 200 when this workstation itself uploaded these
 *   bytes (and the page is linked to the case), 404 otherwise: a hash alone proves nothing.
 * - `GET /api/v1/pages/:sha256` — read-back by a workstation that uploaded it.
 * - `GET /api/v1/department/cases/:caseId/pages` — the case's pages per material (from the
 *   latest version's `materialPages`) and whether each is on the service yet.
 * - `GET /api/v1/department/cases/:caseId/pages/:sha256` — a page, for a department with a
 *   dispatch of the case; named person required; every read recorded (page_reads) first.
 *
 * Pages are always answered `Cache-Control: private, no-store`; 404 never says whether a page
 * exists for someone else.
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { EVENTS, type Upload } from '@tus/utils';
import { z } from 'zod';
import type { IntakeCase } from '../../core/intake/case';
import { caseNames } from '../../core/lifecycle/caseFields';
import { PageMime, Sha256Hex } from '../../core/materials/page';
import { API_PREFIX } from '../../core/sync/protocol';
import type { Actor } from '../auth';
import type { Db, Queryable } from '../db';
import { ApiProblem } from '../problem';
import type { PagesConfig } from './storage';

export interface PagesPluginOptions {
  db: Db;
  now: () => Date;
  /** null: the routes answer 503 (a service built without page storage, e.g. most tests). */
  pages: PagesConfig | null;
  /** The service's CORS rule (app.ts), for tus's own responses. */
  corsOriginAllowed: (origin: string) => boolean;
}

/** CORS: what a browser workstation's tus client sends and reads (app.ts adds them to its lists). */
export const TUS_REQUEST_HEADERS = 'Tus-Resumable, Upload-Length, Upload-Metadata, Upload-Offset, Upload-Defer-Length, Upload-Concat, X-HTTP-Method-Override';
export const TUS_RESPONSE_HEADERS = 'Location, Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Expires';
export const UPLOADS_PATH = `${API_PREFIX}/pages/uploads`;
const PAGE_HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
/** tus's code for a checksum mismatch (checksum extension): not retried by clients. */
const CHECKSUM_MISMATCH = 460;

const UploadMetadata = z.object({ sha256: Sha256Hex, caseId: z.uuid(), mime: PageMime });
const ShaParams = z.object({ sha256: Sha256Hex });
const CasePageParams = z.object({ caseId: z.uuid(), sha256: Sha256Hex });
const CaseParams = z.object({ caseId: z.uuid() });
const CaseQuery = z.object({ caseId: z.uuid() });
const UploadIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

/** Does the start of `bytes` say it is `mime`? (magic numbers of JPEG, PNG, WebP) */
export function looksLike(mime: PageMime, bytes: Buffer): boolean {
  switch (mime) {
    case 'image/jpeg':
      return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/png':
      return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  }
}

/** A thrown tus response: status and a plain-text body. */
const tusRefusal = (status_code: number, body: string) => ({ status_code, body: `${body}\n` });

/** The case's own workstation when the case is on the service; null when not (yet). */
async function caseOwner(db: Queryable, caseId: string): Promise<string | null> {
  const [row] = await db.query<{ workstation_id: string }>('SELECT workstation_id FROM cases WHERE case_id = $1::uuid', [caseId]);
  return row?.workstation_id ?? null;
}

async function linkPage(db: Queryable, caseId: string, sha256: string, workstationId: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO case_pages (case_id, sha256, mime, bytes, workstation_id, uploaded_at)
     SELECT $1::uuid, p.sha256, p.mime, p.bytes, $3, $4 FROM page_objects p WHERE p.sha256 = $2
     ON CONFLICT (case_id, sha256) DO NOTHING`,
    [caseId, sha256, workstationId, at],
  );
}

const asJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * @tus/file-store that also hashes what it writes: an upload that arrives whole in one request
 * from offset 0 (the usual case: creation-with-upload of a page) is checked and sealed from
 * memory at completion instead of being read back from the staging file. A resumed upload is
 * read back and hashed from its file.
 */
class HashingFileStore extends FileStore {
  private readonly whole = new Map<string, { hash: Hash; chunks: Buffer[] | null; bytes: number }>();

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    this.whole.delete(id);
    if (offset !== 0) return super.write(readable, id, offset);
    const acc = { hash: createHash('sha256'), chunks: [] as Buffer[] | null, bytes: 0 };
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        acc.hash.update(chunk);
        acc.bytes += chunk.length;
        if (acc.chunks && acc.bytes <= KEEP_IN_MEMORY) acc.chunks.push(chunk);
        else acc.chunks = null;
        callback(null, chunk);
      },
    });
    const end = await super.write(pipeline(readable, tee, () => {}), id, offset);
    if (end === acc.bytes) {
      if (this.whole.size >= 64) this.whole.delete(this.whole.keys().next().value!); // abandoned ones do not pile up
      this.whole.set(id, acc);
    }
    return end;
  }

  /** The bytes and their SHA-256 of a completed upload of `size` bytes. */
  async completed(id: string, size: number): Promise<{ bytes: Buffer; sha256: string }> {
    const w = this.whole.get(id);
    this.whole.delete(id);
    if (w && w.bytes === size && w.chunks) return { bytes: Buffer.concat(w.chunks, size), sha256: w.hash.digest('hex') };
    const bytes = await readFile(join(this.directory, id));
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  forget(id: string): void {
    this.whole.delete(id);
  }
}
/** Uploads up to this size are kept in memory between their write and their completion. */
const KEEP_IN_MEMORY = 4 * 1024 * 1024;

export const pagesPlugin: FastifyPluginAsync<PagesPluginOptions> = async (app, options) => {
  const { db, now, pages } = options;

  // tus bodies are streamed to the store by @tus/server itself: Fastify must not read them.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const workstationOf = (request: FastifyRequest) => {
    const a = request.actor;
    if (a?.kind !== 'workstation') throw new ApiProblem(403, 'forbidden', 'workstations only');
    return a;
  };
  const need = (): PagesConfig => {
    if (!pages) throw new ApiProblem(503, 'pagesNotConfigured', 'this service keeps no pages');
    return pages;
  };

  /** Opens a stored page; null when its object is missing from the store. */
  const openPage = async (p: PagesConfig, sha256: string): Promise<Buffer | null> => {
    const sealed = await p.objects.get(sha256);
    return sealed ? p.key.open(sha256, sealed) : null;
  };
  const sendPage = (reply: FastifyReply, mime: string, bytes: Buffer) => reply.headers({ ...PAGE_HEADERS, 'Content-Type': mime }).send(bytes);

  // ---- tus upload --------------------------------------------------------------------------

  const actors = new WeakMap<IncomingMessage, Extract<Actor, { kind: 'workstation' }>>();
  let tus: TusServer | null = null;
  let store: HashingFileStore | null = null;
  if (pages) {
    store = new HashingFileStore({ directory: pages.stagingDir, expirationPeriodInMilliseconds: 24 * 3600_000 });
    const staged = store;
    const actorOf = (req: { runtime?: { node?: { req: IncomingMessage } } }) => {
      const node = req.runtime?.node?.req;
      const a = node ? actors.get(node) : undefined;
      if (!a) throw tusRefusal(403, 'workstations only');
      return a;
    };
    tus = new TusServer({
      path: UPLOADS_PATH,
      datastore: staged,
      relativeLocation: true,
      maxSize: pages.limits.maxFileBytes,
      allowedOrigins: (origin) => options.corsOriginAllowed(origin),
      allowedHeaders: ['Authorization'],
      disableTerminationForFinishedUploads: true,
      onUploadCreate: async (req, upload) => {
        const ws = actorOf(req as never);
        const m = UploadMetadata.safeParse(upload.metadata ?? {});
        if (!m.success) throw tusRefusal(400, 'Upload-Metadata must name sha256 (lower-case hex), caseId (UUID) and mime (image/jpeg, image/png, image/webp)');
        if (upload.size === undefined) throw tusRefusal(400, 'Upload-Length is required (a page has a known size)');
        const caseId = m.data.caseId.toLowerCase();
        const [c] = await db.query<{ owner: string | null; bytes: number }>(
          `SELECT (SELECT workstation_id FROM cases WHERE case_id = $1::uuid) AS owner,
                  (SELECT COALESCE(SUM(bytes), 0)::int8 FROM case_pages WHERE case_id = $1::uuid) AS bytes`,
          [caseId],
          { name: 'pages.create' },
        );
        if (c?.owner && c.owner !== ws.id) throw tusRefusal(404, 'no such case for this workstation');
        if ((c?.bytes ?? 0) + upload.size > pages.limits.maxCaseBytes)
          throw tusRefusal(413, `the pages of one case may take at most ${pages.limits.maxCaseBytes} bytes`);
        return { metadata: { sha256: m.data.sha256, caseId, mime: m.data.mime, workstation: ws.id } };
      },
      onUploadFinish: async (_req, upload) => {
        await finishUpload(upload);
        return {};
      },
    });

    const finishUpload = async (upload: Upload): Promise<void> => {
      const m = upload.metadata ?? {};
      const sha256 = m.sha256!;
      const mime = m.mime as PageMime;
      const caseId = m.caseId!;
      const workstationId = m.workstation!;
      const { bytes, sha256: digest } = await staged.completed(upload.id, upload.size!);
      const discard = () => staged.remove(upload.id).catch(() => {});
      if (digest !== sha256) {
        await discard();
        throw tusRefusal(CHECKSUM_MISMATCH, 'the bytes received do not have the declared sha256; the upload is discarded');
      }
      if (!looksLike(mime, bytes)) {
        await discard();
        throw tusRefusal(415, `the bytes are not ${mime}`);
      }
      const at = now();
      // The object is written before its row: a row always has its object (a crash in between
      // leaves an object no row names yet; the next upload of the same bytes finds it and adds the rows).
      if (!(await pages.objects.has(sha256))) await pages.objects.put(sha256, pages.key.seal(sha256, bytes));
      // One statement (atomic without a transaction round trip): the object, its holder, the case's link.
      await db.query(
        `WITH o AS (
           INSERT INTO page_objects (sha256, mime, bytes, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING
         ), h AS (
           INSERT INTO page_holders (sha256, workstation_id, first_at) VALUES ($1, $5, $4) ON CONFLICT DO NOTHING
         )
         INSERT INTO case_pages (case_id, sha256, mime, bytes, workstation_id, uploaded_at) VALUES ($6::uuid, $1, $2, $3, $5, $4)
         ON CONFLICT (case_id, sha256) DO NOTHING`,
        [sha256, mime, bytes.length, at, workstationId, caseId],
        { name: 'pages.finish' },
      );
      // The staged copy is removed once the response is written (POST_FINISH below): tus still reads it until then.
    };
    tus.on(EVENTS.POST_FINISH, (_req, _res, upload) => void staged.remove(upload.id).catch(() => {}));

    // Staged uploads nobody finished are removed after a day.
    const sweep = setInterval(() => void tus?.cleanUpExpiredUploads().catch(() => {}), 3600_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  }

  const handleTus = async (request: FastifyRequest, reply: FastifyReply) => {
    const ws = workstationOf(request);
    need();
    if (request.method !== 'POST') {
      // An upload is its workstation's own: another workstation gets 404, as for an unknown id.
      const p = UploadIdParams.safeParse(request.params);
      const upload = p.success ? await store!.getUpload(p.data.id).catch(() => null) : null;
      if (!upload || upload.metadata?.workstation !== ws.id) throw new ApiProblem(404, 'notFound', 'no such upload');
    }
    actors.set(request.raw, ws);
    reply.hijack();
    reply.raw.setHeader('Cache-Control', 'no-store');
    reply.raw.setHeader('X-Content-Type-Options', 'nosniff');
    await tus!.handle(request.raw, reply.raw);
  };
  for (const url of [UPLOADS_PATH, `${UPLOADS_PATH}/`]) app.post(url, { config: { auth: 'workstation' } }, handleTus);
  app.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: `${UPLOADS_PATH}/:id`, config: { auth: 'workstation' }, handler: handleTus });

  // ---- dedup and read-back (workstation) -------------------------------------------------------

  app.head(`${API_PREFIX}/pages/:sha256`, { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    need();
    const p = ShaParams.safeParse(request.params);
    const q = CaseQuery.safeParse(request.query);
    if (!p.success || !q.success) throw new ApiProblem(p.success ? 400 : 404, p.success ? 'invalidQuery' : 'notFound', p.success ? 'caseId (UUID) is required' : 'no such page');
    const caseId = q.data.caseId.toLowerCase();
    const [held] = await db.query<{ bytes: number }>(
      'SELECT p.bytes FROM page_holders h JOIN page_objects p ON p.sha256 = h.sha256 WHERE h.sha256 = $1 AND h.workstation_id = $2',
      [p.data.sha256, ws.id],
    );
    if (!held) throw new ApiProblem(404, 'notFound', 'no such page');
    const owner = await caseOwner(db, caseId);
    if (owner !== null && owner !== ws.id) throw new ApiProblem(404, 'notFound', 'no such case for this workstation');
    await linkPage(db, caseId, p.data.sha256, ws.id, now());
    return reply.headers(PAGE_HEADERS).code(200).send();
  });

  app.get(`${API_PREFIX}/pages/:sha256`, { config: { auth: 'workstation' }, exposeHeadRoute: false }, async (request, reply) => {
    const ws = workstationOf(request);
    const cfg = need();
    const p = ShaParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such page');
    const [row] = await db.query<{ mime: string }>(
      'SELECT p.mime FROM page_holders h JOIN page_objects p ON p.sha256 = h.sha256 WHERE h.sha256 = $1 AND h.workstation_id = $2',
      [p.data.sha256, ws.id],
    );
    if (!row) throw new ApiProblem(404, 'notFound', 'no such page');
    await db.query(`INSERT INTO page_reads (at, sha256, reader_kind, workstation_id) VALUES ($1, $2, 'workstation', $3)`, [now(), p.data.sha256, ws.id]);
    const bytes = await openPage(cfg, p.data.sha256);
    if (!bytes) throw new ApiProblem(404, 'notFound', 'no such page');
    return sendPage(reply, row.mime, bytes);
  });

  // ---- departments --------------------------------------------------------------------------

  const departmentOf = (request: FastifyRequest) => {
    const a = request.actor;
    if (a?.kind !== 'department') throw new ApiProblem(403, 'forbidden', 'departments only');
    return a;
  };

  app.get(`${API_PREFIX}/department/cases/:caseId/pages`, { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    const p = CaseParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    const caseId = p.data.caseId.toLowerCase();
    const [row] = await db.query<{ body: unknown; workstation_id: string }>(
      `SELECT COALESCE((SELECT r.body::text FROM case_revisions r WHERE r.case_id = c.case_id ORDER BY r.revision DESC LIMIT 1), c.body) AS body, c.workstation_id
       FROM cases c WHERE c.case_id = $1::uuid AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = c.case_id AND d.department_code = $2)`,
      [caseId, dept.id],
    );
    if (!row) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    const c = asJson<IntakeCase>(row.body);
    const held = new Set(
      (await db.query<{ sha256: string }>('SELECT sha256 FROM case_pages WHERE case_id = $1::uuid AND workstation_id = $2', [caseId, row.workstation_id])).map(
        (r) => r.sha256,
      ),
    );
    const names = caseNames(c);
    const materials = Object.entries(c.materialPages ?? {}).map(([materialKey, refs]) => ({
      materialKey,
      name: names.materialName(materialKey) ?? materialKey,
      pages: refs.map((r, i) => ({
        page: i + 1,
        sha256: r.sha256,
        mime: r.mime,
        bytes: r.bytes,
        width: r.width,
        height: r.height,
        source: r.source,
        ...(r.sourcePage ? { sourcePage: r.sourcePage } : {}),
        capturedAt: r.capturedAt,
        onService: held.has(r.sha256),
      })),
    }));
    return { caseId, materials };
  });

  app.get(`${API_PREFIX}/department/cases/:caseId/pages/:sha256`, { config: { auth: 'department' } }, async (request, reply) => {
    const dept = departmentOf(request);
    const cfg = need();
    const p = CasePageParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such page for this department');
    const caseId = p.data.caseId.toLowerCase();
    // A page of the case, linked by the case's own workstation, of a case this department has a dispatch for.
    const [row] = await db.query<{ mime: string }>(
      `SELECT cp.mime FROM case_pages cp
       JOIN cases c ON c.case_id = cp.case_id AND c.workstation_id = cp.workstation_id
       WHERE cp.case_id = $1::uuid AND cp.sha256 = $2
         AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = cp.case_id AND d.department_code = $3)`,
      [caseId, p.data.sha256, dept.id],
    );
    if (!row) throw new ApiProblem(404, 'notFound', 'no such page for this department');
    // A read names a person: the signed-in officer, or the worker a department's system names.
    if (!dept.officer && !request.worker)
      throw new ApiProblem(403, 'personRequired', 'reading a page names the person: sign in as an officer, or send X-OneWindow-Worker');
    await db.query(
      `INSERT INTO page_reads (at, case_id, sha256, reader_kind, department_code, officer_id, worker) VALUES ($1, $2::uuid, $3, 'department', $4, $5, $6)`,
      [now(), caseId, p.data.sha256, dept.id, dept.officer?.id ?? null, request.worker],
    );
    const bytes = await openPage(cfg, p.data.sha256);
    if (!bytes) throw new ApiProblem(404, 'notFound', 'no such page for this department');
    return sendPage(reply, row.mime, bytes);
  });
};
