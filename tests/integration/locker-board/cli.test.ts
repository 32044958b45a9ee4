import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runYizhan, startYizhan, type LongRunning } from '../../helpers/locker-cli';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-locker-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['8a', 'cu'] as const)(
  'yizhan sim locker + device locker as real processes (%s)',
  (protocol) => {
    const link = join(dir, `locker-${protocol}`);
    const board = protocol === '8a' ? 2 : 1;
    const silentBoard = protocol === '8a' ? 1 : 0;
    let sim: LongRunning;
    beforeAll(async () => {
      sim = startYizhan([
        'sim',
        'locker',
        '--link',
        link,
        '--protocol',
        protocol,
        '--boards',
        '2',
        '--doors',
        '12',
        '--close-after',
        '0',
        '--jammed',
        `${board}:5`,
        '--dead-sensor',
        `${board}:6`,
        '--silent-board',
        String(silentBoard),
      ]);
      expect(JSON.parse(await sim.firstLine)).toMatchObject({ ready: true, protocol, doors: 12 });
      return async () => {
        expect(await sim.stop()).toBe(0);
      };
    });

    it('opens a door and confirms it open', async () => {
      const r = await runYizhan([
        'device',
        'locker',
        'open',
        '--port',
        link,
        '--board',
        String(board),
        '--door',
        '3',
        '--protocol',
        protocol,
        '--doors',
        '12',
        '--json',
      ]);
      expect(JSON.parse(r.stdout)).toEqual({ board, door: 3, opened: true, error: null });
      expect(r.code).toBe(0);
    });

    it('reports a jammed door with its detail and a non-zero exit', async () => {
      const r = await runYizhan([
        'device',
        'locker',
        'open',
        '--port',
        link,
        '--board',
        String(board),
        '--door',
        '5',
        '--protocol',
        protocol,
        '--doors',
        '12',
        '--timeout-ms',
        '800',
        '--json',
      ]);
      expect(JSON.parse(r.stdout)).toMatchObject({
        board,
        door: 5,
        opened: false,
        error: { code: 'hardware', detail: 'doorJammed' },
      });
      expect(r.code).toBe(1);
    });

    it.each([
      ['a dead door sensor', () => board, 6, { code: 'hardware', detail: 'doorDidNotOpen' }],
      [
        'a board that does not answer',
        () => silentBoard,
        1,
        { code: 'timeout', detail: 'boardNotAnswering' },
      ],
    ])('reports %s as not opened', async (_what, boardOf, door, error) => {
      const b = boardOf();
      const r = await runYizhan([
        'device',
        'locker',
        'open',
        '--port',
        link,
        '--board',
        String(b),
        '--door',
        String(door),
        '--protocol',
        protocol,
        '--doors',
        '12',
        '--timeout-ms',
        '800',
        '--json',
      ]);
      expect(JSON.parse(r.stdout)).toMatchObject({ board: b, door, opened: false, error });
      expect(r.code).toBe(1);
    });

    it('prints the doors of a board, including a door forced open through the simulator console', async () => {
      const forced = sim.printed(/"done":"force"/);
      sim.write(`force ${board} 9`);
      await forced;
      const r = await runYizhan([
        'device',
        'locker',
        'status',
        '--port',
        link,
        '--board',
        String(board),
        '--protocol',
        protocol,
        '--doors',
        '12',
        '--json',
      ]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as {
        board: number;
        doors: { door: number; state: string; itemPresent: boolean | null }[];
      };
      expect(out.board).toBe(board);
      expect(out.doors).toHaveLength(12);
      expect(out.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([3, 9]);
      expect(out.doors[0]!.itemPresent).toBe(protocol === 'cu' ? false : null);
    });
  },
);

describe('yizhan device locker without a device', () => {
  it('answers with notConnected when the port does not exist', async () => {
    const r = await runYizhan([
      'device',
      'locker',
      'open',
      '--port',
      join(dir, 'absent'),
      '--board',
      '1',
      '--door',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ opened: false, error: { code: 'notConnected' } });
  });

  it('refuses a board address the protocol cannot carry before sending anything', async () => {
    const r = await runYizhan([
      'device',
      'locker',
      'open',
      '--port',
      join(dir, 'absent'),
      '--board',
      '16',
      '--door',
      '1',
      '--protocol',
      'cu',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      board: 16,
      door: 1,
      opened: false,
      error: { code: 'invalidArgument', detail: 'badAddress' },
    });
  });
});
