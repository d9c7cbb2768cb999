/**
 * Training isolation in the sync engine and the result sender, with fake-indexeddb
 * and an in-memory server:
 * - the engine never pushes from the training database (not even with a server configured in it);
 * - on the live database, a training case that got into the outbox anyway is refused locally;
 * - decide() in training never queues the case; scoring at the decision stores a queued result;
 * - the result sender posts the summary (no applicant data) to /training/results, idempotently.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { recordDecision, type IntakeCase } from '@core/intake/case';
import { TrainingResultsPush } from '@core/training/protocol';
import { makeTrainingCaseNumber, markTraining } from '@core/training/isolation';
import { defaultCatalog } from '../../../../test/fixtures/training';
import { TRAINING_DB_NAME, WorkstationDb, getTrainingDb } from '../store/db';
import { syntheticCases } from '../cases/synthetic-cases';
import { SyncEngine } from '../sync/engine';
import { saveServerConfig } from '../sync/sync-store';
import { caseRecordFrom } from '../cases/cases-store';
import { ensureDefaultPack, scoreDecidedTrainingCase, startDrill, linkDraftToRun, loadScenario } from './drill-store';
import { sendTrainingResults } from './result-sender';
import { prepareTrainingWorkspace } from './mode';
import { makeRefusal } from '@core/intake/decision';
import { AT, makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { decide } from '../intake/intake-store';
import { getLiveDb } from '../store/db';
import { SYNC_SERVER_KEY } from '../sync/sync-store';

const SERVER = 'http://127.0.0.1:8787';
const TOKEN = 'ws_test_token_0123456789';
const clock = Date.parse('2026-12-01T02:00:00Z');

class Recorder {
  requests: { path: string; body: unknown }[] = [];
  stored = new Map<string, string>();
  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    this.requests.push({ path: url.pathname, body });
    if (url.pathname === '/api/v1/training/results') {
      const p = TrainingResultsPush.safeParse(body);
      if (!p.success) return json(400, { error: { code: 'invalidBody', message: p.error.issues[0]!.message } });
      return json(201, {
        results: p.data.results.map((r) => {
          const text = JSON.stringify(r);
          const had = this.stored.get(r.id);
          if (!had) this.stored.set(r.id, text);
          return { id: r.id, outcome: !had ? 'stored' : had === text ? 'alreadyHave' : 'conflict' };
        }),
      });
    }
    if (url.pathname === '/api/v1/cases/push') return json(200, { results: (body?.cases ?? []).map((c: { caseId: string }) => ({ caseId: c.caseId, outcome: 'stored', departments: ['X'] })) });
    if (url.pathname === '/api/v1/status-events') return json(200, { events: [], nextCursor: 0 });
    if (url.pathname === '/api/v1/catalog/versions') return json(200, { versions: [] });
    return json(404, { error: { code: 'notFound', message: 'no route' } });
  };
  paths = () => this.requests.map((r) => r.path);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function decidedTrainingCase(): IntakeCase {
  const gen = syntheticCases(30, { seed: 7, days: 1, now: clock });
  for (;;) {
    const { record } = gen.next();
    if (record.status === 'accepted') {
      const n = makeTrainingCaseNumber({ centreCode: record.case.clerk.centreCode, date: '2026-12-01', sequence: 1 });
      if (!n.ok) throw new Error(n.reason);
      const c = markTraining(record.case);
      return { ...c, caseNumber: n.value, decision: { ...c.decision!, caseNumber: n.value } } as IntakeCase;
    }
  }
}

let dbs: WorkstationDb[] = [];
afterEach(() => {
  for (const d of dbs) d.close();
  dbs = [];
});

describe('the sync engine and training', () => {
  it('never pushes from the training database, even with a server configured in it', async () => {
    const db = new WorkstationDb(TRAINING_DB_NAME);
    dbs.push(db);
    await db.delete();
    await db.open();
    await saveServerConfig({ serverUrl: SERVER, token: TOKEN, savedAt: new Date(clock).toISOString() }, db);
    const c = decidedTrainingCase();
    await db.cases.put(caseRecordFrom(c, '测试', new Date(clock)));
    // forced into the outbox (enqueueDecidedCase would refuse it), as if something went wrong
    const q = enqueueDecidedCase({ ...c, training: undefined, caseNumber: c.caseNumber } as unknown as IntakeCase, false, clock);
    if (q.ok) await db.outbox.put({ ...q.entry, caseId: c.id });
    else await db.outbox.put({ caseId: c.id, state: 'queued', enqueuedAt: clock, attempts: 0, nextAttemptAt: clock } as never);
    const server = new Recorder();
    const r = await new SyncEngine({ db, fetch: server.fetch, now: () => clock, timeoutMs: 2_000 }).runOnce();
    expect(r.outcome).toBe('notConfigured');
    expect(server.requests).toEqual([]);
  });

  it('on the live database a training case that reached the outbox is refused locally and never sent', async () => {
    const db = new WorkstationDb(`live-training-${Math.random()}`);
    dbs.push(db);
    await saveServerConfig({ serverUrl: SERVER, token: TOKEN, savedAt: new Date(clock).toISOString() }, db);
    const c = decidedTrainingCase();
    expect(enqueueDecidedCase(c, false, clock).ok).toBe(false); // the outbox refuses it …
    await db.cases.put(caseRecordFrom(c, '测试', new Date(clock)));
    const live = { ...c, training: undefined, caseNumber: '330106-261201-7K0001-0', decision: { ...c.decision!, caseNumber: '330106-261201-7K0001-0' } } as unknown as IntakeCase;
    const q = enqueueDecidedCase(live, false, clock);
    expect(q.ok).toBe(true);
    if (q.ok) await db.outbox.put(q.entry); // … so force it in
    const server = new Recorder();
    const r = await new SyncEngine({ db, fetch: server.fetch, now: () => clock, timeoutMs: 2_000, pullReferenceData: false }).runOnce();
    expect(r.needsFix).toBe(1);
    expect(server.paths()).not.toContain('/api/v1/cases/push');
    expect((await db.outbox.get(c.id))?.state).toBe('needsFix');
  });
});

describe('drill scoring at the decision and the result sender', () => {
  beforeEach(async () => {
    const t = getTrainingDb();
    await t.open();
    await Promise.all([t.drillRuns.clear(), t.drillResults.clear(), t.catalogVersions.clear()]);
    const catalog = defaultCatalog();
    await t.catalogVersions.put({ version: catalog.version, effectiveDate: catalog.effectiveDate, importedAt: new Date(clock).toISOString(), source: { kind: 'bundled' }, contentHash: 'x', itemCount: catalog.items.length, catalog });
    await ensureDefaultPack(t);
  });

  async function drill(mistake: boolean) {
    const s = (await loadScenario('default-onboarding', 'social-card-first'))!;
    const run = await startDrill({ packId: 'default-onboarding', scenarioId: s.id, coached: false, traineeId: 'C0042', traineeName: '王晓梅', now: new Date('2026-12-01T01:00:00Z') });
    const p = s.applicant.party;
    if (p.kind !== 'person') throw new Error('person expected');
    const id = crypto.randomUUID();
    await linkDraftToRun(id);
    const n = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 1 });
    if (!n.ok) throw new Error(n.reason);
    const draft: IntakeCase = {
      id,
      status: 'draft',
      training: true,
      catalogVersion: s.catalogVersion,
      clerk: { clerkId: 'C0042', name: '王晓梅', windowNo: '7', centreCode: '330106', centreName: '示例', workstationId: 'w' },
      subject: { kind: 'item', basicCode: '330003001000', handlingItemCodes: ['330003001000-01'] },
      answers: { ...s.expected.answers },
      materialStates: { 'shared/applicant-id-card': { status: mistake ? 'missing' : 'receivedOriginal' }, 'shared/id-photo': { status: 'receivedOriginal' } },
      applicant: { kind: 'person', name: p.name, idType: 'residentId', idNumber: p.idNumber, phone: p.phone },
      agent: null,
      fields: {},
      step: 'decision',
      createdAt: '2026-12-01T01:00:00.000Z',
      updatedAt: '2026-12-01T01:00:00.000Z',
      history: [],
    } as unknown as IntakeCase;
    const decided = recordDecision(
      draft,
      mistake
        ? { kind: 'oneTimeNotice', at: '2026-12-01T01:02:00.000Z', by: 'C0042', caseNumber: n.value, items: [{ key: 'shared/applicant-id-card', name: '申领人居民身份证', itemCodes: ['330003001000'], problem: 'missing', reason: '未提交', acceptanceStandard: '在有效期内' }] } as never
        : ({ kind: 'accept', at: '2026-12-01T01:02:00.000Z', by: 'C0042', caseNumber: n.value } as never),
    );
    return { run, result: await scoreDecidedTrainingCase(decided) };
  }

  it('scores the running drill on its training case: one known mistake → 45, the feedback citing the catalog', async () => {
    const { run, result } = await drill(true);
    expect(result).not.toBeNull();
    expect(result!.total).toBe(45);
    expect(result!.state).toBe('queued');
    const m = result!.score.mistakes.find((x) => x.kind === 'material')!;
    expect(m.explanation['zh-CN']).toContain('受理标准：在有效期内');
    expect(m.explanation['zh-CN']).toContain('《中华人民共和国社会保险法》第五十八条');
    expect((await getTrainingDb().drillRuns.get(run.id))?.state).toBe('finished');
  });

  it('sends queued results to the training area once; the body has the summary and no applicant data', async () => {
    await drill(true);
    await drill(false);
    const server = new Recorder();
    const r = await sendTrainingResults({ serverUrl: SERVER, token: TOKEN }, { fetch: server.fetch });
    expect(r).toEqual({ sent: 2, refused: 0, failed: false });
    expect(server.paths()).toEqual(['/api/v1/training/results']);
    const body = JSON.stringify(server.requests[0]!.body);
    expect(body).not.toContain('33010820010409024X');
    expect(body).not.toContain('何佳琪');
    expect(body).not.toContain('13800001205');
    const totals = (server.requests[0]!.body as { results: { total: number }[] }).results.map((x) => x.total).sort();
    expect(totals).toEqual([100, 45].sort());
    // nothing left to send
    const again = await sendTrainingResults({ serverUrl: SERVER, token: TOKEN }, { fetch: server.fetch });
    expect(again.sent).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect((await getTrainingDb().drillResults.where('state').equals('sent').count())).toBe(2);
  });
});

describe('entering training mode', () => {
  it('copies catalogs, the clerk and the set-up into the training database — never the server, never a case', async () => {
    const live = getLiveDb();
    const t = getTrainingDb();
    await live.open();
    await t.open();
    await t.settings.clear();
    const catalog = defaultCatalog();
    await live.catalogVersions.put({ version: catalog.version, effectiveDate: catalog.effectiveDate, importedAt: new Date(clock).toISOString(), source: { kind: 'bundled' }, contentHash: 'x', itemCount: catalog.items.length, catalog });
    await live.settings.bulkPut([
      { key: 'activeCatalogVersion', value: catalog.version },
      { key: 'workstation', value: { workstationId: 'w1', centreCode: '330106', centreName: '示例', workstationCode: '7K' } },
      { key: 'clerkSession', value: { clerkId: 'C0042', name: '王晓梅', windowNo: '7', role: 'clerk', signedInAt: new Date(clock).toISOString() } },
      { key: SYNC_SERVER_KEY, value: { serverUrl: SERVER, token: TOKEN, savedAt: new Date(clock).toISOString() } },
    ]);
    const gen = syntheticCases(3, { seed: 3, days: 1, now: clock });
    const liveCase = gen.next().record;
    await live.cases.put(liveCase);
    await prepareTrainingWorkspace();
    expect((await t.settings.get('workstation'))?.value).toMatchObject({ centreCode: '330106', workstationCode: '7K' }); // decide() gives PX numbers
    expect((await t.settings.get('clerkSession'))?.value).toMatchObject({ clerkId: 'C0042' });
    expect((await t.settings.get('activeCatalogVersion'))?.value).toBe(catalog.version);
    expect(await t.catalogVersions.get(catalog.version)).toBeTruthy();
    expect(await t.settings.get(SYNC_SERVER_KEY)).toBeUndefined();
    expect(await t.cases.get(liveCase.id)).toBeUndefined();
    expect(await t.scenarioPacks.get('default-onboarding')).toBeTruthy();
    // the live side is as it was
    expect((await live.settings.get('workstation'))?.value).toMatchObject({ workstationCode: '7K' });
    expect(await live.cases.get(liveCase.id)).toBeTruthy();
  });
});

describe('decide() on a training case', () => {
  it('issues a PX case number whatever the set-up says, and never queues it', async () => {
    const c = markTraining(makeDraft({ id: '61111111-2222-4333-8444-555555555555', applicant: personApplicant(), agent: null }));
    const r = await decide(c, '食品经营许可', '7K', AT, (caseNumber) => makeRefusal({ at: AT, by: 'C0042', caseNumber, reason: { code: 'other', text: '演练' } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case.caseNumber).toMatch(/^\d{6}-\d{6}-PX\d{4}-[0-9A-Z]$/);
    expect(r.case.training).toBe(true);
    expect(await getLiveDb().outbox.get(c.id)).toBeUndefined();
  });
});
