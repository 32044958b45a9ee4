import type { MessageKey } from '../../i18n/messages';
import type { VoicePromptKey } from '../../voice/prompts';
import { useUi, useVoicePrompt } from '../settings';
import { DeviceArt, type ArtKind, type ArtMotion } from './device-art';

/** What a device asks of the citizen. Shown when the host reports the device's state, not on a timer. */
export type DevicePromptKind =
  | 'placeIdCard'
  | 'takeIdCard'
  | 'insertSocialCard'
  | 'insertBankCard'
  | 'takeCard'
  | 'takeReceipt'
  | 'takeDocument'
  | 'scanCode'
  | 'placeDocument'
  | 'depositInLocker'
  | 'pickupFromLocker'
  | 'closeDoor';

const ART: Record<DevicePromptKind, [ArtKind, ArtMotion]> = {
  placeIdCard: ['reader', 'in'],
  takeIdCard: ['reader', 'out'],
  insertSocialCard: ['slot', 'in'],
  insertBankCard: ['slot', 'in'],
  takeCard: ['slot', 'out'],
  takeReceipt: ['receipt', 'out'],
  takeDocument: ['tray', 'out'],
  scanCode: ['scan', 'in'],
  placeDocument: ['camera', 'in'],
  depositInLocker: ['locker', 'in'],
  pickupFromLocker: ['locker', 'out'],
  closeDoor: ['locker', 'none'],
};

/** Reminders a citizen must act on before the session can end: read out at once. */
const URGENT = new Set<DevicePromptKind>([
  'takeIdCard',
  'takeCard',
  'takeReceipt',
  'takeDocument',
  'closeDoor',
]);

export interface DevicePromptProps {
  kind: DevicePromptKind;
  /** The locker door, for the locker prompts. */
  door?: string | number;
}

export function DevicePrompt({ kind, door }: DevicePromptProps) {
  const { t } = useUi();
  const textKey = `device.${kind}` as const satisfies MessageKey;
  const hintKey = `device.${kind}.hint` as const satisfies MessageKey;
  useVoicePrompt(textKey satisfies VoicePromptKey);
  const [art, motion] = ART[kind];
  return (
    <section
      className={`ui-panel ui-device-prompt${URGENT.has(kind) ? ' is-urgent' : ''}`}
      role={URGENT.has(kind) ? 'alert' : 'status'}
      data-testid="device-prompt"
      data-kind={kind}
    >
      <DeviceArt kind={art} motion={motion} />
      <div>
        <h2 className="ui-title">{t(textKey)}</h2>
        <p className="ui-lead">{t({ key: hintKey, params: { door: door ?? '' } })}</p>
      </div>
    </section>
  );
}
