// For the citizen's page: 暂停服务 over everything while the host is closed for a technician, and
// the hidden entry (five taps in the top-left corner within three seconds) for the attract screen.
import { useEffect, useRef, type ReactNode } from 'react';
import { useUi } from '../ui/settings';
import { useDiagMode, type DiagApi } from './api';
import { OutOfService } from './out-of-service';
import './public.css';

/**
 * The public page while the terminal is in diagnostics on another console, or waiting to be; a
 * technician card put in the reader (the host asks for the PIN) opens the technician's page.
 */
export function DiagnosticsGate({
  api,
  open,
  children,
}: {
  api: DiagApi;
  open: () => void;
  children: ReactNode;
}) {
  const [mode] = useDiagMode(api);
  const byCard = mode?.phase === 'pin' && mode.trigger === 'card';
  useEffect(() => {
    if (byCard) open();
  }, [byCard, open]);
  return mode?.outOfService ? <OutOfService /> : children;
}

const TAPS = 5;
const WINDOW_MS = 3000;

/**
 * The hidden gesture: an unlabelled corner target the attract screen places; five taps within three
 * seconds ask the host for the PIN pad and open the technician's page.
 */
export function DiagnosticsCorner({ api, open }: { api: DiagApi; open: () => void }) {
  const { t } = useUi();
  const taps = useRef<number[]>([]);
  const tap = async () => {
    const now = performance.now();
    taps.current = [...taps.current.filter((x) => now - x < WINDOW_MS), now];
    if (taps.current.length < TAPS) return;
    taps.current = [];
    const r = await api.request({ trigger: 'gesture' });
    if (r.ok && r.value.phase !== 'off') open();
  };
  return (
    <button
      type="button"
      className="diag-corner"
      aria-label={t('diag.corner')}
      onClick={() => void tap()}
      data-testid="diag-corner"
    />
  );
}
