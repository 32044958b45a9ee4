// Turns a staged package tree into a .deb with dpkg-deb, reproducibly: every path gets the same mode
// rule and the SOURCE_DATE_EPOCH mtime, owners are root:root (--root-owner-group), dpkg-deb sorts the
// archive's entries and takes its own timestamps from SOURCE_DATE_EPOCH.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  utimesSync,
  lutimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** Every path under `dir`, sorted, relative, folders before their contents. */
export function listTree(dir, rel = '') {
  const out = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    out.push(r);
    if (lstatSync(path.join(dir, r)).isDirectory()) out.push(...listTree(dir, r));
  }
  return out;
}

/**
 * Modes a Debian maintainer expects: folders 0755, executables 0755, everything else 0644, except the
 * paths in `modes` (e.g. a conffile holding secrets).
 */
function normaliseModes(tree, modes) {
  for (const rel of listTree(tree)) {
    const p = path.join(tree, rel);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    // npm packages are loaded by Node, never executed: their files are plain data whatever npm left.
    const executable = st.isDirectory() || (st.mode & 0o111 && !rel.includes('/node_modules/'));
    const mode = modes[rel] ?? (executable ? 0o755 : 0o644);
    chmodSync(p, mode);
  }
}

/** DEBIAN/md5sums: every regular file of the data part. */
function md5sums(tree) {
  return listTree(tree)
    .filter((rel) => !rel.startsWith('DEBIAN') && lstatSync(path.join(tree, rel)).isFile())
    .map(
      (rel) =>
        `${createHash('md5')
          .update(readFileSync(path.join(tree, rel)))
          .digest('hex')}  ${rel}\n`,
    )
    .join('');
}

/** Size of the data part in KiB, as dpkg counts it for Installed-Size (one per entry, files rounded up). */
function installedSize(tree) {
  let kib = 0;
  for (const rel of listTree(tree)) {
    if (rel.startsWith('DEBIAN')) continue;
    const st = lstatSync(path.join(tree, rel));
    kib += st.isFile() ? Math.ceil(st.size / 1024) : 1;
  }
  return kib;
}

/**
 * Writes DEBIAN/control (from `control`, fields in order), md5sums, conffiles and the maintainer
 * scripts, normalises the tree, and builds `outFile`. Returns its path.
 */
export function buildDeb(tree, outFile, { control, conffiles, scripts, modes = {}, epoch, compression }) {
  const debian = path.join(tree, 'DEBIAN');
  for (const [name, text] of Object.entries(scripts))
    writeFileSync(path.join(debian, name), text, { mode: 0o755 });
  if (conffiles.length)
    writeFileSync(path.join(debian, 'conffiles'), conffiles.map((c) => `${c}\n`).join(''));
  normaliseModes(tree, {
    ...modes,
    ...Object.fromEntries(Object.keys(scripts).map((s) => [`DEBIAN/${s}`, 0o755])),
  });
  writeFileSync(path.join(debian, 'md5sums'), md5sums(tree), { mode: 0o644 });
  const fields = { ...control, 'Installed-Size': String(installedSize(tree)) };
  const order = ['Package', 'Version', 'Architecture', 'Maintainer', 'Installed-Size'];
  const keys = [
    ...order.filter((k) => k in fields),
    ...Object.keys(fields).filter((k) => !order.includes(k)),
  ];
  writeFileSync(path.join(debian, 'control'), keys.map((k) => `${k}: ${fields[k]}\n`).join(''), {
    mode: 0o644,
  });
  const when = new Date(epoch * 1000);
  for (const rel of ['', ...listTree(tree)].reverse()) {
    const p = path.join(tree, rel);
    if (lstatSync(p).isSymbolicLink()) lutimesSync(p, when, when);
    else utimesSync(p, when, when);
  }
  execFileSync(
    'dpkg-deb',
    [
      '--root-owner-group',
      '--uniform-compression',
      `-Z${compression.type}`,
      `-z${compression.level}`,
      '--build',
      tree,
      outFile,
    ],
    { env: { ...process.env, SOURCE_DATE_EPOCH: String(epoch) }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return outFile;
}
