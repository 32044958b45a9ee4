import type { Logger } from '../core';
import {
  classifyStatus,
  decodeResponseApdu,
  describeStatus,
  encodeApdu,
  getResponse,
  INS,
  withLe,
  type CommandApdu,
  type ResponseApdu,
} from './protocol/apdu';

/** Sends raw APDU bytes to the card and returns the raw response (the CardChannel's transmit). */
export type RawTransmit = (apdu: Uint8Array, signal: AbortSignal) => Promise<Uint8Array>;

export class CardStatusError extends Error {
  override readonly name = 'CardStatusError';
  constructor(
    readonly command: string,
    readonly sw: number,
  ) {
    super(`${command} answered ${describeStatus(sw)}`);
  }
}

/** Refused by design: a kiosk never presents a PIN to a social security or bank card (PIN tries are limited). */
export class ForbiddenCommandError extends Error {
  override readonly name = 'ForbiddenCommandError';
}

/**
 * The only instructions this read-only driver ever sends. An allow-list, not a deny-list, so that no
 * PIN command in any form (VERIFY 20/21, CHANGE REFERENCE DATA 24, RESET RETRY COUNTER 2C), no write
 * (UPDATE RECORD DC, UPDATE BINARY D6) and no authentication can reach a card, whatever builds the APDU.
 */
export const ALLOWED_INS: ReadonlySet<number> = new Set([
  INS.select,
  INS.readRecord,
  INS.getResponse,
  INS.getProcessingOptions,
  INS.getData,
]);

/** Bounds the 61xx chain so a faulty card cannot keep us reading forever. */
const MAX_GET_RESPONSE = 16;

/**
 * One conversation with one card. Handles the T=0 status words in one place, as §3.1 asks:
 * 61xx → GET RESPONSE (repeated, data concatenated); 6Cxx → resend the same command with Le = xx.
 * Traces carry command names, lengths and status words only, never response data (personal data).
 */
export class CardSession {
  apduCount = 0;

  constructor(
    private readonly transmit: RawTransmit,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
  ) {}

  /** Sends `command` and returns data + final SW (any SW; the caller decides what is acceptable). */
  async exchange(name: string, command: CommandApdu): Promise<ResponseApdu> {
    let res = await this.#send(name, command);
    let cls = classifyStatus(res.sw);
    if (cls.kind === 'wrongLength') {
      res = await this.#send(`${name}(Le=${cls.exact})`, withLe(command, cls.exact));
      cls = classifyStatus(res.sw);
    }
    const chunks = [res.data];
    for (let i = 0; cls.kind === 'moreData'; i++) {
      if (i >= MAX_GET_RESPONSE) throw new CardStatusError(name, res.sw);
      res = await this.#send('GET RESPONSE', getResponse(cls.available & 0xff));
      chunks.push(res.data);
      cls = classifyStatus(res.sw);
    }
    if (chunks.length === 1) return res;
    const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      data.set(c, o);
      o += c.length;
    }
    return { data, sw: res.sw };
  }

  /** Like exchange, but anything other than 9000 is a CardStatusError. */
  async expectOk(name: string, command: CommandApdu): Promise<Uint8Array> {
    const res = await this.exchange(name, command);
    if (res.sw !== 0x9000) throw new CardStatusError(name, res.sw);
    return res.data;
  }

  async #send(name: string, command: CommandApdu): Promise<ResponseApdu> {
    if (!ALLOWED_INS.has(command.ins))
      throw new ForbiddenCommandError(
        command.ins === INS.verify
          ? 'VERIFY (PIN) is never sent by this driver'
          : `instruction ${command.ins.toString(16).toUpperCase().padStart(2, '0')} is not a read this driver sends`,
      );
    this.signal.throwIfAborted();
    const bytes = encodeApdu(command);
    this.apduCount++;
    const res = decodeResponseApdu(await this.transmit(bytes, this.signal));
    this.log.debug('apdu', {
      command: name,
      lc: command.data?.length ?? 0,
      le: command.le,
      sw: describeStatus(res.sw),
      rlen: res.data.length,
    });
    return res;
  }
}
