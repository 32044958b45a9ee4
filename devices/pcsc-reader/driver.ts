import {
  CommandQueue,
  DeadlineError,
  DeviceDriver,
  DeviceError,
  Emitter,
  isDeviceError,
  silentLogger,
  systemClock,
  toDeviceError,
  toHex,
  deadline,
  type CardChannel,
  type Clock,
  type DeviceErrorCode,
  type Logger,
} from '../core';
import { pcscReaderManifest, type CardReaderCounter } from './manifest';
import { UNIONPAY_AIDS, type BankCard } from './protocol/bank';
import type { SocialSecurityCard } from './protocol/social-security';
import { NoApplicationError, readBankCard } from './read-bank';
import { hasSocialSecurityApp, readSocialSecurity } from './read-social-security';
import { CardSession } from './session';
import {
  parseTechnicianCard,
  readTechnicianRecord,
  selectTechnician,
  type TechnicianCard,
} from './protocol/technician';
import { maskIdNumber, maskName, maskPan } from '../../domain/identity';

export type CardKind = 'socialSecurity' | 'bank';
export type CardReadResult = SocialSecurityCard | BankCard;

export interface PcscReaderDetail {
  /** The reader in use (the configured one, or the first attached); null when none is attached. */
  reader: string | null;
  card: 'absent' | 'present';
}

/** A reader's settings and its identity (`new PcscReaderDriver(channel, config, log, clock)`). */
export interface PcscReaderConfig {
  deviceId: string;
  /** Reader to use: exact name or a substring ("Virtual PCD 00 00", "ACR39U"). Default: the first attached. */
  reader?: string;
  /** Payment AIDs we accept, in our preference order (default: UnionPay debit, credit, quasi-credit, e-cash). */
  bankAids?: readonly string[];
  /** Terminal time zone for 9A, minutes east of UTC (default 480, China Standard Time). */
  utcOffsetMinutes?: number;
  /** Source of the GPO unpredictable number (9F37). */
  randomBytes?: (n: number) => Uint8Array;
  /**
   * After a failed APDU, how long to wait for pcscd to report the card gone before calling it a card
   * fault. pcscd polls vpcd/CCID presence about every 400 ms.
   */
  removalGraceMs?: number;
}

export interface ReadCardOptions {
  reader?: string;
  /** How long to wait for a card plus the read itself. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Which applications to look for, in order (default: social security first, then bank). */
  kinds?: readonly CardKind[];
}

/** The family's own events (beside `status` and `error`, which every device has). */
export type PcscReaderEvents = {
  cardInserted: { reader: string; at: number };
  cardRemoved: { reader: string; at: number };
};

/**
 * A PC/SC card reader used for social security cards and UnionPay bank cards. Read-only by design:
 * it selects, reads records and runs GPO; it never sends VERIFY (PIN), never writes, never talks to
 * a PSAM. Health: `noDevice` without a reader, `online` with {reader, card}, `busy` while reading.
 */
export class PcscReaderDriver extends DeviceDriver<PcscReaderDetail, PcscReaderEvents, CardReaderCounter> {
  readonly #queue: CommandQueue;
  readonly #present = new Map<string, boolean>();
  readonly #events = new Emitter<{ card: { reader: string; change: 'inserted' | 'removed' } }>();
  #offs: (() => void)[] = [];
  #busy = false;
  #atr: string | null = null;

  constructor(
    private readonly channel: CardChannel,
    private readonly opts: PcscReaderConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      pcscReaderManifest,
      {
        deviceId: opts.deviceId,
        detail: { reader: null, card: 'absent' },
        link: () => channel.describe,
        counters: pcscReaderManifest.counters,
      },
      log,
      clock,
    );
    this.#queue = new CommandQueue({ deviceId: opts.deviceId, defaultTimeoutMs: 30_000, clock });
  }

  /** The ATR of the last card connected (hex), for the technician. */
  get lastAtr(): string | null {
    return this.#atr;
  }

  protected override identity(): Record<string, string | number | null> {
    return { reader: this.status.current.detail.reader, lastAtr: this.#atr };
  }

  start(): void {
    if (this.#offs.length) return;
    const probe = this.channel as Partial<{ cardPresent(reader: string): boolean }>;
    for (const r of this.channel.readers()) this.#present.set(r, probe.cardPresent?.(r) ?? false);
    this.#offs.push(
      this.channel.onReaderChange(({ reader, change }) => {
        if (change === 'attached') this.#present.set(reader, probe.cardPresent?.(reader) ?? false);
        else this.#present.delete(reader);
        this.#refresh();
      }),
      this.channel.onCardChange(({ reader, change }) => {
        this.#present.set(reader, change === 'inserted');
        this.#events.emit('card', { reader, change });
        this.events.emit(change === 'inserted' ? 'cardInserted' : 'cardRemoved', {
          reader,
          at: this.clock.now(),
        });
        this.#refresh();
      }),
    );
    this.#refresh();
  }

  /** Stops following the reader; the channel stays the caller's (the host closes it). */
  stop(): Promise<void> {
    for (const off of this.#offs.splice(0)) off();
    return Promise.resolve();
  }

  /** Waits for a card (up to `timeoutMs` in total), then reads and classifies it. */
  readCard(options: ReadCardOptions): Promise<CardReadResult> {
    // Our own signal, aborted when the read settles: it releases the queue's deadline timer at once.
    const done = new AbortController();
    const onCallerAbort = () => done.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    return this.#queue
      .run(
        'readCard',
        async (signal) => {
          const reader = await this.#waitForCard(options.reader, signal);
          this.#busy = true;
          this.status.update({ health: 'busy' });
          const started = this.clock.monotonic();
          try {
            const result = await this.#read(reader, options.kinds ?? ['socialSecurity', 'bank'], signal);
            const ms = Math.round(this.clock.monotonic() - started);
            this.counts.add(result.kind === 'bank' ? 'bankReads' : 'socialSecurityReads');
            this.log.info('card.read', { reader, ...summary(result), ms });
            return result;
          } catch (err) {
            const e = await this.#explain(err, reader, options.signal);
            if (e.detail === 'wrongCard') this.counts.add('wrongCards');
            else if (e.detail === 'cardRemoved') this.counts.add('cardsPulledMidRead');
            else if (e.code !== 'canceled') this.counts.add('readFailures');
            throw e;
          } finally {
            await this.channel.disconnect(reader).catch(() => undefined);
            this.#busy = false;
            this.#refresh();
          }
        },
        { signal: done.signal, timeoutMs: options.timeoutMs },
      )
      .finally(() => {
        options.signal?.removeEventListener('abort', onCallerAbort);
        done.abort();
      })
      .catch((err: unknown) => {
        let e = toDeviceError(err, this.#where('readCard'), options.signal);
        if (e.code === 'timeout' && !e.detail) {
          const reader = this.#readerFor(options.reader);
          const [code, detail, message]: [DeviceErrorCode, string, string] = !reader
            ? ['notConnected', 'noReader', 'no card reader attached']
            : this.#present.get(reader)
              ? ['timeout', 'cardNotAnswering', 'the card did not answer in time']
              : ['timeout', 'noCard', 'no card was inserted in time'];
          e = new DeviceError(code, message, this.#where('readCard'), { detail, cause: err });
        }
        this.status.update({ lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) } });
        throw e;
      });
  }

  /**
   * The card in the reader now, if it is the site's technician card (protocol/technician.ts): one
   * SELECT, which a citizen's card refuses (null). Counts nothing and never waits for a card.
   */
  readTechnicianCard(options: { timeoutMs: number; signal?: AbortSignal }): Promise<TechnicianCard | null> {
    const reader = this.#readerFor(undefined);
    if (!reader || !this.#present.get(reader)) return Promise.resolve(null);
    return this.#queue.run(
      'readTechnicianCard',
      async (signal) => {
        try {
          this.#atr = toHex(await this.channel.connect(reader, signal), 40);
          const session = new CardSession(
            (apdu, s) => this.channel.transmit(reader, apdu, s),
            signal,
            this.log,
          );
          const selected = await session.exchange('SELECT YZTECH', selectTechnician());
          if (selected.sw !== 0x9000) return null;
          return parseTechnicianCard(await session.expectOk('READ RECORD 1/1', readTechnicianRecord()));
        } catch (err) {
          throw await this.#explain(err, reader, options.signal);
        } finally {
          await this.channel.disconnect(reader).catch(() => undefined);
        }
      },
      { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
    );
  }

  /** Resolves once the card has physically left the reader (pcscd reports it absent). */
  async waitForRemoval(options: { reader?: string; timeoutMs: number; signal?: AbortSignal }): Promise<void> {
    const reader = this.#readerFor(options.reader);
    if (!reader || !this.#present.get(reader)) return;
    const limit = deadline(options.timeoutMs, [options.signal], this.clock);
    const signal = limit.signal;
    try {
      await this.#events.next('card', signal, (e) => e.reader === reader && e.change === 'removed');
    } catch (err) {
      if (signal.reason instanceof DeadlineError)
        throw new DeviceError('userAction', 'the card was not taken out', this.#where('waitForRemoval'), {
          detail: 'cardNotRemoved',
        });
      throw toDeviceError(err, this.#where('waitForRemoval'), options.signal);
    } finally {
      limit.dispose();
    }
  }

  async #read(reader: string, kinds: readonly CardKind[], signal: AbortSignal): Promise<CardReadResult> {
    this.#atr = toHex(await this.channel.connect(reader, signal), 40);
    const session = new CardSession((apdu, s) => this.channel.transmit(reader, apdu, s), signal, this.log);
    for (const kind of kinds) {
      if (kind === 'socialSecurity') {
        if (await hasSocialSecurityApp(session)) return readSocialSecurity(session);
      } else {
        try {
          return await readBankCard(session, this.opts.bankAids ?? UNIONPAY_AIDS, {
            date: this.#date(),
            unpredictableNumber: (this.opts.randomBytes ?? defaultRandom)(4),
          });
        } catch (err) {
          if (!(err instanceof NoApplicationError)) throw err;
        }
      }
    }
    throw new DeviceError(
      'unsupported',
      'the card has no social security or supported bank application',
      this.#where('readCard'),
      {
        detail: 'wrongCard',
      },
    );
  }

  /** A failure during the read: if the card left meanwhile, that is the real story. */
  async #explain(err: unknown, reader: string, callerSignal?: AbortSignal): Promise<DeviceError> {
    if (isDeviceError(err) && (err.detail === 'wrongCard' || err.detail === 'cardRemoved'))
      return new DeviceError(err.code, err.message, this.#where('readCard'), {
        detail: err.detail,
        cause: err,
      });
    if (callerSignal?.aborted) return toDeviceError(err, this.#where('readCard'), callerSignal);
    if (await this.#removedWithin(reader, this.opts.removalGraceMs ?? 1200))
      return new DeviceError('noMedia', 'the card was removed during the read', this.#where('readCard'), {
        detail: 'cardRemoved',
        cause: err,
      });
    if (isDeviceError(err))
      return new DeviceError(err.code, err.message, this.#where('readCard'), {
        ...(err.detail ? { detail: err.detail } : {}),
        cause: err,
      });
    const name = err instanceof Error ? err.name : '';
    if (
      [
        'CardStatusError',
        'RecordFormatError',
        'TlvError',
        'GpoFormatError',
        'CardDataError',
        'TechnicianCardError',
        'RangeError',
      ].includes(name)
    )
      return new DeviceError(
        'protocol',
        `unexpected card answer: ${(err as Error).message}`,
        this.#where('readCard'),
        { detail: 'cardData', cause: err },
      );
    return toDeviceError(err, this.#where('readCard'));
  }

  async #removedWithin(reader: string, ms: number): Promise<boolean> {
    if (this.#present.get(reader) === false) return true;
    const limit = deadline(ms, [], this.clock);
    try {
      await this.#events.next('card', limit.signal, (e) => e.reader === reader && e.change === 'removed');
    } catch {
      return false;
    } finally {
      limit.dispose();
    }
    return this.#present.get(reader) !== true;
  }

  async #waitForCard(wanted: string | undefined, signal: AbortSignal): Promise<string> {
    for (;;) {
      const reader = this.#readerFor(wanted);
      if (reader && this.#present.get(reader)) return reader;
      await Promise.race([
        this.#events.next(
          'card',
          signal,
          (e) => e.change === 'inserted' && matches(e.reader, wanted ?? this.opts.reader),
        ),
        // Readers may attach while we wait (pcscd restart); re-check then too.
        new Promise<void>((resolve) => {
          const off = this.channel.onReaderChange(() => {
            off();
            resolve();
          });
          signal.addEventListener('abort', () => off(), { once: true });
        }),
      ]);
    }
  }

  #readerFor(wanted: string | undefined): string | undefined {
    const pattern = wanted ?? this.opts.reader;
    const readers = [...this.#present.keys()].filter((r) => matches(r, pattern));
    return readers.find((r) => this.#present.get(r)) ?? readers[0];
  }

  #refresh(): void {
    const reader = this.#readerFor(undefined);
    if (!reader) return this.status.update({ health: 'noDevice', detail: { reader: null, card: 'absent' } });
    this.status.update({
      health: this.#busy ? 'busy' : 'online',
      detail: { reader, card: this.#present.get(reader) ? 'present' : 'absent' },
    });
  }

  #date(): { year: number; month: number; day: number } {
    const d = new Date(this.clock.now() + (this.opts.utcOffsetMinutes ?? 480) * 60_000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  #where(command: string) {
    return { deviceId: this.opts.deviceId, command };
  }
}

const matches = (reader: string, pattern: string | undefined) =>
  pattern === undefined || reader === pattern || reader.includes(pattern);

const defaultRandom = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** What a log line may say about a card: masked identifiers only. */
function summary(card: CardReadResult): Record<string, unknown> {
  return card.kind === 'socialSecurity'
    ? {
        kind: card.kind,
        cardVersion: card.cardVersion,
        idNumber: maskIdNumber(card.idNumber),
        name: maskName(card.name),
        warnings: card.warnings,
      }
    : { kind: card.kind, aid: card.aid, pan: maskPan(card.pan) };
}
