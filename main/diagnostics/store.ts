// Small durable files of the diagnostics mode under <data dir>/diagnostics (0700 dir, 0600 files).
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { LockoutStore } from './mode';

export const diagDir = (dataDir: string): string => path.join(dataDir, 'diagnostics');

/** Writes `text` to `file` atomically (temp file, then rename), owner-only. */
export function writePrivate(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function appendPrivate(file: string, line: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, line, { mode: 0o600 });
}

export function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/** The PIN lockout counters in a file, so a restart does not hand a guesser fresh attempts. */
export function fileLockoutStore(dataDir: string): LockoutStore {
  const file = path.join(diagDir(dataDir), 'lockout.json');
  return {
    read: () => readJson(file, { failures: 0, lockouts: 0 }),
    write: (state) => writePrivate(file, `${JSON.stringify(state)}\n`),
  };
}
