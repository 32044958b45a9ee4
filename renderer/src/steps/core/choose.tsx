import { ChoiceList } from '../../ui/components';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';

export function ChooseStep({ view, send }: StepProps<'choose'>) {
  return (
    <StepFrame heading={view.prompt}>
      <ChoiceList
        label={view.prompt}
        choices={view.options.map((o) => ({
          id: o.value,
          label: o.label,
          ...(o.detail ? { detail: o.detail } : {}),
        }))}
        onChoose={(value) => send({ kind: 'choose', value })}
      />
    </StepFrame>
  );
}
