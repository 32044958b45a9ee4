// The production node_modules a package ships: the npm packages the bundles import (found in the bundles
// themselves, so a new import is shipped without editing a list), closed over package-lock.json's
// dependency graph, copied from the checkout's node_modules (native addons already built for the Node
// the package carries, by scripts/setup.sh) and pruned of what only a build or another platform needs.
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Imported by the bundles only on the from-source path (bin/yizhan.mjs under tsx), never in a package. */
const SOURCE_ONLY = new Set(['vite', 'tsx']);
/** Needed only while npm installs a native addon (download or compile), never at run time. */
const INSTALL_ONLY = new Set(['prebuild-install', 'node-addon-api', 'node-gyp', 'nan']);
/** The device stack: a back office server has no serial ports, HID scanners or card readers. */
export const DEVICE_MODULES = ['serialport', '@serialport/bindings-cpp', 'node-hid', '@pokusew/pcsclite'];

/** Bare package names a bundle file imports (static, dynamic or through createRequire). */
export function importedPackages(bundleDir) {
  const found = new Set();
  for (const f of readdirSync(bundleDir).filter((n) => n.endsWith('.mjs'))) {
    const text = readFileSync(path.join(bundleDir, f), 'utf8');
    const re =
      /(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*|\bcreateRequire\(import\.meta\.url\)\(\s*)"([^"./\s][^"\s]*)"/g;
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!SOURCE_ONLY.has(name)) found.add(name);
    }
  }
  return [...found].sort();
}

/**
 * The lock's package paths (node_modules/a, node_modules/a/node_modules/b …) reachable from `roots`,
 * resolved as Node resolves them: the nearest node_modules up from the importing package.
 */
export function dependencyClosure(lock, roots) {
  const pkgs = lock.packages;
  const resolve = (from, name) => {
    for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (pkgs[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const out = new Set();
  const visit = (from, name, optional) => {
    if (INSTALL_ONLY.has(name)) return;
    const at = resolve(from, name);
    if (!at) {
      if (optional) return;
      throw new Error(`package-lock.json has no ${name} reachable from ${from || 'the project'}`);
    }
    if (out.has(at)) return;
    out.add(at);
    const p = pkgs[at];
    for (const dep of Object.keys(p.dependencies ?? {})) visit(at, dep, false);
    for (const dep of Object.keys(p.optionalDependencies ?? {})) visit(at, dep, true);
    for (const dep of Object.keys(p.peerDependencies ?? {}))
      visit(at, dep, p.peerDependenciesMeta?.[dep]?.optional === true);
  };
  for (const r of roots) visit('', r, false);
  return [...out].sort();
}

/** Where a native addon's prebuilt binaries for other systems live, by folder name (prebuilds/<os-arch>). */
function foreignPrebuild(name, arch) {
  return !name.includes(`linux-${arch}`) || name.includes('musl');
}

/** Copies each lock path from `fromRoot` to `toRoot`, pruned; returns the copied package paths. */
export function copyModules(fromRoot, toRoot, lockPaths, { arch = 'x64' } = {}) {
  for (const rel of lockPaths) {
    const src = path.join(fromRoot, rel);
    if (!existsSync(src))
      throw new Error(`${rel} is in package-lock.json but not installed: run scripts/setup.sh`);
    const dst = path.join(toRoot, rel);
    const native = existsSync(path.join(src, 'binding.gyp'));
    cpSync(src, dst, {
      recursive: true,
      dereference: true,
      filter: (file) => {
        const r = path.relative(src, file);
        if (!r) return true;
        const parts = r.split(path.sep);
        // Nested node_modules are copied as packages of their own (only the reachable ones).
        if (parts[0] === 'node_modules') return false;
        if (
          parts[0] === 'prebuilds' &&
          parts.slice(1).some((p) => foreignPrebuild(p, arch) && !p.endsWith('.node'))
        )
          return false;
        // glibc systems only: musl builds sit beside the glibc ones in some addons' folders.
        if (parts[0] === 'prebuilds' && r.includes('musl')) return false;
        // Maps, type declarations and TypeScript sources serve editors and builds, not Node.
        if (/\.(map|tsbuildinfo|ts|mts|cts)$/.test(r)) return false;
        if (/\.(md|markdown)$/i.test(r) && !/LICEN[CS]E|NOTICE|COPYING/i.test(path.basename(r))) return false;
        // Tests, examples, docs, maintainers' scripts and tool configuration: none is loaded at run time.
        if (
          /^(test|tests|__tests__|example|examples|docs|integration|scripts|\.github|benchmark|benchmarks)$/.test(
            parts[0],
          )
        )
          return false;
        if (
          /^\.(gitattributes|gitignore|npmignore|editorconfig|eslintrc.*|prettierrc.*|travis\.yml|taprc)$/.test(
            parts.at(-1),
          )
        )
          return false;
        if (parts.length === 1 && /\.html$/.test(r)) return false;
        if (native) {
          // A built addon keeps only its loadable binary: sources, objects and the bundled C library
          // (better-sqlite3's deps/sqlite3, 9 MB) were needed to compile it, not to load it.
          if (['src', 'deps', 'hidapi'].includes(parts[0])) return false;
          if (parts[0] === 'build' && parts.length > 1) {
            if (parts[1] !== 'Release') return false;
            if (parts.length > 2 && !(parts.length === 3 && parts[2].endsWith('.node'))) return false;
            if (parts[2] === 'test_extension.node') return false;
          }
        }
        return true;
      },
    });
  }
  return lockPaths;
}

/** Total size in bytes of a tree (for the build's summary line). */
export function treeSize(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? treeSize(p) : e.isFile() ? statSync(p).size : 0;
  }
  return n;
}
