/** The closed set of back-office failure kinds; callers decide retry vs. give-up from these alone. */
export const BACKOFFICE_ERROR_KINDS = ['network', 'timeout', 'rejected', 'server'] as const;
export type BackofficeErrorKind = (typeof BACKOFFICE_ERROR_KINDS)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The only error the back-office client throws. `rejected` carries the server's camelCase code
 * (4xx); 408 and 429 are `rejected` too but `retryable`, as are network, timeout and server.
 */
export class BackofficeError extends Error {
  override readonly name = 'BackofficeError';
  readonly retryable: boolean;

  constructor(
    readonly kind: BackofficeErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      fields?: FieldIssue[];
      /** Seconds from a Retry-After header, when the server sent one. */
      retryAfterS?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.retryable =
      kind !== 'rejected' ||
      details.status === 408 ||
      details.status === 429 ||
      // The twin of this idempotent request is still being processed server-side: ask again later.
      (details.status === 409 && details.code === 'inProgress');
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** Server error code for `rejected`, otherwise the kind. */
  get code(): string {
    return this.details.code ?? this.kind;
  }

  toJSON(): { kind: BackofficeErrorKind; code: string; status?: number; message: string } {
    return {
      kind: this.kind,
      code: this.code,
      ...(this.details.status !== undefined ? { status: this.details.status } : {}),
      message: this.message,
    };
  }
}

export const isBackofficeError = (e: unknown): e is BackofficeError => e instanceof BackofficeError;
