// The acceptance suite of every family against its simulator, built through the family as the host
// and `yizhan device <family> acceptance` build it: every self-test passes; with the matching fault
// switched on, the suite fails and names the check; with the fault cleared it passes again (the
// driver recovered without a restart). The same suite runs on a technician's bench against the
// real device (see main/cli/acceptance.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger, type ManualClock, type Operator } from '../../../devices/core';
import { SAMPLE_CARD_PROFILES } from '../../../devices/pcsc-reader';
import { runAcceptance, simulatorOperator } from '../../../main/device-host/acceptance';
import { FAMILIES, type FamilyName } from '../../../main/device-host/families';
import type { BuiltDevice, FamilyDefinition } from '../../../main/device-host/families/types';
import { testClock } from '../../helpers/clock';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-acceptance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let device: BuiltDevice | undefined;
afterEach(async () => {
  await device?.stop();
  device = undefined;
});

const OPTIONS: Partial<Record<FamilyName, object>> = {
  'pcsc-reader': { simulator: { via: 'in-process' } },
  'a4-printer': { jobTimeoutMs: 5000, simulator: { spooler: 'memory' } },
  'locker-board': { cabinet: { boards: [1, 2] } },
};

async function simulated(
  name: FamilyName,
): Promise<{ family: FamilyDefinition; device: BuiltDevice; clock: ManualClock }> {
  const family = FAMILIES[name] as unknown as FamilyDefinition;
  const clock = testClock();
  device = await family.build(
    {
      id: `${name}-1`,
      family: name,
      transport: { kind: 'simulated' },
      options: family.options.parse(OPTIONS[name] ?? {}),
    },
    { log: new MemoryLogger(), mode: 'service', dataDir: dir, clock },
  );
  await clock.until(() => device!.condition() === 'ready');
  return { family, device, clock };
}

async function accept(
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

const FAMILY_NAMES = [
  'id-card-reader',
  'escpos-printer',
  'locker-board',
  'scanner',
  'pcsc-reader',
  'a4-printer',
] as const;

describe('every family passes its acceptance suite against its simulator', () => {
  it.each(FAMILY_NAMES)('%s', async (name) => {
    const { family, device: d, clock } = await simulated(name);
    const r = await accept(family, d, clock);
    expect(r.failed).toEqual([]);
    expect(r.ids).toEqual(family.manifest.selfTests.map((t) => t.id));
    expect(r.passed).toBe(true);
  });
});

const sim = <T>(device: BuiltDevice) => device.simulator as T;

interface FaultCase {
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

const FAULTS: Record<(typeof FAMILY_NAMES)[number], FaultCase[]> = {
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

describe('with the matching fault on, the suite fails and names the check; cleared, it passes again', () => {
  const cases = FAMILY_NAMES.flatMap((name) => FAULTS[name].map((c) => [name, c.fault, c] as const));
  it.each(cases)('%s: %s', async (name, _fault, c) => {
    const { family, device: d, clock } = await simulated(name);
    await c.on(d);
    const faulty = await accept(family, d, clock, c.operator?.(family, d));
    expect(faulty.passed).toBe(false);
    expect(faulty.failed).toEqual(c.fails);
    await c.off(d);
    const again = await accept(family, d, clock);
    expect(again.failed).toEqual([]);
  });
});
