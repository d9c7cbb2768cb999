/**
 * Workstation health from the workstation's side: the sync engine (fake-indexeddb) reports its
 * figures to the real service (PGlite, real HTTP) once per round, and the centre's list reads
 * them back. No personal data in the report.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { makeCase, startEnv, type Env } from '../../../../test/server/helpers';
import { caseRecordFrom } from '../cases/cases-store';
import { WorkstationDb } from '../store/db';
import { SyncEngine } from '../sync/engine';
import { saveServerConfig } from '../sync/sync-store';
import { collectHealth, sendHealthReport } from './health-report';
import { registerOutboundChannels } from '../app/outbound-channels';

// The engine runs every kind the app registers (as App does at start).
registerOutboundChannels();

let env: Env;
let url = '';

beforeAll(async () => {
  env = await startEnv('pglite');
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe('workstation health report', () => {
  it('counts the outbox and the age of the oldest unsent case', async () => {
    const db = new WorkstationDb('health-test-1');
    const now = Date.parse('2026-12-01T10:00:00Z');
    const cases = [makeCase(), makeCase()];
    await db.cases.bulkPut(cases.map((c) => caseRecordFrom(c, '食品经营许可', new Date(now))));
    await db.outbox.bulkPut(cases.map((c, i) => {
      const q = enqueueDecidedCase(c, false, now - 5 * 3600_000 + i * 1000);
      if (!q.ok) throw new Error('not enqueued');
      return q.entry;
    }));
    const r = await collectHealth(db, { now });
    expect(r).toMatchObject({ outboxDepth: 2, outboxNeedsFix: 0, oldestUnsentSeconds: 5 * 3600, liveCases: 2, lastSyncAt: null });
    const text = JSON.stringify(r);
    for (const c of cases) if (c.applicant?.kind === 'person') expect(text).not.toContain(c.applicant.name!);
  });

  it('the sync engine reports once per round; the centre reads it back', async () => {
    const db = new WorkstationDb('health-test-2');
    await saveServerConfig({ serverUrl: url, token: env.ws.token, savedAt: new Date().toISOString() }, db);
    const c = makeCase();
    await db.cases.put(caseRecordFrom(c, '食品经营许可', new Date()));
    const q = enqueueDecidedCase(c, false, Date.now());
    if (!q.ok) throw new Error('not enqueued');
    await db.outbox.put(q.entry);
    const engine = new SyncEngine({ db, pullReferenceData: false });
    const report = await engine.runOnce();
    expect(report.outcome).toBe('ok');
    const rows = await env.db.query<{ body: unknown }>('SELECT body FROM workstation_health WHERE workstation_id = $1', [env.ws.id]);
    expect(rows).toHaveLength(1);
    const body = (typeof rows[0]!.body === 'string' ? JSON.parse(rows[0]!.body) : rows[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ outboxDepth: 0, oldestUnsentSeconds: null, liveCases: 1 });
    expect(body.lastSyncAt).not.toBeNull();
    // a second report from the 3A workstation, read by 7K
    expect(await sendHealthReport(db, { serverUrl: url, token: env.ws2.token }, {})).toBe(true);
    const res = await fetch(`${url}/api/v1/centre/health`, { headers: { Authorization: `Bearer ${env.ws.token}` } });
    const centre = (await res.json()) as { workstations: { workstationCode: string; self: boolean; report: unknown }[] };
    expect(centre.workstations.map((w) => [w.workstationCode, w.self, w.report !== null])).toEqual([
      ['3A', false, true],
      ['7K', true, true],
    ]);
  });
});
