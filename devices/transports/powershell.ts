import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface PowerShellOptions {
  /** Default `powershell.exe` (Windows PowerShell 5.1 ships the PrintManagement module). */
  executable?: string;
  /** Command-line arguments for one script, e.g. a4-printer's `powershellArgs` (-EncodedCommand). */
  argsFor(script: string): string[];
  /** Upper bound for one script, so a hung spooler call cannot stall printing forever. */
  timeoutMs?: number;
}

/**
 * The byte pipe of the Windows print spooler: runs one PowerShell script per call and stages PDF
 * files in a private temp folder for the PDF print helper. It implements a4-printer's
 * PowerShellRunner contract (structurally: transports know only devices/core). A missing or
 * unstartable executable rejects, which the spooler reports as `unreachable`.
 */
export class PowerShellProcess {
  #dir: Promise<string> | undefined;

  constructor(private readonly opts: PowerShellOptions) {}

  run(script: string, signal?: AbortSignal): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.executable ?? 'powershell.exe', this.opts.argsFor(script), {
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        ...(signal ? { signal } : {}),
      });
      // Our own timer, cleared on every outcome: spawn's `timeout` keeps one alive after a failed start.
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill();
      }, this.opts.timeoutMs ?? 60_000);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code, killedBy) => {
        clearTimeout(timer);
        const text = (b: Buffer[]) => Buffer.concat(b).toString('utf8');
        if (code === null)
          return reject(
            new Error(`PowerShell was stopped (${timedOut ? 'time limit' : (killedBy ?? 'signal')})`),
          );
        resolve({ stdout: text(out), stderr: text(err), exitCode: code });
      });
    });
  }

  /** Writes the file into this process's own temp folder (created once, readable by this user only). */
  async stage(fileName: string, bytes: Uint8Array): Promise<string> {
    this.#dir ??= mkdtemp(join(tmpdir(), 'yizhan-print-'));
    const file = join(await this.#dir, basename(fileName));
    await writeFile(file, bytes, { mode: 0o600 });
    return file;
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Removes the staging folder. */
  async dispose(): Promise<void> {
    if (this.#dir) await rm(await this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
