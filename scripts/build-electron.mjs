// Builds everything the Electron package ships into out/ (electron-builder.yml packs out/**):
//   out/main/index.cjs, out/main/host.mjs, out/preload/index.cjs   esbuild bundles of the shell, host, preload
//   out/renderer/   the kiosk pages (vite.config.mts; no test harness pages), served as app://kiosk/
//   out/console/    the back office's staff console, for a registerConsole({ distDir }) without Vite
//   out/fonts/      the A4 templates' CJK font subset
// Native modules stay external: electron-builder unpacks them from the asar and rebuilds them for Electron.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { register } from 'tsx/esm/api';

process.chdir(path.resolve(import.meta.dirname, '..'));
const started = performance.now();
const step = async (name, run) => {
  const t0 = performance.now();
  await run();
  console.log(`build-electron: ${name} ${Math.round(performance.now() - t0)} ms`);
};

// A fresh out/: a file left by an older build (a renamed page, a stale bundle) must never ship.
rmSync('out', { recursive: true, force: true });

const external = [
  'electron',
  'serialport',
  '@serialport/*',
  'node-hid',
  '@pokusew/pcsclite',
  'better-sqlite3',
  'pg-native',
];
/** require() for the CommonJS packages inside an ES module bundle (they require Node's builtins). */
export const ESM_REQUIRE =
  "import { createRequire as yizhanCreateRequire } from 'node:module'; const require = yizhanCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // Maps stay in out/ for debugging a development run; electron-builder.yml keeps them out of the package.
  sourcemap: true,
  external,
  logLevel: 'warning',
};

await step('main, host, preload', () =>
  Promise.all([
    build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'out/main/index.cjs' }),
    // The host uses top-level await; utilityProcess runs ES modules. The banner gives the CommonJS
    // packages inside (iconv-lite, …) the require() an ES module lacks for Node's own modules.
    build({
      ...common,
      entryPoints: ['main/host/worker.ts'],
      outfile: 'out/main/host.mjs',
      format: 'esm',
      banner: { js: ESM_REQUIRE },
    }),
    // A sandboxed preload cannot require() anything but electron: one self-contained file.
    build({ ...common, entryPoints: ['main/preload/index.ts'], outfile: 'out/preload/index.cjs' }),
  ]),
);

// The A4 templates look for their shipped CJK font subset in ../fonts/ beside the host bundle
// (print-templates/_shared/fonts.ts); without it they fall back to the full 19 MB system faces.
await step('fonts', () => {
  mkdirSync('out/fonts', { recursive: true });
  for (const f of readdirSync('print-templates/fonts'))
    if (/\.otf$|^OFL\.txt$|^manifest\.json$/.test(f)) cpSync(`print-templates/fonts/${f}`, `out/fonts/${f}`);
});

// The Vite builds are the same functions the Chromium mode and the back office use (TypeScript, via tsx).
register();
// A package ships every page: YIZHAN_RENDERER_PAGES (a test's page filter) must not narrow it.
delete process.env.YIZHAN_RENDERER_PAGES;
const { buildRenderer } = await import('../main/chromium-shell/build-renderer.ts');
const { buildConsoleTo } = await import('../backoffice/console/build.ts');
await step('renderer', () => buildRenderer(path.resolve('out/renderer'), { force: true }));
await step('console', () => buildConsoleTo(path.resolve('out/console')));

console.log(`build-electron: out/ ready in ${Math.round(performance.now() - started)} ms`);
