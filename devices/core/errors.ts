/** The closed set of device error codes. Human text comes from i18n keyed by code, never from here. */
export const DEVICE_ERROR_CODES = [
  'timeout',
  'canceled',
  'notConnected',
  'busy',
  'protocol',
  'rejected',
  'hardware',
  'userAction',
  'unsupported',
  'invalidArgument',
  'sequence',
  'noMedia',
] as const;
export type DeviceErrorCode = (typeof DEVICE_ERROR_CODES)[number];

export interface DeviceErrorWhere {
  deviceId: string;
  command?: string;
}

/**
 * The only error type that leaves a driver. `detail` is a family-specific camelCase token
 * (e.g. `paperOut`, `doorJammed`, `samSelfTestFailed`) that technicians can look up.
 */
export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  readonly retryable: boolean;
  readonly detail: string | undefined;

  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    readonly where: DeviceErrorWhere,
    options: { cause?: unknown; retryable?: boolean; detail?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable ?? (code === 'timeout' || code === 'busy' || code === 'notConnected');
    this.detail = options.detail;
  }

  toJSON(): { code: DeviceErrorCode; message: string; detail?: string; deviceId: string; command?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      deviceId: this.where.deviceId,
      ...(this.where.command !== undefined ? { command: this.where.command } : {}),
    };
  }
}

export const isDeviceError = (e: unknown): e is DeviceError => e instanceof DeviceError;

/** Raised by transports when the link went away while an operation was pending. */
export class TransportClosedError extends Error {
  override readonly name = 'TransportClosedError';
}

/**
 * A port or device node that cannot be opened (absent, busy, no permission). `reason` is the OS's own
 * words without any "Error:" prefix, so every family reports it in one wording: see toDeviceError.
 */
export class PortUnavailableError extends TransportClosedError {
  constructor(
    readonly port: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open ${port}: ${reason}`, options);
  }
}

/** Raised when a deadline passes (see `withDeadline`). */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * The one place that maps any failure to the vocabulary: the caller's abort is `canceled`, a passed
 * deadline is `timeout`, a closed link is `notConnected`, anything else unknown is `protocol`.
 */
export function toDeviceError(
  err: unknown,
  where: DeviceErrorWhere,
  callerSignal?: AbortSignal,
): DeviceError {
  if (err instanceof DeviceError) return err;
  if (callerSignal?.aborted)
    return new DeviceError('canceled', 'the operation was canceled', where, { cause: err });
  if (err instanceof DeadlineError || (err instanceof Error && err.name === 'TimeoutError')) {
    return new DeviceError('timeout', 'the device did not answer in time', where, { cause: err });
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return new DeviceError('canceled', 'the operation was canceled', where, { cause: err });
  }
  if (err instanceof PortUnavailableError) {
    return new DeviceError('notConnected', `无法打开端口 / ${err.message}`, where, {
      cause: err,
      detail: 'portUnavailable',
    });
  }
  if (err instanceof TransportClosedError) {
    return new DeviceError('notConnected', 'the device is not connected', where, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DeviceError('protocol', `unexpected device failure: ${message}`, where, { cause: err });
}
