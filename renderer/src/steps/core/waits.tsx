// Steps where the terminal works and the citizen waits: the host says what it is busy with
// (view.busy → the frame's progress panel); without a busy key the wait is still put in words.
import { ProgressPanel } from '../../ui/components';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';

export function SubmitStep(_: StepProps<'submit'>) {
  return (
    <StepFrame>
      <ProgressPanel activity="busy.submitting" voice="busy.submitting" />
    </StepFrame>
  );
}

/** 秒批: the host waits for the decision (its `result` timer ends the wait, not the page). */
export function WaitResultStep(_: StepProps<'waitResult'>) {
  return (
    <StepFrame>
      <ProgressPanel activity="busy.waitingForResult" voice="busy.waitingForResult" />
    </StepFrame>
  );
}
