import {
  intOption,
  printJson,
  printJsonError,
  requiredString,
  UsageError,
  type CliCommand,
} from '../command';

export const command: CliCommand = {
  path: ['device', 'idcard', 'read'],
  summary: 'Read one ID card from a SAM_V reader on a serial port / 读取一张身份证',
  usage: 'device idcard read --port PATH [--baud N] [--timeout-ms 10000] [--json]',
  options: {
    port: { type: 'string', value: 'PATH', help: 'Serial port of the reader, e.g. /dev/ttyUSB0 (required)' },
    baud: {
      type: 'string',
      value: 'N',
      help: 'Line rate; default: probe 115200, then 9600 (the two rates SAM_V readers ship with)',
    },
    'timeout-ms': {
      type: 'string',
      value: 'MS',
      help: 'How long to wait for a card to be placed (default 10000)',
    },
    json: {
      type: 'boolean',
      help: 'Print the card record as one JSON line; failures as {"error":{code,message,detail}}',
    },
  },
  async run(values, _positionals, signal) {
    const path = requiredString(values, 'port');
    const baud = values.baud === undefined ? undefined : intOption(values, 'baud', 0);
    if (baud !== undefined && baud <= 0) throw new UsageError('--baud must be a positive integer');
    const timeoutMs = intOption(values, 'timeout-ms', 10_000);
    if (timeoutMs <= 0) throw new UsageError('--timeout-ms must be a positive integer');
    const json = values.json === true;
    const [{ SerialTransport }, { IdCardReaderDriver }, core] = await Promise.all([
      import('../../../devices/transports'),
      import('../../../devices/id-card-reader'),
      import('../../../devices/core'),
    ]);
    const transport = new SerialTransport({ path, baudRate: baud ?? 115200 });
    const driver = new IdCardReaderDriver(transport, {
      deviceId: 'idcard-cli',
      baudRates: baud !== undefined ? [baud] : [115200, 9600],
      supervisor: { initialBackoffMs: 200, maxBackoffMs: 1000 },
    });
    driver.start();
    try {
      const record = await driver.readOnce({ timeoutMs, signal });
      if (json) printJson(record);
      else {
        process.stdout.write(
          `${record.cardType} ${core.maskName(record.name)} ${core.maskIdNumber(record.idNumber)} ` +
            `(号码校验 / check: ${record.idNumberValid ? 'OK' : 'FAILED'}) SAM ${record.samId ?? '-'}\n`,
        );
      }
      return 0;
    } catch (err) {
      const e = core.toDeviceError(err, { deviceId: 'idcard-cli', command: 'read' }, signal);
      if (json) return printJsonError(e.code, e.message, e.detail !== undefined ? { detail: e.detail } : {});
      process.stderr.write(
        `读卡失败 / read failed: ${e.code}${e.detail ? ` (${e.detail})` : ''}: ${e.message}\n`,
      );
      return 1;
    } finally {
      await driver.stop();
    }
  },
};
