import type { MessageKey } from '../../i18n/messages';
import { ActionButton } from '../../ui/components';
import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';

/**
 * Printing: asks first for an optional print, then shows each output's state as the host reports it.
 * "Take your receipt" is a reminder the host raises from the printer's signal (the frame shows it),
 * never a timer here.
 */
export function PrintStep({ view, send }: StepProps<'print'>) {
  const { t } = useUi();
  const list = (
    <ul className="step-outputs" data-testid="print-outputs">
      {view.outputs.map((o) => (
        <li key={o.doc} className={`step-output is-${o.state}`} data-state={o.state}>
          <span>{t(`doc.${o.doc}` satisfies MessageKey)}</span>
          <strong>{t(`print.state.${o.state}` satisfies MessageKey)}</strong>
        </li>
      ))}
    </ul>
  );
  if (view.asking)
    return (
      <StepFrame
        heading="print.askTitle"
        lead="print.askLead"
        actions={
          <>
            <ActionButton label="print.yes" onPress={() => send({ kind: 'next' })} testId="print-yes" />
            <ActionButton
              variant="secondary"
              label="print.no"
              onPress={() => send({ kind: 'skip' })}
              testId="print-no"
            />
          </>
        }
      >
        {list}
      </StepFrame>
    );
  return (
    <StepFrame heading="print.title" showWhileBusy>
      {list}
    </StepFrame>
  );
}
