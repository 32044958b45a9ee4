// Builds everything the Electron package ships into out/ (electron-builder.yml packs out/**):
//   out/main/index.cjs, out/main/host.mjs, out/preload/index.cjs   esbuild bundles of the shell, host, preload
//   out/renderer/   the kiosk pages (vite.config.mts; no test harness pages), served as app://kiosk/
//   out/console/    the back office's staff console, for a registerConsole({ distDir }) without Vite
//   out/fonts/      the A4 templates' CJK font subset
// The bundling pieces are scripts/bundle.mjs's, which also builds the CLI's dist/. Unlike the CLI's
// bundles, these carry their npm packages inside (a package has no node_modules tree to lean on
// beyond the native modules): electron-builder unpacks those from the asar and rebuilds them for Electron.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE, NATIVE_EXTERNALS, NODE_BUNDLE, ROOT, buildPages, copyFonts } from './bundle.mjs';

process.chdir(ROOT);
const started = performance.now();
const step = async (name, run) => {
  const t0 = performance.now();
  await run();
  console.log(`build-electron: ${name} ${Math.round(performance.now() - t0)} ms`);
};

// A fresh out/: a file left by an older build (a renamed page, a stale bundle) must never ship.
rmSync('out', { recursive: true, force: true });

// Maps stay in out/ for debugging a development run; electron-builder.yml keeps them out of the package.
const common = { ...NODE_BUNDLE, format: 'cjs', external: NATIVE_EXTERNALS };

await step('main, host, preload', () =>
  Promise.all([
    build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'out/main/index.cjs' }),
    // The host uses top-level await; utilityProcess runs ES modules.
    build({
      ...common,
      entryPoints: ['main/host/worker.ts'],
      outfile: 'out/main/host.mjs',
      format: 'esm',
      banner: { js: ESM_REQUIRE },
    }),
    // main/printing renders certificates in a worker thread beside the host bundle.
    build({
      ...common,
      entryPoints: ['main/printing/render-worker.ts'],
      outfile: 'out/main/print-worker.mjs',
      format: 'esm',
      banner: { js: ESM_REQUIRE },
    }),
    // A sandboxed preload cannot require() anything but electron: one self-contained file.
    build({ ...common, entryPoints: ['main/preload/index.ts'], outfile: 'out/preload/index.cjs' }),
  ]),
);
// The A4 templates look for their shipped CJK font subset in ../fonts/ beside the host bundle
// (print-templates/_shared/fonts.ts); without it they fall back to the full 19 MB system faces.
await step('fonts', () => copyFonts(path.resolve('out/fonts')));
await step('renderer', () => buildPages('vite.config.mts', path.resolve('out/renderer')));
await step('console', () => buildPages('backoffice/console/vite.config.ts', path.resolve('out/console')));

console.log(`build-electron: out/ ready in ${Math.round(performance.now() - started)} ms`);
