/**
 * What went wrong, in the engine's closed vocabulary (`FlowFailure`): a device error, a back-office
 * error or a print's reason becomes the code the citizen's screen explains. Anything unforeseen is
 * `internal`, logged by the runner with its class name only (messages may carry personal data).
 */
import { isDeviceError } from '../../devices/core';
import { isBackofficeError } from '../backend';
import type { FlowFailure } from '../ipc/contract/flow';
import type { PrintReason } from '../printing';

/** Thrown by an effect handler to answer `effect.failed` with this code. */
export class EffectFailure extends Error {
  override readonly name = 'EffectFailure';
  constructor(
    readonly failure: FlowFailure,
    /** For the technician's log: what happened, never personal data. */
    readonly why: string = failure,
  ) {
    super(why);
  }
}

export const fail = (failure: FlowFailure, why?: string): never => {
  throw new EffectFailure(failure, why);
};

/** The failure code of anything an effect handler threw. */
export function failureOf(err: unknown): FlowFailure {
  if (err instanceof EffectFailure) return err.failure;
  if (isBackofficeError(err)) {
    if (err.kind === 'network' || err.kind === 'timeout') return 'network';
    const code = err.code;
    if (code === 'providerUnavailable' || code === 'elicenceUnavailable') return 'providerDown';
    if (err.kind === 'server') return 'network';
    if (err.status === 404) return 'notFound';
    if (code === 'badQrCode' || code === 'invalidTrackingNumber') return 'codeInvalid';
    if (code === 'codeRefused') return 'codeRefused';
    if (code === 'tooLarge') return 'tooLarge';
    if (code === 'notConfigured') return 'notConfigured';
    return 'refused';
  }
  if (isDeviceError(err)) {
    switch (err.detail ?? '') {
      case 'wrongCard':
        return 'wrongCard';
      case 'cardRemoved':
        return 'cardRemoved';
      case 'doorJammed':
      case 'doorDidNotOpen':
        return 'doorJammed';
      case 'paperOut':
        return 'paperOut';
      case 'coverOpen':
        return 'coverOpen';
    }
    switch (err.code) {
      case 'notConnected':
      case 'hardware':
        return 'deviceDown';
      case 'noMedia':
        return 'cardRemoved';
      case 'unsupported':
        return 'wrongCard';
      case 'protocol':
      case 'rejected':
        return 'unreadable';
      case 'timeout':
        return 'timeout';
      case 'busy':
      case 'canceled':
      case 'invalidArgument':
      case 'sequence':
      case 'userAction':
        return 'internal';
    }
  }
  return 'internal';
}

/** Why a print stopped, for the citizen. */
export function printFailure(reason: PrintReason | undefined): FlowFailure {
  switch (reason) {
    case 'paperOut':
      return 'paperOut';
    case 'coverOpen':
      return 'coverOpen';
    case 'offline':
    case 'notConnected':
    case 'hardwareError':
    case 'cutterError':
    case 'jobAborted':
    case 'jobCanceled':
      return 'deviceDown';
    case 'timeout':
      return 'timeout';
    case 'interrupted':
      return 'jammed';
    case 'invalidDocument':
    case 'renderFailed':
    case undefined:
      return 'internal';
  }
}

/** A short, non-personal description of an error for a log line. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof EffectFailure) return { failure: err.failure, why: err.why };
  if (isBackofficeError(err)) return { kind: err.kind, code: err.code, status: err.status };
  if (isDeviceError(err)) return { code: err.code, detail: err.detail, deviceId: err.where.deviceId };
  return { error: err instanceof Error ? err.name : typeof err };
}
