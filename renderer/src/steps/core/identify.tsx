import { DevicePrompt, type DevicePromptKind } from '../../ui/components';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';

const PROMPT: Record<'idCard' | 'socialSecurityCard' | 'bankCard' | 'qr', DevicePromptKind> = {
  idCard: 'placeIdCard',
  socialSecurityCard: 'insertSocialCard',
  bankCard: 'insertBankCard',
  qr: 'scanCode',
};

/** Identify: one prompt per accepted reader; the host reads the card (the page never sees it). */
export function IdentifyStep({ view }: StepProps<'identify'>) {
  const methods = [
    ...view.accept,
    ...(view.orCode === 'receiptQr' && !view.accept.includes('qr') ? (['qr'] as const) : []),
  ];
  return (
    <StepFrame
      heading="identify.title"
      lead={methods.length > 1 ? 'identify.anyOf' : undefined}
      voice="step.identify"
    >
      <div className="step-prompts">
        {methods.map((m) => (
          <DevicePrompt key={m} kind={PROMPT[m]} />
        ))}
      </div>
    </StepFrame>
  );
}
