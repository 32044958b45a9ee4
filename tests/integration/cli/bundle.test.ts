// The product's bundles (scripts/bundle.mjs), run as a technician runs them: the real commands,
// their output and exit codes. They are built here into .tmp/ so the checkout's own dist/ is left alone.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../main/cli/command';
import { buildTestBundles, type TestBundles } from '../../helpers/bundles';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let bundles: TestBundles | undefined;
let work = '';
let dist = '';

beforeAll(async () => {
  bundles = await buildTestBundles('cli-bundle');
  dist = bundles.dist;
  work = path.dirname(dist);
}, 120_000);
afterAll(() => bundles?.remove());

function run(args: string[], env: Record<string, string> = {}, script = path.join(dist, 'cli/yizhan.mjs')) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const BIN = path.join(ROOT, 'bin/yizhan.mjs');

describe('yizhan from its bundles', { timeout: 90_000 }, () => {
  it('lists the same commands as the sources, on stdout, exit 0', () => {
    const bundled = run(['--help']);
    const source = run(['--help'], { YIZHAN_FROM_SOURCE: '1' }, BIN);
    expect(bundled).toMatchObject({ code: 0, stderr: '' });
    expect(source.code).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    for (const c of ['start', 'backoffice', 'print', 'device idcard read', 'sim card', 'version'])
      expect(bundled.stdout).toContain(`yizhan ${c} `);
  });

  it('explains every option of every command (`yizhan <command> --help`)', async () => {
    const dir = path.join(ROOT, 'main/cli/commands');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const commands = (
      await Promise.all(files.map((f) => import(path.join(dir, f)) as Promise<{ command?: CliCommand }>))
    ).flatMap((m) => (m.command ? [m.command] : []));
    expect(commands.length).toBeGreaterThanOrEqual(14);
    for (const c of commands) {
      const r = run([...c.path, '--help']);
      expect(r, c.path.join(' ')).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`Usage: yizhan ${c.path.join(' ')}`);
      const options = r.stdout.slice(r.stdout.indexOf('Options:'));
      for (const [name, o] of Object.entries(c.options)) {
        // The flag, then words on the same line or the next one.
        expect(options, `${c.path.join(' ')} --${name}`).toMatch(
          new RegExp(`--${name}${o.type === 'string' ? ' \\S+' : ''}\\s+\\S[^\\n]{8,}`),
        );
      }
      expect(options).toContain('-h, --help');
    }
  });

  it('answers an unknown command on stderr with exit 2', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^unknown command: frobnicate\n/);
  });

  it('is what bin/yizhan.mjs runs while it matches the sources', () => {
    const r = run(['version', '--json'], { YIZHAN_DIST: dist }, BIN);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ from: 'bundle', node: process.versions.node });
  });

  it('renders a PDF with the font subset found beside the bundles', () => {
    const out = path.join(work, 'receipt.pdf');
    const sample = path.join(ROOT, 'print-templates/acceptance-receipt/sample.json');
    const r = run(['print', 'acceptance-receipt', '--data', sample, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`written ${out}`);
    const fonts = spawnSync('pdffonts', [out], { encoding: 'utf8' }).stdout;
    // The shipped GB 2312 subset, not the 19 MB system face the templates fall back to without it.
    expect(fonts).toMatch(/NotoSansCJKsc-Regular/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('never runs once a source changed: the bundle refuses, bin runs the sources and says why', () => {
    const manifestFile = path.join(dist, 'manifest.json');
    const original = readFileSync(manifestFile, 'utf8');
    const manifest = JSON.parse(original) as { entries: Record<string, number[]> };
    const key = Object.keys(manifest.entries).find((k) => k.endsWith('main/cli/main.ts'))!;
    expect(key).toBeDefined();
    // The commands folder is watched too: a new command file changes no existing file.
    expect(Object.keys(manifest.entries)).toContain(
      path.relative(dist, path.join(ROOT, 'main/cli/commands')),
    );
    manifest.entries[key] = [1, 1];
    writeFileSync(manifestFile, JSON.stringify(manifest));
    try {
      const direct = run(['version']);
      expect(direct.code).toBe(3);
      expect(direct.stderr).toContain(
        'this bundle is out of date (main/cli/main.ts changed since the build)',
      );
      const viaBin = run(['version', '--json'], { YIZHAN_DIST: dist }, BIN);
      expect(viaBin.code).toBe(0);
      expect(viaBin.stderr).toBe(
        'yizhan: running from source: main/cli/main.ts changed since the build (npm run build makes it fast again)\n',
      );
      expect(JSON.parse(viaBin.stdout)).toMatchObject({ from: 'source' });
    } finally {
      writeFileSync(manifestFile, original);
    }
  });
});
