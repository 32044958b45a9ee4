import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The marker Electron puts before its fuse wire; fuse states are the ASCII digits '0' and '1'.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const OFF = 0x30;
const ON = 0x31;
// Electron's default fuse wire (version 1): RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// --inspect on, asar integrity off, only-load-from-asar off, browser V8 snapshot off, file://
// extra privileges on. The package must flip these to what electron-builder.yml asks for.
const DEFAULT_WIRE = [1, 0, 1, 1, 0, 0, 0, 1];

/**
 * Writes an `electronDist` for `electron-builder --dir` offline: the Electron binary cannot be
 * downloaded on this machine (toolchain.md §1). The stand-in `electron` is a script that refuses
 * to run, followed by Electron's fuse sentinel and wire, so electron-builder's fuse step (which
 * fails on a binary without one) runs for real and its result can be read back from the package.
 * What this proves is the packaging config and the archive, not a runnable app.
 */
export function writeStubElectron(dir: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const script = Buffer.from(
    '#!/bin/sh\necho "stub Electron: packaging check only, not a runnable app" >&2\nexit 1\n# ',
  );
  const wire = Buffer.from([
    ...Buffer.from(SENTINEL),
    1, // fuse wire version
    DEFAULT_WIRE.length,
    ...DEFAULT_WIRE.map((on) => (on ? ON : OFF)),
  ]);
  const bin = path.join(dir, 'electron');
  writeFileSync(bin, Buffer.concat([script, wire, Buffer.from('\n')]));
  chmodSync(bin, 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stub\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stub</p>\n');
  return dir;
}
