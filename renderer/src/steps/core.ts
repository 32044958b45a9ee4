// Screens of the core step kinds (H8).
import type { StepRegistry } from './types';

export const CORE_STEPS: StepRegistry = {};
