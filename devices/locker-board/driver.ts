import {
  abortReason,
  CommandQueue,
  DeviceDriver,
  DeviceError,
  FrameAssembler,
  isDeviceError,
  LinkSupervisor,
  silentLogger,
  sleep,
  StatusCell,
  systemClock,
  toDeviceError,
  toHex,
  TransportClosedError,
  type Clock,
  type Health,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../core';
import type { LockerCabinetConfig } from './config';
import { lockerManifest, type LockerCounter } from './manifest';
import {
  createLockerProtocol,
  replyMatches,
  type BoardBits,
  type LockerProtocol,
  type LockerProtocolName,
  type LockerReply,
  type LockerRequest,
} from './protocol';

export interface DoorState {
  door: number;
  state: 'open' | 'closed';
  /** The latch feedback: these boards have one switch per lock, so a closed door is a latched door. */
  locked: boolean;
  /** From the IR sensor when the board has one (CU), else null. */
  itemPresent: boolean | null;
}

export interface LockerBoardDetail {
  board: number;
  doors: DoorState[];
  /** Doors seen open without a preceding command and not yet closed again. */
  forcedOpen: number[];
  consecutiveMisses: number;
}

export interface LockerCabinetDetail {
  protocol: LockerProtocolName;
  boards: Record<string, Health>;
}

export interface LockerEvents extends Record<string, unknown> {
  doorOpened: { board: number; door: number; commanded: boolean };
  doorClosed: { board: number; door: number };
  /** Alarm: a door opened with no command (pried open, or a lock that failed open). */
  forcedOpen: { board: number; door: number };
  itemPresent: { board: number; door: number; present: boolean };
}

export interface OpenResult {
  board: number;
  door: number;
  /** From sending the unlock to the sensor reporting the door open. */
  confirmedAfterMs: number;
}

/** A cabinet's settings and its identity (`new LockerCabinetDriver(transport, config, log, clock)`). */
export type LockerCabinetDriverConfig = LockerCabinetConfig & {
  deviceId: string;
  /** Reopening after a pulled cable (start() only). */
  supervisor?: Partial<SupervisorOptions>;
};

/**
 * Driver for one cabinet of RS-485 locker boards. One request is on the bus at a time; every open is
 * confirmed by the door sensor, not by the board's acknowledgement. `start()` keeps the link open
 * (reopened with backoff after a pulled cable) and sweeps the doors so forced opens and item
 * changes are seen; a technician's one-shot command uses the commands without it.
 */
export class LockerCabinetDriver extends DeviceDriver<LockerCabinetDetail, LockerEvents, LockerCounter> {
  readonly #boards = new Map<number, StatusCell<LockerBoardDetail>>();
  readonly #protocol: LockerProtocol;
  readonly #queue: CommandQueue;
  /** board:door → until when an open of that door counts as commanded. */
  readonly #commanded = new Map<string, number>();
  #monitor: AbortController | undefined;
  #supervisor: LinkSupervisor | undefined;

  constructor(
    private readonly transport: Transport,
    readonly config: LockerCabinetDriverConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      lockerManifest,
      {
        deviceId: config.deviceId,
        detail: {
          protocol: config.protocol,
          boards: Object.fromEntries(config.boards.map((b) => [String(b), 'noDevice'])),
        },
        link: () => transport.describe,
        counters: lockerManifest.counters,
      },
      log,
      clock,
    );
    this.#protocol = createLockerProtocol(config.protocol, {
      doorsPerBoard: config.doorsPerBoard,
      groupOrder: config.groupOrder,
      bitOrder: config.bitOrder,
    });
    if (config.doorsPerBoard < 1 || config.doorsPerBoard > this.#protocol.maxDoorsPerBoard)
      throw new RangeError(
        `doorsPerBoard must be 1–${this.#protocol.maxDoorsPerBoard} for ${config.protocol}`,
      );
    // A misconfigured address must fail here, at start-up, not alias onto another board's doors.
    const { min, max } = this.#protocol.boardRange;
    for (const b of config.boards)
      if (!Number.isInteger(b) || b < min || b > max)
        throw new RangeError(`board address ${b} is outside ${min}–${max} for ${config.protocol}`);
    if (new Set(config.boards).size !== config.boards.length)
      throw new RangeError(`board addresses must be unique on one bus: ${config.boards.join(', ')}`);
    this.#queue = new CommandQueue({
      deviceId: config.deviceId,
      defaultTimeoutMs: config.replyTimeoutMs,
      clock,
    });
    for (const board of config.boards) {
      const cell = new StatusCell<LockerBoardDetail>(
        `${config.deviceId}/board-${board}`,
        'locker-board',
        { board, doors: [], forcedOpen: [], consecutiveMisses: 0 },
        () => clock.now(),
      );
      cell.subscribe((s) => this.#aggregate(board, s.health));
      this.#boards.set(board, cell);
    }
  }

  get id(): string {
    return this.deviceId;
  }

  get protocol(): LockerProtocol {
    return this.#protocol;
  }

  boardStatus(board: number): StatusCell<LockerBoardDetail> {
    const cell = this.#boards.get(board);
    if (!cell)
      throw this.#error(
        'invalidArgument',
        `board ${board} is not configured on this cabinet`,
        'status',
        'unknownBoard',
      );
    return cell;
  }

  /**
   * Keeps the bus open (reopened with backoff after a pulled cable) and starts the background sweep
   * that keeps door states, item sensors and board health current.
   */
  start(): void {
    if (this.#monitor) return;
    this.#supervisor = new LinkSupervisor(
      this.transport,
      { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 3_000, ...this.config.supervisor },
      this.log,
      () => Promise.resolve(),
      this.clock,
    );
    this.#supervisor.start();
    const controller = (this.#monitor = new AbortController());
    void this.#sweep(controller.signal);
  }

  /** Ends the sweep and the supervision and closes the bus. */
  async stop(): Promise<void> {
    this.#monitor?.abort();
    this.#monitor = undefined;
    const sup = this.#supervisor;
    this.#supervisor = undefined;
    if (sup) await sup.stop();
    else await this.transport.close();
  }

  protected override identity(): Record<string, string | number | null> {
    return { protocol: this.config.protocol, boards: this.config.boards.join(',') };
  }

  /** Reads every door of a board. */
  async readBoard(board: number, signal?: AbortSignal): Promise<DoorState[]> {
    this.boardStatus(board);
    const reply = await this.#request({ kind: 'boardStatus', board }, signal);
    if (reply.kind !== 'boardStatus')
      throw this.#error('protocol', 'unexpected reply to a status query', 'status');
    return this.#apply(board, reply.bits);
  }

  /**
   * Unlocks a door and resolves once the sensor reports it open. Rejects with DeviceError `hardware`:
   * detail `doorJammed` when the lock reported unlocked but the door stayed shut, `doorDidNotOpen`
   * otherwise; `timeout`/`boardNotAnswering` when the board answered nothing at all.
   */
  async open(board: number, door: number, signal?: AbortSignal): Promise<OpenResult> {
    this.#checkDoor(board, door, 'open');
    const started = this.clock.monotonic();
    const key = `${board}:${door}`;
    this.#commanded.set(key, started + this.config.openTimeoutMs + this.config.monitorIntervalMs * 2);
    let lockReportedOpen = false;
    let answered = false;
    if (this.boardStatus(board).current.detail.doors.length === 0) {
      // Without a baseline the opening could not be told apart from a door that was already open.
      await this.readBoard(board, signal).catch((err: unknown) => {
        if (!isDeviceError(err) || err.code !== 'timeout') throw err;
      });
    }
    try {
      const ack = await this.#request({ kind: 'unlock', board, door }, signal);
      answered = true;
      if (ack.kind === 'unlockAck') {
        if (ack.feedback !== undefined) lockReportedOpen = this.#isOpen(ack.feedback);
        if (ack.bits) this.#apply(board, ack.bits, { skipDoor: door });
      }
    } catch (err) {
      // A lost acknowledgement does not mean the coil did not fire: never resend an unlock blindly,
      // find out from the sensor instead.
      if (!isDeviceError(err) || err.code !== 'timeout') throw err;
      this.log.warn('locker.unlockAckMissing', { board, door });
    }
    const deadline = started + this.config.openTimeoutMs;
    for (;;) {
      try {
        const doors = await this.readBoard(board, signal);
        answered = true;
        if (doors[door - 1]?.state === 'open') {
          this.#commanded.delete(key);
          const result = { board, door, confirmedAfterMs: this.clock.monotonic() - started };
          this.counts.add('doorsOpened');
          this.log.info('locker.opened', { ...result });
          return result;
        }
      } catch (err) {
        if (!isDeviceError(err) || err.code !== 'timeout') throw err;
      }
      if (this.clock.monotonic() + this.config.pollIntervalMs > deadline) break;
      await this.#sleep(this.config.pollIntervalMs, signal, 'open');
    }
    this.#commanded.delete(key);
    if (!answered)
      throw this.#error('timeout', `board ${board} did not answer`, 'open', 'boardNotAnswering', {
        retryable: true,
      });
    const detail = lockReportedOpen ? 'doorJammed' : 'doorDidNotOpen';
    this.counts.add('openFailures');
    this.log.warn('locker.openFailed', { board, door, detail, waitedMs: this.clock.monotonic() - started });
    throw this.#error(
      'hardware',
      lockReportedOpen
        ? `board ${board} door ${door}: the lock released but the door stayed shut`
        : `board ${board} door ${door}: the door did not open`,
      'open',
      detail,
    );
  }

  /**
   * Resolves once the door reports closed (and therefore latched). With `timeoutMs`, rejects with
   * DeviceError `userAction`/`doorLeftOpen` when nobody closed it in time.
   */
  async waitClosed(
    board: number,
    door: number,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<DoorState> {
    this.#checkDoor(board, door, 'waitClosed');
    const deadline = opts.timeoutMs === undefined ? Infinity : this.clock.monotonic() + opts.timeoutMs;
    for (;;) {
      try {
        const state = (await this.readBoard(board, opts.signal))[door - 1];
        if (state?.state === 'closed') return state;
      } catch (err) {
        if (!isDeviceError(err) || err.code !== 'timeout') throw err;
      }
      if (this.clock.monotonic() + this.config.pollIntervalMs > deadline)
        throw this.#error(
          'userAction',
          `board ${board} door ${door} was left open`,
          'waitClosed',
          'doorLeftOpen',
        );
      await this.#sleep(this.config.pollIntervalMs, opts.signal, 'waitClosed');
    }
  }

  /**
   * Maintenance "open all": one door at a time with `openAllGapMs` between them, never the board's
   * all-coils command (a weak PSU browns out). Each door's outcome is reported; one failure does not stop the rest.
   */
  async openAllStaggered(
    board: number,
    opts: { gapMs?: number; signal?: AbortSignal } = {},
  ): Promise<{ door: number; opened: boolean; error: DeviceError | null }[]> {
    this.boardStatus(board);
    const results: { door: number; opened: boolean; error: DeviceError | null }[] = [];
    for (let door = 1; door <= this.config.doorsPerBoard; door++) {
      if (door > 1) await this.#sleep(opts.gapMs ?? this.config.openAllGapMs, opts.signal, 'openAll');
      try {
        await this.open(board, door, opts.signal);
        results.push({ door, opened: true, error: null });
      } catch (err) {
        const e = toDeviceError(err, { deviceId: this.id, command: 'openAll' }, opts.signal);
        if (e.code === 'canceled') throw e;
        results.push({ door, opened: false, error: e });
      }
    }
    return results;
  }

  async #sweep(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      for (const board of this.config.boards) {
        try {
          await this.readBoard(board, signal);
        } catch (err) {
          if (signal.aborted) return;
          this.log.debug('locker.sweepFailed', { board, error: String(err) });
        }
      }
      try {
        await sleep(this.config.monitorIntervalMs, signal, this.clock);
      } catch {
        return;
      }
    }
  }

  /** Sends one request through the single-flight queue and tracks the board's health from the outcome. */
  async #request(req: LockerRequest, signal: AbortSignal | undefined): Promise<LockerReply> {
    const board = 'board' in req ? req.board : undefined;
    // CommandQueue's deadline never detaches its listener from the caller's signal; a long-lived
    // signal (the sweep's, a CLI's) would collect one per request, so each request gets its own.
    const local = new AbortController();
    const relay = () => local.abort(signal?.reason);
    if (signal?.aborted) relay();
    else signal?.addEventListener('abort', relay, { once: true });
    this.counts.add('requests');
    try {
      const reply = await this.#queue.run(req.kind, (s) => this.#exchange(req, s), { signal: local.signal });
      if (board !== undefined) this.#answered(board);
      return reply;
    } catch (err) {
      const e = toDeviceError(err, { deviceId: this.id, command: req.kind }, local.signal);
      if (e.code === 'timeout') this.counts.add('unanswered');
      if (board !== undefined && e.code !== 'canceled') this.#missed(board, e);
      throw e;
    } finally {
      signal?.removeEventListener('abort', relay);
    }
  }

  #exchange(req: LockerRequest, signal: AbortSignal): Promise<LockerReply> {
    const bytes = this.#protocol.encodeRequest(req);
    this.log.debug('locker.tx', { bytes: toHex(bytes) });
    return new Promise<LockerReply>((resolve, reject) => {
      const assembler = new FrameAssembler<LockerReply>(
        (buf) => this.#protocol.decodeReply(req, buf),
        (reason, skipped) => this.log.debug('locker.rxSkipped', { reason, bytes: toHex(skipped) }),
      );
      const done = () => {
        offData();
        offClose();
        signal.removeEventListener('abort', onAbort);
      };
      const offData = this.transport.onData((chunk) => {
        for (const reply of assembler.push(chunk)) {
          if (!replyMatches(req, reply)) continue; // a late answer to an earlier request
          done();
          resolve(reply);
          return;
        }
      });
      const offClose = this.transport.onClose(() => {
        done();
        reject(new TransportClosedError('the RS-485 link closed'));
      });
      const onAbort = () => {
        done();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.transport.write(bytes, signal).catch((err: unknown) => {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  #isOpen(feedbackActive: boolean): boolean {
    return feedbackActive === (this.config.feedbackActiveMeans === 'open');
  }

  /** Folds fresh sensor bits into the board's status and emits the changes. */
  #apply(board: number, bits: BoardBits, opts: { skipDoor?: number } = {}): DoorState[] {
    const cell = this.boardStatus(board);
    const prev = cell.current.detail;
    const forced = new Set(prev.forcedOpen);
    const doors: DoorState[] = bits.feedback.slice(0, this.config.doorsPerBoard).map((active, i) => {
      const open = this.#isOpen(active);
      return {
        door: i + 1,
        state: open ? 'open' : 'closed',
        locked: !open,
        itemPresent: bits.itemPresent?.[i] ?? null,
      };
    });
    // The bits inside an unlock acknowledgement show the latch during the coil pulse, not the door.
    if (opts.skipDoor !== undefined) {
      const old = prev.doors[opts.skipDoor - 1];
      if (old) doors[opts.skipDoor - 1] = old;
      else
        doors.splice(opts.skipDoor - 1, 1, {
          door: opts.skipDoor,
          state: 'closed',
          locked: true,
          itemPresent: null,
        });
    }
    const now = this.clock.monotonic();
    for (const d of doors) {
      const before = prev.doors[d.door - 1];
      if (!before) continue; // the first reading is the baseline, not a change
      const key = `${board}:${d.door}`;
      if (before.state === 'closed' && d.state === 'open') {
        const until = this.#commanded.get(key);
        const commanded = until !== undefined && until >= now;
        this.#commanded.delete(key);
        this.events.emit('doorOpened', { board, door: d.door, commanded });
        if (!commanded) {
          forced.add(d.door);
          this.counts.add('forcedOpens');
          this.log.warn('locker.forcedOpen', { board, door: d.door });
          this.events.emit('forcedOpen', { board, door: d.door });
        }
      } else if (before.state === 'open' && d.state === 'closed') {
        forced.delete(d.door);
        this.events.emit('doorClosed', { board, door: d.door });
      }
      if (d.itemPresent !== null && before.itemPresent !== null && d.itemPresent !== before.itemPresent)
        this.events.emit('itemPresent', { board, door: d.door, present: d.itemPresent });
    }
    cell.update({ detail: { doors, forcedOpen: [...forced].sort((a, b) => a - b) } });
    return doors;
  }

  #answered(board: number): void {
    this.#boards.get(board)?.update({ health: 'online', detail: { consecutiveMisses: 0 } });
  }

  #missed(board: number, err: DeviceError): void {
    const cell = this.#boards.get(board);
    if (!cell) return;
    const misses = cell.current.detail.consecutiveMisses + 1;
    const lost = misses >= this.config.missesBeforeNoDevice;
    if (lost && cell.current.health !== 'noDevice')
      this.log.warn('locker.boardLost', { board, misses, error: err.code });
    cell.update({
      ...(lost ? { health: 'noDevice' as const } : {}),
      detail: { consecutiveMisses: misses },
      lastError: { code: err.code, ...(err.detail !== undefined ? { detail: err.detail } : {}) },
    });
  }

  #aggregate(board: number, health: Health): void {
    const boards = { ...this.status.current.detail.boards, [String(board)]: health };
    const values = Object.values(boards);
    const overall: Health = values.every((h) => h === 'online')
      ? 'online'
      : values.every((h) => h === 'noDevice')
        ? 'noDevice'
        : 'hardwareError';
    this.status.update({ health: overall, detail: { boards } });
  }

  #checkDoor(board: number, door: number, command: string): void {
    this.boardStatus(board);
    if (!Number.isInteger(door) || door < 1 || door > this.config.doorsPerBoard)
      throw this.#error(
        'invalidArgument',
        `door must be 1–${this.config.doorsPerBoard}, got ${door}`,
        command,
        'unknownDoor',
      );
  }

  async #sleep(ms: number, signal: AbortSignal | undefined, command: string): Promise<void> {
    try {
      await sleep(ms, signal, this.clock);
    } catch (err) {
      throw toDeviceError(err, { deviceId: this.id, command }, signal);
    }
  }

  #error(
    code: DeviceError['code'],
    message: string,
    command: string,
    detail?: string,
    extra: { retryable?: boolean } = {},
  ): DeviceError {
    return new DeviceError(
      code,
      message,
      { deviceId: this.id, command },
      { ...(detail ? { detail } : {}), ...extra },
    );
  }
}
