// The product's bundles, built once at set-up so no command pays for transpiling TypeScript:
//   dist/cli/yizhan.mjs        the `yizhan` command; its command list is fixed here, at build time
//   dist/cli/host.mjs          the device-host process `yizhan start` forks
//   dist/cli/render-worker.mjs the back office's PDF worker thread
//   dist/cli/print-worker.mjs  the host's A4 renderer thread (main/printing)
//   dist/cli/chunk-*.mjs       code shared between them or loaded on demand (esbuild code splitting:
//                              `--help` loads the dispatcher and the command descriptions only)
//   dist/renderer/ dist/console/ dist/fonts/   the kiosk pages, the staff console, the A4 font subset,
//                              found beside the bundles as in an Electron package
//   dist/manifest.json         what they were built from (scripts/bundle-manifest.mjs): bin/yizhan.mjs
//                              runs them only while no source changed, and falls back to tsx otherwise
// npm packages stay in node_modules (Node loads them as they are). scripts/build-electron.mjs builds
// out/ from the same functions. Usage: node scripts/bundle.mjs [DIST_DIR]   (default dist/)
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { snapshot, writeManifest } from './bundle-manifest.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');
const COMMANDS_DIR = path.join(ROOT, 'main/cli/commands');
/** Same rule as main/cli/main.ts applies to the folder when running from source. */
const isCommandFile = (f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f);

/** Native modules are never bundled: Node loads them from node_modules; a package rebuilds them for Electron. */
export const NATIVE_EXTERNALS = [
  'electron',
  'serialport',
  '@serialport/*',
  'node-hid',
  '@pokusew/pcsclite',
  'better-sqlite3',
  'pg-native',
];

/** esbuild options every Node-side bundle shares (the CLI's and the Electron package's). */
export const NODE_BUNDLE = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  // Electron 45's Node is 22; the CLI runs on .node-version (24).
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * require() for the CommonJS packages an ES module bundle carries inside (iconv-lite requires Node's
 * builtins); a bundle with its packages external needs none.
 */
export const ESM_REQUIRE =
  "import { createRequire as yizhanCreateRequire } from 'node:module'; const require = yizhanCreateRequire(import.meta.url);";

/** Copies the A4 templates' font subset to `outDir` (print-templates/_shared/fonts.ts looks in ../fonts/ of a bundle). */
export function copyFonts(outDir) {
  const from = path.join(ROOT, 'print-templates/fonts');
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(from).filter((f) => /\.otf$|^OFL\.txt$|^manifest\.json$/.test(f));
  for (const f of files) cpSync(path.join(from, f), path.join(outDir, f));
  return files.map((f) => path.join(from, f));
}

/**
 * Builds the pages of a Vite project (`configFile` relative to the root) into `outDir`; resolves to the
 * files the build read, for the manifest. A package ships every renderer page: YIZHAN_RENDERER_PAGES (a
 * test's page filter) must not narrow it.
 */
export async function buildPages(configFile, outDir) {
  const { build } = await import('vite');
  const only = process.env.YIZHAN_RENDERER_PAGES;
  delete process.env.YIZHAN_RENDERER_PAGES;
  const read = new Set([path.join(ROOT, configFile)]);
  let resolved;
  try {
    await build({
      configFile: path.join(ROOT, configFile),
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        // Rolldown's [PLUGIN_TIMINGS] note (how long plugins took, worse on a loaded machine) is not
        // something a person installing the product can act on; set-up prints no warning.
        rolldownOptions: { checks: { bundlerTimings: false } },
      },
      plugins: [
        {
          name: 'yizhan-inputs',
          configResolved: (config) => void (resolved = config),
          // Every module the pages are made of, wherever it lives (the contract, shared domain code…).
          moduleParsed: (info) => void read.add(info.id.split('?')[0]),
        },
      ],
    });
    // Copied rather than parsed: the pages themselves and the public folder (favicon…), with the
    // folders, whose listing changes when a page or a file is added.
    for (const dir of [resolved.root, resolved.publicDir].filter((d) => d && existsSync(d))) {
      read.add(dir);
      for (const f of readdirSync(dir)) if (f.endsWith('.html')) read.add(path.join(dir, f));
      if (dir === resolved.publicDir) for (const f of walk(dir)) read.add(f);
    }
  } finally {
    if (only !== undefined) process.env.YIZHAN_RENDERER_PAGES = only;
  }
  return [...read].filter((f) => path.isAbsolute(f) && !f.includes(`${path.sep}node_modules${path.sep}`));
}

/** The CLI's entry, generated: the dispatcher with every command file found now, in the folder. */
function cliEntryPlugin() {
  return {
    name: 'yizhan-cli-entry',
    setup(b) {
      b.onResolve({ filter: /^yizhan:cli$/ }, () => ({ path: 'cli', namespace: 'yizhan' }));
      b.onLoad({ filter: /.*/, namespace: 'yizhan' }, () => {
        const files = readdirSync(COMMANDS_DIR).filter(isCommandFile).sort();
        const imports = files.map((f, i) => `import * as m${i} from './main/cli/commands/${f}';`);
        return {
          resolveDir: ROOT,
          loader: 'js',
          watchDirs: [COMMANDS_DIR],
          contents: [
            `import { staleReason } from './scripts/bundle-manifest.mjs';`,
            `import { main } from './main/cli/main.ts';`,
            ...imports,
            // Run directly (node dist/cli/yizhan.mjs), a bundle checks itself; bin/yizhan.mjs already did.
            `if (!globalThis[Symbol.for('yizhan.bundleChecked')]) {`,
            `  const why = staleReason(new URL('..', import.meta.url).pathname);`,
            `  if (why) {`,
            `    process.stderr.write('yizhan: this bundle is out of date (' + why + '); rebuild it with "npm run build", or run bin/yizhan.mjs, which runs the sources\\n');`,
            `    process.exit(3);`,
            `  }`,
            `}`,
            `const commands = [${files.map((_, i) => `m${i}`).join(', ')}].flatMap((m) => (m.command ? [m.command] : []));`,
            `process.exitCode = await main(process.argv.slice(2), commands);`,
          ].join('\n'),
        };
      });
    },
  };
}

/** Every file under `dir` (absolute paths). */
function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Source files a bundle may be built from: fingerprinted before the build (see writeManifest). */
function sourceCandidates() {
  const dirs = ['main', 'devices', 'backoffice', 'print-templates', 'renderer', 'domain', 'scripts'];
  return [
    ...dirs.flatMap((d) => (existsSync(path.join(ROOT, d)) ? walk(path.join(ROOT, d)) : [])),
    ...readdirSync(ROOT)
      .filter((f) => statSync(path.join(ROOT, f)).isFile())
      .map((f) => path.join(ROOT, f)),
    COMMANDS_DIR,
    ...['renderer', 'renderer/public', 'backoffice/console/app', 'backoffice/console/app/public'].map((d) =>
      path.join(ROOT, d),
    ),
  ];
}

/** Builds the CLI, host and PDF-worker bundles into `outDir` (emptied); resolves to the source files read. */
export async function buildCliBundles(outDir) {
  const { build } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    ...NODE_BUNDLE,
    entryPoints: {
      yizhan: 'yizhan:cli',
      host: 'main/host/worker.ts',
      'render-worker': 'backoffice/results/render-worker.ts',
      // main/printing's A4 renderer thread (the host prints certificates off its event loop).
      'print-worker': 'main/printing/render-worker.ts',
    },
    outdir: outDir,
    format: 'esm',
    splitting: true,
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    metafile: true,
    plugins: [cliEntryPlugin()],
  });
  return [
    COMMANDS_DIR,
    ...Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith('yizhan:'))
      .map((f) => path.resolve(ROOT, f)),
  ];
}

/**
 * Builds everything into `distDir`, beside it first and then swapped in, so a command started during
 * the build runs either the old complete set or, finding no manifest, the sources.
 */
export async function buildProduct(distDir = path.join(ROOT, 'dist')) {
  const started = performance.now();
  const before = snapshot(sourceCandidates());
  const tmp = `${distDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const steps = {};
  const step = async (name, run) => {
    const t0 = performance.now();
    const files = await run();
    steps[name] = Math.round(performance.now() - t0);
    return files;
  };
  const inputs = [
    ...(await step('cli', () => buildCliBundles(path.join(tmp, 'cli')))),
    ...(await step('renderer', () => buildPages('vite.config.mts', path.join(tmp, 'renderer')))),
    ...(await step('console', () =>
      buildPages('backoffice/console/vite.config.ts', path.join(tmp, 'console')),
    )),
    ...(await step('fonts', () => copyFonts(path.join(tmp, 'fonts')))),
    path.join(ROOT, 'package.json'),
  ];
  // Entries are relative to the folder, and the temporary folder is a sibling of the final one.
  writeManifest(tmp, inputs, before, { root: path.relative(distDir, ROOT) });
  const old = `${distDir}.old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(tmp, distDir);
  rmSync(old, { recursive: true, force: true });
  return { distDir, steps, ms: Math.round(performance.now() - started), inputs: inputs.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
  const { steps, ms, inputs } = await buildProduct(target);
  const parts = Object.entries(steps).map(([k, v]) => `${k} ${v} ms`);
  console.log(
    `bundle: ${path.relative(process.cwd(), target) || '.'} ready in ${ms} ms (${parts.join(', ')}; ${inputs} sources)`,
  );
}
