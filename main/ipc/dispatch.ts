// Transport-neutral request handling for the contract: Electron IPC (router.ts) and the Chromium
// product mode (an HTTP bridge) both call `dispatch`, so validation and error mapping live once.
import type { z } from 'zod';
import { isDeviceError } from '../../devices/core';
import { Failure, FailureCode, type Result } from './contract';
import { invoke, type In, type InvokeChannel, type Out } from './contract/channels';
import type { Logger } from '../../devices/core';

export type Handlers = { [C in InvokeChannel]: (input: In<C>) => Promise<Out<C>> };

export const isInvokeChannel = (c: string): c is InvokeChannel => Object.hasOwn(invoke, c);

/** Validates input, runs the handler, validates output, and turns any failure into a Failure. */
export async function dispatch(
  channel: string,
  raw: unknown,
  handlers: Handlers,
  log: Logger,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel))
    return { ok: false, error: { code: 'forbidden', message: `unknown channel ${channel}` } };
  const spec = invoke[channel];
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) {
    // Paths only, never values: the input may hold an ID number or a name.
    const paths = [...new Set(parsed.error.issues.flatMap(issuePaths))].slice(0, 10);
    log.warn('ipc.invalidInput', { channel, issues: paths });
    return {
      ok: false,
      error: { code: 'invalidArgument', message: `invalid input for ${channel}`, detail: paths.join(',') },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log.error('ipc.invalidOutput', { channel, issues: checked.error.issues.map((i) => i.path.join('.')) });
      return { ok: false, error: { code: 'internal', message: `invalid output from ${channel}` } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    const failure = toFailure(err);
    log.warn('ipc.failed', {
      channel,
      code: failure.code,
      ...(failure.detail ? { detail: failure.detail } : {}),
    });
    return { ok: false, error: failure };
  }
}

/** Where an input issue is: its path, or for unknown keys the path of each key. */
function issuePaths(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...at, k].join('.'));
  return [at.join('.') || '(root)'];
}

/** Thrown by a handler to answer with this exact Failure (a refusal the citizen must hear about). */
export class CallFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** A DeviceError keeps its code and detail; anything else becomes `internal` with no internals exposed. */
export function toFailure(err: unknown): Failure {
  if (err instanceof Error && 'failure' in err) {
    const f = Failure.safeParse(err.failure);
    if (f.success) return f.data;
  }
  if (isDeviceError(err)) {
    const code = FailureCode.safeParse(err.code);
    return {
      code: code.success ? code.data : 'internal',
      message: err.message,
      ...(err.detail ? { detail: err.detail } : {}),
      deviceId: err.where.deviceId,
    };
  }
  return { code: 'internal', message: 'internal error' };
}
