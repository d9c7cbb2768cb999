/**
 * Test and benchmark hooks for the dashboards and the quality review: `window.__oneWindowQuality`,
 * registered only when the page was opened with `?bench=1` (loaded dynamically behind that
 * check). They store a known data set through the app's own store code (cases and 容缺 records
 * sealed as the app seals them), so an end-to-end test can check the figures the screens show.
 */
import type { IntakeCase } from '@core/intake/case';
import type { StatusEvent } from '@core/sync/protocol';
import { caseRecordFrom } from '../cases/cases-store';
import { sealCaseRecords } from '../store/case-store';
import { sealSupplementRecords } from '../store/sealed-records';
import { getLiveDb, type SupplementRecord } from '../store/db';
import type { RatingRecord } from '../handouts/handout-store';

export interface QualitySeed {
  cases: { c: IntakeCase; subjectName: string }[];
  events?: StatusEvent[];
  ratings?: RatingRecord[];
  supplements?: SupplementRecord[];
}

export interface OneWindowQualityHooks {
  seed(data: QualitySeed): Promise<number>;
}

declare global {
  interface Window {
    __oneWindowQuality?: OneWindowQualityHooks;
  }
}

export function registerQualityHooks(): void {
  if (new URLSearchParams(window.location.search).get('bench') !== '1') return;
  window.__oneWindowQuality = {
    async seed(data) {
      const db = getLiveDb();
      const records = await sealCaseRecords(data.cases.map(({ c, subjectName }) => caseRecordFrom(c, subjectName, new Date(c.updatedAt))));
      const supplements = await sealSupplementRecords(data.supplements ?? []);
      await db.transaction('rw', [db.cases, db.statusEvents, db.ratings, db.supplements], async () => {
        await db.cases.bulkPut(records);
        if (data.events?.length) await db.statusEvents.bulkPut(data.events.map((e) => ({ ...e, receivedAt: Date.now() })));
        if (data.ratings?.length) await db.ratings.bulkPut(data.ratings);
        if (supplements.length) await db.supplements.bulkPut(supplements);
      });
      return records.length;
    },
  };
}
