// The keys of every on-screen keyboard: react-simple-keyboard, configured for touch screens
// (touch events where the screen has them, so a tap is not a double tap; mousedown's default
// prevented, so a key never takes focus away), with no text of its own: labels come from our
// catalogues and what a key does is decided by the caller. simple-keyboard's own input buffer and
// candidate box are not used.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import type { MessageKey } from '../i18n/messages';
import { useUi } from '../ui/settings';

export interface TouchKeysProps {
  /** Rows of buttons, space-separated; `{name}` for function keys. */
  rows: readonly string[];
  onKey: (button: string) => void;
  /** Labels of function keys (and of keys shown differently from what they type), from the catalogues. */
  labels?: Readonly<Record<string, MessageKey>>;
  /** Shown as-is (letters, digits): key → face. */
  faces?: Readonly<Record<string, string>>;
  /** Keys that cannot be used now: dimmed and inert. */
  disabled?: readonly string[];
  /** Names the keyboard for tests and assistive technology. */
  name: string;
  className?: string;
}

export function TouchKeys({
  rows,
  onKey,
  labels = {},
  faces = {},
  disabled = [],
  name,
  className,
}: TouchKeysProps) {
  const { t } = useUi();
  // The latest handler without new options on every render (which would redraw every key).
  const handler = useRef(onKey);
  useEffect(() => {
    handler.current = onKey;
  }, [onKey]);
  const disabledSet = useMemo(() => new Set(disabled), [disabled]);
  const onKeyPress = useCallback(
    (button: string) => {
      if (!disabledSet.has(button)) handler.current(button);
    },
    [disabledSet],
  );
  const layout = useMemo(() => ({ default: [...rows] }), [rows]);
  const display = useMemo(() => {
    const d: Record<string, string> = { ...faces };
    for (const [button, key] of Object.entries(labels)) d[button] = t(key);
    return d;
  }, [faces, labels, t]);
  const buttonAttributes = useMemo(
    () => [
      ...Object.entries(labels).map(([button, key]) => ({
        attribute: 'aria-label',
        value: t(key),
        buttons: button,
      })),
      ...(disabled.length
        ? [{ attribute: 'aria-disabled', value: 'true', buttons: disabled.join(' ') }]
        : []),
    ],
    [labels, disabled, t],
  );
  const buttonTheme = useMemo(
    () => (disabled.length ? [{ class: 'is-disabled', buttons: disabled.join(' ') }] : []),
    [disabled],
  );
  return (
    <div className={`ui-keys${className ? ` ${className}` : ''}`} data-keyboard={name}>
      <Keyboard
        baseClass={`ui-keys-${name}`}
        theme="hg-theme-default ui-keyboard"
        layout={layout}
        display={display}
        buttonAttributes={buttonAttributes}
        buttonTheme={buttonTheme}
        onKeyPress={onKeyPress}
        useButtonTag
        autoUseTouchEvents
        preventMouseDownDefault
        disableButtonHold
        disableCaretPositioning
        physicalKeyboardHighlight={false}
      />
    </div>
  );
}
