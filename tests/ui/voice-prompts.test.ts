// Voice prompts rendered by the build step with the real espeak-ng and sox: every prompt, both
// languages, a playable Ogg Vorbis file, Mandarin read entirely by the Mandarin voice.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { VOICE_PROMPT_KEYS } from '../../renderer/src/voice/prompts';
import { VOICES, promptFileName, renderVoicePrompts } from '../../scripts/renderer-assets/voice';

describe('voice prompts (espeak-ng cmn-latn-pinyin → sox → Ogg Vorbis)', { timeout: 180_000 }, () => {
  test('every prompt in both languages is a playable Ogg file of plausible length', async () => {
    const rendered = await renderVoicePrompts();
    expect(rendered).toHaveLength(VOICE_PROMPT_KEYS.length * 2);
    for (const p of rendered) {
      const head = readFileSync(p.file).subarray(0, 4).toString('latin1');
      expect(head, p.key).toBe('OggS');
      const info = execFileSync('soxi', [p.file], { encoding: 'utf8' });
      expect(info, p.key).toMatch(/Sample Encoding: Vorbis/);
      const seconds = Number(execFileSync('soxi', ['-D', p.file], { encoding: 'utf8' }));
      // Roughly a syllable each 0.2–0.4 s in Mandarin; English words a little faster.
      const units =
        p.locale === 'zh-CN'
          ? [...p.spoken.replace(/[^\u4e00-\u9fff]/g, '')].length
          : p.spoken.split(' ').length;
      expect(seconds, `${p.key} ${p.locale}`).toBeGreaterThan(units * 0.12);
      expect(seconds, `${p.key} ${p.locale}`).toBeLessThan(units * 0.6 + 1);
      expect(promptFileName(p)).toMatch(
        new RegExp(`^voice/${p.locale}/${p.key.replace('.', '\\.')}\\.[0-9a-f]{10}\\.ogg$`),
      );
    }
  });

  test('Mandarin prompts reach espeak-ng without digits and with no switch to English rules', async () => {
    const zh = (await renderVoicePrompts()).filter((p) => p.locale === 'zh-CN');
    for (const p of zh) {
      expect(p.spoken, p.key).not.toMatch(/\d/);
      const phonemes = execFileSync('espeak-ng', ['-v', VOICES['zh-CN'].voice, '-q', '-x', '--', p.spoken], {
        encoding: 'utf8',
      });
      expect(phonemes, `${p.key}: ${p.spoken}`).not.toContain('(en)');
    }
    // "18 位" is said 十八位, not 一八 or "eighteen".
    expect(zh.find((p) => p.key === 'input.idNumber')?.spoken).toContain('十八位');
  });

  test('a second build renders nothing again', async () => {
    await renderVoicePrompts();
    const again = await renderVoicePrompts();
    expect(again.every((p) => p.cacheHit)).toBe(true);
  });
});
