import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePcscd, ROOT, type PrivatePcscd } from '../../helpers/pcsc';
import { FIXTURES } from '../../helpers/pcsc-cards';

/**
 * `yizhan sim card` and `yizhan device card read` as real processes against the private pcscd. Each
 * process compiles the TypeScript sources through tsx on start, which takes seconds on a busy machine.
 */
const PROCESS_TEST_MS = 90_000;
let pcscd: PrivatePcscd;
const sims: ChildProcess[] = [];
const BIN = `${ROOT}bin/yizhan.mjs`;

beforeAll(() => {
  pcscd = ensurePcscd();
});

afterAll(() => {
  for (const s of sims) if (s.exitCode === null) s.kill('SIGKILL');
  pcscd.stop();
});

/** Starts `yizhan sim card` inside the namespace and resolves once it reports the card inserted. */
async function simCard(
  profile: string,
  slot: number,
  extra: string[] = [],
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = pcscd.spawnInside(process.execPath, [
    BIN,
    'sim',
    'card',
    '--profile',
    `${FIXTURES}${profile}.json`,
    '--host',
    '127.0.0.2',
    '--slot',
    String(slot),
    ...extra,
  ]);
  sims.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim card did not insert: ${out}`)), 30_000);
    child.stdout?.on('data', () => {
      if (out.includes('inserted')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`sim card exited with ${code}: ${out}`)));
  });
  return { child, output: () => out };
}

function readCard(args: string[]): Promise<{ code: number | null; json: unknown; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'device', 'card', 'read', '--json', ...args], {
    env: { ...process.env, PCSCLITE_CSOCK_NAME: pcscd.socketPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) =>
      resolve({ code, json: stdout.trim() ? (JSON.parse(stdout.trim()) as unknown) : undefined, stderr }),
    ),
  );
}

describe('yizhan sim card / device card read', () => {
  it(
    'reads a social security card and a bank card put in by `sim card`',
    async () => {
      const [ssc, bank] = await Promise.all([simCard('ssc-gen2', 0), simCard('unionpay-debit', 1)]);
      const [a, b] = await Promise.all([
        readCard(['--reveal', '--reader', pcscd.readers[0]]),
        readCard(['--reveal', '--reader', pcscd.readers[1], '--timeout-ms', '20000']),
      ]);
      // One reader at a time per card: two sessions interleaving APDUs on one card garble each other.
      const masked = await readCard(['--reader', pcscd.readers[1], '--timeout-ms', '20000']);
      expect(a).toMatchObject({
        code: 0,
        json: {
          kind: 'socialSecurity',
          cardNumber: 'B12345678',
          idNumber: '440305199003071236',
          name: '李华',
          gender: 'female',
          cardVersion: '2.00',
          issueDate: '2016-03-15',
          expiryDate: '2026-03-15',
        },
      });
      expect(b).toMatchObject({
        code: 0,
        json: { kind: 'bank', pan: '6222021234567890128', expiry: '2030-12', aid: 'A000000333010101' },
      });
      expect(JSON.stringify(b.json)).not.toMatch(/track|57/i);
      // Without --reveal the PAN is masked (first 6, last 4).
      expect(masked).toMatchObject({
        code: 0,
        json: { kind: 'bank', pan: '622202*********0128', masked: true },
      });
      for (const { child, output } of [ssc, bank]) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(output()).toContain('removed');
      }
    },
    PROCESS_TEST_MS,
  );

  it(
    'prints {"error":{code,message}} and exits non-zero for a wrong card (--fault wrongCard) and for no card',
    async () => {
      const sim = await simCard('ssc-gen1', 0, ['--fault', 'wrongCard']);
      const [wrong, none] = await Promise.all([
        readCard(['--reader', pcscd.readers[0]]),
        readCard(['--reader', pcscd.readers[1], '--timeout-ms', '1500']),
      ]);
      expect(wrong).toMatchObject({
        code: 1,
        json: { error: { code: 'unsupported', detail: 'wrongCard', message: expect.any(String) as string } },
      });
      expect(none).toMatchObject({ code: 1, json: { error: { code: 'timeout', detail: 'noCard' } } });
      sim.child.kill('SIGTERM');
    },
    PROCESS_TEST_MS,
  );
});
