/**
 * The provincial platform adapter against a fake platform on loopback — a real HTTP server in the
 * test speaking the same signed protocol (it checks our signature, timestamp and nonce, and signs
 * its answers) that can be told to be slow, to fail, or to sign wrongly. Then the look-up through
 * the service: the platform asked first, its answer cached with its time, the centre's registry
 * answering when the platform cannot, saying why.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LicenceLookupResponse } from '../../src/core/sharing/protocol';
import { USCCS } from '../fixtures/intake';
import { createPlatformAdapter, MAX_CLOCK_SKEW_MS, platformSignature, type PlatformConfig, QUERY_PATH, signatureMatches } from '../../src/server/sharing/platform';
import { registryKeys } from '../../src/server/sharing/keys';
import { liveRegistry } from '../../src/server/sharing/registry';
import { importRegistry } from '../../src/server/sharing/import';
import { BACKENDS, call, type Env, startEnv, uuid } from './helpers';

const APP_KEY = 'ow-centre-330106';
const SECRET = 'platform-shared-secret-for-tests';

type Mode = 'ok' | 'slow' | 'error' | 'badSignature' | 'garbage';

interface FakePlatform {
  url: string;
  mode: Mode;
  requests: number;
  /** Requests refused for a bad signature, timestamp or a nonce seen before. */
  refused: string[];
  close(): Promise<void>;
}

const PLATFORM_LICENCE = {
  typeCode: 'business-licence',
  number: 'PROV-BL-7788',
  issuer: '浙江省市场监督管理局',
  holderName: '杭州西湖示例酒店管理有限公司',
  holderIdType: 'uscc',
  holderId: USCCS.hotelCompany,
  issuedOn: '2019-05-05',
  expiresOn: null,
  status: 'valid',
  fields: { scope: '住宿服务' },
};

async function startFakePlatform(): Promise<FakePlatform> {
  const nonces = new Set<string>();
  const fake: FakePlatform = { url: '', mode: 'ok', requests: 0, refused: [], close: async () => {} };
  const answer = (res: ServerResponse, status: number, body: string, nonce: string, secret = SECRET) => {
    const ts = String(Date.now());
    res.writeHead(status, { 'content-type': 'application/json', 'x-ow-timestamp': ts, 'x-ow-signature': platformSignature(secret, String(status), QUERY_PATH, ts, nonce, body) });
    res.end(body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      fake.requests++;
      const h = (n: string) => String(req.headers[n] ?? '');
      const nonce = h('x-ow-nonce');
      const ts = h('x-ow-timestamp');
      const expected = platformSignature(SECRET, req.method ?? '', req.url ?? '', ts, nonce, raw);
      const why =
        h('x-ow-app-key') !== APP_KEY ? 'appKey' : !signatureMatches(expected, h('x-ow-signature')) ? 'signature' : Math.abs(Number(ts) - Date.now()) > MAX_CLOCK_SKEW_MS ? 'timestamp' : nonces.has(nonce) ? 'replay' : null;
      if (why) {
        fake.refused.push(why);
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"unauthorised"}');
        return;
      }
      nonces.add(nonce);
      const q = JSON.parse(raw) as { holderId: string; typeCode: string };
      const body = JSON.stringify({ licences: q.holderId === PLATFORM_LICENCE.holderId && q.typeCode === PLATFORM_LICENCE.typeCode ? [PLATFORM_LICENCE] : [] });
      if (fake.mode === 'slow') setTimeout(() => answer(res, 200, body, nonce), 1500);
      else if (fake.mode === 'error') answer(res, 503, '{"error":"maintenance"}', nonce);
      else if (fake.mode === 'badSignature') answer(res, 200, body, nonce, 'not-the-secret');
      else if (fake.mode === 'garbage') answer(res, 200, '{"licences":"nope"}', nonce);
      else answer(res, 200, body, nonce);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

const query = { typeCode: 'business-licence', holderIdType: 'uscc' as const, holderId: USCCS.hotelCompany, holderName: PLATFORM_LICENCE.holderName, on: '2026-11-30' };

describe('platform adapter against a fake platform on loopback', () => {
  let fake: FakePlatform;
  beforeAll(async () => {
    fake = await startFakePlatform();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    fake.mode = 'ok';
    fake.requests = 0;
    fake.refused = [];
  });
  const adapter = (o: Partial<PlatformConfig> = {}) =>
    createPlatformAdapter({ baseUrl: fake.url, appKey: APP_KEY, appSecret: SECRET, timeoutMs: 300, attempts: 3, backoffMs: 10, breakAfter: 3, halfOpenAfterMs: 60_000, ...o });

  it('a signed request gets a signed answer', async () => {
    const r = await adapter().query(query);
    expect(r).toEqual({ ok: true, candidates: [{ ...PLATFORM_LICENCE, id: null, documentSha256: null }] });
    expect(fake.refused).toEqual([]);
  });

  it('a wrong secret: the platform refuses our signature; not retried', async () => {
    const r = await adapter({ appSecret: 'wrong' }).query(query);
    expect(r).toEqual({ ok: false, note: 'error' });
    expect(fake.refused).toEqual(['signature']);
  });

  it('an answer signed with another key is refused (badSignature), not retried', async () => {
    fake.mode = 'badSignature';
    expect(await adapter().query(query)).toEqual({ ok: false, note: 'badSignature' });
    expect(fake.requests).toBe(1);
  });

  it('an answer that is not the protocol is badAnswer', async () => {
    fake.mode = 'garbage';
    expect(await adapter().query(query)).toEqual({ ok: false, note: 'badAnswer' });
  });

  it('a failing platform is retried with backoff, then given up (error)', async () => {
    fake.mode = 'error';
    expect(await adapter().query(query)).toEqual({ ok: false, note: 'error' });
    expect(fake.requests).toBe(3);
  });

  it('a slow platform times out on every attempt (timeout)', async () => {
    fake.mode = 'slow';
    expect(await adapter({ attempts: 2 }).query(query)).toEqual({ ok: false, note: 'timeout' });
    expect(fake.requests).toBe(2);
  });

  it('after consecutive failures the circuit opens: no more requests until it half-opens', async () => {
    fake.mode = 'error';
    const a = adapter({ attempts: 1, breakAfter: 2 });
    expect((await a.query(query)).ok).toBe(false);
    expect((await a.query(query)).ok).toBe(false);
    expect(fake.requests).toBe(2);
    fake.mode = 'ok';
    expect(await a.query(query)).toEqual({ ok: false, note: 'circuitOpen' });
    expect(fake.requests).toBe(2); // the platform was not asked
  });

  it('the circuit half-opens after its pause and closes on a good answer', async () => {
    fake.mode = 'error';
    const a = adapter({ attempts: 1, breakAfter: 1, halfOpenAfterMs: 200 });
    expect((await a.query(query)).ok).toBe(false);
    expect(await a.query(query)).toEqual({ ok: false, note: 'circuitOpen' });
    fake.mode = 'ok';
    await new Promise((r) => setTimeout(r, 250));
    expect((await a.query(query)).ok).toBe(true);
    expect((await a.query(query)).ok).toBe(true);
  });

  it('a dropped connection is network', async () => {
    const a = createPlatformAdapter({ baseUrl: 'http://127.0.0.1:1', appKey: APP_KEY, appSecret: SECRET, attempts: 1, timeoutMs: 500 });
    expect(await a.query(query)).toEqual({ ok: false, note: 'network' });
  });
});

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`look-ups through the platform — ${name}`, () => {
    const KEY = randomBytes(32);
    let env: Env;
    let fake: FakePlatform;
    beforeAll(async () => {
      fake = await startFakePlatform();
      env = await startEnv(backend, {
        sharing: {
          key: KEY,
          lookupRate: false,
          platform: { baseUrl: fake.url, appKey: APP_KEY, appSecret: SECRET, timeoutMs: 300, attempts: 1, breakAfter: 100, cacheSeconds: 60 },
        },
      });
      await importRegistry(
        env.db,
        liveRegistry(registryKeys(KEY)),
        {
          licenceTypes: [{ code: 'business-licence', name: '营业执照', issuingDepartmentCode: 'SCJG', holderIdType: 'uscc' }],
          licences: [{ ...PLATFORM_LICENCE, number: 'CENTRE-BL-1', issuer: '西湖区市场监督管理局', holderIdType: 'uscc', status: 'valid' }],
        },
        env.clock.now(),
      );
    }, 60_000);
    afterAll(async () => {
      await env?.close();
      await fake?.close();
    });
    const lookup = async (o: Record<string, unknown> = {}) =>
      LicenceLookupResponse.parse(
        (await call(env.app, 'POST', '/api/v1/sharing/licences/lookup', { token: env.ws.token, body: { caseId: uuid(), clerkId: 'C0107', ...query, ...o } })).json,
      );

    it('asks the platform first, caches its answer with its time, then answers from the cache', async () => {
      const a = await lookup();
      expect(a).toMatchObject({ outcome: 'found', source: 'platform', licence: { number: 'PROV-BL-7788', hasDocument: false } });
      expect(fake.requests).toBe(1);
      env.clock.advance(30);
      const b = await lookup();
      expect(b).toMatchObject({ source: 'platform', answeredAt: a.answeredAt });
      expect(fake.requests).toBe(1);
      const [cached] = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM platform_answers');
      expect(Number(cached!.n)).toBe(1);
      env.clock.advance(60);
      await lookup();
      expect(fake.requests).toBe(2); // the cached answer aged out
    });

    it('falls back to the centre registry when the platform is unavailable, saying why; holder matching still applies', async () => {
      fake.mode = 'slow';
      env.clock.advance(120);
      const a = await lookup();
      expect(a).toMatchObject({ outcome: 'found', source: 'centre', platformUnavailable: 'timeout', licence: { number: 'CENTRE-BL-1' } });
      fake.mode = 'badSignature';
      const b = await lookup({ holderName: '别的公司' });
      expect(b).toMatchObject({ outcome: 'holderMismatch', source: 'centre', platformUnavailable: 'badSignature' });
      expect(b.licence).toBeUndefined();
      // nothing at the centre either: unavailable, not notFound
      const c = await lookup({ holderId: USCCS.standardExample });
      expect(c).toMatchObject({ outcome: 'unavailable', source: 'centre', platformUnavailable: 'badSignature' });
      const [row] = await env.db.query<{ outcome: string; platform_note: string; source: string }>(
        'SELECT outcome, platform_note, source FROM sharing_lookups WHERE lookup_id = $1::uuid',
        [c.lookupId],
      );
      expect(row).toEqual({ outcome: 'unavailable', platform_note: 'badSignature', source: 'centre' });
      fake.mode = 'ok';
    });

    it('training look-ups never ask the platform', async () => {
      const before = fake.requests;
      const a = await lookup({ training: true, holderId: USCCS.individualBusiness });
      expect(a).toMatchObject({ outcome: 'notFound', source: 'centre', training: true });
      expect(fake.requests).toBe(before);
    });
  });
}
