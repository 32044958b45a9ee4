import { afterEach, describe, expect, it } from 'vitest';
import type { LockerEvents, LockerProtocolName } from '../../../devices/locker-board';
import { startLockerRig, type LockerRig } from '../../helpers/locker-rig';

let rig: LockerRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe.each<[LockerProtocolName, number, number]>([
  ['8a', 1, 2],
  ['cu', 0, 1],
])('locker driver ↔ simulator over a socat pty, protocol %s', (protocol, board, otherBoard) => {
  it('opens a door, confirms it open from the sensor, then sees it closed', async () => {
    rig = await startLockerRig(protocol);
    const opened: LockerEvents['doorOpened'][] = [];
    rig.driver.events.on('doorOpened', (e) => opened.push(e));
    const result = await rig.clock.run(rig.driver.open(board, 3));
    expect(result).toMatchObject({ board, door: 3 });
    expect(rig.sim.isOpen(board, 3)).toBe(true);
    expect(rig.sim.unlockCount(board, 3)).toBe(1);
    expect(opened).toEqual([{ board, door: 3, commanded: true }]);
    const doors = await rig.clock.run(rig.driver.readBoard(board));
    expect(doors[2]).toMatchObject({ door: 3, state: 'open', locked: false });
    expect(doors.filter((d) => d.state === 'open')).toHaveLength(1);

    const closed = rig.driver.waitClosed(board, 3, { timeoutMs: 2000 });
    // A person shuts the door 150 ms later; the driver sees it at its next poll.
    await rig.clock.advance(150);
    rig.sim.closeDoor(board, 3);
    await expect(rig.clock.run(closed)).resolves.toMatchObject({ door: 3, state: 'closed', locked: true });
    expect(rig.driver.boardStatus(board).current.health).toBe('online');
  });

  it('reports doorJammed when the lock fires but the door stays shut', async () => {
    rig = await startLockerRig(protocol);
    rig.sim.setJammed(board, 5);
    await expect(rig.clock.run(rig.driver.open(board, 5))).rejects.toMatchObject({
      code: 'hardware',
      detail: 'doorJammed',
    });
    expect(rig.sim.unlockCount(board, 5)).toBe(1); // never re-fired blindly
  });

  it('reports doorDidNotOpen when the sensor never shows the door open', async () => {
    rig = await startLockerRig(protocol);
    rig.sim.setDeadSensor(board, 2);
    await expect(rig.clock.run(rig.driver.open(board, 2))).rejects.toMatchObject({
      code: 'hardware',
      detail: 'doorDidNotOpen',
    });
    expect(rig.sim.isOpen(board, 2)).toBe(true); // physically open: exactly what the sensor cannot tell
  });

  it('raises forcedOpen for a door opened without a command, and doorClosed when it shuts', async () => {
    rig = await startLockerRig(protocol);
    const events: string[] = [];
    rig.driver.events.on('forcedOpen', (e) => events.push(`forced ${e.board}/${e.door}`));
    rig.driver.events.on('doorClosed', (e) => events.push(`closed ${e.board}/${e.door}`));
    rig.driver.start();
    const r = rig;
    await r.clock.until(() => r.driver.boardStatus(board).current.detail.doors.length > 0);
    r.sim.forceOpen(board, 7);
    await r.clock.until(() => events.length === 1);
    expect(r.driver.boardStatus(board).current.detail.forcedOpen).toEqual([7]);
    r.sim.closeDoor(board, 7);
    await r.clock.until(() => events.length === 2);
    expect(events).toEqual([`forced ${board}/7`, `closed ${board}/7`]);
    expect(rig.driver.boardStatus(board).current.detail.forcedOpen).toEqual([]);
  });

  it('marks a silent board noDevice after the debounce while the other board stays online', async () => {
    rig = await startLockerRig(protocol);
    await rig.clock.run(rig.driver.readBoard(board));
    await rig.clock.run(rig.driver.readBoard(otherBoard));
    expect(rig.driver.status.current.health).toBe('online');
    rig.sim.setBoardAnswering(otherBoard, false);
    await expect(rig.clock.run(rig.driver.readBoard(otherBoard))).rejects.toMatchObject({ code: 'timeout' });
    expect(rig.driver.boardStatus(otherBoard).current.health).toBe('online'); // one miss is not a loss
    await expect(rig.clock.run(rig.driver.readBoard(otherBoard))).rejects.toMatchObject({ code: 'timeout' });
    expect(rig.driver.boardStatus(otherBoard).current.health).toBe('noDevice');
    expect(rig.driver.status.current.health).toBe('hardwareError');
    await expect(rig.clock.run(rig.driver.open(otherBoard, 1))).rejects.toMatchObject({
      code: 'timeout',
      detail: 'boardNotAnswering',
    });
    expect((await rig.clock.run(rig.driver.readBoard(board))).length).toBe(16);
    rig.sim.setBoardAnswering(otherBoard, true);
    await rig.clock.run(rig.driver.readBoard(otherBoard));
    expect(rig.driver.status.current.health).toBe('online');
  });

  it('keeps one request on the bus while the sweep and opens on two boards run at once', async () => {
    rig = await startLockerRig(protocol);
    const opened: string[] = [];
    rig.driver.events.on('doorOpened', (e) => opened.push(`${e.board}/${e.door}/${e.commanded}`));
    rig.driver.start();
    const results = await rig.clock.run(
      Promise.all([
        rig.driver.open(board, 3),
        rig.driver.open(otherBoard, 4),
        rig.driver.readBoard(board),
        rig.driver.open(otherBoard, 6),
        rig.driver.readBoard(otherBoard),
      ]),
    );
    expect(results[0]).toMatchObject({ board, door: 3 });
    expect(results[1]).toMatchObject({ board: otherBoard, door: 4 });
    expect(results[3]).toMatchObject({ board: otherBoard, door: 6 });
    expect(rig.sim.requestsSeen).toBeGreaterThan(8);
    expect(rig.sim.collisions).toBe(0);
    expect(opened.sort()).toEqual([`${board}/3/true`, `${otherBoard}/4/true`, `${otherBoard}/6/true`].sort());
    expect(rig.driver.boardStatus(board).current.detail.forcedOpen).toEqual([]);
  });

  it('sees a door close by itself after the scripted delay', async () => {
    rig = await startLockerRig(protocol, { sim: { autoCloseMs: 300 } });
    const closed: number[] = [];
    rig.driver.events.on('doorClosed', (e) => closed.push(e.door));
    await rig.clock.run(rig.driver.open(board, 8));
    await expect(rig.clock.run(rig.driver.waitClosed(board, 8, { timeoutMs: 3000 }))).resolves.toMatchObject({
      door: 8,
      state: 'closed',
    });
    expect(closed).toEqual([8]);
    expect(rig.sim.isOpen(board, 8)).toBe(false);
  });

  it('reports doorLeftOpen when nobody closes the door in time', async () => {
    rig = await startLockerRig(protocol);
    await rig.clock.run(rig.driver.open(board, 9));
    await expect(rig.clock.run(rig.driver.waitClosed(board, 9, { timeoutMs: 300 }))).rejects.toMatchObject({
      code: 'userAction',
      detail: 'doorLeftOpen',
    });
  });

  it('opens every door of a board one at a time for maintenance', async () => {
    rig = await startLockerRig(protocol, { config: { doorsPerBoard: 4 } });
    rig.sim.setJammed(board, 2);
    const results = await rig.clock.run(rig.driver.openAllStaggered(board, { gapMs: 10 }));
    expect(results.map((r) => [r.door, r.opened, r.error?.detail ?? null])).toEqual([
      [1, true, null],
      [2, false, 'doorJammed'],
      [3, true, null],
      [4, true, null],
    ]);
    for (const d of [1, 3, 4]) expect(rig.sim.unlockCount(board, d)).toBe(1);
  });
});

describe('locker specifics', () => {
  it('reads CU item-present IR sensors and reports their changes', async () => {
    rig = await startLockerRig('cu');
    const changes: LockerEvents['itemPresent'][] = [];
    rig.driver.events.on('itemPresent', (e) => changes.push(e));
    expect((await rig.clock.run(rig.driver.readBoard(0)))[8]?.itemPresent).toBe(false);
    rig.sim.setItemPresent(0, 9, true);
    expect((await rig.clock.run(rig.driver.readBoard(0)))[8]).toMatchObject({ door: 9, itemPresent: true });
    expect(changes).toEqual([{ board: 0, door: 9, present: true }]);
  });

  it('has no item sensors on 8A boards', async () => {
    rig = await startLockerRig('8a');
    expect((await rig.clock.run(rig.driver.readBoard(1)))[0]?.itemPresent).toBeNull();
  });

  it('follows the cabinet polarity and bitmap calibration ("11" wired as closed, low group first)', async () => {
    const calibration = {
      feedbackActiveMeans: 'closed',
      groupOrder: 'lowFirst',
      bitOrder: 'msbFirst',
    } as const;
    rig = await startLockerRig('8a', { config: { ...calibration, doorsPerBoard: 24 } });
    await rig.clock.run(rig.driver.open(1, 20));
    const doors = await rig.clock.run(rig.driver.readBoard(1));
    expect(doors.flatMap((d) => (d.state === 'open' ? [d.door] : []))).toEqual([20]);
  });

  it('misreads every door when the polarity is calibrated wrongly, which is why it is a setting', async () => {
    rig = await startLockerRig('8a', { sim: { feedbackActiveMeans: 'closed' } });
    const doors = await rig.clock.run(rig.driver.readBoard(1));
    expect(doors.every((d) => d.state === 'open')).toBe(true);
  });
});
