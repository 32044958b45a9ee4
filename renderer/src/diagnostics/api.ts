// The diagnostics screens talk to the host only through the `diag` area of the page API (the
// contract's `diag:*` channels). A screen gets this area, never a transport, so the test harness can
// hand it the same shape answered from fixtures.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { DiagMode, Failure, Result } from '../../../main/ipc/contract';
import type { KioskApi } from '../../../main/ipc/contract/channels';
import { translateOr, type Locale } from '../i18n/messages';
import type { Bilingual } from '../ui/text';

export type DiagApi = KioskApi['diag'];

/** The mode as the host has it, kept live by `diag:mode`; undefined until the host has answered. */
export function useDiagMode(api: DiagApi): [DiagMode | undefined, (m: DiagMode) => void] {
  const [mode, setMode] = useState<DiagMode>();
  useEffect(() => {
    let alive = true;
    const off = api.onMode((m) => setMode(m));
    void api.state().then((r) => {
      if (alive && r.ok) setMode((prev) => prev ?? r.value);
    });
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return [mode, setMode];
}

export type Load<T> = { value?: T; error?: Failure; busy: boolean };

/**
 * Runs `fetcher` now, whenever `key` changes and on `reload()`; keeps the last value while it
 * reloads. `key` names what the fetch depends on (filters), as a string.
 */
export function useLoad<T>(
  fetcher: () => Promise<Result<T>>,
  key = '',
): [Load<T>, () => void, (v: T) => void] {
  const [state, setState] = useState<{ value?: T; error?: Failure; done?: string }>({});
  const [tick, setTick] = useState(0);
  const fetch = useEffectEvent(fetcher);
  const round = `${key}#${tick}`;
  useEffect(() => {
    let alive = true;
    void fetch().then((r) => {
      if (!alive) return;
      setState((s) => (r.ok ? { value: r.value, done: round } : { ...s, error: r.error, done: round }));
    });
    return () => {
      alive = false;
    };
  }, [round]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((value: T) => setState({ value, done: round }), [round]);
  const { done, ...rest } = state;
  return [{ ...rest, busy: done !== round }, reload, set];
}

/**
 * A key the host or a driver names at run time (`diag.printer.paperOut`, a counter, a family) in
 * both languages: our catalogue's text where it has one, otherwise `fallback` (the key itself), so a
 * new driver's key is still shown rather than lost.
 */
export function hostText(key: string, fallback = key): Bilingual {
  return { zh: translateOr('zh-CN', key, fallback), en: translateOr('en', key, fallback) };
}

/** Readable date and time of an epoch-ms instant, in the screen's language, 24-hour. */
export function when(locale: Locale, at: number): string {
  return new Date(at).toLocaleString(locale, { hour12: false });
}

/** Minutes and seconds left until `at` from `now` (0:00 once past). */
export function countdown(at: number, now: number): string {
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
