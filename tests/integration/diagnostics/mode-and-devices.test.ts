// The diagnostics mode on the real host with every device simulated over its real protocol: entry
// by the page's gesture and by `yizhan diag`'s socket, waiting for the citizen being served, the
// public refused while the technician is in, the device list, and self-tests through the real drivers.
// The card reader is the real PC/SC stack (a private pcscd + vpcd) so a technician card is put in as
// a card is.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiagDevice, DiagMode } from '../../../main/ipc/contract/diagnostics';
import { diagSocket } from '../../../main/diagnostics/socket';
import { begin, leave } from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import { callApi, staffLogin, type TestService } from '../../helpers/outbox-service';
import { ensurePcscd, type PrivatePcscd } from '../../helpers/pcsc';
import { loadProfile, virtualCard } from '../../helpers/pcsc-cards';

vi.setConfig({ testTimeout: 60_000 });

const t = testDir('yizhan-diagnostics');
let bo: TestService;
let kiosk: Kiosk;
let pcscd: PrivatePcscd;
/** The number on fixtures/technician.json (T07's card). */
const T07_CARD = '9001000012345678';

beforeAll(async () => {
  pcscd = ensurePcscd();
  bo = await startBackoffice(t.dir);
  kiosk = await startKiosk({
    dir: t.dir,
    backoffice: bo,
    kioskId: 'hall-diag',
    pcsc: { socket: pcscd.socketPath, reader: pcscd.readers[0] },
  });
  await kiosk.host.diagnostics.technicians.put({ id: 'T07', name: '李工', pin: '135790', cards: [T07_CARD] });
}, 90_000);
afterAll(async () => {
  await kiosk?.stop();
  await bo?.stop();
  pcscd?.stop();
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

describe('a technician card in the PC/SC reader', () => {
  /** The next card decision the host makes (technician's or citizen's), once it is made. */
  function nextCardDecision(): Promise<boolean> {
    const d = kiosk.host.diagnostics;
    const original = d.cardPlaced.bind(d);
    return new Promise((resolve) => {
      vi.spyOn(d, 'cardPlaced').mockImplementationOnce(async (read) => {
        const claimed = await original(read);
        resolve(claimed);
        return claimed;
      });
    });
  }

  it('at the attract screen opens the PIN pad for the technician it names, audited; no session starts', async () => {
    const card = virtualCard(pcscd, loadProfile('technician'));
    const decided = nextCardDecision();
    await card.insert();
    await expect(decided).resolves.toBe(true);
    expect(kiosk.host.diagnostics.mode.view()).toMatchObject({
      phase: 'pin',
      trigger: 'card',
      technician: { id: 'T07', name: '李工' },
    });
    expect(kiosk.host.session.serving).toBe(false);
    // The card named the technician: the PIN alone lets them in.
    const ok = await kiosk.call('diag:pin', { pin: '135790' });
    expect(ok.mode).toMatchObject({ phase: 'active', technician: { id: 'T07' } });
    await kiosk.call('diag:exit');
    await card.remove();
    const trail = kiosk.host.diagnostics.audit.all().slice(-3);
    expect(trail.map((a) => `${a.action}:${a.technician?.id ?? '-'}`)).toEqual([
      'request:T07',
      'enter:T07',
      'exit:T07',
    ]);
    expect(trail[0]!.detail).toMatchObject({ trigger: 'card' });
  });

  it('a technician card not on file opens nothing; a citizen card after it still starts a session', async () => {
    // T07's card revoked: the card still says T07, but its number is no longer on file.
    await kiosk.host.diagnostics.technicians.put({ id: 'T07', name: '李工', pin: '135790' });
    const revoked = virtualCard(pcscd, loadProfile('technician'));
    const refused = nextCardDecision();
    await revoked.insert();
    await expect(refused).resolves.toBe(true);
    expect(kiosk.host.diagnostics.mode.view().phase).toBe('off');
    expect(kiosk.host.session.serving).toBe(false);
    expect(kiosk.host.diagnostics.audit.all().at(-1)).toMatchObject({
      action: 'cardRefused',
      detail: { claimed: 'T07' },
    });
    await revoked.remove();

    const citizen = virtualCard(pcscd, loadProfile('ssc-gen3'));
    const decided = nextCardDecision();
    await citizen.insert();
    await expect(decided).resolves.toBe(false);
    await kiosk.until((k) => k.host.session.serving, 'a session started by the card');
    const before = kiosk.ended.length;
    await kiosk.call('session:cancel');
    await citizen.remove();
    await kiosk.until((k) => k.ended.length > before, 'the session ended');
  });
});

describe('what the back office sees', () => {
  type Fleet = {
    kioskId: string;
    session: string | null;
    health: { checkedAt: string | null; verdict: string | null; offered: string[] } | null;
  }[];
  const fleet = async (query = '') =>
    callApi<Fleet>(`${bo.url}/api/v1/staff/kiosks${query}`, {
      token: await staffLogin(bo.url, 'technician'),
    });
  const mine = async () => (await fleet()).find((k) => k.kioskId === 'hall-diag');
  // Heartbeats are the kiosk's to send: ask until the back office has what the kiosk reported.
  const poll = { timeout: 15_000, interval: 100 };

  it('has the boot self-check and the services offered; maintenance while a technician is in; a fault in the per-service filter', async () => {
    const check = await kiosk.host.diagnostics.health();
    await expect
      .poll(async () => (await mine())?.health?.checkedAt, poll)
      .toBe(new Date(check.at).toISOString());
    const offered = kiosk.host.session
      .catalogueView()
      .services.filter((x) => x.available)
      .map((x) => x.serviceId);
    expect((await mine())?.health).toMatchObject({ verdict: check.verdict, offered });

    expect(await kiosk.call('diag:request', { trigger: 'gesture' })).toMatchObject({ phase: 'pin' });
    await kiosk.call('diag:pin', { technicianId: 'T07', pin: '135790' });
    await expect.poll(async () => (await mine())?.session, poll).toBe('maintenance');
    await kiosk.call('diag:exit');
    await expect.poll(async () => (await mine())?.session, poll).toBe('idle');

    // Paper out: the services that print are not offered, and the fleet's filter finds this kiosk.
    const printer = kiosk.sim<{ paper(state: 'out' | 'ok'): void }>('receiptPrinter');
    printer.paper('out');
    const lost = await kiosk.until((k) => {
      const off = k.host.session.catalogueView().services.find((x) => !x.available);
      return off?.serviceId;
    }, 'a service held back');
    await expect
      .poll(async () => (await fleet(`?cannotOffer=${lost}`)).map((k) => k.kioskId), poll)
      .toContain('hall-diag');
    printer.paper('ok');
    await expect
      .poll(async () => (await fleet(`?canOffer=${lost}`)).map((k) => k.kioskId), poll)
      .toContain('hall-diag');
  });
});
