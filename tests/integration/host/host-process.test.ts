import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { HostClient, type HostChannel } from '../../../main/host/client';
import type { HostMessage } from '../../../main/host/messages';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Starts main/host/worker.ts as a real child process (the plain-Node form of the utilityProcess). */
function startHost(
  config: object,
  env: NodeJS.ProcessEnv = {},
): { client: HostClient; ready: Promise<void>; proc: ChildProcess } {
  const file = path.join(tmpdir(), `yizhan-host-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(config));
  const proc = fork(path.resolve('main/host/worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, YIZHAN_CONFIG: file, YIZHAN_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child = proc;
  const client = new HostClient(new MemoryLogger(), 5000);
  const ready = new Promise<void>((resolve) =>
    proc.on('message', (m: HostMessage) => m.kind === 'ready' && resolve()),
  );
  const channel: HostChannel = {
    post: (m) => proc.send(m),
    onMessage: (l) => proc.on('message', (m: HostMessage) => l(m)),
    onExit: (l) => proc.on('exit', (code) => l(code)),
  };
  client.attach(channel);
  return { client, ready, proc };
}

describe('device host process', () => {
  it('answers contract requests and reports devices it could not build', async () => {
    // A valid device that cannot come up here (its cups-pdf queue does not exist); an unknown family
    // would be refused at start (see below). No roles required: this rig has no other device.
    const { client, ready } = startHost({
      kioskId: 'kiosk-t1',
      site: { requiredRoles: [] },
      devices: [
        {
          id: 'mystery-1',
          family: 'a4-printer',
          transport: { kind: 'simulated' },
          options: { simulator: { spooler: 'cups-pdf', cupsPdfQueue: 'yizhan-no-such-queue' } },
        },
      ],
    });
    await ready;
    await expect(client.request('app:info', {})).resolves.toMatchObject({
      ok: true,
      value: { kioskId: 'kiosk-t1', mode: 'electron' },
    });
    const list = await client.request('devices:list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [{ deviceId: 'mystery-1', health: 'noDevice', detail: { reason: 'startFailed' } }],
    });
    await expect(client.request('devices:list', { junk: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalidArgument' },
    });
  });

  it('turns a host crash into notConnected results instead of hanging requests', async () => {
    const { client, ready, proc } = startHost({ kioskId: 'kiosk-t2', site: { requiredRoles: [] } });
    await ready;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    await expect(client.request('devices:list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'notConnected' },
    });
  });

  it('refuses to start on an invalid configuration', async () => {
    const { proc } = startHost({
      kioskId: 'kiosk-t3',
      devices: [{ id: 'Bad Id', family: 'x', transport: { kind: 'serial' } }],
    });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/invalid kiosk configuration/);
    // The path inside the file and what was expected there, and no stack trace.
    expect(stderr).toMatch(/devices\[0\]\.id: expected lower-case letters/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown family and a site without the roles its profile requires', async () => {
    const { proc } = startHost({
      kioskId: 'kiosk-t4',
      devices: [{ id: 'toaster-1', family: 'toaster', transport: { kind: 'simulated' } }],
    });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code).toBe(78);
    expect(stderr).toMatch(/devices\[0\] \(toaster-1\)\.family: a known device family, got "toaster"/);
    expect(stderr).toMatch(/no device serves idCard, receiptPrinter, a4Printer/);
  });

  it('reports the Chromium shell when started by it', async () => {
    const { client, ready } = startHost(
      { kioskId: 'kiosk-t2', site: { requiredRoles: [] } },
      { YIZHAN_SHELL: 'chromium' },
    );
    await ready;
    await expect(client.request('app:info', {})).resolves.toMatchObject({
      ok: true,
      value: { mode: 'chromium' },
    });
  });
});
