/**
 * 补正 fixes from the workstation (fake-indexeddb) to the real department-queue service
 * (PGlite, real HTTP): a revision waits until its case is acknowledged, is sent by the
 * engine's run, a retry is harmless, and the `resubmitted` event comes back in the same run.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaseRevision } from '@core/lifecycle/revision';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { makeCase, startEnv, type Env } from '../../../../test/server/helpers';
import { caseRecordFrom } from '../cases/cases-store';
import { saveRevision } from '../correction/revision-store';
import { WorkstationDb } from '../store/db';
import { SyncEngine } from './engine';
import { sendRevisions } from './revision-sender';
import { saveServerConfig } from './sync-store';
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

describe('revision sender ↔ department-queue service', () => {
  it('sends a fix once its case is on the server (same engine run); a resend is harmless; resubmitted comes back', async () => {
    const c = makeCase();
    const db = new WorkstationDb('revision-sender-test');
    await saveServerConfig({ serverUrl: url, token: env.ws.token, savedAt: new Date().toISOString() }, db);
    await db.cases.put(caseRecordFrom(c, '食品经营许可', new Date()));
    const q = enqueueDecidedCase(c, false, Date.now());
    if (!q.ok) throw new Error('not enqueued');
    await db.outbox.put(q.entry);

    const r = makeCaseRevision(c, { applicant: { phone: '13912345678' } }, '2026-12-01T10:00:00+08:00', 'C0107', {
      reason: { kind: 'correction', eventCursors: [1], departmentCodes: ['SCJG'] },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await saveRevision(r.record, db);
    await expect(saveRevision(r.record, db)).rejects.toThrow(RangeError); // not on top of the latest

    // the case is not on the server yet: the fix waits
    const target = { serverUrl: url, token: env.ws.token };
    expect(await sendRevisions(db, target)).toEqual({ sent: 0, refused: 0, failed: false });
    expect((await db.revisions.get([c.id, 2]))?.state).toBe('queued');

    // one engine run: the case goes first, then the fix on top of it
    const engine = new SyncEngine({ db, pullReferenceData: false });
    await engine.runOnce();
    expect((await db.outbox.get(c.id))?.state).toBe('acknowledged');
    expect((await db.revisions.get([c.id, 2]))?.state).toBe('sent'); // sent in that same run (the server had no correction request: no department reopened)

    const [d] = await env.db.query<{ state: string }>(`SELECT state FROM dispatches WHERE case_id = $1::uuid`, [c.id]);
    expect(d?.state).toBe('queued');
    const events = await db.statusEvents.where('caseId').equals(c.id).toArray();
    expect(events.map((e) => e.kind)).toEqual(['received', 'dispatched', 'resubmitted']);

    // a resend (lost answer) is alreadyHave, not a refusal
    await db.revisions.update([c.id, 2], { state: 'queued' });
    expect(await sendRevisions(db, target)).toEqual({ sent: 1, refused: 0, failed: false });
    const [n] = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_revisions WHERE case_id = $1::uuid`, [c.id]);
    expect(n?.n).toBe(1);
    db.close();
  });
});
