// Small glyphs drawn inline (kiosks have no emoji font and the page loads nothing remote). They
// decorate a text label and are hidden from assistive technology.

const glyph = (path: string) =>
  function Glyph() {
    return (
      <svg className="ui-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={path} />
      </svg>
    );
  };

export const BackGlyph = glyph('M15 4 7 12l8 8');
export const CloseGlyph = glyph('M6 6l12 12M18 6 6 18');
export const PrevGlyph = glyph('M15 5l-7 7 7 7');
export const NextGlyph = glyph('M9 5l7 7-7 7');
export const SpeakerGlyph = glyph('M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11');
export const LanguageGlyph = glyph(
  'M3 5h10M8 3v2M5 9c2 4 5 6 8 7M11 5c-1 4-4 8-8 10M13 21l4-9 4 9M14.5 18h5',
);
export const ElderGlyph = glyph('M3 19l4-12 4 12M4.5 15h5M14 19l3-8 3 8M15 16.5h4');
export const CounterGlyph = glyph('M3 20h18M5 20V10h14v10M8 10V6h8v4M12 14v3');
export const AlertGlyph = glyph('M12 3 2 20h20zM12 10v4M12 17v.5');
