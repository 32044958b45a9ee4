import type { LogFields, Logger } from '../../devices/core';
import { maskText } from '../../domain/identity';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/**
 * The last line of defence (domain/identity's maskText): ID numbers of every kind, card and account
 * numbers and mobile numbers anywhere in a value, nested ones included, are masked.
 */
const scrub = (v: unknown, depth = 0): unknown => {
  if (typeof v === 'string') return maskText(v);
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, depth + 1)]));
};

/**
 * Structured JSON-lines logger for technicians: one object per line with time, level, event and
 * fields. Callers mask personal data; the logger also masks numbers shaped like personal ones.
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
