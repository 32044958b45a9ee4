// The host's end of `yizhan sim control`: a unix socket (0600, in a 0700 directory of the kiosk's data
// dir) open only while simulated devices run. Each JSON line is one request, answered by one line.
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { toDeviceError, type Logger } from '../../../devices/core';
import type { DeviceRole } from '../../config/roles';
import type { A4PrinterSimulatorControl } from '../families/a4-printer';
import type { ReceiptPrinterSimulatorControl } from '../families/escpos-printer';
import type { IdCardSimulatorControl } from '../families/id-card-reader';
import { SAMPLE_CARD_NAMES as ID_SAMPLES } from '../families/id-card-reader';
import type { LockerCommands, LockerSimulatorControl } from '../families/locker-board';
import type { CardReaderSimulatorControl } from '../families/pcsc-reader';
import { SAMPLE_CARD_NAMES as CARD_SAMPLES } from '../families/pcsc-reader';
import type { ScannerSimulatorControl } from '../families/scanner';
import type { BuiltDevice } from '../families/types';
import {
  SimControlRequest,
  simControlSocket,
  type SimControlCommand,
  type SimControlResponse,
} from './protocol';

type Entry = { device: BuiltDevice; roles: readonly DeviceRole[] };

/** A refusal the person driving the simulation can act on. */
class ControlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startSimControl(
  dataDir: string,
  devices: readonly Entry[],
  log: Logger,
): Promise<{ path: string; close(): Promise<void> }> {
  const socketPath = simControlSocket(dataDir);
  const dir = path.dirname(socketPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // A socket file left by a host that was killed is removed; one another live host answers on is not.
  if (existsSync(socketPath)) {
    if (await answers(socketPath))
      throw new Error(`another kiosk host already serves sim control at ${socketPath}`);
    rmSync(socketPath, { force: true });
  }
  const handle = requestHandler(devices, log);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    createInterface({ input: socket }).on('line', (line) => {
      void handle(line).then((res) => socket.writable && socket.write(`${JSON.stringify(res)}\n`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  log.info('simControl.listening', { socket: socketPath });
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

/** A sample card's name, checked against the samples the simulator ships. */
function sample<N extends string>(name: string, samples: readonly N[]): N {
  if ((samples as readonly string[]).includes(name)) return name as N;
  throw new ControlError('invalidArgument', `unknown sample card "${name}"; one of ${samples.join(', ')}`);
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function requestHandler(
  devices: readonly Entry[],
  log: Logger,
): (line: string) => Promise<SimControlResponse> {
  const byRole = (role: DeviceRole) => devices.find((e) => e.roles.includes(role))?.device;
  const sim = <S>(role: DeviceRole, what: string): S => {
    const d = byRole(role);
    if (!d) throw new ControlError('notConfigured', `this kiosk has no ${what}`);
    if (!d.simulator) throw new ControlError('notSimulated', `${d.id} is a real device, not a simulator`);
    return d.simulator as S;
  };
  const find = (name: string): BuiltDevice => {
    const d = devices.find((e) => e.device.id === name || e.roles.includes(name as DeviceRole))?.device;
    if (!d) throw new ControlError('notConfigured', `no device or role "${name}"`);
    if (!d.link && !(d.simulator as CardReaderSimulatorControl | undefined)?.setAttached)
      throw new ControlError('notSimulated', `${d.id} has no simulated cable to pull`);
    return d;
  };

  const run = async (req: SimControlCommand): Promise<unknown> => {
    switch (req.verb) {
      case 'status':
        return { devices: devices.map((e) => describe(e)) };
      case 'idcard.place': {
        const s = sim<IdCardSimulatorControl>('idCard', 'ID card reader');
        const card = req.cardData ?? sample(req.card ?? 'resident', ID_SAMPLES);
        try {
          s.place(card as never);
        } catch (err) {
          throw new ControlError('invalidArgument', (err as Error).message);
        }
        return { cardPlaced: true, card: typeof card === 'string' ? card : 'file' };
      }
      case 'idcard.remove':
        sim<IdCardSimulatorControl>('idCard', 'ID card reader').remove();
        return { cardPlaced: false };
      case 'card.insert': {
        const s = sim<CardReaderSimulatorControl>('socialSecurityCard', 'card reader');
        const card = req.profile ?? sample(req.card ?? 'ssc-gen3', CARD_SAMPLES);
        let profile = card;
        if (typeof card !== 'string') {
          const { parseCardProfile } = await import('../../../devices/pcsc-reader');
          try {
            profile = parseCardProfile(card);
          } catch (err) {
            throw new ControlError('invalidArgument', (err as Error).message);
          }
        }
        await s.insert(profile as never);
        return { inserted: true, via: s.via, card: typeof card === 'string' ? card : 'file' };
      }
      case 'card.remove': {
        const s = sim<CardReaderSimulatorControl>('socialSecurityCard', 'card reader');
        await s.remove();
        return { inserted: false };
      }
      case 'scan':
        await sim<ScannerSimulatorControl>('scanner', 'scanner').scan(req.text);
        return { scanned: req.text.length };
      case 'receipt.take': {
        const s = sim<ReceiptPrinterSimulatorControl>('receiptPrinter', 'receipt printer');
        const had = s.receiptInPresenter;
        s.take();
        return { taken: had };
      }
      case 'receipt.last':
        return {
          receipts: sim<ReceiptPrinterSimulatorControl>('receiptPrinter', 'receipt printer')
            .receipts()
            .slice(-(req.count ?? 1)),
        };
      case 'paper': {
        if (req.printer === 'a4') {
          if (req.state === 'low')
            throw new ControlError('unsupported', 'the A4 simulator knows paper ok or out');
          const s = sim<A4PrinterSimulatorControl>('a4Printer', 'A4 printer');
          await s.paper(req.state).catch((err: unknown) => {
            throw new ControlError('unsupported', (err as Error).message);
          });
          return { printer: 'a4', paper: req.state, via: s.via };
        }
        sim<ReceiptPrinterSimulatorControl>('receiptPrinter', 'receipt printer').paper(req.state);
        return { printer: 'receipt', paper: req.state };
      }
      case 'cover':
        sim<ReceiptPrinterSimulatorControl>('receiptPrinter', 'receipt printer').cover(req.state === 'open');
        return { cover: req.state };
      case 'locker': {
        const s = sim<LockerSimulatorControl>('lockers', 'locker cabinet');
        const { board, door } = req;
        try {
          if (req.action === 'jam') s.jam(board, door);
          else if (req.action === 'free') s.free(board, door);
          else if (req.action === 'close') s.close(board, door);
          else if (req.action === 'force') s.forceOpen(board, door);
          else s.setItem(board, door, req.action === 'item');
        } catch (err) {
          throw new ControlError('invalidArgument', (err as Error).message);
        }
        return { board, door, action: req.action, open: s.isOpen(board, door) };
      }
      case 'unplug':
      case 'replug': {
        const d = find(req.device);
        const plug = req.verb === 'replug';
        if (d.link) await (plug ? d.link.replug() : d.link.unplug());
        else (d.simulator as CardReaderSimulatorControl).setAttached!(plug);
        log.info(`simControl.${req.verb}`, { deviceId: d.id });
        return { deviceId: d.id, plugged: plug };
      }
    }
  };

  return async (line) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, error: { code: 'invalidArgument', message: 'each request is one JSON line' } };
    }
    const req = SimControlRequest.safeParse(json);
    if (!req.success)
      return {
        ok: false,
        error: {
          code: 'invalidArgument',
          message: req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        },
      };
    try {
      const result = await run(req.data);
      // What was done, never with what (card contents are personal data even when simulated).
      log.info('simControl.done', { verb: req.data.verb });
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ControlError) return { ok: false, error: { code: err.code, message: err.message } };
      const e = toDeviceError(err, { deviceId: 'simControl', command: req.data.verb });
      return { ok: false, error: { code: e.code, message: e.message } };
    }
  };
}

/** A simulated device as `sim control status` shows it. */
function describe({ device, roles }: Entry): Record<string, unknown> {
  const s = device.status();
  const base = {
    deviceId: device.id,
    family: device.family,
    roles,
    health: s.health,
    condition: device.condition(),
    ...(device.link ? { plugged: device.link.plugged } : {}),
  };
  const sim = device.simulator;
  if (!sim) return base;
  switch (device.family) {
    case 'id-card-reader':
      return { ...base, cardPlaced: (sim as IdCardSimulatorControl).cardPlaced };
    case 'pcsc-reader': {
      const c = sim as CardReaderSimulatorControl;
      return { ...base, via: c.via, inserted: c.inserted };
    }
    case 'escpos-printer': {
      const p = sim as ReceiptPrinterSimulatorControl;
      return {
        ...base,
        faults: p.faults,
        receiptInPresenter: p.receiptInPresenter,
        receipts: p.receipts().length,
      };
    }
    case 'a4-printer': {
      const a = sim as A4PrinterSimulatorControl;
      return { ...base, via: a.via, queue: a.queue, jobs: a.submitted().length };
    }
    case 'locker-board': {
      const l = sim as LockerSimulatorControl;
      const { boards, doorsPerBoard } = (device.commands as LockerCommands).config;
      const doors = boards.flatMap((b) =>
        Array.from({ length: doorsPerBoard }, (_, i) => ({ at: `${b}:${i + 1}`, ...l.doorState(b, i + 1) })),
      );
      const where = (f: (d: (typeof doors)[number]) => boolean) => doors.filter(f).map((d) => d.at);
      return {
        ...base,
        boards,
        doorsPerBoard,
        openDoors: where((d) => d.open),
        jammedDoors: where((d) => d.jammed),
        doorsWithItems: where((d) => d.itemPresent),
      };
    }
    default:
      return base;
  }
}
