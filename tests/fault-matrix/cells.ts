// The fault matrix (issue #12): one cell per family × fault its simulator can inject. A device cell
// switches the fault on, expects the family's acceptance suite to fail naming the expected checks,
// switches it off and expects the suite to pass again through the same driver (it recovered without
// a restart). Journey cells ("the citizen sees a clear message, the journey completes or ends
// cleanly, nothing lost") are added to JOURNEY_CELLS by the session's owners; the runner prints both.
import type { FamilyName } from '../../main/device-host/families';
import { accept, FAMILY_NAMES, FAULTS, simulated } from '../helpers/device-faults';

export interface FaultCell {
  family: FamilyName;
  fault: string;
  level: 'device' | 'journey';
  /** Runs the cell in `dataDir`: undefined when it held, otherwise what went wrong. */
  run(dataDir: string): Promise<string | undefined>;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Every fault of tests/helpers/device-faults.ts, as a cell. */
const faultCells: FaultCell[] = FAMILY_NAMES.flatMap((family) =>
  FAULTS[family].map((c) => ({
    family,
    fault: c.fault,
    level: 'device' as const,
    async run(dataDir) {
      const { family: def, device, clock } = await simulated(family, dataDir);
      try {
        await c.on(device);
        const faulty = await accept(def, device, clock, c.operator?.(def, device));
        if (faulty.passed || !same(faulty.failed, c.fails))
          return `with the fault on: failed [${faulty.failed.join(', ')}], expected [${c.fails.join(', ')}]`;
        await c.off(device);
        const again = await accept(def, device, clock);
        if (!again.passed) return `after clearing: still failing [${again.failed.join(', ')}]`;
        return undefined;
      } finally {
        await device.stop();
      }
    },
  })),
);

/** The link pulled and put back, for every family whose simulator is reached over a link. */
const linkCells: FaultCell[] = FAMILY_NAMES.map((family) => ({
  family,
  fault: 'cable pulled for 30 s, then put back',
  level: 'device' as const,
  async run(dataDir) {
    const { family: def, device, clock } = await simulated(family, dataDir);
    try {
      if (!device.link) return 'n/a';
      await device.link.unplug();
      await clock.advance(30_000);
      if (device.condition() === 'ready') return 'still ready with the cable pulled';
      await device.link.replug();
      await clock.until(() => device.condition() === 'ready');
      const again = await accept(def, device, clock);
      return again.passed ? undefined : `after replug: failing [${again.failed.join(', ')}]`;
    } finally {
      await device.stop();
    }
  },
}));

/**
 * Faults a driver rides through without the person noticing: the suite passes with them on (the
 * ID-card driver re-synchronises on noise, reassembles dribbled bytes, retries a corrupt reply).
 */
const TOLERATED: { family: FamilyName; fault: string; on: (sim: never) => void }[] = [
  {
    family: 'id-card-reader',
    fault: 'noise before every preamble',
    on: (s: IdSim) => s.setFault('noiseBeforePreamble', true),
  },
  {
    family: 'id-card-reader',
    fault: 'replies dribbled byte by byte',
    on: (s: IdSim) => s.setFault('dribbledBytes', true),
  },
  {
    family: 'id-card-reader',
    fault: 'one reply with a corrupt checksum',
    on: (s: IdSim) => s.setFault('checksumCorruption', 1),
  },
  {
    family: 'id-card-reader',
    fault: 'one failed card select',
    on: (s: IdSim) => s.setFault('selectFail', 1),
  },
];
type IdSim = { setFault(f: string, on: boolean | number): void };

const toleratedCells: FaultCell[] = TOLERATED.map((t) => ({
  family: t.family,
  fault: t.fault,
  level: 'device' as const,
  async run(dataDir) {
    const { family: def, device, clock } = await simulated(t.family, dataDir);
    try {
      t.on(device.simulator as never);
      const r = await accept(def, device, clock);
      return r.passed
        ? undefined
        : `failing [${r.failed.join(', ')}] with a fault the driver should ride through`;
    } finally {
      await device.stop();
    }
  },
}));

/** Journey-level cells: push cells here (level 'journey') from the session's fault tests. */
export const JOURNEY_CELLS: FaultCell[] = [];

export const allCells = (): FaultCell[] => [...faultCells, ...toleratedCells, ...linkCells, ...JOURNEY_CELLS];
