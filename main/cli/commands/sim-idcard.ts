import type * as NodeFs from 'node:fs';
import type { SimulatedCard } from '../../../devices/id-card-reader';
import type { SampleCardName } from '../../device-host/families/id-card-reader';
import type { PtyPair, SerialTransport } from '../../../devices/transports';
import {
  intOption,
  printJson,
  requiredString,
  stringOption,
  UsageError,
  type CliCommand,
  type CliValues,
} from '../command';
import { CONTROL_HELP, parseControlLine, parseFaultSwitch, type FaultSwitch } from './sim-idcard-control';

/**
 * The line rate the driver side of a socat pty currently uses (termios c_ospeed, read with TCGETS2
 * through serialport's native binding on a second descriptor). A pty moves bytes at any rate, so this
 * is how the simulator learns that a driver is probing at the wrong speed. Undefined when unknown.
 */
type GetBaudRate = (fd: number, cb: (err: Error | null, r?: { baudRate: number }) => void) => void;

export function ptyLineRate(devicePath: string): () => Promise<number | undefined> {
  // Loaded once per link: this runs for every frame the simulator receives.
  let loaded: Promise<{ fs: typeof NodeFs; getBaudRate: GetBaudRate | undefined }> | undefined;
  const load = async () => {
    const [fs, { createRequire }] = await Promise.all([import('node:fs'), import('node:module')]);
    const { binding } = createRequire(import.meta.url)(
      '@serialport/bindings-cpp/dist/serialport-bindings',
    ) as {
      binding: { getBaudRate?: GetBaudRate };
    };
    return { fs, getBaudRate: binding.getBaudRate?.bind(binding) };
  };
  return async () => {
    const { fs, getBaudRate } = await (loaded ??= load());
    if (!getBaudRate) return undefined;
    let fd: number;
    try {
      fd = fs.openSync(devicePath, fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      return await new Promise<number | undefined>((resolve) =>
        getBaudRate(fd, (err, r) => resolve(err ? undefined : r?.baudRate)),
      );
    } finally {
      fs.closeSync(fd);
    }
  };
}

const list = (values: CliValues, name: string): string[] => {
  const raw = values[name];
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
};

export const command: CliCommand = {
  path: ['sim', 'idcard'],
  summary: 'Simulate an ID card reader (SAM_V) on a pty pair / 模拟身份证阅读器',
  usage:
    'sim idcard --link PATH [--card FILE.json | --no-card] [--baud 115200] [--rf-delay-ms 20] [--precise-timing]\n' +
    '  [--fault NAME[=N]]…',
  details:
    `Control lines on a piped stdin: ${CONTROL_HELP}.\n` +
    'Prints {"ready":…} and one {"event":…} line per change (placed, removed, fault, unplugged, plugged).',
  options: {
    link: {
      type: 'string',
      value: 'PATH',
      help: 'Where to create the reader end of the pty pair, e.g. /tmp/idcard (required)',
    },
    card: {
      type: 'string',
      value: 'FILE.json|SAMPLE',
      help:
        'The card on the reader: the JSON "device idcard read --json --reveal" prints, or a sample card\'s name\n' +
        '(resident, residentWithExtraAddress, rareName 生僻字, hkmotw, foreign2017, foreign2023; default resident)',
    },
    'no-card': { type: 'boolean', help: 'Start with no card on the reader' },
    baud: { type: 'string', value: 'N', help: 'Line rate the simulated reader runs at (default 115200)' },
    'rf-delay-ms': {
      type: 'string',
      value: 'MS',
      help: 'Simulated radio time to read the card (default 20)',
    },
    'precise-timing': {
      type: 'boolean',
      help: 'Trim timer lateness from the simulated wire and RF times (benchmarks; costs CPU)',
    },
    fault: {
      type: 'string',
      multiple: true,
      value: 'NAME[=N]',
      help:
        'noCard, selectFail, readFail, checksumCorruption, dribbledBytes, noiseBeforePreamble\n' +
        '(=N: the next N replies only), unplugMidRead[=MS] (pull the cable at the next read, plug it back after MS)',
    },
  },
  async run(values, _positionals, signal) {
    const link = requiredString(values, 'link');
    const baudRate = intOption(values, 'baud', 115200);
    if (baudRate <= 0) throw new UsageError('--baud must be a positive integer');
    const rfReadDelayMs = intOption(values, 'rf-delay-ms', 20);
    const cardFile = stringOption(values, 'card');
    if (cardFile && values['no-card'] === true)
      throw new UsageError('--card and --no-card exclude each other');
    let switches: FaultSwitch[];
    try {
      switches = list(values, 'fault').map(parseFaultSwitch);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const [{ readFile }, { createInterface }, { createPtyPair, SerialTransport }, family, { sleep }] =
      await Promise.all([
        import('node:fs/promises'),
        import('node:readline'),
        import('../../../devices/transports'),
        import('../../device-host/families/id-card-reader'),
        import('../../../devices/core'),
      ]);
    // The same simulator the kiosk's simulated reader uses (main/device-host/families), here on a pty.
    const control = family.createIdCardSimulator({
      baudRate,
      rfReadDelayMs,
      hostBaudRate: ptyLineRate(link),
      preciseTiming: values['precise-timing'] === true,
    });
    const sim = control.simulator;

    /** The card `place` without a file puts back: the last card file placed, else a sample card. */
    let defaultCard: SimulatedCard | 'resident' = 'resident';
    /** Reads and places a card file (or a sample card's name); the message says what is wrong with it. */
    const place = async (file: string | undefined): Promise<string | undefined> => {
      let card: SimulatedCard | SampleCardName = defaultCard;
      if (file && (family.SAMPLE_CARD_NAMES as string[]).includes(file)) card = file as SampleCardName;
      else if (file) {
        try {
          card = JSON.parse(await readFile(file, 'utf8')) as SimulatedCard;
        } catch (err) {
          return `无法读取卡文件 / cannot read card file ${file}: ${(err as Error).message}`;
        }
      }
      try {
        control.place(card);
      } catch (err) {
        return `卡文件无效 / invalid card file: ${(err as Error).message}`;
      }
      if (file && typeof card !== 'string') defaultCard = card;
      return undefined;
    };
    if (values['no-card'] !== true) {
      const problem = await place(cardFile);
      if (problem) {
        process.stderr.write(`${problem}\n`);
        return 2;
      }
    }

    // The cable: a pty pair on `link`. Pulling it kills socat (the driver sees a disconnect); plugging
    // it back makes a new pair on the same path, as a USB-serial adapter re-enumerating would.
    let pair: PtyPair | undefined;
    let wire: SerialTransport | undefined;
    let pulling = false;
    let socatDied!: () => void;
    const died = new Promise<void>((resolve) => (socatDied = resolve));
    const plug = async () => {
      const p = (pair = await createPtyPair({ link }));
      wire = new SerialTransport({ path: p.simulatorPath, baudRate });
      await wire.open();
      sim.attach(wire);
      p.process.once('exit', () => {
        if (pair === p && !pulling) socatDied();
      });
    };
    const unplug = async (ms: number) => {
      if (pulling) return;
      pulling = true;
      try {
        await wire?.close();
        await pair?.close();
        printJson({ event: 'unplugged', link, forMs: ms });
        await sleep(ms, signal);
        await plug();
        printJson({ event: 'plugged', link });
      } catch (err) {
        if (!signal.aborted) process.stderr.write(`无法重新接入 / cannot plug back in: ${String(err)}\n`);
      } finally {
        pulling = false;
      }
    };
    let unplugMidReadMs: number | undefined;
    sim.events.on('command', ({ name }) => {
      if (unplugMidReadMs === undefined || (name !== 'readBase' && name !== 'readBaseWithFingerprint'))
        return;
      const ms = unplugMidReadMs;
      unplugMidReadMs = undefined;
      void unplug(ms);
    });
    for (const s of switches) {
      if (s.kind === 'fault') sim.setFault(s.fault, s.on);
      else unplugMidReadMs = s.ms;
    }
    try {
      await plug();
    } catch (err) {
      process.stderr.write(
        `无法创建串口链路 / cannot create the link at ${link}: ${(err as Error).message}\n`,
      );
      return 1;
    }

    // Control lines come from a pipe. A terminal is left alone: a simulator started in the background
    // of an interactive shell (`… &`) that read its terminal would be stopped by SIGTTIN.
    const lines = process.stdin.isTTY ? undefined : createInterface({ input: process.stdin });
    lines?.on('line', (line) => {
      void (async () => {
        const c = parseControlLine(line);
        if (!c) return;
        if (c.verb === 'place') {
          const problem = await place(c.file);
          if (problem) throw new Error(problem);
          // `at`: epoch ms with sub-ms resolution, comparable across processes, for benchmarks.
          printJson({ event: 'placed', at: performance.timeOrigin + performance.now() });
        } else if (c.verb === 'remove') {
          sim.removeCard();
          printJson({ event: 'removed' });
        } else if (c.verb === 'fault') {
          sim.setFault(c.fault, c.on);
          printJson({ event: 'fault', fault: c.fault, on: c.on });
        } else if (c.verb === 'unplugMidRead') {
          unplugMidReadMs = c.ms;
          printJson({ event: 'fault', fault: 'unplugMidRead', on: c.ms });
        } else await unplug(c.ms);
      })().catch((err: unknown) => process.stderr.write(`${(err as Error).message}\n`));
    });

    printJson({ ready: true, link, baudRate, card: sim.cardPlaced });
    process.stderr.write(
      `身份证阅读器模拟器已在 ${link} 监听 (${baudRate} baud) / ID card reader simulator listening on ${link} at ${baudRate} baud\n`,
    );
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const why = await Promise.race([
      stopped.then(() => 'stopped' as const),
      died.then(() => 'died' as const),
    ]);
    lines?.close();
    // A replug in progress ends quickly once aborted; wait for it so its new socat is closed too.
    while (pulling) await new Promise((r) => setTimeout(r, 10));
    await wire?.close();
    await pair?.close();
    if (why === 'died') {
      process.stderr.write('socat 已退出 / socat exited: the simulated link is gone\n');
      return 1;
    }
    return 0;
  },
};
