// Card commands on a machine where the PC/SC daemon is not running: the real commands say what is
// missing and how to start it, at once, instead of "no card reader attached" after a timeout or
// retrying a refused connection forever.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const yizhan = (args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/yizhan.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('card commands without pcscd', { timeout: 90_000 }, () => {
  const socket = path.join(ROOT, '.tmp', 'no-pcscd-here.comm');

  it('device card read names the missing daemon and how to start it', () => {
    const r = yizhan(['device', 'card', 'read', '--pcscd-socket', socket, '--timeout-ms', '30000']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`pcscd is not running: nothing answers on ${socket} (ENOENT)`);
    expect(r.stderr).toContain('scripts/services/pcscd.sh start');
    expect(r.stderr).not.toContain('no card reader attached');
  });

  it('device card read --json answers in the JSON error shape with the same hint', () => {
    const r = yizhan(['device', 'card', 'read', '--json', '--pcscd-socket', socket]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: {
        code: 'notConnected',
        detail: 'noDaemon',
        socket,
        hint: expect.stringContaining('pcscd') as string,
      },
    });
  });

  it('sim card stops at once when vpcd never answered, saying how to start it', async () => {
    const port = await freePort();
    const r = yizhan([
      'sim',
      'card',
      '--profile',
      'devices/pcsc-reader/fixtures/ssc-gen3.json',
      '--port',
      String(port),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`vpcd 127.0.0.1:${port} 无法连接 / not reachable`);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain('scripts/services/pcscd.sh exec -- npx yizhan sim card');
    // Said once, not retried every 2 s.
    expect(r.stderr.match(/not reachable/g)).toHaveLength(1);
  });
});

// The hint says `bash scripts/services/pcscd.sh start` without sudo: the script itself asks sudo when a
// user runs it, and says plainly when there is none (a minimal Debian machine has no sudo).
describe('scripts/services/pcscd.sh run by a user', () => {
  const asNobody = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', 'command -v sudo || echo none'], {
    encoding: 'utf8',
  });
  it.runIf(process.getuid?.() === 0 && asNobody.stdout.trim() === 'none')(
    'says it needs root and that sudo is missing, and starts nothing',
    () => {
      const script = path.join(ROOT, 'scripts/services/pcscd.sh');
      const r = spawnSync('su', ['nobody', '-s', '/bin/bash', '-c', `bash ${script} start`], {
        encoding: 'utf8',
        env: { ...process.env, YIZHAN_PCSCD_DIR: path.join(ROOT, '.tmp', 'pcscd-as-nobody') },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('must run as root');
      expect(r.stderr).toContain('sudo is not installed');
    },
  );
});
