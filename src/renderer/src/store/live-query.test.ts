/**
 * A live query over data the day's work never writes (the workstation's settings) while
 * cases are written all day: it starts afresh every RESUBSCRIBE_AFTER writes (so Dexie's
 * record of those writes is dropped), shows the same value without a new render, and
 * still follows a change to its own data at once.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie, { liveQuery, type Table } from 'dexie';
import { boundedLiveQuery, sameValue } from './live-query';

class TestDb extends Dexie {
  settings!: Table<{ key: string; value: unknown }, string>;
  cases!: Table<{ id: string; n: number }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ settings: 'key', cases: 'id' });
  }
}

let db: TestDb;
beforeEach(async () => {
  db = new TestDb(`live-query-${crypto.randomUUID()}`);
  await db.open();
  await db.settings.put({ key: 'workstation', value: { code: '7K' } });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const until = async (f: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function writeCases(n: number) {
  for (let i = 0; i < n; i++) await db.cases.put({ id: `c${i}`, n: i }); // one transaction each, as autosave does
}

describe('boundedLiveQuery', () => {
  it('starts afresh after `after` unrelated writes, without emitting the same value again', async () => {
    let runs = 0;
    const values: unknown[] = [];
    const sub = boundedLiveQuery(async () => {
      runs += 1;
      return (await db.settings.get('workstation'))?.value;
    }, 10).subscribe((v) => values.push(v));
    await until(() => values.length === 1);
    expect(values[0]).toEqual({ code: '7K' });

    await writeCases(35);
    // the first run + a fresh start per 10 writes heard since the last value (writes that land
    // while a fresh start reads count towards the next one)
    await until(() => runs >= 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(4);
    expect(values).toHaveLength(1); // the same settings: nothing new to render

    // its own data still reaches it at once
    await db.settings.put({ key: 'workstation', value: { code: '8M' } });
    await until(() => values.length === 2);
    expect(values[1]).toEqual({ code: '8M' });
    sub.unsubscribe();

    // unsubscribed: no more runs, whatever is written
    const before = runs;
    await writeCases(25);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(before);
  });

  it("Dexie's own liveQuery never re-runs for unrelated writes (what keeps their keys in memory)", async () => {
    let runs = 0;
    const sub = liveQuery(async () => {
      runs += 1;
      return (await db.settings.get('workstation'))?.value;
    }).subscribe(() => undefined);
    await until(() => runs === 1);
    await writeCases(35);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(1);
    sub.unsubscribe();
  });

  it('a change to its data between the fresh start and its first value is not lost', async () => {
    const values: unknown[] = [];
    const sub = boundedLiveQuery(async () => (await db.settings.get('workstation'))?.value, 3).subscribe((v) => values.push(v));
    await until(() => values.length === 1);
    await writeCases(3); // the third write starts it afresh …
    await db.settings.put({ key: 'workstation', value: { code: '9Q' } }); // … and this lands right after
    await until(() => values.some((v) => sameValue(v, { code: '9Q' })));
    await new Promise((r) => setTimeout(r, 50));
    expect(values[values.length - 1]).toEqual({ code: '9Q' });
    sub.unsubscribe();
  });

  it('passes errors of the querier on', async () => {
    const errors: unknown[] = [];
    const sub = boundedLiveQuery(async () => {
      throw new Error('broken');
    }).subscribe({ next: () => undefined, error: (e) => errors.push(e) });
    await until(() => errors.length === 1);
    expect((errors[0] as Error).message).toBe('broken');
    sub.unsubscribe();
  });
});

describe('sameValue', () => {
  it('compares plain data by structure and anything else by identity', () => {
    expect(sameValue({ a: [1, { b: 'x' }], d: new Date(5) }, { a: [1, { b: 'x' }], d: new Date(5) })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(sameValue(new Map([[1, 2]]), new Map([[1, 2]]))).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue(3, 3)).toBe(true);
  });
});
