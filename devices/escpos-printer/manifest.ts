// What the escpos-printer family is (devices/core/contract.ts): its roles, the options a site gives
// it, its counters and self-tests. The host builds it from this (main/device-host/families).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { printerChecks } from './diagnostics';
import { PROFILE_NAMES } from './protocol/profiles';

/** Strict: a misspelt option is an error at start, not a setting silently ignored. */
export const EscposPrinterOptions = z
  .object({
    profile: z.enum(PROFILE_NAMES as [string, ...string[]]).default('kp628'),
    /** How long a printed receipt is watched for the customer to take it (presenter models). */
    takeTimeoutMs: z.number().int().min(1000).optional(),
    /** Idle status polling (DLE EOT); 0 turns it off. */
    statusPollMs: z.number().int().min(0).optional(),
    replyTimeoutMs: z.number().int().min(50).optional(),
    /** Ask for Automatic Status Back (GS a) on connect. */
    statusBack: z.boolean().optional(),
    /** Simulated printer only: receipts wait in the presenter until taken (default true). */
    simulator: z.object({ receiptsWaitToBeTaken: z.boolean().optional() }).strict().optional(),
  })
  .strict();
export type EscposPrinterOptions = z.infer<typeof EscposPrinterOptions>;

export const PRINTER_COUNTERS = [
  'receiptsPrinted',
  'receiptsTaken',
  'receiptsNotTaken',
  'jobsHeld',
  'jobsFailed',
  'reprints',
] as const;
export type PrinterCounter = (typeof PRINTER_COUNTERS)[number];

export const escposPrinterManifest = {
  family: 'escpos-printer',
  roles: ['receiptPrinter'],
  config: EscposPrinterOptions,
  counters: PRINTER_COUNTERS,
  selfTests: printerChecks.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<EscposPrinterOptions>;
