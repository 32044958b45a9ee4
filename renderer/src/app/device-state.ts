// How the citizen's status line names a device's state: the condition the host names (缺纸, 纸将尽,
// 开盖 …) when there is one, so paper out never reads 离线; the bare health only for a device the
// host reports without a condition. The words are the technician's (diag.condition.*): one vocabulary.
import type { DeviceStatusDto } from '../../../main/ipc/contract';
import type { MessageKey } from '../i18n/messages';

export function deviceStateKey(d: Pick<DeviceStatusDto, 'health' | 'condition'>): MessageKey {
  return d.condition && d.condition !== 'ready'
    ? (`diag.condition.${d.condition}` satisfies MessageKey)
    : (`health.${d.health}` satisfies MessageKey);
}
