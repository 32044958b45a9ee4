// What the pcsc-reader family is (devices/core/contract.ts): its roles, the options a site gives it,
// its counters and self-tests. The host builds it from this (main/device-host/families).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { checks } from './diagnostics';

/** The shipped virtual cards (fixtures/), by name. */
export const SAMPLE_CARD_NAMES = [
  'ssc-gen1',
  'ssc-gen2',
  'ssc-gen3',
  'unionpay-debit',
  'unionpay-credit-contact',
  'unknown-card',
] as const;
export type SampleCardProfileName = (typeof SAMPLE_CARD_NAMES)[number];

/** Strict: a misspelt option is an error at start, not a setting silently ignored. */
export const PcscReaderOptions = z
  .object({
    /** After a failed APDU, how long to wait for the reader to report the card gone. */
    removalGraceMs: z.number().int().min(0).max(5000).optional(),
    /** Simulated reader only: how (auto: pcscd + vpcd when both run here) and the card in it at start. */
    simulator: z
      .object({
        via: z.enum(['auto', 'vpcd', 'in-process']).optional(),
        card: z.enum(SAMPLE_CARD_NAMES).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PcscReaderOptions = z.infer<typeof PcscReaderOptions>;

export const CARD_READER_COUNTERS = [
  'socialSecurityReads',
  'bankReads',
  'wrongCards',
  'cardsPulledMidRead',
  'readFailures',
] as const;
export type CardReaderCounter = (typeof CARD_READER_COUNTERS)[number];

export const pcscReaderManifest = {
  family: 'pcsc-reader',
  roles: ['socialSecurityCard', 'bankCard'],
  config: PcscReaderOptions,
  counters: CARD_READER_COUNTERS,
  selfTests: checks.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<PcscReaderOptions>;
