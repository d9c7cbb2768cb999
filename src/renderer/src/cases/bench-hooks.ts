/**
 * Benchmark and list-test hooks: `window.__oneWindowBench`, registered only when the page
 * was opened with `?bench=1` (main.tsx imports this module dynamically behind the same
 * check, so the app never loads it otherwise). They act on the app's own database code
 * (getDb, listCases, countCases, caseRecordFrom), timing inside the page.
 */
import { withAnswer, withMaterialState, type CaseStatus, type IntakeCase } from '@core/intake/case';
import { getDb } from '../store/db';
import { putCase, sealCaseRecords } from '../store/case-store';
import { CLERK_SESSION_KEY, signedSessionValue, WORKSTATION_KEY } from '../session/session-store';
import { caseRecordFrom, chinaToday, countCases, listCases, type CaseCursor, type CaseFilter, type CaseView } from './cases-store';
import { syntheticCases, syntheticDraft, type SyntheticOptions } from './synthetic-cases';

export interface SeededSample {
  id: string;
  status: CaseStatus;
  caseNumber: string;
  idNumber: string;
  name: string;
  updatedAt: string;
  createdDay: string;
  subjectName: string;
}

export type BenchView = 'today' | 'all' | CaseStatus;

export interface OneWindowBench {
  /** Deletes every case. */
  clearCases(): Promise<void>;
  /** Adds `n` synthetic cases with bulkPut in batches (default 5,000); returns the time and a sample of what was stored. */
  seedCases(n: number, options?: SyntheticOptions & { batchSize?: number; samples?: number }): Promise<{ ms: number; batches: number; avgRecordBytes: number; samples: SeededSample[] }>;
  /** First page and count of a view, as the cases page loads them. */
  listFirstPage(view?: BenchView): Promise<{ ms: number; rows: number; total: number }>;
  /** Walks to page `pageNo` (keyset) and times loading that page alone. */
  listPageN(view: BenchView, pageNo: number, runs: number): Promise<{ ms: number[]; rows: number }>;
  /** Search by ID number, as typed into the list's search box. */
  findById(idNumber: string): Promise<{ ms: number; found: number }>;
  /** One autosave of a ~3 KB draft: from the change to the committed transaction. */
  autosaveOnce(): Promise<{ ms: number; bytes: number }>;
  /** Signs a bench clerk in (writes the session as the sign-in form does). */
  signIn(): Promise<void>;
  count(): Promise<number>;
}

declare global {
  interface Window {
    __oneWindowBench?: OneWindowBench;
  }
}

function viewOf(v: BenchView): CaseView {
  if (v === 'today') return { view: 'today', day: chinaToday() };
  if (v === 'all') return { view: 'all' };
  return { view: 'status', status: v };
}

const bytesOf = (x: unknown) => new Blob([JSON.stringify(x)]).size;

export function registerBenchHooks(): void {
  if (new URLSearchParams(window.location.search).get('bench') !== '1') return;
  let draft: { intake: IntakeCase; subjectName: string } | undefined;
  let tick = 0;

  const hooks: OneWindowBench = {
    async clearCases() {
      await getDb().cases.clear();
    },

    async seedCases(n, options = {}) {
      const db = getDb();
      const batchSize = options.batchSize ?? 5000;
      const wantSamples = options.samples ?? 300;
      const every = Math.max(1, Math.floor(n / wantSamples));
      const gen = syntheticCases(n, options);
      const samples: SeededSample[] = [];
      let bytes = 0;
      let sized = 0;
      let ms = 0;
      let batches = 0;
      for (let done = 0; done < n; ) {
        const size = Math.min(batchSize, n - done);
        const batch = [];
        for (let k = 0; k < size; k += 1) {
          const { record } = gen.next();
          if ((done + k) % every === 0 && samples.length < wantSamples)
            samples.push({
              id: record.id,
              status: record.status,
              caseNumber: record.caseNumber,
              idNumber: record.applicantIdNumber,
              name: record.applicantName,
              updatedAt: record.updatedAt,
              createdDay: record.createdDay,
              subjectName: record.subjectName,
            });
          if ((done + k) % 997 === 0) {
            bytes += bytesOf(record);
            sized += 1;
          }
          batch.push(record);
        }
        // Time the sealing and the writes (generating the synthetic data is not the app's work).
        const t0 = performance.now();
        await db.cases.bulkPut(await sealCaseRecords(batch));
        ms += performance.now() - t0;
        batches += 1;
        done += size;
        if (batches % 4 === 0) console.log(`[bench] seeded ${done} / ${n} (${Math.round(ms)} ms writing)`);
      }
      return { ms, batches, avgRecordBytes: sized ? bytes / sized : 0, samples };
    },

    async listFirstPage(view = 'today') {
      const filter: CaseFilter = viewOf(view);
      const t0 = performance.now();
      const [page, count] = await Promise.all([listCases(filter), countCases(filter)]);
      return { ms: performance.now() - t0, rows: page.rows.length, total: count.count };
    },

    async listPageN(view, pageNo, runs) {
      const filter = viewOf(view);
      let after: CaseCursor | null = null;
      for (let p = 1; p < pageNo; p += 1) {
        const page = await listCases(filter, { after });
        if (!page.next) break;
        after = page.next;
      }
      const ms: number[] = [];
      let rows = 0;
      for (let r = 0; r < runs; r += 1) {
        const t0 = performance.now();
        const page = await listCases(filter, { after });
        ms.push(performance.now() - t0);
        rows = page.rows.length;
      }
      return { ms, rows };
    },

    async findById(idNumber) {
      const t0 = performance.now();
      const page = await listCases({ view: 'all', search: idNumber });
      return { ms: performance.now() - t0, found: page.rows.length };
    },

    async autosaveOnce() {
      const db = getDb();
      draft ??= syntheticDraft(Date.now());
      tick += 1;
      const t0 = performance.now();
      // The change a clerk makes (an answer or a material's state), then the write, as autosave does.
      const at = new Date().toISOString().slice(0, 19) + 'Z';
      const keys = Object.keys(draft.intake.materialStates);
      const next =
        tick % 2
          ? withMaterialState(draft.intake, keys[tick % keys.length]!, { status: tick % 3 ? 'receivedOriginal' : 'receivedCopy' }, at)
          : withAnswer(draft.intake, 'shared/premises-ownership', tick % 4 ? 'leased' : 'owned', at);
      const record = caseRecordFrom(next, draft.subjectName, new Date());
      await putCase(next, draft.subjectName, db); // sealed, with its audit entries, as the app's autosave writes
      const ms = performance.now() - t0;
      draft = { ...draft, intake: next };
      return { ms, bytes: bytesOf(record) };
    },

    async signIn() {
      const db = getDb();
      const workstationId = crypto.randomUUID();
      await db.settings.bulkPut([
        { key: WORKSTATION_KEY, value: { workstationId, centreCode: '330106', centreName: '西湖区政务服务中心', workstationCode: '7K' } },
        // tagged like a real sign-in's session (an untagged one is signed out)
        { key: CLERK_SESSION_KEY, value: await signedSessionValue({ clerkId: 'C0042', name: '王晓梅', windowNo: '7', role: 'clerk', signedInAt: new Date().toISOString() }) },
      ]);
    },

    count: () => getDb().cases.count(),
  };
  window.__oneWindowBench = hooks;
}
