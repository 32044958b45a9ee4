// Bundles the Electron entry points (main, preload, device host) with esbuild into out/.
// Native modules stay external: electron-builder unpacks them from the asar and rebuilds them for Electron.
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
