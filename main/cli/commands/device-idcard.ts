import { intOption, printJson, requiredString, UsageError, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['device', 'idcard', 'read'],
  summary: 'Read one ID card from a SAM_V reader on a serial port / 读取一张身份证',
  usage:
    'device idcard read --port PATH [--baud N] [--timeout-ms 10000] [--json] [--reveal]\n' +
    '  Name and ID number are masked and the photo and address left out, unless --reveal is given.',
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
    reveal: {
      type: 'boolean',
      help: 'Show the full name, ID number and address (masked otherwise); never logged',
    },
  },
  async run(values, _positionals, signal) {
    const path = requiredString(values, 'port');
    const baud = values.baud === undefined ? undefined : intOption(values, 'baud', 0);
    if (baud !== undefined && baud <= 0) throw new UsageError('--baud must be a positive integer');
    const timeoutMs = intOption(values, 'timeout-ms', 10_000);
    if (timeoutMs <= 0) throw new UsageError('--timeout-ms must be a positive integer');
    const json = values.json === true;
    const reveal = values.reveal === true;
    const [{ toDeviceError }, { idCardReader, maskedIdCard }, { buildDevice, reportFailure }] =
      await Promise.all([
        import('../../../devices/core'),
        import('../../device-host/families/id-card-reader'),
        import('../device-run'),
      ]);
    const where = { deviceId: 'idcard-cli', command: 'read' };
    let device;
    try {
      device = await buildDevice(
        idCardReader,
        where.deviceId,
        { kind: 'serial', path, ...(baud !== undefined ? { baudRate: baud } : {}) },
        baud !== undefined ? { baudRates: [baud] } : {},
      );
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return reportFailure(toDeviceError(err, where, signal), json, '读卡失败 / read failed');
    }
    try {
      const record = await device.commands.read({ timeoutMs, signal });
      const shown = reveal ? record : maskedIdCard(record);
      if (json) printJson(shown);
      else
        process.stdout.write(
          `${record.cardType} ${shown.name} ${shown.idNumber} ` +
            `(号码校验 / check: ${record.idNumberValid ? 'OK' : 'FAILED'}) SAM ${record.samId ?? '-'}\n`,
        );
      return 0;
    } catch (err) {
      return reportFailure(toDeviceError(err, where, signal), json, '读卡失败 / read failed');
    } finally {
      await device.stop();
    }
  },
};
