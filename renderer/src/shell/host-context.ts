import { createContext, useContext } from 'react';
import type { KioskHost } from './host';

/** The host, for the one screen that needs more than `send` (capture hands pages over). */
export const HostContext = createContext<KioskHost | null>(null);

export function useHost(): KioskHost {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost() outside the kiosk shell');
  return host;
}
