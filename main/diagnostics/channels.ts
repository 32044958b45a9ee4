// The host's side of the `diag:*` channels. Entry calls (state, request, pin, cancel) are open to the
// page; every other call needs a technician in on this screen, keeps the mode alive, and is audited.
import type { Handlers } from '../ipc/dispatch';
import { CallFailure } from '../ipc/dispatch';
import type { diagnosticsChannels } from '../ipc/contract/diagnostics';
import { describeDevice, runDeviceSelfTests, UnknownSelfTest } from './devices';
import type { Diagnostics } from './index';

type DiagChannel = keyof typeof diagnosticsChannels.invoke;
export type DiagHandlers = Pick<Handlers, DiagChannel>;

/** Which console calls: the kiosk's page, or `yizhan diag` over the host's local socket. */
export type DiagConsole = 'screen' | 'cli';

export function diagnosticsHandlers(d: Diagnostics, console: DiagConsole = 'screen'): DiagHandlers {
  const { mode } = d;
  /** A technician's action: refused outside the mode, audited with who did it and on what. */
  const action =
    <I, O>(name: string, fn: (input: I) => Promise<O> | O, what?: (input: I) => Record<string, unknown>) =>
    async (input: I): Promise<O> => {
      if (!mode.isActive(console))
        throw new CallFailure({
          code: 'forbidden',
          message: 'no technician is in diagnostics on this console',
        });
      mode.touch();
      d.audit.record(name, mode.technician, what?.(input) ?? {});
      return fn(input);
    };
  const device = (deviceId: string) => {
    const c = d.o.devices().find((x) => x.device.id === deviceId);
    if (!c)
      throw new CallFailure({
        code: 'invalidArgument',
        message: `no device ${deviceId}`,
        detail: 'deviceId',
      });
    return c;
  };
  const notYet = (channel: string) => () =>
    Promise.reject(new CallFailure({ code: 'unsupported', message: `${channel} is not available yet` }));

  return {
    'diag:state': () => Promise.resolve(mode.view()),
    // The page's hidden gesture; over the local socket it is `yizhan diag` asking.
    'diag:request': ({ trigger }) => Promise.resolve(mode.request(console === 'cli' ? 'cli' : trigger)),
    'diag:pin': (attempt) => mode.pin(attempt, console),
    'diag:cancel': () => Promise.resolve(mode.cancel()),
    'diag:exit': () =>
      Promise.resolve(mode.isActive(console) || mode.view().phase === 'waiting' ? mode.exit() : mode.view()),
    'diag:devices': action('devices', () => d.o.devices().map((c) => describeDevice(c))),
    'diag:runSelfTests': action(
      'selfTests',
      async ({ deviceId, tests, board, door }) => {
        try {
          return await runDeviceSelfTests(device(deviceId), {
            ...(tests ? { tests } : {}),
            params: { ...(board !== undefined ? { board } : {}), ...(door !== undefined ? { door } : {}) },
            clock: d.clock,
            prompt: (p) => d.events.emit('diag:operator', p),
            onResult: (result) => d.events.emit('diag:selfTest', { deviceId, result }),
          });
        } catch (err) {
          if (err instanceof UnknownSelfTest)
            throw new CallFailure({ code: 'invalidArgument', message: err.message, detail: 'tests' });
          throw err;
        }
      },
      ({ deviceId, tests, board, door }) => ({ deviceId, tests: tests ?? 'all', board, door }),
    ),
    'diag:health': action('health', () => d.health()),
    'diag:recheck': action(
      'recheck',
      ({ printSlip }) => d.check('recheck', printSlip),
      (i) => ({ printSlip: i.printSlip }),
    ),
    'diag:supplies': notYet('diag:supplies'),
    'diag:supply': notYet('diag:supply'),
    'diag:config': notYet('diag:config'),
    'diag:validateConfig': notYet('diag:validateConfig'),
    'diag:applyConfig': notYet('diag:applyConfig'),
    'diag:rollbackConfig': notYet('diag:rollbackConfig'),
    'diag:logs': notYet('diag:logs'),
    'diag:trace': notYet('diag:trace'),
    'diag:readTrace': notYet('diag:readTrace'),
    'diag:exportTargets': notYet('diag:exportTargets'),
    'diag:exportBundle': notYet('diag:exportBundle'),
  };
}
