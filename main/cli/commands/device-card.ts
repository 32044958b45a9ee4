import { intOption, printJson, printJsonError, stringOption, UsageError, type CliCommand } from '../command';
import { maskAccount, maskIdNumber, maskName, maskPan } from '../../../domain/identity';

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
    json: { type: 'boolean' },
    reader: { type: 'string' },
    kind: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'pcscd-socket': { type: 'string' },
  },
  async run(values, _positionals, signal) {
    const json = values.json === true;
    const timeoutMs = intOption(values, 'timeout-ms', 15_000);
    const reader = stringOption(values, 'reader');
    const kind = stringOption(values, 'kind');
    if (kind !== undefined && kind !== 'socialSecurity' && kind !== 'bank')
      throw new UsageError('--kind must be socialSecurity or bank');
    const socketPath = stringOption(values, 'pcscd-socket');
    const [{ PcscTransport }, { PcscReaderDriver }, core] = await Promise.all([
      import('../../../devices/transports/pcsc'),
      import('../../../devices/pcsc-reader'),
      import('../../../devices/core'),
    ]);
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
            `社保卡 / social security card v${cardVersion} ${maskName(name)} ${maskIdNumber(idNumber)} ` +
              `卡号 ${maskAccount(cardNumber)} ${issueDate ?? '-'}..${expiryDate ?? '-'}${warnings.length ? ` (${warnings.join(', ')})` : ''}\n`,
          );
      } else if (json) printJson({ kind: card.kind, pan: card.pan, expiry: card.expiry, aid: card.aid });
      else
        process.stdout.write(
          `银行卡 / bank card ${maskPan(card.pan)} exp ${card.expiry ?? '-'} AID ${card.aid}\n`,
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
