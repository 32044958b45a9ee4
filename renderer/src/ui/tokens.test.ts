import { describe, expect, test } from 'vitest';
import { contrastRatio, parseColor } from './contrast';
import { LAYOUTS, MODES, ORIENTATIONS, TEXT_PAIRS, UI_MODES, cssVariables } from './tokens';

describe('contrast', () => {
  test('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // WCAG's own example pair: #767676 on white is the lightest grey that passes 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  test('reads the colour forms getComputedStyle returns, and blends translucent text', () => {
    expect(parseColor('rgb(255, 0, 10)')).toEqual({ r: 255, g: 0, b: 10, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0.5)')).toEqual({ r: 0, g: 0, b: 0, a: 0.5 });
    expect(parseColor('#abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc, a: 1 });
    // Half-transparent black on white is mid grey: far less contrast than black.
    expect(contrastRatio('rgba(0, 0, 0, 0.5)', '#ffffff')).toBeCloseTo(contrastRatio('#808080', '#fff'), 1);
    expect(() => parseColor('hsl(0 0% 0%)')).toThrow(/unsupported/);
  });
});

describe('design tokens (issue #10 numbers)', () => {
  test('standard mode: targets ≥ 60 px, body ≥ 24 px, contrast ≥ 4.5:1', () => {
    const s = MODES.standard;
    expect(s.minTarget).toBeGreaterThanOrEqual(60);
    expect(s.bodyText).toBeGreaterThanOrEqual(24);
    expect(s.minContrast).toBeGreaterThanOrEqual(4.5);
  });

  test('elder mode: body ≥ 30 px, main actions ≥ 40 px, targets ≥ 80 px, contrast ≥ 7:1, fewer choices', () => {
    const e = MODES.elder;
    expect(e.bodyText).toBeGreaterThanOrEqual(30);
    expect(e.actionText).toBeGreaterThanOrEqual(40);
    expect(e.minTarget).toBeGreaterThanOrEqual(80);
    expect(e.minContrast).toBeGreaterThanOrEqual(7);
    for (const o of ORIENTATIONS) {
      expect(e.choicesPerPage[o]).toBeLessThan(MODES.standard.choicesPerPage[o]);
      expect(e.candidatesPerPage[o]).toBeLessThan(MODES.standard.candidatesPerPage[o]);
    }
  });

  test.each(UI_MODES)('%s: sizes are coherent (line height ≥ 1.3, keys and actions ≥ the target)', (mode) => {
    const m = MODES[mode];
    expect(m.lineHeight).toBeGreaterThanOrEqual(1.3);
    expect(m.actionHeight).toBeGreaterThanOrEqual(m.minTarget);
    for (const o of ORIENTATIONS) expect(m.keyHeight[o]).toBeGreaterThanOrEqual(m.minTarget);
    expect(m.actionText).toBeGreaterThanOrEqual(m.bodyText);
    expect(m.titleText).toBeGreaterThan(m.actionText);
  });

  test.each(UI_MODES)('%s: every text colour pair meets the mode contrast', (mode) => {
    const { palette, minContrast } = MODES[mode];
    const failing = TEXT_PAIRS.map(([fg, bg]) => ({
      fg,
      bg,
      ratio: contrastRatio(palette[fg], palette[bg]),
    })).filter((p) => p.ratio < minContrast);
    expect(failing).toEqual([]);
  });

  test.each(UI_MODES)('%s: outlines are visible (≥ 3:1 non-text contrast) on canvas and surface', (mode) => {
    const { palette } = MODES[mode];
    expect(contrastRatio(palette.outline, palette.canvas)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(palette.outline, palette.surface)).toBeGreaterThanOrEqual(3);
  });

  test('layouts are the two shipped screens', () => {
    expect([LAYOUTS.portrait.width, LAYOUTS.portrait.height]).toEqual([1080, 1920]);
    expect([LAYOUTS.landscape.width, LAYOUTS.landscape.height]).toEqual([1920, 1080]);
    // Ten keys a row must fit the portrait screen at the elder key size.
    const elderRow = 10 * MODES.elder.minTarget + 9 * 8;
    expect(elderRow).toBeLessThanOrEqual(LAYOUTS.portrait.keyboardMaxWidth - 2 * MODES.elder.space);
  });

  test('CSS custom properties carry the numbers of the mode', () => {
    const v = cssVariables('elder', 'landscape');
    expect(v['--ui-target']).toBe('80px');
    expect(v['--ui-body']).toBe('30px');
    expect(v['--ui-on-accent']).toBe(MODES.elder.palette.onAccent);
    expect(v['--ui-side']).toBe(`${LAYOUTS.landscape.sideWidth}px`);
    expect(cssVariables('standard', 'portrait')['--ui-target']).toBe('60px');
  });
});
