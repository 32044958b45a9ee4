import { TransportClosedError, type CloseReason, type Transport } from '../core';

export interface HidOptions {
  /** Open this hidraw/IOKit path (from `listHidDevices`), or else the first match of vendorId/productId. */
  path?: string;
  vendorId?: number;
  productId?: number;
  /**
   * Open the interface on this usage page, e.g. 0x8C for a HID POS scanner among its keyboard and
   * vendor interfaces. When the device lists usage pages and none matches, `open` fails rather than
   * reading another interface (a scanner left in keyboard mode).
   */
  usagePage?: number;
  /** node-hid, or a stand-in with its shape: tests replay recorded reports through it. */
  backend?: NodeHid;
}

/** The subset of node-hid's HIDAsync this transport uses. */
export interface HidDevice {
  on(event: 'data', l: (data: Buffer) => void): unknown;
  on(event: 'error', l: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  usagePage?: number;
}

/** The subset of the node-hid module this transport uses. */
export interface NodeHid {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidDevice> };
}

/**
 * A USB HID device through node-hid. Each input report is one message (`framing: 'message'`), report
 * ID first; `write` sends one output report. node-hid is loaded on `open`, so a machine without libusb
 * or without the device gets a rejected `open` (and a closed transport), never a crash at import.
 */
export class HidTransport implements Transport {
  readonly framing = 'message' as const;
  #device: HidDevice | undefined;
  readonly #data = new Set<(c: Uint8Array) => void>();
  readonly #close = new Set<(r: CloseReason, cause?: unknown) => void>();

  constructor(private readonly opts: HidOptions) {
    if (!opts.path && (opts.vendorId === undefined || opts.productId === undefined))
      throw new TypeError('HidTransport needs a path or a vendorId and productId');
  }

  get describe(): string {
    const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(4, '0');
    return this.opts.path
      ? `hid:${this.opts.path}`
      : `hid:${hex(this.opts.vendorId)}:${hex(this.opts.productId)}`;
  }

  get isOpen(): boolean {
    return this.#device !== undefined;
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.#device) return;
    signal?.throwIfAborted();
    const hid = this.opts.backend ?? (await loadNodeHid());
    const path = this.opts.path ?? (await this.#find(hid));
    let device: HidDevice;
    try {
      device = await hid.HIDAsync.open(path);
    } catch (err) {
      throw new TransportClosedError(
        `${this.describe}: cannot open (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (signal?.aborted) {
      await device.close().catch(() => undefined);
      signal.throwIfAborted();
    }
    this.#device = device;
    device.on('data', (data: Buffer) => {
      const report = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      for (const l of [...this.#data]) l(report);
    });
    // node-hid reports a read error when the device is unplugged.
    device.on('error', (err: Error) => void this.#shut('disconnected', err));
  }

  async #find(hid: NodeHid): Promise<string> {
    const all = await hid.devicesAsync();
    const matches = all.filter(
      (d) => d.vendorId === this.opts.vendorId && d.productId === this.opts.productId && d.path,
    );
    if (matches.length === 0) throw new TransportClosedError(`${this.describe}: no such HID device`);
    const page = this.opts.usagePage;
    if (page === undefined) return matches[0]!.path!;
    const onPage = matches.find((d) => d.usagePage === page);
    if (onPage) return onPage.path!;
    // Backends built without report-descriptor parsing list no usage pages at all: take the device.
    if (matches.every((d) => !d.usagePage)) return matches[0]!.path!;
    const pages = matches.map((d) => `0x${(d.usagePage ?? 0).toString(16).padStart(4, '0')}`).join(', ');
    throw new TransportClosedError(
      `${this.describe}: no interface on usage page 0x${page.toString(16).padStart(4, '0')} (found ${pages}); ` +
        'a HID POS scanner must be switched to HID POS mode, not keyboard mode',
    );
  }

  async write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const device = this.#device;
    if (!device) throw new TransportClosedError(`${this.describe}: not open`);
    signal?.throwIfAborted();
    try {
      await device.write(Array.from(bytes));
    } catch (err) {
      await this.#shut('error', err);
      throw new TransportClosedError(
        `${this.describe}: write failed (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }

  onClose(listener: (reason: CloseReason, cause?: unknown) => void): () => void {
    this.#close.add(listener);
    return () => this.#close.delete(listener);
  }

  close(): Promise<void> {
    return this.#shut('requested');
  }

  async #shut(reason: CloseReason, cause?: unknown): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.#device = undefined;
    device.removeAllListeners();
    await device.close().catch(() => undefined);
    for (const l of [...this.#close]) l(reason, cause);
  }
}

/** Loads node-hid lazily; its native binding needs libusb-1.0 and libudev at load time on Linux. */
async function loadNodeHid(): Promise<NodeHid> {
  try {
    const mod = (await import('node-hid')) as unknown as NodeHid & { default?: NodeHid };
    return mod.default ?? mod;
  } catch (err) {
    throw new TransportClosedError(
      `node-hid cannot load (is libusb-1.0-0 installed?): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** HID devices present, for diagnostics and configuration (vendor/product IDs, path, usage page). */
export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  return (await loadNodeHid()).devicesAsync();
}
