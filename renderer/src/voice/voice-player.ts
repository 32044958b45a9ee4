// Plays pre-rendered voice prompts by key (elder mode). One audio element: a new prompt stops the
// one playing, a sequence plays its prompts one after another. The manifest of rendered files is
// loaded on first use, so a session that never turns elder mode on never fetches it.
import type { Locale } from '../i18n/messages';
import type { VoicePromptKey } from './prompts';

export type VoiceManifest = Record<string, Record<string, string>>;

/** What the player needs of an HTMLAudioElement. */
export interface AudioLike {
  src: string;
  play(): Promise<void>;
  pause(): void;
  onended: ((ev: Event) => unknown) | null;
}

export class VoicePlayer {
  private manifest?: Promise<VoiceManifest>;
  private audio?: AudioLike;
  private queue: VoicePromptKey[] = [];
  private locale: Locale = 'zh-CN';
  private lastSequence: VoicePromptKey[] = [];
  /** Counts play requests, so a manifest that arrives late never starts a superseded prompt. */
  private generation = 0;

  constructor(
    private readonly loadManifest: () => Promise<VoiceManifest>,
    private readonly makeAudio: () => AudioLike = () => new Audio(),
  ) {}

  /** Stops what is playing and plays `keys` in order, in `locale`. */
  play(keys: VoicePromptKey | readonly VoicePromptKey[], locale: Locale): Promise<void> {
    this.stop();
    this.queue = typeof keys === 'string' ? [keys] : [...keys];
    this.lastSequence = [...this.queue];
    this.locale = locale;
    return this.next(++this.generation);
  }

  /** Plays the last sequence again (the "hear again" button), in `locale`. */
  replay(locale: Locale): Promise<void> {
    return this.lastSequence.length ? this.play(this.lastSequence, locale) : Promise.resolve();
  }

  stop(): void {
    this.generation++;
    this.queue = [];
    if (this.audio) {
      this.audio.onended = null;
      this.audio.pause();
    }
  }

  private async next(generation: number): Promise<void> {
    const key = this.queue.shift();
    if (!key) return;
    const manifest = await (this.manifest ??= this.loadManifest());
    if (generation !== this.generation) return;
    const file = manifest[this.locale]?.[key];
    if (!file) {
      console.warn(`voice prompt ${key} has no ${this.locale} rendering`);
      return this.next(generation);
    }
    const audio = (this.audio ??= this.makeAudio());
    audio.src = file;
    audio.onended = () => {
      if (generation === this.generation) void this.next(generation);
    };
    try {
      await audio.play();
    } catch (e) {
      // Autoplay refused (no tap yet on this page) or the file is unplayable: the screen still
      // shows everything the voice says.
      console.warn(`voice prompt ${key} did not play: ${(e as Error).message}`);
    }
  }
}
