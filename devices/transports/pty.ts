import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, unlinkSync } from 'node:fs';

export interface PtyPair {
  /** The end a driver opens (a symlink when `link` was given). */
  devicePath: string;
  /** The end the simulator opens. */
  simulatorPath: string;
  /** Kills socat: both ends vanish, as when a USB-serial cable is pulled. */
  close(): Promise<void>;
  readonly process: ChildProcess;
}

/**
 * A real serial link between two ptys, made by `socat` (Debian package `socat`). Like a cable, it
 * carries bytes without pacing them: a pty ignores the baud rate, so simulators pace their own output.
 */
export async function createPtyPair(
  opts: { link?: string; simulatorLink?: string; timeoutMs?: number } = {},
): Promise<PtyPair> {
  for (const l of [opts.link, opts.simulatorLink]) if (l) removeStaleLink(l);
  const end = (link?: string) => `pty,raw,echo=0${link ? `,link=${link}` : ''}`;
  const proc = spawn('socat', ['-d', '-d', end(opts.link), end(opts.simulatorLink)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const paths = await new Promise<string[]>((resolve, reject) => {
    const found: string[] = [];
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`socat did not report its ptys: ${stderr}`)),
      opts.timeoutMs ?? 5000,
    );
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat (install the Debian package 'socat'): ${e.message}`));
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${stderr}`));
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (s: string) => {
      stderr += s;
      for (const m of s.matchAll(/PTY is (\S+)/g)) found.push(m[1]!);
      if (found.length === 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    devicePath: opts.link ?? paths[0]!,
    simulatorPath: opts.simulatorLink ?? paths[1]!,
    process: proc,
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
      for (const l of [opts.link, opts.simulatorLink]) if (l) removeStaleLink(l);
    },
  };
}

function removeStaleLink(path: string): void {
  try {
    if (existsSync(path) || lstatSync(path).isSymbolicLink()) unlinkSync(path);
  } catch {
    // absent: nothing to remove
  }
}
