// Bundles the Electron entry points (main, preload, device host) with esbuild into out/.
// Native modules stay external: electron-builder unpacks them from the asar and rebuilds them for Electron.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';

const external = [
  'electron',
  'serialport',
  '@serialport/*',
  'node-hid',
  '@pokusew/pcsclite',
  'better-sqlite3',
  'pg-native',
];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'out/main/index.cjs' }),
  // The host uses top-level await; utilityProcess runs ES modules.
  build({ ...common, entryPoints: ['main/host/worker.ts'], outfile: 'out/main/host.mjs', format: 'esm' }),
  // A sandboxed preload cannot require() anything but electron: one self-contained file.
  build({ ...common, entryPoints: ['main/preload/index.ts'], outfile: 'out/preload/index.cjs' }),
]);

// The A4 templates look for their shipped CJK font subset in ../fonts/ beside the host bundle
// (print-templates/_shared/fonts.ts); without it they fall back to the full 19 MB system faces.
mkdirSync('out/fonts', { recursive: true });
for (const f of readdirSync('print-templates/fonts'))
  if (/\.otf$|^OFL\.txt$|^manifest\.json$/.test(f)) cpSync(`print-templates/fonts/${f}`, `out/fonts/${f}`);
