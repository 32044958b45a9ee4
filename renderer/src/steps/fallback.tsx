import { ActionButton } from '../ui/components';
import { StepFrame } from './step-frame';
import type { StepProps, StepKind } from './types';

/** A step kind without its own screen yet: says so plainly and lets the citizen go on. */
export function FallbackStep({ send }: StepProps<StepKind>) {
  return (
    <StepFrame
      heading="screen.fallback.title"
      lead="screen.fallback.lead"
      actions={<ActionButton label="action.next" onPress={() => send({ kind: 'next' })} testId="step-next" />}
    />
  );
}
