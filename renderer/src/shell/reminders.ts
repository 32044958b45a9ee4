import type { FlowView } from '../../../main/ipc/contract/flow';
import type { DevicePromptKind } from '../ui/components';

type Reminder = FlowView['reminders'][number];

/** The device prompt of something the citizen must not leave behind (raised from device events). */
export function reminderPrompt(r: Reminder): DevicePromptKind {
  switch (r.kind) {
    case 'cardLeft':
      return r.role === 'idCard' || r.role === undefined ? 'takeIdCard' : 'takeCard';
    case 'receiptNotTaken':
      return 'takeReceipt';
    case 'doorOpen':
      return 'closeDoor';
  }
}
