// The steps that only say something: a notice, the end of a journey, a referral to a counter.
import type { MessageKey } from '../../i18n/messages';
import { ActionButton, FailurePanel } from '../../ui/components';
import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { NextAction } from './next';
import { Rows } from './rows';

export function NoticeStep({ view, send }: StepProps<'notice'>) {
  const { t } = useUi();
  return (
    <StepFrame heading={`notice.${view.tone}` satisfies MessageKey} actions={<NextAction send={send} />}>
      <p
        className={`step-message is-${view.tone}`}
        role={view.tone === 'warning' ? 'alert' : 'status'}
        data-testid="notice-message"
      >
        {t(view.message)}
      </p>
    </StepFrame>
  );
}

export function DoneStep({ view, send }: StepProps<'done'>) {
  const { t } = useUi();
  return (
    <StepFrame
      heading="done.title"
      voice="step.done"
      actions={
        <>
          <ActionButton label="done.finish" onPress={() => send({ kind: 'finish' })} testId="done-finish" />
          <ActionButton
            variant="secondary"
            label="done.another"
            onPress={() => send({ kind: 'another' })}
            testId="done-another"
          />
        </>
      }
    >
      <p className="step-message is-success" role="status" data-testid="done-message">
        {t(view.message)}
      </p>
      <Rows rows={view.rows} testId="done-rows" />
    </StepFrame>
  );
}

/** Sent to a counter after a fault: why, and where to go; then `finish`. */
export function ReferralStep({ view, send }: StepProps<'referral'>) {
  return (
    <StepFrame
      actions={
        <ActionButton label="done.finish" onPress={() => send({ kind: 'finish' })} testId="referral-finish" />
      }
    >
      <FailurePanel
        reason={`fault.${view.code}` satisfies MessageKey}
        counter={{ key: 'referral.counter', params: { theme: view.theme } }}
      />
    </StepFrame>
  );
}
