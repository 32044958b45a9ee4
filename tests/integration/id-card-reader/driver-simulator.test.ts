import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceError } from '../../../devices/core';
import { maskIdNumber } from '../../../domain/identity';
import {
  SAMPLE_CARDS,
  type IdCardReaderDriver,
  type IdCardReaderEvents,
} from '../../../devices/id-card-reader';
import { openIdCardLink, type IdCardLink } from '../../helpers/idcard-link';

let link: IdCardLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
});

function record(driver: IdCardReaderDriver) {
  const seen: { event: keyof IdCardReaderEvents | 'error'; detail?: string; code?: string }[] = [];
  driver.events.on('cardInserted', () => seen.push({ event: 'cardInserted' }));
  driver.events.on('cardRead', () => seen.push({ event: 'cardRead' }));
  driver.events.on('cardRemoved', () => seen.push({ event: 'cardRemoved' }));
  driver.events.on('error', ({ error }) =>
    seen.push({ event: 'error', code: error.code, ...(error.detail ? { detail: error.detail } : {}) }),
  );
  return seen;
}

const nextError = (driver: IdCardReaderDriver): Promise<DeviceError> =>
  driver.events.next('error').then((e) => e.error);

describe('ID card driver ↔ simulator over a real socat pty pair', () => {
  it('reads a resident card with its extra address, once, and reports removal', async () => {
    link = await openIdCardLink();
    link.sim.placeCard(SAMPLE_CARDS.residentWithExtraAddress);
    const { driver, log } = link.driver();
    const seen = record(driver);
    driver.start();
    const r = await link.clock.run(driver.readOnce({ timeoutMs: 8000 }));
    expect(r).toMatchObject({
      cardType: 'resident',
      name: '李四',
      gender: 'female',
      nation: '蒙古',
      nationCode: '02',
      birthDate: '1976-08-05',
      idNumber: '110101197608056897',
      idNumberValid: true,
      validTo: '2036-03-01',
      extraAddress: '北京市海淀区示例大街3号',
      photoWlt: SAMPLE_CARDS.residentWithExtraAddress.photoWlt,
      samId: '05.01-20240101-1234567890-0987654321',
    });
    expect(driver.status.current).toMatchObject({
      health: 'online',
      detail: { baudRate: 115200, samId: '05.01-20240101-1234567890-0987654321', card: 'read' },
    });
    // The card stays on the reader: polled for presence all along, it is not read a second time.
    await link.clock.advance(5000);
    expect(seen.filter((s) => s.event === 'cardRead')).toHaveLength(1);

    const removed = driver.events.next('cardRemoved');
    link.sim.removeCard();
    await link.clock.run(removed);
    expect(driver.status.current.detail.card).toBe('absent');
    expect(seen.map((s) => s.event)).toEqual(['cardInserted', 'cardRead', 'cardRemoved']);

    // Placing it again reads it again.
    link.sim.placeCard(SAMPLE_CARDS.resident);
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 5000 }))).resolves.toMatchObject({
      name: '张三',
      validTo: '长期',
    });

    // Logs carry masked identity only.
    const text = JSON.stringify(log.lines);
    expect(text).not.toContain('110101197608056897');
    expect(text).not.toContain('李四');
    expect(text).toContain(maskIdNumber('110101197608056897'));
  });

  it('reads every card type with only the fields that apply', async () => {
    link = await openIdCardLink();
    const { driver } = link.driver();
    driver.start();
    for (const card of [SAMPLE_CARDS.hkmotw, SAMPLE_CARDS.foreign2017, SAMPLE_CARDS.foreign2023]) {
      link.sim.placeCard(card);
      const r = await link.clock.run(driver.readOnce({ timeoutMs: 8000 }));
      const { photoWlt: _p, ...expected } = card;
      expect(r).toMatchObject({ ...expected, idNumberValid: true });
      expect(r.nation).toBeUndefined();
      const removed = driver.events.next('cardRemoved');
      link.sim.removeCard();
      await link.clock.run(removed);
    }
  });

  it('probes 115200, gets nothing, and reads at 9600', async () => {
    link = await openIdCardLink({ baudRate: 9600 });
    link.sim.placeCard(SAMPLE_CARDS.resident);
    const dropped: number[] = [];
    link.sim.events.on('dropped', (d) => dropped.push(d.hostBaudRate));
    const { driver } = link.driver({ baudRate: 115200 });
    driver.start();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 10_000 }))).resolves.toMatchObject({
      name: '张三',
    });
    expect(dropped[0]).toBe(115200);
    expect(driver.status.current.detail.baudRate).toBe(9600);
  });

  it('noCard: a placed card that does not answer find is not read until the fault clears', async () => {
    link = await openIdCardLink();
    link.sim.setFault('noCard', true);
    link.sim.placeCard(SAMPLE_CARDS.resident);
    const { driver } = link.driver();
    const seen = record(driver);
    driver.start();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 1500 }))).rejects.toMatchObject({
      code: 'timeout',
      detail: 'noCard',
    });
    expect(seen).toEqual([]);
    link.sim.setFault('noCard', false);
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 5000 }))).resolves.toMatchObject({
      name: '张三',
    });
  });

  it.each([
    ['selectFail', 'userAction', 'selectFailed'],
    ['readFail', 'userAction', 'cardReadFailed'],
    ['checksumCorruption', 'protocol', 'checksumMismatch'],
  ] as const)('%s: reported as %s/%s, then the retry reads the card', async (fault, code, detail) => {
    link = await openIdCardLink();
    link.sim.setFault(fault, 1);
    const { driver } = link.driver();
    driver.start();
    const err = nextError(driver);
    const read = driver.readOnce({ timeoutMs: 8000 });
    link.sim.placeCard(SAMPLE_CARDS.resident);
    await expect(link.clock.run(err)).resolves.toMatchObject({ code, detail });
    await expect(link.clock.run(read)).resolves.toMatchObject({ name: '张三', idNumberValid: true });
    expect(driver.status.current.lastError).toMatchObject({ code, detail });
  });

  it('a persistent read failure surfaces from readOnce as that error', async () => {
    link = await openIdCardLink();
    link.sim.setFault('readFail', true);
    link.sim.placeCard(SAMPLE_CARDS.resident);
    const { driver } = link.driver();
    driver.start();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 2000 }))).rejects.toMatchObject({
      name: 'DeviceError',
      code: 'userAction',
      detail: 'cardReadFailed',
    });
  });

  it.each(['dribbledBytes', 'noiseBeforePreamble'] as const)('%s: frames still decode', async (fault) => {
    link = await openIdCardLink();
    link.sim.setFault(fault, true);
    link.sim.placeCard(SAMPLE_CARDS.foreign2023);
    const { driver, log, transport } = link.driver();
    const seen = record(driver);
    const chunkSizes: number[] = [];
    transport.onData((c) => chunkSizes.push(c.length));
    driver.start();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 10_000 }))).resolves.toMatchObject({
      nameEn: SAMPLE_CARDS.foreign2023.nameEn,
    });
    expect(seen.filter((s) => s.event === 'error')).toEqual([]);
    // Paced replies arrive in 32-byte writes (or the frame's remainder, never below 11 bytes here);
    // dribbled ones in 1–3 byte pieces, and the driver still reassembled every frame.
    if (fault === 'dribbledBytes') expect(chunkSizes.some((n) => n <= 3)).toBe(true);
    else expect(chunkSizes.some((n) => n <= 3)).toBe(false);
    if (fault === 'noiseBeforePreamble') {
      expect(log.lines.some((l) => l.event === 'frame.skipped' && l.fields.reason === 'noise')).toBe(true);
    }
  });

  it('unplug mid-read: reports the cut read, re-probes after replug and reads the card', async () => {
    link = await openIdCardLink({ rfReadDelayMs: 150 });
    const { driver, transport } = link.driver();
    const seen = record(driver);
    driver.start();
    await link.clock.until(() => driver.status.current.health === 'online');
    const l = link;
    // The pull is real I/O: clock time stands still from the pull until the driver's port sees it
    // closed, so a loaded machine cannot let the read finish or time out first.
    let pulling = false;
    const unwatch = link.clock.watch(() => pulling);
    transport.onClose(() => (pulling = false));
    const unplugged = new Promise<void>((resolve) => {
      const off = l.sim.events.on('command', ({ name }) => {
        if (name !== 'readBase') return;
        off();
        pulling = true;
        void l.unplug().then(resolve);
      });
    });
    link.sim.placeCard(SAMPLE_CARDS.resident);
    // Time runs until the read starts; the pull then arrives from the kernel.
    const err = await link.clock.run(nextError(driver));
    expect(err).toMatchObject({ code: 'notConnected', detail: 'linkLostDuringRead' });
    await unplugged;
    unwatch();
    expect(seen.filter((s) => s.event === 'cardRead')).toEqual([]);

    // Unplugged for 200 ms: the supervisor retries without finding the port.
    await link.clock.advance(200);
    const afterReplug: string[] = [];
    link.sim.events.on('command', ({ name }) => afterReplug.push(name));
    await link.replug();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 8000 }))).resolves.toMatchObject({
      name: '张三',
    });
    expect(afterReplug.slice(0, 2)).toEqual(['samStatus', 'readSamId']);
    expect(driver.status.current).toMatchObject({
      health: 'online',
      detail: { baudRate: 115200, card: 'read' },
    });
  });

  it('a short unplug is debounced; a long one reports noDevice, and both recover after replug', async () => {
    link = await openIdCardLink();
    const l = link;
    const { driver, transport } = link.driver({
      supervisor: { initialBackoffMs: 20, maxBackoffMs: 100, debounceMs: 1500 },
    });
    const health: string[] = [];
    driver.status.subscribe((s) => {
      if (health.at(-1) !== s.health) health.push(s.health);
    });
    const pulled = () => new Promise<void>((resolve) => transport.onClose(() => resolve()));
    driver.start();
    await l.clock.until(() => driver.status.current.health === 'online');
    health.length = 0;
    let closed = pulled();
    await l.unplug();
    await closed;
    await l.clock.advance(100);
    await l.replug();
    l.sim.placeCard(SAMPLE_CARDS.resident);
    await expect(l.clock.run(driver.readOnce({ timeoutMs: 8000 }))).resolves.toMatchObject({ name: '张三' });
    expect(health).not.toContain('noDevice');

    l.sim.removeCard();
    closed = pulled();
    await l.unplug();
    await closed;
    const pulledAt = l.clock.monotonic();
    await l.clock.until(() => driver.status.current.health === 'noDevice');
    expect(l.clock.monotonic() - pulledAt).toBe(1500);
    await l.replug();
    await l.clock.until(() => driver.status.current.health === 'online');
    expect(health.slice(-2)).toEqual(['noDevice', 'online']);
  });

  it('reports noDevice and notConnected/noAnswer when no reader answers at any rate', async () => {
    link = await openIdCardLink({ baudRate: 4800 });
    link.sim.placeCard(SAMPLE_CARDS.resident);
    const { driver } = link.driver();
    driver.start();
    await expect(link.clock.run(driver.readOnce({ timeoutMs: 1500 }))).rejects.toMatchObject({
      code: 'notConnected',
      detail: 'noAnswer',
    });
    expect(driver.status.current.health).toBe('noDevice');
  });
});
