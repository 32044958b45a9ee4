/**
 * A pure ESC/POS interpreter: the simulator's model of what a printer does with a byte stream.
 * It is written independently of protocol/encode.ts (it parses the wire, it does not share the
 * encoder's builders), so a document → bytes → interpreter round trip checks the encoder for real.
 * Commands follow protocols.md §2.2–2.7; unknown ESC/GS/FS sequences are reported, not guessed.
 */
import iconv from 'iconv-lite';
import type { Align, Bitmap, QrErrorLevel, SegmentStyle, StatusQuery } from '../protocol';

export interface PrintedSegment {
  text: string;
  style: SegmentStyle;
}

export type PrintedItem =
  | { kind: 'line'; align: Align; segments: PrintedSegment[] }
  | { kind: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel; align: Align }
  | { kind: 'barcode'; data: string; heightDots: number; moduleWidth: number; hri: number; align: Align }
  | { kind: 'raster'; bitmap: Bitmap; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; mode: 'full' | 'partial'; feedDots: number };

export type InterpreterEvent =
  | { kind: 'realtimeStatus'; n: StatusQuery }
  | { kind: 'statusBack'; mask: number }
  | { kind: 'initialize' }
  | { kind: 'item'; item: PrintedItem }
  | { kind: 'unknown'; bytes: Uint8Array }
  /** Real-time command sequences (DLE EOT/ENQ/DC4) found inside raster data: a printer may act on them. */
  | { kind: 'realtimeInData'; count: number };

const ALIGNS: Align[] = ['left', 'center', 'right'];
const NEED_MORE = 0;

export class EscPosInterpreter {
  #buf = new Uint8Array(0);
  #events: InterpreterEvent[] = [];
  #align: Align = 'left';
  #bold = false;
  #underline: 0 | 1 | 2 = 0;
  #modeDw = false;
  #modeDh = false;
  #sizeW = 1;
  #sizeH = 1;
  #chinese = false;
  #qr = { moduleSize: 3, errorLevel: 'L' as QrErrorLevel, data: new Uint8Array(0) };
  #barcode = { height: 162, width: 3, hri: 0 };
  #segments: { bytes: number[]; style: SegmentStyle; chinese: boolean }[] = [];

  constructor(private readonly encoding: 'gb18030' | 'gbk' = 'gb18030') {}

  /** Feeds bytes; returns what they caused. Incomplete commands wait for the next chunk. */
  push(chunk: Uint8Array): InterpreterEvent[] {
    const merged = new Uint8Array(this.#buf.length + chunk.length);
    merged.set(this.#buf);
    merged.set(chunk, this.#buf.length);
    let off = 0;
    while (off < merged.length) {
      const used = this.#step(merged, off);
      if (used === NEED_MORE) break;
      off += used;
    }
    this.#buf = merged.slice(off);
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** Bytes waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.#buf.length;
  }

  #style(): SegmentStyle {
    return {
      bold: this.#bold,
      underline: this.#underline,
      doubleWidth: this.#modeDw || this.#sizeW > 1,
      doubleHeight: this.#modeDh || this.#sizeH > 1,
    };
  }

  #emit(item: PrintedItem): void {
    this.#events.push({ kind: 'item', item });
  }

  #printLine(force: boolean): void {
    if (!force && this.#segments.length === 0) return;
    const segments = this.#segments.map((s) => ({
      text: s.chinese
        ? iconv.decode(Uint8Array.from(s.bytes), this.encoding)
        : String.fromCharCode(...s.bytes),
      style: s.style,
    }));
    this.#segments = [];
    this.#emit({ kind: 'line', align: this.#align, segments });
  }

  #text(b: number, chinese: boolean): void {
    const style = this.#style();
    const last = this.#segments[this.#segments.length - 1];
    const same =
      last &&
      last.chinese === chinese &&
      last.style.bold === style.bold &&
      last.style.underline === style.underline &&
      last.style.doubleWidth === style.doubleWidth &&
      last.style.doubleHeight === style.doubleHeight;
    if (same) last.bytes.push(b);
    else this.#segments.push({ bytes: [b], style, chinese });
  }

  #reset(): void {
    this.#segments = [];
    this.#align = 'left';
    this.#bold = false;
    this.#underline = 0;
    this.#modeDw = this.#modeDh = false;
    this.#sizeW = this.#sizeH = 1;
    this.#qr = { moduleSize: 3, errorLevel: 'L', data: new Uint8Array(0) };
    this.#barcode = { height: 162, width: 3, hri: 0 };
  }

  /** Interprets the command at `off`; returns bytes consumed, or 0 when more bytes are needed. */
  #step(buf: Uint8Array, off: number): number {
    const b = buf[off]!;
    const at = (i: number) => buf[off + i];
    const need = (n: number) => buf.length - off >= n;
    if (b === 0x0a) {
      this.#printLine(true);
      return 1;
    }
    if (b === 0x0d) return 1;
    if (b === 0x10) {
      // DLE EOT n (real-time status); DLE ENQ n / DLE DC4 … are accepted and ignored
      if (!need(3)) return NEED_MORE;
      const n = at(2)!;
      if (at(1) === 0x04 && n >= 1 && n <= 4)
        this.#events.push({ kind: 'realtimeStatus', n: n as StatusQuery });
      return 3;
    }
    if (b === 0x1b) return this.#esc(buf, off);
    if (b === 0x1d) return this.#gs(buf, off);
    if (b === 0x1c) return this.#fs(buf, off);
    if (b < 0x20) return 1;
    if (this.#chinese && b >= 0x81 && b <= 0xfe) {
      // GB18030: two bytes, or four when the second is a digit 0x30–0x39
      if (!need(2)) return NEED_MORE;
      const len = at(1)! >= 0x30 && at(1)! <= 0x39 ? 4 : 2;
      if (!need(len)) return NEED_MORE;
      for (let i = 0; i < len; i++) this.#text(at(i)!, true);
      return len;
    }
    this.#text(b, this.#chinese);
    return 1;
  }

  #esc(buf: Uint8Array, off: number): number {
    if (buf.length - off < 2) return NEED_MORE;
    const c = buf[off + 1]!;
    if (c === 0x40) {
      this.#reset();
      this.#events.push({ kind: 'initialize' });
      return 2;
    }
    if (buf.length - off < 3) return NEED_MORE;
    const n = buf[off + 2]!;
    switch (c) {
      case 0x21: // ESC ! n
        this.#bold = (n & 0x08) !== 0;
        this.#modeDh = (n & 0x10) !== 0;
        this.#modeDw = (n & 0x20) !== 0;
        this.#underline = n & 0x80 ? 1 : 0;
        return 3;
      case 0x45: // ESC E n
        this.#bold = (n & 1) === 1;
        return 3;
      case 0x2d: // ESC - n
        this.#underline = (n % 0x30) as 0 | 1 | 2;
        return 3;
      case 0x61: // ESC a n
        this.#align = ALIGNS[n % 0x30] ?? 'left';
        return 3;
      case 0x64: // ESC d n
        this.#printLine(false);
        this.#emit({ kind: 'feed', lines: n });
        return 3;
      case 0x52: // ESC R n
      case 0x74: // ESC t n
      case 0x33: // ESC 3 n
      case 0x4d: // ESC M n
        return 3;
      case 0x32: // ESC 2 has no parameter
        return 2;
      default:
        this.#events.push({ kind: 'unknown', bytes: buf.slice(off, off + 2) });
        return 2;
    }
  }

  #fs(buf: Uint8Array, off: number): number {
    if (buf.length - off < 2) return NEED_MORE;
    const c = buf[off + 1]!;
    if (c === 0x26) {
      this.#chinese = true;
      return 2;
    }
    if (c === 0x2e) {
      this.#chinese = false;
      return 2;
    }
    if (c === 0x21 || c === 0x2d) {
      // FS ! n (Chinese mode: dw/dh/underline) and FS - n; ESC ! already carries the same state
      if (buf.length - off < 3) return NEED_MORE;
      return 3;
    }
    this.#events.push({ kind: 'unknown', bytes: buf.slice(off, off + 2) });
    return 2;
  }

  #gs(buf: Uint8Array, off: number): number {
    const left = buf.length - off;
    if (left < 3) return NEED_MORE;
    const c = buf[off + 1]!;
    const n = buf[off + 2]!;
    switch (c) {
      case 0x21: // GS ! n
        this.#sizeW = (n >> 4) + 1;
        this.#sizeH = (n & 0x0f) + 1;
        return 3;
      case 0x68: // GS h n
        this.#barcode.height = n;
        return 3;
      case 0x77: // GS w n
        this.#barcode.width = n;
        return 3;
      case 0x48: // GS H n
        this.#barcode.hri = n % 0x30;
        return 3;
      case 0x66: // GS f n
        return 3;
      case 0x61: // GS a n
        this.#events.push({ kind: 'statusBack', mask: n });
        return 3;
      case 0x56: {
        // GS V m (0, 1, 48, 49) or GS V m n (65, 66)
        const withFeed = n === 0x41 || n === 0x42;
        if (withFeed && left < 4) return NEED_MORE;
        this.#printLine(false);
        const full = n === 0x00 || n === 0x30 || n === 0x41;
        this.#emit({ kind: 'cut', mode: full ? 'full' : 'partial', feedDots: withFeed ? buf[off + 3]! : 0 });
        return withFeed ? 4 : 3;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…
        if (left < 8) return NEED_MORE;
        const x = buf[off + 4]! + 256 * buf[off + 5]!;
        const y = buf[off + 6]! + 256 * buf[off + 7]!;
        if (left < 8 + x * y) return NEED_MORE;
        this.#printLine(false);
        const data = buf.slice(off + 8, off + 8 + x * y);
        const inData = realtimeSequences(data);
        if (inData) this.#events.push({ kind: 'realtimeInData', count: inData });
        this.#emit({ kind: 'raster', bitmap: { width: x * 8, height: y, data }, align: this.#align });
        return 8 + x * y;
      }
      case 0x28: {
        // GS ( k pL pH cn fn …
        if (left < 5) return NEED_MORE;
        const len = buf[off + 3]! + 256 * buf[off + 4]!;
        if (left < 5 + len) return NEED_MORE;
        if (n === 0x6b) this.#qrFunction(buf.slice(off + 5, off + 5 + len));
        else this.#events.push({ kind: 'unknown', bytes: buf.slice(off, off + 5 + len) });
        return 5 + len;
      }
      case 0x6b:
        return this.#barcodeCommand(buf, off);
      default:
        this.#events.push({ kind: 'unknown', bytes: buf.slice(off, off + 2) });
        return 2;
    }
  }

  #qrFunction(p: Uint8Array): void {
    const [cn, fn, a] = [p[0], p[1], p[2]];
    if (cn !== 0x31) return;
    if (fn === 0x43 && a !== undefined) this.#qr.moduleSize = a;
    else if (fn === 0x45 && a !== undefined)
      this.#qr.errorLevel = (['L', 'M', 'Q', 'H'] as const)[a - 0x30] ?? 'L';
    else if (fn === 0x50) this.#qr.data = p.slice(3);
    else if (fn === 0x51) {
      this.#printLine(false);
      this.#emit({
        kind: 'qr',
        data: new TextDecoder().decode(this.#qr.data),
        moduleSize: this.#qr.moduleSize,
        errorLevel: this.#qr.errorLevel,
        align: this.#align,
      });
    }
  }

  #barcodeCommand(buf: Uint8Array, off: number): number {
    const m = buf[off + 2]!;
    let data: Uint8Array;
    let used: number;
    if (m <= 6) {
      const end = buf.indexOf(0x00, off + 3);
      if (end < 0) return NEED_MORE;
      data = buf.slice(off + 3, end);
      used = end + 1 - off;
    } else {
      if (buf.length - off < 4) return NEED_MORE;
      const n = buf[off + 3]!;
      if (buf.length - off < 4 + n) return NEED_MORE;
      data = buf.slice(off + 4, off + 4 + n);
      used = 4 + n;
    }
    this.#printLine(false);
    if (m === 73) {
      const text = String.fromCharCode(...data);
      this.#emit({
        kind: 'barcode',
        data: text.startsWith('{B') ? text.slice(2) : text,
        heightDots: this.#barcode.height,
        moduleWidth: this.#barcode.width,
        hri: this.#barcode.hri,
        align: this.#align,
      });
    } else this.#events.push({ kind: 'unknown', bytes: buf.slice(off, off + used) });
    return used;
  }
}

/** DLE EOT n (10 04 1–4/7), DLE ENQ n (10 05 0–2) and DLE DC4 fn (10 14 1–8) sequences in `data`. */
function realtimeSequences(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] !== 0x10) continue;
    const [c, p] = [data[i + 1], data[i + 2]!];
    if (
      (c === 0x04 && ((p >= 1 && p <= 4) || p === 7)) ||
      (c === 0x05 && p <= 2) ||
      (c === 0x14 && p >= 1 && p <= 8)
    )
      n++;
  }
  return n;
}
