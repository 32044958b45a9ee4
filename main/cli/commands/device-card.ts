import { intOption, printJson, printJsonError, stringOption, UsageError, type CliCommand } from '../command';

const PCSCD_HINT =
  '启动读卡服务 / start the PC/SC daemon: systemctl start pcscd (or plain `pcscd` where systemd does not run);\n' +
  'for development and tests, the daemon with virtual readers: bash scripts/services/pcscd.sh start,\n' +
  'then add --pcscd-socket /run/yizhan-pcscd/run/pcscd.comm';

/**
 * Technician tool: reads a social security or bank card. Identifiers are masked unless `--reveal` is
 * given (then `--json` prints the full record, the contract other tools consume); logs are always masked.
 */
export const command: CliCommand = {
  path: ['device', 'card', 'read'],
  summary: 'Read a social security or bank card from a PC/SC reader / 读取社保卡或银行卡',
  usage:
    'device card read [--json] [--reveal] [--reader NAME] [--kind socialSecurity|bank] [--timeout-ms 15000] [--pcscd-socket PATH]',
  options: {
    json: {
      type: 'boolean',
      help: 'Print the card data as one JSON line; failures as {"error":{code,message,detail}}',
    },
    reveal: {
      type: 'boolean',
      help: 'Show the full name, ID number and card numbers (masked otherwise); never logged',
    },
    reader: {
      type: 'string',
      value: 'NAME',
      help: 'PC/SC reader name (as pcsc_scan lists it); default: the first reader with a card',
    },
    kind: {
      type: 'string',
      value: 'KIND',
      help: 'socialSecurity or bank; default: try the social security application, then bank (PBOC/EMV)',
    },
    'timeout-ms': {
      type: 'string',
      value: 'MS',
      help: 'How long to wait for a card to be inserted (default 15000)',
    },
    'pcscd-socket': {
      type: 'string',
      value: 'PATH',
      help:
        "pcscd's socket; default $PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm.\n" +
        'The development daemon (scripts/services/pcscd.sh start) listens on /run/yizhan-pcscd/run/pcscd.comm',
    },
  },
  async run(values, _positionals, signal) {
    const json = values.json === true;
    const timeoutMs = intOption(values, 'timeout-ms', 15_000);
    const reader = stringOption(values, 'reader');
    const kind = stringOption(values, 'kind');
    if (kind !== undefined && kind !== 'socialSecurity' && kind !== 'bank')
      throw new UsageError('--kind must be socialSecurity or bank');
    const socketPath = stringOption(values, 'pcscd-socket');
    const [
      { toDeviceError },
      { pcscdSocketPath, pcscdUnreachable },
      { pcscReader, maskedCardRead },
      { buildDevice, reportFailure },
    ] = await Promise.all([
      import('../../../devices/core'),
      import('../../../devices/transports/pcsc'),
      import('../../device-host/families/pcsc-reader'),
      import('../device-run'),
    ]);
    // Without the daemon the driver could only report, after its timeout, that no reader is attached.
    const socket = pcscdSocketPath(socketPath);
    const unreachable = await pcscdUnreachable(socket);
    if (unreachable) {
      const message = `pcscd is not running: nothing answers on ${socket} (${unreachable})`;
      if (json)
        return printJsonError('notConnected', message, { detail: 'noDaemon', socket, hint: PCSCD_HINT });
      process.stderr.write(`读卡失败 / read failed: notConnected (noDaemon): ${message}\n${PCSCD_HINT}\n`);
      return 1;
    }
    const device = await buildDevice(
      pcscReader,
      'card-cli',
      { kind: 'pcsc', ...(reader ? { reader } : {}), ...(socketPath ? { socket: socketPath } : {}) },
      {},
    );
    try {
      const card = await device.commands.read({ timeoutMs, signal, ...(kind ? { kinds: [kind] } : {}) });
      const shown: Record<string, unknown> = values.reveal === true ? { ...card } : maskedCardRead(card);
      if (json) printJson(shown);
      else if (card.kind === 'socialSecurity')
        process.stdout.write(
          `社保卡 / social security card v${card.cardVersion} ${String(shown.name)} ${String(shown.idNumber)} ` +
            `卡号 ${String(shown.cardNumber)} ${card.issueDate ?? '-'}..${card.expiryDate ?? '-'}` +
            `${card.warnings.length ? ` (${card.warnings.join(', ')})` : ''}\n`,
        );
      else
        process.stdout.write(
          `银行卡 / bank card ${String(shown.pan)} exp ${card.expiry ?? '-'} AID ${card.aid}\n`,
        );
      return 0;
    } catch (err) {
      return reportFailure(
        toDeviceError(err, { deviceId: 'card-cli', command: 'read' }, signal),
        json,
        '读卡失败 / read failed',
      );
    } finally {
      await device.stop();
    }
  },
};
