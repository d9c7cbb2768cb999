/**
 * The intake's working copy lives in memory and is written to IndexedDB at most
 * ~200 ms after each change (and at once when the page is hidden or left), so a
 * crash or reload loses nothing older than that. When the disk is full
 * (QuotaExceededError) the draft stays in memory and the clerk is told and can
 * export it to a file.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntakeCase } from '@core/intake/case';
import { saveDraft } from './intake-store';

export const AUTOSAVE_DELAY_MS = 200;
/** After a failed write, try again this often (the disk may have been freed meanwhile). */
export const RETRY_DELAY_MS = 5_000;

export type SaveState = 'saved' | 'pending' | 'failed' | 'quota';

function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}

export function useAutosavedCase(initial: IntakeCase, subjectName: string) {
  const [current, setCurrent] = useState(initial);
  const latest = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const subject = useRef(subjectName);
  subject.current = subjectName;

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (!dirty.current) return;
    dirty.current = false;
    const snapshot = latest.current;
    try {
      await saveDraft(snapshot, subject.current);
      if (!dirty.current) setSaveState('saved');
      else timer.current ??= setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    } catch (e) {
      dirty.current = true; // keep it for the next attempt; it is still in memory
      setSaveState(isQuotaError(e) ? 'quota' : 'failed');
      timer.current ??= setTimeout(() => void flush(), RETRY_DELAY_MS);
    }
  }, []);

  const update = useCallback(
    (change: (c: IntakeCase) => IntakeCase) => {
      const next = change(latest.current);
      if (next === latest.current) return;
      latest.current = next;
      setCurrent(next);
      dirty.current = true;
      setSaveState((s) => (s === 'quota' ? s : 'pending'));
      timer.current ??= setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  /** Replaces the working copy after a write that already happened (e.g. a decision). */
  const replace = useCallback((c: IntakeCase) => {
    latest.current = c;
    dirty.current = false;
    setCurrent(c);
    setSaveState('saved');
  }, []);

  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [flush]);

  return { current, update, replace, flush, saveState };
}
