/**
 * The outbound pipeline with a channel of its own (records in memory, a scripted server): what
 * every kind gets — quarantine of what the server refuses, bisection of a batch the server keeps
 * failing on, no split while the server is unreachable or failing on everything, a per-channel
 * backoff, the channel's status for the Sync page.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkstationDb } from '../store/db';
import type { OutboundChannel } from './channel';
import { loadChannelStatuses, runChannel, standaloneContext } from './pipeline';

type Rec = { id: string; state: 'queued' | 'sent' | 'needsFix'; error?: string };

let db: WorkstationDb;
let n = 0;
const clock = Date.parse('2026-12-07T02:00:00Z');
let records: Rec[];

/** A server for `/things`: per-request behaviour decided by the test. */
function server(answer: (ids: string[]) => { status: number; body?: unknown } | 'offline') {
  const calls: string[][] = [];
  const fetchFn = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const ids = (JSON.parse(String(init?.body)) as { things: string[] }).things;
    calls.push(ids);
    const a = answer(ids);
    if (a === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(a.body ?? { results: ids.map((id) => ({ id, ok: true })) }), { status: a.status, headers: { 'Content-Type': 'application/json' } });
  };
  return { calls, fetchFn };
}

const Answer = z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean() })) });

const channel: OutboundChannel<Rec, boolean> = {
  kind: 'things',
  stage: 'afterPull',
  batchSize: 30,
  backoff: 'channel',
  keyOf: (r) => r.id,
  open: async () => {
    const due = records.filter((r) => r.state === 'queued');
    let i = 0;
    return {
      countDue: async () => due.length,
      next: async (limit) => {
        const out = due.slice(i, i + limit);
        i += out.length;
        return { records: out, refusedLocally: 0 };
      },
    };
  },
  send: async (ctx, batch) => {
    const r = await ctx.request('/things', Answer, { method: 'POST', body: { things: batch.map((b) => b.id) } });
    return r.ok ? { ...r, data: new Map(r.data.results.map((x) => [x.id, x.ok] as const)) } : r;
  },
  settle: async (_ctx, settled) => {
    let delivered = 0;
    let refused = 0;
    for (const s of settled) {
      if ('answer' in s) {
        s.record.state = s.answer ? 'sent' : 'needsFix';
        if (s.answer) delivered++;
        else refused++;
      } else if ('needsFix' in s) Object.assign(s.record, { state: 'needsFix', error: s.needsFix.reason });
    }
    return { delivered, refused };
  },
  overview: async () => ({ queued: records.filter((r) => r.state === 'queued').length, needsFix: records.filter((r) => r.state === 'needsFix').length, problems: [] }),
  retryNeedsFix: async () => 0,
};

function ctx(fetchFn: typeof fetch) {
  return standaloneContext(db, { serverUrl: 'http://127.0.0.1:9', token: 'ow_ws_test' }, { fetch: fetchFn, now: () => clock, random: () => 0.5, timeoutMs: 2_000 });
}

const count = (state: Rec['state']) => records.filter((r) => r.state === state).length;

beforeEach(() => {
  db = new WorkstationDb(`pipeline-test-${++n}`);
  records = Array.from({ length: 30 }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}`, state: 'queued' as const }));
});
afterEach(() => db.close());

describe('the outbound pipeline, for any channel', () => {
  it('a record the server fails on (500 for its batch) is bisected out after the second 500; the rest flow', async () => {
    const s = server((ids) => (ids.includes('r11') ? { status: 500, body: { error: { code: 'internal', message: 'internal error' } } } : { status: 200 }));
    const first = await runChannel(channel, ctx(s.fetchFn));
    expect(first.failure?.status).toBe(500);
    expect(count('queued')).toBe(30); // one 500 could be the server: nothing is blamed yet
    const second = await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    expect(second).toMatchObject({ delivered: 29, needsFix: 1, failure: null });
    expect(records.find((r) => r.id === 'r11')).toMatchObject({ state: 'needsFix', error: 'internal error' });
    expect(s.calls.length).toBeLessThanOrEqual(2 + 2 * Math.ceil(Math.log2(30)));
  });

  it('two poison records in different halves: held while nothing shows the server works, found once another write succeeds', async () => {
    const s = server((ids) => (ids.includes('r03') || ids.includes('r27') ? { status: 500 } : { status: 200 }));
    await runChannel(channel, ctx(s.fetchFn));
    await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    // both halves failed and nothing succeeded since: that looks like a server that is down
    expect(count('needsFix')).toBe(0);
    // another kind's write goes through (in a sync run: the health report at its end)
    const probe: OutboundChannel<Rec, boolean> = { ...channel, kind: 'probe', open: async () => ({ next: async () => ({ records: probeSent++ ? [] : [{ id: 'p', state: 'queued' }], refusedLocally: 0 }) }) };
    let probeSent = 0;
    expect((await runChannel(probe, ctx(s.fetchFn))).delivered).toBe(1);
    await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    expect(records.filter((r) => r.state === 'needsFix').map((r) => r.id)).toEqual(['r03', 'r27']);
    expect(count('sent')).toBe(28);
  });

  it('a server that fails on everything is not poisoned: nothing is quarantined, however often', async () => {
    const s = server(() => ({ status: 500 }));
    for (let i = 0; i < 5; i++) await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    expect(count('queued')).toBe(30);
    expect(count('needsFix')).toBe(0);
  });

  it('offline is never split: one request a run, and the channel backs off', async () => {
    const s = server(() => 'offline');
    const r = await runChannel(channel, ctx(s.fetchFn));
    expect(r.failure?.kind).toBe('network');
    const again = await runChannel(channel, ctx(s.fetchFn)); // within the backoff: not even tried
    expect(again.skipped).toBe(true);
    await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    expect(s.calls.map((c) => c.length)).toEqual([30, 30]);
    const status = (await loadChannelStatuses(db)).things!;
    expect(status).toMatchObject({ failures: 2, lastError: 'Failed to fetch', lastSuccessAt: null });
    expect(status.nextAttemptAt).toBeGreaterThan(clock);
  });

  it('a batch refused as a whole (400) is split until the refused record stands alone; the status clears after a clean pass', async () => {
    const s = server((ids) => (ids.includes('r05') ? { status: 400, body: { error: { code: 'invalidBody', message: 'name: control character' } } } : { status: 200 }));
    const r = await runChannel(channel, ctx(s.fetchFn));
    expect(r).toMatchObject({ delivered: 29, needsFix: 1, failure: null });
    expect(records.find((x) => x.id === 'r05')).toMatchObject({ state: 'needsFix', error: 'name: control character' });
    expect((await loadChannelStatuses(db)).things).toMatchObject({ failures: 0, lastError: null, lastSuccessAt: clock, nextAttemptAt: 0 });
  });

  it('a 503 (overloaded) is waited out like offline, never bisected', async () => {
    const s = server(() => ({ status: 503 }));
    for (let i = 0; i < 3; i++) await runChannel(channel, ctx(s.fetchFn), { ignoreBackoff: true });
    expect(s.calls.map((c) => c.length)).toEqual([30, 30, 30]);
    expect(count('queued')).toBe(30);
  });
});
