// The base touch components every screen is built from.
export { ActionButton, type ActionButtonProps, type ActionVariant } from './action-button';
export { ChoiceList, type Choice, type ChoiceListProps } from './choice-list';
export { DevicePrompt, type DevicePromptKind, type DevicePromptProps } from './device-prompt';
export { FailurePanel, type FailurePanelProps } from './failure-panel';
export { IdleCountdown, secondsLeft, type IdleCountdownProps } from './idle-countdown';
export { ModeSwitches } from './mode-switches';
export { Pager, type PagerProps } from './pager';
export { ProgressPanel, type ProgressPanelProps } from './progress-panel';
export { ScreenFrame, type ScreenFrameProps } from './screen-frame';
export { StepHeader, type StepHeaderProps } from './step-header';
