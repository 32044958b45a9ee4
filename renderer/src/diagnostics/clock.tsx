// The screens' notion of "now" (countdowns to a lockout's end, a trace's expiry): the wall clock,
// ticking each second, unless a test fixes it so screenshots stay the same run after run.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

const FixedNow = createContext<number | undefined>(undefined);

export function DiagClock({ now, children }: { now?: number | undefined; children: ReactNode }) {
  return <FixedNow.Provider value={now}>{children}</FixedNow.Provider>;
}

export function useNow(): number {
  const fixed = useContext(FixedNow);
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [fixed]);
  return fixed ?? now;
}
