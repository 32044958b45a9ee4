// Freshness of bundles (scripts/bundle-manifest.mjs) on a scratch tree: any edit, addition or removal
// after the snapshot makes them stale; an edit made while the build ran does too.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot, staleReason, writeManifest } from '../../../scripts/bundle-manifest.mjs';

let root = '';
let dist = '';
let src = '';
const file = (name: string) => path.join(src, name);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'yizhan-manifest-'));
  src = path.join(root, 'src');
  dist = path.join(root, 'dist');
  mkdirSync(src);
  mkdirSync(dist);
  writeFileSync(file('a.ts'), 'export const a = 1;\n');
  writeFileSync(file('b.ts'), 'export const b = 2;\n');
  // A fixed past time: the tests then change mtimes on purpose, never by waiting.
  const past = new Date('2026-01-01T00:00:00Z');
  for (const p of [file('a.ts'), file('b.ts'), src]) utimesSync(p, past, past);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const build = () => {
  const inputs = [file('a.ts'), file('b.ts'), src];
  writeManifest(dist, inputs, snapshot(inputs));
};

describe('bundle freshness', () => {
  it('is missing before any build and current right after one', () => {
    expect(staleReason(dist)).toBe('missing');
    build();
    expect(staleReason(dist)).toBeNull();
  });

  it('sees an edited source, even one that kept its size', () => {
    build();
    writeFileSync(file('a.ts'), 'export const a = 3;\n');
    expect(staleReason(dist)).toBe('src/a.ts changed since the build');
  });

  it('sees a source whose mtime alone moved (a checkout of another branch)', () => {
    build();
    const t = new Date('2026-02-01T00:00:00Z');
    utimesSync(file('b.ts'), t, t);
    expect(staleReason(dist)).toBe('src/b.ts changed since the build');
  });

  it('sees a file added to or removed from a watched folder', () => {
    build();
    writeFileSync(file('c.ts'), 'export const c = 1;\n');
    expect(staleReason(dist)).toBe('src changed since the build');
    build();
    rmSync(file('c.ts'));
    expect(staleReason(dist)).toBe('src changed since the build');
  });

  it('sees a source deleted', () => {
    build();
    rmSync(file('b.ts'));
    expect(staleReason(dist)).not.toBeNull();
  });

  it('sees an edit made while the build ran (fingerprints are taken before building)', () => {
    const inputs = [file('a.ts'), file('b.ts')];
    const before = snapshot(inputs);
    writeFileSync(file('a.ts'), 'export const a = 42;\n');
    writeManifest(dist, inputs, before);
    expect(staleReason(dist)).toBe('src/a.ts changed since the build');
  });

  it('never trusts an input it had no fingerprint for', () => {
    writeManifest(dist, [file('a.ts')], new Map());
    expect(staleReason(dist)).toBe('src/a.ts changed since the build');
  });
});
