import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceError, MemoryLogger, TransportClosedError } from '../core';
import { ensurePcscd, type PrivatePcscd } from '../../tests/helpers/pcsc';
import { loadProfile, virtualCard, waitUntil } from '../../tests/helpers/pcsc-cards';
import { PcscTransport } from './pcsc';

/** PcscTransport against a real pcscd (private namespace) with vpcd and a virtual card. */
let pcscd: PrivatePcscd;
let transport: PcscTransport;
const events: string[] = [];

beforeAll(async () => {
  pcscd = ensurePcscd();
  transport = new PcscTransport({ socketPath: pcscd.socketPath, initialBackoffMs: 100, maxBackoffMs: 400 });
  transport.onReaderChange((e) => events.push(`${e.change}:${e.reader}`));
  transport.onCardChange((e) =>
    events.push(`${e.change}:${e.reader}${e.atr ? `:${Buffer.from(e.atr).toString('hex')}` : ''}`),
  );
  await waitUntil(() => transport.readers().length === 2, 10_000, 'readers');
});

afterAll(async () => {
  await transport.close();
  pcscd.stop();
});

describe('PcscTransport over pcscd + vpcd', () => {
  const [slot0, slot1] = ['Virtual PCD 00 00', 'Virtual PCD 00 01'];

  it('announces both vpcd readers', () => {
    expect(transport.readers()).toEqual([slot0, slot1]);
    expect(events).toEqual([`attached:${slot0}`, `attached:${slot1}`]);
  });

  it('maps an empty reader and an unknown reader to typed errors', async () => {
    await expect(transport.connect(slot0)).rejects.toMatchObject({
      name: 'DeviceError',
      code: 'noMedia',
      detail: 'cardAbsent',
    });
    await expect(transport.connect('No Such Reader')).rejects.toBeInstanceOf(TransportClosedError);
    await expect(transport.transmit(slot0, Uint8Array.of(0, 0xa4, 4, 0))).rejects.toBeInstanceOf(
      TransportClosedError,
    );
  });

  it('reports insert with the ATR, connects (T=1), transmits, disconnects, reports removal', async () => {
    const profile = loadProfile('ssc-gen1');
    const card = virtualCard(pcscd, profile, 1);
    await card.insert();
    await waitUntil(() => transport.cardPresent(slot1), 5_000, 'card present');
    expect(events).toContain(`inserted:${slot1}:${profile.atr.toLowerCase()}`);
    const atr = await transport.connect(slot1);
    expect(Buffer.from(atr).toString('hex').toUpperCase()).toBe(profile.atr.toUpperCase());
    const res = await transport.transmit(
      slot1,
      Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex'),
    );
    expect(Buffer.from(res.subarray(-2)).toString('hex')).toBe('9000');
    const unknown = await transport.transmit(slot1, Buffer.from('00A4040007F001020304050600', 'hex'));
    expect(Buffer.from(unknown).toString('hex')).toBe('6a82');
    await transport.disconnect(slot1);
    await card.remove();
    await waitUntil(() => !transport.cardPresent(slot1), 5_000, 'card absent');
    expect(events).toContain(`removed:${slot1}`);
  });

  it('maps a transmit to a card that left into a DeviceError or TransportClosedError, never a raw error', async () => {
    const card = virtualCard(pcscd, loadProfile('ssc-gen1'), 1);
    await card.insert();
    await waitUntil(() => transport.cardPresent(slot1), 5_000, 'card present');
    await transport.connect(slot1);
    await card.remove();
    await waitUntil(() => !transport.cardPresent(slot1), 5_000, 'card absent');
    const err = await transport.transmit(slot1, Uint8Array.of(0, 0xb2, 1, 0x2c, 0x12)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err instanceof DeviceError || err instanceof TransportClosedError).toBe(true);
    await transport.disconnect(slot1);
  });

  it('recreates the context after pcscd goes away and re-announces the readers', async () => {
    events.length = 0;
    pcscd.stopDaemon();
    await waitUntil(() => transport.readers().length === 0, 5_000, 'readers detached');
    expect(events.sort()).toEqual([`detached:${slot0}`, `detached:${slot1}`]);
    // While pcscd is down the event loop keeps turning (no native busy-wait on a missing daemon):
    // a blocked loop would never get through these turns.
    for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
    pcscd.startDaemon();
    await waitUntil(() => transport.readers().length === 2, 10_000, 'readers re-attached');
    expect(events.filter((e) => e.startsWith('attached')).sort()).toEqual([
      `attached:${slot0}`,
      `attached:${slot1}`,
    ]);
  });

  it('comes back after a fast pcscd restart (no gap to observe) and talks to a card again', async () => {
    events.length = 0;
    pcscd.startDaemon(); // restart-daemon: stop and start at once
    await waitUntil(
      () => events.filter((e) => e.startsWith('attached')).length === 2,
      15_000,
      'readers re-attached after the restart',
    );
    expect(events.filter((e) => e.startsWith('detached')).sort()).toEqual([
      `detached:${slot0}`,
      `detached:${slot1}`,
    ]);
    const card = virtualCard(pcscd, loadProfile('ssc-gen1'), 0);
    await card.insert();
    try {
      await waitUntil(() => transport.cardPresent(slot0), 5_000, 'card present');
      await transport.connect(slot0);
      const res = await transport.transmit(
        slot0,
        Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex'),
      );
      expect(Buffer.from(res.subarray(-2)).toString('hex')).toBe('9000');
      await transport.disconnect(slot0);
    } finally {
      await card.remove();
    }
    await waitUntil(() => !transport.cardPresent(slot0), 5_000, 'card absent');
  });

  it('notices pcscd crashing (SIGKILL leaves its socket file behind) and recovers when it is back', async () => {
    events.length = 0;
    process.kill(Number(readFileSync(`${pcscd.dir}/pcscd.pid`, 'utf8')), 'SIGKILL');
    await waitUntil(() => transport.readers().length === 0, 5_000, 'readers detached after the crash');
    pcscd.startDaemon();
    await waitUntil(() => transport.readers().length === 2, 15_000, 'readers back after the crash');
    expect(events.filter((e) => e.startsWith('attached')).sort()).toEqual([
      `attached:${slot0}`,
      `attached:${slot1}`,
    ]);
  });

  it('starts without a daemon and picks it up when it appears', async () => {
    pcscd.stopDaemon();
    const log = new MemoryLogger();
    const late = new PcscTransport({
      socketPath: pcscd.socketPath,
      initialBackoffMs: 100,
      maxBackoffMs: 300,
      log,
    });
    try {
      await waitUntil(
        () => log.lines.some((l) => l.event === 'pcsc.daemonUnreachable'),
        10_000,
        'the missing daemon noticed',
      );
      expect(late.readers()).toEqual([]);
      pcscd.startDaemon();
      await waitUntil(() => late.readers().length === 2, 10_000, 'readers on the late transport');
    } finally {
      await late.close();
    }
  });
});
