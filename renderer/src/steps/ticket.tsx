// Queue ticket and appointment check-in: the number the back office gave and how many wait ahead.
// Until it answers, the shell shows the host's wait ("正在取号").
import type { FlowView } from '../../../main/ipc/contract/flow';
import { ActionButton, ProgressPanel } from '../ui/components';
import { useUi } from '../ui/settings';
import { StepFrame } from './step-frame';
import type { StepProps } from './types';

type Ticket = NonNullable<Extract<NonNullable<FlowView['step']>, { kind: 'queueTicket' }>['ticket']>;

function TicketPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useUi();
  return (
    <section className="ui-panel journey-ticket" data-testid="ticket">
      <p className="journey-ticket-number" data-testid="ticket-number">
        {ticket.number}
      </p>
      <p className="ui-lead" data-testid="ticket-waiting">
        {ticket.waiting === 0
          ? t('ticket.next')
          : t({ key: 'ticket.waiting', params: { n: ticket.waiting } })}
      </p>
      {ticket.counter && (
        <p className="ui-lead">{t({ key: 'ticket.counter', params: { counter: ticket.counter } })}</p>
      )}
    </section>
  );
}

function TicketStep({ view, send }: StepProps<'queueTicket' | 'checkIn'>) {
  const checkIn = view.kind === 'checkIn';
  return (
    <StepFrame
      heading={checkIn ? 'checkIn.title' : 'ticket.title'}
      {...(checkIn && view.ticket ? { lead: 'checkIn.done' as const } : {})}
      actions={
        view.ticket && (
          <ActionButton label="action.next" onPress={() => send({ kind: 'next' })} testId="step-next" />
        )
      }
    >
      {view.ticket ? (
        <TicketPanel ticket={view.ticket} />
      ) : (
        <ProgressPanel activity={checkIn ? 'busy.checkingIn' : 'busy.issuingTicket'} />
      )}
    </StepFrame>
  );
}

export const QueueTicketStep = (props: StepProps<'queueTicket'>) => <TicketStep {...props} />;
export const CheckInStep = (props: StepProps<'checkIn'>) => <TicketStep {...props} />;
