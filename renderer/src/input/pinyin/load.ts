// Loads the pinyin index chunk (built at build time, ~0.9 MB) when a keyboard first needs it, once
// per page, and keeps the engine for every later keyboard.
import { useEffect, useState } from 'react';
import { PinyinEngine } from './engine';
import { decodeIndex } from './index-format';

let loading: Promise<PinyinEngine> | undefined;

export function loadPinyinEngine(): Promise<PinyinEngine> {
  loading ??= import('virtual:pinyin-index')
    .then((m) => new PinyinEngine(decodeIndex(m.default)))
    .catch((e: unknown) => {
      loading = undefined; // the next keyboard tries again
      throw e;
    });
  return loading;
}

export type EngineState =
  { state: 'loading' } | { state: 'ready'; engine: PinyinEngine } | { state: 'failed' };

export function usePinyinEngine(): EngineState {
  const [state, setState] = useState<EngineState>({ state: 'loading' });
  useEffect(() => {
    let alive = true;
    loadPinyinEngine().then(
      (engine) => alive && setState({ state: 'ready', engine }),
      (e: unknown) => {
        console.error('pinyin index failed to load', e);
        if (alive) setState({ state: 'failed' });
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return state;
}
