import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { MAX_PUSH_BATCH, PushRequest, type PushResult, type StatusEvent } from '@core/sync/protocol';
import { WorkstationDb, type CaseRecord } from '../store/db';
import { syntheticCases } from '../cases/synthetic-cases';
import { makeIntakeCatalog } from '../../../../test/fixtures/intake';
import { Catalog } from '@core/catalog/schema';
import { SyncEngine } from './engine';
import { contentHash } from '@core/kernel';
import { loadSyncedCalendar, loadSyncStatus, retryEntryNow, saveServerConfig, SYNC_CURSOR_KEY } from './sync-store';

const SERVER = 'http://127.0.0.1:8787';
const TOKEN = 'ws_test_token_0123456789';
let dbn = 0;
let db: WorkstationDb;
let clock = Date.parse('2026-11-30T02:00:00Z');

/** An in-memory stand-in for the department-queue service's workstation endpoints. */
class FakeServer {
  stored = new Map<string, string>(); // caseId → hash
  pushRequests = 0;
  events: StatusEvent[] = [];
  down = false;
  /** Cases the server finds invalid (per case) … */
  invalid = new Set<string>();
  /** … or refuses the whole batch for (422), like a schema that fails on one case. */
  poisonBatch = new Set<string>();
  /** Answer garbage. */
  malformed = false;
  token = TOKEN;
  pageSize = 3;

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.down) throw new TypeError('Failed to fetch');
    const url = new URL(String(input));
    if ((init?.headers as Record<string, string>)?.['Authorization'] !== `Bearer ${this.token}`) return json(401, { error: { code: 'invalidToken', message: 'the token is not valid' } });
    if (this.malformed) return new Response('<html>proxy error</html>', { status: 200 });
    if (url.pathname === '/api/v1/cases/push') {
      this.pushRequests += 1;
      const body = PushRequest.safeParse(JSON.parse(String(init?.body)));
      if (!body.success) return json(400, { error: { code: 'invalidBody', message: 'bad request' } });
      const poisoned = body.data.cases.find((c) => this.poisonBatch.has(c.caseId));
      if (poisoned) return json(400, { error: { code: 'invalidBody', message: 'applicant.phone: invalid', paths: ['cases[0].case.applicant.phone'] } });
      const results: PushResult[] = [];
      for (const c of body.data.cases) {
        const expected = contentHash(c.case);
        if (expected !== c.contentHash) results.push({ caseId: c.caseId, outcome: 'invalid', reason: 'hash mismatch' });
        else if (this.invalid.has(c.caseId)) results.push({ caseId: c.caseId, outcome: 'invalid', reason: 'unknown item', paths: ['case.subject.basicCode'] });
        else if (this.stored.has(c.caseId)) results.push({ caseId: c.caseId, outcome: this.stored.get(c.caseId) === c.contentHash ? 'alreadyHave' : 'conflict' });
        else {
          this.stored.set(c.caseId, c.contentHash);
          results.push({ caseId: c.caseId, outcome: 'stored', departments: ['SCJG'] });
        }
      }
      return json(200, { results });
    }
    if (url.pathname === '/api/v1/status-events') {
      const after = Number(url.searchParams.get('after'));
      const events = this.events.filter((e) => e.cursor > after).slice(0, this.pageSize);
      return json(200, { events, nextCursor: events.at(-1)?.cursor ?? after });
    }
    if (url.pathname === '/api/v1/catalog/versions') return json(200, { versions: [] });
    if (url.pathname === '/api/v1/holidays') return json(404, { error: { code: 'notPublished', message: 'no holiday data' } });
    return json(404, { error: { code: 'notFound', message: 'no route' } });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let server: FakeServer;

function engine(extra: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {}) {
  return new SyncEngine({ db, fetch: server.fetch, now: () => clock, random: () => 0.5, timeoutMs: 2_000, ...extra });
}

async function seedDecided(n: number, seed = 1): Promise<CaseRecord[]> {
  const gen = syntheticCases(n * 3, { seed, days: 2, now: clock });
  const decided: CaseRecord[] = [];
  while (decided.length < n) {
    const { record } = gen.next();
    if (record.status !== 'draft') decided.push(record);
  }
  await db.transaction('rw', db.cases, db.outbox, async () => {
    await db.cases.bulkPut(decided);
    await db.outbox.bulkPut(decided.map((r, i) => {
      const q = enqueueDecidedCase(r.case, false, clock + i);
      if (!q.ok) throw new Error('not enqueued');
      return q.entry;
    }));
  });
  return decided;
}

beforeEach(async () => {
  db = new WorkstationDb(`sync-test-${++dbn}`);
  server = new FakeServer();
  await saveServerConfig({ serverUrl: SERVER, token: TOKEN, savedAt: new Date(clock).toISOString() }, db);
});

afterEach(() => db.close());

async function states(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of await db.outbox.toArray()) out[e.state] = (out[e.state] ?? 0) + 1;
  return out;
}

describe('SyncEngine push', () => {
  it('does nothing until the server is configured', async () => {
    await db.settings.clear();
    await seedDecided(3);
    const r = await engine().runOnce();
    expect(r.outcome).toBe('notConfigured');
    expect(await states()).toEqual({ queued: 3 });
  });

  it('drains a backlog in batches of at most the batch size and acknowledges every case', async () => {
    await seedDecided(240);
    const r = await engine({ batchSize: 50 }).runOnce();
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 240, needsFix: 0, retry: 0 });
    expect(server.pushRequests).toBe(5);
    expect(await states()).toEqual({ acknowledged: 240 });
    const e = (await db.outbox.toArray())[0]!;
    expect(e.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.departments).toEqual(['SCJG']);
    expect((await loadSyncStatus(db))?.outcome).toBe('ok');
  });

  it('by default a batch holds the protocol’s MAX_PUSH_BATCH cases', async () => {
    await seedDecided(MAX_PUSH_BATCH + 10);
    const r = await engine().runOnce();
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: MAX_PUSH_BATCH + 10 });
    expect(server.pushRequests).toBe(2);
  });

  it('reads each next batch from where the last one ended: cases decided during a run are sent in the same run', async () => {
    await seedDecided(30);
    let extra = false;
    const e = engine({ batchSize: 10, concurrency: 1, fetch: async (input, init) => {
      if (!extra && String(input).includes('/cases/push')) {
        extra = true;
        clock += 1_000;
        await seedDecided(5, 99); // decided while the first batch is on its way (later, so enqueued later)
      }
      return server.fetch(input, init);
    } });
    const r = await e.runOnce();
    expect(r.acknowledged).toBe(35);
    expect(await states()).toEqual({ acknowledged: 35 });
  });

  it('sending the same cases again (a lost answer) is acknowledged, not duplicated', async () => {
    await seedDecided(5);
    await engine().runOnce();
    // the answer was lost: the workstation still thinks they are queued
    await db.outbox.toCollection().modify({ state: 'queued', nextAttemptAt: 0 });
    const r = await engine().runOnce();
    expect(r.acknowledged).toBe(5);
    expect(server.stored.size).toBe(5);
  });

  it('with the server down the cases wait in retry with backoff, and drain once it is back', async () => {
    await seedDecided(120);
    server.down = true;
    const r = await engine({ batchSize: 50 }).runOnce();
    expect(r.outcome).toBe('offline');
    expect(server.pushRequests).toBe(0);
    // the batches in flight (2) were tried and wait; the others were not even tried (the server is gone)
    expect(await states()).toEqual({ retry: 100, queued: 20 });
    const retry = (await db.outbox.where('state').equals('retry').toArray())[0]!;
    expect(retry.nextAttemptAt).toBe(clock + 1_000); // random 0.5 of the 2 s ceiling
    expect(retry.lastError).toBe('Failed to fetch');
    server.down = false;
    const r2 = await engine().runOnce();
    expect(r2.acknowledged).toBe(20); // the retries are not due yet
    clock += 1_000;
    const r3 = await engine().runOnce();
    expect(r3.acknowledged).toBe(100);
    expect(await states()).toEqual({ acknowledged: 120 });
  });

  it('a case the server finds invalid goes to needsFix with the reason; the rest go through', async () => {
    const cases = await seedDecided(10);
    server.invalid.add(cases[3]!.id);
    const r = await engine().runOnce();
    expect(r).toMatchObject({ acknowledged: 9, needsFix: 1 });
    const bad = await db.outbox.get(cases[3]!.id);
    expect(bad).toMatchObject({ state: 'needsFix', lastError: 'unknown item' });
    expect(bad?.needsFix?.paths).toEqual(['case.subject.basicCode']);
    // it is not sent again on its own
    const before = server.pushRequests;
    await engine().runOnce();
    expect(server.pushRequests).toBe(before);
  });

  it('one batch at a time when asked (concurrency 1): after a network error nothing more is tried', async () => {
    await seedDecided(120);
    server.down = true;
    await engine({ concurrency: 1, batchSize: 50 }).runOnce();
    expect(await states()).toEqual({ retry: 50, queued: 70 });
  });

  it('a batch refused as a whole is split until the poisoned case stands alone', async () => {
    const cases = await seedDecided(50);
    server.poisonBatch.add(cases[17]!.id);
    const r = await engine().runOnce();
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 49, needsFix: 1 });
    expect(await db.outbox.get(cases[17]!.id)).toMatchObject({ state: 'needsFix', lastError: 'applicant.phone: invalid' });
    expect(server.pushRequests).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(50)));
  });

  it('a case that fails the protocol schema here never leaves the workstation', async () => {
    const cases = await seedDecided(3);
    const broken = structuredClone(cases[1]!);
    (broken.case as { applicant?: unknown }).applicant = { kind: 'person' };
    await db.cases.put(broken);
    const r = await engine().runOnce();
    expect(r).toMatchObject({ acknowledged: 2, needsFix: 1 });
    expect((await db.outbox.get(broken.id))?.needsFix).toMatchObject({ outcome: 'invalid', local: true });
    expect(server.stored.has(broken.id)).toBe(false);
  });

  it('a training case that got into the outbox anyway is never sent', async () => {
    const cases = await seedDecided(3);
    await db.cases.put({ ...cases[1]!, case: { ...cases[1]!.case, training: true } });
    const r = await engine().runOnce();
    expect(r).toMatchObject({ acknowledged: 2, needsFix: 1 });
    expect(server.stored.has(cases[1]!.id)).toBe(false);
    expect((await db.outbox.get(cases[1]!.id))?.needsFix).toMatchObject({ outcome: 'refused', local: true });
  });

  it('a malformed answer counts as a network error', async () => {
    await seedDecided(3);
    server.malformed = true;
    const r = await engine().runOnce();
    expect(r.outcome).toBe('serverError');
    expect(await states()).toEqual({ retry: 3 });
    expect((await db.outbox.toArray())[0]!.lastError).toMatch(/malformed/);
  });

  it('a wrong token: entries wait, the outcome says unauthorized', async () => {
    await seedDecided(2);
    server.token = 'another_token_abcdefgh';
    const r = await engine().runOnce();
    expect(r.outcome).toBe('unauthorized');
    expect(await states()).toEqual({ retry: 2 });
  });

  it('a 429 with a short Retry-After is waited out; a long one ends the run with backoff', async () => {
    await seedDecided(60);
    const s = server.fetch;
    let limited = 2;
    server.fetch = async (input, init) => {
      if (String(input).endsWith('/cases/push') && limited-- > 0)
        return new Response(JSON.stringify({ error: { code: 'rateLimited', message: 'too many requests' } }), { status: 429, headers: { 'Retry-After': '1' } });
      return s(input, init);
    };
    const waits: number[] = [];
    const e = engine({ sleep: async (ms) => void waits.push(ms) });
    const r = await e.runOnce();
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 60, retry: 0 });
    expect(waits).toEqual([1_000, 1_000]);
    expect(e.rateLimitedWaits).toBe(2);

    await seedDecided(3, 2);
    server.fetch = async () => new Response('{}', { status: 429, headers: { 'Retry-After': '3600' } });
    const r2 = await engine({ sleep: async () => undefined }).runOnce();
    expect(r2.outcome).toBe('serverError');
    expect((await states()).retry).toBe(3);
  });

  it('a hanging server times out', async () => {
    await seedDecided(1);
    const hanging = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const r = await engine({ fetch: hanging, timeoutMs: 50 }).runOnce();
    expect(r).toMatchObject({ outcome: 'offline', detail: 'timeout' });
    expect(await states()).toEqual({ retry: 1 });
  });

  it('a case in flight stays queued on disk until its answer settles it (a crash mid-request loses nothing)', async () => {
    await seedDecided(3);
    const onDisk: Record<string, number>[] = [];
    const r = await engine({
      fetch: async (input, init) => {
        if (String(input).includes('/cases/push')) onDisk.push(await states());
        return server.fetch(input, init);
      },
    }).runOnce();
    expect(onDisk).toEqual([{ queued: 3 }]);
    expect(r.acknowledged).toBe(3);
    expect(await states()).toEqual({ acknowledged: 3 });
    const acked = await db.outbox.toArray();
    expect(acked.every((e) => e.attempts === 1 && e.contentHash !== null)).toBe(true);
  });

  it('entries left sending by a crash (an older version wrote that state) are sent again', async () => {
    await seedDecided(4);
    await db.outbox.toCollection().modify({ state: 'sending' });
    const r = await engine().runOnce();
    expect(r.acknowledged).toBe(4);
  });

  it('retry now: a needsFix case fixed by the clerk is sent again', async () => {
    const cases = await seedDecided(2);
    server.invalid.add(cases[0]!.id);
    await engine().runOnce();
    server.invalid.clear();
    await retryEntryNow(cases[0]!.id, clock, db);
    const r = await engine().runOnce();
    expect(r.acknowledged).toBe(1);
    expect(await states()).toEqual({ acknowledged: 2 });
  });
});

describe('SyncEngine status events', () => {
  function event(cursor: number, caseId: string, kind: StatusEvent['kind'], departmentCode: string | null = 'SCJG'): StatusEvent {
    return { cursor, caseId, caseNumber: 'N', kind, departmentCode, at: '2026-11-30T10:00:00+08:00', ...(kind === 'correctionRequested' ? { comment: '请补正' } : {}) };
  }

  it('pulls every page after the cursor, stores events and notifies only 补正 and 办结', async () => {
    const [a, b] = await seedDecided(2);
    server.events = [
      event(1, a!.id, 'received', null),
      event(2, a!.id, 'dispatched'),
      event(3, a!.id, 'takenForReview'),
      event(4, a!.id, 'correctionRequested'),
      event(5, b!.id, 'received', null),
      event(6, a!.id, 'approved'),
      event(7, b!.id, 'denied'),
    ];
    const r = await engine().runOnce();
    expect(r.events).toBe(7);
    expect(r.notifications.map((n) => [n.cursor, n.kind])).toEqual([
      [4, 'correctionRequested'],
      [6, 'approved'],
    ]);
    expect(await db.statusEvents.count()).toBe(7);
    expect(await db.notifications.where('unread').equals(1).count()).toBe(2);
    expect((await db.settings.get(SYNC_CURSOR_KEY))?.value).toEqual({ serverUrl: SERVER, cursor: 7 });
    // nothing new: nothing notified again
    const r2 = await engine().runOnce();
    expect(r2.events).toBe(0);
    expect(r2.notifications).toEqual([]);
    server.events.push(event(8, b!.id, 'approved'));
    const r3 = await engine().runOnce();
    expect(r3.notifications.map((n) => n.cursor)).toEqual([8]);
  });

  it('events of a case not sent from here are kept but not notified', async () => {
    await seedDecided(1);
    const foreign = '9f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    server.events = [event(1, foreign, 'received', null), event(2, foreign, 'approved')];
    const r = await engine().runOnce();
    expect(r.events).toBe(2);
    expect(r.notifications).toEqual([]);
    expect(await db.notifications.count()).toBe(0);
    expect(await db.statusEvents.where('caseId').equals(foreign).count()).toBe(2);
  });

  it('a malformed event page stops the pull without moving the cursor', async () => {
    await seedDecided(1);
    server.events = [{ ...event(1, '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', 'received', null), kind: 'exploded' as never }];
    const r = await engine().runOnce();
    expect(r.outcome).toBe('serverError');
    expect(await db.statusEvents.count()).toBe(0);
    expect((await db.settings.get(SYNC_CURSOR_KEY))?.value).toBeUndefined();
  });
});

describe('SyncEngine reference data', () => {
  function withReferenceData(versions: unknown[], holidays: unknown) {
    const s = server.fetch;
    server.fetch = async (input, init) => {
      const u = new URL(String(input));
      if (u.pathname === '/api/v1/catalog/versions') {
        expect(u.searchParams.get('after')).toBe('2026.11.1');
        return json(200, { versions });
      }
      if (u.pathname === '/api/v1/holidays') return json(200, holidays);
      return s(input, init);
    };
  }
  const catalogOf = (version: string) => ({ version, effectiveDate: '2026-11-01', publishedAt: '2026-11-01T00:00:00Z', catalog: makeIntakeCatalog((c) => void (c.version = version)) });
  const holidayFile = { schemaVersion: 1, years: [{ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [], source: 'test' }] };

  it('imports newer catalog versions oldest first and keeps new holiday data once', async () => {
    const imported: string[] = [];
    withReferenceData([catalogOf('2026.12.1'), catalogOf('2026.11.3'), catalogOf('2026.10.1')], { publishedAt: '2026-11-01T00:00:00Z', data: holidayFile });
    const opts = {
      activeCatalogVersion: async () => '2026.11.1',
      importCatalog: async (text: string) => {
        imported.push(JSON.parse(text).version);
        return { kind: 'imported' };
      },
    };
    const r = await engine(opts).runOnce();
    expect(imported).toEqual(['2026.11.3', '2026.12.1']);
    expect(r).toMatchObject({ outcome: 'ok', catalogsImported: ['2026.11.3', '2026.12.1'], holidaysUpdated: true });
    expect(((await db.settings.get('syncHolidays'))?.value as { data: unknown }).data).toEqual(holidayFile);
    const calendar = await loadSyncedCalendar(db);
    expect(calendar.knownYears()).toContain(2027);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    const r2 = await engine(opts).runOnce();
    expect(r2.holidaysUpdated).toBe(false);
  });

  it('a malformed catalog or holiday answer is skipped; the cases still went through', async () => {
    await seedDecided(2);
    withReferenceData([{ ...catalogOf('2026.12.1'), catalog: { version: '2026.12.1' } }], { publishedAt: 'x', data: { years: 'nope' } });
    const imported: string[] = [];
    const validating = async (t: string) => (Catalog.safeParse(JSON.parse(t)).success ? (imported.push(t), { kind: 'imported' }) : { kind: 'invalid' });
    const r = await engine({ activeCatalogVersion: async () => '2026.11.1', importCatalog: validating }).runOnce();
    expect(imported).toEqual([]);
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 2, holidaysUpdated: false });
    expect(r.detail).toMatch(/holidays|catalog/);
  });
});
