// `npm run package`: the Debian packages yizhan-kiosk and yizhan-backoffice, built offline from this
// checkout with dpkg-deb (electron-builder's deb target needs fpm from the network).
//   /opt/yizhan/bin/yizhan        the command (/usr/bin/yizhan links to it), on the packaged Node
//   /opt/yizhan/node/             Node.js from .runtime (.node-version; Debian 12's Node 18 is past its end)
//   /opt/yizhan/dist/             the bundles, pages, staff console and fonts (scripts/bundle.mjs)
//   /opt/yizhan/node_modules/     the npm packages the bundles import, native addons built for that Node
//   /opt/yizhan/lib/              the services' launchers
//   /etc/yizhan/, /lib/systemd/system/, /usr/lib/{sysusers,tmpfiles}.d/, udev rules, docs, man page
// Reproducible: SOURCE_DATE_EPOCH (default: the last commit's time) for every mtime, the changelog's
// date and the archive; sorted entries, root-owned. Templates live in build/linux/.
// Usage: node scripts/package/build.mjs [--out DIR] [--version V] [--only kiosk|backoffice] [--fast]
//   --fast: gzip -1 instead of xz -6 (tests; the contents are identical)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildProduct, ROOT } from '../bundle.mjs';
import { buildDeb, listTree } from './deb.mjs';
import { descriptionField, FLAVOURS } from './flavours.mjs';
import { copyModules, dependencyClosure, importedPackages, treeSize } from './modules.mjs';

const LINUX = path.join(ROOT, 'build/linux');
const PREFIX = 'opt/yizhan';
const MAINTAINER = 'Yizhan <ops@yizhan.cn>';
const DEB_ARCH = { x64: 'amd64', arm64: 'arm64' };

/** The Debian architecture this machine builds for: the native modules are built here, for here. */
function debArch() {
  const arch = DEB_ARCH[process.arch];
  if (!arch) throw new Error(`no Debian package for ${process.arch}`);
  return arch;
}

function sourceDateEpoch() {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH);
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).trim());
  } catch {
    return 1767225600; // 2026-01-01, for a tree without git history
  }
}

/** Strips an ELF file of what only a debugger needs (lintian: unstripped-binary-or-object). */
function strip(file, shared) {
  execFileSync('strip', [
    shared ? '--strip-unneeded' : '--strip-all',
    '--remove-section=.comment',
    '--remove-section=.note',
    file,
  ]);
}

/** The program both packages share: bundles, pages, fonts and the packaged Node, built once. */
async function stageProgram(work, epoch) {
  const program = path.join(work, 'program');
  const dist = path.join(program, 'dist');
  await buildProduct(dist);
  // Installed bundles never look for sources: a manifest with no entries is always current.
  writeFileSync(
    path.join(dist, 'manifest.json'),
    `${JSON.stringify({ builtAt: new Date(epoch * 1000).toISOString(), packaged: true, entries: {} }, null, 1)}\n`,
  );
  for (const rel of listTree(dist)) if (rel.endsWith('.map')) rmSync(path.join(dist, rel));
  const runtime = path.join(ROOT, '.runtime/node');
  mkdirSync(path.join(program, 'node/bin'), { recursive: true });
  cpSync(path.join(runtime, 'bin/node'), path.join(program, 'node/bin/node'));
  cpSync(path.join(runtime, 'LICENSE'), path.join(program, 'node/LICENSE'));
  strip(path.join(program, 'node/bin/node'), false);
  mkdirSync(path.join(program, 'bin'));
  cpSync(path.join(LINUX, 'bin/yizhan'), path.join(program, 'bin/yizhan'));
  mkdirSync(path.join(program, 'lib'));
  for (const f of ['kiosk-session', 'backoffice-service'])
    cpSync(path.join(LINUX, 'bin', f), path.join(program, 'lib', f));
  return program;
}

/** The Debian changelog of a native package (its version has no revision), dated SOURCE_DATE_EPOCH. */
function changelog(pkg, version, epoch) {
  const date = new Date(epoch * 1000).toUTCString().replace(/GMT$/, '+0000');
  return `${pkg} (${version}) stable; urgency=medium\n\n  * Yizhan ${version}.\n\n -- ${MAINTAINER}  ${date}\n`;
}

function copyright() {
  return [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: yizhan',
    '',
    'Files: *',
    'Copyright: Copyright 2026 Yizhan',
    'License: proprietary',
    ' Copyright 2026 Yizhan. All rights reserved. The npm packages under /opt/yizhan/node_modules carry their',
    ' own licences in their folders.',
    '',
    'Files: opt/yizhan/node/*',
    'Copyright: Copyright Node.js contributors',
    'License: Expat',
    ' Node.js and the libraries it embeds: /opt/yizhan/node/LICENSE.',
    '',
    'Files: opt/yizhan/dist/fonts/*',
    'Copyright: Copyright 2014-2021 Adobe (Noto Sans CJK, subset)',
    'License: OFL-1.1',
    ' /opt/yizhan/dist/fonts/OFL.txt',
    '',
  ].join('\n');
}

/** Fills a build/linux/debian template's @NAME@ fields. */
function fill(template, values) {
  return readFileSync(path.join(LINUX, 'debian', template), 'utf8').replace(/@([A-Z_]+)@/g, (m, k) => {
    if (!(k in values)) throw new Error(`${template}: no value for ${m}`);
    return values[k];
  });
}

async function buildFlavour(name, { program, work, out, version, epoch, arch, compression, lock }) {
  const f = FLAVOURS[name];
  const tree = path.join(work, f.package);
  const opt = path.join(tree, PREFIX);
  mkdirSync(path.join(tree, 'DEBIAN'), { recursive: true });
  cpSync(program, opt, { recursive: true });
  // npm packages: what this package's bundles import, less what its service never loads.
  const roots = importedPackages(path.join(opt, 'dist/cli')).filter((p) => !f.excludeModules.includes(p));
  const modules = dependencyClosure(lock, roots);
  copyModules(path.join(ROOT), opt, modules, { arch: process.arch });
  for (const rel of listTree(path.join(opt, 'node_modules')))
    if (rel.endsWith('.node')) strip(path.join(opt, 'node_modules', rel), true);

  const put = (rel, text, mode) => {
    mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
    writeFileSync(path.join(tree, rel), text, mode ? { mode } : undefined);
  };
  const copy = (from, rel) => put(rel, readFileSync(path.join(LINUX, from)));
  mkdirSync(path.join(tree, 'usr/bin'), { recursive: true });
  symlinkSync(`/${PREFIX}/bin/yizhan`, path.join(tree, 'usr/bin/yizhan'));
  for (const e of f.etc) copy(`etc/${e}`, `etc/yizhan/${e}`);
  copy(`systemd/${f.unit}`, `lib/systemd/system/${f.unit}`);
  copy(`sysusers/${f.package}.conf`, 'usr/lib/sysusers.d/yizhan.conf');
  copy(`tmpfiles/${f.package}.conf`, 'usr/lib/tmpfiles.d/yizhan.conf');
  if (f.udev) copy('99-yizhan.rules', 'lib/udev/rules.d/99-yizhan.rules');
  copy(`debian/${f.package}.lintian-overrides`, `usr/share/lintian/overrides/${f.package}`);
  const doc = `usr/share/doc/${f.package}`;
  put(`${doc}/copyright`, copyright());
  put(`${doc}/changelog.gz`, gzipSync(changelog(f.package, version, epoch), { level: 9 }));
  put('usr/share/man/man1/yizhan.1.gz', gzipSync(readFileSync(path.join(LINUX, 'yizhan.1')), { level: 9 }));

  const values = {
    PACKAGE: f.package,
    UNIT: f.unit,
    WANTED_BY: f.wantedBy,
    START_ON_INSTALL: f.startOnInstall ? 'yes' : 'no',
  };
  const file = path.join(out, `${f.package}_${version}_${arch}.deb`);
  buildDeb(tree, file, {
    control: {
      Package: f.package,
      Version: version,
      Architecture: arch,
      Maintainer: MAINTAINER,
      ...f.control,
      Description: descriptionField(f.control.Description),
    },
    conffiles: f.etc.map((e) => `/etc/yizhan/${e}`),
    // The back office's settings may hold its secrets and the database password.
    modes: { 'etc/yizhan/backoffice.env': 0o600 },
    scripts: Object.fromEntries(['postinst', 'prerm', 'postrm'].map((s) => [s, fill(s, values)])),
    epoch,
    compression,
  });
  return { file, modules: modules.length, bytes: treeSize(tree) };
}

export async function buildPackages({ out, version, only, fast } = {}) {
  const epoch = sourceDateEpoch();
  const pkgJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  version ??= pkgJson.version;
  out = path.resolve(out ?? path.join(ROOT, 'release/deb'));
  mkdirSync(out, { recursive: true });
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const work = mkdtempSync(path.join(out, '.stage-'));
  try {
    const program = await stageProgram(work, epoch);
    const common = {
      program,
      work,
      out,
      version,
      epoch,
      arch: debArch(),
      lock,
      compression: fast ? { type: 'gzip', level: 1 } : { type: 'xz', level: 6 },
    };
    const names = only ? [only] : Object.keys(FLAVOURS);
    const built = {};
    for (const name of names) built[name] = await buildFlavour(name, common);
    return { epoch, version, built };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      version: { type: 'string' },
      only: { type: 'string' },
      fast: { type: 'boolean' },
    },
  });
  if (values.only && !FLAVOURS[values.only])
    throw new Error(`--only: one of ${Object.keys(FLAVOURS).join(', ')}`);
  const t0 = performance.now();
  const { built, epoch } = await buildPackages(values);
  for (const { file, modules, bytes } of Object.values(built))
    console.log(
      `package: ${path.relative(process.cwd(), file)} (${(bytes / 2 ** 20).toFixed(1)} MiB installed, ${modules} npm packages)`,
    );
  console.log(
    `package: done in ${((performance.now() - t0) / 1000).toFixed(1)} s, SOURCE_DATE_EPOCH=${epoch}`,
  );
}
