// The faults each family's simulator can inject, and what the acceptance suite must then report:
// shared by the acceptance tests (tests/integration/device-host/acceptance.test.ts) and the fault
// matrix (scripts/fault-matrix.mjs), so a fault added here is checked by both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryLogger, type ManualClock, type Operator } from '../../devices/core';
import { SAMPLE_CARD_PROFILES } from '../../devices/pcsc-reader';
import { runAcceptance, simulatorOperator } from '../../main/device-host/acceptance';
import { FAMILIES, type FamilyName } from '../../main/device-host/families';
import type { BuiltDevice, FamilyDefinition } from '../../main/device-host/families/types';
import { testClock } from './clock';

export const FAMILY_NAMES = [
  'id-card-reader',
  'escpos-printer',
  'locker-board',
  'scanner',
  'pcsc-reader',
  'a4-printer',
] as const;

const OPTIONS: Partial<Record<FamilyName, object>> = {
  'pcsc-reader': { simulator: { via: 'in-process' } },
  'a4-printer': { jobTimeoutMs: 5000, simulator: { spooler: 'memory' } },
  'locker-board': { cabinet: { boards: [1, 2] } },
};

export interface Simulated {
  family: FamilyDefinition;
  device: BuiltDevice;
  clock: ManualClock;
}

/** A family built as the host builds it, on its simulator and a manual clock, once it is ready. */
export async function simulated(
  name: FamilyName,
  dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-faults-')),
): Promise<Simulated> {
  const family = FAMILIES[name] as unknown as FamilyDefinition;
  const clock = testClock();
  const device = await family.build(
    {
      id: `${name}-1`,
      family: name,
      transport: { kind: 'simulated' },
      options: family.options.parse(OPTIONS[name] ?? {}),
    },
    { log: new MemoryLogger(), mode: 'service', dataDir, clock },
  );
  await clock.until(() => device.condition() === 'ready');
  return { family, device, clock };
}

/** The family's acceptance suite through its driver: pass/fail and the `id key` of each failed check. */
export async function accept(
  family: FamilyDefinition,
  d: BuiltDevice,
  clock: ManualClock,
  operator: Operator = simulatorOperator(family, d),
) {
  const report = await clock.run(runAcceptance(family, d, { operator }));
  return {
    passed: report.passed,
    ids: report.results.map((r) => r.id),
    failed: report.results.filter((r) => r.outcome === 'fail').map((r) => `${r.id} ${r.key}`),
  };
}

const sim = <T>(device: BuiltDevice) => device.simulator as T;

export interface FaultCase {
  fault: string;
  on: (d: BuiltDevice) => void | Promise<void>;
  off: (d: BuiltDevice) => void | Promise<void>;
  /** `check key` of every self-test that must fail. */
  fails: string[];
  /** A person who does something else than asked (a wrong card). */
  operator?: (family: FamilyDefinition, d: BuiltDevice) => Operator;
}

type IdCardSim = { setFault(f: string, on: boolean): void };
type PrinterSim = { setFaults(p: object): void };
type LockerSim = {
  jam(b: number, d: number): void;
  free(b: number, d: number): void;
  setDeadSensor(b: number, d: number, dead: boolean): void;
  silence(b: number): void;
  answer(b: number): void;
};
type ScannerSim = { simulator: { ignoresSettings: boolean; factoryReset(): void } };
type CardSim = { setAttached?(a: boolean): void; insert(c: unknown): Promise<void>; remove(): Promise<void> };
type A4Sim = { paper(s: 'ok' | 'out'): Promise<void> };

export const FAULTS: Record<(typeof FAMILY_NAMES)[number], FaultCase[]> = {
  'id-card-reader': [
    {
      fault: 'SAM self-test fails',
      on: (d) => sim<IdCardSim>(d).setFault('samFailure', true),
      off: (d) => sim<IdCardSim>(d).setFault('samFailure', false),
      fails: ['idcard.sam diag.idcard.samFailed'],
    },
    {
      fault: 'the card cannot be read',
      on: (d) => sim<IdCardSim>(d).setFault('readFail', true),
      off: (d) => sim<IdCardSim>(d).setFault('readFail', false),
      fails: ['idcard.read diag.idcard.cardReadFailed'],
    },
    {
      fault: 'a placed card is not found',
      on: (d) => sim<IdCardSim>(d).setFault('noCard', true),
      off: (d) => sim<IdCardSim>(d).setFault('noCard', false),
      fails: ['idcard.read diag.idcard.noCard'],
    },
  ],
  'escpos-printer': [
    {
      fault: 'paper out',
      on: (d) => sim<PrinterSim>(d).setFaults({ paperOut: true }),
      off: (d) => sim<PrinterSim>(d).setFaults({ paperOut: false }),
      fails: ['printer.status diag.printer.paperOut', 'printer.testSlip diag.printer.job.paperOut'],
    },
    {
      fault: 'cover open',
      on: (d) => sim<PrinterSim>(d).setFaults({ coverOpen: true }),
      off: (d) => sim<PrinterSim>(d).setFaults({ coverOpen: false }),
      fails: ['printer.status diag.printer.coverOpen', 'printer.testSlip diag.printer.job.coverOpen'],
    },
    {
      fault: 'paper runs out mid-slip',
      on: (d) => sim<PrinterSim>(d).setFaults({ paperOutMidJob: { afterBytes: 200 } }),
      off: (d) => sim<PrinterSim>(d).setFaults({ paperOut: false, paperOutMidJob: null }),
      fails: ['printer.testSlip diag.printer.job.paperOut'],
    },
  ],
  'locker-board': [
    {
      fault: 'the tested door is jammed',
      on: (d) => sim<LockerSim>(d).jam(1, 1),
      off: (d) => sim<LockerSim>(d).free(1, 1),
      fails: ['locker.open diag.locker.doorJammed'],
    },
    {
      fault: "the tested door's sensor is dead",
      on: (d) => sim<LockerSim>(d).setDeadSensor(1, 1, true),
      off: (d) => sim<LockerSim>(d).setDeadSensor(1, 1, false),
      fails: ['locker.open diag.locker.doorDidNotOpen'],
    },
    {
      fault: 'a board does not answer',
      on: (d) => sim<LockerSim>(d).silence(2),
      off: (d) => sim<LockerSim>(d).answer(2),
      fails: ['locker.boards diag.locker.boardNotAnswering'],
    },
  ],
  scanner: [
    {
      fault: 'the module acknowledges its settings and keeps its own',
      on: (d) => {
        // A module whose settings never took: factory zones, and writes acknowledged but not kept.
        sim<ScannerSim>(d).simulator.factoryReset();
        sim<ScannerSim>(d).simulator.ignoresSettings = true;
      },
      off: (d) => void (sim<ScannerSim>(d).simulator.ignoresSettings = false),
      fails: ['scanner.settings diag.scanner.settingsNotKept'],
    },
  ],
  'pcsc-reader': [
    {
      fault: 'the reader is unplugged',
      on: (d) => sim<CardSim>(d).setAttached!(false),
      off: (d) => sim<CardSim>(d).setAttached!(true),
      fails: ['cardReader.present diag.cardReader.noReader', 'cardReader.testRead diag.cardReader.noReader'],
    },
    {
      fault: 'the card is pulled mid-read',
      on: () => undefined,
      off: () => undefined,
      operator: (_f, d) => ({
        patienceMs: 2000,
        async ask(r) {
          const card = sim<CardSim>(d);
          if (r.kind === 'insertCard')
            await card.insert({
              ...SAMPLE_CARD_PROFILES['ssc-gen3'],
              faults: { pulledMidRead: { afterApdus: 3 } },
            });
          else if (r.kind === 'removeCard') await card.remove();
        },
      }),
      fails: ['cardReader.testRead diag.cardReader.cardRemoved'],
    },
    {
      fault: 'a card with neither application',
      on: () => undefined,
      off: () => undefined,
      operator: (_f, d) => ({
        patienceMs: 2000,
        async ask(r) {
          if (r.kind === 'insertCard') await sim<CardSim>(d).insert('unknown-card');
        },
      }),
      fails: ['cardReader.testRead diag.cardReader.wrongCard'],
    },
  ],
  'a4-printer': [
    {
      fault: 'paper out',
      on: (d) => sim<A4Sim>(d).paper('out'),
      off: (d) => sim<A4Sim>(d).paper('ok'),
      fails: ['a4.queue diag.a4.paperOut', 'a4.testPage diag.a4.printerOffline'],
    },
  ],
};
