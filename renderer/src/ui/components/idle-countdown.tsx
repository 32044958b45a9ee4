import { useEffect, useId, useState } from 'react';
import { useUi, useVoicePrompt } from '../settings';
import { ActionButton } from './action-button';

/** Whole seconds left until `deadline`, rounded up (a countdown shows 1 until the very end), never negative. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

function useSecondsLeft(deadline: number, now: () => number): number {
  const [left, setLeft] = useState(() => secondsLeft(deadline, now()));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsLeft(deadline, now())), 250);
    return () => clearInterval(timer);
  }, [deadline, now]);
  return left;
}

export interface IdleCountdownProps {
  /** When the host ends the session (ms, same clock as `now`). The host owns the limits. */
  deadline: number;
  onMoreTime: () => void;
  onEnd?: () => void;
  /** The page's clock; injected by tests and the gallery. */
  now?: () => number;
}

/**
 * The idle warning over the screen: a visible countdown, "do you need more time?", and one large
 * action to keep going. The host shows it at least 20 s before the end (40 s in elder mode).
 */
export function IdleCountdown({ deadline, onMoreTime, onEnd, now = Date.now }: IdleCountdownProps) {
  const { t } = useUi();
  const left = useSecondsLeft(deadline, now);
  const titleId = useId();
  useVoicePrompt('idle.warning');
  return (
    <div className="ui-overlay">
      <section
        className="ui-dialog ui-idle"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="idle-countdown"
      >
        <div className="ui-idle-seconds" aria-hidden="true">
          {left}
        </div>
        <h2 id={titleId} className="ui-title">
          {t('idle.title')}
        </h2>
        <p className="ui-lead" aria-live="polite" aria-atomic="true">
          {t({ key: 'idle.countdown', params: { n: left } })}
        </p>
        <p>{t('idle.privacy')}</p>
        <div className="ui-dialog-actions">
          <ActionButton label="action.moreTime" onPress={onMoreTime} testId="idle-more-time" />
          {onEnd && (
            <ActionButton variant="secondary" label="action.endNow" onPress={onEnd} testId="idle-end" />
          )}
        </div>
      </section>
    </div>
  );
}
