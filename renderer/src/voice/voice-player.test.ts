import { describe, expect, test, vi } from 'vitest';
import { VOICE_PROMPTS } from './prompts';
import { VoicePlayer, type AudioLike } from './voice-player';

const MANIFEST = {
  'zh-CN': { 'elder.on': 'voice/zh-CN/elder.on.ogg', 'device.takeCard': 'voice/zh-CN/device.takeCard.ogg' },
  en: { 'elder.on': 'voice/en/elder.on.ogg', 'device.takeCard': 'voice/en/device.takeCard.ogg' },
};

function fakeAudio() {
  const played: string[] = [];
  const audio: AudioLike & { played: string[]; paused: number; end(): void } = {
    src: '',
    played,
    paused: 0,
    onended: null,
    play: () => {
      played.push(audio.src);
      return Promise.resolve();
    },
    pause: () => {
      audio.paused++;
    },
    end: () => audio.onended?.(new Event('ended')),
  };
  return audio;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('voice player', () => {
  test('plays a sequence in order, each prompt when the previous ends', async () => {
    const audio = fakeAudio();
    const player = new VoicePlayer(
      () => Promise.resolve(MANIFEST),
      () => audio,
    );
    await player.play(['elder.on', 'device.takeCard'], 'zh-CN');
    expect(audio.played).toEqual(['voice/zh-CN/elder.on.ogg']);
    audio.end();
    await flush();
    expect(audio.played).toEqual(['voice/zh-CN/elder.on.ogg', 'voice/zh-CN/device.takeCard.ogg']);
  });

  test('a new prompt stops the one playing and drops the rest of its sequence', async () => {
    const audio = fakeAudio();
    const player = new VoicePlayer(
      () => Promise.resolve(MANIFEST),
      () => audio,
    );
    await player.play(['elder.on', 'device.takeCard'], 'zh-CN');
    const ended = audio.onended;
    await player.play('device.takeCard', 'en');
    expect(audio.paused).toBeGreaterThan(0);
    ended?.(new Event('ended')); // a late "ended" of the superseded prompt starts nothing
    await flush();
    expect(audio.played).toEqual(['voice/zh-CN/elder.on.ogg', 'voice/en/device.takeCard.ogg']);
  });

  test('replays the last sequence in the language now chosen', async () => {
    const audio = fakeAudio();
    const player = new VoicePlayer(
      () => Promise.resolve(MANIFEST),
      () => audio,
    );
    await player.play('device.takeCard', 'zh-CN');
    await player.replay('en');
    expect(audio.played.at(-1)).toBe('voice/en/device.takeCard.ogg');
  });

  test('a refused play (no user gesture yet) is logged, not thrown; the manifest loads once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const load = vi.fn(() => Promise.resolve(MANIFEST));
    const audio = fakeAudio();
    audio.play = () => Promise.reject(new Error('NotAllowedError'));
    const player = new VoicePlayer(load, () => audio);
    await expect(player.play('elder.on', 'zh-CN')).resolves.toBeUndefined();
    await player.play('device.takeCard', 'zh-CN');
    expect(load).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('did not play'));
    warn.mockRestore();
  });

  test('every prompt has both languages', () => {
    for (const [key, text] of Object.entries(VOICE_PROMPTS)) {
      expect(text['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, key).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
