// HID POS scanned-data reports (usage page 0x8C, usage 0x12; protocols.md §5.3/§5.4). Report layouts
// differ by vendor, so they are read through a profile rather than fixed offsets [M]. node-hid hands
// over each input report with its report ID as byte 0; offsets below are into the payload after it.

/** HID usage page "Bar Code Scanner" (HID POS) [H]; the transport opens the interface on this page. */
export const HID_POS_USAGE_PAGE = 0x8c;

export interface HidPosProfile {
  name: string;
  /** Input report ID that carries scanned data; other reports are ignored. */
  reportId: number;
  /** Byte holding the number of data bytes in this report. */
  lengthOffset: number;
  /** First of three AIM symbology identifier bytes (e.g. "]Q1"), if the layout has them. */
  aimOffset: number | undefined;
  dataOffset: number;
  dataCapacity: number;
  /** Non-zero when more reports follow for a long code, if the layout has the flag. */
  continuationOffset: number | undefined;
}

/**
 * Honeywell input report 02 (WebHidBarcodeScanner) [M]: 0 length, 1–3 AIM id, 4–59 data (56 bytes),
 * 60 Honeywell code ID, 62 continuation flag.
 */
export const HONEYWELL_REPORT_02: HidPosProfile = {
  name: 'honeywell',
  reportId: 0x02,
  lengthOffset: 0,
  aimOffset: 1,
  dataOffset: 4,
  dataCapacity: 56,
  continuationOffset: 62,
};

export const HID_POS_PROFILES: Record<string, HidPosProfile> = { honeywell: HONEYWELL_REPORT_02 };

export interface HidPosFragment {
  aim: string | undefined;
  data: Uint8Array;
  more: boolean;
}

/** One input report (report ID first) → its fragment, or undefined when it is not a scanned-data report. */
export function parseHidPosReport(report: Uint8Array, profile: HidPosProfile): HidPosFragment | undefined {
  if (report[0] !== profile.reportId) return undefined;
  const payload = report.subarray(1);
  if (payload.length < profile.dataOffset) return undefined;
  const length = Math.min(
    payload[profile.lengthOffset] ?? 0,
    profile.dataCapacity,
    payload.length - profile.dataOffset,
  );
  let aim: string | undefined;
  if (profile.aimOffset !== undefined) {
    const raw = payload.subarray(profile.aimOffset, profile.aimOffset + 3);
    if (raw.length === 3 && raw[0] === 0x5d) aim = String.fromCharCode(...raw);
  }
  const more = profile.continuationOffset !== undefined && (payload[profile.continuationOffset] ?? 0) !== 0;
  return { aim, data: payload.slice(profile.dataOffset, profile.dataOffset + length), more };
}

/** Builds reports for `data` in a profile's layout (simulators and constructed fixtures). */
export function buildHidPosReports(
  data: Uint8Array,
  aim: string | undefined,
  profile: HidPosProfile,
): Uint8Array[] {
  const size = 1 + Math.max(profile.dataOffset + profile.dataCapacity, (profile.continuationOffset ?? 0) + 1);
  const reports: Uint8Array[] = [];
  for (let off = 0; off === 0 || off < data.length; off += profile.dataCapacity) {
    const chunk = data.subarray(off, off + profile.dataCapacity);
    const r = new Uint8Array(size);
    r[0] = profile.reportId;
    r[1 + profile.lengthOffset] = chunk.length;
    if (aim !== undefined && profile.aimOffset !== undefined)
      for (let i = 0; i < 3; i++) r[1 + profile.aimOffset + i] = aim.charCodeAt(i) & 0xff;
    r.set(chunk, 1 + profile.dataOffset);
    if (profile.continuationOffset !== undefined)
      r[1 + profile.continuationOffset] = off + profile.dataCapacity < data.length ? 1 : 0;
    reports.push(r);
  }
  return reports;
}

/** Concatenates fragments until one without the continuation flag; then yields the whole scan. */
export class HidPosReassembler {
  #parts: Uint8Array[] = [];
  #aim: string | undefined;

  constructor(private readonly profile: HidPosProfile) {}

  get pending(): boolean {
    return this.#parts.length > 0;
  }

  reset(): void {
    this.#parts = [];
    this.#aim = undefined;
  }

  push(report: Uint8Array): { data: Uint8Array; aim: string | undefined } | undefined {
    const f = parseHidPosReport(report, this.profile);
    if (!f) return undefined;
    if (this.#parts.length === 0) this.#aim = f.aim;
    this.#parts.push(f.data);
    if (f.more) return undefined;
    const data = new Uint8Array(this.#parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of this.#parts) {
      data.set(p, off);
      off += p.length;
    }
    const aim = this.#aim;
    this.reset();
    return { data, aim };
  }
}
