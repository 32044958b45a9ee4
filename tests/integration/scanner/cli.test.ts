import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runYizhan, startYizhan } from '../../helpers/scanner-cli';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-scanner-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WANGZHENG = '网证CTID:一码办/张*丰/110105********1234';

describe('yizhan sim scanner + device scanner listen as real processes', () => {
  it('configures the scanner, then prints one JSON line per scripted scan and exits 0 after N', async () => {
    const link = join(dir, 'scripted');
    const sim = startYizhan([
      'sim',
      'scanner',
      '--link',
      link,
      '--aim',
      '--scan',
      WANGZHENG,
      '--scan',
      'SF1234567890',
      '--interval',
      '100',
    ]);
    try {
      expect(JSON.parse(await sim.firstLine)).toMatchObject({ ready: true, link });
      const r = await runYizhan([
        'device',
        'scanner',
        'listen',
        '--port',
        link,
        '--count',
        '2',
        '--aim',
        '--json',
      ]);
      expect(r.code).toBe(0);
      expect(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown),
      ).toEqual([
        { text: WANGZHENG, symbology: 'qr' },
        { text: 'SF1234567890', symbology: 'code128' },
      ]);
    } finally {
      expect(await sim.stop()).toBe(0);
    }
  });

  it('scans lines typed on the simulator stdin, in GBK when the listener asks for GBK', async () => {
    const link = join(dir, 'stdin');
    const sim = startYizhan(['sim', 'scanner', '--link', link]);
    try {
      await sim.firstLine;
      const listen = startYizhan([
        'device',
        'scanner',
        'listen',
        '--port',
        link,
        '--count',
        '1',
        '--encoding',
        'gbk',
      ]);
      await listen.printed(/configured/, 'stderr', true);
      sim.write('一码办 受理编号 2026112300017');
      expect(await listen.exited).toBe(0);
      expect(listen.output().stdout).toBe('一码办 受理编号 2026112300017\t(unknown)\n');
    } finally {
      await sim.stop();
    }
  });

  it('stops listening with notConnected when the scanner goes away mid-listen', async () => {
    const link = join(dir, 'pulled');
    const sim = startYizhan(['sim', 'scanner', '--link', link]);
    await sim.firstLine;
    const listen = startYizhan(['device', 'scanner', 'listen', '--port', link, '--count', '2']);
    await listen.printed(/configured/, 'stderr', true);
    const scanned = listen.printed(/SF1234567890/);
    sim.write('SF1234567890');
    await scanned;
    expect(await sim.stop()).toBe(0); // the simulator exits and its pty pair vanishes
    expect(await listen.exited).toBe(1);
    expect(listen.output().stderr).toContain('notConnected');
  });

  it('answers with a JSON error and exit 1 when the port does not exist', async () => {
    const r = await runYizhan([
      'device',
      'scanner',
      'listen',
      '--port',
      join(dir, 'absent'),
      '--count',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: { code: 'notConnected', detail: 'portUnavailable' },
    });
  });
});
