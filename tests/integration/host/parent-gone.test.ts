// A device host whose shell vanished without a word (SIGKILL, a native crash) stops by itself: the
// IPC channel closing is its signal. Here no lifeline helps: a stand-in shell forks the real host
// (bundled, as `yizhan start` runs it) and is then killed outright.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHost } from '../../helpers/host-process';
import { taggedProcesses, until } from '../../helpers/process-tree';

const TAG = 'YIZHAN_PARENT_GONE_TEST';
let dir = '';
let script = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-parent-gone-'));
  script = await bundleHost();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The stand-in shell: forks the host in its own process group, as main/chromium-shell/kiosk.ts does,
// and prints its pid once the host is ready.
const SHELL = `
const { fork } = require('node:child_process');
const host = fork(process.argv[1], [], { detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
host.on('message', (m) => m.kind === 'ready' && process.stdout.write(host.pid + '\\n'));
`;

describe('device host without its shell', () => {
  it('stops its devices and exits when the shell is killed outright', async () => {
    const config = path.join(dir, 'host.json');
    writeFileSync(
      config,
      JSON.stringify({
        kioskId: 'kiosk-orphan',
        dataDir: dir,
        devices: [
          { id: 'id-reader-1', family: 'id-card-reader', transport: { kind: 'simulated' }, options: {} },
        ],
      }),
    );
    const tag = randomUUID();
    const shell = spawn(process.execPath, ['-e', SHELL, script], {
      env: { ...process.env, [TAG]: tag, YIZHAN_CONFIG: config, YIZHAN_SHELL: 'chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    shell.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const hostPid = await new Promise<number>((resolve, reject) => {
      shell.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      shell.once('exit', (code) => reject(new Error(`stand-in shell exited (${code}): ${log}`)));
    });
    expect(taggedProcesses(TAG, tag).map((p) => p.pid)).toContain(hostPid);

    shell.kill('SIGKILL');
    await until(
      () => taggedProcesses(TAG, tag),
      (ps) => ps.length === 0,
      15_000,
      'host still running',
    );
    // It went by its own decision, stopping its devices, not by a signal from anyone.
    expect(log).toMatch(/"event":"host.stopping".*"reason":"shellGone"/);
    expect(log).toMatch(/"event":"link.state".*"device":"id-reader-1".*"state":"stopped"/);
  }, 60_000);
});
