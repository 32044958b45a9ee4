// Runs the real device host (main/host/worker.ts) as a child process, connected the way the
// Chromium shell connects it (main/chromium-shell/kiosk.ts): child_process.fork + the message
// protocol of main/host/messages.ts, through a HostClient that survives the child's restarts.
import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HostChannel, HostClient } from '../../main/host/client';
import type { HostMessage } from '../../main/host/messages';
import { ESM_REQUIRE, NATIVE_EXTERNALS, NODE_BUNDLE } from '../../scripts/bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Bundles worker.ts the way scripts/build-electron.mjs does for out/main/host.mjs (native modules
 * external), into the ignored .tmp/ so they resolve. A bundled start takes ~0.4 s against ~1.1 s
 * under tsx, which is what lets a crash test restart the host dozens of times.
 */
export async function bundleHost(): Promise<string> {
  const outDir = path.join(ROOT, '.tmp', 'host-tests');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `host-${process.pid}.mjs`);
  await build({
    ...NODE_BUNDLE,
    entryPoints: [path.join(ROOT, 'main/host/worker.ts')],
    outfile,
    format: 'esm',
    sourcemap: false,
    external: NATIVE_EXTERNALS,
    // CommonJS packages inside the bundle (iconv-lite) require Node's builtins.
    banner: { js: ESM_REQUIRE },
  });
  return outfile;
}

export interface HostRun {
  proc: ChildProcess;
  /** The host posted `ready`; rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Its JSON log lines (stderr), for checks on what a technician would read. */
  logs: string[];
}

/** Writes `config` for the host and forks `script` (a bundle, or worker.ts under tsx). */
export function startHostProcess(
  script: string,
  config: object,
  configFile: string,
  client: HostClient,
  env: Record<string, string> = {},
): HostRun {
  writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
  const proc = fork(script, [], {
    execArgv: script.endsWith('.ts') ? ['--import', 'tsx'] : [],
    env: { ...process.env, YIZHAN_CONFIG: configFile, YIZHAN_SHELL: 'chromium', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const logs: string[] = [];
  let partial = '';
  proc.stderr!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    logs.push(...parts);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    proc.on('message', (m: HostMessage) => m.kind === 'ready' && resolve());
    void exited.then((code) => reject(new Error(`host exited (${code}) before ready: ${logs.join('\n')}`)));
  });
  ready.catch(() => undefined);
  const channel: HostChannel = {
    // A host that just died can still look connected: the write then fails with EPIPE, which
    // without a callback is an 'error' event that would crash the shell. Its exit fails the request.
    post: (m) => proc.connected && proc.send(m, () => undefined),
    onMessage: (l) => proc.on('message', (m: HostMessage) => l(m)),
    onExit: (l) => proc.on('exit', (code) => l(code)),
  };
  client.attach(channel);
  return { proc, ready, exited, logs };
}
