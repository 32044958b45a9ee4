// The Debian packages (scripts/package) as an installer gets them: built once, their contents,
// control fields and maintainer scripts checked, their units verified by systemd-analyze, installed with dpkg into a scratch root (maintainer scripts run chrootless under
// DPKG_ROOT) and run from there, outside the source tree, on the Node they carry. The back office is
// upgraded from a previous version's package with a filing made before it, then purged.
// lintian's full pass (minutes: it reads every file of both packages) is `npm run package:check`,
// run before a package is published, not here.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages } from '../../scripts/package/build.mjs';
import { HostConfig } from '../../main/config/host-config';
import { genericBody } from '../helpers/backoffice-server';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const PREVIOUS = '0.0.9';
const work = mkdtempSync(path.join(tmpdir(), 'yizhan-package-'));
const out = path.join(work, 'deb');
let debs: { kiosk: string; backoffice: string; previousBackoffice: string };

/** Runs a command to its end; rejects with its output when it fails. */
async function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const r = await run(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return r.stdout + r.stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * A scratch system root: an empty dpkg database, this machine's user and group files with the backups
 * and lock file the shadow tools keep beside them, and systemd's configuration folder.
 */
function scratchRoot(name: string): string {
  const root = path.join(work, name);
  for (const d of [
    'var/lib/dpkg/info',
    'var/lib/dpkg/updates',
    'var/lib/dpkg/triggers',
    'etc/systemd/system',
    'var/log',
  ])
    mkdirSync(path.join(root, d), { recursive: true });
  for (const f of ['status', 'available']) writeFileSync(path.join(root, 'var/lib/dpkg', f), '');
  for (const f of [
    'passwd',
    'group',
    'shadow',
    'gshadow',
    'passwd-',
    'group-',
    'shadow-',
    'gshadow-',
    '.pwd.lock',
  ]) {
    const to = path.join(root, 'etc', f);
    if (existsSync(`/etc/${f}`)) cpSync(`/etc/${f}`, to);
    else writeFileSync(to, '');
  }
  return root;
}

/** dpkg on the scratch root; the maintainer scripts run here with DPKG_ROOT set. */
const dpkg = (root: string, ...args: string[]) =>
  sh('dpkg', [
    `--root=${root}`,
    `--log=${path.join(root, 'var/log/dpkg.log')}`,
    '--force-script-chrootless',
    '--force-depends',
    '--force-not-root',
    ...args,
  ]);

/** Every path under `root` but dpkg's own bookkeeping, with the user and group files' contents. */
function footprint(root: string): Record<string, string> {
  const seen: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (r === 'var/lib/dpkg' || r === 'var/log/dpkg.log') continue;
      const st = statSync(path.join(root, r), { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(r);
      seen[r] = /^etc\/(passwd|group|shadow|gshadow)$/.test(r)
        ? readFileSync(path.join(root, r), 'utf8')
        : '';
    }
  };
  walk('');
  return seen;
}

/** Starts the installed `yizhan` from a folder outside the source tree; resolves to its JSON line `event`. */
function startInstalled(
  root: string,
  args: string[],
  event: string,
): Promise<{ proc: ChildProcess; line: Record<string, unknown> }> {
  const cwd = mkdtempSync(path.join(work, 'cwd-'));
  // Nothing of the checkout's: not its PATH's Node, nor its node_modules through NODE_PATH.
  const env = { PATH: '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8', YIZHAN_LOG_LEVEL: 'warn' };
  const proc = spawn(path.join(root, 'opt/yizhan/bin/yizhan'), args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let outText = '';
    let errText = '';
    proc.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      outText += d.toString();
      const line = outText.split('\n').find((l) => l.includes(`"event":"${event}"`));
      if (line) resolve({ proc, line: JSON.parse(line) as Record<string, unknown> });
    });
    proc.once('exit', (code) => reject(new Error(`yizhan ${args[0]} exited with ${code}: ${errText}`)));
  });
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  const current = await buildPackages({ out, fast: true });
  const previous = await buildPackages({
    out: path.join(work, 'previous'),
    version: PREVIOUS,
    only: 'backoffice',
    fast: true,
  });
  debs = {
    kiosk: current.built.kiosk!.file,
    backoffice: current.built.backoffice!.file,
    previousBackoffice: previous.built.backoffice!.file,
  };
}, 600_000);

afterAll(() => {
  if (!process.env.KEEP_PACKAGE_TEST) rmSync(work, { recursive: true, force: true });
});

describe('Debian packages', () => {
  it('are named by version and architecture and carry the program, Node and the declared relations', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(path.basename(debs.kiosk)).toBe(`yizhan-kiosk_${version}_amd64.deb`);
    const info = await sh('dpkg-deb', ['--field', debs.kiosk, 'Depends', 'Recommends', 'Conflicts']);
    for (const dep of ['chromium', 'cage', 'pcscd', 'cups-client', 'fonts-noto-cjk'])
      expect(info).toContain(dep);
    const files = await sh('dpkg-deb', ['--contents', debs.kiosk]);
    for (const f of [
      './opt/yizhan/node/bin/node',
      './opt/yizhan/dist/cli/yizhan.mjs',
      './opt/yizhan/dist/renderer/index.html',
      './opt/yizhan/dist/console/index.html',
      './opt/yizhan/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      './opt/yizhan/node_modules/@pokusew/pcsclite/build/Release/pcsclite.node',
      './lib/systemd/system/yizhan-kiosk.service',
      './lib/udev/rules.d/99-yizhan.rules',
      './etc/yizhan/kiosk.env',
      './etc/yizhan/site.example.json',
    ])
      expect(files).toContain(f);
    expect(files).toMatch(
      /lrwxrwxrwx root\/root +0 [-\d: ]+\.\/usr\/bin\/yizhan -> \/opt\/yizhan\/bin\/yizhan/,
    );
    // Every entry root-owned; no source map, no TypeScript source, no other platform's binaries
    // (serialport's own JavaScript keeps its darwin and win32 modules: it requires them at load).
    expect(files.split('\n').filter((l) => l && !/ root\/root /.test(l))).toEqual([]);
    expect(files).not.toMatch(/\.map$|\.ts$/m);
    const native = files.split('\n').filter((l) => l.endsWith('.node'));
    expect(native.length).toBeGreaterThanOrEqual(4);
    expect(
      native.filter(
        (l) => /musl|darwin|win32/.test(l) || !/\/build\/Release\/|\/prebuilds\/[^/]*linux-x64\//.test(l),
      ),
    ).toEqual([]);
    const bo = await sh('dpkg-deb', ['--contents', debs.backoffice]);
    expect(bo).not.toMatch(/node_modules\/(serialport|node-hid|@pokusew)/);
    expect(bo).toMatch(/-rw------- root\/root .* \.\/etc\/yizhan\/backoffice\.env/);
    // Its settings are a conffile: an upgrade keeps the administrator's edits.
    expect(await sh('dpkg-deb', ['--info', debs.backoffice, 'conffiles'])).toContain(
      '/etc/yizhan/backoffice.env',
    );
  });

  it('carry control fields an installer reads and maintainer scripts the shell parses', async () => {
    for (const [name, deb] of [
      ['yizhan-kiosk', debs.kiosk],
      ['yizhan-backoffice', debs.backoffice],
    ] as const) {
      const control = path.join(work, `control-${name}`);
      await sh('dpkg-deb', ['--control', deb, control]);
      const fields = readFileSync(path.join(control, 'control'), 'utf8');
      expect(fields).toMatch(new RegExp(`^Package: ${name}$`, 'm'));
      expect(fields).toMatch(/^Architecture: amd64$/m);
      for (const f of ['Version', 'Maintainer', 'Depends', 'Section', 'Priority', 'Description'])
        expect(fields).toMatch(new RegExp(`^${f}: \\S`, 'm'));
      const scripts = ['postinst', 'prerm', 'postrm'];
      for (const s of scripts) {
        const file = path.join(control, s);
        expect(statSync(file).mode & 0o111).toBe(0o111);
        const text = readFileSync(file, 'utf8');
        // Every template name filled in, and the script parses.
        expect(text).not.toMatch(/@[A-Z_]+@/);
        await sh('sh', ['-n', file]);
      }
    }
  });

  it('build reproducibly: the same sources give the same bytes', async () => {
    const again = await buildPackages({ out: path.join(work, 'again'), only: 'backoffice', fast: true });
    expect(readFileSync(again.built.backoffice!.file).equals(readFileSync(debs.backoffice))).toBe(true);
  }, 300_000);

  it('ship an example site configuration the kiosk accepts', () => {
    const example: unknown = JSON.parse(
      readFileSync(path.join(ROOT, 'build/linux/etc/site.example.json'), 'utf8'),
    );
    expect(HostConfig.safeParse(example).error).toBeUndefined();
  });

  it('have units systemd-analyze verifies', async () => {
    // A root holding systemd's own units, the compositor and the package's launchers, which is what
    // verify resolves (it follows symlinks inside the root, so these are copies).
    const tree = path.join(work, 'units');
    const verifyRoot = path.join(work, 'verify-root');
    await sh('dpkg-deb', ['-x', debs.kiosk, tree]);
    await sh('dpkg-deb', ['-x', debs.backoffice, tree]);
    for (const d of ['etc/systemd/system', 'usr/lib/systemd', 'usr/bin', 'opt/yizhan'])
      mkdirSync(path.join(verifyRoot, d), { recursive: true });
    cpSync('/usr/lib/systemd/system', path.join(verifyRoot, 'usr/lib/systemd/system'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    symlinkSync('usr/lib', path.join(verifyRoot, 'lib'));
    symlinkSync('usr/bin', path.join(verifyRoot, 'bin'));
    cpSync('/usr/bin/cage', path.join(verifyRoot, 'usr/bin/cage'));
    cpSync(path.join(tree, 'opt/yizhan/lib'), path.join(verifyRoot, 'opt/yizhan/lib'), { recursive: true });
    const units = ['yizhan-kiosk.service', 'yizhan-backoffice.service'];
    for (const u of units)
      cpSync(path.join(tree, 'lib/systemd/system', u), path.join(verifyRoot, 'etc/systemd/system', u));
    // verify exits 0 on a misspelt key or value and says so: every line it prints is a finding.
    const said = await sh('systemd-analyze', [
      'verify',
      `--root=${verifyRoot}`,
      ...units.map((u) => `/etc/systemd/system/${u}`),
    ]);
    expect(said.trim()).toBe('');
  });

  it('install the back office, which keeps a filing through an upgrade and leaves nothing once purged', async () => {
    const root = scratchRoot('backoffice-root');
    const before = footprint(root);
    await dpkg(root, '-i', debs.previousBackoffice);
    const data = path.join(root, 'var/lib/yizhan/backoffice');
    expect(statSync(path.join(root, 'var/lib/yizhan')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(root, 'etc/passwd'), 'utf8')).toMatch(
      /^yizhan:x:\d+:\d+:[^:]*:\/var\/lib\/yizhan:/m,
    );
    // Enabled: the link names the unit's path on the target system, where the package put it.
    const wanted = readlinkSync(
      path.join(root, 'etc/systemd/system/multi-user.target.wants/yizhan-backoffice.service'),
    );
    expect(wanted).toMatch(/^(\/usr)?\/lib\/systemd\/system\/yizhan-backoffice\.service$/);
    expect(existsSync(path.join(root, wanted))).toBe(true);
    const args = ['backoffice', '--port', '0', '--db', `sqlite:${data}/backoffice.db`];

    // The previous version: a kiosk enrols and files.
    let bo = await startInstalled(root, args, 'listening');
    let url = bo.line.url as string;
    const secrets = JSON.parse(readFileSync(path.join(data, 'backoffice-secrets.json'), 'utf8')) as {
      enrollmentToken: string;
    };
    const reg = await fetch(`${url}/api/v1/kiosks/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-enrollment-token': secrets.enrollmentToken },
      body: JSON.stringify({ kioskId: 'kiosk-01', name: '自助终端 kiosk-01', site: '东城区政务服务中心' }),
    });
    expect(reg.status).toBe(201);
    const kiosk = { authorization: `Bearer ${((await reg.json()) as { credential: string }).credential}` };
    const filed = await fetch(`${url}/api/v1/filings`, {
      method: 'POST',
      headers: { ...kiosk, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(genericBody()),
    });
    expect(filed.status).toBe(201);
    const filing = (await filed.json()) as { filingId: string; trackingNumber: string };
    await stop(bo.proc);

    // Upgrade: configuration and data stay; the new program migrates at start and finds the filing.
    await dpkg(root, '-i', debs.backoffice);
    expect(await sh('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', 'yizhan-backoffice'])).toMatch(
      /0\.1\.0/,
    );
    bo = await startInstalled(root, args, 'listening');
    url = bo.line.url as string;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const consolePage = await fetch(`${url}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');
    const kept = await fetch(`${url}/api/v1/filings/${filing.filingId}`, { headers: kiosk });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ trackingNumber: filing.trackingNumber });
    await stop(bo.proc);

    await dpkg(root, '--purge', 'yizhan-backoffice');
    const after = footprint(root);
    const added = Object.keys(after).filter((k) => !(k in before));
    const changed = Object.keys(before).filter((k) => after[k] !== before[k]);
    expect({ added, changed }).toEqual({ added: [], changed: [] });
  }, 180_000);

  it('install the kiosk, which reaches kiosk.ready on simulated devices and shows the attract screen', async () => {
    const root = scratchRoot('kiosk-root');
    await dpkg(root, '-i', debs.kiosk);
    expect(readFileSync(path.join(root, 'etc/group'), 'utf8')).toMatch(/^dialout:x:\d+:.*\byizhan\b/m);
    const kiosk = await startInstalled(
      root,
      ['start', '--no-browser', '--json', '--data-dir', path.join(root, 'var/lib/yizhan/kiosk')],
      'kiosk.ready',
    );
    try {
      expect(kiosk.line.runtime).toMatchObject({ from: 'bundle' });
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(kiosk.line.url as string);
        await expect
          .poll(() => page.getByTestId('attract').innerText(), { timeout: 20_000 })
          .toContain('身份证');
        await page.screenshot({ path: path.join(work, 'installed-kiosk.png') });
      } finally {
        await browser.close();
      }
    } finally {
      await stop(kiosk.proc);
    }
    await dpkg(root, '--purge', 'yizhan-kiosk');
    expect(existsSync(path.join(root, 'opt/yizhan'))).toBe(false);
    expect(existsSync(path.join(root, 'var/lib/yizhan'))).toBe(false);
  }, 180_000);
});
