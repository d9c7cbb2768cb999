/**
 * The 失信 drill meets the flag: starting it puts the applicant on the training database's
 * dishonesty list (the list the intake's 容缺 check reads), never on the live one; the next
 * drill takes the seeded entry out again and keeps what a trainer imported.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { dishonestyOfApplicant, type DishonestyList } from '@core/lifecycle/dishonesty';
import { loadWholeDishonestyList, replaceDishonestyList } from '../store/dishonesty-list';
import { getLiveDb, getTrainingDb } from '../store/db';
import { ensureDefaultPack, loadScenario, startDrill } from './drill-store';
import { DRILL_LIST_SOURCE, drillDishonestyEntries, SEEDED_DISHONESTY_KEY } from './drill-setup';

const PACK = 'default-onboarding';
const DISHONEST = 'hygiene-licence-dishonest-deferral';
const now = new Date('2026-12-01T01:00:00Z');
const today = '2026-12-01';
const start = (scenarioId: string) => startDrill({ packId: PACK, scenarioId, coached: false, traineeId: 'C0042', traineeName: '王晓梅', now });
const listIn = async (db: ReturnType<typeof getLiveDb>) => (await loadWholeDishonestyList(db)) ?? undefined;

const liveList: DishonestyList = {
  schemaVersion: 1,
  source: '信用浙江 严重失信主体名单（2026年11月）',
  entries: [{ idNumber: '330106199003071236', name: '张伟', reason: '失信被执行人：未履行生效判决', listedBy: '示例市西湖区人民法院', listedAt: '2026-03-02' }],
};

beforeEach(async () => {
  const t = getTrainingDb();
  const live = getLiveDb();
  await Promise.all([t.open(), live.open()]);
  await Promise.all([t.settings.clear(), t.drillRuns.clear(), t.dishonestyBuckets.clear(), live.settings.clear(), live.dishonestyBuckets.clear()]);
  await ensureDefaultPack(t);
  await replaceDishonestyList(live, liveList);
});

describe('the 失信 drill', () => {
  it('reads the listing body, date and reason from the scenario note', async () => {
    const s = (await loadScenario(PACK, DISHONEST))!;
    expect(drillDishonestyEntries(s, today)).toEqual([
      { idNumber: '91330106MA2L9T1W7W', name: '示例市悦容美容有限公司', reason: '未按期履行行政处罚决定', listedBy: '示例市市场监督管理局', listedAt: '2026-05-10' },
    ]);
    // never dated after today, so the entry counts on the drill's day
    expect(drillDishonestyEntries(s, '2026-01-01')[0]!.listedAt).toBe('2026-01-01');
    // a scenario without the circumstance seeds nothing
    expect(drillDishonestyEntries((await loadScenario(PACK, 'social-card-first'))!, today)).toEqual([]);
  });

  it('starting it puts the applicant on the training list, where the intake’s look-up finds it; the live list is untouched', async () => {
    await start(DISHONEST);
    const list = (await listIn(getTrainingDb()))!;
    expect(list.source).toBe(DRILL_LIST_SOURCE);
    // the applicant as the trainee types it in from the scenario
    const s = (await loadScenario(PACK, DISHONEST))!;
    const p = s.applicant.party;
    if (p.kind !== 'organisation') throw new Error('organisation expected');
    const applicant = { kind: 'organisation', name: p.name, uscc: p.uscc, legalRepresentative: p.legalRepresentative, legalRepresentativeIdNumber: p.legalRepresentativeIdNumber, phone: p.phone } as const;
    const match = dishonestyOfApplicant(list, applicant, today);
    expect(match).toMatchObject({ flagged: true, source: 'list', matched: 'applicant' });
    expect(match!.reason).toContain('未按期履行行政处罚决定');
    // the live workstation's list is as it was, and has no drill entry
    expect(await listIn(getLiveDb())).toEqual(liveList);
    expect(await getLiveDb().settings.get(SEEDED_DISHONESTY_KEY)).toBeUndefined();
  });

  it('the next drill takes the seeded entry out again and keeps a trainer’s imported entries', async () => {
    await start(DISHONEST);
    await start('social-card-first');
    expect(await listIn(getTrainingDb())).toBeUndefined(); // only the drill's entry was there
    await replaceDishonestyList(getTrainingDb(), liveList); // a trainer imports a list in training mode
    await start(DISHONEST);
    expect((await listIn(getTrainingDb()))!.entries.map((e) => e.idNumber).sort()).toEqual(['330106199003071236', '91330106MA2L9T1W7W']); // stored in blind-index buckets: no order
    await start('social-card-first');
    expect(await listIn(getTrainingDb())).toEqual(liveList);
  });
});
