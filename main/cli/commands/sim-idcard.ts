import type * as NodeFs from 'node:fs';
import { intOption, requiredString, stringOption, type CliCommand } from '../command';

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

export const command: CliCommand = {
  path: ['sim', 'idcard'],
  summary: 'Simulate an ID card reader (SAM_V) on a pty pair / 模拟身份证阅读器',
  usage: 'sim idcard --link PATH [--card FILE.json] [--baud 115200] [--rf-delay-ms 20]',
  options: {
    link: { type: 'string' },
    card: { type: 'string' },
    baud: { type: 'string' },
    'rf-delay-ms': { type: 'string' },
  },
  async run(values, _positionals, signal) {
    const link = requiredString(values, 'link');
    const baudRate = intOption(values, 'baud', 115200);
    const rfReadDelayMs = intOption(values, 'rf-delay-ms', 20);
    const cardFile = stringOption(values, 'card');
    const [{ readFile }, { createPtyPair, SerialTransport }, idcard] = await Promise.all([
      import('node:fs/promises'),
      import('../../../devices/transports'),
      import('../../../devices/id-card-reader'),
    ]);
    let card: unknown = idcard.SAMPLE_CARDS.resident;
    if (cardFile) {
      try {
        card = JSON.parse(await readFile(cardFile, 'utf8'));
      } catch (err) {
        process.stderr.write(
          `无法读取卡文件 / cannot read card file ${cardFile}: ${(err as Error).message}\n`,
        );
        return 2;
      }
    }
    const parsed = idcard.simulatedCardSchema.safeParse(card);
    if (!parsed.success) {
      process.stderr.write(`卡文件格式错误 / invalid card file: ${parsed.error.message}\n`);
      return 2;
    }

    const pair = await createPtyPair({ link });
    const sim = new idcard.IdCardReaderSimulator({
      baudRate,
      rfReadDelayMs,
      hostBaudRate: ptyLineRate(link),
    });
    try {
      sim.placeCard(parsed.data);
    } catch (err) {
      await pair.close();
      process.stderr.write(`卡文件无法编码 / card cannot be encoded: ${(err as Error).message}\n`);
      return 2;
    }
    const transport = new SerialTransport({ path: pair.simulatorPath, baudRate });
    await transport.open();
    sim.attach(transport);
    process.stderr.write(
      `身份证阅读器模拟器已在 ${link} 监听 (${baudRate} baud) / ID card reader simulator listening on ${link} at ${baudRate} baud\n`,
    );
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      pair.process.once('exit', () => resolve());
    });
    await transport.close();
    await pair.close();
    return 0;
  },
};
