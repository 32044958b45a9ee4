import {
  Emitter,
  FrameAssembler,
  pacedWrite,
  silentLogger,
  systemClock,
  waitUntil,
  wireTimeMs,
  type Clock,
  type Logger,
  type Transport,
} from '../core';
import { parseCommand, type SamCommandName } from './protocol/commands';
import { decodeFrame, type SamFrame } from './protocol/frame';
import {
  FINGERPRINT_BYTES,
  PHOTO_BYTES,
  buildCardBlocksResponse,
  buildExtraAddressResponse,
  buildFindOkResponse,
  buildResponse,
  buildSamIdResponse,
  buildSelectOkResponse,
} from './protocol/replies';
import { SW3 } from './protocol/status';
import { simulatedCardSchema, type SimulatedCard } from './simulator/card-file';
import { chipExtraAddress, chipTextBlock } from './simulator/chip-text';
import { samplePhotoWlt } from './simulator/sample-cards';

export const SIMULATOR_FAULTS = [
  'samFailure',
  'noCard',
  'selectFail',
  'readFail',
  'checksumCorruption',
  'dribbledBytes',
  'noiseBeforePreamble',
] as const;
/** Switchable at run time. Unplugging is done by whoever owns the link (close the pty pair). */
export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

export interface IdCardSimulatorOptions {
  /** The rate the simulated reader is configured for; replies are paced to it. */
  baudRate: number;
  /** RF time the module spends reading the chip for 30 01 / 30 10 / 30 03 (ms). Default 20. */
  rfReadDelayMs?: number;
  /**
   * The line rate the host side of the link currently uses, when the harness can tell (a pty has no
   * real UART, see `ptyLineRate` in the CLI). Frames sent at another rate are dropped, as a real
   * UART would receive them as garbage.
   */
  hostBaudRate?: () => Promise<number | undefined>;
  /**
   * Trim timer lateness (up to ~1 ms per wait) from the moments a receiver can observe: the end of
   * each reply, the inbound wire time and the RF delay. Costs up to 1 ms of event-loop yielding per
   * wait; for benchmarks, where that lateness would be charged to the driver. Default false.
   */
  preciseTiming?: boolean;
  /** SAM ID parts (u16, u16, u32, u32, u32). */
  samId?: readonly [number, number, number, number, number];
  logger?: Logger;
  /** Time for pacing and the RF read (the system clock by default). */
  clock?: Clock;
}

export type SimulatorEvents = {
  command: { name: SamCommandName | 'unknown' };
  /** A reply is about to leave the simulator (its pacing follows). */
  response: { name: SamCommandName | 'unknown'; bytes: number; sw3: number };
  /** A command the reader did not answer (wrong line rate). */
  dropped: { reason: 'baudMismatch'; hostBaudRate: number };
};

interface EncodedCard {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | undefined;
  extraAddress: Uint8Array | undefined;
}

// Partial preambles and a stray 0x69 so the driver's resynchronisation is exercised.
const NOISE = Uint8Array.of(0x00, 0xaa, 0xaa, 0x13, 0xaa, 0xaa, 0xaa, 0x96, 0x12, 0xff, 0x69);

/**
 * The far end of a SAM_V link: a simulated ID card reader that answers the real frames (same codec as
 * the driver), paced at its configured baud rate, with a card that can be placed and lifted and
 * faults that can be switched while it runs.
 */
export class IdCardReaderSimulator {
  readonly events = new Emitter<SimulatorEvents>();
  #card: EncodedCard | undefined;
  readonly #faults = new Map<SimulatorFault, number>();
  #tail: Promise<void> = Promise.resolve();
  readonly #log: Logger;
  readonly #clock: Clock;

  constructor(private readonly opts: IdCardSimulatorOptions) {
    this.#log = opts.logger ?? silentLogger;
    this.#clock = opts.clock ?? systemClock;
  }

  get #precise(): boolean {
    return this.opts.preciseTiming === true;
  }

  get baudRate(): number {
    return this.opts.baudRate;
  }

  get cardPlaced(): boolean {
    return this.#card !== undefined;
  }

  /** Serves commands arriving on `transport` until it closes or the returned function is called. */
  attach(transport: Transport): () => void {
    const assembler = new FrameAssembler<SamFrame>(decodeFrame);
    const offData = transport.onData((chunk) => {
      for (const frame of assembler.push(chunk)) {
        const arrived = this.#clock.monotonic();
        this.#tail = this.#tail.then(() => this.#serve(transport, frame, arrived)).catch(() => undefined);
      }
    });
    const offClose = transport.onClose(() => detach());
    const detach = () => {
      offData();
      offClose();
    };
    return detach;
  }

  /** Places a card on the reader (validated and encoded once). Throws on a card that cannot be encoded. */
  placeCard(card: SimulatedCard): void {
    const c = simulatedCardSchema.parse(card);
    const photo = decodeBase64(c.photoWlt ?? samplePhotoWlt(), PHOTO_BYTES, 'photoWlt');
    const fingerprint = c.fingerprint
      ? decodeBase64(c.fingerprint, FINGERPRINT_BYTES, 'fingerprint')
      : undefined;
    this.#card = {
      text: chipTextBlock(c),
      photo,
      fingerprint,
      extraAddress: c.extraAddress ? chipExtraAddress(c.extraAddress) : undefined,
    };
  }

  removeCard(): void {
    this.#card = undefined;
  }

  /** `true` keeps the fault on, `false` clears it, a number applies it to that many replies. */
  setFault(fault: SimulatorFault, on: boolean | number): void {
    const n = on === true ? Infinity : on === false ? 0 : on;
    if (n > 0) this.#faults.set(fault, n);
    else this.#faults.delete(fault);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Consumes one use of a fault; true when it applies to this reply. */
  #take(fault: SimulatorFault): boolean {
    const n = this.#faults.get(fault);
    if (!n) return false;
    if (n === 1) this.#faults.delete(fault);
    else this.#faults.set(fault, n - 1);
    return true;
  }

  async #serve(transport: Transport, frame: SamFrame, arrived: number): Promise<void> {
    const baud = this.opts.baudRate;
    if (this.opts.hostBaudRate) {
      const host = await this.opts.hostBaudRate();
      if (host !== undefined && host !== baud) {
        this.events.emit('dropped', { reason: 'baudMismatch', hostBaudRate: host });
        return;
      }
    }
    const cmd = parseCommand(frame);
    const name = cmd?.name ?? 'unknown';
    this.events.emit('command', { name });
    // The last command byte reaches a real UART one frame-time after the first; a pty delivers at once.
    await waitUntil(
      arrived + wireTimeMs(frame.payload.length + 8, baud),
      this.#clock,
      undefined,
      this.#precise,
    );
    let reply = await this.#reply(name);
    const sw3 = reply[9]!;
    if (name === 'readBase' || name === 'readBaseWithFingerprint') {
      if (sw3 === SW3.success && this.#take('checksumCorruption')) {
        reply = reply.slice();
        reply[reply.length - 1]! ^= 0x5a;
      }
    }
    if (this.#take('noiseBeforePreamble')) reply = Uint8Array.from([...NOISE, ...reply]);
    this.events.emit('response', { name, bytes: reply.length, sw3 });
    try {
      if (this.#take('dribbledBytes')) await dribble(transport, reply, baud, this.#clock);
      else await pacedWrite(transport, reply, baud, { precise: this.#precise, clock: this.#clock });
    } catch (err) {
      this.#log.debug('sim.writeFailed', { error: String(err) });
    }
  }

  /** The module reading the chip over RF. */
  #rfRead(): Promise<void> {
    const due = this.#clock.monotonic() + (this.opts.rfReadDelayMs ?? 20);
    return waitUntil(due, this.#clock, undefined, this.#precise);
  }

  async #reply(name: SamCommandName | 'unknown'): Promise<Uint8Array> {
    const card = this.#card;
    switch (name) {
      case 'resetSam':
      case 'samStatus':
        // A SAM that fails its self-test answers 60 (protocols.md §1.4).
        return buildResponse(this.#take('samFailure') ? SW3.samSelfTestFailed : SW3.success);
      case 'readSamId':
        return buildSamIdResponse(this.opts.samId ?? [5, 1, 20240101, 1234567890, 987654321]);
      case 'findCard':
        return card && !this.#take('noCard') ? buildFindOkResponse() : buildResponse(SW3.noCard);
      case 'selectCard':
        return card && !this.#take('selectFail')
          ? buildSelectOkResponse(Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0))
          : buildResponse(SW3.selectFailed);
      case 'readBase':
      case 'readBaseWithFingerprint': {
        await this.#rfRead();
        if (!this.#card || this.#take('readFail')) return buildResponse(SW3.cardReadFailed);
        const withFp = name === 'readBaseWithFingerprint';
        if (withFp && !this.#card.fingerprint) return buildResponse(SW3.noContent);
        return buildCardBlocksResponse(
          {
            text: this.#card.text,
            photo: this.#card.photo,
            ...(withFp && this.#card.fingerprint ? { fingerprint: this.#card.fingerprint } : {}),
          },
          withFp,
        );
      }
      case 'readExtraAddress': {
        await this.#rfRead();
        if (!this.#card) return buildResponse(SW3.cardReadFailed);
        return this.#card.extraAddress
          ? buildExtraAddressResponse(this.#card.extraAddress)
          : buildResponse(SW3.noContent);
      }
      case 'unknown':
        return buildResponse(SW3.commandError);
    }
  }
}

/**
 * Writes in 1–3 byte pieces (sizes cycling 1, 2, 3), like a USB-serial bridge flushing on every
 * tick. Each piece is its own write, handed over when its last byte would arrive on the wire plus a
 * little slack per piece; a piece due within the next millisecond goes out at once (at most 1 ms
 * early) so a 1295-byte reply does not take 650 timer ticks. This fault tests fragmentation, not timing.
 */
async function dribble(transport: Transport, bytes: Uint8Array, baud: number, clock: Clock): Promise<void> {
  const started = clock.monotonic();
  let pieces = 0;
  for (let off = 0; off < bytes.length;) {
    const piece = bytes.subarray(off, off + 1 + (pieces % 3));
    off += piece.length;
    pieces++;
    const due = started + wireTimeMs(off, baud) + pieces * 0.05;
    if (due - clock.monotonic() >= 1) await waitUntil(due, clock);
    await transport.write(piece);
  }
}

function decodeBase64(b64: string, bytes: number, field: string): Uint8Array {
  const out = Uint8Array.from(Buffer.from(b64, 'base64'));
  if (out.length !== bytes) throw new RangeError(`${field} must be ${bytes} bytes, got ${out.length}`);
  return out;
}
