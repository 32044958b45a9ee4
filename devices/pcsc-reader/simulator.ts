import { FrameAssembler, silentLogger, type Logger, type Transport } from '../core';
import { decodeVpcdMessage, encodeVpcdMessage, VPCD_CONTROL, type VpcdMessage } from './protocol/vpcd';
import { SimulatedCard } from './simulator/card';
import type { CardProfile } from './simulator/profile';

export { parseCardProfile, parseFaultSwitches, type CardFaults, type CardProfile } from './simulator/profile';
export { SimulatedCard } from './simulator/card';
export { SimulatedCardChannel } from './simulator/channel';

/**
 * A virtual card on the far end of vsmartcard's vpcd driver. `insert()` opens the injected
 * stream transport (a TCP connection to vpcd, 127.0.0.1:35963 by default) and the real pcscd sees a
 * card; `remove()` closes it and pcscd sees the card go. The card answers GET ATR and APDUs from its
 * profile; the `pulledMidRead` fault closes the link after N APDUs, like a citizen pulling the card.
 */
export class PcscCardSimulator {
  readonly card: SimulatedCard;
  apduCount = 0;
  /** Set once the pulledMidRead fault has taken the card out. */
  pulled = false;
  #offs: (() => void)[] = [];

  constructor(
    profile: CardProfile,
    private readonly transport: Transport,
    private readonly log: Logger = silentLogger,
  ) {
    this.card = new SimulatedCard(profile);
  }

  get inserted(): boolean {
    return this.transport.isOpen;
  }

  /** Connects to vpcd: the card is now in the reader. */
  async insert(signal?: AbortSignal): Promise<void> {
    this.#detach();
    const frames = new FrameAssembler(decodeVpcdMessage, (reason) => this.log.warn('vpcd.skip', { reason }));
    this.#offs.push(
      this.transport.onData((chunk) => {
        for (const m of frames.push(chunk)) this.#handle(m);
      }),
      this.transport.onClose((reason) => {
        this.log.info('card.removed', { reason });
        this.#detach();
      }),
    );
    this.card.reset();
    await this.transport.open(signal);
    this.log.info('card.inserted', { transport: this.transport.describe });
  }

  /** Disconnects from vpcd: the card has left the reader. */
  async remove(): Promise<void> {
    await this.transport.close();
    this.#detach();
  }

  /** Resolves when the link closes (removed by us, by the fault, or by vpcd going away). */
  whenRemoved(): Promise<void> {
    if (!this.transport.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.transport.onClose(() => {
        off();
        resolve();
      });
    });
  }

  #detach(): void {
    for (const off of this.#offs.splice(0)) off();
  }

  #handle(m: VpcdMessage): void {
    if (m.kind === 'control') {
      if (m.code === VPCD_CONTROL.getAtr) this.#send(this.card.atr);
      else if (
        m.code === VPCD_CONTROL.powerOn ||
        m.code === VPCD_CONTROL.reset ||
        m.code === VPCD_CONTROL.powerOff
      )
        this.card.reset();
      return;
    }
    const pull = this.card.profile.faults.pulledMidRead;
    if (pull && this.apduCount >= pull.afterApdus) {
      this.log.info('fault.pulledMidRead', { afterApdus: this.apduCount });
      this.pulled = true;
      void this.remove();
      return;
    }
    this.apduCount++;
    this.#send(this.card.process(m.apdu));
  }

  #send(payload: Uint8Array): void {
    this.transport.write(encodeVpcdMessage(payload)).catch((err: unknown) => {
      this.log.warn('vpcd.writeFailed', { error: err instanceof Error ? err.message : String(err) });
    });
  }
}
