// The frame every step screen renders itself in. The shell (renderer/src/shell) provides what is
// the same on every step through context: the header (service, step n of m, back, cancel), the
// idle warning, the host's wait indicator and fault; the screen gives its heading, body and actions.
import { createContext, useContext, type ReactNode } from 'react';
import type { FaultOption, FlowView } from '../../../main/ipc/contract/flow';
import { ActionButton, FailurePanel, ProgressPanel, ScreenFrame } from '../ui/components';
import { useUi, useVoicePrompt } from '../ui/settings';
import type { Text } from '../ui/text';
import type { VoicePromptKey } from '../voice/prompts';
import { FAULT_ACTION_LABEL } from '../ui/fault-actions';
import type { MessageKey } from '../i18n/messages';

export interface StepFrameShell {
  header?: ReactNode;
  overlay?: ReactNode;
  /** Above the step: reminders from the devices ("take your card"). */
  notices?: ReactNode;
  busy?: FlowView['busy'];
  fault?: FlowView['fault'];
  onFault?: (option: FaultOption) => void;
}

export const StepFrameContext = createContext<StepFrameShell>({});

export interface StepFrameProps {
  /** The step's heading (the header carries the service's name). */
  heading?: Text;
  /** One line under the heading: what to do here. */
  lead?: Text;
  children?: ReactNode;
  actions?: ReactNode;
  voice?: VoicePromptKey;
  /** The screen shows the host's wait itself (the print screen's outputs): keep it under the indicator. */
  showWhileBusy?: boolean;
}

export function StepFrame({ heading, lead, children, actions, voice, showWhileBusy }: StepFrameProps) {
  const shell = useContext(StepFrameContext);
  const { t } = useUi();
  useVoicePrompt(shell.fault || shell.busy ? undefined : voice);
  const { busy, fault, onFault } = shell;
  let body: ReactNode;
  let shownActions: ReactNode = actions;
  if (fault) {
    body = (
      <FailurePanel reason={`fault.${fault.code}` satisfies MessageKey}>
        {fault.options.map((option, i) => (
          <ActionButton
            key={option}
            variant={i === 0 ? 'primary' : 'secondary'}
            label={FAULT_ACTION_LABEL[option]}
            onPress={() => onFault?.(option)}
            testId={`fault-${option}`}
          />
        ))}
      </FailurePanel>
    );
    shownActions = undefined;
  } else if (busy) {
    body = (
      <>
        <ProgressPanel activity={`busy.${busy.key}`} voice={`busy.${busy.key}`} />
        {showWhileBusy && children}
      </>
    );
    if (!showWhileBusy) shownActions = undefined;
  } else body = children;
  return (
    <ScreenFrame header={shell.header} actions={shownActions} overlay={shell.overlay}>
      {shell.notices}
      {heading && !fault && (
        <div className="step-heading">
          <h2 className="ui-title">{t(heading)}</h2>
          {lead && <p className="ui-lead ui-muted">{t(lead)}</p>}
        </div>
      )}
      {body}
    </ScreenFrame>
  );
}
