/** The pure journey engine (README.md): the host feeds it events and runs the effects it returns. */
export { advance, step } from './session';
export { viewOf, catalogueView, identityView } from './view';
export { attract, Identity } from './model';
export type {
  CardRole,
  DeviceSignal,
  Effect,
  EngineEvent,
  KeyedEffect,
  MaterialRef,
  PrintContext,
  SessionState,
  Subject,
  TimerName,
  Transition,
} from './model';
export { IDLE_SECONDS, LIMITS, citizenLimit, idleLimits } from './limits';
export { faultOptions } from './faults';
export { checkResult } from './results';
