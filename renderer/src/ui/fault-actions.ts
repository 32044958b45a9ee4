// The label of each thing a citizen may do about a fault (the host's FaultOption).
import type { FaultOption } from '../../../main/ipc/contract/flow';
import type { MessageKey } from '../i18n/messages';

export const FAULT_ACTION_LABEL: Readonly<Record<FaultOption, MessageKey>> = {
  retry: 'action.retry',
  wait: 'action.wait',
  back: 'action.back',
  skip: 'action.skip',
  counter: 'action.toCounter',
  end: 'action.endNow',
};
