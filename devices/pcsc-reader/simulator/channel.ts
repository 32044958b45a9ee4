import { DeviceError, Emitter, type CardChannel } from '../../core';
import { SimulatedCard } from './card';
import type { CardProfile } from './profile';

/**
 * A PC/SC reader in this process: the same `CardChannel` the driver gets from pcscd, with a virtual
 * card that answers every APDU from its profile (the same SimulatedCard vpcd serves). Used where pcscd
 * and vpcd do not run; the driver cannot tell the difference. A card that left mid-read fails the next
 * APDU the way pcscd reports it (`noMedia`/`cardRemoved`).
 */
export class SimulatedCardChannel implements CardChannel {
  readonly describe = 'pcsc:in-process';
  readonly #events = new Emitter<{
    reader: { reader: string; change: 'attached' | 'detached' };
    card: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array };
  }>();
  #card: SimulatedCard | undefined;
  #apdus = 0;
  #attached = true;

  constructor(readonly reader = 'Yizhan Simulated PCD 00') {}

  /** The card in the reader, for tests that look at the commands it received. */
  get card(): SimulatedCard | undefined {
    return this.#card;
  }

  readers(): readonly string[] {
    return this.#attached ? [this.reader] : [];
  }

  cardPresent(reader: string): boolean {
    return this.#attached && reader === this.reader && this.#card !== undefined;
  }

  onReaderChange(listener: (event: { reader: string; change: 'attached' | 'detached' }) => void): () => void {
    return this.#events.on('reader', listener);
  }

  onCardChange(
    listener: (event: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array }) => void,
  ): () => void {
    return this.#events.on('card', listener);
  }

  /** A card goes into the reader (one already there is taken out first). */
  /** A card goes into the reader (one already there is taken out first). A detached reader does not notice. */
  insert(profile: CardProfile): void {
    if (this.#card) this.remove();
    const card = new SimulatedCard(profile);
    this.#card = card;
    this.#apdus = 0;
    if (this.#attached) this.#events.emit('card', { reader: this.reader, change: 'inserted', atr: card.atr });
  }

  remove(): void {
    if (!this.#card) return;
    this.#card = undefined;
    if (this.#attached) this.#events.emit('card', { reader: this.reader, change: 'removed' });
  }

  /** The reader's cable: a detached reader sees no card and answers nothing; plugged back, it sees the card in it. */
  setAttached(attached: boolean): void {
    if (attached === this.#attached) return;
    this.#attached = attached;
    this.#events.emit('reader', { reader: this.reader, change: attached ? 'attached' : 'detached' });
    const card = this.#card;
    if (attached && card)
      this.#events.emit('card', { reader: this.reader, change: 'inserted', atr: card.atr });
  }

  connect(reader: string, signal?: AbortSignal): Promise<Uint8Array> {
    signal?.throwIfAborted();
    const card = this.#present(reader, 'connect');
    card.reset();
    return Promise.resolve(card.atr);
  }

  async transmit(reader: string, apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    signal?.throwIfAborted();
    const card = this.#present(reader, 'transmit');
    // An APDU takes a moment on a real contact card: the answer never comes back synchronously, so
    // callers that assume it does are caught. (A microtask, not a timer: no clock time passes.)
    await Promise.resolve();
    const pull = card.profile.faults.pulledMidRead;
    if (pull && this.#apdus >= pull.afterApdus) {
      this.remove();
      throw this.#gone('transmit');
    }
    this.#apdus++;
    if (this.#card !== card) throw this.#gone('transmit');
    return card.process(apdu);
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #present(reader: string, command: string): SimulatedCard {
    if (!this.#attached || reader !== this.reader)
      throw new DeviceError('notConnected', `no reader ${reader}`, { deviceId: this.describe, command });
    if (!this.#card) throw this.#gone(command);
    return this.#card;
  }

  #gone(command: string): DeviceError {
    return new DeviceError(
      'noMedia',
      'the card was removed',
      { deviceId: this.describe, command },
      { detail: 'cardRemoved' },
    );
  }
}
