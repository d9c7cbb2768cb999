/**
 * Live queries that can stay mounted all day without growing the heap.
 *
 * Why not Dexie's `liveQuery` / dexie-react-hooks' `useLiveQuery` as they are: in dexie 4.4
 * a live query records every write it hears about (the `storagemutated` event: each
 * table, index and key written, in any table) in a set it empties only when the query
 * re-runs. A query over data the day's work never touches — the workstation's settings,
 * the catalog in use, the notification and hand-out badges — never re-runs, so it keeps
 * every key written all day (every case, audit entry and outbox row), and checks each new
 * write against all of them: the `npm run bench` soak measured +3 MB of heap and +27 % of
 * main-thread CPU per intake over 300 intakes with the app shell's six all-day queries.
 * Dexie's own code has no bound on that set upstream either.
 *
 * The remedy here: a live query that has heard RESUBSCRIBE_AFTER writes without re-running
 * starts a fresh Dexie live query over the same querier and drops the old one (and with it
 * what the old one had recorded). The fresh query reads the current data at once and
 * observes every write from then on, so nothing is missed; the value shown stays until it
 * arrives, and when it equals the value shown the component does not render again. The
 * cost is one re-read per RESUBSCRIBE_AFTER writes per mounted query (a settings key or a
 * count: well under a millisecond).
 */
import { Dexie, liveQuery, type Observable, type Subscription } from 'dexie';
import { useObservable } from 'dexie-react-hooks';

/** Writes heard without a re-run before a live query starts afresh (an intake makes ~10–20). */
export const RESUBSCRIBE_AFTER = 64;

type Observer<T> = { next?: (v: T) => void; error?: (e: unknown) => void; complete?: () => void };

/**
 * Dexie's `liveQuery(querier)` with its bookkeeping bounded: same values, same errors, but
 * a subscription that has heard `after` writes since its last value is replaced by a
 * fresh one.
 */
export function boundedLiveQuery<T>(querier: () => T | Promise<T>, after: number = RESUBSCRIBE_AFTER): Observable<T> {
  let hasValue = false;
  let currentValue: T | undefined;
  const observable = {
    subscribe(a?: Observer<T> | ((v: T) => void) | null, b?: (e: unknown) => void, c?: () => void): Subscription {
      const observer: Observer<T> = typeof a === 'function' || a == null ? { next: a ?? undefined, error: b, complete: c } : a;
      let closed = false;
      let inner: Subscription | undefined;
      let heard = 0;
      let emitted = false;
      let lastValue: T | undefined;
      const open = (fresh: boolean) => {
        let first = fresh;
        heard = 0;
        inner = liveQuery(querier).subscribe({
          next: (v) => {
            heard = 0;
            // A fresh subscription's first value is usually what is already shown: keep the old object.
            const same = first && emitted && sameValue(lastValue, v);
            first = false;
            if (same || closed) return;
            emitted = true;
            lastValue = v;
            hasValue = true;
            currentValue = v;
            observer.next?.(v);
          },
          error: (e) => {
            if (!closed) observer.error?.(e);
          },
        });
      };
      const onWrite = () => {
        if (closed || ++heard < after) return;
        const old = inner;
        open(true);
        old?.unsubscribe();
      };
      open(false);
      Dexie.on.storagemutated.subscribe(onWrite);
      return {
        get closed() {
          return closed;
        },
        unsubscribe() {
          if (closed) return;
          closed = true;
          Dexie.on.storagemutated.unsubscribe(onWrite);
          inner?.unsubscribe();
        },
      };
    },
    hasValue: () => hasValue,
    getValue: () => currentValue as T,
  };
  return observable as unknown as Observable<T>;
}

/** dexie-react-hooks' `useLiveQuery`, over `boundedLiveQuery`: use this one in components. */
export function useLiveQuery<T>(querier: () => Promise<T> | T, deps?: unknown[]): T | undefined;
export function useLiveQuery<T, TDefault>(querier: () => Promise<T> | T, deps: unknown[], defaultResult: TDefault): T | TDefault;
export function useLiveQuery<T, TDefault>(querier: () => Promise<T> | T, deps?: unknown[], defaultResult?: TDefault): T | TDefault | undefined {
  return useObservable(() => boundedLiveQuery(querier), deps ?? [], defaultResult as TDefault);
}

/** Structural equality of query results (plain data: objects, arrays, dates, typed arrays); anything else compares by identity. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
    if (!(ArrayBuffer.isView(b) || b instanceof ArrayBuffer)) return false;
    const x = new Uint8Array(a instanceof ArrayBuffer ? a : a.buffer, a instanceof ArrayBuffer ? 0 : a.byteOffset, a.byteLength);
    const y = new Uint8Array(b instanceof ArrayBuffer ? b : b.buffer, b instanceof ArrayBuffer ? 0 : b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
