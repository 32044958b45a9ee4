import type { MessageKey } from '../../i18n/messages';
import { ActionButton } from '../../ui/components';
import type { FlowEvent } from '../types';

/** The step's main action: go on. */
export function NextAction({
  send,
  label = 'action.next',
}: {
  send: (e: FlowEvent) => void;
  label?: MessageKey;
}) {
  return <ActionButton label={label} onPress={() => send({ kind: 'next' })} testId="step-next" />;
}
