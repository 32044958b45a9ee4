// The diagnostics mode on the real host with every device simulated over its real protocol: entry
// by the page's gesture and by `yizhan diag`'s socket, waiting for the citizen being served, the
// public refused while the technician is in, the device list, and self-tests through the real drivers.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiagDevice, DiagMode } from '../../../main/ipc/contract/diagnostics';
import { diagSocket } from '../../../main/diagnostics/socket';
import { begin, leave } from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import type { TestService } from '../../helpers/outbox-service';

vi.setConfig({ testTimeout: 60_000 });

const t = testDir('yizhan-diagnostics');
let bo: TestService;
let kiosk: Kiosk;

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  kiosk = await startKiosk({ dir: t.dir, backoffice: bo, kioskId: 'hall-diag' });
  await kiosk.host.diagnostics.technicians.put({ id: 'T07', name: '李工', pin: '135790' });
}, 90_000);
afterAll(async () => {
  await kiosk?.stop();
  await bo?.stop();
  t.remove();
});

/** `yizhan diag`'s side of the socket: calls by id, events kept. */
async function cliConsole() {
  const socket: Socket = connect(diagSocket(kiosk.dataDir));
  socket.setEncoding('utf8');
  await new Promise((r) => socket.once('connect', r));
  const answers = new Map<number, (r: { ok: boolean; value?: unknown; error?: { code: string } }) => void>();
  const events: { event: string; payload: unknown }[] = [];
  let buf = '';
  socket.on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const m = JSON.parse(buf.slice(0, nl)) as {
        id?: number;
        result?: never;
        event?: string;
        payload?: unknown;
      };
      buf = buf.slice(nl + 1);
      if (m.event) events.push({ event: m.event, payload: m.payload });
      else if (m.id !== undefined) answers.get(m.id)?.(m.result!);
    }
  });
  let id = 0;
  return {
    events,
    socket,
    call: (channel: string, input: object = {}) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>((resolve) => {
        answers.set(++id, resolve);
        socket.write(`${JSON.stringify({ id, channel, input })}\n`);
      }),
  };
}

describe('entering diagnostics', () => {
  it('refuses every technician action before a PIN, and opens with the gesture and the right PIN', async () => {
    await expect(kiosk.call('diag:devices')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await kiosk.call('diag:request', { trigger: 'gesture' })).toMatchObject({ phase: 'pin' });
    await expect(kiosk.call('diag:pin', { technicianId: 'T07', pin: '000000' })).resolves.toMatchObject({
      outcome: 'wrong',
      attemptsLeft: 4,
    });
    const ok = await kiosk.call('diag:pin', { technicianId: 'T07', pin: '135790' });
    expect(ok.mode).toMatchObject({
      phase: 'active',
      outOfService: true,
      technician: { id: 'T07', name: '李工' },
    });
    // 暂停服务: the public cannot start a session while the technician is in.
    expect((await kiosk.call('session:start')).phase).toBe('attract');
    expect(kiosk.host.session.serving).toBe(false);
  });

  it('lists every configured device with status, transport, identity, counters and self-tests', async () => {
    const devices = (await kiosk.call('diag:devices')).map((d) => DiagDevice.parse(d));
    expect(devices.map((d) => d.deviceId).sort()).toEqual(kiosk.config.devices.map((d) => d.id).sort());
    const printer = devices.find((d) => d.family === 'escpos-printer')!;
    expect(printer).toMatchObject({
      health: 'online',
      condition: 'ready',
      simulated: true,
    });
    expect(typeof printer.model).toBe('string');
    expect(printer.selfTests.length).toBeGreaterThan(0);
    expect(Object.keys(printer.counters).length).toBeGreaterThan(0);
    const reader = devices.find((d) => d.family === 'id-card-reader')!;
    expect(reader.identity).toHaveProperty('samId');
  });

  it('runs a device self-test through its real driver, result by result, telling the technician what to do', async () => {
    const printer = kiosk.config.devices.find((d) => d.family === 'escpos-printer')!;
    const before = kiosk.receipts.length;
    const run = await kiosk.call('diag:runSelfTests', { deviceId: printer.id });
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.every((r) => r.outcome !== 'fail')).toBe(true);
    // The test slip really came out of the simulated printer (Chinese text and QR).
    expect(kiosk.receipts.length).toBeGreaterThan(before);
    await expect(
      kiosk.call('diag:runSelfTests', { deviceId: printer.id, tests: ['no.such.test'] }),
    ).rejects.toMatchObject({ code: 'invalidArgument' });
    // Paper out on the simulator: the status self-test fails and names why.
    kiosk.sim<{ paper(state: 'out' | 'ok'): void }>('receiptPrinter').paper('out');
    await kiosk.until(
      (k) => k.registry.devices.find((d) => d.device.id === printer.id)!.device.condition() === 'paperOut',
      'paper out',
    );
    const out = await kiosk.call('diag:runSelfTests', { deviceId: printer.id, tests: [run.results[0]!.id] });
    expect(out.results[0]).toMatchObject({ outcome: 'fail' });
    kiosk.sim<{ paper(state: 'out' | 'ok'): void }>('receiptPrinter').paper('ok');
  });

  it('leaves: service resumes, and the audit trail names the technician for entry, actions and exit', async () => {
    expect(await kiosk.call('diag:exit')).toEqual({ phase: 'off', outOfService: false });
    expect((await kiosk.call('session:start')).phase).toBe('browsing');
    const before = kiosk.ended.length;
    await kiosk.call('session:cancel');
    await leave(kiosk, before);
    const trail = kiosk.host.diagnostics.audit.all().map((a) => `${a.action}:${a.technician?.id ?? '-'}`);
    expect(trail).toEqual(
      expect.arrayContaining([
        'request:-',
        'pinWrong:T07',
        'enter:T07',
        'devices:T07',
        'selfTests:T07',
        'exit:T07',
      ]),
    );
  });
});

describe('yizhan diag on the machine', () => {
  it('waits for the citizen being served, then has the terminal; its connection dropping lets it out', async () => {
    await begin(kiosk, 'social-insurance-certificate');
    const cli = await cliConsole();
    expect((await cli.call('diag:request', { trigger: 'gesture' })).value).toMatchObject({
      phase: 'pin',
      trigger: 'cli',
    });
    const pin = await cli.call('diag:pin', { technicianId: 'T07', pin: '135790' });
    expect(pin.value).toMatchObject({ outcome: 'accepted', mode: { phase: 'waiting', console: 'cli' } });
    // Still serving the citizen; the technician may do nothing yet.
    expect(kiosk.host.session.serving).toBe(true);
    expect((await cli.call('diag:devices')).error).toMatchObject({ code: 'forbidden' });
    const before = kiosk.ended.length;
    await kiosk.call('session:cancel');
    await leave(kiosk, before);
    await kiosk.until(
      () => cli.events.some((e) => e.event === 'diag:mode' && DiagMode.parse(e.payload).phase === 'active'),
      'active',
    );
    // The page's screen is not the technician's console now: it shows 暂停服务 and may not act.
    expect(await kiosk.call('diag:state')).toMatchObject({
      phase: 'active',
      console: 'cli',
      outOfService: true,
    });
    await expect(kiosk.call('diag:devices')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await cli.call('diag:devices')).ok).toBe(true);
    expect((await kiosk.call('session:start')).phase).not.toBe('browsing');
    expect(kiosk.host.session.serving).toBe(false);
    cli.socket.destroy();
    await kiosk.until(() => kiosk.host.diagnostics.mode.view().phase === 'off', 'service resumed');
    expect(kiosk.host.session.accepting).toBe(true);
  });
});
