/**
 * Structured logger used by every device. Implementations write JSON lines; fields must already be
 * masked (domain/identity is the one masking module).
 */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}
export type LogFields = Record<string, unknown>;

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Keeps a recorded copy of every line; used by tests to assert what technicians will see. */
export class MemoryLogger implements Logger {
  constructor(
    readonly lines: { level: string; event: string; fields: LogFields }[] = [],
    private readonly bindings: LogFields = {},
  ) {}
  debug(event: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'debug', event, fields: { ...this.bindings, ...fields } });
  }
  info(event: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', event, fields: { ...this.bindings, ...fields } });
  }
  warn(event: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', event, fields: { ...this.bindings, ...fields } });
  }
  error(event: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', event, fields: { ...this.bindings, ...fields } });
  }
  child(bindings: LogFields): Logger {
    return new MemoryLogger(this.lines, { ...this.bindings, ...bindings });
  }
}

/** Hex dump for protocol traces, with an optional cap so large payloads (photos) stay short. */
export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} …(+${bytes.length - max})` : shown;
}
