// The step registry: each FlowView step kind → its screen. A kind with no screen yet renders a
// plain fallback (the step's title, next/back), never a crash.
import { createElement, type ReactElement } from 'react';
import type { FlowView } from '../../../main/ipc/contract/flow';
import { CORE_STEPS } from './core';
import { FallbackStep } from './fallback';
import { JOURNEY_STEPS } from './journeys';
import type { FlowEvent, StepComponent, StepKind, StepRegistry } from './types';

export const STEP_SCREENS: StepRegistry = { ...CORE_STEPS, ...JOURNEY_STEPS };

/** The screen of a kind, or the fallback. */
export function screenFor<K extends StepKind>(
  kind: K,
  registry: StepRegistry = STEP_SCREENS,
): StepComponent<K> {
  return registry[kind] ?? (FallbackStep as unknown as StepComponent<K>);
}

/** Renders the current step of `flow` (which must have one). */
export function renderStep(
  flow: FlowView & { step: NonNullable<FlowView['step']> },
  send: (e: FlowEvent) => void,
  registry: StepRegistry = STEP_SCREENS,
): ReactElement {
  const Screen = screenFor<StepKind>(flow.step.kind, registry);
  return createElement(Screen, { key: flow.step.id, view: flow.step as never, send, flow });
}

export type { FlowEvent, StepComponent, StepKind, StepProps, StepRegistry, StepViewOf } from './types';
export { StepFrame, StepFrameContext, type StepFrameProps, type StepFrameShell } from './step-frame';
