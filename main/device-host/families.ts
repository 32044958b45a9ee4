// Builds each device family from configuration: the composition root where transports are chosen.
// `simulated` wires the family's simulator to the driver over an in-memory link (the same bytes as
// on a cable); `serial`, `hid`, `pcsc` and `spooler` reach real hardware.
import { existsSync, readFileSync } from 'node:fs';
import type { DeviceStatus, Transport } from '../../devices/core';
import { memoryPair, SerialTransport } from '../../devices/transports';
import type { DeviceConfig } from '../config/host-config';
import type { FamilyFactory, ManagedDevice } from './registry';

/** A link for a serial family: a simulator on the far end of a memory pair, or a real port. */
function serialLink(
  dc: DeviceConfig,
  defaultBaud: number,
  attachSimulator: (wire: Transport, baud: number) => () => void,
): { transport: Transport; detach: () => void } {
  const t = dc.transport;
  if (t.kind === 'serial')
    return {
      transport: new SerialTransport({ path: t.path, baudRate: t.baudRate ?? defaultBaud }),
      detach: () => undefined,
    };
  if (t.kind !== 'simulated') throw new Error(`${dc.family} cannot use a ${t.kind} transport`);
  const [deviceEnd, simEnd] = memoryPair(dc.id);
  void simEnd.open();
  return { transport: deviceEnd, detach: attachSimulator(simEnd, defaultBaud) };
}

function managed<D extends object>(
  id: string,
  cell: { current: DeviceStatus<D>; subscribe(l: (s: DeviceStatus<D>) => void): () => void },
  stop: () => Promise<void> | void,
): ManagedDevice {
  return {
    id,
    status: () => cell.current,
    onStatus: (l) => cell.subscribe(l),
    stop: async () => {
      await stop();
    },
  };
}

const option = <T>(dc: DeviceConfig, key: string, fallback: T): T =>
  (dc.options[key] as T | undefined) ?? fallback;

const idCardReader: FamilyFactory = async (dc, log) => {
  const f = await import('../../devices/id-card-reader');
  const { transport, detach } = serialLink(dc, 115200, (wire, baud) => {
    const sim = new f.IdCardReaderSimulator({ baudRate: baud, logger: log.child({ role: 'simulator' }) });
    return sim.attach(wire);
  });
  const driver = new f.IdCardReaderDriver(transport, { deviceId: dc.id, logger: log });
  driver.start();
  return managed(dc.id, driver.status, async () => {
    await driver.stop();
    detach();
  });
};

const escposPrinter: FamilyFactory = async (dc, log) => {
  const f = await import('../../devices/escpos-printer');
  const profile = f.findProfile(option(dc, 'profile', 'kp628'));
  if (!profile) throw new Error(`unknown printer profile ${String(dc.options.profile)}`);
  const fontPath = f.NOTO_CJK_FONT_PATHS.find((p) => existsSync(p));
  const glyphs = fontPath ? f.createCjkRasterizer(readFileSync(fontPath)) : undefined;
  const { transport, detach } = serialLink(dc, 115200, (wire, baud) => {
    if (!glyphs) throw new Error('the simulated printer needs the Noto CJK font (Debian fonts-noto-cjk)');
    const sim = new f.EscposPrinterSimulator(wire, {
      profile,
      glyphs,
      baudRate: baud,
      log: log.child({ role: 'simulator' }),
    });
    return () => sim.dispose();
  });
  const baudRate = dc.transport.kind === 'serial' ? (dc.transport.baudRate ?? 115200) : 115200;
  const driver = new f.EscposPrinterDriver(transport, {
    deviceId: dc.id,
    profile,
    baudRate,
    log,
    ...(glyphs ? { glyphs } : {}),
  });
  driver.start();
  return managed(dc.id, driver.status, async () => {
    await driver.stop();
    detach();
  });
};

const lockerBoard: FamilyFactory = async (dc, log) => {
  const f = await import('../../devices/locker-board');
  const config = f.defaultCabinetConfig(option(dc, 'protocol', 'cu'), option(dc, 'cabinet', {}));
  const { transport, detach } = serialLink(
    dc,
    f.createLockerProtocol(config.protocol, config).baudRate,
    (wire) => {
      const sim = new f.LockerCabinetSimulator(
        wire,
        {
          protocol: config.protocol,
          boards: config.boards,
          doorsPerBoard: config.doorsPerBoard,
          feedbackActiveMeans: config.feedbackActiveMeans,
          groupOrder: config.groupOrder,
          bitOrder: config.bitOrder,
        },
        log.child({ role: 'simulator' }),
      );
      return () => sim.dispose();
    },
  );
  await transport.open();
  const driver = new f.LockerCabinetDriver(dc.id, transport, config, log);
  driver.start();
  return managed(dc.id, driver.status, async () => {
    driver.stop();
    await transport.close();
    detach();
  });
};

/** A HID POS scanner: reports from node-hid, the link kept open (replug, resume) by a supervisor. */
const hidScanner: FamilyFactory = async (dc, log) => {
  if (dc.transport.kind !== 'hid') throw new Error('hidScanner needs a hid transport');
  const [f, { HidTransport }, { LinkSupervisor }] = await Promise.all([
    import('../../devices/scanner'),
    import('../../devices/transports/hid'),
    import('../../devices/core'),
  ]);
  const { path, vendorId, productId } = dc.transport;
  const transport = new HidTransport({
    ...(path !== undefined ? { path } : {}),
    ...(vendorId !== undefined ? { vendorId } : {}),
    ...(productId !== undefined ? { productId } : {}),
    usagePage: f.HID_POS_USAGE_PAGE,
  });
  const profile = f.HID_POS_PROFILES[option(dc, 'profile', 'honeywell')];
  if (!profile) throw new Error(`unknown HID POS profile ${String(dc.options.profile)}`);
  const driver = new f.HidScannerDriver(dc.id, transport, f.defaultHidScannerConfig({ profile }), log);
  const supervisor = new LinkSupervisor(
    transport,
    { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 1_500 },
    log,
    () => Promise.resolve(driver.markOnline()),
  );
  // Until the first open succeeds the scanner is absent, not merely unknown.
  driver.status.update({ health: 'noDevice' });
  supervisor.start();
  return managed(dc.id, driver.status, async () => {
    driver.dispose();
    await supervisor.stop();
  });
};

const scanner: FamilyFactory = async (dc, log) => {
  if (dc.transport.kind === 'hid') return hidScanner(dc, log);
  const f = await import('../../devices/scanner');
  const config = f.defaultSerialScannerConfig(option(dc, 'scanner', {}));
  const { transport, detach } = serialLink(dc, 9600, (wire) => {
    const sim = new f.ScannerSimulator(wire, {}, log.child({ role: 'simulator' }));
    return () => sim.dispose();
  });
  await transport.open();
  const driver = new f.SerialScannerDriver(dc.id, transport, config, log);
  // A scanner that cannot be configured is reported through its status, not fatal to the host.
  await driver
    .configure()
    .catch((err: unknown) => log.error('scanner.configureFailed', { error: String(err) }));
  return managed(dc.id, driver.status, async () => {
    driver.dispose();
    await transport.close();
    detach();
  });
};

const pcscReader: FamilyFactory = async (dc, log) => {
  if (dc.transport.kind !== 'pcsc')
    throw new Error('pcsc-reader needs a pcsc transport (simulated cards connect to pcscd through vpcd)');
  const [f, { PcscTransport }] = await Promise.all([
    import('../../devices/pcsc-reader'),
    import('../../devices/transports/pcsc'),
  ]);
  const channel = new PcscTransport();
  const driver = new f.PcscReaderDriver(channel, { deviceId: dc.id, log });
  driver.start();
  return managed(dc.id, driver.status, async () => {
    driver.stop();
    await channel.close();
  });
};

const a4Printer: FamilyFactory = async (dc, log) => {
  const f = await import('../../devices/a4-printer');
  let spooler;
  let queue: string;
  if (dc.transport.kind === 'spooler') {
    const { cupsIppExchange } = await import('../../devices/transports/cups');
    spooler = new f.CupsSpooler(cupsIppExchange(), 'yizhan');
    queue = dc.transport.queue;
  } else if (dc.transport.kind === 'simulated') {
    spooler = new f.SimulatedSpooler();
    queue = spooler.queue;
  } else throw new Error(`a4-printer cannot use a ${dc.transport.kind} transport`);
  const driver = new f.A4PrinterDriver(dc.id, spooler, { queue }, log);
  await driver.refreshStatus().catch(() => undefined);
  return {
    id: dc.id,
    status: () => driver.status,
    onStatus: (l) => driver.onStatus(l),
    stop: () => Promise.resolve(),
  };
};

/** Device families the host can build from configuration, by family id. */
export const FAMILIES: Record<string, FamilyFactory> = {
  'id-card-reader': idCardReader,
  'escpos-printer': escposPrinter,
  'locker-board': lockerBoard,
  scanner,
  'pcsc-reader': pcscReader,
  'a4-printer': a4Printer,
};
