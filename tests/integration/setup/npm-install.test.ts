// What `npm ci` would warn about, read from the lockfile it installs (no install needed): a package
// whose `engines.node` the runtime (.node-version, what scripts/setup.sh puts in .runtime) does not
// satisfy is an EBADENGINE warning; a package with an install script that allowScripts neither allows
// nor denies is npm's "install scripts not yet covered by allowScripts" warning. setup.sh runs npm at
// --loglevel=error, so only this test sees them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm's own range semantics (the semver package npm uses, here from the installed tree; untyped).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string, options: { includePrerelease: boolean }): boolean;
  major(version: string): number;
  gte(a: string, b: string): boolean;
};

const ROOT = path.resolve(import.meta.dirname, '../../..');
const runtime = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim();
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
type Locked = { engines?: { node?: unknown } | string[]; hasInstallScript?: boolean; optional?: boolean };
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, Locked>;
};
const installed = Object.entries(lock.packages)
  .filter(([key]) => key !== '')
  .map(([key, entry]) => ({
    name: key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length),
    entry,
  }));

/** Packages whose declared Node range the given version does not satisfy (npm's EBADENGINE). */
function badEngines(node: string): string[] {
  return installed.flatMap(({ name, entry }) => {
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    return typeof range === 'string' && !semver.satisfies(node, range, { includePrerelease: true })
      ? [`${name} wants node ${range}`]
      : [];
  });
}

describe('npm ci on the runtime Node prints no warning', () => {
  it('the runtime is a Node.js LTS every locked package accepts (no EBADENGINE)', () => {
    expect(semver.major(runtime) % 2, `${runtime} is not an LTS line`).toBe(0);
    expect(semver.gte(runtime, '22.12.0')).toBe(true);
    expect(badEngines(runtime)).toEqual([]);
    // The check is live: the Node 20 the project left would be refused by dozens of packages.
    expect(badEngines('20.19.0').length).toBeGreaterThan(10);
  });

  it('every package with an install script is allowed or denied in allowScripts', () => {
    const scripted = installed.filter(({ entry }) => entry.hasInstallScript).map(({ name }) => name);
    expect(scripted.length).toBeGreaterThan(0);
    expect(scripted.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
  });
});
