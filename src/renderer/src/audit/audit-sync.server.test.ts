/**
 * The audit log follows its cases: the sync engine (fake-indexeddb) against the
 * real service (in-memory PGlite, real HTTP) pushes each acknowledged case's chain — with the
 * `synced` entry appended at the acknowledgement — stores the server's receipt time on every
 * entry, never sends a draft's entries, and the server's verify-audit finds the chains intact.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '@core/intake/case';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { verifyChain } from '@core/quality/audit';
import { makeCase, startEnv, type Env } from '../../../../test/server/helpers';
import { runAdmin } from '../../../../src/server/admin';
import { WorkstationDb } from '../store/db';
import { putCase } from '../store/case-store';
import { SyncEngine } from '../sync/engine';
import { saveServerConfig } from '../sync/sync-store';
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

describe('audit log sync (PGlite, real HTTP)', () => {
  it('pushes the chains of acknowledged cases with their server time; drafts stay; verify-audit OK', async () => {
    const db = new WorkstationDb('audit-sync-test');
    await saveServerConfig({ serverUrl: url, token: env.ws.token, savedAt: new Date().toISOString() }, db);
    const decided = [makeCase(), makeCase()];
    for (const c of decided) {
      // the draft, then the decided case, as the intake writes them
      const draft = { ...createDraft({ id: c.id, clerk: c.clerk, catalogVersion: c.catalogVersion, subject: c.subject, at: c.createdAt }) };
      await putCase(draft, '食品经营许可', db);
      await putCase(c, '食品经营许可', db);
      const q = enqueueDecidedCase(c, false, Date.now());
      if (!q.ok) throw new Error('not enqueued');
      await db.outbox.put(q.entry);
    }
    const open = makeCase();
    await putCase(createDraft({ id: open.id, clerk: open.clerk, catalogVersion: open.catalogVersion, subject: open.subject, at: open.createdAt }), 'x', db);

    const engine = new SyncEngine({ db, pullReferenceData: false });
    const report = await engine.runOnce();
    expect(report.acknowledged).toBe(2);

    const local = await db.auditLog.orderBy('key').toArray();
    expect(verifyChain(local).ok).toBe(true);
    for (const c of decided) {
      const mine = local.filter((e) => e.caseId === c.id);
      expect(mine.map((e) => e.action)).toContain('decision.recorded');
      expect(mine.at(-1)!.action).toBe('synced');
      expect(mine.every((e) => e.sent === 1 && typeof e.serverTime === 'string')).toBe(true);
    }
    const draftEntries = local.filter((e) => e.caseId === open.id);
    expect(draftEntries.length).toBeGreaterThan(0);
    expect(draftEntries.every((e) => e.sent === 0 && e.serverTime === undefined)).toBe(true);

    const held = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_audit_entries WHERE workstation_id = $1', [env.ws.id]);
    expect(Number(held[0]!.n)).toBe(local.filter((e) => e.caseId !== open.id).length);
    // the workstation's own heads went with the push and are kept apart from the chain
    const heads = await env.db.query<{ case_id: string; seq: number; hash: string }>('SELECT case_id::text AS case_id, seq, hash FROM audit_case_heads');
    for (const c of decided) {
      const last = local.filter((e) => e.caseId === c.id).at(-1)!;
      expect(heads.find((h) => h.case_id === c.id)).toEqual({ case_id: c.id, seq: last.seq, hash: last.hash });
    }
    // a second round sends nothing again
    await engine.runOnce();
    expect((await db.auditLog.where('sent').equals(0).toArray()).every((e) => e.caseId === open.id)).toBe(true);
    const lines: string[] = [];
    expect(await runAdmin(env.db, ['verify-audit', '--workstation', env.ws.id], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/audit OK: .* 2 cases/);
    db.close();
  });
});
