import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../../devices/id-card-reader';
import { createPtyPair, type PtyPair } from '../../../devices/transports';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'yizhan.mjs');

let sim: ChildProcess | undefined;
let pair: PtyPair | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (sim && sim.exitCode === null) {
    const exited = new Promise((res) => sim!.once('exit', res));
    sim.kill('SIGTERM');
    await exited;
  }
  await pair?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sim = pair = dir = undefined;
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function startSim(args: string[]): Promise<string> {
  const p = (sim = spawn(process.execPath, [BIN, 'sim', 'idcard', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  }));
  return new Promise((resolve, reject) => {
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/listening on/.test(err)) resolve(err);
    });
    p.on('exit', (code) => reject(new Error(`sim exited with ${code}: ${err}`)));
  });
}

describe('yizhan sim idcard + yizhan device idcard read, as real processes', () => {
  it('reads the card file served at 9600 baud, probing the rate, and prints the JSON contract', async () => {
    dir = mkdtempSync(join(tmpdir(), 'yizhan-idcard-cli-'));
    const port = join(dir, 'reader');
    const cardFile = join(dir, 'card.json');
    writeFileSync(cardFile, JSON.stringify(SAMPLE_CARDS.foreign2017));
    const banner = await startSim(['--link', port, '--card', cardFile, '--baud', '9600']);
    expect(banner).toContain(port);

    const r = await run(['device', 'idcard', 'read', '--port', port, '--timeout-ms', '10000', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      cardType: 'foreign2017',
      name: '史密斯',
      nameEn: 'SMITH, JOHN',
      gender: 'male',
      birthDate: '1970-07-04',
      idNumber: 'USA110070070401',
      idNumberValid: true,
      authority: '1500',
      validFrom: '2017-09-01',
      validTo: '2027-09-01',
      nationality: 'USA',
      photoWlt: SAMPLE_CARDS.foreign2017.photoWlt,
      samId: '05.01-20240101-1234567890-0987654321',
    });

    // SIGTERM stops the simulator cleanly.
    const exited = new Promise<number | null>((res) => sim!.once('exit', (code) => res(code)));
    sim!.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('prints the error shape and exits non-zero when nothing answers', async () => {
    pair = await createPtyPair();
    const r = await run([
      'device',
      'idcard',
      'read',
      '--port',
      pair.devicePath,
      '--timeout-ms',
      '1500',
      '--json',
    ]);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'notConnected',
        message: expect.stringContaining('无应答') as string,
        detail: 'noAnswer',
      },
    });
  }, 60_000);
});
