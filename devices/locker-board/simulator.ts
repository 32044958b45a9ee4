import {
  FrameAssembler,
  silentLogger,
  sleep,
  systemClock,
  toHex,
  waitUntil,
  wireTimeMs,
  type Clock,
  type Logger,
  type Transport,
} from '../core';
import {
  createLockerProtocol,
  type BitmapLayout,
  type BoardBits,
  type LockerProtocol,
  type LockerProtocolName,
  type LockerReply,
  type LockerRequest,
} from './protocol';

export interface LockerSimulatorOptions {
  protocol: LockerProtocolName;
  boards: number[];
  doorsPerBoard: number;
  /** How this cabinet's switches are wired: what an active feedback bit means. */
  feedbackActiveMeans: 'open' | 'closed';
  groupOrder?: BitmapLayout['groupOrder'];
  bitOrder?: BitmapLayout['bitOrder'];
  /** Time from the coil pulse until the spring pushes the door open. */
  springMs?: number;
  /** A person closes every opened door after this long; null: only `closeDoor()` closes doors. */
  autoCloseMs?: number | null;
  /** Board processing time before its reply starts. */
  replyDelayMs?: number;
  /** Line speed the replies are paced at; the protocol's factory rate by default. */
  baudRate?: number;
  /** Time for the spring, the scripted closes and the pacing (the system clock by default). */
  clock?: Clock;
}

interface SimDoor {
  open: boolean;
  itemPresent: boolean;
  jammed: boolean;
  deadSensor: boolean;
  unlocks: number;
}

/**
 * A cabinet of locker boards at the far end of a Transport: decodes the host's requests with the
 * family's codec and answers like the boards do, paced at the line speed. Doors open on unlock (after
 * the spring delay) and close after a scripted delay or on `closeDoor`. Faults: jammed doors, dead
 * sensors, forced opens, boards that do not answer.
 */
export class LockerCabinetSimulator {
  readonly protocol: LockerProtocol;
  readonly #doors = new Map<string, SimDoor>();
  readonly #silentBoards = new Set<number>();
  readonly #timers = new Set<() => void>();
  readonly #offData: () => void;
  readonly #baud: number;
  readonly #clock: Clock;
  #queue: Promise<void> = Promise.resolve();
  /** Requests received whose exchange (processing + reply on the wire) has not finished. */
  #exchanges = 0;
  requestsSeen = 0;
  /**
   * Requests that arrived while the bus was still busy with an earlier exchange: on a real RS-485 bus
   * the two transmissions would garble each other. A correct master keeps this at 0.
   */
  collisions = 0;

  constructor(
    private readonly wire: Transport,
    private readonly opts: LockerSimulatorOptions,
    private readonly log: Logger = silentLogger,
  ) {
    this.protocol = createLockerProtocol(opts.protocol, {
      doorsPerBoard: opts.doorsPerBoard,
      ...(opts.groupOrder ? { groupOrder: opts.groupOrder } : {}),
      ...(opts.bitOrder ? { bitOrder: opts.bitOrder } : {}),
    });
    this.#baud = opts.baudRate ?? this.protocol.baudRate;
    this.#clock = opts.clock ?? systemClock;
    for (const b of opts.boards)
      for (let d = 1; d <= opts.doorsPerBoard; d++)
        this.#doors.set(`${b}:${d}`, {
          open: false,
          itemPresent: false,
          jammed: false,
          deadSensor: false,
          unlocks: 0,
        });
    const assembler = new FrameAssembler(
      (buf) => this.protocol.decodeRequest(buf),
      (reason, bytes) => this.log.debug('lockerSim.skipped', { reason, bytes: toHex(bytes) }),
    );
    this.#offData = wire.onData((chunk) => {
      for (const req of assembler.push(chunk)) {
        if (this.#exchanges > 0) {
          this.collisions++;
          this.log.warn('lockerSim.busCollision', { request: req.kind });
        }
        this.#exchanges++;
        this.#queue = this.#queue.then(() => this.#answer(req));
      }
    });
  }

  dispose(): void {
    this.#offData();
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  isOpen(board: number, door: number): boolean {
    return this.#door(board, door).open;
  }

  /** What a person standing at the door would see: jammed, something inside. */
  doorState(board: number, door: number): { open: boolean; jammed: boolean; itemPresent: boolean } {
    const d = this.#door(board, door);
    return { open: d.open, jammed: d.jammed, itemPresent: d.itemPresent };
  }

  unlockCount(board: number, door: number): number {
    return this.#door(board, door).unlocks;
  }

  /** A person shuts the door. */
  closeDoor(board: number, door: number): void {
    this.#door(board, door).open = false;
  }

  /** Fault: the door opens with no command (pried open). */
  forceOpen(board: number, door: number): void {
    this.#openNow(board, door);
  }

  /** Fault: the lock fires but the door stays shut. */
  setJammed(board: number, door: number, jammed = true): void {
    this.#door(board, door).jammed = jammed;
  }

  /** Fault: the door's switch always reports closed. */
  setDeadSensor(board: number, door: number, dead = true): void {
    this.#door(board, door).deadSensor = dead;
  }

  /** Fault: the board stops answering (unpowered, broken transceiver, wrong DIP address). */
  setBoardAnswering(board: number, answering: boolean): void {
    if (answering) this.#silentBoards.delete(board);
    else this.#silentBoards.add(board);
  }

  setItemPresent(board: number, door: number, present: boolean): void {
    this.#door(board, door).itemPresent = present;
  }

  #door(board: number, door: number): SimDoor {
    const d = this.#doors.get(`${board}:${door}`);
    if (!d) throw new RangeError(`no door ${door} on board ${board}`);
    return d;
  }

  #later(ms: number, fn: () => void): void {
    const cancel = this.#clock.setTimer(ms, () => {
      this.#timers.delete(cancel);
      fn();
    });
    this.#timers.add(cancel);
  }

  #openNow(board: number, door: number): void {
    const d = this.#door(board, door);
    if (d.open) return;
    d.open = true;
    const close = this.opts.autoCloseMs;
    if (close !== null && close !== undefined) this.#later(close, () => (d.open = false));
  }

  /** Fires the coil: the latch releases for the pulse; the spring opens the door unless it is jammed. */
  #fire(board: number, door: number, delayMs: number): void {
    const d = this.#door(board, door);
    d.unlocks++;
    if (!d.jammed) this.#later(delayMs, () => this.#openNow(board, door));
  }

  /** The switch as the board reads it, in wire polarity. `latchReleased`: during the coil pulse. */
  #feedbackBit(board: number, door: number, latchReleased = false): boolean {
    const d = this.#door(board, door);
    const open = !d.deadSensor && (d.open || latchReleased);
    return open === (this.opts.feedbackActiveMeans === 'open');
  }

  #bits(board: number, releasedDoor?: number): BoardBits {
    const feedback: boolean[] = [];
    const items: boolean[] = [];
    for (let d = 1; d <= this.opts.doorsPerBoard; d++) {
      feedback.push(this.#feedbackBit(board, d, d === releasedDoor));
      items.push(this.#door(board, d).itemPresent);
    }
    return { feedback, itemPresent: this.protocol.hasItemSensors ? items : undefined };
  }

  #known(board: number, door?: number): boolean {
    return (
      this.opts.boards.includes(board) &&
      !this.#silentBoards.has(board) &&
      (door === undefined || (door >= 1 && door <= this.opts.doorsPerBoard))
    );
  }

  /** What the addressed board(s) answer; empty when nobody answers (RS-485: other addresses stay silent). */
  #replies(req: LockerRequest): LockerReply[] {
    const spring = this.opts.springMs ?? 60;
    switch (req.kind) {
      case 'unlock':
        if (!this.#known(req.board, req.door)) return [];
        this.#fire(req.board, req.door, spring);
        return [
          {
            kind: 'unlockAck',
            board: req.board,
            door: req.door,
            feedback: this.#feedbackBit(req.board, req.door, true),
            bits: this.protocol.hasItemSensors ? this.#bits(req.board, req.door) : undefined,
          },
        ];
      case 'unlockAll':
        if (!this.#known(req.board)) return [];
        // The board staggers its own coils, 300 ms apart.
        for (let d = 1; d <= this.opts.doorsPerBoard; d++) this.#fire(req.board, d, spring + (d - 1) * 300);
        return [
          {
            kind: 'unlockAck',
            board: req.board,
            door: 'all',
            feedback: undefined,
            bits: this.#bits(req.board),
          },
        ];
      case 'boardStatus':
        if (!this.#known(req.board)) return [];
        return [{ kind: 'boardStatus', board: req.board, bits: this.#bits(req.board) }];
      case 'doorStatus':
        if (!this.#known(req.board, req.door)) return [];
        return [
          {
            kind: 'doorStatus',
            board: req.board,
            door: req.door,
            feedback: this.#feedbackBit(req.board, req.door),
          },
        ];
      case 'busStatus':
        return this.opts.boards.flatMap((b) =>
          this.#known(b) ? [{ kind: 'busStatus' as const, board: b, bits: this.#bits(b) }] : [],
        );
    }
  }

  async #answer(req: LockerRequest): Promise<void> {
    this.requestsSeen++;
    let busy = true;
    const release = () => {
      if (busy) this.#exchanges--;
      busy = false;
    };
    try {
      const replies = this.#replies(req);
      if (replies.length === 0) return;
      await sleep(this.opts.replyDelayMs ?? 3, undefined, this.#clock);
      for (const [i, reply] of replies.entries()) {
        const bytes = this.protocol.encodeReply(reply);
        // Paced at the line speed: the frame is handed over when its last byte would have arrived.
        // The bus is free from that moment, released before the write so that the master's next
        // request can never race the write callback into a false collision.
        await waitUntil(this.#clock.monotonic() + wireTimeMs(bytes.length, this.#baud), this.#clock);
        if (i === replies.length - 1) release();
        await this.wire.write(bytes);
      }
    } catch (err) {
      this.log.warn('lockerSim.replyFailed', { error: String(err) });
    } finally {
      release();
    }
  }
}
