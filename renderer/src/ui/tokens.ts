// Design tokens: the one place that holds the touch UI's numbers (issue #10). CSS reads them as
// custom properties (`cssVariables`, set on the UI root), the gallery's checks read them to measure
// every interactive element and every text against the numbers of the mode it is shown in.
// Timeouts are not here: the host owns them (elder mode doubles them there).

export type UiMode = 'standard' | 'elder';
export type Orientation = 'portrait' | 'landscape';

export const UI_MODES: readonly UiMode[] = ['standard', 'elder'];
export const ORIENTATIONS: readonly Orientation[] = ['portrait', 'landscape'];

export interface Palette {
  /** Page background. */
  canvas: string;
  /** Panels and cards on the canvas. */
  surface: string;
  /** Keys, secondary actions, list items. */
  raised: string;
  text: string;
  /** Secondary text (hints, descriptions); still meets the mode's contrast on every background. */
  textMuted: string;
  /** Primary actions and the selected state. */
  accent: string;
  onAccent: string;
  /** Failure panels. */
  alert: string;
  onAlert: string;
  /** The idle warning. */
  notice: string;
  onNotice: string;
  /** Borders and focus rings (non-text: ≥ 3:1 against the canvas). */
  outline: string;
}

export interface ModeTokens {
  /** Smallest width and height of anything that can be tapped, in CSS px. */
  minTarget: number;
  /** Smallest text on screen (body text), in CSS px. */
  bodyText: number;
  /** Labels of main actions. */
  actionText: number;
  /** Screen titles. */
  titleText: number;
  /** Line height as a multiple of the font size (MIIT: ≥ 1.3). */
  lineHeight: number;
  /** Minimum contrast ratio of any text against its background. */
  minContrast: number;
  /** Base spacing unit, in CSS px. */
  space: number;
  radius: number;
  /** Height of a main action button (≥ minTarget). */
  actionHeight: number;
  /** Height of a keyboard key (≥ minTarget); lower in landscape, where the screen is short. */
  keyHeight: Record<Orientation, number>;
  /** Choices shown at once in a choice list: fewer in elder mode. */
  choicesPerPage: Record<Orientation, number>;
  /** Hanzi candidates shown at once in the candidate bar. */
  candidatesPerPage: Record<Orientation, number>;
  palette: Palette;
}

export const MODES: Record<UiMode, ModeTokens> = {
  standard: {
    minTarget: 60,
    bodyText: 24,
    actionText: 30,
    titleText: 40,
    lineHeight: 1.35,
    minContrast: 4.5,
    space: 16,
    radius: 14,
    actionHeight: 88,
    keyHeight: { portrait: 80, landscape: 68 },
    choicesPerPage: { portrait: 6, landscape: 6 },
    candidatesPerPage: { portrait: 6, landscape: 9 },
    palette: {
      canvas: '#0b1f3a',
      surface: '#13315c',
      raised: '#1d4477',
      text: '#ffffff',
      textMuted: '#c8d6ea',
      accent: '#f2b705',
      onAccent: '#101010',
      alert: '#8c1d1d',
      onAlert: '#ffffff',
      notice: '#ffd666',
      onNotice: '#101010',
      outline: '#8fb3e6',
    },
  },
  elder: {
    minTarget: 80,
    bodyText: 30,
    actionText: 40,
    titleText: 48,
    lineHeight: 1.4,
    minContrast: 7,
    space: 20,
    radius: 16,
    actionHeight: 112,
    keyHeight: { portrait: 96, landscape: 84 },
    choicesPerPage: { portrait: 4, landscape: 4 },
    candidatesPerPage: { portrait: 4, landscape: 6 },
    palette: {
      canvas: '#000a17',
      surface: '#0b2140',
      raised: '#143059',
      text: '#ffffff',
      textMuted: '#e3ebf6',
      accent: '#ffc93c',
      onAccent: '#000000',
      alert: '#6e0f0f',
      onAlert: '#ffffff',
      notice: '#ffe08a',
      onNotice: '#000000',
      outline: '#a9c7f0',
    },
  },
};

/**
 * Every foreground/background pair the stylesheet paints text with. The tokens' test holds each
 * pair to the mode's `minContrast`; the gallery check measures what the browser really painted.
 */
export const TEXT_PAIRS: ReadonlyArray<readonly [keyof Palette, keyof Palette]> = [
  ['text', 'canvas'],
  ['text', 'surface'],
  ['text', 'raised'],
  ['textMuted', 'canvas'],
  ['textMuted', 'surface'],
  ['textMuted', 'raised'],
  ['onAccent', 'accent'],
  ['onAlert', 'alert'],
  ['onNotice', 'notice'],
  ['accent', 'canvas'],
  ['accent', 'surface'],
];

export interface LayoutTokens {
  width: number;
  height: number;
  /** Outer padding of a screen. */
  padding: number;
  /** Where the main actions sit: under the content in portrait (in reach of a standing or seated
   * person), in a column beside it in landscape. */
  actions: 'bottom' | 'side';
  /** Width of the action column in landscape. */
  sideWidth: number;
  /** Widest the on-screen keyboard grows (keys stay near the field they fill). */
  keyboardMaxWidth: number;
}

/** The two screens the kiosk ships for. */
export const LAYOUTS: Record<Orientation, LayoutTokens> = {
  portrait: {
    width: 1080,
    height: 1920,
    padding: 48,
    actions: 'bottom',
    sideWidth: 0,
    keyboardMaxWidth: 1040,
  },
  landscape: {
    width: 1920,
    height: 1080,
    padding: 40,
    actions: 'side',
    sideWidth: 520,
    keyboardMaxWidth: 1280,
  },
};

const px = (n: number) => `${n}px`;

/** The custom properties the stylesheet uses, for one mode and orientation. */
export function cssVariables(mode: UiMode, orientation: Orientation): Record<string, string> {
  const m = MODES[mode];
  const l = LAYOUTS[orientation];
  const vars: Record<string, string> = {
    '--ui-target': px(m.minTarget),
    '--ui-body': px(m.bodyText),
    '--ui-action': px(m.actionText),
    '--ui-title': px(m.titleText),
    '--ui-line': String(m.lineHeight),
    '--ui-space': px(m.space),
    '--ui-radius': px(m.radius),
    '--ui-action-height': px(m.actionHeight),
    '--ui-key-height': px(m.keyHeight[orientation]),
    '--ui-pad': px(l.padding),
    '--ui-side': px(l.sideWidth),
    '--ui-keyboard-max': px(l.keyboardMaxWidth),
  };
  for (const [name, value] of Object.entries(m.palette) as Array<[string, string]>)
    vars[`--ui-${kebab(name)}`] = value;
  return vars;
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
