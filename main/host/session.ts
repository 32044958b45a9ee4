// The host's side of the session, catalogue and flow channels: each call is one input to the session
// runner and answers the view it leads to; every later change reaches the page as `flow:view`.
import type { Logger } from '../../devices/core';
import type { Handlers } from '../ipc/dispatch';
import { CallFailure } from '../ipc/dispatch';
import { EffectFailure, type SessionRunner } from '../session';

type FlowHandlers = Pick<
  Handlers,
  | 'catalogue:list'
  | 'session:start'
  | 'session:cancel'
  | 'session:extend'
  | 'flow:send'
  | 'flow:back'
  | 'flow:capture'
>;

export function sessionChannels(runner: SessionRunner, log: Logger): FlowHandlers {
  const slog = log.child({ component: 'flowChannels' });
  return {
    'catalogue:list': () => Promise.resolve(runner.catalogueView()),
    'session:start': () => Promise.resolve(runner.start()),
    'session:cancel': () => Promise.resolve(runner.input({ kind: 'cancel' })),
    'session:extend': () => Promise.resolve(runner.input({ kind: 'extend' })),
    'flow:send': ({ input }) => Promise.resolve(runner.input(input)),
    'flow:back': () => Promise.resolve(runner.input({ kind: 'back' })),
    async 'flow:capture'({ material, pages }) {
      try {
        return await runner.capture(
          material,
          pages.map((p) => ({ paper: p.paper, jpeg: Buffer.from(p.data, 'base64') })),
        );
      } catch (err) {
        if (!(err instanceof EffectFailure)) throw err; // a ScanError carries its own Failure
        slog.warn('capture.refused', { failure: err.failure, why: err.why });
        throw new CallFailure({
          code: err.failure === 'deviceDown' ? 'notConnected' : 'sequence',
          message: err.why,
        });
      }
    },
  };
}
