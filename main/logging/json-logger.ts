import type { LogFields, Logger } from '../../devices/core';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/** 18-character ID numbers anywhere in a string value are masked as a last line of defence. */
const ID_NUMBER = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;
const scrub = (v: unknown): unknown =>
  typeof v === 'string' ? v.replace(ID_NUMBER, '$1********$2') : Array.isArray(v) ? v.map(scrub) : v;

/**
 * Structured JSON-lines logger for technicians: one object per line with time, level, event and
 * fields. Callers mask personal data; the logger also scrubs anything shaped like an ID number.
 */
export function createJsonLogger(
  bindings: LogFields = {},
  opts: { level?: Level; write?: (line: string) => void; now?: () => Date } = {},
): Logger {
  const min =
    LEVELS[opts.level ?? (process.env.YIZHAN_LOG_LEVEL as Level | undefined) ?? 'info'] ?? LEVELS.info;
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const now = opts.now ?? (() => new Date());
  const emit = (level: Level, event: string, fields: LogFields = {}) => {
    if (LEVELS[level] < min) return;
    const entry: Record<string, unknown> = { time: now().toISOString(), level, event };
    for (const [k, v] of Object.entries({ ...bindings, ...fields })) entry[k] = scrub(v);
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (b) => createJsonLogger({ ...bindings, ...b }, opts),
  };
}
