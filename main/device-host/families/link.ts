// The link of a serial family, chosen from configuration: a real port, or the family's simulator on
// the far end of an in-memory pair (the same bytes as on a cable) whose cable can be pulled.
import {
  DeadlineError,
  runSelfTests,
  type SelfTest,
  DeviceError,
  LinkSupervisor,
  deadline,
  systemClock,
  toDeviceError,
  type Clock,
  type DeviceStatus,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../../../devices/core';
import { memoryPair, SerialTransport, type MemoryEnd } from '../../../devices/transports';
import { formatDateTime } from '../../../domain/time';
import type { BuildContext, BuiltDevice, DeviceSpec, SelfTestPlan, SimulatedLinkControl } from './types';

export interface SerialLink {
  transport: Transport;
  /**
   * Opens a real port once up front: in `oneShot` mode a failure is thrown at once (one wording, the
   * OS's reason), in `service` mode it is logged and left to the supervisor. Nothing for a simulated link.
   */
  open(): Promise<void>;
  /** Set for a simulated link. */
  control?: SimulatedLinkControl;
  /** The reason the port could not be opened, while it stays closed. */
  problem: () => DeviceError | undefined;
  /** Detaches the simulator (the driver has closed the transport by then). */
  dispose: () => void;
}

export interface SimulatorAttachment {
  /** Starts serving the far end of the link; returns how to stop. */
  attach(wire: Transport): () => void;
  /** Called after the cable is put back, with the reopened far end (for simulators that let go on close). */
  onReplug?(wire: Transport): void;
}

/** A serial port or a simulated link, not yet opened (the driver can check its settings first). */
export function serialLink(
  spec: DeviceSpec<unknown>,
  ctx: BuildContext,
  defaultBaud: number,
  simulator: () => SimulatorAttachment,
): SerialLink {
  const t = spec.transport;
  if (t.kind === 'serial') {
    const options = { path: t.path, baudRate: t.baudRate ?? defaultBaud };
    const transport = ctx.serialPort ? ctx.serialPort(options) : new SerialTransport(options);
    let failure: DeviceError | undefined;
    return {
      transport,
      async open() {
        try {
          await transport.open();
        } catch (err) {
          failure = toDeviceError(err, { deviceId: spec.id, command: 'open' });
          if (ctx.mode === 'oneShot') throw failure;
          ctx.log.warn('device.portUnavailable', { message: failure.message, retrying: true });
        }
      },
      problem: () => (transport.isOpen ? undefined : failure),
      dispose: () => undefined,
    };
  }
  if (t.kind !== 'simulated')
    throw new DeviceError('invalidArgument', `${spec.family} cannot use a ${t.kind} transport`, {
      deviceId: spec.id,
    });
  return simulatedLink(spec.id, simulator(), ctx.log);
}

function simulatedLink(id: string, sim: SimulatorAttachment, log: Logger): SerialLink {
  const [deviceEnd, simEnd] = memoryPair(id);
  void simEnd.open();
  let detach = sim.attach(simEnd);
  let plugged = true;
  const setPresent = (ends: MemoryEnd[], present: boolean) => ends.forEach((e) => (e.present = present));
  const control: SimulatedLinkControl = {
    get plugged() {
      return plugged;
    },
    unplug() {
      if (!plugged) return Promise.resolve();
      plugged = false;
      setPresent([deviceEnd, simEnd], false);
      deviceEnd.unplug();
      log.info('sim.unplugged', {});
      return Promise.resolve();
    },
    async replug() {
      if (plugged) return;
      plugged = true;
      setPresent([deviceEnd, simEnd], true);
      await simEnd.open();
      sim.onReplug?.(simEnd);
      log.info('sim.replugged', {});
    },
  };
  return {
    transport: deviceEnd,
    control,
    open: () => Promise.resolve(),
    problem: () => undefined,
    dispose: () => {
      detach();
      detach = () => undefined;
      void simEnd.close();
    },
  };
}

/**
 * Runs `wait` under a deadline of `timeoutMs` (and the caller's signal); when the deadline passes
 * first, the outcome is `onDeadline()` (a value, or a DeviceError it throws) instead of an abort.
 */
export async function untilDeadline<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  clock: Clock,
  wait: (signal: AbortSignal) => Promise<T>,
  onDeadline: () => T,
  where: { deviceId: string; command: string },
): Promise<T> {
  const limit = deadline(timeoutMs, [signal], clock);
  try {
    return await wait(limit.signal);
  } catch (err) {
    if (limit.signal.reason instanceof DeadlineError) return onDeadline();
    throw toDeviceError(err, where, signal);
  } finally {
    limit.dispose();
  }
}

/** Reopens a link with backoff for drivers that do not supervise their own link. */
export function superviseLink(
  transport: Transport,
  log: Logger,
  onConnected: (signal: AbortSignal) => Promise<void>,
  opts: Partial<SupervisorOptions> = {},
  clock: Clock = systemClock,
): LinkSupervisor {
  return new LinkSupervisor(
    transport,
    { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 3_000, ...opts },
    log,
    onConnected,
    clock,
  );
}

/** The simulator handle and the cable of a simulated device, absent for a real one. */
export function simulatedParts<S>(
  simulator: S | undefined,
  link: SerialLink,
): Pick<BuiltDevice<unknown, S>, 'simulator' | 'link'> {
  return { ...(simulator ? { simulator } : {}), ...(link.control ? { link: link.control } : {}) };
}

/** The parts of BuiltDevice every family fills the same way from a StatusCell-like source. */
export function statusOf<D extends object>(cell: {
  current: DeviceStatus<D>;
  subscribe(l: (s: DeviceStatus<D>) => void): () => void;
}): Pick<BuiltDevice, 'status' | 'onStatus'> {
  return {
    status: () => cell.current,
    onStatus: (l) => cell.subscribe(l),
  };
}

/** Self-tests bound to the subject they run against, on the device's clock. */
export function selfTestPlan<T>(tests: readonly SelfTest<T>[], subject: T, clock?: Clock): SelfTestPlan {
  return {
    tests: tests.map(({ id, title, kind }) => ({ id, title, kind })),
    run: ({ operator, signal, onResult, only }) =>
      runSelfTests(
        only ? tests.filter((t) => only.includes(t.id)) : tests,
        {
          device: subject,
          operator,
          // People read Beijing time on a test slip (domain/time), not the UTC instant.
          readableTime: (at) => formatDateTime(at, { seconds: true }),
          ...(signal ? { signal } : {}),
          ...(clock ? { clock } : {}),
        },
        onResult,
      ),
  };
}
