import type { VoicePromptKey } from '../../voice/prompts';
import { useUi, useVoicePrompt } from '../settings';
import type { Text } from '../text';

export interface ProgressPanelProps {
  /** What is happening, in words ("正在打印，请稍候"). */
  activity: Text;
  /** 0..1 when the host knows how far along it is; otherwise an indeterminate spinner. */
  fraction?: number;
  voice?: VoicePromptKey;
}

/** Shown on every wait longer than a second: what is happening, and how far if known. */
export function ProgressPanel({ activity, fraction, voice }: ProgressPanelProps) {
  const { t } = useUi();
  useVoicePrompt(voice);
  const percent = fraction === undefined ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <section className="ui-panel ui-progress" role="status" aria-live="polite" data-testid="progress">
      {percent === undefined ? (
        <div className="ui-spinner" aria-hidden="true" />
      ) : (
        <div
          className="ui-progress-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t(activity)}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
      )}
      <p className="ui-lead">{t(activity)}</p>
      {percent !== undefined && (
        <p className="ui-muted">{t({ key: 'progress.percent', params: { p: percent } })}</p>
      )}
    </section>
  );
}
