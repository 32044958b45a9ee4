/**
 * The locker cabinet's self-tests, in the order the acceptance suite runs them (house style
 * 5.5-12): every board answers, the door sensors read, and one chosen door opens, is seen open by
 * its sensor, and is seen closed again when a person shuts it.
 */
import { isDeviceError, type SelfTest } from '../core';
import type { LockerCabinetDriver } from './driver';

/** The cabinet under test and the door a technician chose for the open test. */
export interface TestableCabinet {
  driver: LockerCabinetDriver;
  testDoor: { board: number; door: number };
}

const failKey = (err: unknown) => `diag.locker.${isDeviceError(err) ? (err.detail ?? err.code) : 'failed'}`;

export const lockerSelfTests: SelfTest<TestableCabinet>[] = [
  {
    id: 'locker.boards',
    title: 'diag.locker.boards',
    kind: 'check',
    async run({ device: { driver }, signal }) {
      const silent: number[] = [];
      for (const board of driver.config.boards) {
        try {
          await driver.readBoard(board, signal);
        } catch (err) {
          if (signal?.aborted) throw err;
          silent.push(board);
        }
      }
      return silent.length === 0
        ? { outcome: 'pass', data: { boards: driver.config.boards } }
        : { outcome: 'fail', key: 'diag.locker.boardNotAnswering', data: { boards: silent } };
    },
  },
  {
    id: 'locker.sensors',
    title: 'diag.locker.sensors',
    kind: 'check',
    async run({ device: { driver, testDoor }, signal }) {
      const doors = await driver.readBoard(testDoor.board, signal);
      const open = doors.filter((d) => d.state === 'open').map((d) => d.door);
      // Every door shut before the test is what a cabinet at rest reports; an open one is worth a look.
      return open.length === 0
        ? { outcome: 'pass', data: { doors: doors.length } }
        : { outcome: 'warn', key: 'diag.locker.doorsOpen', data: { board: testDoor.board, open } };
    },
  },
  {
    id: 'locker.open',
    title: 'diag.locker.open',
    kind: 'action',
    async run({ device: { driver, testDoor }, operator, signal }) {
      const { board, door } = testDoor;
      try {
        const opened = await driver.open(board, door, signal);
        await operator.ask({ kind: 'closeDoor', board, door });
        await driver.waitClosed(board, door, {
          timeoutMs: operator.patienceMs,
          ...(signal ? { signal } : {}),
        });
        return {
          outcome: 'pass',
          data: { board, door, confirmedAfterMs: Math.round(opened.confirmedAfterMs) },
        };
      } catch (err) {
        if (signal?.aborted) throw err;
        return { outcome: 'fail', key: failKey(err), data: { board, door } };
      }
    },
  },
];
