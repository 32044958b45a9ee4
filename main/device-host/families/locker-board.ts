// RS-485 locker cabinets (8A / Kerong CU). One wiring for the host, `yizhan device locker` and
// `yizhan sim locker`; the link is kept open by a LinkSupervisor (a pulled cable comes back).
import {
  isReconfigurable,
  silentLogger,
  systemClock,
  type Clock,
  type DeviceStatus,
  type Health,
  type Logger,
  type Transport,
} from '../../../devices/core';
import {
  createLockerProtocol,
  defaultCabinetConfig,
  DEFAULT_LOCKER_BOARD,
  LockerCabinetDriver,
  LockerCabinetSimulator,
  lockerManifest,
  lockerSelfTests,
  type DoorState,
  type LockerCabinetConfig,
  type LockerCabinetDetail,
  type LockerBoardOptions,
  type LockerEvents,
  type LockerProtocolName,
  type OpenResult,
} from '../../../devices/locker-board';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, serialLink, statusOf, simulatedParts } from './link';
import { defineFamily, type BuildMode, type BuiltDevice } from './types';

export { LockerBoardOptions } from '../../../devices/locker-board';

export interface DoorOccupancy {
  board: number;
  door: number;
  state: DoorState['state'];
  /** From the IR sensor (CU boards); null when the board has none. */
  itemPresent: boolean | null;
}

export type LockerDoorEvent =
  | ({ kind: 'opened' } & LockerEvents['doorOpened'])
  | ({ kind: 'closed' } & LockerEvents['doorClosed'])
  | ({ kind: 'forcedOpen' } & LockerEvents['forcedOpen'])
  | ({ kind: 'item' } & LockerEvents['itemPresent']);

export interface LockerCommands {
  readonly config: LockerCabinetConfig;
  /** Unlocks a door and resolves once its sensor reports it open (never just "command accepted"). */
  open(board: number, door: number, signal?: AbortSignal): Promise<OpenResult>;
  /** Resolves once the door is closed (latched); `userAction`/`doorLeftOpen` after `timeoutMs`. */
  waitClosed(
    board: number,
    door: number,
    opts?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<DoorState>;
  readBoard(board: number, signal?: AbortSignal): Promise<DoorState[]>;
  /** Every door as the last sweep saw it: open or closed, and whether something lies in it. */
  occupancy(): DoorOccupancy[];
  onDoor(listener: (e: LockerDoorEvent) => void): () => void;
  openAllStaggered: LockerCabinetDriver['openAllStaggered'];
  /**
   * For a board that stays silent: whether one answers in the other protocol (see
   * otherProtocolAnswering). Only between commands of a technician's one-shot use, never while the
   * kiosk's sweep runs on the bus.
   */
  otherProtocol(
    board: number,
    signal?: AbortSignal,
  ): Promise<{ protocol: LockerProtocolName; board: number; baudRate: number } | undefined>;
}

export interface LockerSimulatorControl {
  readonly simulator: LockerCabinetSimulator;
  jam(board: number, door: number): void;
  free(board: number, door: number): void;
  /** A person shuts the door. */
  close(board: number, door: number): void;
  forceOpen(board: number, door: number): void;
  setItem(board: number, door: number, present: boolean): void;
  setDeadSensor(board: number, door: number, dead: boolean): void;
  silence(board: number): void;
  answer(board: number): void;
  isOpen(board: number, door: number): boolean;
  doorState: LockerCabinetSimulator['doorState'];
  dispose(): void;
}

/** The cabinet settings from the family's options (one default board for every protocol). */
export function cabinetConfig(o: Pick<LockerBoardOptions, 'protocol' | 'cabinet'>): LockerCabinetConfig {
  return defaultCabinetConfig(o.protocol, stripUndefined(o.cabinet));
}

/** A simulated cabinet answering on `wire` (host link or a pty of `yizhan sim locker`). */
export function createLockerSimulator(
  wire: Transport,
  config: LockerCabinetConfig,
  opts: {
    closeAfterMs?: number | null;
    springMs?: number;
    baudRate?: number;
    log?: Logger;
    clock?: Clock;
  } = {},
): LockerSimulatorControl {
  const sim = new LockerCabinetSimulator(
    wire,
    {
      protocol: config.protocol,
      boards: config.boards,
      doorsPerBoard: config.doorsPerBoard,
      feedbackActiveMeans: config.feedbackActiveMeans,
      groupOrder: config.groupOrder,
      bitOrder: config.bitOrder,
      autoCloseMs: opts.closeAfterMs ?? null,
      ...(opts.springMs !== undefined ? { springMs: opts.springMs } : {}),
      ...(opts.baudRate !== undefined ? { baudRate: opts.baudRate } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
    },
    opts.log ?? silentLogger,
  );
  return {
    simulator: sim,
    jam: (b, d) => sim.setJammed(b, d, true),
    free: (b, d) => sim.setJammed(b, d, false),
    close: (b, d) => sim.closeDoor(b, d),
    forceOpen: (b, d) => sim.forceOpen(b, d),
    setItem: (b, d, present) => sim.setItemPresent(b, d, present),
    setDeadSensor: (b, d, dead) => sim.setDeadSensor(b, d, dead),
    silence: (b) => sim.setBoardAnswering(b, false),
    answer: (b) => sim.setBoardAnswering(b, true),
    isOpen: (b, d) => sim.isOpen(b, d),
    doorState: (b, d) => sim.doorState(b, d),
    dispose: () => sim.dispose(),
  };
}

export function lockerCondition(s: DeviceStatus<object>, linkUp: boolean): DeviceCondition {
  if (!linkUp) return 'notConnected';
  const boards: Health[] = Object.values((s.detail as Partial<LockerCabinetDetail>).boards ?? {});
  if (s.health === 'online') return 'ready';
  if (s.health === 'busy') return 'busy';
  return boards.length > 0 ? 'boardNotAnswering' : 'notConnected';
}

export const lockerBoard = defineFamily({
  family: lockerManifest.family,
  roles: lockerManifest.roles,
  transports: ['serial', 'simulated'],
  options: lockerManifest.config,
  manifest: lockerManifest,
  async build(spec, ctx): Promise<BuiltDevice<LockerCommands, LockerSimulatorControl, LockerCabinetDriver>> {
    const config = cabinetConfig(spec.options);
    const clock = ctx.clock ?? systemClock;
    const baud = createLockerProtocol(config.protocol, config).baudRate;
    let control: LockerSimulatorControl | undefined;
    const link = serialLink(spec, ctx, baud, () => ({
      attach: (wire) => {
        control = createLockerSimulator(wire, config, {
          ...(spec.options.simulator?.closeAfterMs !== undefined
            ? { closeAfterMs: spec.options.simulator.closeAfterMs }
            : {}),
          ...(spec.options.simulator?.springMs !== undefined
            ? { springMs: spec.options.simulator.springMs }
            : {}),
          log: ctx.log.child({ role: 'simulator' }),
          clock,
        });
        return () => control?.dispose();
      },
    }));
    // Checks addresses and door counts again (the schema did for the site file) before any byte.
    let driver: LockerCabinetDriver;
    try {
      driver = new LockerCabinetDriver(link.transport, { deviceId: spec.id, ...config }, ctx.log, clock);
    } catch (err) {
      link.dispose();
      throw err;
    }
    await link.open();
    // A technician's command does one thing on a port it opened; the kiosk keeps the bus watched.
    if (ctx.mode === 'service') driver.start();
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => lockerCondition(driver.status.current, link.transport.isOpen),
      linkProblem: link.problem,
      commands: lockerCommands(driver, link.transport, ctx.mode),
      driver,
      ...simulatedParts(control, link),
      async stop() {
        await driver.stop();
        link.dispose();
      },
    };
  },
  selfTests(device, params) {
    const driver = device.driver!;
    const testDoor = { board: params.board ?? driver.config.boards[0]!, door: params.door ?? 1 };
    return selfTestPlan(lockerSelfTests, { driver, testDoor }, driver.clock);
  },
  operate(control, request) {
    if (request.kind === 'closeDoor') control.close(request.board, request.door);
    return Promise.resolve();
  },
});

function lockerCommands(driver: LockerCabinetDriver, transport: Transport, mode: BuildMode): LockerCommands {
  return {
    config: driver.config,
    open: (board, door, signal) => driver.open(board, door, signal),
    waitClosed: (board, door, opts) => driver.waitClosed(board, door, opts),
    readBoard: (board, signal) => driver.readBoard(board, signal),
    occupancy: () =>
      driver.config.boards.flatMap((board) =>
        driver.boardStatus(board).current.detail.doors.map((d) => ({
          board,
          door: d.door,
          state: d.state,
          itemPresent: d.itemPresent,
        })),
      ),
    onDoor(listener) {
      const offs = [
        driver.events.on('doorOpened', (e) => listener({ kind: 'opened', ...e })),
        driver.events.on('doorClosed', (e) => listener({ kind: 'closed', ...e })),
        driver.events.on('forcedOpen', (e) => listener({ kind: 'forcedOpen', ...e })),
        driver.events.on('itemPresent', (e) => listener({ kind: 'item', ...e })),
      ];
      return () => offs.forEach((off) => off());
    },
    openAllStaggered: (board, opts) => driver.openAllStaggered(board, opts),
    otherProtocol: (board, signal) =>
      mode === 'oneShot'
        ? otherProtocolAnswering(transport, driver.config, board, signal)
        : Promise.reject(
            new RangeError('the protocol probe is for a technician command, not the running kiosk'),
          ),
  };
}

/**
 * When a board stays silent, asks in the other protocol (a status query, which moves nothing) at the
 * addresses it would likely have: a board answering there means the site configured the wrong
 * protocol. Restores the line speed afterwards. Undefined when nothing answers either way.
 */
export async function otherProtocolAnswering(
  transport: Transport,
  config: LockerCabinetConfig,
  board: number,
  signal?: AbortSignal,
): Promise<{ protocol: LockerProtocolName; board: number; baudRate: number } | undefined> {
  const other: LockerProtocolName = config.protocol === '8a' ? 'cu' : '8a';
  const speeds = isReconfigurable(transport) ? { before: transport.baudRate } : undefined;
  const otherProtocol = createLockerProtocol(other, { ...config, doorsPerBoard: config.doorsPerBoard });
  const { min, max } = otherProtocol.boardRange;
  const candidates = [...new Set([board, DEFAULT_LOCKER_BOARD, min])].filter((b) => b >= min && b <= max);
  try {
    if (isReconfigurable(transport)) await transport.setBaudRate(otherProtocol.baudRate);
    const probe = new LockerCabinetDriver(
      transport,
      {
        deviceId: 'protocol-probe',
        ...defaultCabinetConfig(other, {
          boards: candidates,
          doorsPerBoard: config.doorsPerBoard,
          replyTimeoutMs: 300,
        }),
      },
      silentLogger,
    );
    for (const b of candidates) {
      try {
        await probe.readBoard(b, signal);
        return { protocol: other, board: b, baudRate: otherProtocol.baudRate };
      } catch {
        // silent at this address too
      }
    }
    return undefined;
  } finally {
    if (speeds && isReconfigurable(transport))
      await transport.setBaudRate(speeds.before).catch(() => undefined);
  }
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
