import type { SimulatedReceipt } from '../../../devices/escpos-printer';
import { UsageError, intOption, printJson, requiredString, stringOption, type CliCommand } from '../command';

const FAULTS = ['paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'notTaken'] as const;

export const command: CliCommand = {
  path: ['sim', 'printer'],
  summary: 'Serve a virtual ESC/POS receipt printer on a pty; receipts land in --out as PNG + text',
  usage: 'sim printer --link PATH --out DIR [--profile NAME] [--baud N]',
  details: `stdin lines switch faults while it runs: "<fault> on|off" (${FAULTS.join(', ')}),
"paperOutAfter <bytes>", "take" (the customer takes the receipt). Stop with Ctrl+C.`,
  options: {
    link: {
      type: 'string',
      value: 'PATH',
      help: 'Where to create the driver end of the pty pair, e.g. /tmp/printer (required)',
    },
    out: {
      type: 'string',
      value: 'DIR',
      help: 'Folder for the printed receipts, one PNG + text each (required)',
    },
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'Printer model to behave as: paper width, code page, cutter (default kp628)',
    },
    baud: { type: 'string', value: 'N', help: 'Line rate (default 115200)' },
  },
  async run(values, _positionals, signal) {
    const link = requiredString(values, 'link');
    const outDir = requiredString(values, 'out');
    const baudRate = intOption(values, 'baud', 115200);
    const [{ mkdirSync, writeFileSync, readdirSync }, path, readline, family, printers, transports] =
      await Promise.all([
        import('node:fs'),
        import('node:path'),
        import('node:readline'),
        import('../../../devices/escpos-printer'),
        import('../../device-host/families/escpos-printer'),
        import('../../../devices/transports'),
      ]);
    const profileName = stringOption(values, 'profile') ?? 'kp628';
    const profile = family.findProfile(profileName);
    if (!profile)
      throw new UsageError(`unknown profile "${profileName}"; one of ${family.PROFILE_NAMES.join(', ')}`);
    if (!printers.cjkGlyphs()) {
      process.stderr.write(
        '未找到 Noto CJK 字体 / Noto CJK font missing: install the Debian package fonts-noto-cjk\n',
      );
      return 1;
    }
    mkdirSync(outDir, { recursive: true });
    // A restarted simulator continues the numbering instead of overwriting receipts already filed.
    const filed = readdirSync(outDir).map((f) => /^(\d{4,})(-interrupted)?\.(png|txt)$/.exec(f)?.[1]);
    const offset = Math.max(0, ...filed.map((n) => (n ? Number(n) : 0)));

    const pair = await transports.createPtyPair({ link });
    const wire = new transports.SerialTransport({ path: pair.simulatorPath, baudRate });
    await wire.open();
    // The same simulator the kiosk's simulated printer uses (main/device-host/families), on a pty.
    const control = printers.createReceiptPrinterSimulator(wire, { profile, baudRate });
    const sim = control.simulator;
    // Drawing a PNG blocks for a moment; a real printer answers DLE EOT meanwhile, so draw once the link is quiet.
    let lastByteAt = performance.now();
    wire.onData(() => (lastByteAt = performance.now()));
    const toDraw: SimulatedReceipt[] = [];
    const drawWhenQuiet = (): void => {
      if (performance.now() - lastByteAt < 250) {
        setTimeout(drawWhenQuiet, 250);
        return;
      }
      for (const r of toDraw.splice(0)) {
        const base = receiptPath(r);
        writeFileSync(`${base}.png`, r.png);
        printJson({
          receipt: offset + r.index,
          interrupted: r.interrupted,
          png: `${base}.png`,
          txt: `${base}.txt`,
        });
      }
    };
    const receiptPath = (r: SimulatedReceipt) =>
      path.join(outDir, `${String(offset + r.index).padStart(4, '0')}${r.interrupted ? '-interrupted' : ''}`);
    control.onReceipt((r) => {
      writeFileSync(`${receiptPath(r)}.txt`, r.transcript);
      if (toDraw.push(r) === 1) setTimeout(drawWhenQuiet, 250);
    });

    const controls = readline.createInterface({ input: process.stdin });
    controls.on('line', (line) => {
      const [word, arg] = line.trim().split(/\s+/);
      if (word === 'take') sim.takeReceipt();
      else if (word === 'paperOutAfter') sim.setFaults({ paperOutMidJob: { afterBytes: Number(arg) } });
      else if ((FAULTS as readonly string[]).includes(word ?? ''))
        sim.setFaults({ [word as (typeof FAULTS)[number]]: arg !== 'off' });
      else if (word) {
        process.stderr.write(`unknown control "${line}"\n`);
        return;
      }
      printJson({ faults: sim.faults, receiptInPresenter: sim.receiptInPresenter });
    });

    printJson({ ready: true, link: pair.devicePath, profile: profile.name, out: outDir, baudRate });
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    controls.close();
    control.dispose();
    await wire.close();
    await pair.close();
    return 0;
  },
};
