/**
 * The case audit trail on the service: POST /api/v1/audit and the admin command
 * verify-audit, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { AuditPushResponse, nextEntry, type AuditEntry } from '../../src/core/quality/audit';
import { PushResponse } from '../../src/core/sync/protocol';
import { runAdmin } from '../../src/server/admin';
import { auditEntriesOfWorkstation } from '../../src/server/audit';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

function chain(c: IntakeCase, workstationId: string, n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  const actions = ['case.created', 'material.set', 'applicant.updated', 'decision.recorded', 'notice.printed', 'synced', 'status.received'] as const;
  for (let i = 0; i < n; i++)
    out.push(
      nextEntry(out[i - 1], {
        caseId: c.id,
        action: actions[i % actions.length]!,
        actor: { clerkId: 'C0107', role: 'clerk', workstationId },
        deviceTime: `2026-11-30T09:${String(10 + i).padStart(2, '0')}:00+08:00`,
        catalogVersion: c.catalogVersion,
        after: { step: i, idNumber: '330106********1236' },
      }),
    );
  return out;
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`case audit trail — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const pushCase = async (c: IntakeCase, token = env.ws.token) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token, body: { cases: [pushed(c)] } });
      expect(PushResponse.parse(r.json).results[0]!.outcome).toBe('stored');
    };
    const send = (entries: unknown[], token = env.ws.token) => call(env.app, 'POST', '/api/v1/audit', { token, body: { entries } });
    const outcomes = (json: unknown) => AuditPushResponse.parse(json).results.map((r) => [r.seq, r.outcome]);

    it('stores a chain in parts, stamps the server time, is idempotent, and verify-audit says OK', async () => {
      const c = makeCase();
      await pushCase(c);
      const log = chain(c, env.ws.id, 6);
      const first = await send(log.slice(0, 4));
      expect(first.status).toBe(200);
      expect(outcomes(first.json)).toEqual([1, 2, 3, 4].map((s) => [s, 'stored']));
      const stamped = AuditPushResponse.parse(first.json).results[0]!.receivedAt!;
      expect(Date.parse(stamped)).toBe(env.clock.now().getTime());
      // a retry after a lost answer, then the rest: continues from what the server holds
      env.clock.advance(60);
      const second = await send(log.slice(2));
      expect(outcomes(second.json)).toEqual([
        [3, 'alreadyHave'],
        [4, 'alreadyHave'],
        [5, 'stored'],
        [6, 'stored'],
      ]);
      expect(AuditPushResponse.parse(second.json).results[0]!.receivedAt).toBe(stamped); // the first receipt's time
      const held = (await auditEntriesOfWorkstation(env.db, env.ws.id)).filter((e) => e.caseId === c.id);
      expect(held.map((e) => e.hash)).toEqual(log.map((e) => e.hash));
      expect(held.every((e) => typeof e.serverTime === 'string')).toBe(true);
      const lines: string[] = [];
      expect(await runAdmin(env.db, ['verify-audit', '--workstation', env.ws.id], (l) => lines.push(l))).toBe(0);
      expect(lines.join('\n')).toMatch(/audit OK/);
    });

    it('refuses what does not continue the chain: a gap, a broken link, an altered entry, another version of a held entry', async () => {
      const c = makeCase();
      await pushCase(c);
      const log = chain(c, env.ws.id, 5);
      // entry 2 missing: 3 is rejected, and everything after it with it
      expect(outcomes((await send([log[0], log[2], log[3]])).json)).toEqual([
        [1, 'stored'],
        [3, 'rejected'],
        [4, 'rejected'],
      ]);
      // altered after hashing
      const altered = { ...log[1]!, after: { step: 99 } };
      const r = AuditPushResponse.parse((await send([altered])).json).results[0]!;
      expect(r).toMatchObject({ seq: 2, outcome: 'rejected' });
      expect(r.reason).toMatch(/hash/);
      // rehashed but linked to nothing the server has
      const forged = nextEntry({ ...log[0]!, hash: 'f'.repeat(64) }, { caseId: c.id, action: 'material.set', actor: log[1]!.actor, deviceTime: log[1]!.deviceTime, catalogVersion: log[1]!.catalogVersion });
      expect(AuditPushResponse.parse((await send([forged])).json).results[0]!.reason).toMatch(/prevHash/);
      // the real entry 2 goes through; another entry 1 does not
      expect(outcomes((await send([log[1]])).json)).toEqual([[2, 'stored']]);
      const other = nextEntry(null, { caseId: c.id, action: 'case.created', actor: log[0]!.actor, deviceTime: '2026-11-30T08:00:00+08:00', catalogVersion: log[0]!.catalogVersion });
      expect(outcomes((await send([other])).json)).toEqual([[1, 'rejected']]);
    });

    it('refuses training entries, malformed bodies, other workstations and unknown cases', async () => {
      const c = makeCase();
      await pushCase(c);
      const log = chain(c, env.ws.id, 2);
      const training = await send([{ ...log[0], training: true }]);
      expect(training.status).toBe(403);
      expect((await send([{ ...log[0], seq: 0 }])).status).toBe(400);
      expect((await send([])).status).toBe(400);
      expect((await call(env.app, 'POST', '/api/v1/audit', { body: { entries: log } })).status).toBe(401);
      expect(outcomes((await send(log, env.ws2.token)).json)).toEqual([
        [1, 'rejected'],
        [2, 'rejected'],
      ]);
      const unknown = chain(makeCase(), env.ws.id, 1);
      expect(AuditPushResponse.parse((await send(unknown)).json).results[0]!.reason).toMatch(/does not have/);
    });

    it('verify-audit reports the first broken entry when a stored entry is altered in the database', async () => {
      const c = makeCase({ workstationCode: '3A' });
      await pushCase(c, env.ws2.token);
      const log = chain(c, env.ws2.id, 4);
      expect(outcomes((await send(log, env.ws2.token)).json)).toEqual([1, 2, 3, 4].map((s) => [s, 'stored']));
      await env.db.query(`UPDATE case_audit_entries SET entry = jsonb_set(entry, '{after,step}', '42') WHERE case_id = $1::uuid AND seq = 3`, [c.id]);
      const lines: string[] = [];
      expect(await runAdmin(env.db, ['verify-audit', '--workstation', env.ws2.id], (l) => lines.push(l))).toBe(2);
      expect(lines.join('\n')).toContain(`[chain] case ${c.id}, first bad entry 3 (altered)`);
    });
  });
}
