// Freshness of the product bundles (scripts/bundle.mjs): dist/manifest.json lists every source file a
// bundle was built from, with its mtime and size as they were before the build, and the folders whose
// listing matters (a new command file in main/cli/commands/ changes no existing file). A bundle runs only
// while every entry still matches; checking ~500 entries is a stat() each, about 2 ms.
// Kept free of imports beyond node:fs so bin/yizhan.mjs can load it before deciding how to run.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAME = 'manifest.json';

/** mtime and size of a file or folder, or null when it is gone. */
function fingerprint(file) {
  try {
    const s = statSync(file);
    return s.isDirectory() ? [s.mtimeMs] : [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** Fingerprints of `files` (absolute paths), taken now: call it before building from them. */
export function snapshot(files) {
  return new Map(files.map((f) => [f, fingerprint(f)]));
}

/**
 * Writes `distDir`/manifest.json for the bundles built from `inputs` (absolute paths). `before` is the
 * snapshot taken before the build: a file edited while the build ran keeps its old fingerprint, so the
 * next check sees it changed. An input missing from `before` is recorded as never matching.
 */
export function writeManifest(distDir, inputs, before, extra = {}) {
  const entries = {};
  for (const file of [...new Set(inputs)].sort()) {
    entries[path.relative(distDir, file)] = before.get(file) ?? [-1];
  }
  const manifest = { builtAt: new Date().toISOString(), ...extra, entries };
  writeFileSync(path.join(distDir, NAME), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/**
 * Why the bundles in `distDir` must not run: 'missing' when there are none, the first source that
 * changed since they were built, or null when they are current.
 */
export function staleReason(distDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, NAME), 'utf8'));
  } catch {
    return 'missing';
  }
  // Named from the source tree's root the build recorded (else the folder holding distDir).
  const root = path.resolve(distDir, manifest.root ?? '..');
  for (const [rel, was] of Object.entries(manifest.entries ?? {})) {
    const now = fingerprint(path.join(distDir, rel));
    if (!now || now.length !== was.length || now.some((v, i) => v !== was[i]))
      return `${path.relative(root, path.join(distDir, rel))} changed since the build`;
  }
  return null;
}
