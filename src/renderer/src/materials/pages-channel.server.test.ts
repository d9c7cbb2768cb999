/**
 * Channel `pages` against the real service (buildServer, PGlite, the directory page store):
 * the pending pages of an acknowledged case are uploaded with tus and confirmed; the same bytes
 * for another case are found by HEAD and not sent again; bytes the service refuses (not the
 * declared image type) quarantine that page only; a draft's pages never leave.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { createCentre, createWorkstation } from '../../../server/adminCommands';
import { openPglite } from '../../../server/db';
import { migrate } from '../../../server/migrate';
import { fakeJpeg, pagesConfig, type TestPages } from '../../../../test/server/pageHarness';
import { WorkstationDb, type CaseRecord } from '../store/db';
import { putPage } from '../store/page-store';
import { runChannel, standaloneContext } from '../sync/pipeline';
import { pagesChannel } from './pages-channel';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let app: Awaited<ReturnType<typeof buildServer>>;
let pages: TestPages;
let url = '';
let token = '';

beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  await createCentre(db, '330106', '西湖区政务服务中心');
  token = (await createWorkstation(db, '330106', '7K')).token;
  pages = pagesConfig('directory', null);
  app = await buildServer({ db, rateLimit: false, pages: pages.config });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await app?.close();
  pages?.remove();
});

async function caseWith(db: WorkstationDb, caseId: string, blobs: Uint8Array[], state: 'acknowledged' | 'queued' | null) {
  const refs = blobs.map((b) => ({ sha256: sha(b), mime: 'image/jpeg', bytes: b.byteLength }));
  await db.cases.put({ id: caseId, case: { materialPages: { 'x/m1': refs } } } as unknown as CaseRecord);
  if (state) await db.outbox.put({ caseId, state } as never);
  for (const b of blobs) await putPage(db, caseId, { sha256: sha(b), mime: 'image/jpeg', bytes: b }, Date.now());
}

describe('pages channel', () => {
  it('uploads, skips what the service holds, quarantines a refused page, and keeps a draft’s pages', async () => {
    const db = new WorkstationDb(`pages-ch-${crypto.randomUUID()}`);
    await db.open();
    const good = new Uint8Array(fakeJpeg(200 * 1024));
    const bad = new TextEncoder().encode('not an image at all '.repeat(100));
    const [a, b, draft] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await caseWith(db, a, [good, bad], 'acknowledged');
    await caseWith(db, draft, [new Uint8Array(fakeJpeg(1000))], null);
    const channel = pagesChannel((bytes) => Buffer.from(bytes));
    const ctx = standaloneContext(db, { serverUrl: url, token });

    const first = await runChannel(channel, ctx, { ignoreBackoff: true });
    expect(first.delivered).toBe(1);
    expect(first.needsFix).toBe(1);
    expect((await db.pages.get([a, sha(good)]))!.state).toBe('confirmed');
    const refused = (await db.pages.get([a, sha(bad)]))!;
    expect(refused.state).toBe('needsFix');
    expect(refused.error).toBeTruthy();
    expect((await db.pages.where('caseId').equals(draft).first())!.state).toBe('pending');
    // the service has the bytes: read back by this workstation
    const back = await fetch(`${url}/api/v1/pages/${sha(good)}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(back.status).toBe(200);
    expect(sha(new Uint8Array(await back.arrayBuffer()))).toBe(sha(good));

    // the same bytes for another case: HEAD finds them, nothing is uploaded
    await caseWith(db, b, [good], 'acknowledged');
    let uploads = 0;
    const counting = pagesChannel((bytes) => {
      uploads += 1;
      return Buffer.from(bytes);
    });
    const second = await runChannel(counting, ctx, { ignoreBackoff: true });
    expect(second.delivered).toBe(1);
    expect(uploads).toBe(0);
    expect((await db.pages.get([b, sha(good)]))!.state).toBe('confirmed');
    expect((await channel.overview(db)).needsFix).toBe(1);
    await db.delete();
  }, 60_000);
});
