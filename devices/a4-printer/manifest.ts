// What the a4-printer family is (devices/core/contract.ts): its roles, the options a site gives it,
// its counters and self-tests. The host builds it from this (main/device-host/families).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { a4SelfTests } from './diagnostics';

/** Strict: a misspelt option is an error at start, not a setting silently ignored. */
export const A4PrinterOptions = z
  .object({
    /** How long a job may take from submission to completed. */
    jobTimeoutMs: z.number().int().min(1000).optional(),
    /** Job and queue polling while a job is in flight. */
    pollMs: z.number().int().min(50).optional(),
    /** Queue state polling while idle, so paper out shows before a citizen asks for a print. */
    statusPollMs: z.number().int().min(0).optional(),
    /** Simulated printer only: which spooler (auto: a cups-pdf queue named `cupsPdfQueue` if CUPS has one). */
    simulator: z
      .object({
        spooler: z.enum(['auto', 'cups-pdf', 'memory']).optional(),
        cupsPdfQueue: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type A4PrinterOptions = z.infer<typeof A4PrinterOptions>;

export const A4_COUNTERS = ['jobsCompleted', 'jobsReused', 'jobsFailed', 'jobsCanceled'] as const;
export type A4Counter = (typeof A4_COUNTERS)[number];

export const a4PrinterManifest = {
  family: 'a4-printer',
  roles: ['a4Printer'],
  config: A4PrinterOptions,
  counters: A4_COUNTERS,
  selfTests: a4SelfTests.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<A4PrinterOptions>;
