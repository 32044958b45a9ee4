import { printJson, stringOption, UsageError, type CliCommand, type CliValues } from '../command';

/** A verb's channel and input (the same `diag:*` channels the kiosk's page calls). */
function requestOf(words: string[], values: CliValues): { channel: string; input: object } {
  const [verb, a, b, ...rest] = words;
  const num = (name: string) => {
    const raw = stringOption(values, name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer`);
    return n;
  };
  switch (verb) {
    case 'devices':
      return { channel: 'diag:devices', input: {} };
    case 'test': {
      if (!a) throw new UsageError('test DEVICE [TEST…]');
      const tests = [b, ...rest].filter((x): x is string => !!x);
      const board = num('board');
      const door = num('door');
      return {
        channel: 'diag:runSelfTests',
        input: {
          deviceId: a,
          ...(tests.length ? { tests } : {}),
          ...(board !== undefined ? { board } : {}),
          ...(door !== undefined ? { door } : {}),
        },
      };
    }
    case 'health':
      return { channel: 'diag:health', input: {} };
    case 'recheck':
      return { channel: 'diag:recheck', input: { printSlip: values.slip === true } };
    case 'supplies':
      return { channel: 'diag:supplies', input: {} };
    case 'replenish':
    case 'roll':
      if (!a) throw new UsageError(`${verb} DEVICE`);
      return {
        channel: 'diag:supply',
        input: { deviceId: a, action: verb === 'roll' ? 'rollChanged' : 'replenished' },
      };
    case 'logs':
      return { channel: 'diag:logs', input: {} };
    case undefined:
    default:
      throw new UsageError(`unknown verb ${verb ?? '(none)'}; see yizhan diag --help`);
  }
}

export const command: CliCommand = {
  path: ['diag'],
  summary: 'Technician diagnostics on the kiosk itself (维护模式): devices, self-tests, supplies, logs',
  usage: 'diag <verb> --technician ID [--data-dir DIR] [--board N --door N] [--slip]',
  details: `Talks to the running kiosk host over its private socket (<data dir>/diag/control.sock), enters
the diagnostics mode with your technician id and PIN (read from the terminal, hidden; or one line on
stdin), runs the verb, prints one JSON line and leaves the mode. Entering waits for a citizen being
served to finish; meanwhile and until you leave, the screen shows 暂停服务 (out of service).
Every entry, action and exit is audited with your id.
Verbs:
  state                                 the mode now (no PIN asked)
  devices                               every device: status, transport, model, counters, last errors
  test DEVICE [TEST…] [--board N --door N]  self-tests through the real driver (all when none named)
  health | recheck [--slip]             the health report; check again now (and print the status slip)
  supplies | replenish DEVICE | roll DEVICE   paper state; paper replenished; a roll changed
  logs                                  the newest log lines (masked)
Technicians and PINs: yizhan diag technician --help.`,
  options: {
    technician: { type: 'string', value: 'ID', help: 'Your technician id (yizhan diag technician list)' },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: "The kiosk's data dir (--data-dir of yizhan start; default its configured one)",
    },
    board: { type: 'string', value: 'N', help: 'test: the locker board of the door test' },
    door: { type: 'string', value: 'N', help: 'test: the locker door the door test opens' },
    slip: { type: 'boolean', help: 'recheck: print the status slip on the receipt printer' },
  },
  async run(values, positionals) {
    const [{ connect }, path, { diagSocket }, { HostConfig }, { operatorPrompt }] = await Promise.all([
      import('node:net'),
      import('node:path'),
      import('../../diagnostics/socket'),
      import('../../config/host-config'),
      import('../../device-host/acceptance'),
    ]);
    const dataDir = path.resolve(stringOption(values, 'data-dir') ?? HostConfig.parse({}).dataDir);
    const socketPath = diagSocket(dataDir);
    const stateOnly = positionals[0] === 'state';
    const request = stateOnly ? undefined : requestOf(positionals, values);
    const technicianId = stringOption(values, 'technician');
    if (request && !technicianId) throw new UsageError('--technician ID is required');

    const socket = connect(socketPath);
    socket.setEncoding('utf8');
    const waiting = new Map<number, (r: { ok: boolean; value?: unknown; error?: unknown }) => void>();
    let nextId = 1;
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const m = JSON.parse(buffer.slice(0, nl)) as {
          id?: number;
          result?: { ok: boolean };
          event?: string;
          payload?: { request?: Parameters<typeof operatorPrompt>[0]; phase?: string };
        };
        buffer = buffer.slice(nl + 1);
        if (m.event === 'diag:operator' && m.payload?.request)
          process.stderr.write(`${operatorPrompt(m.payload.request)}\n`);
        if (m.event === 'diag:mode' && m.payload?.phase) modeSeen(m.payload.phase);
        if (m.id !== undefined && m.result) waiting.get(m.id)?.(m.result);
      }
    });
    let modeSeen: (phase: string) => void = () => undefined;
    const call = (channel: string, input: object = {}) =>
      new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        socket.write(`${JSON.stringify({ id, channel, input })}\n`);
      });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      printJson({
        ok: false,
        error: {
          code: 'notConnected',
          message:
            e.code === 'ENOENT' || e.code === 'ECONNREFUSED'
              ? `no kiosk host answers at ${socketPath} (is \`yizhan start\` running with this --data-dir?)`
              : e.message,
        },
      });
      return 1;
    }
    const done = (r: { ok: boolean }) => {
      printJson(r);
      socket.end();
      return r.ok ? 0 : 1;
    };
    if (!request) return done(await call('diag:state'));

    const asked = await call('diag:request', { trigger: 'gesture' });
    if (!asked.ok || (asked.value as { phase: string }).phase !== 'pin') return done(asked);
    const { readSecretLine } = await import('../../diagnostics/pin-prompt');
    const pin = await call('diag:pin', { technicianId, pin: await readSecretLine('PIN: ') });
    const outcome = pin.value as { outcome: string; mode: { phase: string } } | undefined;
    if (!pin.ok || outcome?.outcome !== 'accepted') return done(pin);
    if (outcome.mode.phase === 'waiting') {
      process.stderr.write('等待当前市民办理结束 / waiting for the citizen being served to finish …\n');
      await new Promise<void>((resolve) => (modeSeen = (p) => p === 'active' && resolve()));
    }
    const result = await call(request.channel, request.input);
    await call('diag:exit');
    return done(result);
  },
};
