import { intOption, printJson, printJsonError, stringOption, UsageError, type CliCommand } from '../command';

const PCSCD_HINT =
  '启动读卡服务 / start the PC/SC daemon: systemctl start pcscd (or plain `pcscd` where systemd does not run);\n' +
  'for development and tests, the daemon with virtual readers: sudo bash scripts/services/pcscd.sh start,\n' +
  'then add --pcscd-socket /run/yizhan-pcscd/run/pcscd.comm';

/**
 * Technician/contract tool: prints the card's data. `--json` prints the full PAN and ID number on
 * stdout on purpose (it is the contract other tools consume); logs, if any, are always masked.
 */
export const command: CliCommand = {
  path: ['device', 'card', 'read'],
  summary: 'Read a social security or bank card from a PC/SC reader / 读取社保卡或银行卡',
  usage:
    'device card read [--json] [--reader NAME] [--kind socialSecurity|bank] [--timeout-ms 15000] [--pcscd-socket PATH]',
  options: {
    json: {
      type: 'boolean',
      help: 'Print the card data as one JSON line; failures as {"error":{code,message,detail}}',
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
    const [{ PcscTransport, pcscdSocketPath, pcscdUnreachable }, { PcscReaderDriver }, core] =
      await Promise.all([
        import('../../../devices/transports/pcsc'),
        import('../../../devices/pcsc-reader'),
        import('../../../devices/core'),
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
    const transport = new PcscTransport(socketPath ? { socketPath } : {});
    const driver = new PcscReaderDriver(transport, { deviceId: 'card-cli', ...(reader ? { reader } : {}) });
    driver.start();
    try {
      const card = await driver.readCard({ timeoutMs, signal, ...(kind ? { kinds: [kind] } : {}) });
      if (card.kind === 'socialSecurity') {
        const {
          kind: k,
          cardNumber,
          idNumber,
          name,
          gender,
          cardVersion,
          issueDate,
          expiryDate,
          areaCode,
          warnings,
        } = card;
        if (json)
          printJson({
            kind: k,
            cardNumber,
            idNumber,
            name,
            gender,
            cardVersion,
            issueDate,
            expiryDate,
            areaCode,
            warnings,
          });
        else
          process.stdout.write(
            `社保卡 / social security card v${cardVersion} ${core.maskName(name)} ${core.maskIdNumber(idNumber)} ` +
              `卡号 ${cardNumber.slice(0, 3)}****** ${issueDate ?? '-'}..${expiryDate ?? '-'}${warnings.length ? ` (${warnings.join(', ')})` : ''}\n`,
          );
      } else if (json) printJson({ kind: card.kind, pan: card.pan, expiry: card.expiry, aid: card.aid });
      else
        process.stdout.write(
          `银行卡 / bank card ${core.maskPan(card.pan)} exp ${card.expiry ?? '-'} AID ${card.aid}\n`,
        );
      return 0;
    } catch (err) {
      const e = core.toDeviceError(err, { deviceId: 'card-cli', command: 'read' }, signal);
      if (json) return printJsonError(e.code, e.message, e.detail !== undefined ? { detail: e.detail } : {});
      process.stderr.write(
        `读卡失败 / read failed: ${e.code}${e.detail ? ` (${e.detail})` : ''}: ${e.message}\n`,
      );
      return 1;
    } finally {
      driver.stop();
      await transport.close();
    }
  },
};
