// Issue #8's device and configuration items, each through the real `yizhan` command.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runYizhan, startYizhan } from '../../helpers/locker-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-h1-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
};

describe('yizhan start refuses a configuration it cannot use: file, path, what was expected, no stack', () => {
  const sim = { kind: 'simulated' };
  it.each([
    ['garbage', () => file('garbage.json', 'garbage\n'), /\n {2}JSON \(Unexpected token/],
    ['a missing file', () => path.join(dir, 'missing.json'), /\n {2}the file does not exist$/],
    [
      'an invalid transport',
      () =>
        file(
          'transport.json',
          JSON.stringify({ devices: [{ id: 'id-1', family: 'id-card-reader', transport: { kind: 'usb' } }] }),
        ),
      /\n {2}devices\[0\]\.transport\.kind: expected one of 'simulated' \| 'serial'/,
    ],
    [
      'a misspelt cabinet key',
      () =>
        file(
          'cabinet.json',
          JSON.stringify({
            devices: [
              { id: 'id-1', family: 'id-card-reader', transport: sim },
              { id: 'rp-1', family: 'escpos-printer', transport: sim },
              { id: 'a4-1', family: 'a4-printer', transport: sim },
              { id: 'lk-1', family: 'locker-board', transport: sim, options: { cabinet: { bords: [1] } } },
            ],
          }),
        ),
      /\n {2}devices\[3\] \(lk-1\)\.options\.cabinet\.bords: unknown option \(did you mean "boards"\?\)/,
    ],
    [
      '{} (no devices at all)',
      () => file('empty.json', '{}'),
      /no device serves idCard, receiptPrinter, a4Printer/,
    ],
  ])('%s', async (_what, config, expected) => {
    const f = config();
    const r = await runYizhan(['start', '--no-browser', '--config', f, '--data-dir', path.join(dir, 'data')]);
    expect(r.code).toBe(78);
    expect(r.stderr.trimEnd()).toMatch(new RegExp(`^invalid kiosk configuration in ${f}:`));
    expect(r.stderr.trimEnd()).toMatch(expected);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(r.stdout).toBe('');
  });
});

describe('a serial port that cannot be opened: one wording, the OS reason, at once, in every family', () => {
  const port = '/dev/ttyUSB9';
  const wording = `无法打开端口 / cannot open serial port ${port}: No such file or directory`;
  it.each([
    ['device idcard read', ['device', 'idcard', 'read', '--port', port, '--timeout-ms', '60000', '--json']],
    ['device printer status', ['device', 'printer', 'status', '--port', port, '--json']],
    ['device scanner listen', ['device', 'scanner', 'listen', '--port', port, '--count', '1', '--json']],
  ])('%s', async (_what, args) => {
    // --timeout-ms 60000: an answer within the test's time can only be the open failing at once.
    const r = await runYizhan(args, 20_000);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: { code: 'notConnected', message: wording, detail: 'portUnavailable' },
    });
  });

  it('device locker open', async () => {
    const r = await runYizhan(['device', 'locker', 'open', '--port', port, '--door', '1', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      board: 1,
      door: 1,
      opened: false,
      error: { code: 'notConnected', message: wording, detail: 'portUnavailable' },
    });
  });
});

describe('personal data and protocol hints', () => {
  it('device idcard read --json masks name and ID number and leaves out photo and address unless --reveal', async () => {
    const link = path.join(dir, 'reader');
    const sim = startYizhan(['sim', 'idcard', '--link', link, '--card', 'rareName']);
    try {
      await sim.firstLine;
      const r = await runYizhan(['device', 'idcard', 'read', '--port', link, '--json'], 30_000);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(out).toMatchObject({
        cardType: 'resident',
        name: '龚*',
        idNumber: '320102********1239',
        masked: true,
      });
      expect(Object.keys(out)).not.toEqual(expect.arrayContaining(['photoWlt']));
      expect(r.stdout).not.toMatch(/䶮|320102199003071239|江苏省|1990-03-07/);
      const plain = await runYizhan(['device', 'idcard', 'read', '--port', link], 30_000);
      expect(plain.stdout).toMatch(/^resident 龚\* 320102\*{8}1239 /);
      const revealed = await runYizhan(
        ['device', 'idcard', 'read', '--port', link, '--json', '--reveal'],
        30_000,
      );
      expect(JSON.parse(revealed.stdout)).toMatchObject({ name: '龚䶮', idNumber: '320102199003071239' });
    } finally {
      await sim.stop();
    }
  }, 90_000);

  it('device locker open --protocol cu against an 8A board hints at the protocol the board answers in', async () => {
    const link = path.join(dir, 'locker-8a');
    const sim = startYizhan(['sim', 'locker', '--link', link, '--protocol', '8a']);
    try {
      expect(JSON.parse(await sim.firstLine)).toMatchObject({ ready: true, protocol: '8a', boards: [1] });
      const r = await runYizhan(
        [
          'device',
          'locker',
          'open',
          '--port',
          link,
          '--protocol',
          'cu',
          '--door',
          '2',
          '--timeout-ms',
          '600',
          '--json',
        ],
        30_000,
      );
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        board: 1,
        door: 2,
        opened: false,
        error: {
          code: 'timeout',
          detail: 'boardNotAnswering',
          hint: 'a board answers in the 8a protocol at address 1 (9600 baud): try --protocol 8a --board 1',
        },
      });
      // And the right protocol opens the door.
      const ok = await runYizhan([
        'device',
        'locker',
        'open',
        '--port',
        link,
        '--protocol',
        '8a',
        '--door',
        '2',
        '--json',
      ]);
      expect(JSON.parse(ok.stdout)).toMatchObject({ opened: true });
    } finally {
      await sim.stop();
    }
  }, 60_000);
});
