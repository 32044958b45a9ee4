import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { FrameAssembler, MemoryLogger } from '../core';
import { memoryPair } from '../transports/memory';
import { defaultCabinetConfig } from './config';
import { LockerCabinetDriver } from './driver';
import { createLockerProtocol } from './protocol';
import { LockerCabinetSimulator } from './simulator';

const fast = { openTimeoutMs: 400, pollIntervalMs: 20, replyTimeoutMs: 100, missesBeforeNoDevice: 2 };

async function withSimulator() {
  const [host, far] = memoryPair();
  await host.open();
  await far.open();
  const config = defaultCabinetConfig('8a', { boards: [1], ...fast });
  const clock = testClock();
  const sim = new LockerCabinetSimulator(far, {
    protocol: '8a',
    boards: [1],
    doorsPerBoard: 16,
    feedbackActiveMeans: config.feedbackActiveMeans,
    springMs: 10,
    autoCloseMs: null,
    baudRate: 1_000_000,
    clock,
  });
  return {
    driver: new LockerCabinetDriver(host, { deviceId: 'cab', ...config }, new MemoryLogger(), clock),
    sim,
    host,
    clock,
  };
}

describe('LockerCabinetDriver', () => {
  it('rejects unknown boards and doors as invalidArgument without touching the bus', async () => {
    const { driver, sim } = await withSimulator();
    await expect(driver.open(9, 1)).rejects.toMatchObject({
      code: 'invalidArgument',
      detail: 'unknownBoard',
    });
    await expect(driver.open(1, 17)).rejects.toMatchObject({
      code: 'invalidArgument',
      detail: 'unknownDoor',
    });
    expect(sim.requestsSeen).toBe(0);
  });

  it('refuses at construction a board address the protocol cannot carry, or a duplicate', () => {
    const [host] = memoryPair();
    const make = (protocol: '8a' | 'cu', boards: number[]) => () =>
      new LockerCabinetDriver(host, { deviceId: 'cab', ...defaultCabinetConfig(protocol, { boards }) });
    expect(make('cu', [0, 16])).toThrow(/board address 16 is outside 0–15/);
    expect(make('8a', [0])).toThrow(/outside 1–32/);
    expect(make('cu', [1, 1])).toThrow(/unique/);
    expect(make('cu', [0, 15])).not.toThrow();
  });

  it('refuses an unknown protocol name instead of falling back to another board family', () => {
    const name = 'wkly' as unknown as '8a';
    expect(() => defaultCabinetConfig(name)).toThrow(/unknown locker protocol "wkly"/);
    expect(() => createLockerProtocol(name)).toThrow(RangeError);
  });

  it('turns a caller abort into canceled', async () => {
    const { driver, sim, clock } = await withSimulator();
    sim.setDeadSensor(1, 4);
    const controller = new AbortController();
    const opening = driver.open(1, 4, controller.signal);
    opening.catch(() => undefined);
    // 60 ms into the 400 ms the driver would wait for the sensor, the caller gives up.
    await clock.advance(60);
    controller.abort();
    await expect(opening).rejects.toMatchObject({ code: 'canceled' });
    expect(clock.monotonic()).toBe(60);
  });

  it('confirms the door from the sensor when the unlock acknowledgement is lost, without firing twice', async () => {
    // A far end that fires the coil but whose acknowledgement never arrives (bus noise).
    const [host, far] = memoryPair();
    await host.open();
    await far.open();
    const p = createLockerProtocol('8a');
    const open = new Set<number>();
    let unlocks = 0;
    const a = new FrameAssembler((b: Uint8Array) => p.decodeRequest(b));
    far.onData((chunk) => {
      for (const req of a.push(chunk)) {
        if (req.kind === 'unlock') {
          unlocks++;
          open.add(req.door);
        } else if (req.kind === 'boardStatus') {
          const feedback = Array.from({ length: 16 }, (_, i) => open.has(i + 1));
          void far.write(
            p.encodeReply({
              kind: 'boardStatus',
              board: req.board,
              bits: { feedback, itemPresent: undefined },
            }),
          );
        }
      }
    });
    const log = new MemoryLogger();
    const clock = testClock();
    const driver = new LockerCabinetDriver(
      host,
      { deviceId: 'cab', ...defaultCabinetConfig('8a', fast) },
      log,
      clock,
    );
    await expect(clock.run(driver.open(1, 6))).resolves.toMatchObject({ board: 1, door: 6 });
    expect(unlocks).toBe(1);
    expect(log.lines.some((l) => l.event === 'locker.unlockAckMissing')).toBe(true);
  });

  it('reports the link closing as notConnected and counts it against the board', async () => {
    const { driver, host, clock } = await withSimulator();
    await clock.run(driver.readBoard(1));
    host.unplug();
    await expect(driver.readBoard(1)).rejects.toMatchObject({ code: 'notConnected' });
    expect(driver.boardStatus(1).current.detail.consecutiveMisses).toBe(1);
  });

  it('counts a request sent while the bus is still busy as a collision (the instrument the bus tests rely on)', async () => {
    const { sim, host, clock } = await withSimulator();
    const p = createLockerProtocol('8a');
    // Two requests back to back, without waiting for the first reply: what a master must never do.
    await host.write(p.encodeRequest({ kind: 'boardStatus', board: 1 }));
    await host.write(p.encodeRequest({ kind: 'boardStatus', board: 1 }));
    await clock.advance(60);
    expect(sim.requestsSeen).toBe(2);
    expect(sim.collisions).toBe(1);
    // One at a time, each after its reply: no collision.
    const replies: Uint8Array[] = [];
    host.onData((c) => replies.push(c));
    for (let i = 0; i < 3; i++) {
      const before = replies.length;
      await host.write(p.encodeRequest({ kind: 'doorStatus', board: 1, door: 2 }));
      await clock.until(() => replies.length > before);
    }
    expect(sim.collisions).toBe(1);
  });
});
