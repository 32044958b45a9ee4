// What the page drops when a session ends, beside the React tree (remounted from scratch): the
// browser storage a screen might have used. The bridge's start token is the kiosk's, not the
// citizen's, and stays.
const KEEP = new Set(['kioskToken']);

export function wipeBrowserStorage(storage: { session?: Storage; local?: Storage } = {}): void {
  const session = storage.session ?? globalThis.sessionStorage;
  const local = storage.local ?? globalThis.localStorage;
  local?.clear();
  if (!session) return;
  for (const key of Object.keys(session)) if (!KEEP.has(key)) session.removeItem(key);
}
