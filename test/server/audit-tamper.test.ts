/**
 * Attacks on the stored audit trail that a case's own hash chain cannot show, each done
 * straight in the database the way someone with SQL access would, and each caught by
 * `npm run admin -- verify-audit`: a rewrite with every later hash recomputed, the last entry
 * deleted, a case's whole chain deleted, a column outside the hashed JSON edited, a changed
 * receipt time, rows deleted from the per-request table. On PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { auditEntryHash, nextEntry, type AuditEntry } from '../../src/core/quality/audit';
import { runAdmin } from '../../src/server/admin';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

function chain(c: IntakeCase, workstationId: string, n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  const actions = ['case.created', 'material.set', 'decision.recorded', 'synced', 'status.received', 'notice.printed'] as const;
  for (let i = 0; i < n; i++)
    out.push(
      nextEntry(out[i - 1], {
        caseId: c.id,
        action: actions[i % actions.length]!,
        actor: { clerkId: 'C0107', role: 'clerk', workstationId },
        deviceTime: `2026-11-30T09:${String(10 + i).padStart(2, '0')}:00+08:00`,
        catalogVersion: c.catalogVersion,
        after: { step: i },
      }),
    );
  return out;
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`audit tampering is noticed — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    /** A case pushed with its chain of `n` entries, sent in two pushes (heads included), as a workstation does. */
    const caseWithChain = async (n = 4): Promise<{ c: IntakeCase; log: AuditEntry[] }> => {
      const c = makeCase();
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } });
      expect(r.json.results[0].outcome).toBe('stored');
      const log = chain(c, env.ws.id, n);
      const head = (upTo: number) => [{ caseId: c.id, seq: log[upTo - 1]!.seq, hash: log[upTo - 1]!.hash }];
      const first = await call(env.app, 'POST', '/api/v1/audit', { token: env.ws.token, body: { entries: log.slice(0, 2), heads: head(2) } });
      expect(first.json.results.map((x: { outcome: string }) => x.outcome)).toEqual(['stored', 'stored']);
      if (n > 2) {
        env.clock.advance(30);
        const rest = await call(env.app, 'POST', '/api/v1/audit', { token: env.ws.token, body: { entries: log.slice(2), heads: head(n) } });
        expect(rest.json.results.every((x: { outcome: string }) => x.outcome === 'stored')).toBe(true);
      }
      return { c, log };
    };

    const verify = async (...args: string[]) => {
      await env.app.flushAudit();
      const lines: string[] = [];
      const code = await runAdmin(env.db, ['verify-audit', ...args], (l) => lines.push(l));
      return { code, text: lines.join('\n') };
    };

    it('an untouched trail verifies: chains, centre chain, heads, request rows', async () => {
      await caseWithChain();
      await caseWithChain(3);
      const v = await verify();
      expect(v.text).toMatch(/^audit OK: all workstations, 2 cases, 7 entries, 4 centre links, \d+ request rows/);
      expect(v.code).toBe(0);
      const [links] = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM audit_head_links');
      expect(Number(links!.n)).toBe(4);
    });

    it('a rewrite with every later hash recomputed', async () => {
      const { c, log } = await caseWithChain();
      // the attacker changes entry 2 and recomputes 2, 3 and 4 so the chain alone is consistent
      const forged: AuditEntry[] = [log[0]!];
      for (let i = 1; i < log.length; i++) {
        const { hash: _h, ...rest } = log[i]!;
        const body = { ...rest, prevHash: forged[i - 1]!.hash, ...(i === 1 ? { after: { step: 99 } } : {}) };
        forged.push({ ...body, hash: auditEntryHash(body) });
      }
      for (const e of forged.slice(1))
        await env.db.query(`UPDATE case_audit_entries SET entry = $3::jsonb, prev_hash = $4, hash = $5 WHERE case_id = $1::uuid AND seq = $2`, [
          c.id,
          e.seq,
          JSON.stringify(e),
          e.prevHash,
          e.hash,
        ]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).not.toContain(`[chain] case ${c.id}`); // the chain alone is consistent …
      expect(v.text).toContain(`[headRewritten] case ${c.id}, entry 4 no longer has the hash recorded when it arrived`);
      expect(v.text).toContain(`[workstationHead] case ${c.id}`);
    });

    it('… and a rewrite that also edits the centre chain’s link', async () => {
      const { c, log } = await caseWithChain(2);
      const { hash: _h, ...rest } = log[1]!;
      const body = { ...rest, after: { step: 77 } };
      const e = { ...body, hash: auditEntryHash(body) };
      await env.db.query(`UPDATE case_audit_entries SET entry = $2::jsonb, hash = $3 WHERE case_id = $1::uuid AND seq = 2`, [c.id, JSON.stringify(e), e.hash]);
      await env.db.query(`UPDATE audit_head_links SET head_hash = $2 WHERE case_id = $1::uuid AND head_seq = 2`, [c.id, e.hash]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toMatch(new RegExp(`\\[centreChain\\] case ${c.id}, centre 330106, link \\d+: the link was edited`));
    });

    it('the last entry deleted', async () => {
      const { c } = await caseWithChain();
      await env.db.query(`DELETE FROM case_audit_entries WHERE case_id = $1::uuid AND seq = 4`, [c.id]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toContain(`[headMissing] case ${c.id}, entry 4, recorded as the head on`);
    });

    it('a case’s whole chain deleted, and a case with dispatches that never had one', async () => {
      const { c } = await caseWithChain();
      await env.db.query(`DELETE FROM case_audit_entries WHERE case_id = $1::uuid`, [c.id]);
      const bare = makeCase();
      await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(bare)] } });
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toContain(`[headMissing] case ${c.id}, the whole chain is gone; the centre chain recorded 4 entries`);
      expect(v.text).toContain(`[missingChain] case ${bare.id}, the case has dispatches but no audit chain on the server`);
    });

    it('column-only edits (columns outside the hashed entry)', async () => {
      const { c } = await caseWithChain();
      await env.db.query(`UPDATE case_audit_entries SET action = 'case.opened' WHERE case_id = $1::uuid AND seq = 2`, [c.id]);
      await env.db.query(`UPDATE case_audit_entries SET device_time = '2026-11-29T09:00:00+08:00' WHERE case_id = $1::uuid AND seq = 3`, [c.id]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toContain(`[column] case ${c.id}, column(s) action differ from the hashed entry`);
      expect(v.text).toContain(`[column] case ${c.id}, column(s) device_time differ from the hashed entry`);
      // a chain moved to another workstation's name
      const other = await caseWithChain(2);
      await env.db.query(`UPDATE case_audit_entries SET workstation_id = $2 WHERE case_id = $1::uuid`, [other.c.id, env.ws2.id]);
      expect((await verify()).text).toContain(`[column] case ${other.c.id}, workstation_id ${env.ws2.id} is not the workstation that pushed the case`);
    });

    it('a changed receipt time (received_at)', async () => {
      const { c } = await caseWithChain();
      await env.db.query(`UPDATE case_audit_entries SET received_at = received_at - interval '1 day' WHERE case_id = $1::uuid AND seq = 1`, [c.id]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toMatch(new RegExp(`\\[receivedAt\\] case ${c.id}, entry 1: received_at .*, but it arrived on`));
    });

    it('the centre chain’s last link deleted: its entries are no longer covered, and the checkpoint on it is gone', async () => {
      const { c } = await caseWithChain(2);
      const [last] = await env.db.query<{ link_seq: number; link_hash: string }>(
        `SELECT link_seq, link_hash FROM audit_head_links WHERE centre_code = '330106' ORDER BY link_seq DESC LIMIT 1`,
      );
      // as the push writes one every CHECKPOINT_EVERY links
      await env.db.query(`INSERT INTO audit_checkpoints (scope, position, hash, at) VALUES ('centre:330106', $1, $2, now())`, [last!.link_seq, last!.link_hash]);
      const before = await verify('--workstation', env.ws.id);
      expect(before.text).toContain(`checkpoint centre:330106 @ ${last!.link_seq}: ${last!.link_hash}`);
      await env.db.query(`DELETE FROM audit_head_links WHERE centre_code = '330106' AND link_seq = $1`, [last!.link_seq]);
      const v = await verify('--workstation', env.ws.id);
      expect(v.code).toBe(2);
      expect(v.text).toContain(`[unlinked] case ${c.id}, entry 1 was not stored by a push (no link records it)`);
      expect(v.text).toContain(`[checkpoint] checkpoint centre:330106 @ ${last!.link_seq}: the row is gone`);
    });

    it('rows deleted from, or edited in, the per-request audit table', async () => {
      for (let i = 0; i < 5; i++) await call(env.app, 'GET', '/api/v1/me', { token: env.dept.SCJG });
      await env.app.flushAudit();
      const rows = await env.db.query<{ id: number; prev_hash: string | null; hash: string | null }>('SELECT id, prev_hash, hash FROM audit ORDER BY id');
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.every((r) => r.hash !== null && r.prev_hash !== null)).toBe(true);
      const victim = rows[rows.length - 3]!;
      await env.db.query('DELETE FROM audit WHERE id = $1', [victim.id]);
      const v = await verify();
      expect(v.code).toBe(2);
      expect(v.text).toContain(`[requestChain] request row ${Number(victim.id) + 1} does not follow row ${Number(victim.id) - 1}`);

      const edited = rows[rows.length - 1]!;
      await env.db.query(`UPDATE audit SET status = 200, actor_id = 'WJJ' WHERE id = $1`, [edited.id]);
      expect((await verify()).text).toContain(`[requestChain] request row ${edited.id} was edited`);
    });
  });
}
