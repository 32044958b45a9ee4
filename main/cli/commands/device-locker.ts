import { intOption, printJson, requiredString, stringOption, UsageError, type CliCommand } from '../command';

interface ErrorJson {
  code: string;
  message: string;
  detail: string | null;
  hint?: string;
}

export const command: CliCommand = {
  path: ['device', 'locker'],
  summary: 'Open a locker door and confirm it, or read a board (开柜门并确认 / 读取柜门状态)',
  usage:
    'device locker open --port PATH --door D [--board B] [--protocol cu|8a] [--doors N] [--timeout-ms MS] [--feedback-active open|closed] [--json]\n' +
    '       device locker status --port PATH [--board B] [--protocol cu|8a] [--doors N] [--feedback-active open|closed] [--json]\n' +
    "  Defaults: the product's cabinet (protocol cu, board 1: DEFAULT_LOCKER_PROTOCOL / DEFAULT_LOCKER_BOARD).",
  options: {
    port: { type: 'string', value: 'PATH', help: 'Serial port of the RS-485 adapter (required)' },
    board: {
      type: 'string',
      value: 'B',
      help: 'Board address (default 1; 8A boards from 1, CU boards from 0)',
    },
    door: { type: 'string', value: 'D', help: 'Door number on the board, from 1 (required for open)' },
    protocol: {
      type: 'string',
      value: 'cu|8a',
      help: 'Board protocol: cu (Kerong CU, 19200 bit/s) or 8a (8A/80 frames with BCC, 9600 bit/s); default cu',
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
    const [{ toDeviceError }, lockers, { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL }, { buildDevice }] =
      await Promise.all([
        import('../../../devices/core'),
        import('../../device-host/families/locker-board'),
        import('../../../devices/locker-board'),
        import('../device-run'),
      ]);
    const protocol = stringOption(values, 'protocol') ?? DEFAULT_LOCKER_PROTOCOL;
    if (protocol !== '8a' && protocol !== 'cu') throw new UsageError('--protocol must be 8a or cu');
    const board = intOption(values, 'board', DEFAULT_LOCKER_BOARD);
    const door = action === 'open' ? intOption(values, 'door', NaN) : 0;
    if (Number.isNaN(door)) throw new UsageError('--door is required');
    const polarity = stringOption(values, 'feedback-active');
    if (polarity !== undefined && polarity !== 'open' && polarity !== 'closed')
      throw new UsageError('--feedback-active must be open or closed');
    const json = values.json === true;
    const answer = (error: ErrorJson) =>
      printJson(action === 'open' ? { board, door, opened: false, error } : { board, doors: null, error });

    const options = {
      protocol,
      cabinet: {
        boards: [board],
        doorsPerBoard: intOption(values, 'doors', 16),
        openTimeoutMs: intOption(values, 'timeout-ms', 4000),
        ...(polarity ? { feedbackActiveMeans: polarity } : {}),
      },
    };
    // An address the protocol cannot carry (CU board 16, 8A board 0): refused before any byte is sent.
    const checked = lockers.LockerBoardOptions.safeParse(options);
    if (!checked.success) {
      const message = checked.error.issues.map((i) => i.message).join('; ');
      if (!json) throw new UsageError(message);
      answer({ code: 'invalidArgument', message, detail: 'badAddress' });
      return 2;
    }
    const deviceId = `locker:${port}`;
    const asJson = (err: unknown, command: string): ErrorJson => {
      const e = toDeviceError(err, { deviceId, command }, signal);
      return { code: e.code, message: e.message, detail: e.detail ?? null };
    };
    let device;
    try {
      device = await buildDevice(lockers.lockerBoard, deviceId, { kind: 'serial', path: port }, options);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const error = asJson(err, 'open');
      if (json) answer(error);
      else process.stderr.write(`${error.message}\n`);
      return 1;
    }
    /** A board that stays silent may be answering in the other protocol: say so. */
    const withHint = async (error: ErrorJson): Promise<ErrorJson> => {
      if (error.detail !== 'boardNotAnswering' && error.code !== 'timeout') return error;
      const other = await device.commands.otherProtocol(board, signal).catch(() => undefined);
      if (!other) return error;
      const hint = `a board answers in the ${other.protocol} protocol at address ${other.board} (${other.baudRate} baud): try --protocol ${other.protocol} --board ${other.board}`;
      return { ...error, message: `${error.message}; ${hint}`, hint };
    };
    try {
      if (action === 'open') {
        try {
          const r = await device.commands.open(board, door, signal);
          if (json) printJson({ board, door, opened: true, error: null });
          else
            process.stdout.write(
              `柜门已打开 / door opened: board ${board} door ${door} (${r.confirmedAfterMs} ms)\n`,
            );
          return 0;
        } catch (err) {
          const error = await withHint(asJson(err, 'open'));
          if (json) printJson({ board, door, opened: false, error });
          else
            process.stderr.write(
              `开门失败 / door not opened: ${error.code} ${error.detail ?? ''} ${error.message}\n`,
            );
          return 1;
        }
      }
      try {
        const doors = await device.commands.readBoard(board, signal);
        if (json) printJson({ board, doors, error: null });
        else
          for (const d of doors)
            process.stdout.write(
              `门 door ${String(d.door).padStart(2)}: ${d.state === 'open' ? '开 open' : '关 closed'}` +
                `${d.itemPresent === null ? '' : d.itemPresent ? ', 有物 item' : ', 空 empty'}\n`,
            );
        return 0;
      } catch (err) {
        const error = await withHint(asJson(err, 'status'));
        if (json) printJson({ board, doors: null, error });
        else process.stderr.write(`读取失败 / status failed: ${error.code} ${error.message}\n`);
        return 1;
      }
    } finally {
      await device.stop();
    }
  },
};
