// Coming in: the technician's number and PIN on the digit pad, a lockout said plainly with when it
// ends, and the wait for the citizen at the terminal to finish before the public sees 暂停服务.
import { useState } from 'react';
import type { DiagMode, PinResult } from '../../../main/ipc/contract';
import { NumberPad } from '../input/number-pad';
import { ActionButton, ProgressPanel, ScreenFrame, StepHeader } from '../ui/components';
import { useUi } from '../ui/settings';
import { countdown, when, type DiagApi } from './api';
import { useNow } from './clock';

type PinPhase = Extract<DiagMode, { phase: 'pin' }>;

/** Technician number (unless a technician card named them), then the PIN; wrong PINs count down to a lockout. */
export function PinScreen({ api, mode }: { api: DiagApi; mode: PinPhase }) {
  const { t } = useUi();
  const [technicianId, setTechnicianId] = useState(mode.technician?.id ?? '');
  const [askPin, setAskPin] = useState(mode.technician !== undefined);
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState<PinResult | 'failed'>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = await api.pin({ pin, ...(mode.technician ? {} : { technicianId }) });
    setBusy(false);
    setPin('');
    setAnswer(r.ok ? r.value : 'failed');
  };
  const attemptsLeft = answer && answer !== 'failed' ? answer.attemptsLeft : mode.attemptsLeft;
  return (
    <ScreenFrame
      header={<StepHeader title="diag.pin.title" step={{ n: askPin ? 2 : 1, m: 2 }} />}
      actions={
        <>
          <ActionButton
            variant="secondary"
            label="action.cancel"
            onPress={() => void api.cancel()}
            testId="pin-cancel"
          />
          {askPin ? (
            <ActionButton
              label="action.confirm"
              disabled={busy || pin.length < 4}
              onPress={() => void submit()}
              testId="pin-submit"
            />
          ) : (
            <ActionButton
              label="action.next"
              disabled={technicianId.length === 0}
              onPress={() => setAskPin(true)}
              testId="pin-next"
            />
          )}
        </>
      }
    >
      {mode.technician && (
        <p className="ui-lead" data-testid="pin-technician">
          {t({ key: 'diag.pin.technician', params: { name: mode.technician.name } })}
        </p>
      )}
      {askPin ? (
        <NumberPad
          kind="digits"
          label="diag.pin.pin"
          value={pin}
          onChange={setPin}
          maxLength={12}
          masked
          testId="pin-pad"
        />
      ) : (
        <NumberPad
          kind="digits"
          label="diag.pin.number"
          value={technicianId}
          onChange={setTechnicianId}
          maxLength={12}
          testId="pin-number"
        />
      )}
      {answer === 'failed' && (
        <p className="diag-note is-fail" role="alert">
          {t('diag.hostUnreachable')}
        </p>
      )}
      {answer !== undefined && answer !== 'failed' && answer.outcome === 'wrong' && (
        <p className="diag-note is-fail" role="alert" data-testid="pin-wrong">
          {t({ key: 'diag.pin.wrong', params: { n: attemptsLeft } })}
        </p>
      )}
    </ScreenFrame>
  );
}

/** Too many wrong PINs: nobody comes in until `until`, and the screen says when. */
export function LockedScreen({ api, until }: { api: DiagApi; until: number }) {
  const { t, locale } = useUi();
  const now = useNow();
  return (
    <ScreenFrame
      header={<StepHeader title="diag.locked.title" />}
      actions={
        <ActionButton variant="secondary" label="diag.backToService" onPress={() => void api.cancel()} />
      }
    >
      <section className="ui-panel diag-alert" role="alert" data-testid="pin-locked">
        <p className="ui-lead">{t('diag.locked.why')}</p>
        <p>
          {t({
            key: 'diag.locked.until',
            params: { time: when(locale, until), left: countdown(until, now) },
          })}
        </p>
        <p className="ui-muted">{t('diag.locked.audited')}</p>
      </section>
    </ScreenFrame>
  );
}

type Waiting = Extract<DiagMode, { phase: 'waiting' }>;

/** Authenticated; the citizen at the terminal finishes first (or their session times out). */
export function WaitingScreen({ api, mode }: { api: DiagApi; mode: Waiting }) {
  const { t, locale } = useUi();
  const now = useNow();
  return (
    <ScreenFrame
      header={<StepHeader title="diag.waiting.title" />}
      actions={
        <ActionButton
          variant="secondary"
          label="diag.waiting.giveUp"
          onPress={() => void api.cancel()}
          testId="waiting-cancel"
        />
      }
    >
      <ProgressPanel activity="diag.waiting.activity" />
      <div className="ui-panel" data-testid="waiting">
        <p>
          {t({
            key: 'diag.waiting.who',
            params: { name: mode.technician.name, time: when(locale, mode.since) },
          })}
        </p>
        {mode.sessionEndsBy !== undefined && (
          <p>{t({ key: 'diag.waiting.endsBy', params: { left: countdown(mode.sessionEndsBy, now) } })}</p>
        )}
        <p className="ui-muted">{t('diag.waiting.noNewSession')}</p>
      </div>
    </ScreenFrame>
  );
}

/** The page was opened with diagnostics off: the hidden gesture's equivalent, for the technician's page. */
export function StartScreen({ api }: { api: DiagApi }) {
  return (
    <ScreenFrame
      header={<StepHeader title="diag.title" />}
      actions={
        <ActionButton
          label="diag.start"
          onPress={() => void api.request({ trigger: 'gesture' })}
          testId="diag-start"
        />
      }
    >
      <section className="ui-panel">
        <p className="ui-lead">{useUi().t('diag.start.why')}</p>
      </section>
    </ScreenFrame>
  );
}
