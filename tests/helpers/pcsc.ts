import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A private pcscd + vpcd for tests and benches (scripts/services/pcscd.sh): its own mount and
 * network namespace, one instance per process, stopped when the process exits. The PC/SC client
 * (our transport) stays in this process and reaches pcscd through the bind-mounted socket; virtual
 * cards must dial vpcd from inside the namespace, which `dial()` does via a small helper process
 * that connects there and hands the connected socket back over IPC.
 */
export interface PrivatePcscd {
  dir: string;
  socketPath: string;
  netnsPid: number;
  /** Reader names vpcd creates: slot n listens on 35963 + n. */
  readers: readonly [string, string];
  /** A TCP connection to vpcd slot `slot`, made inside the namespace. */
  dial(slot?: number): Promise<Socket>;
  /** Kills the daemon only (the namespace stays): "pcscd went away". */
  stopDaemon(): void;
  /** Starts the daemon again in the same namespace. */
  startDaemon(): void;
  /** Stops daemon and namespace (afterAll); the next ensurePcscd() starts a fresh one. */
  stop(): void;
  /** Runs a command inside the namespace (virtual card CLI). */
  spawnInside(command: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = `${ROOT}scripts/services/pcscd.sh`;
export const VPCD_HOST = '127.0.0.2';
export const VPCD_PORT = 35963;

let instance: PrivatePcscd | undefined;

export function ensurePcscd(): PrivatePcscd {
  if (instance) return instance;
  if (!existsSync('/etc/reader.conf.d/vpcd'))
    throw new Error(
      '/etc/reader.conf.d/vpcd is missing: install the Debian packages pcscd and vsmartcard-vpcd (sudo bash scripts/setup-system.sh)',
    );
  const dir = `/tmp/yizhan-pcscd-test-${process.pid}`;
  // TTL: a crashed test process cannot leave the daemon behind for more than 15 minutes.
  const env = { ...process.env, YIZHAN_PCSCD_DIR: dir, YIZHAN_PCSCD_TTL: '900' };
  const run = (cmd: string) => {
    const r = spawnSync('bash', [SCRIPT, cmd], { env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0)
      throw new Error(`pcscd.sh ${cmd} failed (${r.status}): ${r.stderr || r.error?.message}`);
    return r.stdout;
  };
  const out = run('start');
  const value = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(out)?.[1] ?? '';
  const netnsPid = Number(value('YIZHAN_PCSCD_NETNS_PID'));
  let dialer: Dialer | undefined;
  const stop = () => {
    dialer?.close();
    spawnSync('bash', [SCRIPT, 'stop'], { env, timeout: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  instance = {
    dir,
    stop: () => {
      process.off('exit', stop);
      stop();
      instance = undefined;
    },
    socketPath: value('PCSCLITE_CSOCK_NAME'),
    netnsPid,
    readers: ['Virtual PCD 00 00', 'Virtual PCD 00 01'],
    dial: (slot = 0) => (dialer ??= new Dialer(netnsPid)).dial(VPCD_PORT + slot),
    stopDaemon: () => void run('stop-daemon'),
    startDaemon: () => void run('restart-daemon'),
    spawnInside: (command, args, extra = {}) =>
      spawn('nsenter', ['-t', String(netnsPid), '-n', '--', command, ...args], {
        env: { ...process.env, PCSCLITE_CSOCK_NAME: value('PCSCLITE_CSOCK_NAME'), ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
  };
  return instance;
}

/** The in-namespace helper: connects on request and sends the socket handle back. */
const DIALER_SOURCE = `
const net = require('node:net');
process.on('message', ({ id, host, port }) => {
  const s = net.connect({ host, port });
  s.setNoDelay(true);
  s.once('connect', () => { s.pause(); process.send({ id, ok: true }, s); });
  s.once('error', (e) => process.send({ id, ok: false, error: e.message }));
});
process.on('disconnect', () => process.exit(0));
`;

class Dialer {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (s: Socket) => void; reject: (e: Error) => void }>();
  #next = 1;

  constructor(netnsPid: number) {
    this.#child = spawn(
      'nsenter',
      ['-t', String(netnsPid), '-n', '--', process.execPath, '-e', DIALER_SOURCE],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    this.#child.on('message', (m: { id: number; ok: boolean; error?: string }, handle?: Socket) => {
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.ok && handle) {
        handle.resume();
        p?.resolve(handle);
      } else p?.reject(new Error(`vpcd dial failed: ${m.error ?? 'no socket'}`));
    });
    this.#child.unref();
    (this.#child as unknown as { channel?: { unref(): void } }).channel?.unref();
  }

  close(): void {
    this.#child.kill();
  }

  dial(port: number): Promise<Socket> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, host: VPCD_HOST, port });
    });
  }
}
