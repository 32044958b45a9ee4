// Renderer build: one Vite project rooted at renderer/; every HTML file directly in renderer/ is a
// page (add a page by adding its .html file). YIZHAN_RENDERER_PAGES (comma-separated page names,
// file names without .html) limits a build to some pages, which tests use to build only what they drive.
// Test harness pages (*-harness.html) are built only when named there, so they never ship.
import { readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
// Imports of the config's graph name their extension: Vite's coming native config loader needs it.
import { pinyinIndexPlugin } from './scripts/renderer-assets/pinyin-index.ts';
import { voicePromptsPlugin } from './scripts/renderer-assets/voice.ts';

const root = resolve(import.meta.dirname, 'renderer');

function pageInputs(): Record<string, string> {
  const only = process.env.YIZHAN_RENDERER_PAGES?.split(',').map((s) => s.trim());
  const inputs: Record<string, string> = {};
  for (const file of readdirSync(root)) {
    if (!file.endsWith('.html')) continue;
    const name = basename(file, '.html');
    const wanted = only ? only.includes(name) : !name.endsWith('-harness');
    if (wanted) inputs[name] = resolve(root, file);
  }
  if (Object.keys(inputs).length === 0) throw new Error(`no renderer pages to build in ${root}`);
  return inputs;
}

export default defineConfig({
  root,
  base: './',
  // Build-time assets: the pinyin index (its own chunk, loaded on demand) and the voice prompts.
  plugins: [react(), pinyinIndexPlugin(), voicePromptsPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // The pinyin index (~0.9 MB) is one chunk on purpose: loaded on demand, parsed once.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: { input: pageInputs() },
  },
});
