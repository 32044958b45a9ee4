import type { FlowView } from '../../../main/ipc/contract/flow';
import { DevicePrompt, ProgressPanel, ScreenFrame } from '../ui/components';
import { reminderPrompt } from './reminders';

/** The session is ending: what the citizen must still take or close, from the devices' signals. */
export function EndingScreen({ view }: { view: FlowView }) {
  return (
    <ScreenFrame>
      {view.reminders.length ? (
        view.reminders.map((r) => (
          <DevicePrompt
            key={`${r.kind}:${r.role ?? ''}`}
            kind={reminderPrompt(r)}
            {...(r.door ? { door: r.door } : {})}
          />
        ))
      ) : (
        <ProgressPanel activity="ending.closing" />
      )}
    </ScreenFrame>
  );
}
