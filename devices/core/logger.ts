/** Structured logger used by every device. Implementations write JSON lines; fields must already be masked. */
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

/**
 * 110105199001011234 -> 110105********1234 (area code and last four stay readable for support).
 * Numbers of 8–13 characters keep two at each end; anything shorter is fully masked.
 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  const [head, tail] = id.length >= 14 ? [6, 4] : [2, 2];
  return `${id.slice(0, head)}${'*'.repeat(id.length - head - tail)}${id.slice(-tail)}`;
}

/** 6222021234567890123 -> 622202*********0123 (first 6, last 4, as card schemes allow). */
export function maskPan(pan: string): string {
  if (pan.length < 12) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/** 张三丰 -> 张** ; keeps the family name only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Hex dump for protocol traces, with an optional cap so large payloads (photos) stay short. */
export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} …(+${bytes.length - max})` : shown;
}
