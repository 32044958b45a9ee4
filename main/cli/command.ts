/** One option of a command: what node:util parseArgs needs, and what `--help` says about it. */
export interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** What the option does, its default and its allowed values, for `yizhan <command> --help`. */
  help: string;
  /** Placeholder for a string option's value in the help, e.g. FILE.json or N. */
  value?: string;
}
export type CliOptions = Record<string, CliOption>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * One `yizhan` subcommand. Files in `main/cli/commands/` export `command`; the dispatcher finds them,
 * so adding a command never edits a shared list. Keep top-level imports light: load heavy modules
 * (serial, PDF, database) inside `run`.
 */
export interface CliCommand {
  /** Words after `yizhan`, e.g. ['sim', 'idcard']. */
  path: string[];
  summary: string;
  /** The synopsis after `yizhan`, e.g. 'start [--config FILE.json] [--headless]'. */
  usage: string;
  options: CliOptions;
  /** More `--help` text after the options: modes, examples, where output goes. */
  details?: string;
  /** Resolves to the process exit code. `signal` aborts on SIGINT/SIGTERM. */
  run(values: CliValues, positionals: string[], signal: AbortSignal): Promise<number>;
}

/** Prints one JSON line to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** The contract for `--json` failures: `{"error":{"code":…,"message":…}}` on stdout, exit code non-zero. */
export function printJsonError(code: string, message: string, extra: Record<string, unknown> = {}): number {
  printJson({ error: { code, message, ...extra } });
  return 1;
}

export function intOption(values: CliValues, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${String(raw)}"`);
  return n;
}

export function stringOption(values: CliValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function requiredString(values: CliValues, name: string): string {
  const v = stringOption(values, name);
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
