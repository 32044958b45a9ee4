// Screens of the journey kinds H9 builds (lockers, queue ticket, check-in, rate, lookup, enter
// code). Kept apart from the core screens so both can grow without touching the same lines.
import type { StepRegistry } from './types';

export const JOURNEY_STEPS: StepRegistry = {};
