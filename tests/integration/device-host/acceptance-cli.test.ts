// `yizhan device locker acceptance` as a technician runs it on the bench: against `yizhan sim locker`
// on a pty (where a simulated person closes every opened door), one line per check, exit 0; with a
// jammed test door, exit 1 naming the check. Real processes, real serial ports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runYizhan, startYizhan } from '../../helpers/locker-cli';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-acceptance-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function againstSimulator(name: string, simArgs: string[]) {
  const link = join(dir, name);
  const sim = startYizhan([
    'sim',
    'locker',
    '--link',
    link,
    '--doors',
    '4',
    '--close-after',
    '300',
    ...simArgs,
  ]);
  try {
    await sim.firstLine;
    return await runYizhan(
      ['device', 'locker', 'acceptance', '--port', link, '--doors', '4', '--patience-ms', '10000', '--json'],
      120_000,
    );
  } finally {
    await sim.stop();
  }
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as { id?: string; outcome?: string; key?: string; passed?: boolean; failed?: string[] },
    );

describe('yizhan device locker acceptance', () => {
  it('passes every check against the simulated cabinet, one line each, exit 0', async () => {
    const r = await againstSimulator('ok', []);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, 3).map((l) => [l.id, l.outcome])).toEqual([
      ['locker.boards', 'pass'],
      ['locker.sensors', 'pass'],
      ['locker.open', 'pass'],
    ]);
    expect(out[3]).toMatchObject({ passed: true, failed: [] });
    expect(r.stderr).toContain('请关上 1 号板 1 号门 / close door 1 of board 1');
  }, 180_000);

  it('fails naming the check when the test door is jammed, exit 1', async () => {
    const r = await againstSimulator('jammed', ['--jammed', '1:1']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out.find((l) => l.id === 'locker.open')).toMatchObject({
      outcome: 'fail',
      key: 'diag.locker.doorJammed',
    });
    expect(out.at(-1)).toMatchObject({ passed: false, failed: ['locker.open'] });
  }, 180_000);
});
