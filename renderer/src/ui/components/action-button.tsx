import type { ReactNode } from 'react';
import { useUi } from '../settings';
import type { Text } from '../text';

export type ActionVariant = 'primary' | 'secondary' | 'quiet';

export interface ActionButtonProps {
  label: Text;
  onPress: () => void;
  /** primary: the step's main action (accent, largest text); secondary: an alternative; quiet: navigation. */
  variant?: ActionVariant;
  icon?: ReactNode;
  disabled?: boolean;
  /** Shows only the icon (the label still names the button for assistive technology). */
  iconOnly?: boolean;
  testId?: string;
}

/** A touch action. Primary actions carry `data-main-action`, which the gallery checks hold to the mode's action text size. */
export function ActionButton({
  label,
  onPress,
  variant = 'primary',
  icon,
  disabled,
  iconOnly,
  testId,
}: ActionButtonProps) {
  const { t } = useUi();
  return (
    <button
      type="button"
      className={`ui-action ui-action-${variant}${iconOnly ? ' ui-action-icon' : ''}`}
      aria-label={iconOnly ? t(label) : undefined}
      data-main-action={variant === 'primary' ? '' : undefined}
      data-testid={testId}
      disabled={disabled}
      onClick={onPress}
    >
      {icon}
      {!iconOnly && <span>{t(label)}</span>}
    </button>
  );
}
