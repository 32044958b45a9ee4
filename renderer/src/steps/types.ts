// The contract between the shell and a step screen: the host describes the current step
// (`FlowView.step`), a screen renders it and reports what the citizen did as a `FlowInput`.
// Screens hold no journey logic: what comes next is the host's answer, a new view.
import type { ReactElement } from 'react';
import type { FlowInput, FlowView, StepView } from '../../../main/ipc/contract/flow';

/** What the page may send (the contract's FlowInput; "FlowEvent" in the task's words). */
export type FlowEvent = FlowInput;
export type StepKind = StepView['kind'];
/** The current step as the host sends it: its id, n of m, and the kind's own fields. */
export type StepViewOf<K extends StepKind> = NonNullable<FlowView['step']> & Extract<StepView, { kind: K }>;

export interface StepProps<K extends StepKind> {
  view: StepViewOf<K>;
  send: (e: FlowEvent) => void;
  /** The whole view (service, identity, can.back …) for screens that show more than their step. */
  flow?: FlowView;
}

export type StepComponent<K extends StepKind> = (props: StepProps<K>) => ReactElement;
/** Screens by step kind; a kind without one renders the fallback. */
export type StepRegistry = { [K in StepKind]?: StepComponent<K> };
