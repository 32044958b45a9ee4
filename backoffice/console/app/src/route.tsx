import { useEffect, useState } from 'react';

export type Route =
  | { page: 'queue' }
  | { page: 'filing'; filingId: string }
  | { page: 'fleet' }
  | { page: 'ratings' }
  | { page: 'lockers' }
  | { page: 'calling' }
  | { page: 'home' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'filings' && parts[1]) return { page: 'filing', filingId: decodeURIComponent(parts[1]) };
  if (
    parts[0] === 'queue' ||
    parts[0] === 'fleet' ||
    parts[0] === 'ratings' ||
    parts[0] === 'lockers' ||
    parts[0] === 'calling'
  )
    return { page: parts[0] };
  return { page: 'home' };
}

export function navigate(path: string): void {
  window.location.hash = `#/${path}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
