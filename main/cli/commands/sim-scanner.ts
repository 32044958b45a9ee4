import { createInterface } from 'node:readline';
import { intOption, printJson, requiredString, type CliCommand, type CliValues } from '../command';

const list = (values: CliValues, name: string): string[] => {
  const raw = values[name];
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
};

export const command: CliCommand = {
  path: ['sim', 'scanner'],
  summary: 'Simulate a GM65-style serial QR/barcode scanner on a pty (模拟串口扫码器)',
  usage: 'sim scanner --link PATH [--scan TEXT]… [--interval MS] [--repeat N] [--aim] [--baud N]',
  details:
    'Each stdin line is scanned as one code. --scan payloads are scanned in order, --interval ms apart,\n' +
    '--repeat times, starting when the host first talks to the scanner (its driver keeps codes that\n' +
    'arrive while it configures the module).',
  options: {
    link: {
      type: 'string',
      value: 'PATH',
      help: 'Where to create the driver end of the pty pair, e.g. /tmp/scanner (required)',
    },
    scan: { type: 'string', multiple: true, value: 'TEXT', help: 'A code to scan once configured' },
    interval: { type: 'string', value: 'MS', help: 'Time between scripted scans (default 300)' },
    repeat: { type: 'string', value: 'N', help: 'How many times to run the --scan list (default 1)' },
    aim: {
      type: 'boolean',
      help: 'Prefix codes with their AIM id: 6–30 letters/digits as Code 128 (]C0), anything else as QR (]Q1)',
    },
    baud: { type: 'string', value: 'N', help: 'Line rate (default 9600)' },
  },
  async run(values, _positionals, signal) {
    const link = requiredString(values, 'link');
    const scripted = list(values, 'scan');
    const interval = intOption(values, 'interval', 300);
    const repeat = intOption(values, 'repeat', 1);
    const baudRate = intOption(values, 'baud', 9600);
    const { createPtyPair, SerialTransport } = await import('../../../devices/transports');
    const { createScannerSimulator } = await import('../../device-host/families/scanner');
    const pty = await createPtyPair({ link });
    const wire = new SerialTransport({ path: pty.simulatorPath, baudRate });
    await wire.open();
    // The same simulated module the kiosk uses (main/device-host/families), on a pty.
    const control = createScannerSimulator(wire, { baudRate, aimPrefix: values.aim === true });
    const sim = control.simulator;

    const scanLine = (text: string) => {
      void control.scan(text).catch((err: unknown) => process.stderr.write(`${String(err)}\n`));
    };
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.length > 0) scanLine(line);
    });

    const runScript = async () => {
      // Start once the host has opened the port and spoken to the module: before that, nobody reads.
      await new Promise<void>((resolve) => {
        if (sim.commands.length > 0 || signal.aborted) return resolve();
        const off = sim.onCommand(() => (off(), resolve()));
        signal.addEventListener('abort', () => (off(), resolve()), { once: true });
      });
      const script = Array.from({ length: Math.max(1, repeat) }, () => scripted).flat();
      for (const [i, text] of script.entries()) {
        if (signal.aborted) return;
        if (i > 0) await new Promise((r) => setTimeout(r, interval));
        scanLine(text);
      }
    };
    if (scripted.length > 0) void runScript();

    printJson({ ready: true, link, baudRate });
    process.stderr.write(`扫码器模拟器已就绪 / scanner simulator ready on ${link}\n`);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      pty.process.once('exit', () => resolve());
    });
    lines.close();
    control.dispose();
    await wire.close();
    await pty.close();
    return 0;
  },
};
