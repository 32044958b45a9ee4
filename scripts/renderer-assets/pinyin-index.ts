// Build time: Debian's rime-data-pinyin-simp dictionary (Apache-2.0) → the compact pinyin index
// (renderer/src/input/pinyin/index-format.ts), served to the page as the module
// `virtual:pinyin-index`. The page imports it dynamically, so it is its own chunk, loaded when a
// keyboard first needs it and never part of the main bundle. The dictionary's NOTICE and licence
// ship beside the build under licenses/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
// Explicit extensions: this file is part of the Vite config's import graph (see vite.config.mts).
import { encodeIndex, INDEX_VERSION, parseRimeDict } from '../../renderer/src/input/pinyin/index-format.ts';
import { supplementEntries } from '../../renderer/src/input/pinyin/supplement.ts';
import { DEFAULT_CACHE_DIR, REPO_ROOT, cachedText, hashOf } from './cache.ts';

export const RIME_DICT = process.env.YIZHAN_RIME_DICT ?? '/usr/share/rime-data/pinyin_simp.dict.yaml';
const VIRTUAL = 'virtual:pinyin-index';
const RESOLVED = `\0${VIRTUAL}`;
const LICENSES = path.join(import.meta.dirname, 'licenses');
/** The sources whose change changes the index. */
const ENCODER_SOURCES = ['index-format.ts', 'supplement.ts'].map((f) =>
  path.join(REPO_ROOT, 'renderer/src/input/pinyin', f),
);

function readDictionary(dictPath: string): string {
  try {
    return readFileSync(dictPath, 'utf8');
  } catch (cause) {
    throw new Error(
      `the pinyin index is built from ${dictPath}: install the Debian package rime-data-pinyin-simp ` +
        `(scripts/setup-system.sh does)`,
      { cause },
    );
  }
}

/** The index text for a dictionary file, from the cache when the dictionary and encoder are unchanged. */
export async function buildPinyinIndexText(
  dictPath = RIME_DICT,
  cacheDir = DEFAULT_CACHE_DIR,
): Promise<string> {
  const dict = readDictionary(dictPath);
  const key = hashOf(INDEX_VERSION, dict, ...ENCODER_SOURCES.map((f) => readFileSync(f)));
  return cachedText(path.join(cacheDir, 'pinyin'), key, '.txt', () =>
    encodeIndex([...parseRimeDict(dict), ...supplementEntries()]),
  );
}

export function pinyinIndexPlugin(opts: { dictPath?: string; cacheDir?: string } = {}): Plugin {
  let used = false;
  return {
    name: 'yizhan-pinyin-index',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      used = true;
      const text = await buildPinyinIndexText(opts.dictPath, opts.cacheDir);
      return `export default ${JSON.stringify(text)};`;
    },
    generateBundle() {
      if (!used) return;
      for (const file of ['rime-pinyin-simp.NOTICE.txt', 'Apache-2.0.txt']) {
        this.emitFile({
          type: 'asset',
          fileName: `licenses/${file}`,
          source: readFileSync(path.join(LICENSES, file)),
        });
      }
    },
  };
}
