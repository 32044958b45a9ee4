import { intOption, printJson, requiredString, stringOption, UsageError, type CliCommand } from '../command';

const TERMINATORS = ['cr', 'crlf', 'tab', 'none'] as const;

export const command: CliCommand = {
  path: ['device', 'scanner'],
  summary: 'Configure a serial QR/barcode scanner and print its scans (配置串口扫码器并输出扫码结果)',
  usage:
    'device scanner listen --port PATH --count N [--json] [--encoding utf8|gbk] [--terminator cr|crlf|tab|none] [--aim] [--baud N] [--timeout-ms MS]',
  options: {
    port: { type: 'string', value: 'PATH', help: 'Serial port of the scanner (required)' },
    count: { type: 'string', value: 'N', help: 'Scans to print before exiting (default 1)' },
    json: { type: 'boolean', help: 'Print each scan as one JSON line' },
    encoding: {
      type: 'string',
      value: 'utf8|gbk',
      help: 'Text encoding the scanner is set to send (default utf8)',
    },
    terminator: {
      type: 'string',
      value: 'SUFFIX',
      help: 'End of each scan the scanner is set to send: cr, crlf, tab or none (default crlf)',
    },
    aim: { type: 'boolean', help: 'Have the scanner prefix each code with its AIM symbology id (]Q1, ]C0…)' },
    baud: { type: 'string', value: 'N', help: 'Line rate (default 9600)' },
    'timeout-ms': {
      type: 'string',
      value: 'MS',
      help: 'Give up when no scan arrives for this long (default 0: wait until stopped)',
    },
  },
  async run(values, positionals, signal) {
    if (positionals[0] !== 'listen') throw new UsageError('expected "listen"');
    const port = requiredString(values, 'port');
    const count = intOption(values, 'count', 1);
    if (count < 1) throw new UsageError('--count must be at least 1');
    const encoding = stringOption(values, 'encoding') ?? 'utf8';
    if (encoding !== 'utf8' && encoding !== 'gbk') throw new UsageError('--encoding must be utf8 or gbk');
    const terminator = stringOption(values, 'terminator') ?? 'crlf';
    const term = TERMINATORS.find((t) => t === terminator);
    if (!term) throw new UsageError('--terminator must be cr, crlf, tab or none');
    const timeoutMs = intOption(values, 'timeout-ms', 0);
    const json = values.json === true;

    const [{ toDeviceError }, { scanner }, { buildDevice }] = await Promise.all([
      import('../../../devices/core'),
      import('../../device-host/families/scanner'),
      import('../device-run'),
    ]);
    const deviceId = `scanner:${port}`;
    const fail = (code: string, message: string, detail?: string) => {
      if (json) {
        printJson({ error: { code, message, detail: detail ?? null } });
        return 1;
      }
      process.stderr.write(`扫码器错误 / scanner error: ${code} ${message}\n`);
      return 1;
    };
    let device;
    try {
      // Opening the port and configuring the module (zones written and verified) happen here.
      device = await buildDevice(
        scanner,
        deviceId,
        { kind: 'serial', path: port, baudRate: intOption(values, 'baud', 9600) },
        { encoding, terminator: term, aimPrefix: values.aim === true },
      );
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const e = toDeviceError(err, { deviceId, command: 'configure' }, signal);
      return fail(e.code, e.message, e.detail);
    }
    try {
      if (!json)
        process.stderr.write(`扫码器已配置，请扫码 / scanner configured, waiting for ${count} scan(s)\n`);
      let seen = 0;
      const done = new Promise<void>((resolve) => {
        device.commands.listen((s) => {
          if (seen >= count) return;
          seen++;
          if (json) printJson({ text: s.text, symbology: s.symbology });
          else process.stdout.write(`${s.text}\t(${s.symbology})\n`);
          if (seen === count) resolve();
        });
      });
      const stopped = new Promise<'stopped'>((resolve) => {
        signal.addEventListener('abort', () => resolve('stopped'), { once: true });
        if (timeoutMs > 0) setTimeout(() => resolve('stopped'), timeoutMs).unref();
      });
      // A pulled cable ends the wait: no scan can arrive any more.
      const lost = new Promise<'lost'>((resolve) =>
        device.onStatus((s) => s.health === 'noDevice' && resolve('lost')),
      );
      const outcome = await Promise.race([done.then(() => 'done' as const), stopped, lost]);
      if (outcome === 'lost')
        return fail('notConnected', `the scanner link closed after ${seen} of ${count} scans`, 'linkClosed');
      if (outcome !== 'done')
        return fail('timeout', `only ${seen} of ${count} scans arrived`, 'scansMissing');
      return 0;
    } finally {
      await device.stop();
    }
  },
};
