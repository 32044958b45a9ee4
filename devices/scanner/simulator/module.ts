// How the simulated GM65 module reads its own configuration zones, written from the vendor's serial
// document (protocols.md §5.2) apart from the driver's protocol/zones.ts: were a bit wrong in the
// driver's table, the module would not mirror it, and the tests would see the wrong setting.

export type ModuleMode = 'manual' | 'command' | 'continuous' | 'sensing';
export type ModuleEncoding = 'gbk' | 'utf8';
export type ModuleTerminator = 'cr' | 'crlf' | 'tab' | 'none';

/** Zone 0x0000, bits 1–0. */
export function moduleMode(zone0000: number): ModuleMode {
  switch (zone0000 & 0x03) {
    case 0x00:
      return 'manual';
    case 0x01:
      return 'command';
    case 0x02:
      return 'continuous';
    default:
      return 'sensing';
  }
}

/** Zone 0x0060, bits 6–5: 00 CR, 01 CR LF, 10 TAB, 11 none. */
export function moduleTerminator(zone0060: number): ModuleTerminator {
  switch (zone0060 & 0x60) {
    case 0x00:
      return 'cr';
    case 0x20:
      return 'crlf';
    case 0x40:
      return 'tab';
    default:
      return 'none';
  }
}

/** Zone 0x000D, bits 3–2: GBK by default; `utf8Value` is the field value that selects UTF-8 (01 unless told). */
export function moduleEncoding(zone000d: number, utf8Value = 0x01): ModuleEncoding {
  return ((zone000d >> 2) & 0x03) === utf8Value ? 'utf8' : 'gbk';
}

/** The bytes the module puts after each code. */
export function terminatorBytes(t: ModuleTerminator): number[] {
  return { cr: [0x0d], crlf: [0x0d, 0x0a], tab: [0x09], none: [] }[t];
}
