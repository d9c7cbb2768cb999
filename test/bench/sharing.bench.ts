/**
 * Licence look-up by holder over a large registry in PostgreSQL: BENCH_SHARING_LICENCES licences
 * (default 1,000,000), generated in SQL with generate_series (filler holders: random 32-byte blind
 * indexes and sealed bytes never opened), plus 1,000 real ones written through the registry (HMAC
 * blind index, sealed holder); then BENCH_SHARING_OPS look-ups (default 2,000) of the real holders
 * through the HTTP route (inject: parsing, the index look-up, unsealing, the answer, the look-up
 * log row in the same transaction). Target: p95 ≤ 20 ms.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildServer } from '../../src/server/app';
import { createCentre, createWorkstation } from '../../src/server/adminCommands';
import { migrate } from '../../src/server/migrate';
import { registryKeys } from '../../src/server/sharing/keys';
import { type LicenceInput, licencesOfHolder, liveRegistry, upsertLicenceTypes, writeLicences } from '../../src/server/sharing/registry';
import { residentIdFor } from '../../src/core/training/fictional';
import { openTestDb, PG_URL } from '../server/helpers';
import { type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult, fmt, percentile } from './report';

export async function runSharingBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const total = Number(process.env.BENCH_SHARING_LICENCES ?? 1_000_000);
  const ops = Number(process.env.BENCH_SHARING_OPS ?? 2_000);
  const figures: BenchFigure[] = [];
  const checks: BenchCheck[] = [];
  let t;
  try {
    t = await openTestDb('postgres');
  } catch (e) {
    figures.push({ label: 'SKIPPED', value: `PostgreSQL unreachable at ${PG_URL} (${e instanceof Error ? e.message : String(e)})` });
    return { name: 'licence look-up (PostgreSQL)', figures, checks, pass: true };
  }
  const { db } = t;
  try {
    await migrate(db);
    const key = randomBytes(32);
    const reg = liveRegistry(registryKeys(key));
    const now = new Date();
    const types = ['business-licence', 'food-business-licence', 'resident-id-card', 'marriage-certificate', 'health-cert'];
    await upsertLicenceTypes(
      db,
      types.map((code) => ({ code, name: code, issuingDepartmentCode: 'BENCH', holderIdType: 'residentId' as const })),
      now,
    );
    log(`sharing: generating ${total} licences with generate_series`);
    let t0 = performance.now();
    const step = 250_000;
    for (let from = 1; from <= total; from += step) {
      const to = Math.min(total, from + step - 1);
      await db.query(
        `INSERT INTO licences (type_code, number, holder_id_type, holder_key, holder_sealed, issuer, issued_on, expires_on, status, origin, updated_at)
         SELECT ($3::text[])[1 + i % 5], 'F' || i, 'residentId', sha256(('filler-' || i)::bytea), decode(md5(i::text) || md5((i + 1)::text), 'hex'),
                '示例市发证机关', date '2015-01-01' + (i % 3000), CASE WHEN i % 3 = 0 THEN NULL ELSE date '2025-01-01' + (i % 4000) END,
                CASE WHEN i % 97 = 0 THEN 'revoked' ELSE 'valid' END, 'import', $4
           FROM generate_series($1::int, $2::int) AS i`,
        [from, to, types, now],
      );
    }
    const genMs = performance.now() - t0;
    const real: LicenceInput[] = [];
    for (let i = 0; i < 1000; i++)
      real.push({
        typeCode: types[i % 5]!,
        number: `R${i}`,
        holderIdType: 'residentId',
        holderId: residentIdFor('330106', `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 1 + (i % 998)),
        holderName: `示例${i}`,
        issuer: '示例市发证机关',
        issuedOn: '2020-01-01',
        expiresOn: i % 2 ? null : '2030-01-01',
        status: 'valid',
        fields: { n: String(i) },
      });
    t0 = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < real.length; i += 250) await writeLicences(tx, reg, real.slice(i, i + 250), 'import', now);
    });
    await db.exec('ANALYZE licences');
    const [size] = await db.query<{ n: number; bytes: string }>(`SELECT count(*) AS n, pg_size_pretty(pg_total_relation_size('licences')) AS bytes FROM licences`);
    figures.push({ label: 'licences in the registry', value: String(size!.n) });
    figures.push({ label: 'table + indexes', value: size!.bytes });
    figures.push({ label: 'generate_series load', value: genMs / 1000, unit: 's' });

    await createCentre(db, '330106', '示例中心');
    const ws = await createWorkstation(db, '330106', '7K');
    const app = await buildServer({ db, rateLimit: false, sharing: { key, lookupRate: false } });
    const ask = async (i: number) => {
      const l = real[i % real.length]!;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sharing/licences/lookup',
        headers: { authorization: `Bearer ${ws.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          caseId: crypto.randomUUID(),
          clerkId: 'C0001',
          typeCode: l.typeCode,
          holderIdType: 'residentId',
          holderId: l.holderId,
          holderName: l.holderName,
          on: '2026-12-01',
        }),
      });
      if (res.statusCode !== 200 || (JSON.parse(res.body) as { outcome: string }).outcome !== 'found') throw new Error(`look-up ${i}: ${res.statusCode} ${res.body}`);
    };
    for (let i = 0; i < 200; i++) await ask(i); // warm-up: prepared statements, JIT
    const times: number[] = [];
    log(`sharing: ${ops} look-ups`);
    for (let i = 0; i < ops; i++) {
      const s = performance.now();
      await ask(i * 7);
      times.push(performance.now() - s);
    }
    await app.close();
    // The registry read alone (index look-up + unsealing), to tell the index from the rest.
    const reads: number[] = [];
    for (let i = 0; i < ops; i++) {
      const l = real[(i * 13) % real.length]!;
      const s = performance.now();
      await licencesOfHolder(db, reg, l.typeCode, 'residentId', l.holderId);
      reads.push(performance.now() - s);
    }
    reads.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    figures.push({ label: 'look-ups (HTTP route, sequential)', value: String(ops) });
    figures.push({ label: 'look-up p50', value: percentile(times, 50), unit: 'ms' });
    figures.push({ label: 'look-up p95', value: p95, unit: 'ms' });
    figures.push({ label: 'look-up p99', value: percentile(times, 99), unit: 'ms' });
    figures.push({ label: 'registry read alone p50 / p95', value: `${fmt(percentile(reads, 50))} / ${fmt(percentile(reads, 95))}`, unit: 'ms' });
    figures.push({ label: 'load average at the end', value: (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ') });
    const [plan] = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM licences WHERE type_code = $1 AND holder_key = $2`,
      [real[0]!.typeCode, reg.keys.blindIndex('residentId', real[0]!.holderId)],
    );
    figures.push({ label: 'plan', value: String(plan?.['QUERY PLAN'] ?? '').slice(0, 80) });
    checks.push({ label: `look-up by holder over ${size!.n} licences, p95`, target: '≤ 20 ms', value: `${fmt(p95)} ms`, pass: p95 <= 20 });
  } finally {
    await t.drop();
  }
  return { name: 'licence look-up (PostgreSQL)', figures, checks, pass: checks.every((c) => c.pass) };
}
