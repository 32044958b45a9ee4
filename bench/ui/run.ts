/**
 * UI bench (skeleton of issue #10's bench/ui): `npx tsx bench/ui/run.ts [--rounds N] [--no-browser]`.
 * Prints figures, asserts nothing.
 * - pinyin: candidate latency per keystroke (every prefix of typical inputs: phrases, initials,
 *   names, 9-key digits), p50 / p95 / max, plus decoding the index and building the engine;
 * - bundle: the renderer as built (`vite.config.mts`): JS and CSS loaded with each page, gzipped,
 *   and separately what loads on demand (the pinyin index, pinyin-pro, the voice manifest) and
 *   the voice prompts;
 * - browser: in Debian's Chromium (4× CPU throttling through the DevTools protocol), a key pressed
 *   in the page → composition and candidates painted, for the first keystroke as the keyboard
 *   appears (its index chunk is still loading) and for later ones.
 * Targets (issue #10): candidates < 16 ms per keystroke, initial JS < 300 KB gzipped.
 * Still to come with the screens: cold start to an interactive attract screen, tap → next screen.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { PinyinEngine } from '../../renderer/src/input/pinyin/engine';
import { decodeIndex } from '../../renderer/src/input/pinyin/index-format';
import { t9Code } from '../../renderer/src/input/pinyin/keys';
import { buildPinyinIndexText } from '../../scripts/renderer-assets/pinyin-index';
import { launchChromium } from '../../tests/helpers/chromium';
import { buildRendererPages, serveStatic } from '../../tests/helpers/chromium-harness';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, 'no-browser': { type: 'boolean' } },
});
const ROUNDS = Number(values.rounds ?? 20);

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** What citizens type: phrases, initials, a name syllable by syllable, sentences, 9-key digits. */
const INPUTS = [
  'shenfenzheng',
  'sfz',
  'gongjijinjiaocunzhengming',
  'shebaoka',
  'zhang',
  'xiao',
  'ming',
  'woyaodayinzhengshu',
  'beijingshichaoyangqu',
  "xi'an",
  t9Code('shenfenzheng'),
  t9Code('zhangxiaoming'),
  t9Code('gongjijin'),
];

async function pinyinFigures() {
  let t0 = performance.now();
  const text = await buildPinyinIndexText();
  const buildMs = performance.now() - t0;
  t0 = performance.now();
  const index = decodeIndex(text);
  const decodeMs = performance.now() - t0;
  t0 = performance.now();
  const engine = new PinyinEngine(index);
  const engineMs = performance.now() - t0;
  const letters: number[] = [];
  const digits: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const input of INPUTS) {
      for (let k = 1; k <= input.length; k++) {
        const t = performance.now();
        engine.candidates(input.slice(0, k));
        (/\d/.test(input) ? digits : letters).push(performance.now() - t);
      }
    }
  }
  const row = (name: string, xs: number[]) =>
    `  ${name.padEnd(22)} p50 ${ms(quantile(xs, 0.5))}  p95 ${ms(quantile(xs, 0.95))}  max ${ms(Math.max(...xs))}  (${xs.length} keystrokes)`;
  console.log('pinyin candidates per keystroke (Node, same V8 as the page; target < 16 ms)');
  console.log(row('full keyboard', letters));
  console.log(row('9-key', digits));
  console.log(
    `  index: ${index.words.length} entries, ${kb(Buffer.byteLength(text))} text; ` +
      `build (or cache read) ${ms(buildMs)}, decode ${ms(decodeMs)}, engine ${ms(engineMs)}`,
  );
}

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

function assetsOf(dir: string): Asset[] {
  const out: Asset[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const data = readFileSync(p);
        out.push({
          file: path.relative(dir, p),
          bytes: data.length,
          gzip: gzipSync(data, { level: 9 }).length,
        });
      }
    }
  };
  walk(dir);
  return out;
}

/** JS and CSS a page loads at start: its script, modulepreloads and stylesheets. */
function initialFiles(html: string): Set<string> {
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return new Set(refs);
}

async function bundleFigures(dir: string) {
  const assets = assetsOf(dir);
  const sum = (xs: Asset[], k: 'bytes' | 'gzip') => xs.reduce((n, a) => n + a[k], 0);
  console.log('renderer bundle (vite build, gzip -9; target: initial JS < 300 KB gzipped)');
  for (const page of assets.filter((a) => a.file.endsWith('.html'))) {
    const initial = initialFiles(readFileSync(path.join(dir, page.file), 'utf8'));
    const js = assets.filter((a) => initial.has(a.file) && a.file.endsWith('.js'));
    const css = assets.filter((a) => initial.has(a.file) && a.file.endsWith('.css'));
    console.log(
      `  ${page.file.padEnd(26)} JS ${kb(sum(js, 'gzip'))} gz (${kb(sum(js, 'bytes'))})  CSS ${kb(sum(css, 'gzip'))} gz`,
    );
  }
  const allInitial = new Set(
    assets
      .filter((a) => a.file.endsWith('.html'))
      .flatMap((p) => [...initialFiles(readFileSync(path.join(dir, p.file), 'utf8'))]),
  );
  for (const a of assets.filter((x) => x.file.endsWith('.js') && !allInitial.has(x.file))) {
    console.log(`  on demand: ${a.file.padEnd(44)} ${kb(a.gzip)} gz (${kb(a.bytes)})`);
  }
  // No page loads catalogue search yet (the catalogue screen will): its chunk, bundled alike.
  const { build } = await import('esbuild');
  const search = await build({
    stdin: { contents: "export { match } from 'pinyin-pro';", resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  const searchJs = search.outputFiles[0]!.contents;
  console.log(
    `  on demand: pinyin-pro match (catalogue search, loadCatalogueSearch) ${kb(gzipSync(searchJs, { level: 9 }).length)} gz (${kb(searchJs.length)})`,
  );
  const voice = assets.filter((a) => a.file.startsWith('voice/'));
  if (voice.length)
    console.log(
      `  voice prompts: ${voice.length} Ogg Vorbis files, ${kb(sum(voice, 'bytes'))} ` +
        `(largest ${kb(Math.max(...voice.map((v) => v.bytes)))}), fetched one at a time when spoken`,
    );
}

/**
 * In the page: press each key as a touch would (pointer down and up on the key), then wait for the
 * frame after the composition and its candidates are on screen. Returns ms per keystroke.
 */
const TYPE_AND_TIME = (word: string) => `(async () => {
  const word = ${JSON.stringify(word)};
  const times = [];
  for (let i = 0; i < word.length; i++) {
    const key = document.querySelector('.ui-keys [data-skbtn="' + word[i] + '"]');
    const t0 = performance.now();
    key.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    key.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    document.dispatchEvent(new PointerEvent('pointerup'));
    await new Promise((resolve) => {
      const check = () => {
        const c = document.querySelector('.ui-field-composition');
        const done = c && c.textContent === word.slice(0, i + 1);
        if (done && document.querySelector('.ui-candidate')) requestAnimationFrame(() => resolve());
        else requestAnimationFrame(check);
      };
      check();
    });
    times.push(performance.now() - t0);
  }
  return times;
})()`;

async function browserFigures(url: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const firsts: number[] = [];
    const later: number[] = [];
    for (let r = 0; r < Math.max(3, Math.floor(ROUNDS / 4)); r++) {
      await page.goto(`${url}/ui-gallery-harness.html?section=pinyin`);
      await page.locator('.ui-keys').waitFor();
      const times = await page.evaluate<number[]>(TYPE_AND_TIME('shenfenzhengzhang'));
      firsts.push(times[0]!);
      later.push(...times.slice(1));
    }
    console.log(
      'pinyin in Chromium, 4× CPU throttling, key pressed → composition and candidates painted (next frame)',
    );
    console.log(
      `  first keystroke as the keyboard appears (the index chunk starts loading when a keyboard mounts): median ${ms(quantile(firsts, 0.5))}`,
    );
    console.log(
      `  later keystrokes: p50 ${ms(quantile(later, 0.5))}  p95 ${ms(quantile(later, 0.95))}  (${later.length}; frames are 16.7 ms)`,
    );
  } finally {
    await browser.close();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-bench-ui-'));
try {
  await pinyinFigures();
  const t0 = performance.now();
  // The shipped pages and the gallery, which holds every component and keyboard (an upper bound
  // for a screen's initial bundle until the screens exist).
  await buildRendererPages(['index', 'out-of-service', 'ui-gallery-harness'], dir);
  console.log(`renderer build ${ms(performance.now() - t0)} (voice and index from the cache when unchanged)`);
  await bundleFigures(dir);
  if (!values['no-browser']) {
    const server = await serveStatic(dir);
    try {
      await browserFigures(server.url);
    } finally {
      await server.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
