// Locker deposit and pickup: the host opens a door and says when its sensor sees it open and closed.
// "Close the door" and "recorded" follow the host's view (device events), never a timer; "I have
// closed the door" is there because a dead door sensor must not trap anyone (the host trusts it
// only while the door is open).
import type { MessageKey } from '../i18n/messages';
import { ActionButton, DevicePrompt, ProgressPanel } from '../ui/components';
import { useUi } from '../ui/settings';
import { StepFrame } from './step-frame';
import type { StepProps } from './types';

type LockerKind = 'lockerDeposit' | 'lockerPickup';

function LockerStep({ view, send, flow }: StepProps<LockerKind>) {
  const { t } = useUi();
  const deposit = view.kind === 'lockerDeposit';
  const door = view.door ?? '';
  const heading: MessageKey = deposit ? 'locker.deposit.title' : 'locker.pickup.title';
  // The door is still open at the end of the step (the sensor has not seen it close): say so.
  const stillOpen = flow?.reminders.some((r) => r.kind === 'doorOpen') === true;
  switch (view.state) {
    case 'opening':
      return (
        <StepFrame heading={heading}>
          <ProgressPanel activity="busy.openingDoor" voice="busy.openingDoor" />
        </StepFrame>
      );
    case 'open':
      return (
        <StepFrame
          heading={heading}
          actions={
            <ActionButton
              label="locker.closed"
              onPress={() => send({ kind: 'next' })}
              testId="locker-closed"
            />
          }
        >
          <DevicePrompt kind={deposit ? 'depositInLocker' : 'pickupFromLocker'} door={door} />
        </StepFrame>
      );
    case 'recording':
      return (
        <StepFrame heading={heading}>
          <ProgressPanel activity="busy.recording" voice="busy.recording" />
        </StepFrame>
      );
    case 'done':
      return (
        <StepFrame
          heading={heading}
          actions={
            <ActionButton label="action.next" onPress={() => send({ kind: 'next' })} testId="step-next" />
          }
        >
          {stillOpen && <DevicePrompt kind="closeDoor" door={door} />}
          <p className="ui-panel ui-lead" role="status" data-testid="locker-done">
            {t({ key: deposit ? 'locker.deposit.done' : 'locker.pickup.done', params: { door } })}
          </p>
        </StepFrame>
      );
  }
}

export const LockerDepositStep = (props: StepProps<'lockerDeposit'>) => <LockerStep {...props} />;
export const LockerPickupStep = (props: StepProps<'lockerPickup'>) => <LockerStep {...props} />;
