import { intOption, printJson, stringOption, UsageError, type CliCommand } from '../command';

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
    json: { type: 'boolean' },
    reveal: { type: 'boolean' },
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
    const socket = stringOption(values, 'pcscd-socket');
    const [{ toDeviceError }, { pcscReader, maskedCardRead }, { buildDevice, reportFailure }] =
      await Promise.all([
        import('../../../devices/core'),
        import('../../device-host/families/pcsc-reader'),
        import('../device-run'),
      ]);
    const device = await buildDevice(
      pcscReader,
      'card-cli',
      { kind: 'pcsc', ...(reader ? { reader } : {}), ...(socket ? { socket } : {}) },
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
