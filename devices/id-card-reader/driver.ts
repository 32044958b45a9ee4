import {
  abortReason,
  CommandQueue,
  deadline,
  DeadlineError,
  DeviceDriver,
  DeviceError,
  FrameStream,
  LinkSupervisor,
  isReconfigurable,
  silentLogger,
  sleep,
  systemClock,
  toDeviceError,
  wireTimeMs,
  type Clock,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../core';
import { idCardReaderManifest, type IdCardCounter } from './manifest';
import { SAM_COMMANDS, type SamCommandName } from './protocol/commands';
import { decodeFrame, encodeFrame, type SamFrame } from './protocol/frame';
import type { IdCardRecord } from './protocol/record';
import {
  formatSamId,
  isPlausibleReply,
  parseCardBlocks,
  parseResponse,
  type SamResponse,
} from './protocol/replies';
import { SW3, describeStatus } from './protocol/status';
import { decodeExtraAddress, decodeTextBlock } from './protocol/text';
import type { WltDecoder } from './protocol/wlt';
import { maskIdNumber, maskName } from '../../domain/identity';

/** Per-stage deadlines in ms (protocols.md §1.6). The wire time of the expected reply at the current baud rate is added. */
export interface StageTimeouts {
  samStatus: number;
  readSamId: number;
  findCard: number;
  selectCard: number;
  readBase: number;
  readBaseWithFingerprint: number;
  readExtraAddress: number;
}

export const DEFAULT_TIMEOUTS: StageTimeouts = {
  samStatus: 300, // YinanSoft/CVR ~300 ms; also the per-rate baud probe deadline
  readSamId: 300,
  // YinanSoft uses 100 ms and CVR 1000 ms; 300 ms leaves room for a loaded host without slowing a probe much.
  findCard: 300,
  selectCard: 300,
  readBase: 2000,
  readBaseWithFingerprint: 3000,
  readExtraAddress: 1500,
};

/** Consecutive find timeouts after which the reader counts as silent and is re-probed. */
const SILENT_FINDS = 3;

/** Reply sizes in bytes, for the wire-time part of each deadline. */
const REPLY_BYTES: Record<SamCommandName, number> = {
  resetSam: 11,
  samStatus: 11,
  readSamId: 27,
  findCard: 15,
  selectCard: 19,
  readBase: 1295,
  readBaseWithFingerprint: 2321,
  readExtraAddress: 81,
};

/** A reader's settings and its identity (`new IdCardReaderDriver(transport, config, log, clock)`). */
export interface IdCardReaderConfig {
  deviceId: string;
  /** Rates to probe, in order, when the transport can change speed. Default 115200 then 9600 (§1.1). */
  baudRates?: readonly number[];
  /** Send 30 10 (with fingerprints) instead of 30 01; falls back to 30 01 when the card answers 91. */
  readFingerprint?: boolean;
  /** Send 30 03 after a read for the endorsement address. Default true. */
  readExtraAddress?: boolean;
  timeouts?: Partial<StageTimeouts>;
  /**
   * Pause between finds while no card is present and a `readOnce` waits for one (a screen asks for
   * the card). Each find costs 25 bytes (≈2.2 ms at 115200), so a short cadence keeps the time from
   * "card placed" to "read starts" small at the price of a busy line. Default 5 ms.
   */
  idlePollMs?: number;
  /**
   * Pause between finds while no card is present and nobody waits for one. A kiosk idles most of
   * the day; polling at `idlePollMs` then would keep a core and the reader busy around the clock
   * for nothing. A card placed meanwhile is still read and reported, just up to this much later.
   * Default 250 ms.
   */
  standbyPollMs?: number;
  /** Pause between finds while a read card lies on the reader (removal detection). Default 50 ms. */
  presencePollMs?: number;
  /** Consecutive "no card" finds that count as removal; 2 filters one-off misses of a card still in the field. */
  removalMisses?: number;
  /** Pause after a failed read before trying again. Default 200 ms. */
  retryDelayMs?: number;
  supervisor?: Partial<SupervisorOptions>;
  wltDecoder?: WltDecoder;
}

export type CardPresence = 'absent' | 'present' | 'read';

export interface IdCardReaderDetail {
  baudRate: number | null;
  samId: string | null;
  card: CardPresence;
}

/** The family's own events (beside `status` and `error`, which every device has). */
export type IdCardReaderEvents = {
  cardInserted: { at: number };
  cardRead: { record: IdCardRecord; fingerprint?: Uint8Array; at: number };
  cardRemoved: { at: number };
};

/**
 * Second-generation ID card reader over SAM_V (serial or USB-CDC). Polls find → select → read,
 * reads each card once until it is lifted, probes the line speed, and survives unplug/replug through
 * a LinkSupervisor (re-probe, then resume). Every failure leaves as a DeviceError, on the `error`
 * event or from `readOnce`.
 */
export class IdCardReaderDriver extends DeviceDriver<IdCardReaderDetail, IdCardReaderEvents, IdCardCounter> {
  readonly #queue: CommandQueue;
  readonly #frames: FrameStream<SamFrame>;
  readonly #supervisor: LinkSupervisor;
  readonly #timeouts: StageTimeouts;
  #connection: AbortController | undefined;
  #onBadFrame: ((reason: string) => void) | undefined;
  #card: CardPresence = 'absent';
  #lastRecord: IdCardRecord | undefined;
  #everConnected = false;
  #probeAttempted = false;
  #lastLinkError: DeviceError | undefined;
  /** `readOnce` calls waiting for a card; while > 0 the idle cadence is `idlePollMs`. */
  #awaiting = 0;
  /** Ends a standby pause early (a `readOnce` started). */
  #wake: (() => void) | undefined;

  constructor(
    readonly transport: Transport,
    private readonly opts: IdCardReaderConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      idCardReaderManifest,
      {
        deviceId: opts.deviceId,
        detail: { baudRate: null, samId: null, card: 'absent' },
        link: () => transport.describe,
        counters: idCardReaderManifest.counters,
      },
      log,
      clock,
    );
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.#queue = new CommandQueue({ deviceId: opts.deviceId, defaultTimeoutMs: 2000, clock });
    // Skipped bytes are logged by count and reason only: a cut-off text block is personal data.
    this.#frames = new FrameStream(transport, decodeFrame, (reason, bytes) => {
      this.log.debug('frame.skipped', { reason, bytes: bytes.length });
      this.#onBadFrame?.(reason);
    });
    this.#supervisor = new LinkSupervisor(
      transport,
      { initialBackoffMs: 200, maxBackoffMs: 5000, debounceMs: 3000, ...opts.supervisor },
      this.log,
      (signal) => this.#onConnected(signal),
      this.clock,
    );
    this.#supervisor.onState((state) => {
      if (state === 'lost' && this.status.current.health !== 'hardwareError')
        this.status.update({ health: 'noDevice' });
    });
    transport.onClose(() => {
      this.#connection?.abort(new DeviceError('notConnected', 'link lost', this.#where('link')));
      this.#connection = undefined;
    });
  }

  get card(): CardPresence {
    return this.#card;
  }

  /** Opens the link and starts polling; returns at once. Progress shows in `status` and `events`. */
  start(): void {
    this.#supervisor.start();
  }

  /** Stops polling and supervision and closes the link. `stop()` is final for this driver. */
  async stop(): Promise<void> {
    this.#connection?.abort(new DeviceError('canceled', 'driver stopped', this.#where('stop')));
    await this.#supervisor.stop();
    this.#frames.dispose();
    this.#lastRecord = undefined;
  }

  protected override identity(): Record<string, string | number | null> {
    const d = this.status.current.detail;
    return { samId: d.samId, baudRate: d.baudRate };
  }

  /**
   * Resolves once the card is lifted (at once when none lies there); `userAction`/`cardNotRemoved`
   * when it is still there after `timeoutMs`.
   */
  async waitRemoved(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
    if (this.#card === 'absent') return;
    const limit = deadline(opts.timeoutMs, [opts.signal], this.clock);
    try {
      await this.events.next('cardRemoved', limit.signal);
    } catch (err) {
      if (limit.signal.reason instanceof DeadlineError && !opts.signal?.aborted) {
        this.log.info('idCard.notRemoved', { waitedMs: opts.timeoutMs });
        throw new DeviceError(
          'userAction',
          '身份证仍在读卡器上 / the ID card was left on the reader',
          this.#where('waitRemoved'),
          { detail: 'cardNotRemoved' },
        );
      }
      throw toDeviceError(err, this.#where('waitRemoved'), opts.signal);
    } finally {
      limit.dispose();
    }
  }

  /**
   * Waits for a card and returns its record. A card already read and still on the reader is returned
   * at once. On timeout it rejects with the last read error seen while waiting, else `notConnected`
   * (port unavailable, or no reader answering now) or `timeout` / `noCard`. `stop()` is final.
   */
  async readOnce(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<IdCardRecord> {
    if (this.#card === 'read' && this.#lastRecord) return this.#lastRecord;
    const deadline = new AbortController();
    const cancelTimer = this.clock.setTimer(opts.timeoutMs, () => deadline.abort());
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
    let lastError: DeviceError | undefined;
    const offError = this.events.on('error', ({ error }) => (lastError = error));
    this.#awaiting++;
    this.#wake?.();
    try {
      const { record } = await this.events.next('cardRead', signal);
      return record;
    } catch (err) {
      if (opts.signal?.aborted) throw toDeviceError(err, this.#where('readOnce'), opts.signal);
      if (lastError) throw lastError;
      if (!this.#everConnected || this.#supervisor.state !== 'connected') {
        if (this.#lastLinkError) throw this.#lastLinkError;
        if (!this.#probeAttempted)
          throw new DeviceError(
            'notConnected',
            `无法打开端口 / cannot open ${this.transport.describe}`,
            this.#where('readOnce'),
            {
              detail: 'portUnavailable',
            },
          );
        throw new DeviceError(
          'notConnected',
          '身份证阅读器无应答 / no ID card reader answered',
          this.#where('readOnce'),
          {
            detail: 'noAnswer',
          },
        );
      }
      throw new DeviceError('timeout', '未放置身份证 / no card was placed in time', this.#where('readOnce'), {
        detail: 'noCard',
      });
    } finally {
      this.#awaiting--;
      cancelTimer();
      offError();
    }
  }

  /**
   * Asks the SAM for a fresh self-test (11 FF) between polls, for diagnostics. Resolves when it
   * answers 90; rejects with a DeviceError (`notConnected` while the link is down, the SW3 mapping
   * otherwise, e.g. `hardware/samSelfTestFailed`).
   */
  async checkSam(signal?: AbortSignal): Promise<void> {
    if (!this.#connection)
      throw new DeviceError(
        'notConnected',
        '身份证阅读器未连接 / the reader is not connected',
        this.#where('samStatus'),
      );
    const link = this.#connection.signal;
    const r = await this.#exchange('samStatus', signal ? AbortSignal.any([signal, link]) : link);
    if (r.sw3 !== SW3.success) throw this.#statusError('samStatus', r.sw3);
  }

  /** Decodes the photo with the injected licensed decoder; `unsupported` when none is configured. */
  async decodePhoto(record: IdCardRecord, signal?: AbortSignal) {
    if (!this.opts.wltDecoder) {
      throw new DeviceError(
        'unsupported',
        '未配置 WLT 照片解码库 / no WLT decoder configured',
        this.#where('decodePhoto'),
        {
          detail: 'wltDecoderMissing',
        },
      );
    }
    try {
      return await this.opts.wltDecoder.decode(
        Uint8Array.from(Buffer.from(record.photoWlt, 'base64')),
        signal,
      );
    } catch (err) {
      throw toDeviceError(err, this.#where('decodePhoto'), signal);
    }
  }

  // ---- link set-up ----

  async #onConnected(signal: AbortSignal): Promise<void> {
    this.#probeAttempted = true;
    this.#frames.flush();
    try {
      await this.#probe(signal);
    } catch (err) {
      const e = toDeviceError(err, this.#where('probe'), signal);
      this.#lastLinkError = e;
      this.status.update({
        health: e.code === 'hardware' ? 'hardwareError' : 'noDevice',
        lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) },
      });
      throw e;
    }
    const samId = await this.#readSamId(signal);
    this.#everConnected = true;
    this.#lastLinkError = undefined;
    // After a reconnect the card on the reader may have been swapped: read it again.
    if (this.#card === 'read') this.#card = 'present';
    this.status.update({ health: 'online', detail: { samId, card: this.#card } });
    const connection = new AbortController();
    this.#connection = connection;
    void this.#pollLoop(connection.signal);
  }

  /** Sends SAM status (11 FF) at each candidate rate until the module answers (§1.1). */
  async #probe(signal: AbortSignal): Promise<void> {
    this.counts.add('probes');
    const t = this.transport;
    const rates = isReconfigurable(t) ? (this.opts.baudRates ?? [115200, 9600]) : [undefined];
    let last: unknown;
    for (const rate of rates) {
      if (rate !== undefined && isReconfigurable(t) && t.baudRate !== rate) await t.setBaudRate(rate);
      this.#frames.flush();
      try {
        const r = await this.#exchange('samStatus', signal);
        if (r.sw3 !== SW3.success) throw this.#statusError('samStatus', r.sw3);
        this.log.info('reader.probed', { baudRate: this.#baud() });
        this.status.update({ detail: { baudRate: this.#baud() ?? null } });
        return;
      } catch (err) {
        if (signal.aborted) throw err;
        // An answer with a failure status means the rate is right but the SAM is not: stop probing.
        if (
          err instanceof DeviceError &&
          err.detail !== undefined &&
          err.code !== 'timeout' &&
          err.detail !== 'checksumMismatch'
        )
          throw err;
        last = err;
      }
    }
    const e = toDeviceError(last, this.#where('probe'));
    throw new DeviceError(
      'notConnected',
      `身份证阅读器无应答 / no answer to SAM status at ${rates.filter(Boolean).join(', ') || 'the link rate'}`,
      this.#where('probe'),
      { cause: e, detail: 'noAnswer' },
    );
  }

  async #readSamId(signal: AbortSignal): Promise<string | null> {
    try {
      const r = await this.#exchange('readSamId', signal);
      if (r.sw3 !== SW3.success) throw this.#statusError('readSamId', r.sw3);
      const id = formatSamId(r.data) ?? null;
      this.log.info('reader.samId', { samId: id });
      return id;
    } catch (err) {
      if (signal.aborted) throw err;
      // The SAM ID is for audit only; a reader that reads cards without it still serves citizens.
      this.log.warn('reader.samIdFailed', { error: toDeviceError(err, this.#where('readSamId')).toJSON() });
      return null;
    }
  }

  // ---- polling ----

  async #pollLoop(signal: AbortSignal): Promise<void> {
    let misses = 0;
    let silentFinds = 0;
    let lastKey = '';
    let repeats = 0;
    let stage: 'idle' | 'reading' = 'idle';
    while (!signal.aborted) {
      try {
        stage = 'idle';
        const present = await this.#find(signal);
        silentFinds = 0;
        if (!present) {
          if (this.#card !== 'absent' && ++misses >= (this.opts.removalMisses ?? 2)) {
            this.#setCardRemoved();
            lastKey = '';
          }
          if (this.#card === 'absent') await this.#idlePause(signal);
          else await sleep(0, signal, this.clock);
          continue;
        }
        misses = 0;
        if (this.#card === 'read') {
          await sleep(this.opts.presencePollMs ?? 50, signal, this.clock);
          continue;
        }
        if (this.#card === 'absent') {
          this.#setCard('present');
          this.events.emit('cardInserted', { at: this.clock.now() });
        }
        stage = 'reading';
        this.status.update({ health: 'busy' });
        const { record, fingerprint } = await this.#readCard(signal);
        this.#lastRecord = record;
        lastKey = '';
        this.#setCard('read');
        this.status.update({ health: 'online' });
        this.counts.add('cardsRead');
        this.events.emit('cardRead', {
          record,
          ...(fingerprint ? { fingerprint } : {}),
          at: this.clock.now(),
        });
      } catch (err) {
        // A read cut by a lost link is reported; a stop() is not.
        const reason: unknown = signal.reason;
        const cut =
          signal.aborted &&
          stage === 'reading' &&
          reason instanceof DeviceError &&
          reason.code === 'notConnected';
        if (signal.aborted && !cut) return;
        const e = cut
          ? new DeviceError(
              'notConnected',
              '读卡时连接断开 / the link dropped during a read',
              this.#where('read'),
              {
                cause: err,
                detail: 'linkLostDuringRead',
              },
            )
          : toDeviceError(err, this.#where('poll'));
        // A port that stays open while the reader stops answering (RS-232 reader powered off):
        // after a few silent finds report it and re-probe until it answers again.
        if (!cut && stage === 'idle' && e.code === 'timeout') {
          if (++silentFinds < SILENT_FINDS) continue;
          silentFinds = 0;
          if (await this.#reprobe(signal, e)) continue;
          return;
        }
        // The same failure repeating (a damaged card left on the reader) is logged once, then every
        // 50th time, and retried with backoff so the RF field and the log are not hammered all day.
        const key = `${e.code}/${e.detail ?? ''}`;
        repeats = key === lastKey ? repeats + 1 : 0;
        lastKey = key;
        if (repeats % 50 === 0) this.log.warn('card.readFailed', { error: e.toJSON(), repeats });
        if (this.status.current.health === 'busy') this.status.update({ health: 'online' });
        this.counts.add('readFailures');
        this.status.update({ lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) } });
        this.reportError(e);
        if (cut) return;
        const base = this.opts.retryDelayMs ?? 200;
        await sleep(Math.min(base * 2 ** Math.min(repeats, 4), 10 * base), signal, this.clock).catch(
          () => undefined,
        );
      }
    }
  }

  /** Reports a silent reader, then probes every second until it answers; false when the link went away. */
  async #reprobe(signal: AbortSignal, cause: DeviceError): Promise<boolean> {
    const e = new DeviceError(
      'notConnected',
      '身份证阅读器停止应答 / the reader stopped answering',
      this.#where('findCard'),
      {
        cause,
        detail: 'readerSilent',
      },
    );
    this.log.warn('reader.silent', { error: e.toJSON() });
    this.counts.add('silentSpells');
    this.status.update({ health: 'noDevice', lastError: { code: e.code, detail: 'readerSilent' } });
    this.reportError(e);
    while (!signal.aborted) {
      try {
        await this.#probe(signal);
        if (this.#card === 'read') this.#card = 'present';
        this.status.update({ health: 'online', detail: { card: this.#card } });
        return true;
      } catch {
        await sleep(1000, signal, this.clock).catch(() => undefined);
      }
    }
    return false;
  }

  /** The pause between finds with no card: short while someone waits for a card, long otherwise. */
  #idlePause(signal: AbortSignal): Promise<void> {
    if (this.#awaiting > 0) return sleep(this.opts.idlePollMs ?? 5, signal, this.clock);
    return new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        cancelTimer();
        signal.removeEventListener('abort', onAbort);
        this.#wake = undefined;
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => settle(abortReason(signal));
      const cancelTimer = this.clock.setTimer(this.opts.standbyPollMs ?? 250, () => settle());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#wake = () => settle();
    });
  }

  async #find(signal: AbortSignal): Promise<boolean> {
    const r = await this.#exchange('findCard', signal);
    if (r.sw3 === SW3.cardFound) return true;
    if (r.sw3 === SW3.noCard) return false;
    throw this.#statusError('findCard', r.sw3);
  }

  async #readCard(signal: AbortSignal): Promise<{ record: IdCardRecord; fingerprint?: Uint8Array }> {
    const sel = await this.#exchange('selectCard', signal);
    if (sel.sw3 !== SW3.success) throw this.#statusError('selectCard', sel.sw3);

    let withFingerprint = this.opts.readFingerprint ?? false;
    let read = await this.#exchange(withFingerprint ? 'readBaseWithFingerprint' : 'readBase', signal);
    if (withFingerprint && read.sw3 === SW3.noContent) {
      withFingerprint = false;
      read = await this.#exchange('readBase', signal);
    }
    const readCmd = withFingerprint ? 'readBaseWithFingerprint' : 'readBase';
    if (read.sw3 !== SW3.success) throw this.#statusError(readCmd, read.sw3);
    const blocks = parseCardBlocks(read.data, withFingerprint);
    if (!blocks.ok) throw this.#malformed(readCmd, blocks.reason);
    const text = decodeTextBlock(blocks.blocks.text);
    if (!text.ok) {
      if (text.reason === 'unknownCardType')
        throw new DeviceError('unsupported', '无法识别的证件类型 / unknown card type', this.#where(readCmd), {
          detail: 'unknownCardType',
        });
      throw this.#malformed(readCmd, text.reason);
    }

    let extraAddress: string | undefined;
    if (this.opts.readExtraAddress ?? true) {
      const extra = await this.#exchange('readExtraAddress', signal);
      if (extra.sw3 === SW3.success) extraAddress = decodeExtraAddress(extra.data) || undefined;
      else if (extra.sw3 !== SW3.noContent) throw this.#statusError('readExtraAddress', extra.sw3);
    }

    const samId = this.status.current.detail.samId;
    const record: IdCardRecord = {
      ...text.text,
      ...(extraAddress ? { extraAddress } : {}),
      photoWlt: Buffer.from(blocks.blocks.photo).toString('base64'),
      ...(samId ? { samId } : {}),
    };
    this.log.info('card.read', {
      cardType: record.cardType,
      name: maskName(record.name),
      idNumber: maskIdNumber(record.idNumber),
      idNumberValid: record.idNumberValid,
      fieldLengths: text.fieldLengths,
    });
    const fp = blocks.blocks.fingerprint;
    return fp ? { record, fingerprint: fp } : { record };
  }

  // ---- one exchange ----

  /** One command → one reply through the single-flight queue. A corrupted reply fails at once instead of timing out. */
  #exchange(name: SamCommandName, signal: AbortSignal): Promise<SamResponse> {
    const { cmd, para } = SAM_COMMANDS[name];
    const bytes = encodeFrame(Uint8Array.of(cmd, para));
    const stage = this.#timeouts[name as keyof StageTimeouts] ?? this.#timeouts.samStatus;
    const baud = this.#baud();
    const timeoutMs = stage + (baud ? Math.ceil(wireTimeMs(bytes.length + REPLY_BYTES[name], baud)) : 0);
    // A per-exchange signal: the queue's deadline helper listens on the signal it is given until that
    // signal aborts, so handing it the long-lived connection signal would add a listener per poll.
    const local = new AbortController();
    const onAbort = () => local.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return this.#queue
      .run(
        name,
        async (sig) => {
          const bad = new AbortController();
          this.#frames.flush();
          this.#onBadFrame = (reason) => {
            if (reason === 'badChecksum')
              bad.abort(
                new DeviceError('protocol', '应答校验错误 / reply checksum mismatch', this.#where(name), {
                  detail: 'checksumMismatch',
                  retryable: true,
                }),
              );
          };
          try {
            await this.transport.write(bytes, sig);
            const frame = await this.#frames.next(
              (f) => {
                const r = parseResponse(f);
                if (r && isPlausibleReply(name, r)) return true;
                this.log.debug('frame.unexpected', { command: name, sw3: r?.sw3, bytes: f.payload.length });
                return false;
              },
              AbortSignal.any([sig, bad.signal]),
            );
            return parseResponse(frame)!;
          } finally {
            this.#onBadFrame = undefined;
          }
        },
        { signal: local.signal, timeoutMs },
      )
      .finally(() => signal.removeEventListener('abort', onAbort));
  }

  #statusError(command: SamCommandName, sw3: number): DeviceError {
    const m = describeStatus(sw3);
    return new DeviceError(m.code, m.message, this.#where(command), {
      detail: m.detail,
      retryable: m.retryable,
    });
  }

  #malformed(command: SamCommandName, reason: string): DeviceError {
    return new DeviceError('protocol', `应答格式错误 / malformed reply (${reason})`, this.#where(command), {
      detail: 'malformedReply',
    });
  }

  #setCard(card: CardPresence): void {
    this.#card = card;
    this.status.update({ detail: { card } });
  }

  #setCardRemoved(): void {
    this.#lastRecord = undefined;
    this.#setCard('absent');
    this.events.emit('cardRemoved', { at: this.clock.now() });
  }

  #baud(): number | undefined {
    return isReconfigurable(this.transport) ? this.transport.baudRate : undefined;
  }

  #where(command: string) {
    return { deviceId: this.opts.deviceId, command };
  }
}
