import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/yizhan.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `yizhan …` as a real process and collects its output. */
export function runYizhan(args: string[], timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`yizhan ${args.join(' ')} did not finish in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface LongRunning {
  child: ChildProcess;
  /** Resolves with the first stdout line (simulators print a JSON "ready" line). */
  firstLine: Promise<string>;
  write(line: string): void;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /**
   * Resolves once the output printed after this call (or, with `fromStart`, at any time) matches
   * `pattern`: an acknowledgement the process prints. Rejects if the process ends first.
   */
  printed(pattern: RegExp, stream?: 'stdout' | 'stderr', fromStart?: boolean): Promise<string>;
  /** Resolves with the exit code when the process ends by itself. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts a long-running `yizhan …` (a simulator) with stdin open; `stop()` sends SIGTERM and waits. */
export function startYizhan(args: string[]): LongRunning {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', fromStart = false) => {
    const from = fromStart ? 0 : (stream === 'stdout' ? stdout : stderr).length;
    const source = stream === 'stdout' ? child.stdout : child.stderr;
    return new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const m = pattern.exec((stream === 'stdout' ? stdout : stderr).slice(from));
        if (!m) return;
        source.off('data', onData);
        resolve(m[0]);
      };
      // Our own listener runs after the accumulating one above: the text is already appended.
      const onData = () => check();
      source.on('data', onData);
      check();
      void exited.then((code) =>
        reject(new Error(`yizhan ${args.join(' ')} exited with ${code}: ${stderr}`)),
      );
    });
  };
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no ready line from yizhan ${args.join(' ')}: ${stderr}`)),
      20_000,
    );
    child.stdout.on('data', (s: string) => {
      out += s;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`yizhan ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
  firstLine.catch(() => undefined);
  return {
    child,
    firstLine,
    write: (line) => child.stdin.write(`${line}\n`),
    output: () => ({ stdout, stderr }),
    printed,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
