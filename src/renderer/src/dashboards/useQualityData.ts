import { useCallback, useEffect, useState } from 'react';
import { loadQualityData, type QualityData } from './quality-data';

/** The quality data, loaded once when the screen opens (and again on `reload`). */
export function useQualityData(): { data: QualityData | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<QualityData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    loadQualityData().then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}
