import { intOption, printJson, requiredString, stringOption, UsageError, type CliCommand } from '../command';

interface ErrorJson {
  code: string;
  message: string;
  detail: string | null;
}

export const command: CliCommand = {
  path: ['device', 'locker'],
  summary: 'Open a locker door and confirm it, or read a board (开柜门并确认 / 读取柜门状态)',
  usage:
    'device locker open --port PATH --board B --door D [--protocol 8a|cu] [--doors N] [--timeout-ms MS] [--feedback-active open|closed] [--json]\n' +
    '       device locker status --port PATH --board B [--protocol 8a|cu] [--doors N] [--feedback-active open|closed] [--json]',
  options: {
    port: { type: 'string', value: 'PATH', help: 'Serial port of the RS-485 adapter (required)' },
    board: {
      type: 'string',
      value: 'B',
      help: 'Board address (required; 8A boards from 1, CU boards from 0)',
    },
    door: { type: 'string', value: 'D', help: 'Door number on the board, from 1 (required for open)' },
    protocol: {
      type: 'string',
      value: '8a|cu',
      help: 'Board protocol: 8a (8A/80 frames with BCC, 9600 bit/s) or cu (Kerong CU, 19200 bit/s); default 8a',
    },
    doors: { type: 'string', value: 'N', help: 'Doors per board (default 16)' },
    'timeout-ms': {
      type: 'string',
      value: 'MS',
      help: 'How long an open may take to be confirmed by the door sensor (default 4000)',
    },
    'feedback-active': {
      type: 'string',
      value: 'open|closed',
      help: "What an active door sensor means on this cabinet (per-cabinet wiring); default: the protocol's usual",
    },
    json: { type: 'boolean', help: 'Print the outcome as one JSON line' },
  },
  async run(values, positionals, signal) {
    const action = positionals[0];
    if (action !== 'open' && action !== 'status') throw new UsageError('expected "open" or "status"');
    const port = requiredString(values, 'port');
    const protocol = stringOption(values, 'protocol') ?? '8a';
    if (protocol !== '8a' && protocol !== 'cu') throw new UsageError('--protocol must be 8a or cu');
    const board = intOption(values, 'board', NaN);
    if (Number.isNaN(board)) throw new UsageError('--board is required');
    const door = action === 'open' ? intOption(values, 'door', NaN) : 0;
    if (Number.isNaN(door)) throw new UsageError('--door is required');
    const polarity = stringOption(values, 'feedback-active');
    if (polarity !== undefined && polarity !== 'open' && polarity !== 'closed')
      throw new UsageError('--feedback-active must be open or closed');
    const json = values.json === true;

    const { SerialTransport } = await import('../../../devices/transports');
    const { LockerCabinetDriver, defaultCabinetConfig } = await import('../../../devices/locker-board');
    const { silentLogger, toDeviceError } = await import('../../../devices/core');
    const config = defaultCabinetConfig(protocol, {
      boards: [board],
      doorsPerBoard: intOption(values, 'doors', 16),
      openTimeoutMs: intOption(values, 'timeout-ms', 4000),
      ...(polarity ? { feedbackActiveMeans: polarity } : {}),
    });
    const transport = new SerialTransport({ path: port, baudRate: protocol === '8a' ? 9600 : 19200 });
    const where = { deviceId: `locker:${port}`, command: action };
    const answer = (error: ErrorJson) =>
      printJson(action === 'open' ? { board, door, opened: false, error } : { board, doors: null, error });
    let driver: InstanceType<typeof LockerCabinetDriver>;
    try {
      driver = new LockerCabinetDriver(where.deviceId, transport, config, silentLogger);
    } catch (err) {
      // An address the protocol cannot carry (CU board 16, 8A board 0): refused before any byte is sent.
      if (!(err instanceof RangeError)) throw err;
      if (!json) throw new UsageError(err.message);
      answer({ code: 'invalidArgument', message: err.message, detail: 'badAddress' });
      return 2;
    }
    const asJson = (err: unknown): ErrorJson => {
      const e = toDeviceError(err, where, signal);
      return { code: e.code, message: e.message, detail: e.detail ?? null };
    };

    try {
      await transport.open(signal);
    } catch (err) {
      const error: ErrorJson = {
        code: 'notConnected',
        message: `cannot open ${port}: ${err instanceof Error ? err.message : String(err)}`,
        detail: 'portUnavailable',
      };
      if (json) answer(error);
      else process.stderr.write(`无法打开串口 / cannot open ${port}: ${error.message}\n`);
      return 1;
    }
    try {
      if (action === 'open') {
        try {
          const r = await driver.open(board, door, signal);
          if (json) printJson({ board, door, opened: true, error: null });
          else
            process.stdout.write(
              `柜门已打开 / door opened: board ${board} door ${door} (${r.confirmedAfterMs} ms)\n`,
            );
          return 0;
        } catch (err) {
          const error = asJson(err);
          if (json) printJson({ board, door, opened: false, error });
          else
            process.stderr.write(
              `开门失败 / door not opened: ${error.code} ${error.detail ?? ''} ${error.message}\n`,
            );
          return 1;
        }
      }
      try {
        const doors = await driver.readBoard(board, signal);
        if (json) printJson({ board, doors, error: null });
        else
          for (const d of doors)
            process.stdout.write(
              `门 door ${String(d.door).padStart(2)}: ${d.state === 'open' ? '开 open' : '关 closed'}` +
                `${d.itemPresent === null ? '' : d.itemPresent ? ', 有物 item' : ', 空 empty'}\n`,
            );
        return 0;
      } catch (err) {
        const error = asJson(err);
        if (json) printJson({ board, doors: null, error });
        else process.stderr.write(`读取失败 / status failed: ${error.code} ${error.message}\n`);
        return 1;
      }
    } finally {
      await transport.close();
    }
  },
};
