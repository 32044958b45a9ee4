// The UI root: language, elder mode and orientation for every component below it, the design
// tokens as CSS custom properties, and the voice of elder mode. Switching language or mode changes
// only this state, so a screen (and what a citizen has typed on it) stays as it is.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Locale } from '../i18n/messages';
import type { VoicePromptKey } from '../voice/prompts';
import { VoicePlayer } from '../voice/voice-player';
import { textOf, type Text } from './text';
import { cssVariables, type Orientation, type UiMode } from './tokens';
import './ui.css';

export interface UiSettings {
  locale: Locale;
  mode: UiMode;
  orientation: Orientation;
  setLocale: (locale: Locale) => void;
  setMode: (mode: UiMode) => void;
  t: (text: Text) => string;
  /** Speaks a prompt if elder mode is on; the screen's current prompt is what "hear again" repeats. */
  speak: (key: VoicePromptKey) => void;
  replayVoice: () => void;
}

const SettingsContext = createContext<UiSettings | null>(null);

export function useUi(): UiSettings {
  const ui = useContext(SettingsContext);
  if (!ui) throw new Error('useUi() outside <UiRoot>');
  return ui;
}

const loadManifest = () => import('virtual:voice-prompts').then((m) => m.default);

function useScreenOrientation(forced?: Orientation): Orientation {
  const query = '(orientation: portrait)';
  const [portrait, setPortrait] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const update = () => setPortrait(media.matches);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return forced ?? (portrait ? 'portrait' : 'landscape');
}

export interface UiRootProps {
  children: ReactNode;
  initialLocale?: Locale;
  initialMode?: UiMode;
  /** Fixes the layout instead of following the screen (the gallery shows both). */
  orientation?: Orientation;
  /** A player of one's own (tests); by default one plays the build's rendered prompts. */
  voice?: VoicePlayer;
  className?: string;
}

export function UiRoot({
  children,
  initialLocale = 'zh-CN',
  initialMode = 'standard',
  orientation,
  voice,
  className,
}: UiRootProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [mode, setModeState] = useState<UiMode>(initialMode);
  const screen = useScreenOrientation(orientation);
  const player = useMemo(() => voice ?? new VoicePlayer(loadManifest), [voice]);
  const current = useRef<{ mode: UiMode; locale: Locale; prompt?: VoicePromptKey }>({ mode, locale });
  // A layout effect runs before the children's effects, so a prompt they speak after a switch
  // already uses the new language.
  useLayoutEffect(() => {
    current.current.mode = mode;
    current.current.locale = locale;
  }, [mode, locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => () => player.stop(), [player]);

  const speak = useCallback(
    (key: VoicePromptKey) => {
      current.current.prompt = key;
      if (current.current.mode === 'elder') void player.play(key, current.current.locale);
    },
    [player],
  );
  const setMode = useCallback(
    (next: UiMode) => {
      setModeState(next);
      if (next === 'elder') {
        const screenPrompt = current.current.prompt;
        void player.play(screenPrompt ? ['elder.on', screenPrompt] : ['elder.on'], current.current.locale);
      } else player.stop();
    },
    [player],
  );
  const replayVoice = useCallback(() => void player.replay(current.current.locale), [player]);

  const value = useMemo<UiSettings>(
    () => ({
      locale,
      mode,
      orientation: screen,
      setLocale,
      setMode,
      t: (text) => textOf(locale, text),
      speak,
      replayVoice,
    }),
    [locale, mode, screen, setMode, speak, replayVoice],
  );

  return (
    <SettingsContext.Provider value={value}>
      <div
        className={`ui-root${className ? ` ${className}` : ''}`}
        data-mode={mode}
        data-orientation={screen}
        lang={locale}
        style={cssVariables(mode, screen)}
      >
        {children}
      </div>
    </SettingsContext.Provider>
  );
}

/**
 * Makes `key` the screen's voice prompt: spoken when it appears and again in the other language
 * when the citizen switches, if elder mode is on (turning elder mode on speaks it too).
 */
export function useVoicePrompt(key: VoicePromptKey | undefined): void {
  const { speak, locale } = useUi();
  useEffect(() => {
    if (key) speak(key);
  }, [key, locale, speak]);
}
