// What the locker-board family is (devices/core/contract.ts): its roles, the options a site gives it,
// its counters and self-tests. The host builds it from this (main/device-host/families/locker-board.ts).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { DEFAULT_LOCKER_PROTOCOL } from './config';
import { lockerSelfTests } from './diagnostics';
import { createLockerProtocol, LOCKER_PROTOCOLS, type LockerProtocolName } from './protocol';

const protocolName = z.enum(LOCKER_PROTOCOLS as unknown as [LockerProtocolName, ...LockerProtocolName[]]);

/** Per-cabinet settings calibrated at install ([L] in the fact sheet); anything else is misspelt. */
const Cabinet = z
  .object({
    boards: z.array(z.number().int().min(0).max(32)).min(1).optional(),
    doorsPerBoard: z.number().int().min(1).max(24).optional(),
    feedbackActiveMeans: z.enum(['open', 'closed']).optional(),
    groupOrder: z.enum(['highFirst', 'lowFirst']).optional(),
    bitOrder: z.enum(['lsbFirst', 'msbFirst']).optional(),
    openTimeoutMs: z.number().int().min(100).optional(),
    pollIntervalMs: z.number().int().min(10).optional(),
    replyTimeoutMs: z.number().int().min(10).optional(),
    monitorIntervalMs: z.number().int().min(50).optional(),
    missesBeforeNoDevice: z.number().int().min(1).optional(),
    openAllGapMs: z.number().int().min(0).optional(),
  })
  .strict();

export const LockerBoardOptions = z
  .object({
    protocol: protocolName.default(DEFAULT_LOCKER_PROTOCOL),
    cabinet: Cabinet.default({}),
    /** Simulated cabinet only: a person closes an opened door after this long (default: only sim control closes it). */
    simulator: z
      .object({
        closeAfterMs: z.number().int().min(100).optional(),
        springMs: z.number().int().min(0).max(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    // Addresses the protocol cannot carry would alias another board's doors: refused before any byte.
    const p = createLockerProtocol(o.protocol);
    const { min, max } = p.boardRange;
    (o.cabinet.boards ?? []).forEach((b, i) => {
      if (b < min || b > max)
        ctx.addIssue({
          code: 'custom',
          path: ['cabinet', 'boards', i],
          message: `a board address ${min}–${max} for ${o.protocol}, got ${b}`,
        });
    });
    const boards = o.cabinet.boards ?? [];
    if (new Set(boards).size !== boards.length)
      ctx.addIssue({
        code: 'custom',
        path: ['cabinet', 'boards'],
        message: 'board addresses unique on one bus',
      });
    const doors = o.cabinet.doorsPerBoard;
    if (doors !== undefined && doors > p.maxDoorsPerBoard)
      ctx.addIssue({
        code: 'custom',
        path: ['cabinet', 'doorsPerBoard'],
        message: `at most ${p.maxDoorsPerBoard} doors per board for ${o.protocol}, got ${doors}`,
      });
  });
export type LockerBoardOptions = z.infer<typeof LockerBoardOptions>;

export const LOCKER_COUNTERS = [
  'doorsOpened',
  'openFailures',
  'forcedOpens',
  'requests',
  'unanswered',
] as const;
export type LockerCounter = (typeof LOCKER_COUNTERS)[number];

export const lockerManifest = {
  family: 'locker-board',
  roles: ['lockers'],
  config: LockerBoardOptions,
  counters: LOCKER_COUNTERS,
  selfTests: lockerSelfTests.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<LockerBoardOptions>;
