import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
/** Runs a command; on failure the assertion message carries its output. */
async function run(file: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args);
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`${args.slice(1, 4).join(' ')} exited ${e.code}: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
const BIN = new URL('../../../bin/yizhan.mjs', import.meta.url).pathname;

/** Resolves once `child` prints (after this call) a line matching `pattern`: the simulator's acknowledgement. */
function prints(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString();
      if (!pattern.test(text)) return;
      child.stdout!.off('data', onData);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

let sim: ChildProcess | undefined;
let dir = '';
let link = '';
let out = '';

/** Starts `yizhan sim printer` as a real process and waits for its ready line. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-printer-cli-'));
  link = join(dir, 'printer');
  out = join(dir, 'out');
  const child = spawn(process.execPath, [BIN, 'sim', 'printer', '--link', link, '--out', out], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  sim = child;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"ready":true')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`sim printer exited with ${code}: ${stderr}`)));
  });
}, 60_000);

afterAll(async () => {
  if (sim && sim.exitCode === null) {
    const exited = new Promise((r) => sim!.once('exit', r));
    sim.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('yizhan printer commands as processes', () => {
  it('reads the status as JSON, prints a test slip, and the simulator files it as PNG + text', async () => {
    const status = await run(process.execPath, [
      BIN,
      'device',
      'printer',
      'status',
      '--port',
      link,
      '--json',
    ]);
    expect(JSON.parse(status.stdout)).toEqual({
      online: true,
      paper: 'ok',
      coverOpen: false,
      cutterError: false,
      receiptTaken: true,
      health: 'online',
      condition: 'ready',
    });

    // The simulator draws the PNG once the link is quiet, then says so on stdout.
    const drawn = prints(sim!, /"receipt":1,.*"png"/);
    const test = await run(process.execPath, [BIN, 'device', 'printer', 'test', '--port', link]);
    expect(readFileSync(join(out, '0001.txt'), 'utf8')).toContain('打印测试 TEST');
    expect(test.stdout).toMatch(/test slip: (printed|taken)/);
    await drawn;
    expect(readdirSync(out).sort()).toEqual(['0001.png', '0001.txt']);
    const text = readFileSync(join(out, '0001.txt'), 'utf8');
    expect(text).toContain('中文测试 Chinese text');
    expect(text).toMatch(/\[QR yizhan:printer-test:/);
    // Issue #8: the time on paper is Beijing time in the zh-CN format, not a UTC timestamp.
    expect(text).toMatch(/^ *\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d$/m);
    expect(text).not.toMatch(/^ *\d{4}-\d\d-\d\dT[\d:.]+Z$/m);
    expect(text).toMatch(/纸张 Paper +正常 ok/);
    expect(text.trimEnd().endsWith('[CUT]')).toBe(true);
    const png = PNG.sync.read(readFileSync(join(out, '0001.png')));
    expect(png.width).toBe(576);
    expect(png.height).toBeGreaterThan(300);
  }, 90_000);

  it('reports paper out switched on at run time as paper out (缺纸), not offline, and exits non-zero', async () => {
    const switched = prints(sim!, /"paperOut":true/);
    sim!.stdin!.write('paperOut on\n');
    await switched;
    // A status that cannot print exits 1: keep its output instead of throwing.
    const status = (...extra: string[]) =>
      execFileAsync(process.execPath, [BIN, 'device', 'printer', 'status', '--port', link, ...extra]).then(
        () => ({ code: 0, stdout: '' }),
        (e: { code: number; stdout: string }) => e,
      );
    const asJson = await status('--json');
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ paper: 'out', condition: 'paperOut' });
    const asText = await status();
    expect(asText.code).toBe(1);
    expect(asText.stdout).toMatch(/状况 Condition: 缺纸 paper out/);
    expect(asText.stdout).toMatch(/纸张 Paper: 缺纸 out/);
    sim!.stdin!.write('paperOut off\n');
  }, 60_000);

  it('reports null for what a 58 mm printer without presenter or cutter cannot tell; a restarted simulator keeps numbering', async () => {
    const link58 = join(dir, 'printer-58');
    const out58 = join(dir, 'out-58');
    mkdirSync(out58, { recursive: true });
    writeFileSync(join(out58, '0007.txt'), 'filed by an earlier run\n');
    const child = spawn(
      process.execPath,
      [BIN, 'sim', 'printer', '--link', link58, '--out', out58, '--profile', 'generic-58'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        let stdout = '';
        child.stdout.on(
          'data',
          (d: Buffer) => (stdout += d.toString()) && stdout.includes('"ready":true') && resolve(),
        );
        child.on('exit', (code) => reject(new Error(`sim printer exited with ${code}`)));
      });
      const status = await run(process.execPath, [
        BIN,
        'device',
        'printer',
        'status',
        '--port',
        link58,
        '--profile',
        'generic-58',
        '--json',
      ]);
      expect(JSON.parse(status.stdout)).toEqual({
        online: true,
        paper: 'ok',
        coverOpen: false,
        cutterError: null,
        receiptTaken: null,
        health: 'online',
        condition: 'ready',
      });
      // A printer without a cutter ends a receipt after a quiet spell; the simulator says when it did.
      const finished = prints(child, /"receipt":8,/);
      await run(process.execPath, [
        BIN,
        'device',
        'printer',
        'test',
        '--port',
        link58,
        '--profile',
        'generic-58',
      ]);
      await finished;
      expect(readFileSync(join(out58, '0007.txt'), 'utf8')).toBe('filed by an earlier run\n');
      expect(readFileSync(join(out58, '0008.txt'), 'utf8')).toContain('中文测试');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
