// What the id-card-reader family is (devices/core/contract.ts): its roles, the options a site gives
// it, its counters and self-tests. The host builds it from this (main/device-host/families).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { checks } from './diagnostics';

/** The simulator's sample cards (simulator/sample-cards.ts; a test keeps the two lists equal). */
export const SAMPLE_CARD_NAMES = [
  'resident',
  'residentWithExtraAddress',
  'rareName',
  'hkmotw',
  'foreign2017',
  'foreign2023',
] as const;
export type SampleCardName = (typeof SAMPLE_CARD_NAMES)[number];

/** Strict: a misspelt option is an error at start, not a setting silently ignored. */
export const IdCardReaderOptions = z
  .object({
    /** Line rates to probe, in order (default 115200 then 9600). */
    baudRates: z.array(z.number().int().positive()).min(1).optional(),
    readFingerprint: z.boolean().optional(),
    readExtraAddress: z.boolean().optional(),
    /** Simulated reader only: the card lying on it at start (default none) and its RF read time. */
    simulator: z
      .object({
        card: z.enum(SAMPLE_CARD_NAMES).optional(),
        rfDelayMs: z.number().int().min(0).max(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type IdCardReaderOptions = z.infer<typeof IdCardReaderOptions>;

export const ID_CARD_COUNTERS = ['cardsRead', 'readFailures', 'probes', 'silentSpells'] as const;
export type IdCardCounter = (typeof ID_CARD_COUNTERS)[number];

export const idCardReaderManifest = {
  family: 'id-card-reader',
  roles: ['idCard'],
  config: IdCardReaderOptions,
  counters: ID_CARD_COUNTERS,
  selfTests: checks.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<IdCardReaderOptions>;
