// Build time: every voice prompt (renderer/src/voice/prompts.ts) rendered to audio with Debian's
// espeak-ng — Mandarin with the cmn-latn-pinyin voice (the plain cmn voice reads many hanzi with
// English rules; toolchain.md §10), numbers turned into hanzi first — and encoded by sox as Ogg
// Vorbis (Chromium plays it; ~4 KB per spoken second against ~44 KB as WAV). The page gets
// `virtual:voice-prompts`, a map locale → prompt key → file; the files are emitted under voice/.
// Each rendering is cached by a hash of its text, voice, settings and the tools' versions.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';
// Explicit extensions: this file is part of the Vite config's import graph (see vite.config.mts).
import { VOICE_PROMPTS, type VoicePromptKey } from '../../renderer/src/voice/prompts.ts';
import { spokenMandarin } from '../../renderer/src/voice/spoken-numbers.ts';
import type { Locale } from '../../renderer/src/i18n/messages';
import { DEFAULT_CACHE_DIR, cached, hashOf } from './cache.ts';

const run = promisify(execFile);
const VIRTUAL = 'virtual:voice-prompts';
const RESOLVED = `\0${VIRTUAL}`;

/** espeak-ng voice and words per minute per locale. */
export const VOICES: Record<Locale, { voice: string; speed: number }> = {
  'zh-CN': { voice: 'cmn-latn-pinyin', speed: 150 },
  en: { voice: 'en-us', speed: 150 },
};
/** sox: Vorbis quality 0 (~30 kbit/s at espeak's 22,050 Hz mono) and peak-normalised to -1 dBFS. */
const SOX_EFFECTS = ['norm', '-1'];
const VORBIS_QUALITY = '0';

export interface RenderedPrompt {
  key: VoicePromptKey;
  locale: Locale;
  /** The text handed to espeak-ng (numbers already in hanzi). */
  spoken: string;
  file: string;
  bytes: number;
  hash: string;
  cacheHit: boolean;
}

let toolVersions: Promise<string> | undefined;
async function versions(): Promise<string> {
  toolVersions ??= (async () => {
    try {
      const [espeak, sox] = await Promise.all([run('espeak-ng', ['--version']), run('sox', ['--version'])]);
      return `${espeak.stdout.trim()}|${sox.stdout.trim()}`;
    } catch (cause) {
      toolVersions = undefined;
      throw new Error(
        'voice prompts are rendered with espeak-ng and sox: install the Debian packages espeak-ng and sox ' +
          '(scripts/setup-system.sh does)',
        { cause },
      );
    }
  })();
  return toolVersions;
}

/** The text espeak-ng speaks for a prompt: numbers in hanzi and no pauses inside a phrase for Mandarin. */
export function spokenText(locale: Locale, text: string): string {
  return locale === 'zh-CN' ? spokenMandarin(text) : text;
}

async function renderOne(key: VoicePromptKey, locale: Locale, cacheDir: string): Promise<RenderedPrompt> {
  const spoken = spokenText(locale, VOICE_PROMPTS[key][locale]);
  const { voice, speed } = VOICES[locale];
  const hash = hashOf(await versions(), voice, String(speed), VORBIS_QUALITY, ...SOX_EFFECTS, spoken);
  const file = await cached(path.join(cacheDir, 'voice'), hash, '.ogg', async (tmp) => {
    const wav = `${tmp}.wav`;
    await run('espeak-ng', ['-v', voice, '-s', String(speed), '-w', wav, '--', spoken]);
    await run('sox', [wav, '-t', 'ogg', '-C', VORBIS_QUALITY, tmp, ...SOX_EFFECTS]);
    rmSync(wav, { force: true });
  });
  return {
    key,
    locale,
    spoken,
    file: file.path,
    bytes: readFileSync(file.path).length,
    hash,
    cacheHit: file.hit,
  };
}

/** Renders every prompt in both languages, two at a time (the build machines have two cores). */
export async function renderVoicePrompts(cacheDir = DEFAULT_CACHE_DIR): Promise<RenderedPrompt[]> {
  const jobs = (Object.keys(VOICE_PROMPTS) as VoicePromptKey[]).flatMap((key) =>
    (Object.keys(VOICES) as Locale[]).map((locale) => () => renderOne(key, locale, cacheDir)),
  );
  const out: RenderedPrompt[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) out.push(await jobs[next++]!());
  };
  await Promise.all([worker(), worker()]);
  return out.sort((a, b) => (a.key + a.locale < b.key + b.locale ? -1 : 1));
}

/** Where a rendered prompt is served from, relative to the pages (all pages sit at the root). */
export const promptFileName = (p: RenderedPrompt) => `voice/${p.locale}/${p.key}.${p.hash.slice(0, 10)}.ogg`;

export function voicePromptsPlugin(opts: { cacheDir?: string } = {}): Plugin {
  let serving = false;
  const served = new Map<string, string>();
  return {
    name: 'yizhan-voice-prompts',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const manifest: Record<string, Record<string, string>> = {};
      for (const p of await renderVoicePrompts(opts.cacheDir)) {
        const fileName = promptFileName(p);
        if (serving) served.set(`/${fileName}`, p.file);
        else this.emitFile({ type: 'asset', fileName, source: readFileSync(p.file) });
        (manifest[p.locale] ??= {})[p.key] = fileName;
      }
      return `export default ${JSON.stringify(manifest)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = served.get((req.url ?? '').split('?')[0]!);
        if (!file) return next();
        res.setHeader('content-type', 'audio/ogg');
        res.end(readFileSync(file));
      });
    },
  };
}
