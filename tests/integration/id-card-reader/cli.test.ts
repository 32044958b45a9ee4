import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/** Full personal data only with --reveal: these tests compare what the card holds. */
const read = (port: string, ...extra: string[]) =>
  run(['device', 'idcard', 'read', '--port', port, '--timeout-ms', '10000', ...extra, '--json', '--reveal']);

/** A running `yizhan sim idcard`: its stdin for control lines and its stdout JSON lines as awaitable events. */
interface SimProcess {
  port: string;
  send(line: string): void;
  next(event: string): Promise<Record<string, unknown>>;
}

async function startSim(args: string[]): Promise<SimProcess> {
  dir ??= mkdtempSync(join(tmpdir(), 'yizhan-idcard-cli-'));
  const port = join(dir, 'reader');
  const p = (sim = spawn(process.execPath, [BIN, 'sim', 'idcard', '--link', port, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  }));
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const seen: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: (v: Record<string, unknown>) => void }[] = [];
  createInterface({ input: p.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as Record<string, unknown>;
    const key = msg.ready === true ? 'ready' : String(msg.event);
    const i = waiters.findIndex((w) => w.event === key);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(msg);
    else seen.push(msg);
  });
  const next = (event: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const i = seen.findIndex((m) => (m.ready === true ? 'ready' : m.event) === event);
      if (i >= 0) return resolve(seen.splice(i, 1)[0]!);
      waiters.push({ event, resolve });
      p.once('exit', (code) => reject(new Error(`sim exited with ${code}: ${stderr}`)));
    });
  const sp: SimProcess = { port, send: (line) => p.stdin.write(`${line}\n`), next };
  await expect(next('ready')).resolves.toMatchObject({ ready: true, link: port });
  return sp;
}

function cardFile(name: string, card: unknown): string {
  dir ??= mkdtempSync(join(tmpdir(), 'yizhan-idcard-cli-'));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(card));
  return file;
}

describe('yizhan sim idcard + yizhan device idcard read, as real processes', () => {
  it('reads the card file served at 9600 baud, probing the rate, and prints the JSON contract', async () => {
    const file = cardFile('card.json', SAMPLE_CARDS.foreign2017);
    const s = await startSim(['--card', file, '--baud', '9600']);

    const r = await read(s.port);
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

  it('--card takes exactly what the reader printed: the second read prints the same JSON', async () => {
    const s = await startSim(['--no-card']);
    for (const card of [SAMPLE_CARDS.residentWithExtraAddress, SAMPLE_CARDS.hkmotw]) {
      s.send(`place ${cardFile('in.json', card)}`);
      await s.next('placed');
      const first = await read(s.port, '--baud', '115200');
      expect(first.code).toBe(0);
      s.send(`place ${cardFile('printed.json', JSON.parse(first.stdout))}`);
      await s.next('placed');
      const second = await read(s.port);
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    }
    const fields = (out: string) => Object.keys(JSON.parse(out) as object);
    s.send('place');
    await s.next('placed');
    expect(fields((await read(s.port)).stdout)).toEqual([
      'cardType',
      'name',
      'gender',
      'birthDate',
      'address',
      'idNumber',
      'idNumberValid',
      'authority',
      'validFrom',
      'validTo',
      'passNumber',
      'issueCount',
      'photoWlt',
      'samId',
    ]);
  }, 90_000);

  it('no card on the reader: the error shape with timeout/noCard, exit 1', async () => {
    const s = await startSim(['--no-card']);
    const r = await run(['device', 'idcard', 'read', '--port', s.port, '--timeout-ms', '1500', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'timeout',
        message: expect.stringContaining('未放置身份证') as string,
        detail: 'noCard',
      },
    });
  }, 60_000);

  it('a switched-on read fault is reported in the error shape', async () => {
    const s = await startSim(['--fault', 'readFail']);
    const r = await run(['device', 'idcard', 'read', '--port', s.port, '--timeout-ms', '2000', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'userAction', detail: 'cardReadFailed' } });
    s.send('fault readFail off');
    await s.next('fault');
    await expect(read(s.port).then((x) => JSON.parse(x.stdout) as unknown)).resolves.toMatchObject({
      name: '张三',
    });
  }, 60_000);

  it('unplugMidRead: the simulator pulls the cable during 30 01, plugs it back, and the read still succeeds', async () => {
    const s = await startSim(['--fault', 'unplugMidRead=500']);
    const reading = read(s.port);
    await expect(s.next('unplugged')).resolves.toMatchObject({ forMs: 500 });
    await expect(s.next('plugged')).resolves.toMatchObject({ link: s.port });
    const r = await reading;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: '张三', idNumberValid: true });
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

  it('answers a bad invocation in the JSON error shape too (exit 2)', async () => {
    const r = await run(['device', 'idcard', 'read', '--timeout-ms', '1000', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'invalidArgument', message: '--port is required' },
    });
  }, 60_000);
});
