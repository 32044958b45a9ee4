import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PowerShellProcess } from './powershell';

// Node stands in for powershell.exe: the contract (one process per script, UTF-8 output, exit code,
// cancel, private staging) is the same; the scripts themselves are tested in a4-printer/protocol.
let shell: PowerShellProcess | undefined;
const node = (opts: { timeoutMs?: number } = {}) =>
  (shell = new PowerShellProcess({ executable: process.execPath, argsFor: (s) => ['-e', s], ...opts }));

afterEach(async () => {
  await shell?.dispose();
  shell = undefined;
});

describe('PowerShellProcess', () => {
  it('runs one script per call and returns UTF-8 stdout, stderr and the exit code', async () => {
    const r = await node().run(
      "process.stdout.write(JSON.stringify([{Id:7,DocumentName:'参保证明 [k1]'}])); process.stderr.write('warn'); process.exit(3)",
    );
    expect(r).toEqual({ stdout: '[{"Id":7,"DocumentName":"参保证明 [k1]"}]', stderr: 'warn', exitCode: 3 });
  });

  it('rejects when the executable cannot start (the spooler reports unreachable)', async () => {
    shell = new PowerShellProcess({ executable: '/nonexistent/powershell.exe', argsFor: () => [] });
    await expect(shell.run('x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops a script when the caller aborts or it runs past its time limit', async () => {
    const controller = new AbortController();
    const running = node().run('setTimeout(() => {}, 30000)', controller.signal);
    controller.abort();
    await expect(running).rejects.toThrow();
    await expect(node({ timeoutMs: 100 }).run('setTimeout(() => {}, 30000)')).rejects.toThrow(/stopped/);
  });

  it('stages files in a private folder and removes them', async () => {
    const s = node();
    const file = await s.stage('..\\..\\参保证明.pdf', Uint8Array.of(0x25, 0x50, 0x44, 0x46));
    expect(readFileSync(file).toString()).toBe('%PDF');
    expect(statSync(dirname(file)).mode & 0o077).toBe(0);
    expect(statSync(file).mode & 0o077).toBe(0);
    await s.remove(file);
    expect(existsSync(file)).toBe(false);
    await s.dispose();
    expect(existsSync(dirname(file))).toBe(false);
  });
});
