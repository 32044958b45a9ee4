import { createInterface } from 'node:readline';
import {
  intOption,
  printJson,
  requiredString,
  stringOption,
  UsageError,
  type CliCommand,
  type CliValues,
} from '../command';

const list = (values: CliValues, name: string): string[] => {
  const raw = values[name];
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
};

const boardDoor = (spec: string): [number, number] => {
  const m = /^(\d+):(\d+)$/.exec(spec);
  if (!m) throw new UsageError(`expected BOARD:DOOR, got "${spec}"`);
  return [Number(m[1]), Number(m[2])];
};

export const command: CliCommand = {
  path: ['sim', 'locker'],
  summary: 'Simulate a cabinet of RS-485 locker boards on a pty (模拟智能存取柜控制板)',
  usage:
    'sim locker --link PATH [--protocol cu|8a] [--first-board B] [--boards N] [--doors N] [--close-after MS] ' +
    '[--feedback-active open|closed] [--jammed B:D]… [--dead-sensor B:D]… [--silent-board B]…',
  details:
    'stdin lines: "force B D" (uncommanded open), "close B D", "item B D 0|1", "jam B D", "free B D", "silent B", "answer B"\n' +
    "Defaults: the product's cabinet (protocol cu, boards from 1: DEFAULT_LOCKER_PROTOCOL / DEFAULT_LOCKER_BOARD).",
  options: {
    link: {
      type: 'string',
      value: 'PATH',
      help: 'Where to create the driver end of the pty pair, e.g. /tmp/locker (required)',
    },
    protocol: {
      type: 'string',
      value: 'cu|8a',
      help: 'Board protocol: cu (Kerong CU, 19200 bit/s) or 8a (9600 bit/s); default cu',
    },
    'first-board': { type: 'string', value: 'B', help: 'Address of the first board (default 1)' },
    boards: { type: 'string', value: 'N', help: 'Boards on the bus (default 1)' },
    doors: { type: 'string', value: 'N', help: 'Doors per board (default 16)' },
    'close-after': {
      type: 'string',
      value: 'MS',
      help: 'A door a person opened closes again after this long (default 5000)',
    },
    'feedback-active': {
      type: 'string',
      value: 'open|closed',
      help: 'What an active door sensor means on this cabinet (default: the protocol’s usual)',
    },
    jammed: { type: 'string', multiple: true, value: 'B:D', help: 'A door whose lock does not release' },
    'dead-sensor': {
      type: 'string',
      multiple: true,
      value: 'B:D',
      help: 'A door whose sensor never changes',
    },
    'silent-board': { type: 'string', multiple: true, value: 'B', help: 'A board that never answers' },
  },
  async run(values, _positionals, signal) {
    const link = requiredString(values, 'link');
    const [{ createPtyPair, SerialTransport }, lockers, { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL }] =
      await Promise.all([
        import('../../../devices/transports'),
        import('../../device-host/families/locker-board'),
        import('../../../devices/locker-board'),
      ]);
    const protocol = stringOption(values, 'protocol') ?? DEFAULT_LOCKER_PROTOCOL;
    if (protocol !== '8a' && protocol !== 'cu') throw new UsageError('--protocol must be 8a or cu');
    const first = intOption(values, 'first-board', DEFAULT_LOCKER_BOARD);
    const boardCount = intOption(values, 'boards', 1);
    const doors = intOption(values, 'doors', 16);
    const closeAfter = intOption(values, 'close-after', 5000);
    const polarity = stringOption(values, 'feedback-active');
    if (polarity !== undefined && polarity !== 'open' && polarity !== 'closed')
      throw new UsageError('--feedback-active must be open or closed');
    const boards = Array.from({ length: boardCount }, (_, i) => first + i);
    const options = lockers.LockerBoardOptions.safeParse({
      protocol,
      cabinet: { boards, doorsPerBoard: doors, ...(polarity ? { feedbackActiveMeans: polarity } : {}) },
    });
    if (!options.success) throw new UsageError(options.error.issues.map((i) => i.message).join('; '));
    const config = lockers.cabinetConfig(options.data);
    const pty = await createPtyPair({ link });
    const wire = new SerialTransport({ path: pty.simulatorPath, baudRate: protocol === '8a' ? 9600 : 19200 });
    await wire.open();
    // The same simulated cabinet the kiosk uses (main/device-host/families), on a pty.
    const control = lockers.createLockerSimulator(wire, config, {
      closeAfterMs: closeAfter > 0 ? closeAfter : null,
    });
    const sim = control.simulator;
    for (const s of list(values, 'jammed')) sim.setJammed(...boardDoor(s));
    for (const s of list(values, 'dead-sensor')) sim.setDeadSensor(...boardDoor(s));
    for (const s of list(values, 'silent-board')) sim.setBoardAnswering(Number(s), false);

    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const [verb, a, b, c] = line.trim().split(/\s+/);
      const [board, door] = [Number(a), Number(b)];
      try {
        if (verb === 'force') sim.forceOpen(board, door);
        else if (verb === 'close') sim.closeDoor(board, door);
        else if (verb === 'item') sim.setItemPresent(board, door, c === '1');
        else if (verb === 'jam') sim.setJammed(board, door);
        else if (verb === 'free') sim.setJammed(board, door, false);
        else if (verb === 'silent') sim.setBoardAnswering(board, false);
        else if (verb === 'answer') sim.setBoardAnswering(board, true);
        else if (verb) {
          process.stderr.write(`unknown simulator command: ${line}\n`);
          return;
        } else return;
        // One line per command carried out, so a script (or a test) can wait for it.
        printJson({ done: verb, board, ...(Number.isInteger(door) ? { door } : {}) });
      } catch (err) {
        process.stderr.write(`${String(err)}\n`);
      }
    });

    printJson({ ready: true, link, protocol, boards, doors });
    process.stderr.write(
      `柜机模拟器已就绪 / locker simulator ready on ${link} (${protocol}, boards ${boards.join(',')})\n`,
    );
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      pty.process.once('exit', () => resolve());
    });
    lines.close();
    control.dispose();
    await wire.close();
    await pty.close();
    return 0;
  },
};
