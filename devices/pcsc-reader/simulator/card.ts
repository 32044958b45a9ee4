import { decodeCommandApdu, encodeResponseApdu, hexToBytes, INS, type CommandApdu } from '../protocol/apdu';
import { parseDol } from '../protocol/dol';
import { findTag, parseTlv, concatBytes, encodeTlv } from '../protocol/tlv';
import { encodeValue, type ApplicationProfile, type CardProfile } from './profile';

const sw = (n: number) => encodeResponseApdu(new Uint8Array(0), n);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

interface App {
  name: Uint8Array;
  fci: Uint8Array;
  records: Map<string, Uint8Array>;
  pdolLength: number | undefined;
  profile: ApplicationProfile;
}

/**
 * A pure ISO 7816 / EMV card answering from a profile: SELECT by name, READ RECORD by SFI, GPO
 * (checks the PDOL value length like a real card: 6700 otherwise), GET DATA, GET RESPONSE; the
 * 61xx/6Cxx faults. It keeps a log of every command INS so tests can prove what was (never) sent.
 */
export class SimulatedCard {
  readonly atr: Uint8Array;
  readonly commandLog: CommandApdu[] = [];
  /** The PDOL data of the last GPO (tests check the DOL filling against it). */
  lastGpoData: Uint8Array | undefined;
  readonly #apps: App[];
  #selected: App | undefined;
  #pending: Uint8Array | undefined;
  #readRecordSeen = false;

  constructor(readonly profile: CardProfile) {
    this.atr = hexToBytes(profile.atr);
    this.#apps = profile.applications.map((a) => {
      const fci = a.fci ? encodeValue(a.fci) : new Uint8Array(0);
      const pdol = fci.length ? findTag(parseTlv(fci), '9F38') : undefined;
      const records = new Map<string, Uint8Array>();
      for (const [sfi, recs] of Object.entries(a.records))
        for (const [rec, v] of Object.entries(recs))
          records.set(`${Number(sfi)}/${Number(rec)}`, encodeValue(v));
      return {
        name: encodeValue(a.name),
        fci,
        records,
        pdolLength: pdol ? parseDol(pdol.value).reduce((n, e) => n + e.length, 0) : undefined,
        profile: a,
      };
    });
  }

  /** Power-on / reset: back to the MF with nothing selected. */
  reset(): void {
    this.#selected = undefined;
    this.#pending = undefined;
  }

  /** Processes one C-APDU and returns the R-APDU. */
  process(bytes: Uint8Array): Uint8Array {
    const c = decodeCommandApdu(bytes);
    if (!c) return sw(0x6700);
    this.commandLog.push(c);
    if (c.ins !== INS.getResponse) this.#pending = undefined;
    switch (c.ins) {
      case INS.select:
        return this.#select(c);
      case INS.readRecord:
        return this.#readRecord(c);
      case INS.getProcessingOptions:
        return this.#gpo(c);
      case INS.getData:
        return this.#getData(c);
      case INS.getResponse:
        return this.#getResponse(c);
      case INS.verify:
        return sw(0x6983); // a kiosk must never get here; answer "authentication method blocked"
      default:
        return sw(0x6d00);
    }
  }

  #respond(data: Uint8Array, le?: number): Uint8Array {
    const t0 = this.profile.faults.answer61xx;
    if (t0 && data.length > 0) {
      this.#pending = data;
      return sw(0x6100 | (Math.min(data.length, t0.chunk, 256) % 256));
    }
    if (le !== undefined && le !== 0 && le < data.length) return sw(0x6c00 | data.length);
    return encodeResponseApdu(data, 0x9000);
  }

  #select(c: CommandApdu): Uint8Array {
    if (c.p1 !== 0x04 || !c.data) return sw(0x6a86);
    if (this.profile.faults.wrongCard) return sw(0x6a82);
    const name = c.data;
    const app =
      this.#apps.find((a) => equal(a.name, name)) ??
      this.#apps.find((a) => a.name.length > name.length && equal(a.name.subarray(0, name.length), name));
    if (!app) return sw(0x6a82);
    this.#selected = app;
    return this.#respond(app.fci);
  }

  #readRecord(c: CommandApdu): Uint8Array {
    if ((c.p2 & 0x07) !== 0x04) return sw(0x6a86);
    if (!this.#selected) return sw(0x6985);
    const data = this.#selected.records.get(`${c.p2 >> 3}/${c.p1}`);
    if (!data) return sw(0x6a83);
    if (this.profile.faults.answer6Cxx && !this.#readRecordSeen) {
      this.#readRecordSeen = true;
      return sw(0x6c00 | (data.length & 0xff));
    }
    this.#readRecordSeen = true;
    return this.#respond(data, c.le);
  }

  #gpo(c: CommandApdu): Uint8Array {
    const gpo = this.#selected?.profile.gpo;
    if (!this.#selected || !gpo) return sw(0x6985);
    const data = c.data ?? new Uint8Array(0);
    if (data[0] !== 0x83 || data[1] !== data.length - 2) return sw(0x6700);
    if ((data[1] ?? 0) !== (this.#selected.pdolLength ?? 0)) return sw(0x6700);
    this.lastGpoData = data.slice(2);
    const aip = hexToBytes(gpo.aip);
    const afl = hexToBytes(gpo.afl);
    const body =
      gpo.format === 1
        ? encodeTlv('80', concatBytes([aip, afl]))
        : encodeTlv(
            '77',
            concatBytes([encodeTlv('82', aip), encodeTlv('94', afl), encodeValue(gpo.extra ?? [])]),
          );
    return this.#respond(body);
  }

  #getData(c: CommandApdu): Uint8Array {
    const tag = ((c.p1 << 8) | c.p2).toString(16).toUpperCase();
    const v = this.#selected?.profile.data[tag];
    return v === undefined ? sw(0x6a88) : this.#respond(encodeTlv(tag, encodeValue(v)));
  }

  #getResponse(c: CommandApdu): Uint8Array {
    const pending = this.#pending;
    if (!pending) return sw(0x6985);
    const chunk = this.profile.faults.answer61xx?.chunk ?? 256;
    const n = Math.min(c.le || 256, chunk, pending.length);
    const rest = pending.subarray(n);
    this.#pending = rest.length ? rest : undefined;
    return encodeResponseApdu(
      pending.slice(0, n),
      rest.length ? 0x6100 | (Math.min(rest.length, chunk) & 0xff) : 0x9000,
    );
  }
}
