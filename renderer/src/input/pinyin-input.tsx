// Chinese text on screen keys: full pinyin, 9-key pinyin or English letters, switchable at any time.
// Letters (or 9-key digits) build a composition; our candidate bar turns it into hanzi, a page at a
// time (fewer and larger in elder mode). A name is typed syllable by syllable (xiao → 晓, ming → 明);
// a phrase at once (shenfenzheng or sfz → 身份证).
import { useMemo, useState } from 'react';
import type { MessageKey } from '../i18n/messages';
import { Pager } from '../ui/components/pager';
import { useUi } from '../ui/settings';
import type { Text } from '../ui/text';
import { MODES } from '../ui/tokens';
import { InputDisplay } from './input-display';
import { pageOf, type Candidate, type PinyinEngine } from './pinyin/engine';
import { normaliseComposition, T9_LETTERS } from './pinyin/keys';
import { usePinyinEngine } from './pinyin/load';
import { TouchKeys } from './touch-keys';
import { afterLetterKey } from './letter-keys';
import { LetterKeys } from './letter-input';
import './input.css';

export type PinyinLayout = 'pinyin' | 't9' | 'letters';

const FULL_ROWS = [
  '1 2 3 4 5 6 7 8 9 0',
  'q w e r t y u i o p',
  "a s d f g h j k l '",
  'z x c v b n m {bksp}',
  '{clear} {space}',
];
const T9_ROWS = ['1 2 3', '4 5 6', '7 8 9', '{clear} {space} {bksp}'];
const T9_FACES: Record<string, string> = Object.fromEntries(
  Object.entries(T9_LETTERS).map(([digit, letters]) => [digit, letters.toUpperCase()]),
);
const FUNCTION_LABELS: Record<string, MessageKey> = {
  '{bksp}': 'key.backspace',
  '{clear}': 'key.clear',
  '{space}': 'key.space',
  "'": 'key.separator',
};
const T9_LABELS: Record<string, MessageKey> = { ...FUNCTION_LABELS, '1': 'key.separator' };

const DIGIT_KEYS = '1 2 3 4 5 6 7 8 9 0'.split(' ');
const MAX_COMPOSITION = 36;

const chars = (s: string) => [...s];
const LAYOUTS: ReadonlyArray<[PinyinLayout, MessageKey]> = [
  ['pinyin', 'input.mode.pinyin'],
  ['t9', 'input.mode.t9'],
  ['letters', 'input.mode.letters'],
];

export interface PinyinInputProps {
  label: Text;
  value: string;
  onChange: (value: string) => void;
  /** In characters. */
  maxLength?: number;
  initialLayout?: PinyinLayout;
  testId?: string;
}

/** For 9-key compositions, the letters of the best reading so far, so the citizen sees "shen'fen" not "7436336". */
function preview(composition: string, top: Candidate | undefined): string {
  if (!/[2-9]/.test(composition) || !top) return composition;
  const rest = composition.slice(top.consumed).replace(/^'/, '');
  return top.spelling.join("'") + (rest ? `'${rest}` : '');
}

export function PinyinInput({
  label,
  value,
  onChange,
  maxLength = 50,
  initialLayout = 'pinyin',
  testId,
}: PinyinInputProps) {
  const { t, mode, orientation } = useUi();
  const loaded = usePinyinEngine();
  const engine: PinyinEngine | undefined = loaded.state === 'ready' ? loaded.engine : undefined;
  const [layout, setLayout] = useState<PinyinLayout>(initialLayout);
  const [composition, setCompositionState] = useState('');
  const [page, setPage] = useState(0);
  const setComposition = (next: string) => {
    setCompositionState(normaliseComposition(next).slice(0, MAX_COMPOSITION));
    setPage(0);
  };

  const candidates = useMemo(
    () => (engine && composition ? engine.candidates(composition) : []),
    [engine, composition],
  );
  const spellings = useMemo(
    () => (engine && layout === 't9' && composition ? engine.spellings(composition) : []),
    [engine, layout, composition],
  );
  const perPage = MODES[mode].candidatesPerPage[orientation];
  const shown = pageOf(candidates, page, perPage);

  const append = (text: string) =>
    onChange(
      chars(value + text)
        .slice(0, maxLength)
        .join(''),
    );
  const choose = (c: Candidate) => {
    append(c.word);
    setComposition(composition.slice(c.consumed).replace(/^'/, ''));
  };
  const backspace = () => {
    if (composition) setComposition(composition.slice(0, -1));
    else onChange(chars(value).slice(0, -1).join(''));
  };

  const onKey = (button: string) => {
    if (layout === 'letters') return onChange(afterLetterKey(value, button, maxLength));
    if (button === '{bksp}') return backspace();
    if (button === '{clear}') {
      setComposition('');
      return onChange('');
    }
    if (button === '{space}') {
      if (composition) return candidates[0] ? choose(candidates[0]) : undefined;
      return append(' ');
    }
    if (layout === 't9') {
      if (button === '1')
        return composition && !composition.endsWith("'") ? setComposition(`${composition}'`) : undefined;
      return setComposition(composition + button);
    }
    if (/^\d$/.test(button)) return append(button);
    if (button === "'")
      return composition && !composition.endsWith("'") ? setComposition(`${composition}'`) : undefined;
    setComposition(composition + button);
  };

  const switchLayout = (next: PinyinLayout) => {
    setComposition('');
    setLayout(next);
  };

  const full = chars(value).length >= maxLength;
  const keyboard =
    layout === 'letters' ? (
      <LetterKeys onKey={onKey} />
    ) : layout === 't9' ? (
      <TouchKeys
        name="t9"
        rows={T9_ROWS}
        faces={T9_FACES}
        labels={T9_LABELS}
        onKey={onKey}
        className="ui-keys-pad"
      />
    ) : (
      <TouchKeys
        name="pinyin"
        rows={FULL_ROWS}
        labels={FUNCTION_LABELS}
        onKey={onKey}
        // Digits go straight into the text, so not while pinyin is waiting for its characters.
        disabled={composition || full ? DIGIT_KEYS : NO_KEYS}
      />
    );

  return (
    <div className="ui-input" data-testid={testId}>
      <div className="ui-input-head">
        <InputDisplay
          label={label}
          shown={value}
          composition={preview(composition, candidates[0])}
          testId="field"
          hint={loaded.state === 'failed' ? { text: 'input.noCandidates', tone: 'error' } : undefined}
        />
        <div className="ui-input-modes" role="group" aria-label={t(label)}>
          {LAYOUTS.map(([l, key]) => (
            <button
              key={l}
              type="button"
              className="ui-switch"
              aria-pressed={layout === l}
              onClick={() => switchLayout(l)}
              data-testid={`layout-${l}`}
            >
              {t(key)}
            </button>
          ))}
        </div>
      </div>
      {layout !== 'letters' && (
        <div className="ui-candidates" aria-label={t('input.candidates')} data-testid="candidates">
          {spellings.length > 0 && (
            <div className="ui-spellings" aria-label={t('input.spellings')} data-testid="spellings">
              {spellings.slice(0, perPage + 2).map((s) => (
                <button
                  key={s.text}
                  type="button"
                  className="ui-spelling"
                  onClick={() => setComposition(s.composition)}
                >
                  {s.text}
                </button>
              ))}
            </div>
          )}
          <div className="ui-candidate-row">
            <div className="ui-candidate-list">
              {!engine && composition && loaded.state === 'loading' && (
                <p className="ui-muted">{t('input.loading')}</p>
              )}
              {engine && composition && candidates.length === 0 && (
                <p className="ui-muted">{t('input.noCandidates')}</p>
              )}
              {shown.items.map((c) => (
                <button
                  key={c.word}
                  type="button"
                  className="ui-candidate"
                  onClick={() => choose(c)}
                  disabled={full}
                >
                  {c.word}
                </button>
              ))}
            </div>
            <Pager page={shown.page} pages={shown.pages} onPage={setPage} testId="candidates" compact />
          </div>
        </div>
      )}
      {keyboard}
    </div>
  );
}

const NO_KEYS: readonly string[] = [];
