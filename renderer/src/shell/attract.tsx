import { useEffect, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';
import { DeviceStatus } from '../app/device-status';
import { ActionButton, ScreenFrame } from '../ui/components';
import { DeviceArt } from '../ui/components/device-art';
import { useUi, useVoicePrompt } from '../ui/settings';

/** The guidance the attract screen loops through while nobody is there. */
const GUIDANCE: ReadonlyArray<{ key: MessageKey; art: 'reader' | 'slot' | 'scan' }> = [
  { key: 'attract.headline', art: 'reader' },
  { key: 'attract.guide.socialCard', art: 'slot' },
  { key: 'attract.guide.qr', art: 'scan' },
];
const SLIDE_MS = 6_000;

/**
 * Between sessions: a tap anywhere on it begins (a card placed on a reader starts a session in the
 * host, which then sends the view). The language and elder switches work without starting.
 */
export function AttractScreen({ onStart, corner }: { onStart: () => void; corner?: ReactNode }) {
  const { t } = useUi();
  useVoicePrompt('attract.welcome');
  const [slide, setSlide] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSlide((s) => (s + 1) % GUIDANCE.length), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const shown = GUIDANCE[slide]!;
  return (
    <ScreenFrame>
      {/* The whole area is the start; the button says so to assistive technology. */}
      <div className="shell-attract" onClick={onStart} data-testid="attract">
        <p className="shell-attract-title">{t('app.title')}</p>
        <DeviceArt kind={shown.art} motion="in" />
        <h2 className="shell-attract-guide" aria-live="polite">
          {t(shown.key)}
        </h2>
        <p className="ui-lead">{t('attract.sub')}</p>
        <ActionButton label="attract.start" onPress={() => undefined} testId="attract-start" />
      </div>
      <DeviceStatus />
      {/* The technician's hidden corner sits outside the start area: its taps never begin a session. */}
      {corner}
    </ScreenFrame>
  );
}
