import type { Locale } from '../../i18n/messages';
import { useUi } from '../settings';
import { ElderGlyph, LanguageGlyph, SpeakerGlyph } from './icons';

const OTHER: Record<Locale, Locale> = { 'zh-CN': 'en', en: 'zh-CN' };

/** Elder mode and language, one tap each from every screen; "hear again" while elder mode speaks. */
export function ModeSwitches() {
  const { t, mode, setMode, locale, setLocale, replayVoice } = useUi();
  const elder = mode === 'elder';
  return (
    <div className="ui-switches">
      <button
        type="button"
        className="ui-switch"
        aria-pressed={elder}
        onClick={() => setMode(elder ? 'standard' : 'elder')}
        data-testid="switch-elder"
      >
        <ElderGlyph />
        <span>{t('toggle.elder')}</span>
      </button>
      <button
        type="button"
        className="ui-switch"
        lang={OTHER[locale]}
        onClick={() => setLocale(OTHER[locale])}
        data-testid="switch-language"
      >
        <LanguageGlyph />
        <span>{t('toggle.language')}</span>
      </button>
      {elder && (
        <button type="button" className="ui-switch" onClick={replayVoice} data-testid="voice-replay">
          <SpeakerGlyph />
          <span>{t('action.replayVoice')}</span>
        </button>
      )}
    </div>
  );
}
