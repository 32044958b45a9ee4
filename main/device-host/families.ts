import type { FamilyFactory } from './registry';

/** Device families the host can build from configuration, by family id. */
export const FAMILIES: Record<string, FamilyFactory> = {};
