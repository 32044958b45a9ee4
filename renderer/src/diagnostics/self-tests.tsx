// A device's self-tests through the real driver: each can be run alone or all in order; a test that
// needs the technician (take the slip, close door 3) says so while it waits; each result shows
// pass/warn/fail, what to fix and the facts the driver reported.
import { useEffect, useState } from 'react';
import type { DiagDevice, OperatorPrompt, SelfTestResultDto } from '../../../main/ipc/contract';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import type { Text } from '../ui/text';
import { countdown, hostText, type DiagApi } from './api';
import { useNow } from './clock';
import { dataRows, Facts, OutcomeMark } from './device-facts';

type Request = OperatorPrompt['request'];

export function promptText(r: Request): Text {
  switch (r.kind) {
    case 'closeDoor':
      return { key: 'diag.ask.closeDoor', params: { board: r.board, door: r.door } };
    case 'insertCard':
      return r.card === 'bank' ? 'diag.ask.insertBankCard' : 'diag.ask.insertSocialCard';
    case 'presentCode':
      return { key: 'diag.ask.presentCode', params: { text: r.text } };
    case 'placeIdCard':
    case 'removeIdCard':
    case 'removeCard':
    case 'takeReceipt':
      return `diag.ask.${r.kind}`;
  }
}

function OperatorAsk({ prompt }: { prompt: OperatorPrompt }) {
  const { t } = useUi();
  const now = useNow();
  return (
    <div
      className="ui-panel diag-ask"
      role="alert"
      data-testid="operator-prompt"
      data-kind={prompt.request.kind}
    >
      <p className="ui-lead">{t(promptText(prompt.request))}</p>
      <p className="ui-muted">
        {t({ key: 'diag.ask.waits', params: { left: countdown(prompt.until, now) } })}
      </p>
    </div>
  );
}

/** The locker door a door test opens: board and door, each stepped with large buttons. */
function DoorChoice({
  value,
  onChange,
}: {
  value: { board: number; door: number };
  onChange: (v: { board: number; door: number }) => void;
}) {
  const { t } = useUi();
  const step = (field: 'board' | 'door', by: number) => {
    const next = Math.max(field === 'door' ? 1 : 0, Math.min(255, value[field] + by));
    onChange({ ...value, [field]: next });
  };
  return (
    <div className="diag-door" data-testid="door-choice">
      {(['board', 'door'] as const).map((f) => (
        <div key={f} className="diag-stepper">
          <span>{t(`diag.locker.${f}`)}</span>
          <ActionButton variant="quiet" label="diag.less" onPress={() => step(f, -1)} testId={`${f}-less`} />
          <output data-testid={`${f}-value`}>{value[f]}</output>
          <ActionButton variant="quiet" label="diag.more" onPress={() => step(f, 1)} testId={`${f}-more`} />
        </div>
      ))}
    </div>
  );
}

export function SelfTests({ api, device, onDone }: { api: DiagApi; device: DiagDevice; onDone: () => void }) {
  const { t } = useUi();
  const [results, setResults] = useState<Record<string, SelfTestResultDto>>({});
  const [running, setRunning] = useState<string[]>();
  const [prompt, setPrompt] = useState<OperatorPrompt>();
  const [failed, setFailed] = useState(false);
  const [door, setDoor] = useState({ board: 1, door: 1 });
  useEffect(() => {
    const offResult = api.onSelfTest((e) => {
      if (e.deviceId !== device.deviceId) return;
      setResults((r) => ({ ...r, [e.result.id]: e.result }));
      setPrompt(undefined);
    });
    const offPrompt = api.onOperator((p) => p.deviceId === device.deviceId && setPrompt(p));
    return () => {
      offResult();
      offPrompt();
    };
  }, [api, device.deviceId]);
  const run = async (tests: string[]) => {
    setRunning(tests);
    setFailed(false);
    setResults((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !tests.includes(id))));
    const hasDoor = device.family === 'locker-board';
    const r = await api.runSelfTests({ deviceId: device.deviceId, tests, ...(hasDoor ? door : {}) });
    if (r.ok)
      setResults((prev) => ({ ...prev, ...Object.fromEntries(r.value.results.map((x) => [x.id, x])) }));
    else setFailed(true);
    setRunning(undefined);
    setPrompt(undefined);
    onDone();
  };
  const busy = running !== undefined;
  return (
    <section className="diag-tests" aria-labelledby="diag-tests-title">
      <div className="diag-section-head">
        <h3 id="diag-tests-title" className="diag-subtitle">
          {t('diag.tests.title')}
        </h3>
        <ActionButton
          label="diag.tests.runAll"
          disabled={busy || device.selfTests.length === 0}
          onPress={() => void run(device.selfTests.map((s) => s.id))}
          testId="tests-run-all"
        />
      </div>
      {device.family === 'locker-board' && <DoorChoice value={door} onChange={setDoor} />}
      {prompt && <OperatorAsk prompt={prompt} />}
      {failed && (
        <p className="diag-note is-fail" role="alert">
          {t('diag.tests.couldNotRun')}
        </p>
      )}
      <ul className="diag-test-list">
        {device.selfTests.map((s) => {
          const r = results[s.id];
          return (
            <li key={s.id} className="diag-test" data-test={s.id} data-outcome={r?.outcome}>
              <div className="diag-test-head">
                <span className="diag-test-title">
                  {t(hostText(s.title, s.id))}
                  <span className="ui-muted"> · {t(`diag.tests.kind.${s.kind}`)}</span>
                </span>
                {r && <OutcomeMark outcome={r.outcome} />}
                {running?.includes(s.id) && !r ? (
                  <span className="diag-badge is-warn" data-testid="test-running">
                    {t('diag.tests.running')}
                  </span>
                ) : (
                  <ActionButton
                    variant="secondary"
                    label="diag.tests.run"
                    disabled={busy}
                    onPress={() => void run([s.id])}
                    testId={`run-${s.id}`}
                  />
                )}
              </div>
              {r?.key && <p className="diag-test-key">{t(hostText(r.key))}</p>}
              {r && <Facts rows={[...dataRows(r.data), ['diag.tests.took', `${r.ms} ms`]]} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
