import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './labels';

/**
 * Loads data for a page; `reload` refetches (after an action). `deps` says when to load again; the
 * latest `load` is always the one called, so callers may pass an inline function.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const key = JSON.stringify(deps);
  useEffect(() => {
    let live = true;
    latest.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError('');
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}
