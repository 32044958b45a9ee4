// The kiosk page: attract screen, catalogue, the journey's steps and the end of a session. It renders
// what the host describes (FlowView) and holds no journey logic. When a session ends, the whole tree
// below the UI root is remounted from scratch (language, elder mode, typed text, canvases and their
// object URLs all go with it) and browser storage is cleared.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Result } from '../../../main/ipc/contract';
import type { CatalogueView, FlowInput, FlowView } from '../../../main/ipc/contract/flow';
import { DiagnosticsCorner, DiagnosticsGate } from '../diagnostics/gate';
import { StepFrameContext, StepScreen, type StepFrameShell } from '../steps';
import { DevicePrompt, IdleCountdown, StepHeader } from '../ui/components';
import { UiRoot, useUi } from '../ui/settings';
import type { Orientation } from '../ui/tokens';
import type { VoicePlayer } from '../voice/voice-player';
import { AttractScreen } from './attract';
import { CatalogueScreen } from './catalogue';
import { EndingScreen } from './ending';
import { HostContext } from './host-context';
import type { KioskHost } from './host';
import { reminderPrompt } from './reminders';
import { wipeBrowserStorage } from './wipe';
import './shell.css';

export interface KioskProps {
  host: KioskHost;
  /** The page's clock for the idle countdown (the harness fixes it). */
  now?: (() => number) | undefined;
  /** The view to begin with (the harness); the product begins on the attract screen. */
  initialView?: FlowView | undefined;
  initialCatalogue?: CatalogueView | undefined;
  orientation?: Orientation | undefined;
  voice?: VoicePlayer | undefined;
  initialMode?: 'standard' | 'elder' | undefined;
  initialLocale?: 'zh-CN' | 'en' | undefined;
}

/** The technician's page, with the same bridge parameters as this one. */
const openDiagnostics = () => location.assign(`diagnostics.html${location.search}`);

/** A touch keeps the session alive; sent at most this often while the citizen types. */
const TAP_EVERY_MS = 5_000;

export function Kiosk(props: KioskProps) {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const off = props.host.onEnded(() => {
      wipeBrowserStorage();
      setGeneration((g) => g + 1);
    });
    // The session's view listener (below) subscribed first: children's effects run before this.
    props.host.ready();
    return off;
  }, [props.host]);
  // The first session may start in the mode and language the harness asks for; later ones never do.
  const first = generation === 0;
  return (
    <UiRoot
      key={generation}
      {...(props.orientation ? { orientation: props.orientation } : {})}
      {...(props.voice ? { voice: props.voice } : {})}
      {...(first && props.initialMode ? { initialMode: props.initialMode } : {})}
      {...(first && props.initialLocale ? { initialLocale: props.initialLocale } : {})}
    >
      <Session {...props} initialView={first ? props.initialView : undefined} />
    </UiRoot>
  );
}

function Session({ host, now, initialView, initialCatalogue }: KioskProps) {
  const { mode } = useUi();
  const [view, setView] = useState<FlowView | undefined>(initialView);
  const [catalogue, setCatalogue] = useState<CatalogueView | undefined>(initialCatalogue);
  useEffect(() => host.onView(setView), [host]);

  const take = useCallback((r: Promise<Result<FlowView>>) => {
    void r.then((res) => {
      if (res.ok) setView(res.value);
    });
  }, []);
  // One input at a time, in the order the citizen gave them (the bridge's requests could overtake).
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const send = useCallback(
    (input: FlowInput) => {
      const next = queue.current.then(() => host.send(input));
      queue.current = next.catch(() => undefined);
      take(next);
    },
    [host, take],
  );

  const phase = view?.phase ?? 'attract';
  const active = phase === 'browsing' || phase === 'flow';

  // The catalogue is read when a session starts: which services the devices can serve now.
  useEffect(() => {
    if (phase !== 'browsing') return;
    void host.catalogue().then((res) => res.ok && setCatalogue(res.value));
  }, [host, phase]);

  // Elder mode is the citizen's choice on the page; the host doubles the time limits for it.
  const elder = mode === 'elder';
  useEffect(() => {
    if (active && view && view.elder !== elder) send({ kind: 'elder', on: elder });
  }, [active, elder, view, send]);

  const lastTap = useRef(0);
  const onPointerDown = () => {
    if (!active) return;
    const t = Date.now();
    if (t - lastTap.current < TAP_EVERY_MS) return;
    lastTap.current = t;
    void host.send({ kind: 'tap' });
  };

  let screen: ReactNode;
  if (!view || phase === 'attract' || phase === 'ended') {
    screen = (
      <AttractScreen
        onStart={() => take(host.start())}
        corner={host.diag && <DiagnosticsCorner api={host.diag} open={openDiagnostics} />}
      />
    );
  } else if (phase === 'ending') {
    screen = <EndingScreen view={view} />;
  } else {
    const shell: StepFrameShell = {
      header: (
        <StepHeader
          title={view.service?.name ?? 'app.title'}
          {...(view.step ? { step: { n: view.step.n, m: view.step.m } } : {})}
          {...(view.can.back ? { onBack: () => take(host.back()) } : {})}
          {...(view.can.cancel ? { onCancel: () => take(host.cancel()) } : {})}
        />
      ),
      overlay:
        view.idle.warning && view.idle.deadline !== null ? (
          <IdleCountdown
            deadline={view.idle.deadline}
            {...(now ? { now } : {})}
            onMoreTime={() => take(host.extend())}
            onEnd={() => take(host.cancel())}
          />
        ) : undefined,
      notices: view.reminders.length ? (
        <div className="shell-reminders">
          {view.reminders.map((r) => (
            <DevicePrompt
              key={`${r.kind}:${r.role ?? ''}`}
              kind={reminderPrompt(r)}
              {...(r.door ? { door: r.door } : {})}
            />
          ))}
        </div>
      ) : undefined,
      busy: view.busy,
      fault: view.fault,
      onFault: (option) => send({ kind: 'fault', option }),
    };
    screen = (
      <StepFrameContext.Provider value={shell}>
        {phase === 'flow' && view.step ? (
          <StepScreen flow={{ ...view, step: view.step }} send={send} />
        ) : (
          <CatalogueScreen view={view} catalogue={catalogue} send={send} />
        )}
      </StepFrameContext.Provider>
    );
  }
  const page = (
    <div className="shell" data-phase={phase} onPointerDownCapture={onPointerDown}>
      {screen}
    </div>
  );
  return (
    <HostContext.Provider value={host}>
      {host.diag ? (
        <DiagnosticsGate api={host.diag} open={openDiagnostics}>
          {page}
        </DiagnosticsGate>
      ) : (
        page
      )}
    </HostContext.Provider>
  );
}
