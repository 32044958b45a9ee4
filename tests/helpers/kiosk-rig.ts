/**
 * A whole kiosk in this process, driven through its host API the way the page drives it: the real
 * host (main/host/host.ts) with every device simulated over its real protocol, the real back office
 * on loopback (one per test file), an A4 printer that is a CUPS + cups-pdf queue (what comes out is
 * a PDF pdftotext reads) or the in-memory spooler (paper can run out), a session clock the test
 * moves by hand, and a log that is both kept in memory and written as JSON lines to a file (which
 * the privacy checks read like any technician's log).
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryLogger, type Logger, type LogFields } from '../../devices/core';
import type { HostConfig } from '../../main/config/host-config';
import { HostConfig as HostConfigSchema } from '../../main/config/host-config';
import { buildRegistry, type DeviceHost } from '../../main/device-host/registry';
import type { A4PrinterSimulatorControl } from '../../main/device-host/families/a4-printer';
import type { ReceiptPrinterSimulatorControl } from '../../main/device-host/families/escpos-printer';
import type { IdCardSimulatorControl } from '../../main/device-host/families/id-card-reader';
import type { LockerSimulatorControl } from '../../main/device-host/families/locker-board';
import type { CardReaderSimulatorControl } from '../../main/device-host/families/pcsc-reader';
import type { ScannerSimulatorControl } from '../../main/device-host/families/scanner';
import { createHost, type Host } from '../../main/host/host';
import type { A4Renderer } from '../../main/printing';
import type { FlowInput, FlowView, SessionEnded } from '../../main/ipc/contract/flow';
import type { EventChannel, EventPayload, In, InvokeChannel, Out } from '../../main/ipc/contract/channels';
import { dispatch } from '../../main/ipc/dispatch';
import { createJsonLogger } from '../../main/logging/json-logger';
import { ManualClock } from './manual-clock';
import { registerKiosk, startService, type TestService } from './outbox-service';

/** One back office for a test file (SQLite on disk under `dir`), heartbeats every second. */
export async function startBackoffice(dir: string): Promise<TestService> {
  return startService({ dir: path.join(dir, 'backoffice'), heartbeatIntervalMs: 1000 });
}

export interface KioskOptions {
  /** Shared per file: the directory the kiosk's data dir and log go under. */
  dir: string;
  backoffice: TestService;
  kioskId: string;
  profile?: 'hall' | 'stm';
  /** The A4 printer: a cups-pdf queue of that name, or the in-memory spooler (default). */
  a4Queue?: string;
  /**
   * A4 jobs complete the moment the spooler has them (a bench leaves the printer's physics out);
   * the PDFs handed over are kept in `printedPdfs`.
   */
  instantA4?: boolean;
  /** main/printing's renderer (a bench times it). */
  renderer?: A4Renderer;
  /** The card reader through a real pcscd (tests/helpers/pcsc.ts) instead of the in-process one. */
  pcsc?: { socket: string; reader: string };
}

export class Kiosk {
  readonly views: FlowView[] = [];
  readonly ended: SessionEnded[] = [];
  /** Every receipt the simulated printer put out, as its transcript (text, `[QR …]`, `[BARCODE …]`). */
  readonly receipts: string[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly host: Host,
    readonly registry: DeviceHost,
    readonly config: HostConfig,
    readonly clock: ManualClock,
    readonly log: MemoryLogger,
    readonly logFile: string,
    /** With `instantA4`: every PDF the host handed to the A4 printer. */
    readonly printedPdfs: Uint8Array[] = [],
  ) {
    host.onEvent(<C extends EventChannel>(channel: C, payload: EventPayload<C>) => {
      if (channel === 'flow:view') this.views.push(payload as FlowView);
      if (channel === 'session:ended') this.ended.push(payload as SessionEnded);
      this.#wake();
    });
    this.printer.onReceipt((r) => {
      this.receipts.push(r.transcript);
      this.#wake();
    });
  }

  #gone: string | undefined;

  /**
   * The host process went away (a test killed it): every wait ends at once, as the citizen's screen
   * would freeze, instead of running out its limit. `hostBack()` when a new life is ready.
   */
  hostGone(why: string): void {
    this.#gone = why;
    this.#wake();
  }

  hostBack(): void {
    this.#gone = undefined;
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  get dataDir(): string {
    return this.config.dataDir;
  }

  /** The last view the host sent (or the current one when it sent none yet). */
  get view(): FlowView {
    return this.views.at(-1) ?? this.host.session.view();
  }

  /** Calls a channel as the page does (schemas checked both ways); throws the Failure on refusal. */
  async call<C extends InvokeChannel>(channel: C, input?: In<C>): Promise<Out<C>> {
    const r = await dispatch(channel, input ?? {}, this.host.handlers, this.log);
    if (!r.ok)
      throw Object.assign(new Error(`${channel} failed: ${r.error.code} ${r.error.message}`), r.error);
    return r.value as Out<C>;
  }

  send(input: FlowInput): Promise<FlowView> {
    return this.call('flow:send', { input });
  }

  /**
   * Waits for the host to say something (an event), until `test` holds on this kiosk. No fixed
   * sleeps: the host's events wake it; the limit only ends a test that went wrong.
   */
  async until<T>(test: (k: this) => T | undefined | false, what: string, limitMs = 30_000): Promise<T> {
    const now = test(this);
    if (now) return now;
    if (this.#gone) throw new Error(`${this.#gone} while waiting for ${what}`);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const got = this.#gone ? undefined : test(this);
        if (!got && !this.#gone) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (got) resolve(got);
        else reject(new Error(`${this.#gone} while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`waited ${limitMs} ms for ${what}; last view: ${JSON.stringify(this.view)}`));
      }, limitMs);
      this.#waiters.add(check);
    });
  }

  /** Waits for the current step to be of `kind` (and no request in progress unless `busy` is allowed). */
  step<K extends NonNullable<FlowView['step']>['kind']>(kind: K, limitMs?: number) {
    return this.until(
      (k) => {
        const v = k.view;
        return v.step?.kind === kind && !v.busy
          ? (v.step as Extract<NonNullable<FlowView['step']>, { kind: K }>)
          : undefined;
      },
      `step ${kind}`,
      limitMs,
    );
  }

  fault(limitMs?: number) {
    return this.until((k) => k.view.fault, 'a fault', limitMs);
  }

  /** The simulator of the device serving `role`. */
  sim<S>(role: string): S {
    const found = this.registry.devices.find((d) => d.roles.includes(role as never))?.device.simulator;
    if (!found) throw new Error(`no simulated ${role}`);
    return found as S;
  }

  get idCard() {
    return this.sim<IdCardSimulatorControl>('idCard');
  }
  get cards() {
    return this.sim<CardReaderSimulatorControl>('socialSecurityCard');
  }
  get printer() {
    return this.sim<ReceiptPrinterSimulatorControl>('receiptPrinter');
  }
  get a4() {
    return this.sim<A4PrinterSimulatorControl>('a4Printer');
  }
  get scanner() {
    return this.sim<ScannerSimulatorControl>('scanner');
  }
  get lockers() {
    return this.sim<LockerSimulatorControl>('lockers');
  }

  /** Spooler job numbers of the A4 documents printed so far (from main/printing's log). */
  a4Jobs(): number[] {
    return this.log.lines
      .filter((l) => l.event === 'printing.document' && l.fields.state === 'completed' && l.fields.jobId)
      .map((l) => Number(/-(\d+)$/.exec(String(l.fields.jobId))?.[1]))
      .filter((n) => Number.isInteger(n));
  }

  async stop(): Promise<void> {
    await this.host.stop();
  }
}

/** Every role of the product, simulated; the locker cabinet is one CU board of 16 doors. */
function devices(o: KioskOptions): HostConfig['devices'] {
  const sim = { kind: 'simulated' as const };
  return [
    { id: 'id-reader-1', family: 'id-card-reader', transport: sim, options: { simulator: { rfDelayMs: 0 } } },
    o.pcsc
      ? { id: 'card-reader-1', family: 'pcsc-reader', transport: { kind: 'pcsc', ...o.pcsc }, options: {} }
      : {
          id: 'card-reader-1',
          family: 'pcsc-reader',
          transport: sim,
          options: { simulator: { via: 'in-process' } },
        },
    { id: 'receipt-printer-1', family: 'escpos-printer', transport: sim, options: { profile: 'kp628' } },
    o.a4Queue
      ? {
          id: 'a4-printer-1',
          family: 'a4-printer',
          transport: { kind: 'spooler', queue: o.a4Queue },
          options: {},
        }
      : {
          id: 'a4-printer-1',
          family: 'a4-printer',
          transport: sim,
          options: { simulator: { spooler: 'memory' } },
        },
    { id: 'scanner-1', family: 'scanner', transport: sim, options: {} },
    { id: 'camera-1', family: 'document-camera', transport: sim, options: {} },
    {
      id: 'locker-1',
      family: 'locker-board',
      transport: sim,
      options: { cabinet: { doorsPerBoard: 16 }, simulator: { springMs: 0 } },
    },
  ];
}

/** Logs as JSON lines to `file` (as a technician reads them) and keeps them in memory for the test. */
function teeLogger(file: string, memory: MemoryLogger): Logger {
  const json = createJsonLogger({}, { level: 'debug', write: (line) => appendFileSync(file, line) });
  const tee = (j: Logger, m: Logger): Logger => ({
    debug: (e: string, f?: LogFields) => (j.debug(e, f), m.debug(e, f)),
    info: (e: string, f?: LogFields) => (j.info(e, f), m.info(e, f)),
    warn: (e: string, f?: LogFields) => (j.warn(e, f), m.warn(e, f)),
    error: (e: string, f?: LogFields) => (j.error(e, f), m.error(e, f)),
    child: (b: LogFields) => tee(j.child(b), m.child(b)),
  });
  return tee(json, memory);
}

export async function startKiosk(o: KioskOptions): Promise<Kiosk> {
  const credential = await registerKiosk(o.backoffice.url, o.kioskId);
  const dataDir = path.join(o.dir, `kiosk-${o.kioskId}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(o.dir, `${o.kioskId}.log`);
  const config = HostConfigSchema.parse({
    kioskId: o.kioskId,
    dataDir,
    heartbeatIntervalMs: 1000,
    backoffice: { url: o.backoffice.url, credential },
    site: { profile: o.profile ?? 'hall', requiredRoles: [] },
    devices: devices(o),
  });
  const memory = new MemoryLogger();
  const log = teeLogger(logFile, memory);
  const clock = new ManualClock(Date.now());
  let registry: DeviceHost | undefined;
  const printedPdfs: Uint8Array[] = [];
  const host = await createHost(config, log, {
    shell: 'chromium',
    clock,
    ...(o.renderer ? { renderer: o.renderer } : {}),
    buildRegistry: async (c, l, extras) => {
      registry = await buildRegistry(c, l, extras);
      const a4 = registry.services.a4Printer;
      if (!o.instantA4 || !a4) return registry;
      const instant: typeof a4 = {
        ...a4,
        print: (pdf) => {
          printedPdfs.push(pdf);
          return Promise.resolve({
            jobId: `instant-${printedPdfs.length}`,
            state: 'completed',
            reused: false,
          });
        },
      };
      return { ...registry, services: { ...registry.services, a4Printer: instant } };
    },
  });
  const kiosk = new Kiosk(host, registry!, config, clock, memory, logFile, printedPdfs);
  // Every device answering over its protocol before a citizen arrives.
  await kiosk.until((k) => k.registry.list().every((d) => d.health === 'online'), 'every device online');
  return kiosk;
}

/**
 * A directory for one test file: everything it makes (back office, kiosks, logs, the process's
 * temporary files) goes under it, so a privacy check can read all of it, and it is removed at the end.
 */
export function testDir(prefix: string): { dir: string; tmp: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // os.tmpdir() reads TMPDIR when called: temporary files of this worker land where the test can see them.
  process.env.TMPDIR = tmp;
  return { dir, tmp, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
